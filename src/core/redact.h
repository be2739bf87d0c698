// Redaction: taking personal data out of a visitor's text before it leaves
// the page (the transcript handed to a live agent, a webhook, a log).
//
// Redact() finds e-mail addresses, phone numbers (international and common
// national formats), payment card numbers (13-19 digits, optionally grouped
// with spaces or dashes, that pass the Luhn check) and IBANs (country code,
// check digits, national length, mod-97 check), and replaces each with a
// placeholder token: "[email]", "[phone]", "[card]", "[iban]". It reports
// every replacement with its kind and its span in the input, so a caller can
// show what was hidden.
//
// Checks, not guesses, decide the money kinds: a 16-digit order number that
// fails Luhn, or an IBAN-shaped code that fails mod-97, is left alone. Phone
// numbers have no checksum, so the rules lean on shape and context (a leading
// "+" or "00", a trunk "0", parentheses, US 3-3-4 grouping, or a word such as
// "phone"/"call" just before; never right after "order", "invoice" or "#").
//
// Cost is linear in the input with small constants (every scan is bounded by
// the longest thing it looks for), so a multi-megabyte paste cannot stall the
// page. Any byte string is accepted; invalid UTF-8 is repaired first.
#pragma once

#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

namespace attune {

enum class PiiKind { kEmail, kPhone, kCard, kIban };
// "email", "phone", "card", "iban": the kind's name in JSON and JS.
const char* PiiKindName(PiiKind kind);
// "[email]", "[phone]", "[card]", "[iban]": what replaces a finding.
const char* PiiPlaceholder(PiiKind kind);

struct RedactOptions {
  bool emails = true;  // Default: true.
  bool phones = true;  // Default: true.
  bool cards = true;   // Default: true.
  bool ibans = true;   // Default: true.
};

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

// The checks Redact() relies on, exposed for tests and callers that validate
// a single value. Both ignore spaces and dashes.
// True for 13-19 digits whose Luhn checksum is valid.
bool PassesLuhn(std::string_view digits);
// True when `iban` has a known country's length (or 15-34 characters for a
// country not in the table) and its mod-97 remainder is 1.
bool IsValidIban(std::string_view iban);

}  // namespace attune
