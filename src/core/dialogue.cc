#include "dialogue.h"

#include <algorithm>
#include <cmath>

#include "text.h"

namespace attune {
namespace {

// Light stemming so "orders", "ordered" and "ordering" meet: intent examples
// are few, so sharing evidence between word forms matters more than precision.
std::string Stem(const std::string& w) {
  if (w.size() > 5 && w.compare(w.size() - 3, 3, "ing") == 0) return w.substr(0, w.size() - 3);
  if (w.size() > 4 && w.compare(w.size() - 2, 2, "ed") == 0) return w.substr(0, w.size() - 2);
  if (w.size() > 3 && w.back() == 's' && w[w.size() - 2] != 's') return w.substr(0, w.size() - 1);
  return w;
}

std::vector<std::string> Terms(std::string_view text) {
  const std::string cleaned = CleanForAnalysis(text);
  std::vector<std::string> words;
  for (const Token& t : Tokenize(cleaned)) {
    if (t.kind == TokenKind::kWord) words.push_back(Stem(t.norm));
    else if (t.kind == TokenKind::kNumber) words.push_back("<num>");
    else if (t.kind == TokenKind::kEmail) words.push_back("<email>");
  }
  std::vector<std::string> terms = words;
  for (size_t i = 0; i + 1 < words.size(); ++i) terms.push_back(words[i] + " " + words[i + 1]);
  return terms;
}

void Normalize(std::map<std::string, double>* v) {
  double n = 0;
  for (auto& [k, x] : *v) n += x * x;
  n = std::sqrt(n);
  if (n > 0)
    for (auto& [k, x] : *v) x /= n;
}

double Dot(const std::map<std::string, double>& a, const std::map<std::string, double>& b) {
  const auto& small = a.size() < b.size() ? a : b;
  const auto& large = a.size() < b.size() ? b : a;
  double s = 0;
  for (const auto& [k, x] : small)
    if (auto it = large.find(k); it != large.end()) s += x * it->second;
  return s;
}

}  // namespace

std::map<std::string, double> IntentRecognizer::Vectorize(std::string_view text) const {
  std::map<std::string, double> v;
  for (const std::string& t : Terms(text)) {
    auto it = idf_.find(t);
    if (it != idf_.end()) v[t] += it->second;
  }
  Normalize(&v);
  return v;
}

void IntentRecognizer::Train(const std::vector<Intent>& intents) {
  names_.clear();
  centroids_.clear();
  idf_.clear();
  std::map<std::string, int> df;
  int docs = 0;
  for (const Intent& in : intents)
    for (const std::string& ex : in.examples) {
      std::vector<std::string> terms = Terms(ex);
      std::sort(terms.begin(), terms.end());
      terms.erase(std::unique(terms.begin(), terms.end()), terms.end());
      for (const std::string& t : terms) ++df[t];
      ++docs;
    }
  for (const auto& [t, n] : df) idf_[t] = std::log((1.0 + docs) / (1.0 + n)) + 1.0;
  for (const Intent& in : intents) {
    if (in.examples.empty()) continue;
    std::map<std::string, double> c;
    for (const std::string& ex : in.examples)
      for (const auto& [k, x] : Vectorize(ex)) c[k] += x;
    Normalize(&c);
    names_.push_back(in.name);
    centroids_.push_back(std::move(c));
  }
}

IntentMatch IntentRecognizer::Recognize(std::string_view text, double threshold) const {
  IntentMatch m{"none", 0};
  const auto v = Vectorize(text);
  if (v.empty() || names_.empty()) return m;
  // Cosine similarities turned into a confidence by a temperature softmax
  // blended with the raw similarity, so an off-topic message scores low
  // even when one intent is "least bad".
  std::vector<double> sims;
  for (const auto& c : centroids_) sims.push_back(Dot(v, c));
  const size_t best = std::max_element(sims.begin(), sims.end()) - sims.begin();
  double z = 0;
  for (double s : sims) z += std::exp((s - sims[best]) * 10);
  const double conf = std::sqrt(sims[best] * (1.0 / z));
  if (conf >= threshold) m.intent = names_[best];
  m.confidence = conf;
  return m;
}

std::string ChooseTone(const Affect& affect) {
  if (affect.HasCue(kCueCrisis)) return "crisis";
  auto emo = [&](const char* k) {
    auto it = affect.emotions.find(k);
    return it == affect.emotions.end() ? 0.0 : it->second;
  };
  if (affect.HasCue(kCueAnger) || affect.HasCue(kCueProfanity) || emo("anger") > 0.5) return "angry";
  if (emo("fear") > 0.4 || emo("nervousness") > 0.4 || affect.HasCue(kCueUrgency)) return "anxious";
  if (emo("sadness") > 0.4 || emo("grief") > 0.3) return "sad";
  if (affect.valence <= -0.35 || emo("annoyance") > 0.4 || emo("disappointment") > 0.4) return "frustrated";
  if (affect.valence >= 0.5) return "happy";
  return "neutral";
}

Reply Responder::Say(const Pack& pack, const std::string& response, const std::string& tone) {
  Reply r;
  auto it = pack.responses.find(response);
  if (it == pack.responses.end()) return r;
  const Response& resp = it->second;
  auto v = resp.variants.find(tone);
  if (v == resp.variants.end() || v->second.empty()) v = resp.variants.find("neutral");
  if (v == resp.variants.end() || v->second.empty()) return r;
  const std::vector<std::string>& options = v->second;
  const std::string key = response + "/" + v->first;
  // Deterministic rotation (tests and transcripts are reproducible) that
  // never repeats the previous variant when there is a choice.
  int idx = static_cast<int>(counter_++ % options.size());
  if (auto last = last_.find(key); last != last_.end() && options.size() > 1 && last->second == idx)
    idx = (idx + 1) % static_cast<int>(options.size());
  last_[key] = idx;
  r.text = options[idx];
  r.response = response;
  r.tone = v->first;
  r.variant = idx;
  r.quick_replies = resp.quick_replies;
  return r;
}

}  // namespace attune
