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

#include <string>
#include <string_view>
#include <vector>

#include "pack.h"
#include "status.h"

namespace attune {

// One language's rules, parsed: read them once to check many packs.
struct ToneRules {
  struct Phrase {
    std::string match;               // as written in the rules
    std::vector<std::string> words;  // its normalised words
    std::string why, suggest;
  };
  size_t max_reply_chars = 320;
  std::vector<std::vector<std::string>> acknowledgements;  // each phrase's words
  std::string acknowledgement_example;
  std::vector<Phrase> phrases;
};

// Parses rules JSON into *rules. On failure returns InvalidArgument whose
// message starts "tone rules <pointer>: ", *rules unchanged.
Status ParseToneRules(std::string_view rules_json, ToneRules* rules);

// Appends tone warnings for `pack` to *out.
void ToneCheck(const Pack& pack, const ToneRules& rules, std::vector<Diagnostic>* out);
// The same from rules JSON; bad rules yield one error diagnostic (the
// message of ParseToneRules) and no warnings.
void ToneCheck(const Pack& pack, std::string_view rules_json, std::vector<Diagnostic>* out);

}  // namespace attune
