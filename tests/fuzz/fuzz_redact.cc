// Fuzz target: PII redaction. Invariants: redactions are sorted, disjoint and
// inside the repaired input; putting the placeholders into the repaired input
// at those spans gives exactly the output; every card span passes Luhn and
// every IBAN span passes mod-97; the output is valid UTF-8.
#include <string>

#include "core/redact.h"
#include "core/text.h"
#include "fuzz_util.h"

using namespace attune;

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  const std::string_view raw = fuzz::AsText(data, size);
  const RedactedText r = Redact(raw);
  const std::string in = RepairUtf8(raw);
  ATTUNE_FUZZ_CHECK(fuzz::IsValidUtf8(r.text));

  std::string rebuilt;
  size_t at = 0;
  for (const Redaction& x : r.redactions) {
    ATTUNE_FUZZ_CHECK(x.begin >= at && x.begin < x.end && x.end <= in.size());
    const std::string span = in.substr(x.begin, x.end - x.begin);
    ATTUNE_FUZZ_CHECK(fuzz::IsValidUtf8(span));  // never cuts a code point
    if (x.kind == PiiKind::kCard) ATTUNE_FUZZ_CHECK(PassesLuhn(span));
    if (x.kind == PiiKind::kIban) ATTUNE_FUZZ_CHECK(IsValidIban(span));
    // "@" or its full-width form U+FF20, which the detectors read as "@".
    if (x.kind == PiiKind::kEmail)
      ATTUNE_FUZZ_CHECK(span.find('@') != std::string::npos || span.find("\xEF\xBC\xA0") != std::string::npos);
    rebuilt.append(in, at, x.begin - at);
    rebuilt += PiiPlaceholder(x.kind);
    at = x.end;
  }
  rebuilt.append(in, at, std::string::npos);
  ATTUNE_FUZZ_CHECK(rebuilt == r.text);
  return 0;
}
