#include "tone_check.h"

#include <algorithm>

#include <nlohmann/json.hpp>

#include "text.h"

namespace attune {
namespace {

using json = nlohmann::json;

std::vector<std::string> WordsOf(std::string_view s) {
  std::vector<std::string> out;
  for (const Token& t : Tokenize(CleanForAnalysis(s)))
    if (t.kind == TokenKind::kWord || t.kind == TokenKind::kNumber) {
      // Curly and straight apostrophes compare equal.
      std::string w = t.norm;
      for (size_t k; (k = w.find("\xE2\x80\x99")) != std::string::npos;) w.replace(k, 3, "'");
      out.push_back(w);
    }
  return out;
}

bool Contains(const std::vector<std::string>& hay, const std::vector<std::string>& needle) {
  if (needle.empty() || needle.size() > hay.size()) return false;
  return std::search(hay.begin(), hay.end(), needle.begin(), needle.end()) != hay.end();
}

size_t CodePoints(std::string_view s) {
  size_t n = 0;
  for (unsigned char c : s) n += (c & 0xC0) != 0x80;
  return n;
}

}  // namespace

Status ParseToneRules(std::string_view rules_json, ToneRules* rules) {
  const json doc = json::parse(rules_json.begin(), rules_json.end(), nullptr, false);
  auto bad = [](const std::string& ptr, const std::string& msg) {
    return Status::InvalidArgument("tone rules " + (ptr.empty() ? std::string("/") : ptr) + ": " + msg);
  };
  if (doc.is_discarded()) return bad("", "not valid JSON");
  if (!doc.is_object()) return bad("", "expected an object");
  ToneRules r;
  if (auto it = doc.find("max_reply_chars"); it != doc.end()) {
    if (!it->is_number_unsigned()) return bad("/max_reply_chars", "expected a positive integer");
    r.max_reply_chars = it->get<size_t>();
  }
  if (auto it = doc.find("acknowledgement_phrases"); it != doc.end()) {
    if (!it->is_array()) return bad("/acknowledgement_phrases", "expected an array of strings");
    for (size_t i = 0; i < it->size(); ++i) {
      if (!(*it)[i].is_string()) return bad("/acknowledgement_phrases/" + std::to_string(i), "expected a string");
      r.acknowledgements.push_back(WordsOf((*it)[i].get<std::string>()));
    }
  }
  if (auto it = doc.find("acknowledgement_example"); it != doc.end() && it->is_string())
    r.acknowledgement_example = it->get<std::string>();
  if (auto it = doc.find("phrases"); it != doc.end()) {
    if (!it->is_array()) return bad("/phrases", "expected an array");
    for (size_t i = 0; i < it->size(); ++i) {
      const json& j = (*it)[i];
      const std::string p = "/phrases/" + std::to_string(i);
      if (!j.is_object() || !j.contains("match") || !j["match"].is_string()) return bad(p, "expected {\"match\": string, \"why\": string, \"suggest\": string}");
      ToneRules::Phrase phrase;
      phrase.match = j["match"].get<std::string>();
      phrase.words = WordsOf(phrase.match);
      if (j.contains("why") && j["why"].is_string()) phrase.why = j["why"].get<std::string>();
      if (j.contains("suggest") && j["suggest"].is_string()) phrase.suggest = j["suggest"].get<std::string>();
      if (phrase.words.empty()) return bad(p + "/match", "has no words");
      r.phrases.push_back(std::move(phrase));
    }
  }
  *rules = std::move(r);
  return Status::Ok();
}

void ToneCheck(const Pack& pack, std::string_view rules_json, std::vector<Diagnostic>* out) {
  ToneRules rules;
  if (Status s = ParseToneRules(rules_json, &rules); !s.ok()) {
    out->push_back({"error", "", s.message(), 0, 0, ""});
    return;
  }
  ToneCheck(pack, rules, out);
}

void ToneCheck(const Pack& pack, const ToneRules& rules, std::vector<Diagnostic>* out) {
  const auto& distress = DistressTones();
  std::vector<std::string> distress_responses;
  for (const Intent& in : pack.intents)
    if (in.distress) distress_responses.push_back(in.response);
  distress_responses.push_back("crisis");

  auto check = [&](const std::string& text, const std::string& ptr, bool must_acknowledge) {
    const auto words = WordsOf(text);
    for (const ToneRules::Phrase& r : rules.phrases)
      if (Contains(words, r.words))
        out->push_back({"warning", ptr, "\"" + r.match + "\"" + (r.why.empty() ? std::string("") : ": " + r.why), 0, 0, r.suggest});
    const size_t n = CodePoints(text);
    if (n > rules.max_reply_chars)
      out->push_back({"warning", ptr,
                      std::to_string(n) + " characters is too long to read on a phone (limit " + std::to_string(rules.max_reply_chars) + ")", 0, 0,
                      "split it into a shorter reply and a quick reply for the details"});
    if (must_acknowledge && !rules.acknowledgements.empty()) {
      bool ok = false;
      for (const auto& a : rules.acknowledgements) ok |= Contains(words, a);
      if (!ok)
        out->push_back({"warning", ptr, "answers a visitor in distress without acknowledging how they feel", 0, 0,
                        rules.acknowledgement_example.empty() ? "acknowledge the feeling before the answer"
                                                           : "open with e.g. \"" + rules.acknowledgement_example + "\""});
    }
  };

  for (const auto& [name, r] : pack.responses) {
    const bool distress_response = std::find(distress_responses.begin(), distress_responses.end(), name) != distress_responses.end();
    for (const auto& [tone, texts] : r.variants) {
      const bool distress_tone = std::find(distress.begin(), distress.end(), tone) != distress.end();
      for (size_t i = 0; i < texts.size(); ++i) check(texts[i], r.pointers.at(tone)[i], distress_tone || distress_response);
    }
  }
  for (const auto& [tone, texts] : pack.acknowledgements)
    for (size_t i = 0; i < texts.size(); ++i) check(texts[i], "/acknowledgements/" + tone + "/" + std::to_string(i), true);
}

}  // namespace attune
