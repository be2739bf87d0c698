// Entities: the concrete things a visitor mentions (an order number, an
// email, a phone number, a date, an amount) and pack-defined ones.
//
// ExtractEntities() reads a cleaned message (CleanForAnalysis) and returns
// every entity found, in order, each with its byte span so a flow can take
// the value and a widget can highlight it. Built-in types:
//   order_number  "#A12345", "order 123456", "order number 123456",
//                 "pedido 55123" (3+ digits)
//   email         as typed, value lower-cased
//   phone         see pii.h; value "+" (when written) and the digits
//   date          ISO "2026-11-25", "25/11/2026", "Nov 25", "25 de noviembre",
//                 and relative words ("today", "tomorrow", "mañana", weekdays);
//                 value ISO ("2026-11-25", "--11-25") or the lower-case word
//   amount        "$12.50", "12,50 €", "30 dollars", "20 euros"; value "12.50 USD"
//   address       a street address in en/es/fr/de/pt/it (see pii.h); value as typed
// Emails, phones and addresses come from the personal-data detectors of
// pii.h, the same ones Redact() uses, so every one of them is also redacted.
// A pack entity is a pattern matched against whole words; when it is named
// like a built-in type it replaces that type's rule.
//
// Patterns are a safe subset of regular expressions: literals, ".", "\d",
// "\w", "\s"-free classes "[A-Z0-9-]", quantifiers "?", "*", "+", "{m}",
// "{m,n}" on single atoms; no groups, alternation or backreferences, and
// matching is a linear-time NFA simulation, so hostile text cannot blow up.
// Matching ignores case.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "pack.h"

namespace attune {

struct Entity {
  std::string type;   // "order_number", "email", ... or a pack entity name
  std::string value;  // normalised value
  std::string text;   // as typed
  size_t begin = 0;   // byte span in the cleaned message
  size_t end = 0;
};

// The built-in entity types, in the order above.
const std::vector<std::string>& BuiltinEntityTypes();

// All entities in `cleaned`, ordered by position. `custom` are the pack's.
std::vector<Entity> ExtractEntities(std::string_view cleaned, const std::vector<EntityDefinition>& custom = {});

// Empty when `pattern` is a valid entity pattern, else what is wrong.
std::string EntityPatternError(std::string_view pattern);

// True when the whole of `word` matches `pattern` (see above).
bool EntityPatternMatches(std::string_view pattern, std::string_view word);

// The entity as the bot reads it back to the visitor: as typed, except
// English and German weekdays, which are names ("tuesday" -> "Tuesday").
std::string ReadBack(const Entity& e);

}  // namespace attune
