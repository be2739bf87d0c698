#include "affect.h"

#include <algorithm>
#include <cmath>

#include "text.h"

namespace attune {
namespace {

// A phrase detector: a sequence of normalized words that fires a cue.
struct Phrase {
  const char* cue;
  std::vector<std::string> words;
  double strength;
};

const std::vector<Phrase>& Phrases() {
  static const std::vector<Phrase> kPhrases = {
      {kCueHumanRequest, {"real", "person"}, 1.0},  {kCueHumanRequest, {"real", "human"}, 1.0},
      {kCueHumanRequest, {"human"}, 0.8},           {kCueHumanRequest, {"agent"}, 0.8},
      {kCueHumanRequest, {"representative"}, 0.9}, {kCueHumanRequest, {"someone", "real"}, 0.9},
      {kCueCrisis, {"kill", "myself"}, 1.0},        {kCueCrisis, {"suicide"}, 1.0},
      {kCueCrisis, {"end", "my", "life"}, 1.0},     {kCueAnger, {"furious"}, 0.9},
      {kCueAnger, {"ridiculous"}, 0.7},             {kCueAnger, {"unacceptable"}, 0.8},
      {kCueUrgency, {"urgent"}, 0.8},               {kCueUrgency, {"asap"}, 0.7},
  };
  return kPhrases;
}

const std::map<std::string, double>& MiniLexicon() {
  static const std::map<std::string, double> kLex = {
      {"good", 1.9},     {"great", 3.1},   {"thanks", 1.9}, {"thank", 1.5}, {"love", 3.2},
      {"happy", 2.7},    {"bad", -2.5},    {"terrible", -2.1}, {"awful", -2.0}, {"hate", -2.7},
      {"angry", -2.3},   {"sad", -2.1},    {"worst", -3.1}, {"furious", -2.7}, {"ridiculous", -2.0},
      {"unacceptable", -2.0}, {"ugh", -1.8}, {"problem", -1.7}, {"broken", -1.8}, {"late", -0.5}};
  return kLex;
}

}  // namespace

const std::vector<std::string>& EmotionLabels() {
  static const std::vector<std::string> kLabels = {
      "admiration", "amusement", "anger",       "annoyance", "approval",   "caring",       "confusion",
      "curiosity",  "desire",    "disappointment", "disapproval", "disgust", "embarrassment", "excitement",
      "fear",       "gratitude", "grief",       "joy",       "love",       "nervousness",  "optimism",
      "pride",      "realization", "relief",    "remorse",   "sadness",    "surprise",     "neutral"};
  return kLabels;
}

bool Affect::HasCue(std::string_view name) const {
  return std::any_of(cues.begin(), cues.end(), [&](const Cue& c) { return c.name == name; });
}

double Valence(std::string_view message) { return Analyze(message).valence; }

Affect Analyze(std::string_view message, const AnalyzeOptions& options) {
  Affect affect;
  const std::string cleaned = CleanForAnalysis(message);
  const std::vector<Token> tokens = Tokenize(cleaned);
  std::vector<const Token*> words;
  for (const Token& t : tokens)
    if (t.kind == TokenKind::kWord) words.push_back(&t);

  double sum = 0;
  for (const Token* w : words) {
    auto it = MiniLexicon().find(w->norm);
    if (it != MiniLexicon().end()) sum += it->second;
  }
  affect.valence = sum / std::sqrt(sum * sum + 15.0);

  for (const Phrase& p : Phrases()) {
    for (size_t i = 0; i + p.words.size() <= words.size(); ++i) {
      bool match = true;
      for (size_t k = 0; k < p.words.size() && match; ++k) match = words[i + k]->norm == p.words[k];
      if (!match || affect.HasCue(p.cue)) continue;
      Cue cue;
      cue.name = p.cue;
      cue.strength = p.strength;
      cue.begin = words[i]->begin;
      cue.end = words[i + p.words.size() - 1]->end;
      cue.evidence = cleaned.substr(cue.begin, cue.end - cue.begin);
      affect.cues.push_back(std::move(cue));
    }
  }
  const auto& labels = EmotionLabels();
  if (options.emotion_probs.size() == labels.size())
    for (size_t i = 0; i < labels.size(); ++i)
      affect.emotions[labels[i]] = std::clamp<double>(options.emotion_probs[i], 0.0, 1.0);
  return affect;
}

}  // namespace attune
