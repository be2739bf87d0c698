// Intents: recognising what the visitor wants, trained in the page.
//
// IntentRecognizer learns from a pack's examples when the pack loads (no
// service, no pre-trained weights): a multinomial logistic regression over
// TF-IDF weighted word unigrams, word pairs and character 3-5-grams of each
// word (accents folded), fitted by SGD. Part of the examples (every 10th of
// each intent, when the pack has enough) is held back for a while to fit a
// softmax temperature, so the confidence it returns is calibrated: "0.8"
// means right about 80 % of the time on examples like the pack's. Below the
// pack's threshold the intent is "none". An intent's optional patterns (see
// PatternMatches) win over the model with confidence 1.
//
// Knowing what it does not know. A softmax always picks one of the pack's
// intents, however unrelated the message. So the recognizer also learns, from
// the pack alone, what a message the pack does not cover looks like: at load
// it trains five more models, each with a fifth of the intents left out
// (cross-fitting), and watches how the left-out intents' examples score
// against held-back examples of the intents the model knows. Signals that
// separate them (the top probability and its margin, the softmax's log-sum-exp,
// how much of the message's vocabulary the pack has seen, and the character
// n-gram cosine to the nearest example) are combined by a small logistic model
// into `in_scope`, the probability that the best intent is the right one for
// a message the pack covers; below the rejection threshold the message is
// out of scope and its intent is "none". When the best intent alone is
// doubtful but it or the runner-up would be in scope, `clarify` is set so
// the dialogue can ask "did you mean A or B?".
//
// Featurization here is the intent model's own (see FeatureKeys in
// intents.cc), built from text.h's Tokenize, FoldAccents and HashString like
// everything else: character n-grams help with typos and word forms, folded
// accents with visitors who type "donde esta" for "dónde está". It does not
// touch Featurize(), which the emotion model depends on.
#pragma once

#include <array>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace attune {

struct Intent;
struct Token;  // text.h

struct IntentMatch {
  // The recognised intent; "none" when out of scope, when below the
  // threshold, or when the pack has no intent with examples.
  std::string intent = "none";
  // Calibrated probability of the best intent among the pack's intents (the
  // best guess's, also when `intent` is "none"); 1 when a pattern decided.
  double confidence = 0;
  // The best guess, whatever the threshold and scope said: the pack's nearest
  // topic for a "did you mean" or "I can help with" reply. Empty when the
  // message shares nothing with the pack's examples.
  std::string best;
  // Probability that `best` is the right answer and the message one the
  // pack covers, learnt at load with even odds of either (see the header
  // comment): the pack's out-of-scope score. 1 when a pattern decided, when
  // detection is off and when the pack is too small to learn it (fewer than
  // 3 intents with examples); 0 when the message shares nothing with the
  // examples.
  double in_scope = 1;
  // True when `in_scope` is below the recognizer's rejection threshold (see
  // IntentRecognizer::out_of_scope_threshold) and there is no clarifying
  // question to ask: the pack does not cover this message, `intent` is
  // "none"; `best` and `runner_up` are the nearest topics. Default: false.
  bool out_of_scope = false;
  // The second-best intent and its calibrated probability (empty / 0 with
  // fewer than 2 intents).
  std::string runner_up;
  double runner_up_confidence = 0;
  // True when `best` alone is doubtful (out of scope, or `runner_up` close
  // to it) but the two together would be in scope, and the runner-up is
  // plausible (IntentRecognizerOptions::clarify_margin, clarify_plausible):
  // ask the visitor which one they meant. `intent` is still `best` when it
  // was in scope, "none" otherwise; `out_of_scope` is false.
  bool clarify = false;
  // When a pattern decided it: the pattern's text; empty otherwise.
  std::string pattern;
};

// Internals of IntentRecognizer; callers should not rely on them.
namespace detail {
// A text's features found in the table, with their sublinear counts
// (1 + ln count), before any weighting.
struct Raw {
  std::vector<int32_t> index;
  std::vector<float> tf;
  double norm = 0;  // sum of tf^2 over all the text's features, known or not
  int words = 0;    // distinct words (and number, email... placeholders)
};
struct Sparse {
  std::vector<int32_t> index;
  std::vector<float> value;
};
// A multinomial logistic regression over the feature table.
struct Model {
  std::vector<float> weights;  // feature-major: weights[f * classes + c]
  std::vector<float> bias;
  double temperature = 1.0;
  size_t classes = 0;
};
// Inverted index of the unit-length example vectors, for the nearest example.
// One position of a pack pattern: any of `words`, or any word.
struct PatternElement {
  std::vector<std::string> words;  // any of these; empty with `any` = any word
  bool any = false;
  bool optional = false;
};
struct Neighbours {
  std::vector<uint32_t> start;  // per feature + 1, into example / value
  std::vector<int32_t> example;
  std::vector<float> value;
  std::vector<int32_t> label;   // per example
};
}  // namespace detail

