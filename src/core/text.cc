#include "text.h"

#include <algorithm>
#include <array>
#include <unordered_set>

#include "identity.h"

namespace attune {
namespace {

constexpr char32_t kReplacement = 0xFFFD;

bool IsCombining(char32_t c) {
  return (c >= 0x0300 && c <= 0x036F) || (c >= 0x1AB0 && c <= 0x1AFF) ||
         (c >= 0x1DC0 && c <= 0x1DFF) || (c >= 0x20D0 && c <= 0x20FF) || (c >= 0xFE20 && c <= 0xFE2F);
}

bool IsDropped(char32_t c) {
  if (c < 0x20 || (c >= 0x7F && c < 0xA0)) return true;
  if (c == 0x200B || c == 0x200C || c == 0x200E || c == 0x200F || c == 0xFEFF) return true;  // zero-width, marks
  if (c >= 0x202A && c <= 0x202E) return true;  // bidi embeddings and overrides
  if (c >= 0x2066 && c <= 0x2069) return true;  // bidi isolates
  return false;
}

bool IsEmoji(char32_t c) {
  return (c >= 0x1F300 && c <= 0x1FAFF) || (c >= 0x2600 && c <= 0x27BF) || (c >= 0x1F000 && c <= 0x1F2FF) ||
         c == 0x2B50 || c == 0x2B55 || c == 0x2764 || c == 0x203C || c == 0x2049;
}
// Parts that glue to an emoji: ZWJ, variation selectors, skin tones, tags.
bool IsEmojiJoiner(char32_t c) {
  return c == 0x200D || c == 0xFE0F || c == 0xFE0E || (c >= 0x1F3FB && c <= 0x1F3FF) || (c >= 0xE0020 && c <= 0xE007F);
}

bool IsSpace(char32_t c) {
  return c == ' ' || c == 0xA0 || c == 0x3000 || (c >= 0x2000 && c <= 0x200A) || c == 0x2028 || c == 0x2029;
}
bool IsDigit(char32_t c) { return c >= '0' && c <= '9'; }
bool IsAsciiAlpha(char32_t c) { return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z'); }
bool IsApostrophe(char32_t c) { return c == '\'' || c == 0x2019; }

// Anything not ASCII punctuation, space, emoji or symbol counts as a letter:
// good enough for Latin, Cyrillic, Greek, Arabic, CJK and keeps us free of
// large Unicode tables in the wasm.
bool IsLetter(char32_t c) {
  if (IsAsciiAlpha(c)) return true;
  if (c < 0xC0) return c == 0xAA || c == 0xB5 || c == 0xBA;
  if (c == 0xD7 || c == 0xF7) return false;
  if (IsEmoji(c) || IsEmojiJoiner(c) || IsSpace(c)) return false;
  if (c >= 0x2000 && c <= 0x2BFF) return false;  // punctuation, arrows, symbols
  if (c >= 0x3000 && c <= 0x303F) return false;  // CJK punctuation
  if (c == kReplacement) return false;
  return true;
}

char32_t LowerCp(char32_t c) {
  if (c >= 'A' && c <= 'Z') return c + 32;
  if (c >= 0xC0 && c <= 0xDE && c != 0xD7) return c + 32;
  if (c >= 0x100 && c <= 0x17F && (c % 2) == 0 && c != 0x130 && c != 0x138) return c + 1;
  if (c >= 0x391 && c <= 0x3A9) return c + 32;  // Greek
  if (c >= 0x410 && c <= 0x42F) return c + 32;  // Cyrillic
  return c;
}
bool IsUpperCp(char32_t c) { return LowerCp(c) != c; }

// Emoticons recognised as whole tokens, longest first where they share a prefix.
constexpr std::array<std::string_view, 40> kEmoticons = {
    ":'-(", ":'(", ">:-(", ">:(", ":-)", ":-(", ":-D", ":-P", ":-p", ":-/", ":-|", ";-)", ":-O", ":-o",
    ":)", ":(", ":D", ":P", ":p", ":/", ":|", ";)", ":O", ":o", "=)", "=(", "xD", "XD", "<3", "</3",
    ":S", ":s", ":@", ":$", "^_^", "-_-", "T_T", ";_;", "o_O", "O_o"};

bool StartsWithAt(std::string_view s, size_t i, std::string_view p) {
  return s.size() - i >= p.size() && s.compare(i, p.size(), p) == 0;
}

constexpr uint32_t kFnvBasis = 2166136261u;

// FNV-1a continued from state h: Fnv1aFrom(Fnv1aFrom(kFnvBasis, a), b) is the
// hash of a + b, so features hash their parts without joining them first.
uint32_t Fnv1aFrom(uint32_t h, std::string_view s) {
  for (unsigned char c : s) {
    h ^= c;
    h *= 16777619u;
  }
  return h;
}

uint32_t Fnv1a(std::string_view s) { return Fnv1aFrom(kFnvBasis, s); }

}  // namespace

// Writes cp's UTF-8 (1-4 bytes) at out; returns how many.
static inline size_t EncodeUtf8(char32_t cp, char* out) {
  if (cp < 0x80) {
    out[0] = static_cast<char>(cp);
    return 1;
  }
  if (cp < 0x800) {
    out[0] = static_cast<char>(0xC0 | (cp >> 6));
    out[1] = static_cast<char>(0x80 | (cp & 0x3F));
    return 2;
  }
  if (cp < 0x10000) {
    out[0] = static_cast<char>(0xE0 | (cp >> 12));
    out[1] = static_cast<char>(0x80 | ((cp >> 6) & 0x3F));
    out[2] = static_cast<char>(0x80 | (cp & 0x3F));
    return 3;
  }
  out[0] = static_cast<char>(0xF0 | (cp >> 18));
  out[1] = static_cast<char>(0x80 | ((cp >> 12) & 0x3F));
  out[2] = static_cast<char>(0x80 | ((cp >> 6) & 0x3F));
  out[3] = static_cast<char>(0x80 | (cp & 0x3F));
  return 4;
}

void AppendUtf8(char32_t cp, std::string* out) {
  char bytes[4];
  out->append(bytes, EncodeUtf8(cp, bytes));
}

// Decodes one code point at in[i]; returns its length, or 0 when invalid.
static size_t DecodeOne(std::string_view in, size_t i, char32_t* cp) {
  const unsigned char b0 = in[i];
  if (b0 < 0x80) { *cp = b0; return 1; }
  size_t len;
  char32_t c, min;
  if ((b0 & 0xE0) == 0xC0) { len = 2; c = b0 & 0x1F; min = 0x80; }
  else if ((b0 & 0xF0) == 0xE0) { len = 3; c = b0 & 0x0F; min = 0x800; }
  else if ((b0 & 0xF8) == 0xF0) { len = 4; c = b0 & 0x07; min = 0x10000; }
  else return 0;
  if (i + len > in.size()) return 0;
  for (size_t k = 1; k < len; ++k) {
    const unsigned char b = in[i + k];
    if ((b & 0xC0) != 0x80) return 0;
    c = (c << 6) | (b & 0x3F);
  }
  if (c < min || c > 0x10FFFF || (c >= 0xD800 && c <= 0xDFFF)) return 0;
  *cp = c;
  return len;
}

// Byte offsets of the code points of `s`, and its end, so that its n-grams
// of code points are byte ranges of it, hashed in place (decoding and
// re-encoding valid UTF-8 gives the same bytes). False when `s` is not
// valid UTF-8: the caller then decodes as before (bad bytes as U+FFFD).
static bool CodePointStarts(std::string_view s, std::vector<uint32_t>* at) {
  at->clear();
  for (size_t i = 0; i < s.size();) {
    char32_t cp;
    const size_t n = DecodeOne(s, i, &cp);
    if (n == 0) return false;
    at->push_back(static_cast<uint32_t>(i));
    i += n;
  }
  at->push_back(static_cast<uint32_t>(s.size()));
  return true;
}

std::string RepairUtf8(std::string_view in) {
  std::string out;
  out.reserve(in.size());
  // Valid runs are copied whole, not a code point at a time.
  size_t run = 0;  // start of the valid bytes not yet copied
  for (size_t i = 0; i < in.size();) {
    if (static_cast<unsigned char>(in[i]) < 0x80) {
      ++i;
      continue;
    }
    char32_t cp;
    const size_t n = DecodeOne(in, i, &cp);
    if (n == 0) {
      out.append(in.data() + run, i - run);
      AppendUtf8(kReplacement, &out);
      run = ++i;
    } else {
      i += n;
    }
  }
  out.append(in.data() + run, in.size() - run);
  return out;
}

std::u32string DecodeUtf8(std::string_view in) {
  std::u32string out;
  out.reserve(in.size());
  for (size_t i = 0; i < in.size();) {
    char32_t cp;
    const size_t n = DecodeOne(in, i, &cp);
    out.push_back(n ? cp : kReplacement);
    i += n ? n : 1;
  }
  return out;
}

// CleanForAnalysis, optionally recording for each byte of the result (and
// one past its end) the UTF-16 offset of the character it came from in `in`.
static std::string Clean(std::string_view in, std::vector<uint32_t>* utf16_at) {
  // Only look at a bounded prefix: repair can grow a byte into three, so a
  // 4x window is enough to fill kMaxAnalyzedBytes.
  const std::string_view window = in.substr(0, std::min(in.size(), kMaxAnalyzedBytes * 4));
  // Fast path, same result: printable ASCII needs no repair or dropping.
  if (std::all_of(window.begin(), window.end(), [](char c) { return c >= 0x20 && c < 0x7F; })) {
    std::string out(window.substr(0, kMaxAnalyzedBytes));
    if (utf16_at) {
      utf16_at->resize(out.size() + 1);
      for (size_t k = 0; k <= out.size(); ++k) (*utf16_at)[k] = static_cast<uint32_t>(k);
    }
    return out;
  }
  std::string out;
  out.reserve(std::min(window.size(), kMaxAnalyzedBytes));
  if (utf16_at) utf16_at->clear();
  int marks = 0;
  uint32_t u16 = 0;   // UTF-16 offset in `in` of the code point being read
  uint32_t end16 = 0; // ... just past the last character kept
  for (size_t i = 0; i < window.size();) {
    char32_t cp;
    size_t n = DecodeOne(window, i, &cp);
    if (n == 0) { cp = kReplacement; n = 1; }
    i += n;
    const uint32_t at = u16;
    u16 += cp >= 0x10000 ? 2 : 1;
    if (cp == '\t' || cp == '\n' || cp == '\r') cp = ' ';
    if (IsDropped(cp)) continue;
    if (IsCombining(cp)) {
      if (++marks > kMaxCombiningMarks) continue;
    } else {
      marks = 0;
    }
    char enc[4];
    const size_t len = EncodeUtf8(cp, enc);
    if (out.size() + len > kMaxAnalyzedBytes) break;
    out.append(enc, len);
    if (utf16_at) utf16_at->insert(utf16_at->end(), len, at);
    end16 = u16;
  }
  if (utf16_at) utf16_at->push_back(end16);
  return out;
}

std::string CleanForAnalysis(std::string_view in) { return Clean(in, nullptr); }

std::string CleanForAnalysis(std::string_view in, std::vector<uint32_t>* utf16_at) { return Clean(in, utf16_at); }

std::string Lower(std::string_view utf8) {
  std::string out;
  out.reserve(utf8.size());
  // Decoded as DecodeUtf8 does (a bad byte is U+FFFD), without its u32string.
  for (size_t i = 0; i < utf8.size();) {
    char32_t c;
    const size_t n = DecodeOne(utf8, i, &c);
    if (n == 0) c = kReplacement;
    i += n ? n : 1;
    if (c < 0x80) out.push_back(static_cast<char>(c >= 'A' && c <= 'Z' ? c + 32 : c));
    else AppendUtf8(LowerCp(c), &out);
  }
  return out;
}

const char* TokenKindName(TokenKind kind) {
  switch (kind) {
    case TokenKind::kWord: return "word";
    case TokenKind::kNumber: return "number";
    case TokenKind::kUrl: return "url";
    case TokenKind::kEmail: return "email";
    case TokenKind::kEmoji: return "emoji";
    case TokenKind::kEmoticon: return "emoticon";
    case TokenKind::kPunct: return "punct";
  }
  return "word";
}

std::vector<Token> Tokenize(std::string_view s) {
  // Work on code points but keep byte offsets so evidence can point back
  // into the message.
  std::vector<char32_t> cps;
  std::vector<size_t> offs;
  cps.reserve(s.size());
  offs.reserve(s.size() + 1);
  for (size_t i = 0; i < s.size();) {
    char32_t cp;
    size_t n = DecodeOne(s, i, &cp);
    if (n == 0) { cp = kReplacement; n = 1; }
    cps.push_back(cp);
    offs.push_back(i);
    i += n;
  }
  offs.push_back(s.size());
  const size_t n = cps.size();
  std::vector<char> scratch;
  std::vector<Token> tokens;
  tokens.reserve(n / 3 + 1);
  auto emit = [&](TokenKind kind, size_t a, size_t b) {
    Token t;
    t.kind = kind;
    t.begin = offs[a];
    t.end = offs[b];
    t.text = std::string(s.substr(t.begin, t.end - t.begin));
    tokens.push_back(std::move(t));
    return &tokens.back();
  };
  auto is_url_char = [](char32_t c) {
    return c > 0x20 && c != '<' && c != '>' && c != '"' && !IsSpace(c) && c != kReplacement;
  };

  size_t i = 0;
  while (i < n) {
    const char32_t c = cps[i];
    if (IsSpace(c) || IsEmojiJoiner(c) || IsCombining(c)) { ++i; continue; }

    // URLs: scheme or www. prefix, up to whitespace; trailing punctuation is
    // left to the sentence.
    const size_t bi = offs[i];
    if ((c == 'h' || c == 'w') && (StartsWithAt(s, bi, "http://") || StartsWithAt(s, bi, "https://") || StartsWithAt(s, bi, "www."))) {
      size_t j = i;
      while (j < n && is_url_char(cps[j])) ++j;
      while (j > i + 4 && (cps[j - 1] == '.' || cps[j - 1] == ',' || cps[j - 1] == '!' || cps[j - 1] == '?' || cps[j - 1] == ')')) --j;
      Token* t = emit(TokenKind::kUrl, i, j);
      t->norm = "<url>";
      i = j;
      continue;
    }

    // Emoticons before punctuation so ":)" is not ":" + ")". An emoticon
    // must not be glued to a following letter ("xDaniel").
    bool matched = false;
    // Most positions cannot start an emoticon: test the first byte before
    // the 40 comparisons (a pure speed-up: same tokens).
    const bool may_be_emoticon = c < 0x80 && std::string_view(":;>=<^-xXToO").find(static_cast<char>(c)) != std::string_view::npos;
    for (std::string_view e : kEmoticons) {
      if (!may_be_emoticon) break;
      if (!StartsWithAt(s, bi, e)) continue;
      const size_t end_byte = bi + e.size();
      size_t j = i;
      while (j < n && offs[j] < end_byte) ++j;
      const bool glued_after = j < n && IsLetter(cps[j]) && IsAsciiAlpha(e.back());
      const bool glued_before = i > 0 && IsLetter(cps[i - 1]) && IsAsciiAlpha(e.front());
      if (glued_after || glued_before) continue;
      Token* t = emit(TokenKind::kEmoticon, i, j);
      t->norm = t->text;
      i = j;
      matched = true;
      break;
    }
    if (matched) continue;

    if (IsEmoji(c)) {
      size_t j = i + 1;
      while (j < n && (IsEmojiJoiner(cps[j]) || (j > 0 && cps[j - 1] == 0x200D && IsEmoji(cps[j])))) ++j;
      Token* t = emit(TokenKind::kEmoji, i, j);
      // Skin tones and variation selectors do not change what the emoji
      // means, so the norm drops them.
      for (char32_t e : std::u32string(cps.begin() + i, cps.begin() + j))
        if (e != 0xFE0F && e != 0xFE0E && !(e >= 0x1F3FB && e <= 0x1F3FF)) AppendUtf8(e, &t->norm);
      i = j;
      continue;
    }

    if (IsDigit(c)) {
      size_t j = i + 1;
      while (j < n && (IsDigit(cps[j]) || ((cps[j] == '.' || cps[j] == ',' || cps[j] == ':' || cps[j] == '-' || cps[j] == '/') && j + 1 < n && IsDigit(cps[j + 1])))) ++j;
      // "2nd", "10am": digits glued to letters stay one word-ish number.
      while (j < n && IsAsciiAlpha(cps[j])) ++j;
      Token* t = emit(TokenKind::kNumber, i, j);
      t->norm = Lower(t->text);
      i = j;
      continue;
    }

    if (IsLetter(c)) {
      size_t j = i + 1;
      while (j < n && (IsLetter(cps[j]) || IsCombining(cps[j]) || IsDigit(cps[j]) ||
                       ((IsApostrophe(cps[j]) || cps[j] == '-' || cps[j] == '_' || cps[j] == '.') && j + 1 < n && IsLetter(cps[j + 1]) && cps[j] != '.')))
        ++j;
      // Email: word chars, '@', domain with a dot.
      if (j < n && cps[j] == '@') {
        size_t k = j + 1;
        bool dot = false;
        while (k < n && (IsLetter(cps[k]) || IsDigit(cps[k]) || cps[k] == '-' || (cps[k] == '.' && k + 1 < n && IsLetter(cps[k + 1])))) {
          if (cps[k] == '.') dot = true;
          ++k;
        }
        if (dot) {
          // The local part may contain dots/plus that we did not consume.
          size_t a = i;
          while (a > 0 && (IsLetter(cps[a - 1]) || IsDigit(cps[a - 1]) || cps[a - 1] == '.' || cps[a - 1] == '+' || cps[a - 1] == '_')) --a;
          while (!tokens.empty() && tokens.back().begin >= offs[a]) tokens.pop_back();
          Token* t = emit(TokenKind::kEmail, a, k);
          t->norm = "<email>";
          i = k;
          continue;
        }
      }
      Token* t = emit(TokenKind::kWord, i, j);
      int letters = 0, upper = 0, run = 1;
      char32_t prev = 0;
      // The norm is written into `scratch` (4 bytes per code point at most)
      // and assigned once: appending byte by byte to a std::string is a
      // library call per byte in the wasm build.
      scratch.resize(4 * (j - i));
      char* norm = scratch.data();
      size_t len = 0;
      for (size_t k = i; k < j; ++k) {
        const char32_t ch = cps[k];
        const bool letter = IsLetter(ch);
        if (letter) { ++letters; if (IsUpperCp(ch)) ++upper; }
        run = (ch == prev) ? run + 1 : 1;
        if (run == 3 && letter) t->elongated = true;
        // Squeeze runs to two letters: "soooo" -> "soo"; the lexicon
        // lookup tries the single-letter form too.
        if (run <= 2) len += EncodeUtf8(LowerCp(IsApostrophe(ch) ? U'\'' : ch), norm + len);
        prev = ch;
      }
      t->norm.assign(norm, len);
      t->all_caps = letters >= 2 && upper == letters;
      i = j;
      continue;
    }

    if (c == '!' || c == '?') {
      size_t j = i + 1;
      while (j < n && (cps[j] == '!' || cps[j] == '?' || cps[j] == '1')) ++j;  // "!!!1"
      Token* t = emit(TokenKind::kPunct, i, j);
      t->norm = t->text;
      i = j;
      continue;
    }
    if (c == '.' && i + 2 < n && cps[i + 1] == '.' && cps[i + 2] == '.') {
      size_t j = i;
      while (j < n && cps[j] == '.') ++j;
      emit(TokenKind::kPunct, i, j)->norm = "...";
      i = j;
      continue;
    }
    if (c == kReplacement) { ++i; continue; }
    Token* t = emit(TokenKind::kPunct, i, i + 1);
    t->norm = t->text;
    ++i;
  }
  return tokens;
}

std::vector<std::string> FeatureStrings(std::string_view text, const FeaturizerOptions& options) {
  const std::string cleaned = CleanForAnalysis(text);
  const std::vector<Token> tokens = Tokenize(cleaned);
  // Who the writer is (identity.h) is not read: those words give no id, as
  // if unknown, so they cannot move the emotions.
  const std::vector<WhoKind> who = WhoMask(tokens);
  std::vector<std::string> unigrams;  // with <caps>/<elong> markers
  std::vector<std::string> words;     // without markers, for bigrams
  for (size_t k = 0; k < tokens.size(); ++k) {
    const Token& t = tokens[k];
    if (who[k] != WhoKind::kNone) continue;
    if (t.kind == TokenKind::kPunct && t.norm != "!" && t.norm != "?" && t.norm != "..." && t.norm.find('!') == std::string::npos &&
        t.norm.find('?') == std::string::npos)
      continue;
    std::string u;
    switch (t.kind) {
      case TokenKind::kNumber: u = "<num>"; break;
      case TokenKind::kPunct: u = t.norm.find('!') != std::string::npos ? (t.norm.size() > 1 ? "!!" : "!") : (t.norm == "..." ? "..." : "?"); break;
      default: u = t.norm;
    }
    unigrams.push_back(u);
    words.push_back(u);
    if (t.all_caps) unigrams.push_back("<caps>");
    if (t.elongated) unigrams.push_back("<elong>");
  }
  std::vector<std::string> out;
  for (const std::string& u : unigrams) out.push_back("u:" + u);
  if (options.bigrams) {
    for (size_t k = 0; k + 1 < words.size(); ++k) out.push_back("b:" + words[k] + " " + words[k + 1]);
  }
  if (static_cast<int>(out.size()) > options.max_ids) {
    // Keep as many unigrams as fit, then bigrams: unigrams carry most signal.
    out.resize(options.max_ids);
  }
  return out;
}

std::vector<int32_t> Featurize(std::string_view text, const FeaturizerOptions& options) {
  std::vector<int32_t> ids;
  const int buckets = std::max(2, options.buckets);
  for (const std::string& f : FeatureStrings(text, options))
    ids.push_back(static_cast<int32_t>(Fnv1a(f) % static_cast<uint32_t>(buckets - 1)) + 1);
  return ids;
}

uint32_t HashString(std::string_view s) { return Fnv1a(s); }

namespace {

// Base letter of a Latin-1 / Latin Extended-A letter (lower case), or 0.
char32_t FoldCp(char32_t c) {
  static constexpr char kLatin1[] =  // U+00C0..U+00FF
      "aaaaaaaceeeeiiii" "dnooooo\0ouuuuyts"
      "aaaaaaaceeeeiiii" "dnooooo\0ouuuuyty";
  if (c >= 0xC0 && c <= 0xFF) return kLatin1[c - 0xC0] ? static_cast<char32_t>(kLatin1[c - 0xC0]) : c;
  static constexpr char kExtA[] =  // U+0100..U+017F, pairs upper/lower
      "aaaaaaccccccccdd" "ddeeeeeeeeeegggg" "gggghhhhiiiiiiii" "iijjjjkkklllllll"
      "lllnnnnnnnnnoooo" "oooorrrrrrssssss" "ssttttttuuuuuuuu" "uuuuwwyyyzzzzzzs";
  if (c >= 0x100 && c <= 0x17F) return static_cast<char32_t>(kExtA[c - 0x100]);
  return c;
}

void AddFeature(std::string_view s, uint32_t first, uint32_t last, std::vector<HashedFeature>* out) {
  out->push_back({Fnv1a(s), first, last});
}

}  // namespace

std::string FoldWord(std::string_view word) {
  std::string f = FoldAccents(word);
  f.erase(std::remove(f.begin(), f.end(), '\''), f.end());
  return f;
}

bool IsBareReference(const std::vector<Token>& tokens) {
  static const std::unordered_set<std::string_view> kReferenceWords = {
      "order", "number", "no", "nr", "num", "ref", "reference", "id", "code", "tracking", "is", "its", "my", "the",
      "pedido", "numero", "referencia", "codigo", "commande", "bestellung", "bestellnummer", "nummer",
      "encomenda", "ordine", "codice", "el", "la", "mi", "ma", "mon", "meine", "meu", "minha", "il", "mio", "de",
      "da", "do", "di", "du", "es", "est", "e", "ist", "ordem"};
  bool has_code = false;
  for (const Token& t : tokens) {
    if (t.kind == TokenKind::kPunct) continue;
    const bool digits = std::any_of(t.text.begin(), t.text.end(), [](char c) { return c >= '0' && c <= '9'; });
    // A code's letters count with it: "ZX-2291" is "ZX", "-", "2291".
    const bool code_letters = t.kind == TokenKind::kWord && t.text.size() <= 4 &&
                              std::all_of(t.text.begin(), t.text.end(), [](char c) { return c >= 'A' && c <= 'Z'; });
    if (digits) has_code = true;
    else if (!code_letters && (t.kind != TokenKind::kWord || !kReferenceWords.count(FoldWord(t.norm)))) return false;
  }
  return has_code;
}

PhraseList::PhraseList(const char* const* phrases, size_t count) {
  for (size_t k = 0; k < count; ++k) {
    std::vector<std::string> words;
    const std::string_view s(phrases[k]);
    for (size_t i = 0; i < s.size();) {
      const size_t j = std::min(s.find(' ', i), s.size());
      words.push_back(FoldWord(s.substr(i, j - i)));
      i = j + 1;
    }
    if (!words.empty()) by_first_[words[0]].push_back(phrases_.size());
    phrases_.push_back(std::move(words));
  }
}

bool PhraseList::Covers(const std::vector<std::string>& words) const {
  if (words.empty()) return false;
  for (size_t i = 0; i < words.size();) {
    size_t best = 0;
    const auto starting = by_first_.find(words[i]);
    if (starting == by_first_.end()) return false;
    for (size_t k : starting->second) {
      const auto& p = phrases_[k];
      if (p.size() > best && i + p.size() <= words.size() && std::equal(p.begin(), p.end(), words.begin() + i))
        best = p.size();
    }
    if (best == 0) return false;
    i += best;
  }
  return true;
}

std::string FoldAccents(std::string_view utf8) {
  std::string out;
  out.reserve(utf8.size());
  // Decoded as DecodeUtf8 does (a bad byte is U+FFFD), without its u32string.
  for (size_t i = 0; i < utf8.size();) {
    char32_t c;
    const size_t n = DecodeOne(utf8, i, &c);
    if (n == 0) c = kReplacement;
    i += n ? n : 1;
    if (c < 0x80) {  // ASCII: lower case is all there is to fold
      out.push_back(static_cast<char>(c >= 'A' && c <= 'Z' ? c + 32 : c));
      continue;
    }
    c = LowerCp(c);
    if (c == 0xDF) { out += "ss"; continue; }                 // ß
    if (IsCombining(c)) continue;                             // decomposed accents
    AppendUtf8(FoldCp(c), &out);
  }
  return out;
}

std::vector<HashedFeature> JudgementFeatures(const std::vector<Token>& tokens) {
  return JudgementFeatures(tokens, FindWho(tokens));
}

std::vector<HashedFeature> JudgementFeatures(const std::vector<Token>& tokens, const std::vector<WhoSpan>& who) {
  std::vector<HashedFeature> out;
  out.reserve(tokens.size() * 12);
  std::string prev, key, padded;
  std::vector<uint32_t> at;
  uint32_t prev_at = 0;
  bool have_prev = false;
  // Each feature is hashed from its parts (Fnv1aFrom), never joined into a
  // string first: the same hashes, without a string per n-gram.
  static const uint32_t kW = Fnv1a("w:"), kB = Fnv1a("b:"), kC = Fnv1a("c:");
  auto pair = [&](const std::string& a, const std::string& b) {
    return Fnv1aFrom(Fnv1aFrom(Fnv1aFrom(kB, a), " "), b);
  };
  // Words that say who the writer is (identity.h) are one placeholder, with
  // no character n-grams: no weight can key on a name or an identity.
  size_t next_who = 0;
  for (uint32_t i = 0; i < tokens.size(); ++i) {
    if (next_who < who.size() && who[next_who].first == i) {
      const WhoSpan& span = who[next_who++];
      key = WhoPlaceholder(span.kind);
      out.push_back({Fnv1aFrom(kW, key), span.first, span.last});
      if (have_prev) out.push_back({pair(prev, key), prev_at, span.last});
      prev = key;
      prev_at = span.first;
      have_prev = true;
      i = span.last;
      continue;
    }
    const Token& t = tokens[i];
    switch (t.kind) {
      case TokenKind::kPunct:
        if (t.norm.find('!') != std::string::npos) AddFeature(t.norm.size() > 1 ? "s:!!" : "s:!", i, i, &out);
        else if (t.norm.find('?') != std::string::npos) AddFeature(t.norm.size() > 1 ? "s:??" : "s:?", i, i, &out);
        else if (t.norm == "...") AddFeature("s:...", i, i, &out);
        continue;
      case TokenKind::kEmoji:
      case TokenKind::kEmoticon:
        AddFeature("s:" + t.norm, i, i, &out);
        key = t.norm;
        break;
      case TokenKind::kNumber: key = "<num>"; break;
      case TokenKind::kUrl: key = "<url>"; break;
      case TokenKind::kEmail: key = "<email>"; break;
      case TokenKind::kWord: {
        // Lower-case ASCII (a word's norm, mostly) folds to itself: kept in
        // key's buffer, no string made.
        if (std::all_of(t.norm.begin(), t.norm.end(),
                        [](char c) { return static_cast<unsigned char>(c) < 0x80 && !(c >= 'A' && c <= 'Z'); }))
          key.assign(t.norm);
        else
          key = FoldAccents(t.norm);
        // Apostrophes vary ("dont", "don't", "don’t"): drop them.
        key.erase(std::remove(key.begin(), key.end(), '\''), key.end());
        if (key.empty()) continue;
        if (t.all_caps) AddFeature("s:<caps>", i, i, &out);
        if (t.elongated) AddFeature("s:<elong>", i, i, &out);
        // Character n-grams of "<word>", on code points.
        padded.assign(1, '<');
        padded += key;
        padded += '>';
        if (CodePointStarts(padded, &at)) {
          const size_t cps = at.size() - 1;
          for (size_t n = 3; n <= 5 && n <= cps; ++n)
            for (size_t a = 0; a + n <= cps; ++a)
              out.push_back({Fnv1aFrom(kC, std::string_view(padded).substr(at[a], at[a + n] - at[a])), i, i});
        } else {
          const std::u32string cps = DecodeUtf8(padded);
          for (size_t n = 3; n <= 5; ++n) {
            if (cps.size() < n) break;
            for (size_t a = 0; a + n <= cps.size(); ++a) {
              std::string g = "c:";
              for (size_t k = a; k < a + n; ++k) AppendUtf8(cps[k], &g);
              AddFeature(g, i, i, &out);
            }
          }
        }
        break;
      }
    }
    out.push_back({Fnv1aFrom(kW, key), i, i});
    if (have_prev) out.push_back({pair(prev, key), prev_at, i});
    prev = key;
    prev_at = i;
    have_prev = true;
  }
  return out;
}

std::vector<uint32_t> LanguageFeatures(const std::vector<Token>& tokens) {
  return LanguageFeatures(tokens, FindWho(tokens));
}

std::vector<uint32_t> LanguageFeatures(const std::vector<Token>& tokens, const std::vector<WhoSpan>& spans) {
  std::vector<uint32_t> out;
  // A name or an identity word must not change the language a message is
  // read in (and with it the thresholds): they are left out.
  const std::vector<WhoKind> who = WhoMask(tokens.size(), spans);
  // Hashed from their parts, as in JudgementFeatures.
  static const uint32_t kW = Fnv1a("w:"), kL = Fnv1a("l:");
  std::string padded;
  std::vector<uint32_t> at;
  for (size_t k = 0; k < tokens.size(); ++k) {
    const Token& t = tokens[k];
    if (t.kind != TokenKind::kWord || who[k] != WhoKind::kNone) continue;
    out.push_back(Fnv1aFrom(kW, t.norm));
    padded.assign(1, ' ');
    padded += t.norm;
    padded += ' ';
    if (CodePointStarts(padded, &at)) {
      const size_t cps = at.size() - 1;
      for (size_t n = 1; n <= 3; ++n)
        for (size_t a = 0; a + n <= cps; ++a) {
          if (n == 1 && (a == 0 || a + 1 == cps)) continue;  // a lone space says nothing
          out.push_back(Fnv1aFrom(kL, std::string_view(padded).substr(at[a], at[a + n] - at[a])));
        }
      continue;
    }
    const std::u32string cps = DecodeUtf8(padded);
    for (size_t n = 1; n <= 3; ++n) {
      for (size_t a = 0; a + n <= cps.size(); ++a) {
        if (n == 1 && (a == 0 || a + 1 == cps.size())) continue;  // a lone space says nothing
        std::string g = "l:";
        for (size_t k = a; k < a + n; ++k) AppendUtf8(cps[k], &g);
        out.push_back(Fnv1a(g));
      }
    }
  }
  return out;
}

}  // namespace attune
