// Handoff: deciding, turn by turn, whether the conversation needs a person.
//
// A Conversation keeps a short affect history and a distress score smoothed
// over turns, so one "ugh" is not a crisis but three increasingly angry turns
// are. Decide() returns a Decision every turn: whether to hand off, the score
// and the reasons (each cue with its weight and evidence), so the agent who
// takes over sees why. Hysteresis (a lower release threshold) keeps the
// decision from flapping.
#pragma once

#include <map>
#include <string>
#include <vector>

#include "affect.h"

namespace attune {

// Thresholds and weights; a pack's settings.handoff overrides any of them.
struct HandoffPolicy {
  double threshold = 0.65;  // Default: hand off when distress >= 0.65.
  double release = 0.45;    // Default: a pending handoff clears below 0.45.
  double smoothing = 0.5;   // Default: weight of the newest turn in the running distress.
  int fallbacks_before_offer = 2;  // Default: offer a person after 2 fallbacks in a row.
  // Default weights per cue name; a cue's contribution is weight * strength.
  std::map<std::string, double> weights = {
      {"human_request", 1.0}, {"crisis", 1.0},   {"anger", 0.45},     {"profanity", 0.3},
      {"urgency", 0.2},       {"repetition", 0.3}, {"fallback", 0.25}, {"negative_trend", 0.3}};
};

struct Reason {
  std::string name;      // cue name
  double weight = 0;     // its contribution to this turn's score
  std::string evidence;  // words that fired it
};

struct Decision {
  bool handoff = false;
  double score = 0;       // smoothed distress after this turn, 0..1
  bool immediate = false; // crisis or explicit request: no smoothing applied
  std::vector<Reason> reasons;
};

// Per-turn record kept by the conversation.
struct TurnAffect {
  double valence = 0;
  double distress = 0;  // this turn's instantaneous distress, 0..1
  std::vector<std::string> cues;
};

class Conversation {
 public:
  explicit Conversation(HandoffPolicy policy = {}) : policy_(std::move(policy)) {}

  // Records one visitor turn and returns the decision. `fell_back` says the
  // bot did not understand this message; `repeated` that the visitor said
  // nearly the same as before. Both become cues in `affect`.
  Decision Observe(Affect* affect, bool fell_back, bool repeated);

  double distress() const { return distress_; }
  int consecutive_fallbacks() const { return consecutive_fallbacks_; }
  const std::vector<TurnAffect>& history() const { return history_; }
  const HandoffPolicy& policy() const { return policy_; }
  void Reset();

 private:
  HandoffPolicy policy_;
  std::vector<TurnAffect> history_;
  double distress_ = 0;
  bool pending_ = false;
  int consecutive_fallbacks_ = 0;
};

}  // namespace attune
