// Personal data: one detector per kind (e-mail address, phone number,
// payment card, IBAN, street address), shared by redaction (redact.h),
// which hides what they find, and entity extraction (entities.h), which
// reads phones, e-mails and addresses as entities. Because both use the same
// detectors, whatever the bot understands as a phone number is also what
// never reaches an agent unredacted.
//
// The detectors read text as people write it: full-width digits, letters
// and signs (U+FF01..U+FF5E), non-breaking, thin and ideographic spaces and
// Unicode dashes count as their ASCII forms, so "５５５１２３４５６７" is a phone
// number like "5551234567". Spans always cover whole code points of the
// input.
//
//   email    local@domain.tld (the domain needs a dot and a 2+ letter TLD)
//   card     13-19 digits passing Luhn, starting 2-6, in groups joined by
//            spaces (one or two), dashes or dots
//   iban     country code, check digits, the country's length, mod-97 == 1
//   phone    7-15 digits, judged by shape and context: a leading "+" or
//            "00", a trunk "0", parentheses, 10+ digits, US 3-3-4 grouping,
//            Spanish/Portuguese 9-digit numbers, or a word such as "phone",
//            "teléfono", "Telefon" just before; never right after "order",
//            "pedido", "#", a currency sign, nor a date, a list of years or
//            a number with thousands separators
//   address  a street with its house number (and floor, postcode and city
//            when they follow) in English, Spanish, French, German,
//            Portuguese and Italian: "221B Baker Street", "Calle Mayor 5,
//            3º izq", "12 rue de la Paix", "Hauptstraße 12", "Rua Augusta
//            100", "Via Roma 10, 00184 Roma"; a quantity ("12 items",
//            "5 days") is never a house number
//
// Cost is linear in the input with small constants: every scan is bounded by
// the longest thing it looks for.
#pragma once

#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

namespace attune {

enum class PiiKind { kEmail, kPhone, kCard, kIban, kAddress };
// "email", "phone", "card", "iban", "address": the kind's name in JSON and JS.
const char* PiiKindName(PiiKind kind);
// "[email]", "[phone]", "[card]", "[iban]", "[address]": what replaces a finding.
const char* PiiPlaceholder(PiiKind kind);

// Which kinds to look for.
struct PiiOptions {
  bool emails = true;     // Default: true.
  bool phones = true;     // Default: true.
  bool cards = true;      // Default: true.
  bool ibans = true;      // Default: true.
  bool addresses = true;  // Default: true.
};

struct PiiMatch {
  PiiKind kind = PiiKind::kEmail;
  size_t begin = 0;  // byte span [begin, end) in the text searched
  size_t end = 0;
  // Normalised: e-mail lower-cased; phone "+" (when written) and digits;
  // card digits; IBAN upper-case without spaces; address as written with
  // full-width forms folded.
  std::string value;
};

// Every finding in `utf8` (valid UTF-8, e.g. after RepairUtf8 or
// CleanForAnalysis), in order, never overlapping. Checked kinds claim text
// first (e-mail, IBAN, card), then phones, then addresses, so a card inside
// a phone-shaped run stays a card. Never fails.
std::vector<PiiMatch> FindPii(std::string_view utf8, const PiiOptions& options = {});

// The checks the detectors rely on, for tests and callers that validate a
// single value. Both ignore spaces, dashes and dots and read full-width
// digits and letters as ASCII.
// True for 13-19 digits whose Luhn checksum is valid.
bool PassesLuhn(std::string_view digits);
// True when `iban` has a known country's length (or 15-34 characters for a
// country not in the table) and its mod-97 remainder is 1.
bool IsValidIban(std::string_view iban);

}  // namespace attune
