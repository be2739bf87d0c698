#include "handoff.h"

#include <algorithm>
#include <cmath>
#include <cstdio>

#include <nlohmann/json.hpp>

#include "text.h"

namespace attune {
namespace {

constexpr size_t kMaxHistory = 50;
constexpr size_t kRecentMessages = 5;

std::string Fmt(double v) {
  char buf[16];
  std::snprintf(buf, sizeof buf, "%.2f", v);
  return buf;
}

// The model's negative emotions as one 0..1 figure: anger counts fully,
// milder or less handoff-relevant feelings partly.
double ModelNegativity(const std::map<std::string, double>& e) {
  auto p = [&](const char* l) {
    auto it = e.find(l);
    return it == e.end() ? 0.0 : it->second;
  };
  const double n = p("anger") + 0.6 * p("annoyance") + 0.6 * p("disgust") + 0.4 * p("disappointment") +
                   0.4 * p("sadness") + 0.5 * p("fear") + 0.3 * p("nervousness") + 0.5 * p("grief") +
                   0.3 * p("disapproval");
  return std::clamp(n, 0.0, 1.0);
}

}  // namespace

// A message's distinct words as sorted 64-bit hashes: comparing two
// messages is then one merge, with no string compares.
std::vector<uint64_t> RepeatWords(std::string_view cleaned) {
  std::vector<uint64_t> w;
  for (const Token& t : Tokenize(cleaned)) {
    if (t.kind == TokenKind::kPunct) continue;
    uint64_t h = 1469598103934665603ull;
    for (unsigned char c : t.norm) h = (h ^ c) * 1099511628211ull;
    w.push_back(h);
  }
  std::sort(w.begin(), w.end());
  w.erase(std::unique(w.begin(), w.end()), w.end());
  return w;
}

bool RepeatsAny(const std::vector<uint64_t>& now, const std::vector<std::vector<uint64_t>>& previous) {
  if (now.size() < 3) return false;
  for (const auto& before : previous) {
    size_t common = 0;
    for (size_t a = 0, b = 0; a < now.size() && b < before.size();) {
      if (now[a] < before[b]) ++a;
      else if (before[b] < now[a]) ++b;
      else { ++common; ++a; ++b; }
    }
    const double jaccard = double(common) / double(now.size() + before.size() - common);
    if (jaccard >= 0.7) return true;
  }
  return false;
}

bool IsRepeat(std::string_view cleaned, const std::vector<std::string>& previous) {
  std::vector<std::vector<uint64_t>> before;
  for (const std::string& p : previous) before.push_back(RepeatWords(p));
  return RepeatsAny(RepeatWords(cleaned), before);
}

void Conversation::Reset() {
  history_.clear();
  recent_words_.clear();
  distress_ = 0;
  pending_ = false;
  consecutive_fallbacks_ = 0;
}

Decision Conversation::ObserveMessage(std::string_view message, Affect* affect, bool fell_back) {
  // Word sets are kept, not messages, so each message is tokenized once.
  std::vector<uint64_t> words = RepeatWords(CleanForAnalysis(message));
  const bool repeated = RepeatsAny(words, recent_words_);
  recent_words_.push_back(std::move(words));
  if (recent_words_.size() > kRecentMessages) recent_words_.erase(recent_words_.begin());
  return Observe(affect, fell_back, repeated);
}

Decision Conversation::Observe(Affect* affect, bool fell_back, bool repeated) {
  consecutive_fallbacks_ = fell_back ? consecutive_fallbacks_ + 1 : 0;
  if (fell_back)
    affect->cues.push_back({kCueFallback,
                            std::min(1.0, consecutive_fallbacks_ / double(std::max(1, policy_.fallbacks_before_offer))),
                            std::to_string(consecutive_fallbacks_) + " fallback(s) in a row", 0, 0});
  if (repeated) affect->cues.push_back({kCueRepetition, 1.0, "repeats an earlier message", 0, 0});

  // negative_trend: valence falling over the last turns (never rising by
  // more than a little), ending clearly negative.
  const double v = std::isfinite(affect->valence) ? affect->valence : 0.0;
  std::vector<double> recent;
  const size_t span = static_cast<size_t>(std::max(2, policy_.trend_turns)) - 1;
  for (size_t k = history_.size() > span ? history_.size() - span : 0; k < history_.size(); ++k)
    recent.push_back(history_[k].valence);
  recent.push_back(v);
  if (recent.size() >= 3 && v <= -0.25) {
    bool falling = true;
    for (size_t k = 1; k < recent.size(); ++k) falling &= recent[k] <= recent[k - 1] + 0.05;
    const double drop = recent.front() - v;
    if (falling && drop >= 0.3) {
      std::string ev = "valence";
      for (size_t k = 0; k < recent.size(); ++k) ev += (k ? " -> " : " ") + Fmt(recent[k]);
      affect->cues.push_back({kCueNegativeTrend, std::min(1.0, drop), ev, 0, 0});
    }
  }

  Decision d;
  double negativity = std::max(0.0, -v);
  if (!affect->emotions.empty())
    negativity = (1 - policy_.emotion_weight) * negativity + policy_.emotion_weight * ModelNegativity(affect->emotions);
  double turn = policy_.valence_weight * negativity;
  for (const Cue& c : affect->cues) {
    auto it = policy_.weights.find(c.name);
    const double w = (it == policy_.weights.end() ? 0.0 : it->second) * c.strength;
    turn += w;
    d.reasons.push_back({c.name, w, c.evidence});
    if (c.name == kCueCrisis || (c.name == kCueHumanRequest && c.strength >= 0.8)) d.immediate = true;
  }
  std::stable_sort(d.reasons.begin(), d.reasons.end(), [](const Reason& a, const Reason& b) { return a.weight > b.weight; });
  turn = std::clamp(turn, 0.0, 1.0);
  distress_ = d.immediate ? 1.0 : policy_.smoothing * turn + (1 - policy_.smoothing) * distress_;
  if (distress_ >= policy_.threshold) pending_ = true;
  else if (distress_ < policy_.release) pending_ = false;
  d.score = distress_;
  d.turn_score = turn;
  d.handoff = pending_;

  history_.push_back({v, turn, {}});
  for (const Cue& c : affect->cues) history_.back().cues.push_back(c.name);
  if (history_.size() > kMaxHistory) history_.erase(history_.begin());
  return d;
}

std::string AnalysisToJson(const Affect& a, const Decision& d) {
  using json = nlohmann::json;
  json j;
  j["valence"] = a.valence;
  j["distress"] = d.score;
  json cues = json::array();
  for (const Cue& c : a.cues)
    cues.push_back({{"name", c.name}, {"strength", c.strength}, {"evidence", c.evidence}, {"begin", c.begin}, {"end", c.end}});
  j["cues"] = cues;
  j["handoff"] = d.handoff;
  j["immediate"] = d.immediate;
  json reasons = json::array();
  for (const Reason& r : d.reasons) reasons.push_back({{"name", r.name}, {"weight", r.weight}, {"evidence", r.evidence}});
  j["reasons"] = reasons;
  j["emotions"] = a.emotions.empty() ? json(nullptr) : json(a.emotions);
  return j.dump(-1, ' ', false, json::error_handler_t::replace);
}

}  // namespace attune