struct IntentRecognizerOptions {
  // Passes over the examples. Default: 0 = automatic, 3 for 2000+ examples
  // (enough on BANKING77: a 4th added 0.1 %), 12 for smaller packs.
  int epochs = 0;
  double learning_rate = 4;   // Default: 4, decayed as 1/(1 + t/N).
  double l2 = 1e-6;           // Default: 1e-6 per example step.
  uint32_t seed = 7;          // Default: 7; training is deterministic.
  // Learn out-of-scope detection at load (costs a few more trainings on
  // smaller shares of the examples). Default: true.
  bool detect_out_of_scope = true;
  // Rejection threshold on `in_scope`: lower declines less and answers
  // wrongly more (tests/bench/intents.mjs prints the trade-off). Default: -1
  // = 0.5, where the combiner, fitted with both kinds weighted equally,
  // counts a wrong answer and a wrongly declined question the same.
  double out_of_scope_threshold = -1;
  // Clarify (IntentMatch::clarify) when the best intent alone is doubtful
  // (out of scope, or the runner-up within `clarify_margin` of it), the
  // runner-up has at least `clarify_plausible` times the best's probability,
  // and the two together would be in scope. Defaults: 0.3 and 0.25.
  double clarify_margin = 0.3;
  double clarify_plausible = 0.25;
};

class IntentRecognizer {
 public:
  // Learns from the intents' examples (and keeps their patterns). Intents
  // without examples can still match by pattern. Never fails; no examples at
  // all gives a recognizer that always answers "none".
  // `out_of_scope`: the pack's examples of what it does not cover (Pack::
  // out_of_scope), learnt as one more class that is never an answer.
  void Train(const std::vector<Intent>& intents, const IntentRecognizerOptions& options = {},
             const std::vector<std::string>& out_of_scope = {});

  // Best intent and its calibrated confidence; "none" (with the confidence
  // of the best guess) when below `threshold` or out of scope. `text` may be
  // anything.
  IntentMatch Recognize(std::string_view text, double threshold) const;

  // All intents with their calibrated probabilities, best first.
  std::vector<std::pair<std::string, double>> Rank(std::string_view text) const;

  size_t feature_count() const { return keys_.size(); }
  size_t intent_count() const { return names_.size(); }
  // The fitted softmax temperature (1 when too few examples to fit one).
  double temperature() const { return model_.temperature; }
  // The rejection threshold on IntentMatch::in_scope in force; 0 (nothing
  // rejected) when out-of-scope detection is off or the pack too small.
  double out_of_scope_threshold() const { return oos_threshold_; }

  // The signals the in-scope combiner reads (see Measure in intents.cc).
  static constexpr int kSignals = 8;
  using Signals = std::array<float, kSignals>;

 private:
  detail::Raw RawFeatures(std::string_view text, bool grow);
  // Same, from the text's tokens (Tokenize(CleanForAnalysis(text))).
  detail::Raw RawFeatures(const std::vector<Token>& tokens, bool grow);
  double InScope(const Signals& s) const;
  int32_t Find(uint64_t key) const;
  int32_t Insert(uint64_t key);

  std::vector<std::string> names_;  // classes of the model
  // Open-addressing table: feature hash -> feature index.
  std::vector<uint64_t> slots_;
  std::vector<int32_t> slot_index_;
  std::vector<uint64_t> keys_;
  std::vector<float> idf_;  // per feature
  detail::Model model_;
  detail::Neighbours neighbours_;
  // The in-scope combiner: standardised signals, logistic weights (the last
  // is the intercept); empty when the pack was too small to learn it.
  std::vector<double> signal_mean_, signal_scale_, combiner_;
  double oos_threshold_ = 0;
  int oos_class_ = -1;  // the class of the pack's out-of-scope examples, or -1
  double clarify_margin_ = 0.3, clarify_plausible_ = 0.25;
  // Patterns: (intent name, pattern text) in pack order.
  std::vector<std::pair<std::string, std::string>> patterns_;
  // Each pattern parsed once at Train (empty: invalid, never matches).
  std::vector<std::vector<detail::PatternElement>> parsed_patterns_;
};

// Messages grouped by what they say, for the review page: the messages the
// bot did not understand, so that each group can become a new intent's
// examples. Each text becomes the intent model's own feature vector (the
// words, word pairs and character n-grams of FeatureKeys, sublinear counts
// weighted by an IDF over `texts` themselves, unit length), and the texts are
// clustered greedily in order: a text joins the group whose centroid is most
// similar (cosine) if that similarity is at least `threshold`, else it starts
// a new group. Deterministic for the same texts in the same order.
struct SimilarityGroup {
  std::vector<size_t> members;  // indices into `texts`, in input order
  // The member nearest the group's centroid: a name-giving example.
  size_t representative = 0;
};
// Groups, largest first (ties: the earliest first member first). A text with
// no features (empty, punctuation only) is a group of its own. `threshold`
// is clamped to [0, 1]; 0.35-0.5 groups paraphrases of one request without
// merging different requests on shared function words.
std::vector<SimilarityGroup> GroupBySimilarity(const std::vector<std::string>& texts, double threshold);

// True when `pattern` occurs in `text` as a run of whole words. Patterns are
// words separated by spaces, case-insensitive; "(a|b|c)" is one word out of
// several ("()" inside the bar list, e.g. "(a|)", makes it optional) and "*"
// stands for any one to three words. Linear-time; safe on any input.
bool PatternMatches(std::string_view pattern, std::string_view text);

// Empty when `pattern` is well formed, else what is wrong with it.
std::string PatternError(std::string_view pattern);

}  // namespace attune
