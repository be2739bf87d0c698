// Judgement: what one message asks of the people behind the bot.
//
// Five heads read every visitor message, in any of the supported languages:
//   crisis         an emergency now (self-harm, a medical emergency, violence),
//                  with its kind; not a past event, figurative speech, a
//                  product name or admin talk about symptoms.
//   human_request  the visitor wants a person, said directly or not ("is
//                  anyone real there", "get me your manager", "no more bot",
//                  "can billing call me"); not a person merely mentioned.
//   frustration    with the service or the bot: sarcasm, "third time I ask",
//                  "I already told you", threats to leave, charge back, review.
//   negativity     the message's feeling is negative, in every language.
//   hardship       the visitor's situation needs a person's care or authority,
//                  though they may be calm and ask for no one: fraud on their
//                  account, money they cannot do without stuck, a deadline a
//                  bot cannot meet, a health worry short of an emergency, a
//                  visitor who cannot manage, a death or a job lost; not the
//                  routine question on the same topic.
// and the message's language is detected from its characters.
//
// Each head is a linear model over the core's own hashed features
// (JudgementFeatures in text.h) with a bias and a Platt calibration per
// language, so a probability means the same in Spanish as in English and
// thresholds transfer. The weights are data, not code: a JudgementModel is
// read from the bytes models/judgement/train.py writes (models/judgement.bin,
// served as dist/models/judgement.bin); the core works without one, on its
// rules alone (cue_rules.h), which also stay on with a model as the floor
// crisis recall never drops below.
#pragma once

#include <array>
#include <cstdint>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "status.h"
#include "text.h"

namespace attune {

// Crisis kinds, one vocabulary across C++, JSON, events, CLI and docs.
inline constexpr const char* kCrisisSelfHarm = "self_harm";
inline constexpr const char* kCrisisMedicalEmergency = "medical_emergency";
inline constexpr const char* kCrisisViolence = "violence";

// Head names, in the order HeadScores lists them.
inline constexpr const char* kHeadCrisis = "crisis";
inline constexpr const char* kHeadHumanRequest = "human_request";
inline constexpr const char* kHeadFrustration = "frustration";
inline constexpr const char* kHeadNegativity = "negativity";
inline constexpr const char* kHeadHardship = "hardship";
inline constexpr int kHeadCount = 5;
const char* HeadName(int head);

// One head's verdict on one message.
struct HeadScore {
  double probability = 0;  // calibrated, 0..1
  double threshold = 1;    // the model fires at probability >= threshold (per language)
  bool fired = false;
  // Evidence: the few adjacent words that pushed the probability up most,
  // as byte offsets into the cleaned message ([begin, end); empty when the
  // head did not fire).
  size_t begin = 0;
  size_t end = 0;
};

// The conversation's learnt handoff: a logistic model over what
// Conversation::Observe measures each turn (the signals below, in order),
// fitted on whole conversations labelled with the turn a support lead would
// step in (models/judgement/train_handoff.py). Rules hand off on what they
// recognise; this hands off on how the conversation as a whole is going
// (frustration lasting, negativity after the bot's answers, hardship that
// stays), which the rules written from one set of conversations missed on
// others. Stored in the model file's header under "handoff".
// The signals, in the order of kHandoffSignalNames (judgement.cc says what each is).
enum HandoffSignal : int {
  kSignalCrisis, kSignalHumanRequest, kSignalFrustration, kSignalNegativity, kSignalHardship,
  kSignalNegativeValence, kSignalDistress, kSignalPreviousDistress, kSignalTurn, kSignalFrustratedTurns,
  kSignalHardshipTurns, kSignalImmediate,
  kSignalCueFrustration, kSignalCueFrustrationModel, kSignalCueFrustrationConversation, kSignalCueAnger,
  kSignalCueProfanity, kSignalCueUrgency, kSignalCueRepetition, kSignalCueFallback, kSignalCueNegativeTrend,
  kSignalCueHardship, kSignalCueHardshipModel, kSignalCueHardshipConversation, kSignalCueHumanRequest,
  kSignalCueCrisis,
  kSignalFrustrationXTurn, kSignalCueFrustrationXTurn,
  kSignalNegativeTurns, kSignalShortReply, kSignalShorter, kSignalAcknowledges, kSignalClosing,
  kHandoffSignalCount
};
using HandoffSignals = std::array<double, kHandoffSignalCount>;
// The signals' names, one vocabulary for the model file, the CLI and docs.
extern const char* const kHandoffSignalNames[kHandoffSignalCount];
// Where a key sits in a sorted key list, in O(1): one bit per bucket and the
// count of keys before each 64-bucket word (rank). Replaces a binary search
// over the model's ~53k keys per feature, most of Judge's time.
class KeyIndex {
 public:
  void Build(const std::vector<uint32_t>& sorted_keys, uint32_t buckets);
  // The key's position in the list, or -1 when it is not there.
  int32_t Find(uint32_t key) const {
    const size_t w = key >> 6;
    if (w >= bits_.size()) return -1;
    const uint64_t word = bits_[w], bit = uint64_t{1} << (key & 63);
    if (!(word & bit)) return -1;
    return static_cast<int32_t>(rank_[w] + static_cast<uint32_t>(__builtin_popcountll(word & (bit - 1))));
  }

