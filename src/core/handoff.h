// Handoff: deciding, turn by turn, whether the conversation needs a person.
//
// A Conversation keeps a short affect history and a distress score smoothed
// over turns, so one "ugh" is not a crisis but three increasingly angry turns
// are. Observe() returns a Decision every turn: whether to hand off, the
// score and the reasons (each cue with its weight and evidence), so the agent
// who takes over sees why. Hysteresis (a lower release threshold) keeps the
// decision from flapping.
//
// How a turn's distress is made (all weights from HandoffPolicy):
//   turn = min(1, valence_weight * negativity + sum over cues of weight[cue] * strength)
//   (frustration's weight grows with frustrated turns before it, and is
//   frustration_midchat times more from the third message on, and half
//   in the first two when only the model heard it; hardship's
//   grows the same way with hardship turns before it (the model's
//   counting only when sure), is half in the first two messages when
//   only the model heard it, and weighs frustration_midchat times more
//   from the fourth message on; a hardship the head is sure of, 0.99 or
//   more, hands off at once like a clear request, unless it names money
//   moved, and so does one at 0.95 told at length, 12 words or more, in a
//   chat's first three messages)
//   negativity = max(0, -valence); with emotion probabilities it is blended
//                with the model's negative emotions by emotion_weight.
//   distress = smoothing * turn + (1 - smoothing) * previous distress,
//              except that `crisis` and a clear `human_request` set it to 1.
//   handoff turns on at distress >= threshold, off again below release.
// With a judgement model that holds a learnt handoff (judgement.h
// HandoffModel), from the second message on and unless a pack understood
// the message, its probability over this turn's signals (Decision::signals)
// and words reaching the model's threshold also turns handoff on, with the
// reason `escalation`: the conversation read whole, where the rules count
// what they recognise.
#pragma once

#include <cstdint>
#include <map>
#include <string>
#include <string_view>
#include <vector>

#include "affect.h"

