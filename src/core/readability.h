// Readability: how easy a reply is to read, by the established formula of
// its language.
//
// Each formula is the one readers of that language know, with its published
// coefficients and its published scale (higher is easier for all of them):
//   en  Flesch reading ease (Flesch 1948):
//         206.835 - 1.015 words/sentences - 84.6 syllables/words
//   es  Szigriszt-Pazos perspicuity (1993), read on the INFLESZ scale
//       (Barrio-Cantalejo 2008, validated on texts for patients):
//         206.835 - 62.3 syllables/words - words/sentences
//       (chosen over Fernández Huerta, whose published form is ambiguous
//       about its sentence term)
//   fr  Kandel & Moles (1958): 207 - 1.015 words/sentences - 73.6 syllables/words
//   de  Amstad (1978): 180 - words/sentences - 58.5 syllables/words
//   pt  Flesch adapted by Martins et al. (1996):
//         248.835 - 1.015 words/sentences - 84.6 syllables/words
//   it  Gulpease (GULP, 1988): 89 + (300 sentences - 10 letters) / words
//       (letters, not syllables)
//
// Syllables are estimated per language from groups of vowels with that
// language's diphthong and hiatus rules (silent final "e" in English and
// French, "qu"/"gu" with a silent "u", Spanish and Portuguese strong/weak
// vowels, German "ei"/"au"/"eu"/"ie"); no dictionary. Measured on the
// hand-counted words of support replies in tests/core/readability_test.cc
// (2026-12-02), words counted exactly: en 59/63 (94 %), es 41/41, fr 44/45,
// de 38/40, pt 40/40, it 36/40 (Italian scores use letters, not syllables).
// Misses are words the spelling does not decide: busi-ness, cre-ate, po-em,
// sci-ence, cli-ent, Fa-mi-li-e, Mu-se-um, ciao, pa-u-ra, far-ma-ci-a. Whole
// texts with published figures come out exact (Flesch's platypus: 24
// syllables, 37.5) or within a syllable.
// Scores of short replies move a few points with one syllable: read them as
// bands, not decimals.
#pragma once

#include <string>
#include <string_view>

namespace attune {

struct TextCounts {
  int sentences = 0;  // runs of . ! ? … (and line breaks) ending words; at least 1 when there are words
  int words = 0;      // runs of letters/digits (inner ' and - kept)
  int syllables = 0;  // estimated, per language
  int letters = 0;    // letters and digits in words (for Gulpease)
};

struct Readability {
  bool ok = false;       // false: no formula for the language, or no words
  std::string language;  // "en", "es", "fr", "de", "pt", "it" (primary subtag, lower case)
  std::string formula;   // e.g. "Flesch reading ease"
  double score = 0;      // on the formula's own scale; higher is easier
  std::string band;      // the published band of the score, e.g. "fairly easy"
  TextCounts counts;
};

// True when there is a formula for `language` (a BCP 47 tag: "pt-BR" is "pt").
bool HasReadabilityFormula(std::string_view language);

// Estimated syllables of one word (any case, UTF-8) in `language`; at least
// 1 for a word with a letter, 0 for an empty one. Unknown languages use the
// English rules.
int CountSyllables(std::string_view word, std::string_view language);

// Sentences, words, syllables and letters of `text`. Template placeholders
// ("{order_id}") count as one five-letter, one-syllable word: something is
// said there.
TextCounts CountText(std::string_view text, std::string_view language);

// The score of `counts` (or of `text`) by the formula of `language`.
// Not ok when the language has no formula or there are no words.
Readability ScoreReadability(const TextCounts& counts, std::string_view language);
Readability ScoreReadability(std::string_view text, std::string_view language);

}  // namespace attune
