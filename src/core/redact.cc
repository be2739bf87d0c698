#include "redact.h"

#include "text.h"

namespace attune {

RedactedText Redact(std::string_view text, const RedactOptions& options) {
  const std::string in = RepairUtf8(text);
  RedactedText out;
  out.text.reserve(in.size());
  size_t at = 0;
  for (const PiiMatch& m : FindPii(in, options)) {
    out.redactions.push_back({m.kind, m.begin, m.end});
    out.text.append(in, at, m.begin - at);
    out.text += PiiPlaceholder(m.kind);
    at = m.end;
  }
  out.text.append(in, at, std::string::npos);
  return out;
}

}  // namespace attune
