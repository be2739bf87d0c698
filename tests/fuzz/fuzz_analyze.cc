// Fuzz target: message analysis, the code every visitor message goes through
// (CleanForAnalysis, Tokenize, Analyze with and without model probabilities,
// Featurize). Invariants: cleaned text is valid UTF-8 and within the analysed
// cap, token and cue spans lie inside it, valence stays in [-1, 1], feature
// ids stay in [1, buckets).
#include <cmath>
#include <vector>

#include "core/affect.h"
#include "core/text.h"
#include "fuzz_util.h"

using namespace attune;

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  const std::string_view raw = fuzz::AsText(data, size);
  const std::string cleaned = CleanForAnalysis(raw);
  ATTUNE_FUZZ_CHECK(fuzz::IsValidUtf8(cleaned));
  ATTUNE_FUZZ_CHECK(cleaned.size() <= kMaxAnalyzedBytes);

  for (const Token& t : Tokenize(cleaned)) {
    ATTUNE_FUZZ_CHECK(t.begin < t.end && t.end <= cleaned.size());
  }

  AnalyzeOptions opts;
  if (size > 0) {
    // The first byte picks model probabilities (none / derived from the input).
    if (data[0] & 1) {
      for (size_t i = 0; i < EmotionLabels().size(); ++i)
        opts.emotion_probs.push_back(float(data[(i + 1) % size]) / 200.0f);  // some above 1, clamped by the core
    }
  }
  const Affect a = Analyze(raw, opts);
  ATTUNE_FUZZ_CHECK(std::isfinite(a.valence) && a.valence >= -1 && a.valence <= 1);
  for (const Cue& c : a.cues) ATTUNE_FUZZ_CHECK(c.begin <= c.end);

  FeaturizerOptions fo;
  fo.buckets = 1 << 15;
  for (int32_t id : Featurize(raw, fo)) ATTUNE_FUZZ_CHECK(id >= 1 && id < fo.buckets);
  return 0;
}
