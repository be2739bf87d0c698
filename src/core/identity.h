// Identity: the words of a message that say who the visitor is.
//
// Whether a message needs a person, is frustrated or is in crisis must not
// depend on whether its writer is a woman or a man, Black or white, Muslim or
// atheist, blind, old, gay, Nigerian, or called Mei or Emma. This file is the
// one place that knows those words, in the six languages the judgement is
// written for (en es fr de pt it), accent-folded:
//   - identity terms: gender and family roles, ethnicity, religion,
//     disability, age groups, sexual orientation and gender identity,
//     nationalities, demonyms and migration status; a few ordinary words
//     ("old", "mayor", "jeune") count only beside a person noun ("an old
//     man", "una persona mayor"), health conditions only after "a person
//     with" ("persona con diabetes"); a whole noun phrase ("a blind
//     person", "eine Person mit Behinderung") is one span, article included;
//   - first names: after a phrase that introduces one ("my name is", "me
//     llamo", "je m'appelle", "ich heiße", "chamo-me", "mi chiamo", "this
//     is", "soy", "X here", a sign-off...), when capitalised or known, and
//     common first names from many cultures wherever they are capitalised,
//     except those that are also ordinary words (Grace, Will, Dolores,
//     Socorro...), which count only after such a phrase.
// The judgement features (text.h JudgementFeatures, LanguageFeatures), the
// emotion model's ids (Featurize) and the lexicon valence (affect.cc) read a
// span as one placeholder, or not at all, so no weight can key on who the
// visitor is.
#pragma once

#include <cstdint>
#include <string_view>
#include <vector>

#include "text.h"

namespace attune {

enum class WhoKind : uint8_t { kNone = 0, kIdentity = 1, kName = 2 };

// Tokens [first, last] (indices into the tokens) say who someone is.
struct WhoSpan {
  uint32_t first = 0;
  uint32_t last = 0;
  WhoKind kind = WhoKind::kIdentity;
};

// The spans of `tokens` (from Tokenize), in order, not overlapping.
std::vector<WhoSpan> FindWho(const std::vector<Token>& tokens);

// Per token: the kind of span it belongs to (kNone outside any).
std::vector<WhoKind> WhoMask(const std::vector<Token>& tokens);
// Same, from FindWho's spans over `count` tokens.
std::vector<WhoKind> WhoMask(size_t count, const std::vector<WhoSpan>& spans);

// The placeholder a span reads as in features: "<who>" or "<name>".
const char* WhoPlaceholder(WhoKind kind);

// For tests: whether a folded word (FoldAccents) is an identity term on its
// own, and whether it is a known first name that is not an ordinary word.
bool IsIdentityTerm(std::string_view folded);
bool IsKnownFirstName(std::string_view folded);

}  // namespace attune
