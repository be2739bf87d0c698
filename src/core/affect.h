// Affect: what a single message says about how the visitor feels.
//
// Analyze() reads one message and returns its valence (a VADER-class,
// rule-based score in [-1, 1]), the cues it detected (each with the evidence
// that fired it) and, when the emotion model supplied them, per-label emotion
// probabilities. It never fails: any text, including empty, binary or huge
// input, yields a result (see text.h for the truncation policy).
#pragma once

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "judgement.h"
#include "text.h"

namespace attune {

// Cue names, one vocabulary across C++, JSON, events, CLI and docs.
inline constexpr const char* kCueHumanRequest = "human_request";
inline constexpr const char* kCueCrisis = "crisis";
inline constexpr const char* kCueAnger = "anger";
inline constexpr const char* kCueProfanity = "profanity";
inline constexpr const char* kCueUrgency = "urgency";
inline constexpr const char* kCueRepetition = "repetition";
inline constexpr const char* kCueFallback = "fallback";
inline constexpr const char* kCueNegativeTrend = "negative_trend";
inline constexpr const char* kCueFrustration = "frustration";
// A life event that needs a person: a death in the family, a job lost,
// essential medicine running out (strength >= 0.8 hands off at once).
inline constexpr const char* kCueHardship = "hardship";
// From this probability the hardship head hands off at once, in any message,
// unless the message names money moved (handoff.cc says why and how it was
// chosen); the reply is then sorry first (dialogue.cc), and an unsure model
// crisis beside it is set aside (affect.cc).
inline constexpr double kHardshipAtOnce = 0.99;
// The kind of a hardship pattern for money taken that the visitor did not
// spend (a fraud): told, then carried on in the next turn, it hands off.
inline constexpr const char* kHardshipMoneyTaken = "money_taken";
// The kind of a frustration pattern saying it is said or asked again ("for
// the third time", "I already told you"): from the third message it hands off.
inline constexpr const char* kFrustrationToldAgain = "told_again";

// Which layer found a cue: a curated pattern, or a judgement model head.
inline constexpr const char* kLayerPattern = "pattern";
inline constexpr const char* kLayerModel = "model";
// Raised by the conversation itself (repetition, fallbacks, a bare "?") or by the engine.
inline constexpr const char* kLayerConversation = "conversation";

// Emotion-model probability of anger (or 0.8 x annoyance) at which the
// model alone raises an `anger` cue.
inline constexpr double kModelAngerThreshold = 0.5;

// Evidence longer than this many bytes is cut (at a code point boundary).
inline constexpr size_t kMaxEvidenceBytes = 160;

// A detected signal with its evidence. Analyze() reports at most one cue per
// name: the strongest occurrence's evidence, with a strength raised a little
// by each further occurrence.
struct Cue {
  std::string name;      // one of the kCue* names
  double strength = 0;   // 0..1: how sure / how strong this occurrence is
  std::string evidence;  // the words that fired it, as typed
  size_t begin = 0;      // byte span of the evidence in the cleaned message
  size_t end = 0;
  // The same span as UTF-16 offsets into the message Analyze() was given,
  // so JavaScript can slice it: message.slice(begin16, end16).
  size_t begin16 = 0;
  size_t end16 = 0;
  std::string layer = kLayerPattern;  // kLayerPattern, kLayerModel or kLayerConversation
  double probability = 1;             // the model head's calibrated probability; 1 for a pattern
  std::string kind;                   // crisis: self_harm, medical_emergency or violence; hardship: money_taken;
                                      // frustration: told_again
};

// The GoEmotions labels, in the order the emotion model outputs them.
const std::vector<std::string>& EmotionLabels();

struct Affect {
  double valence = 0;                     // [-1, 1]
  std::map<std::string, double> emotions; // label -> probability; empty without the model
  std::vector<Cue> cues;
  // The message's distinct words as sorted 64-bit hashes, so the
  // conversation can spot repetition without tokenizing the message again.
  std::vector<uint64_t> word_hashes;
  // The judgement model's view (language, head probabilities); `judged` is
  // false when no model was given and only the patterns ran.
  bool judged = false;
  ModelJudgement judgement;
  // The message's judgement features, kept so the conversation can compare
  // messages by meaning-bearing n-grams without featurizing them again.
  std::vector<uint32_t> feature_hashes;
  // The message is only a support-chat closing ("thanks, bye", "merci, au
  // revoir"; affect.cc: kClosingPhrases).
  bool closing = false;
  // ... and one that takes leave for good ("thanks for everything", "adieu",
  // "me voy, gracias por todo"; affect.cc: kFinalPhrases): a closing after a
  // chat's first message, but as a chat's first words a crisis farewell may
  // be meant, so the conversation keeps its crisis there (Conversation::Turn).
  bool final_closing = false;
  // The conversation handed off at once on this message's hardship (a sure
  // head, or a need told at length at a chat's start; Conversation::Turn):
  // the reply says sorry first (dialogue.cc ChooseTone).
  bool hardship_at_once = false;
  // The message tells a calm plan ("ok I'll think about it and talk to my
  // husband", "lo voy a pensar"; crisis_rules.cc SetAsideCalmPlan): a
  // model-only crisis in it is set aside as a closing's is (it counts again
  // after a distressed turn), and the engine answers it as a goodbye when no
  // intent matched.
  bool plan = false;
  // The message's content words as sorted hashes (topic.h TopicHashes), so
  // the conversation can tell when the visitor keeps asking about one thing.
  std::vector<uint32_t> topic_hashes;
  // The message takes an answer in ("ok", "thanks", "got it", "parfait"):
  // what came before it was heard, so a run on one topic starts again.
  bool acknowledges = false;
  // Money moved is named ("1.850 € abgebucht", "a charge of $40"), or the
  // visitor disowns something ("das war ich nicht!!"): told in two messages,
  // that is money taken (Conversation::Observe).
  bool names_money_moved = false;
  bool disowns = false;
  // A short question whether something is there ("et il y a un parking ?", "is there
  // parking?"): neutral, whatever the negativity head hears in it (crisis_rules.cc
  // SetAsideExistenceQuestion); the conversation does not weigh the head there.
  bool asks_if_there = false;
  // The message only calls for an answer: "?", "hello?", "quindi?", "und?".
  // Mid-chat it is a visitor left waiting (Conversation::Observe).
  bool ping = false;
  // The visitor asks whether they are talking to a bot ("are you a bot?",
  // "¿eres un robot?", "t'es une ia ?"): the engine says so plainly
  // (a pack's `bot_identity` reply) instead of "tell me more".
  bool asks_if_bot = false;
  // Every person the visitor names is declined ("no need for a human, just
  // tell me when it arrives"): the engine reads the request beside the
  // refusal for the intent, which the person's words pulled out of scope.
  bool declines_person = false;
  // A crisis the model alone raised where its words were those of a closing
  // or of asking for a person ("je veux parler à quelqu'un"): not a cue of
  // this message on its own; the conversation raises it again when the turn
  // before was distressed (Conversation::Observe).
  std::optional<Cue> set_aside_crisis;
  bool HasCue(std::string_view name) const;
  const Cue* FindCue(std::string_view name) const;
  // The hardship head at kHardshipAtOnce or more in a message that names no
  // money moved: the hardship that hands off at once (handoff.cc), beside
  // which an unsure crisis is set aside (affect.cc).
  bool SureHardship() const {
    return judged && judgement.heads[4].probability >= kHardshipAtOnce && !names_money_moved;
  }
};

// What Analyze() detects (Conversation::Observe adds `repetition`, `fallback`
// and `negative_trend`, which need the conversation):
//   human_request  a talking verb near a person noun in one clause ("can I
//                  talk to a real person", "hablar con un agente", "mit einem
//                  Mitarbeiter sprechen"), a wanting verb with the person as
//                  its object ("I need a human", "get me a real person"), or a
//                  bare "agent"/"human please"; not when negated ("I don't
//                  need a human", "je ne veux pas parler à un humain").
//                  en es fr de pt it. With a model, also its head (indirect
//                  requests: "is anyone real there", "get me the manager").
//   crisis         self-harm, medical emergencies and violence happening now,
//                  with its kind (not hyperbole: "this deal is killer", "gave
//                  me a heart attack"): curated patterns OR the model's head.
//   frustration    the model's frustration head (sarcasm, "third time",
//                  threats to leave...); with a model only.
//   anger          anger words not negated ("not angry"), mostly-capitals
//                  shouting that is not happy, or the emotion model's anger.
//   profanity      swear words, also masked ("f*ck", "sh1t").
//   urgency        "urgent", "asap", "right now"... not when negated.
//
// Options for Analyze. Default: everything on, no model probabilities.
struct AnalyzeOptions {
  // Emotion probabilities from the model, in EmotionLabels() order; empty
  // when the model is not loaded. Values outside [0, 1] are clamped, a
  // vector of the wrong length is ignored.
  std::vector<float> emotion_probs;
  // The judgement model (judgement.h), or null for patterns only. Not owned.
  const JudgementModel* judgement = nullptr;
};

Affect Analyze(std::string_view message, const AnalyzeOptions& options = {});

// The sorted distinct hashes of a message's word/emoji/number tokens (norms).
std::vector<uint64_t> WordHashes(const std::vector<Token>& tokens);

// Valence alone, for benchmarks against VADER.
double Valence(std::string_view message);

}  // namespace attune
