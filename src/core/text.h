// Text: turning a visitor's raw message into tokens.
//
// Everything that reads a message (valence, cues, intents, entities, the
// emotion model's featurizer) starts from Tokenize(), so there is exactly one
// tokenizer in Attune. It is UTF-8 aware: emoji and emoticons are tokens,
// elongations ("soooo") and ALL-CAPS are flagged, URLs, emails and numbers
// are typed. Input of any kind is accepted: invalid UTF-8 is repaired (each
// bad byte becomes U+FFFD), control and bidi-override characters are dropped,
// floods of combining marks are capped, and only the first
// kMaxAnalyzedBytes bytes are analysed (cut at a code point boundary).
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

namespace attune {

struct WhoSpan;  // identity.h

// Messages longer than this are analysed on their first kMaxAnalyzedBytes
// bytes only, which keeps every turn's cost bounded (a 1 MB paste is cut,
// never rejected). Replies and transcripts keep the full text.
inline constexpr size_t kMaxAnalyzedBytes = 4096;
// At most this many combining marks are kept after one base character.
inline constexpr int kMaxCombiningMarks = 3;

// Returns `in` as valid UTF-8: invalid or overlong sequences and surrogates
// become U+FFFD. Never fails.
std::string RepairUtf8(std::string_view in);

// RepairUtf8, then: drops C0/C1 controls (tab and newlines become spaces),
// NUL, bidi controls (U+200E/F, U+202A..E, U+2066..9) and zero-width
// characters other than the ZWJ used inside emoji; caps combining marks;
// truncates to kMaxAnalyzedBytes at a code point boundary.
std::string CleanForAnalysis(std::string_view in);
// Same, and fills *utf16_at with one entry per byte of the result plus one
// for its end: the UTF-16 offset in `in` of the character that byte came
// from, so a span of the cleaned text becomes a span JavaScript can slice
// from the message it passed in.
std::string CleanForAnalysis(std::string_view in, std::vector<uint32_t>* utf16_at);

// Decodes UTF-8 (assumed valid, e.g. after RepairUtf8) into code points.
std::u32string DecodeUtf8(std::string_view in);
void AppendUtf8(char32_t cp, std::string* out);

enum class TokenKind { kWord, kNumber, kUrl, kEmail, kEmoji, kEmoticon, kPunct };
const char* TokenKindName(TokenKind kind);

struct Token {
  TokenKind kind = TokenKind::kWord;
  std::string text;  // as typed
  std::string norm;  // lower-case; elongations squeezed to two letters
  // Byte offsets into the cleaned text (CleanForAnalysis), [begin, end).
  size_t begin = 0;
  size_t end = 0;
  bool all_caps = false;   // a word of 2+ letters, all upper case ("NOW")
  bool elongated = false;  // a letter repeated 3+ times ("soooo")
};

// Splits already-cleaned text into tokens. Words keep inner apostrophes
// ("don't", "I'm"); runs of "!" or "?" are one punctuation token.
std::vector<Token> Tokenize(std::string_view cleaned);

// Lower-cases ASCII and Latin-1/Latin Extended-A letters; other scripts pass
// through unchanged.
std::string Lower(std::string_view utf8);

// Featurizer options: how a message becomes the integer ids the emotion
// model reads. Shared by the browser (via wasm) and the training tools (via
// the native CLI), so the model always sees the same ids.
struct FeaturizerOptions {
  int buckets = 1 << 15;  // Default: 32768 hash buckets; id 0 is padding.
  int max_ids = 64;       // Default: 64 ids per message (unigrams, then bigrams).
  bool bigrams = true;    // Default: true.
};

// Returns the model input ids for `text` (cleaned and tokenized here), at
// most options.max_ids, each in [1, buckets). Empty text gives no ids.
// Words that say who the writer is (identity.h) give no id.
std::vector<int32_t> Featurize(std::string_view text, const FeaturizerOptions& options = {});

// The string forms hashed by Featurize, for debugging and tests.
std::vector<std::string> FeatureStrings(std::string_view text, const FeaturizerOptions& options = {});

// Judgement features: what the judgement heads (judgement.h) read. Each is
// a 32-bit hash of one of
//   "w:" word        (accents folded, elongation squeezed, numbers as <num>)
//   "b:" word word   (adjacent words)
//   "c:" n-gram      (character 3-, 4- and 5-grams of "<word>", accents folded:
//                     they carry across typos, inflection and languages)
//   "s:" signal      (<caps>, <elong>, "!", "?", emoji, emoticons)
// where the words that say who the writer is (identity.h FindWho: "a blind
// person", "una persona musulmana", the name after "my name is") are one
// word "<who>" or "<name>", with no character n-grams,
// with the tokens it came from, so a model's evidence can point at words.
struct HashedFeature {
  uint32_t hash = 0;
  uint32_t first = 0;  // index into the tokens it was made from
  uint32_t last = 0;   // inclusive
};
std::vector<HashedFeature> JudgementFeatures(const std::vector<Token>& tokens);
// Same, with FindWho(tokens) already made (it is shared by a turn's readers).
std::vector<HashedFeature> JudgementFeatures(const std::vector<Token>& tokens, const std::vector<WhoSpan>& who);

// Language features: hashes of character 1- to 3-grams of each lower-cased
// word with accents kept ("ç", "ß", "ã" tell languages apart), and of the
// words themselves; words that say who the writer is are left out.
std::vector<uint32_t> LanguageFeatures(const std::vector<Token>& tokens);
std::vector<uint32_t> LanguageFeatures(const std::vector<Token>& tokens, const std::vector<WhoSpan>& who);

// Lower-cases and removes the accents of Latin letters ("Évité" -> "evite",
// "Straße" -> "strasse"); other scripts pass through.
std::string FoldAccents(std::string_view utf8);

// A fixed list of short phrases ("thank you", "see you later") to test
// whether a message says nothing else (closings in affect.cc, greetings in
// context.cc). Phrases are accent-folded and lower-case; apostrophes are
// dropped on both sides, as the tokenizer's variants differ ("that's",
// "thats", "that’s").
class PhraseList {
 public:
  PhraseList(const char* const* phrases, size_t count);
  template <size_t N>
  explicit PhraseList(const char* const (&phrases)[N]) : PhraseList(phrases, N) {}
  // True when `words` (already folded) are wholly covered by the phrases,
  // longest match first; false for no words.
  bool Covers(const std::vector<std::string>& words) const;

 private:
  std::vector<std::vector<std::string>> phrases_;
  // Phrase indices by first word: a word meets only the phrases it can start.
  std::unordered_map<std::string, std::vector<size_t>> by_first_;
};

// Folds one word for PhraseList::Covers: accents and apostrophes removed.
std::string FoldWord(std::string_view word);

// A reference given and nothing else: "Order number ZX-2291", "el 55102",
// "#48213", "commande 7781" (a token with digits, the rest words that name
// a reference, articles and codes' letters). The answer to "what's your
// order number?", not a complaint nor a new question.
bool IsBareReference(const std::vector<Token>& tokens);

// The one string hash of the core (32-bit FNV-1a).
uint32_t HashString(std::string_view s);

}  // namespace attune
