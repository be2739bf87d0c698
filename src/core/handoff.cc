#include "handoff.h"

#include <algorithm>

namespace attune {

void Conversation::Reset() {
  history_.clear();
  distress_ = 0;
  pending_ = false;
  consecutive_fallbacks_ = 0;
}

Decision Conversation::Observe(Affect* affect, bool fell_back, bool repeated) {
  consecutive_fallbacks_ = fell_back ? consecutive_fallbacks_ + 1 : 0;
  if (fell_back)
    affect->cues.push_back({kCueFallback, std::min(1.0, consecutive_fallbacks_ / double(std::max(1, policy_.fallbacks_before_offer))), "", 0, 0});
  if (repeated) affect->cues.push_back({kCueRepetition, 1.0, "", 0, 0});

  Decision d;
  double turn = std::max(0.0, -affect->valence) * 0.3;
  for (const Cue& c : affect->cues) {
    auto it = policy_.weights.find(c.name);
    const double w = (it == policy_.weights.end() ? 0.0 : it->second) * c.strength;
    turn += w;
    d.reasons.push_back({c.name, w, c.evidence});
    if (c.name == kCueCrisis || (c.name == kCueHumanRequest && c.strength >= 0.8)) d.immediate = true;
  }
  turn = std::min(1.0, turn);
  distress_ = d.immediate ? 1.0 : policy_.smoothing * turn + (1 - policy_.smoothing) * distress_;
  if (distress_ >= policy_.threshold) pending_ = true;
  else if (distress_ < policy_.release) pending_ = false;
  d.score = distress_;
  d.handoff = pending_;
  history_.push_back({affect->valence, turn, {}});
  for (const Cue& c : affect->cues) history_.back().cues.push_back(c.name);
  return d;
}

}  // namespace attune
