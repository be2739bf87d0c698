// Tone check: reading a pack's replies as a visitor would, for authors.
//
// ToneCheck() warns (never errors: tone is advice, not validity) about
//   - dismissive or non-inclusive phrasing ("calm down", "obviously",
//     "as I already said", "guys"), with a kinder alternative;
//   - replies in a distress tone (frustrated, angry, sad, anxious, crisis),
//     replies of intents marked "distress": true and acknowledgements that do
//     not acknowledge the feeling;
//   - replies too long to read on a phone.
// The rules are data, one file per language (packs/tone-rules/<lang>.json),
// so teams can extend them:
//   {"language": "en", "max_reply_chars": 320,
//    "acknowledgement_phrases": ["sorry", "i understand", ...],
//    "acknowledgement_example": "I'm sorry this has been so frustrating.",
//    "phrases": [{"match": "calm down", "why": "...", "suggest": "..."}]}
// Phrases match whole words, case-insensitively, through Tokenize().
#pragma once

#include <string_view>
#include <vector>

#include "pack.h"

namespace attune {

// Appends tone warnings for `pack` to *out. Bad rules JSON yields one error
// diagnostic naming the rules' own JSON pointer (prefixed "tone rules").
void ToneCheck(const Pack& pack, std::string_view rules_json, std::vector<Diagnostic>* out);

}  // namespace attune
