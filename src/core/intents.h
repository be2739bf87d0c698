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
// Featurization here is the intent model's own (see FeatureKeys in
// intents.cc), built from text.h's Tokenize, FoldAccents and HashString like
// everything else: character n-grams help with typos and word forms, folded
// accents with visitors who type "donde esta" for "dónde está". It does not
// touch Featurize(), which the emotion model depends on.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace attune {

struct Intent;

struct IntentMatch {
  std::string intent;  // "none" when below the threshold
  double confidence = 0;
  // When a pattern decided it: the pattern's text; empty otherwise.
  std::string pattern;
};

struct IntentRecognizerOptions {
  // Passes over the examples. Default: 0 = automatic, 3 for 2000+ examples
  // (enough on BANKING77: a 4th added 0.1 %), 12 for smaller packs.
  int epochs = 0;
  double learning_rate = 4;   // Default: 4, decayed as 1/(1 + t/N).
  double l2 = 1e-6;           // Default: 1e-6 per example step.
  uint32_t seed = 7;          // Default: 7; training is deterministic.
};

class IntentRecognizer {
 public:
  // Learns from the intents' examples (and keeps their patterns). Intents
  // without examples can still match by pattern. Never fails; no examples at
  // all gives a recognizer that always answers "none".
  void Train(const std::vector<Intent>& intents, const IntentRecognizerOptions& options = {});

  // Best intent and its calibrated confidence; "none" (with the confidence
  // of the best guess) when below `threshold`. `text` may be anything.
  IntentMatch Recognize(std::string_view text, double threshold) const;

  // All intents with their calibrated probabilities, best first.
  std::vector<std::pair<std::string, double>> Rank(std::string_view text) const;

  size_t feature_count() const { return keys_.size(); }
  size_t intent_count() const { return names_.size(); }
  // The fitted softmax temperature (1 when too few examples to fit one).
  double temperature() const { return temperature_; }

 private:
  struct Sparse {
    std::vector<int32_t> index;
    std::vector<float> value;
  };
  Sparse Vectorize(std::string_view text, bool grow);
  Sparse Lookup(std::string_view text) const;
  void Scores(const Sparse& x, std::vector<float>* out) const;
  int32_t Find(uint64_t key) const;
  int32_t Insert(uint64_t key);

  std::vector<std::string> names_;  // classes of the model
  // Open-addressing table: feature hash -> feature index.
  std::vector<uint64_t> slots_;
  std::vector<int32_t> slot_index_;
  std::vector<uint64_t> keys_;
  std::vector<float> weights_;  // feature-major: weights_[f * classes + c]
  std::vector<float> bias_;
  std::vector<float> idf_;      // per feature; empty while training starts
  double temperature_ = 1.0;
  // Patterns: (intent name, pattern text) in pack order.
  std::vector<std::pair<std::string, std::string>> patterns_;
};

// True when `pattern` occurs in `text` as a run of whole words. Patterns are
// words separated by spaces, case-insensitive; "(a|b|c)" is one word out of
// several ("()" inside the bar list, e.g. "(a|)", makes it optional) and "*"
// stands for any one to three words. Linear-time; safe on any input.
bool PatternMatches(std::string_view pattern, std::string_view text);

// Empty when `pattern` is well formed, else what is wrong with it.
std::string PatternError(std::string_view pattern);

}  // namespace attune