 private:
  std::vector<uint64_t> bits_;
  std::vector<uint32_t> rank_;
};

struct HandoffModel {
  std::vector<double> weights;  // one per signal; empty: no learnt handoff
  double bias = 0;
  double threshold = 1;  // hand off at probability >= threshold
  // The turn's own words: a weight (times word_scale) for each bucket the
  // heads keep (the model's keys, in order; most are 0) and for a few other
  // buckets (sorted extra_keys), summed over the message's features and
  // divided by the square root of their count, as the heads sum theirs.
  std::vector<int8_t> word_weights;
  std::vector<uint32_t> extra_keys;
  std::vector<int8_t> extra_weights;
  double word_scale = 0;
  bool ready() const { return !weights.empty(); }
  // `words`: ModelJudgement::handoff_words of the turn.
  double Probability(const HandoffSignals& s, double words) const;
};

// The crisis check (optional, models/judgement/crisis_check.py): a second
// column fitted only where the crisis head fires, over sorted keys of its
// own. A crisis the model alone raises stands if the check agrees.
struct CrisisCheck {
  std::vector<uint32_t> keys;
  std::vector<int8_t> weights;
  // The crisis head fires from its calibrated threshold times `screen`
  // (< 1: more crises raised, the check weighs them).
  double screen = 1;
  double scale = 0, bias = 0, prior = 0;  // prior: the weight of the crisis head's logit
  double threshold = 0;
  bool ready() const { return !keys.empty(); }
};

struct ModelJudgement {
  std::string language = "und";  // BCP 47 ("en", "es", ...); "und" when there is nothing to tell by
  double language_confidence = 0;
  HeadScore heads[kHeadCount];   // crisis, human_request, frustration, negativity, hardship
  std::string crisis_kind;       // most likely kind, set when crisis fired
  double crisis_kind_probability = 0;
  // The crisis check's probability when crisis fired and the model has one
  // (else -1), and whether it doubts the crisis (below its threshold).
  double crisis_check = -1;
  bool crisis_doubted = false;
  bool crisis_screened = false;  // fired below the head's own threshold, by the check's screen
  // The model's learnt handoff, for the conversation to weigh this turn
  // (null when the model file has none). Lives as long as the model.
  const HandoffModel* handoff = nullptr;
  double handoff_words = 0;  // the turn's words' share of the learnt handoff's logit
  const HeadScore& head(int i) const { return heads[i]; }
};

class JudgementModel {
 public:
  // Reads a model from its bytes. On success sets *model and returns OK; on
  // failure leaves *model null and returns "invalid_model" naming what is
  // wrong (bad magic, truncated table, header not JSON, sizes that disagree).
  static Status Load(std::string_view bytes, std::shared_ptr<const JudgementModel>* model);

  // Scores one message (tokens of its cleaned text). Never fails.
  ModelJudgement Judge(const std::vector<Token>& tokens) const { return Judge(tokens, JudgementFeatures(tokens)); }
  // Same, with the tokens' JudgementFeatures already made.
  ModelJudgement Judge(const std::vector<Token>& tokens, const std::vector<HashedFeature>& features) const;
  // Same, with FindWho(tokens) already made (the features must come from them).
  ModelJudgement Judge(const std::vector<Token>& tokens, const std::vector<HashedFeature>& features,
                       const std::vector<WhoSpan>& who) const;

  // Languages the model knows, in its output order.
  const std::vector<std::string>& languages() const { return languages_; }
  size_t weight_count() const { return keys_.size(); }
  const HandoffModel& handoff() const { return handoff_; }

 private:
  JudgementModel() = default;
  struct Calibration {
    double a = 1, b = 0, threshold = 0.5;
  };
  const Calibration& CalibrationFor(int lang, int head) const;
  double ThresholdFor(int lang, int head) const;

  uint32_t buckets_ = 0;
  std::vector<uint32_t> keys_;  // sorted buckets that carry weights
  KeyIndex key_index_;          // over keys_
  std::vector<int8_t> weights_; // keys_.size() x outputs_, row-major
  int outputs_ = 0;             // kHeadCount + kinds
  std::vector<float> scales_;   // per output
  std::vector<float> bias_;     // per output
  std::vector<std::string> kinds_;
  // Language: dense table lang_buckets_ x languages.
  uint32_t lang_buckets_ = 0;
  std::vector<int8_t> lang_weights_;
  std::vector<float> lang_scales_;
  std::vector<float> lang_bias_;
  std::vector<std::string> languages_;
  // calibration_[lang * kHeadCount + head]; the last block (index
  // languages_.size()) is the pooled one, for a language without its own.
  std::vector<Calibration> calibration_;
  HandoffModel handoff_;
  CrisisCheck check_;
};

}  // namespace attune