namespace attune {

// Thresholds and weights; a pack's settings.handoff overrides any of them.
struct HandoffPolicy {
  // Default: hand off when distress >= 0.61: just above what one turn alone
  // can reach (smoothing, 0.6), so a single outburst never hands off but the
  // next angry turn does; crisis and explicit requests are immediate anyway.
  // Tuned on models/judgement/conversations-dev (0.65 missed 6 more of 84).
  double threshold = 0.61;
  double release = 0.45;    // Default: a pending handoff clears below 0.45.
  double smoothing = 0.6;   // Default: weight of the newest turn in the running distress.
  int fallbacks_before_offer = 2;  // Default: offer a person after 2 fallbacks in a row.
  double valence_weight = 0.5;     // Default: a fully negative message adds 0.5 to the turn (tuned on models/judgement/conversations-dev).
  double emotion_weight = 0.5;     // Default: model and lexicon negativity count equally.
  int trend_turns = 3;             // Default: negative_trend looks at the last 3 turns.
  // Frustration builds: each of the last 3 turns that was frustrated too
  // adds this share again to a frustrated turn's weight, so the second or
  // third exasperated message hands off even when each alone would not.
  // Hardship builds by the same share (a word not understood, then fear).
  double frustration_build = 0.5;  // Default: 0.5.
  // From the third message on, frustration weighs this many times more: the
  // visitor is still frustrated after the bot's answers, which is when a
  // support lead steps in (sarcasm, "I already told you", a chargeback
  // threat mid-chat). Tuned on the development conversations (conversations-dev,
  // the read halves of the blind sets): 2.0 was where more on time stopped.
  // Hardship weighs the same factor more from the fourth message on ("the
  // rent must be in by tomorrow" after three turns the bot did not solve);
  // no calm development chat changed.
  double frustration_midchat = 2.0;  // Default: 2.0.
  // Default weights per cue name; a cue's contribution is weight * strength.
  std::map<std::string, double> weights = {
      {"human_request", 1.0}, {"crisis", 1.0},     {"anger", 0.55},     {"profanity", 0.3},
      {"urgency", 0.2},       {"repetition", 1.0}, {"fallback", 0.25}, {"negative_trend", 0.35},
      {"frustration", 0.9},   // frustration: tuned on models/judgement/conversations-dev
      {"hardship", 1.0}};     // hardship >= 0.8 is immediate anyway (a death, a job lost, medicine running out)
  // repetition: a message said again word for word has strength 0.3 (0.3
  // of a turn, as before repetition by meaning); the third message on one
  // topic 0.4, the fourth and later 1.0, which alone hands off the next
  // turn or at once after a distressed one (tuned on the read development
  // conversations: "can I come without an appointment" as the fourth
  // question about one appointment, no calm development chat changed).
};

// The reason given when the learnt handoff, reading the conversation whole,
// hands off (Decision::learnt).
inline constexpr const char* kReasonEscalation = "escalation";

struct Reason {
  std::string name;      // cue name
  double weight = 0;     // its contribution to this turn's score
  std::string evidence;  // words that fired it
  // Where the evidence is in the message, as UTF-16 offsets JavaScript can
  // slice (message.slice(begin, end)); both 0 for conversation-level cues
  // (repetition, fallback, negative_trend), whose evidence is a description.
  size_t begin = 0;
  size_t end = 0;
  std::string layer;     // "pattern" or "model" (cue.layer); "conversation" for the conversation's own cues
  double probability = 1;  // the model's calibrated probability, 1 for a pattern
  std::string kind;      // crisis kind
};

struct Decision {
  bool handoff = false;
  double score = 0;       // smoothed distress after this turn, 0..1
  double turn_score = 0;  // this turn's own distress before smoothing, 0..1
  bool immediate = false; // crisis or explicit request: no smoothing applied
  // The handoff would have fired but the visitor declined (or just ended) a
  // handoff and nothing new has happened since (see Conversation::Decline):
  // `handoff` is false. Crisis cues are still in the affect.
  bool suppressed = false;
  std::vector<Reason> reasons;  // strongest first
  // What the learnt handoff read this turn (judgement.h HandoffModel), and
  // its probability (0 without a model that has one). When it reaches the
  // model's threshold the conversation hands off with the reason
  // `escalation` (layer "model").
  HandoffSignals signals{};
  double learnt = 0;
};

// Per-turn record kept by the conversation.
struct TurnAffect {
  double valence = 0;
  double distress = 0;  // this turn's instantaneous distress, 0..1
  std::vector<std::string> cues;
};

// True when `cleaned` says nearly the same as one of `previous` (word-set
// Jaccard >= 0.7 over messages of 3+ words, or, for messages judged with a
// model, their character n-gram sets overlapping by half: rewordings,
// typos and reordered words count as the same question).
bool IsRepeat(std::string_view cleaned, const std::vector<std::string>& previous);

// Everything a Conversation remembers between turns, as plain data, so an
// engine can save a conversation and pick it up in another page or tab
// (Engine::SaveState). Word and feature sets are hashes, never message text.
struct ConversationState {
  std::vector<TurnAffect> history;
  std::vector<std::vector<uint64_t>> recent_words;
  std::vector<std::vector<uint32_t>> recent_features;
  double distress = 0;
  bool pending = false;
  int consecutive_fallbacks = 0;
  int suppress_turns_left = 0;
  double distress_at_decline = 0;
  bool crisis_ongoing = false;
};

class Conversation {
 public:
  // The kept history: at most this many turns, and repetition is checked
  // against this many recent messages.
  static constexpr size_t kMaxHistory = 50;
  static constexpr size_t kRecentMessages = 5;
  explicit Conversation(HandoffPolicy policy = {}) : policy_(std::move(policy)) {}

  // Records one visitor turn and returns the decision. `fell_back` says the
  // bot did not understand this message; `repeated` that the visitor said
  // nearly the same as before. Both become cues in `affect`, as does
  // `negative_trend` when valence has been falling over the last turns.
  Decision Observe(Affect* affect, bool fell_back, bool repeated);
  // The same, where `topic_run` is how many of the visitor's last messages,
  // this one included, are about one thing (topic.h TopicRun): from
  // kTopicRunCue on without the visitor taking an answer in, the message is
  // a repetition by meaning ("gibt es einen Notfalltermin" after "gibt es
  // heute noch einen Termin"), weighing more with each message.
  Decision Observe(Affect* affect, bool fell_back, bool repeated, size_t topic_run);
  static constexpr size_t kTopicRunCue = 3;

