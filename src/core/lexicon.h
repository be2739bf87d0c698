// Lexicon: the word and emoji valences the affect scorer reads.
//
// Word valences are VADER's (Hutto & Gilbert 2014, MIT), taken from the npm
// package vader-sentiment at build time: scripts/gen-lexicon.mjs turns its
// vader_lexicon.txt into a generated .cc in the build directory, so the
// table is never committed. Emoji valences are a small hand-written table
// in lexicon.cc (the npm package carries none). All values are on VADER's
// -4..+4 scale.
#pragma once

#include <cstddef>
#include <string_view>
#include <vector>

namespace attune {

struct LexiconEntry {
  std::string_view token;  // lower-case; a few entries are two words ("fed up")
  float valence;           // -4..+4
};

// The VADER table, sorted bytewise by token. Decoded on first use from the
// generated, packed form (tokens as one '\n'-separated string, valences as
// tenths in one byte each); the views point into that static string.
const std::vector<LexiconEntry>& VaderLexicon();

// Looks up a lower-case word, emoticon or two-word phrase. Returns true and
// sets *valence when found; leaves *valence unchanged otherwise.
bool LexiconValence(std::string_view token, double* valence);

// Looks up an emoji (its norm from Tokenize: skin tones and variation
// selectors removed). Returns true and sets *valence when it carries one.
bool EmojiValence(std::string_view emoji, double* valence);

}  // namespace attune
