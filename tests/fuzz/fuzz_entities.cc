// Fuzz target: entity extraction (ExtractEntities with the built-in types and
// a pack-defined pattern) and the entity-pattern matcher itself. The input is
// split at the first NUL-free "\n": the first line is a pack entity pattern
// (only used when EntityPatternError accepts it), the rest is the message.
// Invariants: spans lie inside the cleaned message, are ordered, and their
// text is what the span covers; every phone, email and address entity is
// exactly a span Redact() hides in the same text (one detector per kind);
// the matcher never hangs (libFuzzer -timeout).
#include <string>
#include <vector>

#include "core/entities.h"
#include "core/redact.h"
#include "core/text.h"
#include "fuzz_util.h"

using namespace attune;

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  const std::string input(fuzz::AsText(data, size));
  const size_t nl = input.find('\n');
  const std::string pattern = nl == std::string::npos ? std::string() : input.substr(0, nl);
  const std::string message = nl == std::string::npos ? input : input.substr(nl + 1);

  std::vector<EntityDefinition> custom;
  if (!pattern.empty() && pattern.size() <= 256 && EntityPatternError(pattern).empty()) {
    custom.push_back({"code", pattern});
    // The matcher on its own, against every word-ish piece of the message.
    (void)EntityPatternMatches(pattern, message.substr(0, 64));
  }
  const std::string cleaned = CleanForAnalysis(message);
  size_t last_begin = 0;
  const RedactedText redacted = Redact(cleaned);
  for (const Entity& e : ExtractEntities(cleaned, custom)) {
    if (e.type == "phone" || e.type == "email" || e.type == "address") {
      bool hidden = false;
      for (const Redaction& r : redacted.redactions) hidden |= r.begin == e.begin && r.end == e.end;
      ATTUNE_FUZZ_CHECK(hidden);
    }
    ATTUNE_FUZZ_CHECK(e.begin <= e.end && e.end <= cleaned.size());
    ATTUNE_FUZZ_CHECK(e.begin >= last_begin);
    ATTUNE_FUZZ_CHECK(e.text == cleaned.substr(e.begin, e.end - e.begin));
    ATTUNE_FUZZ_CHECK(!e.type.empty());
    last_begin = e.begin;
  }
  return 0;
}
