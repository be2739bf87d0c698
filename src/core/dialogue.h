// Dialogue: understanding what the visitor wants and choosing what to say.
//
// IntentRecognizer is trained when a pack loads, from the pack's own
// examples, with no service involved. ChooseTone() maps a message's affect to
// the emotional register of the reply; Responder picks a variant for that
// tone, never the same one twice in a row.
#pragma once

#include <map>
#include <string>
#include <string_view>
#include <vector>

#include "affect.h"
#include "pack.h"

namespace attune {

struct IntentMatch {
  std::string intent;  // "none" when below the pack's threshold
  double confidence = 0;
};

class IntentRecognizer {
 public:
  // Learns from the intents' examples. Intents without examples are never
  // predicted.
  void Train(const std::vector<Intent>& intents);
  // Best intent and its confidence; "none" below `threshold`.
  IntentMatch Recognize(std::string_view text, double threshold) const;
  size_t vocabulary_size() const { return idf_.size(); }

 private:
  std::map<std::string, double> Vectorize(std::string_view text) const;
  std::vector<std::string> names_;
  std::vector<std::map<std::string, double>> centroids_;
  std::map<std::string, double> idf_;
};

// The tone of the reply for this affect: "neutral", "frustrated", "angry",
// "sad", "anxious" or "happy".
std::string ChooseTone(const Affect& affect);

struct Reply {
  std::string text;
  std::string response;  // which response produced it
  std::string tone;      // the tone actually used (falls back to neutral)
  int variant = 0;
  std::vector<std::string> quick_replies;
};

class Responder {
 public:
  // Picks a variant of pack.responses[response] for `tone`, falling back to
  // "neutral"; never repeats the previous variant of the same response when
  // another exists. An unknown response yields an empty Reply.
  Reply Say(const Pack& pack, const std::string& response, const std::string& tone);
  void Reset() { last_.clear(); counter_ = 0; }

 private:
  std::map<std::string, int> last_;  // "response/tone" -> last variant index
  unsigned counter_ = 0;
};

}  // namespace attune
