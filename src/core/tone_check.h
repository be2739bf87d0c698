// Tone check: reading a pack's replies as a visitor would, for authors.
//
// ToneCheck() warns (never errors: tone is advice, not validity), for every
// text a visitor reads (response variants, acknowledgements, the handoff's
// consent_text and no_agent_message), about
//   - dismissive or non-inclusive phrasing ("calm down", "obviously",
//     "as I already said", "guys"), with a kinder alternative;
//   - replies in a distress tone (frustrated, angry, sad, anxious, crisis),
//     replies of intents marked "distress": true and acknowledgements that do
//     not acknowledge the feeling;
//   - replies longer than a phone shows at once: wrapped at the characters a
//     line of a 360 px-wide widget holds, more lines than fit on the screen;
//   - readability below the rules' minimum, by the formula of the language
//     (readability.h), for replies of 10 words or more (shorter ones swing
//     by 20 points with one long word);
//   - jargon (the rules' list plus the pack's own "jargon"), with the plain word.
// The rules are data, one file per language (packs/tone-rules/<lang>.json),
// so teams can extend them:
//   {"language": "en", "min_readability": 60,
//    "mobile": {"width_px": 360, "chars_per_line": 38, "lines": 12},
//    "acknowledgement_phrases": ["sorry", "i understand", ...],
//    "acknowledgement_example": "I'm sorry this has been so frustrating.",
//    "phrases": [{"match": "calm down", "why": "...", "suggest": "..."}],
//    "jargon": {"RMA": "return number", ...}}
// "max_reply_chars" (older rules) still warns about replies over that many
// characters when the line count does not already.
// Phrases and jargon match whole words, case-insensitively, through
// Tokenize(); a jargon term also matches its plural in "s"/"es".
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "pack.h"
#include "readability.h"
#include "status.h"

namespace attune {

// One language's rules, parsed: read them once to check many packs.
struct ToneRules {
  struct Phrase {
    std::string match;               // as written in the rules
    std::vector<std::string> words;  // its normalised words
    std::string why, suggest;
  };
  struct Jargon {
    std::string term;                // as written in the rules or the pack
    std::vector<std::string> words;  // its normalised words
    std::string plain;               // the everyday alternative
  };
  // A reply on a phone: the widget fills a 360 px-wide screen; a bubble is
  // 85 % of the 328 px message list, ~253 px inside its padding: ~38
  // characters of 16 px system-ui running text (~6.7 px each) a line. At
  // 1.45 line height (23 px) 12 lines are ~280 px, what is left of a 640 px
  // screen's message list beside the visitor's question and quick replies.
  struct Mobile {
    int width_px = 360;       // Default: 360 (documentation; the rule uses the next two)
    int chars_per_line = 38;  // Default: 38
    int lines = 12;           // Default: 12; 0 turns the rule off
  };
  std::string language;        // readability formula; Default: the pack's language
  double min_readability = 0;  // warn below this score; Default: none (has_min_readability false)
  bool has_min_readability = false;
  Mobile mobile;
  size_t max_reply_chars = 0;  // Default: 0, off (the mobile rule replaces it)
  std::vector<std::vector<std::string>> acknowledgements;  // each phrase's words
  std::string acknowledgement_example;
  std::vector<Phrase> phrases;
  std::vector<Jargon> jargon;
};

// How one reply reads: what `attune check` prints per reply.
struct ReplyReport {
  std::string pointer;      // JSON pointer of the reply in the pack
  std::string tone;         // "neutral", "frustrated", ...
  Readability readability;  // by the rules' (else the pack's) language
  size_t chars = 0;         // code points
  int lines = 0;            // wrapped at mobile.chars_per_line
  // The score is meaningful: a formula exists and the reply has 10 words or
  // more (the min_readability warning and the pack's summary use these only).
  bool rated = false;
};

// Parses rules JSON into *rules. On failure returns InvalidArgument whose
// message starts "tone rules <pointer>: ", *rules unchanged.
Status ParseToneRules(std::string_view rules_json, ToneRules* rules);

// Every reply of `pack` (response variants, acknowledgements, then the
// handoff's consent_text and no_agent_message), read.
std::vector<ReplyReport> ToneReport(const Pack& pack, const ToneRules& rules);

// Lines `text` takes wrapped at `chars_per_line` (words kept whole unless
// longer than a line; "\n" starts a line).
int WrappedLines(std::string_view text, int chars_per_line);

// Appends tone warnings for `pack` to *out.
void ToneCheck(const Pack& pack, const ToneRules& rules, std::vector<Diagnostic>* out);
// The same from rules JSON; bad rules yield one error diagnostic (the
// message of ParseToneRules) and no warnings.
void ToneCheck(const Pack& pack, std::string_view rules_json, std::vector<Diagnostic>* out);

}  // namespace attune
