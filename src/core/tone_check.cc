#include "tone_check.h"

#include <algorithm>
#include <cstdio>

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

// Contains, with the last word also matching its plural ("SKUs", "copays").
bool ContainsTerm(const std::vector<std::string>& hay, const std::vector<std::string>& needle) {
  if (needle.empty() || needle.size() > hay.size()) return false;
  for (size_t i = 0; i + needle.size() <= hay.size(); ++i) {
    bool ok = true;
    for (size_t k = 0; k < needle.size() && ok; ++k) {
      const std::string& h = hay[i + k];
      const std::string& n = needle[k];
      ok = h == n || (k + 1 == needle.size() && (h == n + "s" || h == n + "es"));
    }
    if (ok) return true;
  }
  return false;
}

// One decimal, without a trailing ".0": 59.6 stays below 60 when printed.
std::string Format(double v) {
  char buf[32];
  std::snprintf(buf, sizeof buf, "%.1f", v);
  std::string s = buf;
  if (s.size() > 2 && s.compare(s.size() - 2, 2, ".0") == 0) s.resize(s.size() - 2);
  return s;
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
  if (auto it = doc.find("language"); it != doc.end()) {
    if (!it->is_string()) return bad("/language", "expected a language tag such as \"en\"");
    r.language = it->get<std::string>();
  }
  if (auto it = doc.find("max_reply_chars"); it != doc.end()) {
    if (!it->is_number_unsigned()) return bad("/max_reply_chars", "expected a positive integer");
    r.max_reply_chars = it->get<size_t>();
  }
  if (auto it = doc.find("min_readability"); it != doc.end()) {
    if (!it->is_number()) return bad("/min_readability", "expected a number (a score on the language's readability scale)");
    r.min_readability = it->get<double>();
    r.has_min_readability = true;
  }
  if (auto it = doc.find("mobile"); it != doc.end()) {
    if (!it->is_object()) return bad("/mobile", "expected {\"width_px\": integer, \"chars_per_line\": integer, \"lines\": integer}");
    for (const char* key : {"width_px", "chars_per_line", "lines"}) {
      auto f = it->find(key);
      if (f == it->end()) continue;
      if (!f->is_number_unsigned() || f->get<uint64_t>() > 100000) return bad(std::string("/mobile/") + key, "expected a positive integer");
      const int v = static_cast<int>(f->get<uint64_t>());
      if (std::string(key) == "width_px") r.mobile.width_px = v;
      else if (std::string(key) == "chars_per_line") r.mobile.chars_per_line = v;
      else r.mobile.lines = v;
    }
    if (r.mobile.chars_per_line == 0) return bad("/mobile/chars_per_line", "expected a positive integer");
  }
  if (auto it = doc.find("jargon"); it != doc.end()) {
    if (!it->is_object()) return bad("/jargon", "expected an object of term -> plain alternative");
    for (auto j = it->begin(); j != it->end(); ++j) {
      const std::string p = "/jargon/" + j.key();
      if (!j->is_string()) return bad(p, "expected a string (the plain alternative)");
      ToneRules::Jargon term{j.key(), WordsOf(j.key()), j->get<std::string>()};
      if (term.words.empty()) return bad(p, "has no words");
      r.jargon.push_back(std::move(term));
    }
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

// The formulas were calibrated on 100-word samples: under 10 words one long
// word moves a score by 20 points, so shorter replies get a score but no warning.
constexpr int kMinReadabilityWords = 10;

int WrappedLines(std::string_view text, int chars_per_line) {
  if (chars_per_line <= 0) return 0;
  const size_t cpl = static_cast<size_t>(chars_per_line);
  int lines = 0;
  size_t at = 0;
  while (true) {  // each paragraph
    const size_t nl = text.find('\n', at);
    const std::string_view para = text.substr(at, nl == std::string_view::npos ? std::string_view::npos : nl - at);
    size_t line = 0;  // code points on the current line
    int para_lines = 1;
    size_t i = 0;
    while (i < para.size()) {
      if (para[i] == ' ') { ++i; continue; }
      size_t j = i;
      while (j < para.size() && para[j] != ' ') ++j;
      size_t w = CodePoints(para.substr(i, j - i));
      if (line > 0 && line + 1 + w <= cpl) {
        line += 1 + w;
      } else {
        if (line > 0) ++para_lines;
        // A word longer than a line breaks over several.
        while (w > cpl) { ++para_lines; w -= cpl; }
        line = w;
      }
      i = j;
    }
    lines += para_lines;
    if (nl == std::string_view::npos) break;
    at = nl + 1;
  }
  return lines;
}

namespace {

// Calls fn(text, pointer, tone, must_acknowledge) for every reply, in the
// order ToneReport lists them.
template <class Fn>
void ForEachReply(const Pack& pack, Fn fn) {
  const auto& distress = DistressTones();
  std::vector<std::string> distress_responses;
  for (const Intent& in : pack.intents)
    if (in.distress) distress_responses.push_back(in.response);
  distress_responses.push_back("crisis");
  for (const auto& [name, r] : pack.responses) {
    const bool distress_response = std::find(distress_responses.begin(), distress_responses.end(), name) != distress_responses.end();
    for (const auto& [tone, texts] : r.variants) {
      const bool distress_tone = std::find(distress.begin(), distress.end(), tone) != distress.end();
      for (size_t i = 0; i < texts.size(); ++i) fn(texts[i], r.pointers.at(tone)[i], tone, distress_tone || distress_response);
    }
  }
  for (const auto& [tone, texts] : pack.acknowledgements)
    for (size_t i = 0; i < texts.size(); ++i) fn(texts[i], "/acknowledgements/" + tone + "/" + std::to_string(i), tone, true);
  // What the handoff says is read by the same visitor.
  if (!pack.handoff.consent_text.empty()) fn(pack.handoff.consent_text, "/handoff/consent_text", "neutral", false);
  if (!pack.handoff.no_agent_message.empty()) fn(pack.handoff.no_agent_message, "/handoff/no_agent_message", "neutral", false);
}

}  // namespace

std::vector<ReplyReport> ToneReport(const Pack& pack, const ToneRules& rules) {
  const std::string& language = rules.language.empty() ? pack.language : rules.language;
  std::vector<ReplyReport> out;
  ForEachReply(pack, [&](const std::string& text, const std::string& ptr, const std::string& tone, bool) {
    ReplyReport r;
    r.pointer = ptr;
    r.tone = tone;
    r.readability = ScoreReadability(text, language);
    r.chars = CodePoints(text);
    r.lines = WrappedLines(text, rules.mobile.chars_per_line);
    r.rated = r.readability.ok && r.readability.counts.words >= kMinReadabilityWords;
    out.push_back(std::move(r));
  });
  return out;
}

void ToneCheck(const Pack& pack, const ToneRules& rules, std::vector<Diagnostic>* out) {
  const std::string& language = rules.language.empty() ? pack.language : rules.language;
  // The pack's own jargon adds to the rules' and overrides the same term.
  std::vector<ToneRules::Jargon> jargon;
  for (const auto& [term, plain] : pack.jargon) {
    ToneRules::Jargon j{term, WordsOf(term), plain};
    if (!j.words.empty()) jargon.push_back(std::move(j));
  }
  for (const ToneRules::Jargon& j : rules.jargon)
    if (std::none_of(jargon.begin(), jargon.end(), [&](const ToneRules::Jargon& p) { return p.words == j.words; })) jargon.push_back(j);

  ForEachReply(pack, [&](const std::string& text, const std::string& ptr, const std::string&, bool must_acknowledge) {
    const auto words = WordsOf(text);
    for (const ToneRules::Phrase& r : rules.phrases)
      if (Contains(words, r.words))
        out->push_back({"warning", ptr, "\"" + r.match + "\"" + (r.why.empty() ? std::string("") : ": " + r.why), 0, 0, r.suggest});
    for (const ToneRules::Jargon& j : jargon)
      if (ContainsTerm(words, j.words))
        out->push_back({"warning", ptr, "\"" + j.term + "\" is jargon a visitor may not know", 0, 0, j.plain});
    const size_t n = CodePoints(text);
    const int lines = rules.mobile.lines > 0 ? WrappedLines(text, rules.mobile.chars_per_line) : 0;
    if (rules.mobile.lines > 0 && lines > rules.mobile.lines) {
      out->push_back({"warning", ptr,
                      std::to_string(lines) + " lines on a phone (" + std::to_string(rules.mobile.chars_per_line) + " characters a line in a " +
                          std::to_string(rules.mobile.width_px) + " px-wide widget): longer than the " + std::to_string(rules.mobile.lines) +
                          " lines a screen shows",
                      0, 0, "split it into a shorter reply and a quick reply for the details"});
    } else if (rules.max_reply_chars > 0 && n > rules.max_reply_chars) {
      out->push_back({"warning", ptr,
                      std::to_string(n) + " characters is too long to read on a phone (limit " + std::to_string(rules.max_reply_chars) + ")", 0, 0,
                      "split it into a shorter reply and a quick reply for the details"});
    }
    if (rules.has_min_readability) {
      const Readability r = ScoreReadability(text, language);
      if (r.ok && r.counts.words >= kMinReadabilityWords && r.score < rules.min_readability)
        out->push_back({"warning", ptr,
                        "hard to read: " + r.formula + " " + Format(r.score) + " (" + r.band + "), below " + Format(rules.min_readability), 0, 0,
                        "shorter sentences and everyday words"});
    }
    if (must_acknowledge && !rules.acknowledgements.empty()) {
      bool ok = false;
      for (const auto& a : rules.acknowledgements) ok |= Contains(words, a);
      if (!ok)
        out->push_back({"warning", ptr, "answers a visitor in distress without acknowledging how they feel", 0, 0,
                        rules.acknowledgement_example.empty() ? "acknowledge the feeling before the answer"
                                                           : "open with e.g. \"" + rules.acknowledgement_example + "\""});
    }
  });
}

}  // namespace attune
