// Fuzz target: reading a judgement model from untrusted bytes (a page could
// be served a broken or hostile models/judgement.bin). Invariants: Load()
// never crashes or aborts, and a model it accepts scores any message with
// probabilities in [0, 1], a language it knows (or "und"), a crisis kind
// only when crisis fired, and evidence inside the cleaned message.
#include <memory>
#include <string>

#include "core/judgement.h"
#include "core/text.h"
#include "fuzz_util.h"

using namespace attune;

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  const std::string_view bytes(reinterpret_cast<const char*>(data), size);
  std::shared_ptr<const JudgementModel> model;
  const Status s = JudgementModel::Load(bytes, &model);
  ATTUNE_FUZZ_CHECK(s.ok() == (model != nullptr));
  if (!s.ok()) {
    ATTUNE_FUZZ_CHECK(s.code() == "invalid_model");
    return 0;
  }
  // The model's own tail doubles as a message, so texts vary with the input.
  const std::string tail = RepairUtf8(bytes.substr(size > 64 ? size - 64 : 0));
  for (const std::string& text : {std::string("i took all my pills, goodbye"), std::string("¿hay alguien real ahí?"),
                                  std::string(), tail}) {
    const std::string cleaned = CleanForAnalysis(text);
    const ModelJudgement j = model->Judge(Tokenize(cleaned));
    bool known = j.language == "und";
    for (const std::string& l : model->languages()) known |= l == j.language;
    ATTUNE_FUZZ_CHECK(known);
    for (int k = 0; k < kHeadCount; ++k) {
      const HeadScore& h = j.heads[k];
      ATTUNE_FUZZ_CHECK(!(h.probability < 0) && !(h.probability > 1));  // NaN allowed only if weights are NaN
      ATTUNE_FUZZ_CHECK(h.begin <= h.end && h.end <= cleaned.size());
    }
    ATTUNE_FUZZ_CHECK(j.crisis_kind.empty() || j.heads[0].fired);
  }
  return 0;
}