  // Same, but the conversation itself checks `message` against the last 5
  // messages for repetition. With `bot_answers` (the engine, whose pack
  // answers each message), a run on one topic is not counted: the engine's
  // own signal stands for it (the same intent answered again is a fallback),
  // and four follow-ups each answered anew are no rewording. Without a bot
  // (a visitor-only transcript) the run is all there is to go on.
  Decision ObserveMessage(std::string_view message, Affect* affect, bool fell_back, bool bot_answers = false);

  // The visitor declined the handoff offer, or a handoff with a person has
  // ended: from the next turn on the decision stays off (Decision::suppressed)
  // until something new happens:
  //   - a crisis cue on a turn after a turn without one (a crisis that was
  //     already going on when the visitor declined does not re-offer),
  //   - an explicit request for a person (human_request >= 0.8, or
  //     RequestedPerson() for an intent that asks for one),
  //   - distress reaching the level at the decline + kRenewDistressRise,
  //   - or kSuppressTurns turns.
  // Calling it again restarts the suppression from the current state.
  void Decline();
  // An intent that asks for a person was recognised in the coming turn: it
  // counts as an explicit request, which ends any suppression.
  void RequestedPerson() { suppress_turns_left_ = 0; }
  // True while a decline or end is holding the decision off.
  bool suppressed() const { return suppress_turns_left_ > 0; }
  static constexpr double kRenewDistressRise = 0.15;
  // A turn this distressed (or the conversation's smoothed distress) makes
  // a crisis set aside on the next closing count (Affect::set_aside_crisis).
  static constexpr double kDistressedTurn = 0.35;
  static constexpr int kSuppressTurns = 6;

  double distress() const { return distress_; }
  int consecutive_fallbacks() const { return consecutive_fallbacks_; }
  const std::vector<TurnAffect>& history() const { return history_; }  // at most the last 50 turns
  const HandoffPolicy& policy() const { return policy_; }
  void Reset();
  // The state between turns; Restore() puts one back as it was (the policy
  // stays this conversation's). The caller checks sizes and ranges first.
  ConversationState State() const;
  void Restore(ConversationState state);

 private:
  // One turn; `answered`: a pack understood the message (the engine's
  // answer was no fallback), when the learnt handoff is not weighed.
  Decision Turn(Affect* affect, bool fell_back, bool repeated, size_t topic_run, bool answered);

  HandoffPolicy policy_;
  std::vector<TurnAffect> history_;
  std::vector<std::vector<uint64_t>> recent_words_;  // word sets (hashed) of the last 5 messages
  std::vector<std::vector<uint32_t>> recent_features_;  // judgement feature sets of the same messages
  // Topic sets (topic.h) of the visitor's messages since the last one that
  // took an answer in, at most kTopicWindow; kept only without a bot (an
  // engine never counts topic runs), so not part of ConversationState.
  std::vector<std::vector<uint32_t>> recent_topics_;
  double distress_ = 0;
  bool pending_ = false;
  int consecutive_fallbacks_ = 0;
  int suppress_turns_left_ = 0;       // turns the decline still holds the decision off
  double distress_at_decline_ = 0;
  bool crisis_ongoing_ = false;       // the last turn had a crisis cue
};

// The `analyze` result for one message as a JSON object: language,
// valence, distress, heads ({crisis|human_request|frustration|negativity:
// {probability, threshold, fired}}, null without a model), crisis_kind,
// cues [{name, strength, evidence, begin, end, layer, probability, kind?}],
// handoff, immediate, reasons [{name, weight, evidence, begin, end, layer,
// probability, kind?}] and emotions (label -> probability, or null).
// begin/end are UTF-16 offsets into the message as given.
std::string AnalysisToJson(const Affect& affect, const Decision& decision);

}  // namespace attune
