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

struct Rule {
  std::string match;
  std::vector<std::string> words;
  std::string why, suggest;
};

}  // namespace

void ToneCheck(const Pack& pack, std::string_view rules_json, std::vector<Diagnostic>* out) {
  const json rules = json::parse(rules_json.begin(), rules_json.end(), nullptr, false);
  auto bad = [&](const std::string& ptr, const std::string& msg) {
    out->push_back({"error", "", "tone rules " + (ptr.empty() ? std::string("/") : ptr) + ": " + msg, 0, 0, ""});
  };
  if (rules.is_discarded()) return bad("", "not valid JSON");
  if (!rules.is_object()) return bad("", "expected an object");
  size_t max_chars = 320;
  if (auto it = rules.find("max_reply_chars"); it != rules.end()) {
    if (!it->is_number_unsigned()) return bad("/max_reply_chars", "expected a positive integer");
    max_chars = it->get<size_t>();
  }
  std::vector<std::vector<std::string>> acks;
  if (auto it = rules.find("acknowledgement_phrases"); it != rules.end()) {
    if (!it->is_array()) return bad("/acknowledgement_phrases", "expected an array of strings");
    for (size_t i = 0; i < it->size(); ++i) {
      if (!(*it)[i].is_string()) return bad("/acknowledgement_phrases/" + std::to_string(i), "expected a string");
      acks.push_back(WordsOf((*it)[i].get<std::string>()));
    }
  }
  std::string ack_example;
  if (auto it = rules.find("acknowledgement_example"); it != rules.end() && it->is_string()) ack_example = it->get<std::string>();
  std::vector<Rule> phrases;
  if (auto it = rules.find("phrases"); it != rules.end()) {
    if (!it->is_array()) return bad("/phrases", "expected an array");
    for (size_t i = 0; i < it->size(); ++i) {
      const json& r = (*it)[i];
      const std::string p = "/phrases/" + std::to_string(i);
      if (!r.is_object() || !r.contains("match") || !r["match"].is_string()) return bad(p, "expected {\"match\": string, \"why\": string, \"suggest\": string}");
      Rule rule;
      rule.match = r["match"].get<std::string>();
      rule.words = WordsOf(rule.match);
      if (r.contains("why") && r["why"].is_string()) rule.why = r["why"].get<std::string>();
      if (r.contains("suggest") && r["suggest"].is_string()) rule.suggest = r["suggest"].get<std::string>();
      if (rule.words.empty()) return bad(p + "/match", "has no words");
      phrases.push_back(std::move(rule));
    }
  }

  const auto& distress = DistressTones();
  std::vector<std::string> distress_responses;
  for (const Intent& in : pack.intents)
    if (in.distress) distress_responses.push_back(in.response);
  distress_responses.push_back("crisis");

  auto check = [&](const std::string& text, const std::string& ptr, bool must_acknowledge) {
    const auto words = WordsOf(text);
    for (const Rule& r : phrases)
      if (Contains(words, r.words))
        out->push_back({"warning", ptr, "\"" + r.match + "\"" + (r.why.empty() ? std::string("") : ": " + r.why), 0, 0, r.suggest});
    const size_t n = CodePoints(text);
    if (n > max_chars)
      out->push_back({"warning", ptr,
                      std::to_string(n) + " characters is too long to read on a phone (limit " + std::to_string(max_chars) + ")", 0, 0,
                      "split it into a shorter reply and a quick reply for the details"});
    if (must_acknowledge && !acks.empty()) {
      bool ok = false;
      for (const auto& a : acks) ok |= Contains(words, a);
      if (!ok)
        out->push_back({"warning", ptr, "answers a visitor in distress without acknowledging how they feel", 0, 0,
                        ack_example.empty() ? "acknowledge the feeling before the answer" : "open with e.g. \"" + ack_example + "\""});
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
