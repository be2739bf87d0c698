// Redaction: taking personal data out of a visitor's text before it leaves
// the page (the transcript handed to a live agent, a live message after the
// handoff, a left message, a webhook, a log).
//
// Redact() replaces every finding of the personal-data detectors (pii.h:
// e-mail addresses, phone numbers, payment cards, IBANs, street addresses)
// with a placeholder token: "[email]", "[phone]", "[card]", "[iban]",
// "[address]". It reports every replacement with its kind and its span in
// the input, so a caller can show what was hidden. The detectors are the
// ones entity extraction (entities.h) uses, so whatever the bot reads as a
// phone number or e-mail is also redacted, in any written form (full-width
// digits, dots, double spaces, non-breaking spaces).
//
// Checks, not guesses, decide the money kinds: a 16-digit order number that
// fails Luhn, or an IBAN-shaped code that fails mod-97, is left alone.
//
// Cost is linear in the input with small constants, so a multi-megabyte
// paste cannot stall the page. Any byte string is accepted; invalid UTF-8 is
// repaired first.
#pragma once

#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

#include "pii.h"

namespace attune {

// Which kinds Redact() hides; all by default.
using RedactOptions = PiiOptions;

struct Redaction {
  PiiKind kind = PiiKind::kEmail;
  // Byte offsets [begin, end) into the input after RepairUtf8 (the input
  // itself when it was valid UTF-8).
  size_t begin = 0;
  size_t end = 0;
};

struct RedactedText {
  std::string text;                   // the input with each finding replaced by its placeholder
  std::vector<Redaction> redactions;  // in input order, never overlapping
};

// Returns `text` with personal data replaced. Never fails: text without
// findings comes back unchanged (after UTF-8 repair) with no redactions.
RedactedText Redact(std::string_view text, const RedactOptions& options = {});

}  // namespace attune
