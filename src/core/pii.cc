#include "pii.h"

#include <algorithm>
#include <array>
#include <initializer_list>

#include "text.h"

// Built for size under clang (the wasm build): these scans read a 4 KB
// message at most, where -O3 inlining only grew the widget's wasm (by 23 KB)
// without a measurable gain per turn.
#if defined(__clang__)
#pragma clang attribute push(__attribute__((minsize)), apply_to = function)
#endif

namespace attune {
namespace {

// The longest things each scan looks at; they bound every inner loop, which
// keeps FindPii() linear in the input.
constexpr size_t kMaxEmailLocal = 64;    // RFC 5321 local-part limit
constexpr size_t kMaxEmailDomain = 253;  // RFC 1035 name limit
constexpr size_t kMaxIbanChars = 34;     // ISO 13616
constexpr size_t kMinIbanChars = 15;
constexpr int kMaxCardDigits = 19;
constexpr int kMinCardDigits = 13;
constexpr int kMaxPhoneDigits = 15;  // E.164
constexpr int kMinPhoneDigits = 7;
constexpr size_t kContextWindow = 32;  // bytes before a number searched for "phone", "order", ...

bool IsDigit(char c) { return c >= '0' && c <= '9'; }
bool IsAlpha(char c) { return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z'); }
bool IsAlnum(char c) { return IsDigit(c) || IsAlpha(c); }
bool IsUpperAscii(char c) { return c >= 'A' && c <= 'Z'; }
char Upper(char c) { return (c >= 'a' && c <= 'z') ? char(c - 32) : c; }
char LowerAscii(char c) { return (c >= 'A' && c <= 'Z') ? char(c + 32) : c; }

// --- Folding -------------------------------------------------------------------
// The detectors run on a copy of the text in which the look-alike forms
// people type (full-width digits from Japanese and Chinese keyboards,
// non-breaking spaces pasted from documents, Unicode dashes from word
// processors) are their ASCII selves; `orig` maps every byte of the copy
// back to the input, so spans are reported in the input's bytes.
struct Folded {
  std::string text;
  std::vector<size_t> orig;  // text.size() + 1 entries
};

// What a code point is to the detectors: an ASCII character, kKeep (itself)
// or kDrop (nothing: the zero-width, bidi and control characters
// CleanForAnalysis drops too, so "555<ZWSP>1234567" is one number here as
// it is to entity extraction).
constexpr int kKeep = 0;
constexpr int kDrop = -1;
int FoldCodePoint(char32_t cp) {
  if (cp == '\t' || cp == '\n' || cp == '\r') return ' ';
  if (cp < 0x20 || (cp >= 0x7F && cp <= 0x9F) || cp == 0x00AD) return kDrop;
  if (cp < 0x80) return kKeep;
  if (cp >= 0xFF01 && cp <= 0xFF5E) return static_cast<int>(cp - 0xFF01 + 0x21);  // full-width ASCII block
  if (cp == 0x00A0 || (cp >= 0x2000 && cp <= 0x200A) || cp == 0x202F || cp == 0x205F || cp == 0x3000) return ' ';
  if ((cp >= 0x2010 && cp <= 0x2015) || cp == 0x2212 || cp == 0xFE63) return '-';
  if ((cp >= 0x200B && cp <= 0x200F) || (cp >= 0x202A && cp <= 0x202E) || (cp >= 0x2060 && cp <= 0x2069) || cp == 0xFEFF)
    return kDrop;
  return kKeep;
}

Folded Fold(std::string_view s) {
  Folded f;
  f.text.reserve(s.size());
  f.orig.reserve(s.size() + 1);
  for (size_t i = 0; i < s.size();) {
    const unsigned char c = static_cast<unsigned char>(s[i]);
    size_t len = c < 0x80 ? 1 : c < 0xE0 ? 2 : c < 0xF0 ? 3 : 4;
    if (i + len > s.size()) len = s.size() - i;
    char32_t cp = c;
    if (len == 2) cp = ((c & 0x1Fu) << 6) | (static_cast<unsigned char>(s[i + 1]) & 0x3Fu);
    else if (len == 3)
      cp = ((c & 0x0Fu) << 12) | ((static_cast<unsigned char>(s[i + 1]) & 0x3Fu) << 6) |
           (static_cast<unsigned char>(s[i + 2]) & 0x3Fu);
    else if (len == 4)
      cp = 0x10000;  // astral: never folded
    const int to = FoldCodePoint(cp);
    if (to > 0) {
      f.text.push_back(static_cast<char>(to));
      f.orig.push_back(i);
    } else if (to == kKeep) {
      for (size_t k = 0; k < len; ++k) {
        f.text.push_back(s[i + k]);
        f.orig.push_back(i + k);
      }
    }
    i += len;
  }
  f.orig.push_back(s.size());
  return f;
}

// --- Checks ----------------------------------------------------------------------

// IBAN lengths by country (SWIFT IBAN registry). A country missing here is
// still accepted at 15-34 characters if mod-97 holds.
struct IbanCountry {
  char code[3];
  int length;
};
constexpr std::array<IbanCountry, 88> kIbanLengths = {{
    {"AD", 24}, {"AE", 23}, {"AL", 28}, {"AT", 20}, {"AZ", 28}, {"BA", 20}, {"BE", 16}, {"BG", 22}, {"BH", 22},
    {"BI", 27}, {"BR", 29}, {"BY", 28}, {"CH", 21}, {"CR", 22}, {"CY", 28}, {"CZ", 24}, {"DE", 22}, {"DJ", 27},
    {"DK", 18}, {"DO", 28}, {"EE", 20}, {"EG", 29}, {"ES", 24}, {"FI", 18}, {"FK", 18}, {"FO", 18}, {"FR", 27},
    {"GB", 22}, {"GE", 22}, {"GI", 23}, {"GL", 18}, {"GR", 27}, {"GT", 28}, {"HR", 21}, {"HU", 28}, {"IE", 22},
    {"IL", 23}, {"IQ", 23}, {"IS", 26}, {"IT", 27}, {"JO", 30}, {"KW", 30}, {"KZ", 20}, {"LB", 28}, {"LC", 32},
    {"LI", 21}, {"LT", 20}, {"LU", 20}, {"LV", 21}, {"LY", 25}, {"MC", 27}, {"MD", 24}, {"ME", 22}, {"MK", 19},
    {"MN", 20}, {"MR", 27}, {"MT", 31}, {"MU", 30}, {"NI", 28}, {"NL", 18}, {"NO", 15}, {"OM", 23}, {"PK", 24},
    {"PL", 28}, {"PS", 29}, {"PT", 25}, {"QA", 29}, {"RO", 24}, {"RS", 22}, {"RU", 33}, {"SA", 24}, {"SC", 31},
    {"SD", 18}, {"SE", 24}, {"SI", 19}, {"SK", 24}, {"SM", 27}, {"SO", 23}, {"ST", 25}, {"SV", 28}, {"TL", 23},
    {"TN", 24}, {"TR", 26}, {"UA", 29}, {"VA", 22}, {"VG", 24}, {"XK", 20}, {"YE", 30},
}};

int IbanLengthFor(char a, char b) {
  a = Upper(a);
  b = Upper(b);
  for (const auto& c : kIbanLengths)
    if (c.code[0] == a && c.code[1] == b) return c.length;
  return 0;
}

// Mod-97 of the IBAN with its first four characters moved to the end and
// letters as 10..35; `chars` holds alphanumerics only.
bool Mod97IsOne(std::string_view chars) {
  if (chars.size() < 4) return false;
  int rem = 0;
  auto feed = [&rem](char c) {
    c = Upper(c);
    if (IsDigit(c)) {
      rem = (rem * 10 + (c - '0')) % 97;
    } else {
      const int v = c - 'A' + 10;
      rem = (rem * 100 + v) % 97;
    }
  };
  for (size_t i = 4; i < chars.size(); ++i) feed(chars[i]);
  for (size_t i = 0; i < 4; ++i) feed(chars[i]);
  return rem == 1;
}

bool IbanShapeOk(std::string_view chars) {
  if (chars.size() < kMinIbanChars || chars.size() > kMaxIbanChars) return false;
  if (!IsAlpha(chars[0]) || !IsAlpha(chars[1]) || !IsDigit(chars[2]) || !IsDigit(chars[3])) return false;
  for (char c : chars)
    if (!IsAlnum(c)) return false;
  const int want = IbanLengthFor(chars[0], chars[1]);
  return want == 0 || int(chars.size()) == want;
}

bool LuhnDigits(std::string_view digits) {
  int sum = 0;
  bool dbl = false;
  for (size_t i = digits.size(); i-- > 0;) {
    int d = digits[i] - '0';
    if (dbl) {
      d *= 2;
      if (d > 9) d -= 9;
    }
    sum += d;
    dbl = !dbl;
  }
  return sum % 10 == 0;
}

// Card networks start with 2 (Mastercard 2-series), 3 (Amex, Diners, JCB),
// 4 (Visa), 5 (Mastercard) or 6 (Discover, UnionPay, Maestro): requiring one
// of them halves the false positives Luhn alone would let through.
bool CardPrefixOk(char first) { return first >= '2' && first <= '6'; }

// True when the bytes just before `pos` (within kContextWindow) mention one of
// `words` as a whole word; returns the position of the nearest mention.
bool FindContext(std::string_view s, size_t pos, std::initializer_list<std::string_view> words, size_t* where) {
  const size_t from = pos > kContextWindow ? pos - kContextWindow : 0;
  std::string window;
  window.reserve(pos - from);
  for (size_t i = from; i < pos; ++i) window.push_back(LowerAscii(s[i]));
  bool found = false;
  auto letter = [](char c) { return IsAlpha(c) || static_cast<unsigned char>(c) >= 0x80; };
  for (std::string_view w : words) {
    for (size_t at = window.rfind(w); at != std::string::npos; at = at == 0 ? std::string::npos : window.rfind(w, at - 1)) {
      const bool left_ok = at == 0 || !letter(window[at - 1]);
      const bool right_ok = at + w.size() >= window.size() || !letter(window[at + w.size()]) || w.back() == '#';
      if (left_ok && right_ok) {
        if (!found || from + at > *where) *where = from + at;
        found = true;
        break;
      }
    }
  }
  return found;
}

// --- Addresses -------------------------------------------------------------------

// A word of the folded text with trailing punctuation split off.
struct AddrWord {
  size_t begin, end;  // the word without the punctuation
  std::string lower;  // Lower(): ASCII and Latin letters
  bool cap = false;   // starts with an upper-case letter (ASCII or Latin-1/Extended-A)
  bool comma = false; // a "," (or ";") follows it
  bool stop = false;  // a sentence ends after it ("." "!" "?" ":" or a line break)
};

bool InList(const std::string& w, std::initializer_list<const char*> list) {
  // The first byte rejects most entries without a comparison call
  // (w[0] is '\0' for an empty w, as k[0] is for an empty entry).
  for (const char* k : list)
    if (k[0] == w[0] && w == k) return true;
  return false;
}

// Street types written before the name ("Calle Mayor", "Via Roma"). Strong
// ones are rarely anything but a street; weak ones ("via email", "place an
// order", "largo" = long) need a capitalised name after them.
bool StrongPrefix(const std::string& w) {
  return InList(w, {"calle", "c/", "avenida", "avda", "avda.", "travesía", "travesia", "glorieta", "callejón", "rua",
                    "travessa", "praça", "alameda", "viale", "piazza", "piazzale", "vicolo", "rue", "boulevard", "allée",
                    "allee", "impasse", "avenue"});
}
bool WeakPrefix(const std::string& w) {
  return InList(w, {"av", "av.", "plaza", "pza", "pza.", "paseo", "camino", "carretera", "ctra", "ctra.", "ronda",
                    "carrera", "praca", "largo", "estrada", "rodovia", "via", "corso", "strada", "contrada", "bd", "bd.",
                    "bld", "place", "quai", "chemin", "route", "cours", "square", "r."});
}
// French street types, written after the house number ("12 rue de la Paix").
bool FrenchType(const std::string& w) {
  return InList(w, {"rue", "avenue", "av", "av.", "boulevard", "bd", "bd.", "bld", "place", "allée", "allee", "impasse",
                    "chemin", "quai", "route", "cours", "square", "passage", "voie"});
}
// English street types, written after the name ("Baker Street").
bool StrongSuffix(const std::string& w) {
  return InList(w, {"street", "road", "avenue", "lane", "drive", "boulevard", "blvd", "blvd.", "highway", "parkway",
                    "terrace", "crescent"});
}
bool WeakSuffix(const std::string& w) {
  return InList(w, {"st", "st.", "rd", "rd.", "ave", "ave.", "ln", "ln.", "dr", "dr.", "way", "close", "place", "pl",
                    "pl.", "court", "ct", "ct.", "square", "sq", "sq.", "hwy", "pkwy", "row", "mews", "gardens"});
}
// German streets end in these ("Hauptstraße", "Schillerplatz").
bool GermanStreet(const AddrWord& w) {
  if (!w.cap) return false;
  for (const char* suffix : {"straße", "strasse", "str.", "weg", "gasse", "allee", "platz", "ring", "damm", "ufer",
                             "chaussee", "steig", "pfad"}) {
    const std::string_view sfx(suffix);
    const std::string& l = w.lower;
    // "Straße 5" on its own is an address too; "Ring" or "Weg" alone are not.
    const bool whole_ok = sfx == "straße" || sfx == "strasse";
    if (l.size() >= sfx.size() + (whole_ok ? 0 : 3) && l.compare(l.size() - sfx.size(), sfx.size(), sfx) == 0) return true;
  }
  return false;
}
// Little words inside street names: "rue de la Paix", "Rua do Ouro".
bool Particle(const std::string& w) {
  return InList(w, {"de", "del", "la", "las", "los", "el", "di", "della", "dei", "delle", "dello", "do", "da", "dos",
                    "das", "du", "des", "le", "l'", "d'", "von", "der", "e", "y", "san", "santa", "st", "st."});
}
// A number followed by one of these is a quantity, not a house number.
bool QuantityWord(const std::string& w) {
  return InList(w, {"items", "item", "times", "time", "days", "day", "hours", "hour", "minutes", "mins", "min", "weeks",
                    "week", "months", "month", "years", "year", "euros", "euro", "dollars", "pounds", "units", "pieces",
                    "orders", "people", "pairs", "boxes", "percent", "%", "veces", "días", "dias", "horas", "semanas",
                    "meses", "años", "unidades", "artículos", "articulos", "fois", "jours", "heures", "semaines", "mois",
                    "ans", "articles", "mal", "tage", "tagen", "stunden", "wochen", "monate", "jahre", "stück", "stuck",
                    "vezes", "semanas", "anos", "itens", "volte", "giorni", "ore", "settimane", "mesi", "anni", "pezzi",
                    "x", "am", "pm", "h", "kg", "km", "cm", "mm", "m", "g", "gb", "mb"});
}
// English function words: "5 days on the street" has no street name.
bool EnglishStopword(const std::string& w) {
  return InList(w, {"the", "a", "an", "on", "in", "at", "of", "to", "for", "and", "or", "my", "your", "our", "this",
                    "that", "is", "was", "it", "i", "you", "we", "they", "he", "she", "from", "by", "with", "near"});
}
// Floor, door and unit details after a house number: "3º izq", "2º Esq.", "int. 5".
bool UnitWord(const std::string& w) {
  return InList(w, {"izq", "izq.", "izda", "izda.", "dcha", "dcha.", "dch", "der", "der.", "bajo", "piso", "puerta",
                    "esc", "esc.", "esq", "esq.", "dto", "dto.", "andar", "apto", "apto.", "apt", "apt.", "ap", "ap.", "int", "int.",
                    "interno", "scala", "bis", "ter", "étage", "etage", "flat", "unit", "suite", "ste"});
}
bool Ordinal(std::string_view w) {  // "3º", "2ª", "1°", "3.º", "2ºB"
  size_t i = 0;
  while (i < w.size() && IsDigit(w[i])) ++i;
  if (i == 0 || i > 3) return false;
  if (i < w.size() && w[i] == '.') ++i;
  for (std::string_view mark : {"\xC2\xBA", "\xC2\xAA", "\xC2\xB0"})
    if (w.substr(i, mark.size()) == mark) return i + mark.size() == w.size() || (i + mark.size() + 1 == w.size() && IsAlpha(w.back()));
  return false;
}
// "5", "221B", "12a", "12-14", "100", "nº 100" is handled by the caller.
bool HouseNumber(std::string_view w) {
  if (w.empty() || w[0] == '0') return false;  // "0", "007": not a house number
  size_t i = 0;
  while (i < w.size() && IsDigit(w[i])) ++i;
  if (i == 0 || i > 5) return false;
  if (i == w.size()) return true;
  if (i + 1 == w.size() && IsAlpha(w[i])) return true;
  if (w[i] == '-' || w[i] == '/') {
    size_t j = i + 1;
    while (j < w.size() && IsDigit(w[j])) ++j;
    return j == w.size() && j > i + 1 && j - i <= 5;
  }
  return false;
}
bool AllDigits(std::string_view w, size_t n) {
  if (w.size() != n) return false;
  for (char c : w)
    if (!IsDigit(c)) return false;
  return true;
}
// Postcodes: 5 digits (ES, FR, DE, IT, US), 4 (AT, CH, PT old), "1100-053"
// (PT), "01310-100" (BR), "12345-6789" (US ZIP+4).
bool Postcode(std::string_view w) {
  if (AllDigits(w, 5) || AllDigits(w, 4)) return true;
  const size_t dash = w.find('-');
  if (dash == std::string_view::npos) return false;
  const std::string_view a = w.substr(0, dash), b = w.substr(dash + 1);
  return (AllDigits(a, 4) && AllDigits(b, 3)) || (AllDigits(a, 5) && (AllDigits(b, 3) || AllDigits(b, 4)));
}
// UK postcodes: "NW1 6XE", "SW1A 1AA", "M1 1AE" (outward word, inward word).
bool UkOutward(std::string_view w) {
  if (w.size() < 2 || w.size() > 4 || !IsUpperAscii(w[0])) return false;
  size_t i = 1;
  if (IsUpperAscii(w[i])) ++i;
  if (i >= w.size() || !IsDigit(w[i])) return false;
  ++i;
  if (i < w.size() && (IsDigit(w[i]) || IsUpperAscii(w[i]))) ++i;
  return i == w.size();
}
bool UkInward(std::string_view w) {
  return w.size() == 3 && IsDigit(w[0]) && IsUpperAscii(w[1]) && IsUpperAscii(w[2]);
}

std::vector<AddrWord> AddressWords(const std::string& s) {
  std::vector<AddrWord> out;
  for (size_t i = 0; i < s.size();) {
    while (i < s.size() && (s[i] == ' ' || s[i] == '\n' || s[i] == '\t' || s[i] == '(' || s[i] == '"')) ++i;
    size_t j = i;
    while (j < s.size() && s[j] != ' ' && s[j] != '\n' && s[j] != '\t') ++j;
    if (j == i) break;
    AddrWord w{i, j, "", false, false, false};
    // Trailing punctuation: "," joins parts of an address, ". ! ? :" end it.
    // A dot that belongs to an abbreviation ("St.", "Avda.") stays when the
    // next word starts in lower case or with a digit.
    while (w.end > w.begin && std::string_view(",;.!?:)\"").find(s[w.end - 1]) != std::string_view::npos) {
      const char p = s[w.end - 1];
      if (p == '.' && w.end - w.begin >= 2 && w.end == j) {
        const std::string_view body(s.data() + w.begin, w.end - w.begin - 1);
        const std::string l = Lower(std::string(body) + ".");
        if (StrongPrefix(l) || WeakPrefix(l) || WeakSuffix(l) || UnitWord(l) || StrongSuffix(l) || l == "str.") {
          w.stop = false;
          break;
        }
      }
      if (p == ',' || p == ';') w.comma = true;
      else w.stop = true;
      --w.end;
    }
    if (j < s.size() && s[j] == '\n') w.stop = true;
    if (w.end > w.begin) {
      const std::string_view text(s.data() + w.begin, w.end - w.begin);
      w.lower = Lower(text);
      const unsigned char c0 = static_cast<unsigned char>(text[0]);
      // Upper-case Latin-1 letters are C3 80..9E in UTF-8.
      w.cap = IsUpperAscii(text[0]) || (c0 == 0xC3 && text.size() > 1 && static_cast<unsigned char>(text[1]) < 0x9F);
      out.push_back(std::move(w));
    }
    i = j;
  }
  return out;
}

bool Letters(const AddrWord& w) {
  // A name word: starts with a letter (ASCII or any non-ASCII letter) and has no digits.
  const char c = w.lower.empty() ? 0 : w.lower[0];
  if (!(IsAlpha(c) || static_cast<unsigned char>(c) >= 0x80)) return false;
  for (char ch : w.lower)
    if (IsDigit(ch)) return false;
  return true;
}

}  // namespace

// --- The scanner -------------------------------------------------------------------

namespace {

class Scanner {
 public:
  Scanner(const std::string& s, const PiiOptions& options) : s_(s), claimed_(s.size(), false), options_(options) {}

  std::vector<PiiMatch> Run() {
    if (options_.emails) Emails();
    if (options_.ibans) Ibans();
    if (options_.cards) Cards();
    if (options_.phones) Phones();
    if (options_.addresses) Addresses();
    std::sort(found_.begin(), found_.end(), [](const PiiMatch& a, const PiiMatch& b) { return a.begin < b.begin; });
    return std::move(found_);
  }

 private:
  bool Free(size_t b, size_t e) const {
    for (size_t i = b; i < e; ++i)
      if (claimed_[i]) return false;
    return true;
  }
  bool Claim(PiiKind kind, size_t b, size_t e, std::string value) {
    if (b >= e || !Free(b, e)) return false;
    std::fill(claimed_.begin() + b, claimed_.begin() + e, true);
    found_.push_back({kind, b, e, std::move(value)});
    return true;
  }
  char At(size_t i) const { return i < s_.size() ? s_[i] : '\0'; }

  void Emails() {
    auto is_local = [](char c) {
      return IsAlnum(c) || c == '.' || c == '_' || c == '%' || c == '+' || c == '-' || c == '\'' || (static_cast<unsigned char>(c) >= 0x80);
    };
    auto is_domain = [](char c) { return IsAlnum(c) || c == '-' || (static_cast<unsigned char>(c) >= 0x80); };
    size_t i = 0;
    while ((i = s_.find('@', i)) != std::string::npos) {
      size_t b = i;
      while (b > 0 && i - b < kMaxEmailLocal && is_local(s_[b - 1])) --b;
      while (b < i && (static_cast<unsigned char>(s_[b]) & 0xC0) == 0x80) ++b;  // cap hit mid code point
      while (b < i && (s_[b] == '.' || s_[b] == '\'' || s_[b] == '-' || s_[b] == '+')) ++b;  // "…see.'john@" starts at j
      // Domain: labels of [A-Za-z0-9-] (or non-ASCII, for IDNs) joined by single dots.
      size_t e = i + 1, last_dot = 0, end = 0;
      while (e < s_.size() && e - i <= kMaxEmailDomain) {
        size_t label_end = e;
        while (label_end < s_.size() && label_end - i <= kMaxEmailDomain && is_domain(s_[label_end])) ++label_end;
        if (label_end == e) break;  // empty label
        end = label_end;
        if (At(label_end) == '.' && is_domain(At(label_end + 1))) {
          last_dot = label_end;
          e = label_end + 1;
        } else {
          break;
        }
      }
      // A top-level label of 2+ letters after at least one dot.
      bool tld_ok = last_dot != 0 && end - last_dot - 1 >= 2;
      for (size_t k = last_dot + 1; tld_ok && k < end; ++k) tld_ok = !IsDigit(s_[k]);
      if (b < i && tld_ok) {
        while (end > last_dot + 1 && s_[end - 1] == '-') --end;
        while (end < s_.size() && (static_cast<unsigned char>(s_[end]) & 0xC0) == 0x80) ++end;  // whole code points
        Claim(PiiKind::kEmail, b, end, Lower(std::string_view(s_).substr(b, end - b)));
        i = end;
      } else {
        i = i + 1;
      }
    }
  }

  void Ibans() {
    const size_t n = s_.size();
    std::string chars;
    std::vector<size_t> pos;      // byte offset of each collected char
    std::vector<bool> group_end;  // the collected char ends a space-separated group
    for (size_t i = 0; i + 4 <= n; ++i) {
      if (!(IsAlpha(s_[i]) && IsAlpha(s_[i + 1]) && IsDigit(s_[i + 2]) && IsDigit(s_[i + 3]))) continue;
      if (i > 0 && IsAlnum(s_[i - 1])) continue;
      chars.clear();
      pos.clear();
      group_end.clear();
      size_t j = i;
      while (j < n && chars.size() < kMaxIbanChars) {
        if (IsAlnum(s_[j])) {
          chars.push_back(s_[j]);
          pos.push_back(j);
          group_end.push_back(!IsAlnum(At(j + 1)));
          ++j;
        } else if (s_[j] == ' ' && IsAlnum(At(j + 1)) && !chars.empty()) {
          ++j;  // one space between groups
        } else if (s_[j] == ' ' && At(j + 1) == ' ' && IsAlnum(At(j + 2)) && !chars.empty()) {
          j += 2;  // or two
        } else {
          break;
        }
      }
      const int want = IbanLengthFor(s_[i], s_[i + 1]);
      const size_t hi = want ? size_t(want) : chars.size();
      const size_t lo = want ? size_t(want) : kMinIbanChars;
      for (size_t len = std::min(hi, chars.size()); len >= lo && len > 0; --len) {
        if (!group_end[len - 1]) continue;  // a cut inside a group is not an IBAN end
        const std::string_view cand(chars.data(), len);
        if (IbanShapeOk(cand) && Mod97IsOne(cand)) {
          std::string value(cand);
          for (char& c : value) c = Upper(c);
          if (Claim(PiiKind::kIban, i, pos[len - 1] + 1, std::move(value))) i = pos[len - 1];
          break;
        }
      }
    }
  }

  // Runs of ASCII digits, the building blocks of cards and phone numbers.
  struct Group {
    size_t begin, end;
  };
  std::vector<Group> DigitGroups() const {
    std::vector<Group> g;
    for (size_t i = 0; i < s_.size();) {
      if (!IsDigit(s_[i])) {
        ++i;
        continue;
      }
      size_t e = i;
      while (e < s_.size() && IsDigit(s_[e])) ++e;
      g.push_back({i, e});
      i = e;
    }
    return g;
  }

  // Groups of a card join through one or two spaces, one dash or one dot
  // ("4111 1111", "4111  1111", "4111-1111", "4111.1111", "4111 - 1111").
  bool CardGap(size_t from, size_t to) const {
    if (to <= from || to - from > 3) return false;
    int marks = 0;
    for (size_t k = from; k < to; ++k) {
      const char c = s_[k];
      if (c == '-' || c == '.') ++marks;
      else if (c != ' ') return false;
    }
    return marks <= 1 && !(marks == 0 && to - from == 3);
  }

  void Cards() {
    const std::vector<Group> g = DigitGroups();
    std::string digits;
    for (size_t a = 0; a < g.size(); ++a) {
      // A card starts a number: not glued to a letter, a digit group or a decimal point.
      if (g[a].begin > 0) {
        const char p = s_[g[a].begin - 1];
        if (IsAlpha(p) || p == '.' || p == ',') continue;
      }
      if (!CardPrefixOk(s_[g[a].begin])) continue;
      digits.clear();
      size_t best_end = 0;
      std::string best;
      for (size_t z = a; z < g.size(); ++z) {
        if (z > a && !CardGap(g[z - 1].end, g[z].begin)) break;
        if (digits.size() + (g[z].end - g[z].begin) > size_t(kMaxCardDigits)) break;
        digits.append(s_, g[z].begin, g[z].end - g[z].begin);
        const bool ends_clean = !IsAlpha(At(g[z].end)) && !(At(g[z].end) == '.' && IsDigit(At(g[z].end + 1)));
        if (digits.size() >= size_t(kMinCardDigits) && ends_clean && LuhnDigits(digits)) {
          best_end = g[z].end;
          best = digits;
        }
      }
      if (best_end && Claim(PiiKind::kCard, g[a].begin, best_end, best)) {
        while (a + 1 < g.size() && g[a + 1].begin < best_end) ++a;
      }
    }
  }

  void Phones() {
    const size_t n = s_.size();
    for (size_t i = 0; i < n;) {
      const char c = s_[i];
      const bool starts = IsDigit(c) || ((c == '+' || c == '(') && IsDigit(At(i + 1))) ||
                          (c == '(' && At(i + 1) == '+' && IsDigit(At(i + 2)));
      if (!starts || claimed_[i] || (i > 0 && (IsAlnum(s_[i - 1]) || claimed_[i - 1]))) {
        ++i;
        continue;
      }
      // Collect the run: digits and separators, at most two separators in a row.
      const size_t b = i;
      size_t j = i, last_digit = i, seps = 0;
      int digit_count = 0;
      bool plus = false, paren = false, too_long = false;
      std::vector<int> groups;
      int cur = 0;
      std::string seps_seen;
      std::string value;
      while (j < n && !claimed_[j]) {
        const char d = s_[j];
        if (IsDigit(d)) {
          ++digit_count;
          ++cur;
          last_digit = j;
          seps = 0;
          if (digit_count > kMaxPhoneDigits) too_long = true;
          else value.push_back(d);
        } else if ((d == '+' && j == i) || d == ' ' || d == '-' || d == '.' || d == '(' || d == ')' || d == '/') {
          if (d == '+') plus = true;
          if (d == '(' || d == ')') paren = true;
          if (++seps > 2) break;
          if (cur) groups.push_back(cur);
          cur = 0;
          if (d != '+' && d != '(' && d != ')' && d != ' ') seps_seen.push_back(d);
        } else {
          break;
        }
        ++j;
      }
      if (cur) groups.push_back(cur);
      const size_t end = last_digit + 1;
      i = std::max(j, i + 1);  // whatever the verdict, this run is done
      if (too_long || digit_count < kMinPhoneDigits) continue;
      if (IsAlpha(At(end)) || (At(end) == '.' && IsDigit(At(end + 1)))) continue;
      if (IsPhone(b, digit_count, plus, paren, groups, seps_seen)) Claim(PiiKind::kPhone, b, end, (plus ? "+" : "") + value);
    }
  }

  bool IsPhone(size_t b, int digits, bool plus, bool paren, const std::vector<int>& groups, const std::string& seps) const {
    // Never right after a currency sign or '#' ("#0612345678" is an order).
    if (b > 0) {
      const char p = s_[b - 1];
      if (p == '#' || p == '$' || p == '-' || p == '/' || p == '.' || p == ',') return false;
      if (b >= 2 && s_.compare(b - 2, 2, "\xC2\xA3") == 0) return false;      // £
      if (b >= 3 && s_.compare(b - 3, 3, "\xE2\x82\xAC") == 0) return false;  // €
      if (b >= 2 && (s_.compare(b - 2, 2, "\xC2\xBA") == 0 || s_.compare(b - 2, 2, "\xC2\xB0") == 0)) return false;  // nº, n°
    }
    // Dates: d/m/yyyy, yyyy-mm-dd and the like, also with a time after them
    // ("15/01/2024 10:30" collects "15/01/2024 10").
    if (groups.size() >= 3 && !seps.empty() && !plus && !paren) {
      const bool dmy = groups[0] <= 2 && groups[1] <= 2 && (groups[2] == 4 || (groups[2] == 2 && groups.size() == 3));
      const bool ymd = groups[0] == 4 && groups[1] <= 2 && groups[2] <= 2;
      if (dmy || ymd) return false;
    }
    size_t pos_ctx = 0, neg_ctx = 0;
    const bool pos = FindContext(s_, b, {"phone", "tel", "tel.", "telephone", "mobile", "cell", "call", "ring", "whatsapp",
                                         "fax", "sms", "text me", "reach me", "contact", "teléfono", "telefono", "móvil",
                                         "movil", "llámame", "llamame", "llamar", "llame", "téléphone", "portable",
                                         "appelez", "appeler", "telefon", "handy", "anrufen", "rufnummer", "nummer",
                                         "telemóvel", "telemovel", "celular", "ligar", "cellulare", "chiamami", "chiamare",
                                         "numero di telefono"},
                                 &pos_ctx);
    const bool neg = FindContext(s_, b, {"order", "invoice", "tracking", "ref", "reference", "ticket", "case", "sku",
                                         "item", "account", "#", "no.", "pedido", "factura", "referencia", "commande",
                                         "facture", "bestellung", "bestellnummer", "rechnung", "sendung", "encomenda",
                                         "fatura", "ordine", "fattura", "codice", "postcode", "zip", "cp"},
                                 &neg_ctx);
    const bool context_says_phone = pos && (!neg || pos_ctx > neg_ctx);
    const bool context_says_other = neg && (!pos || neg_ctx > pos_ctx);
    if (plus) return digits >= 8;  // +44 20 7946 0958: unmistakable
    if (context_says_other) return false;
    if (context_says_phone) return true;
    // Numbers that are not phones whatever their length: "1 234 567 890"
    // (thousands), "2024 2025 2026" (years).
    bool thousands = groups.size() >= 3 && groups[0] <= 3;
    for (size_t k = 1; thousands && k < groups.size(); ++k) thousands = groups[k] == 3;
    bool years = groups.size() >= 2;
    {
      size_t at = b;
      for (size_t k = 0; years && k < groups.size(); ++k) {
        while (at < s_.size() && !IsDigit(s_[at])) ++at;
        years = groups[k] == 4 && (s_.compare(at, 2, "19") == 0 || s_.compare(at, 2, "20") == 0);
        at += groups[k];
      }
    }
    if (years) return false;
    // "0.6791195130": a decimal number. "0 0 0 1234567": columns of a table.
    if (groups.size() == 2 && seps == ".") return false;
    if (std::count(groups.begin(), groups.end(), 1) >= 2) return false;
    const char first = s_[b] == '(' ? At(b + 1) : s_[b];
    const bool intl_00 = s_.compare(b, 2, "00") == 0 && digits >= 10;
    const bool trunk_0 = first == '0' && s_[b + 1] != '0' && digits >= 9 && digits <= 12;
    const bool us_334 = groups.size() == 3 && groups[0] == 3 && groups[1] == 3 && groups[2] == 4;
    // 10 to 15 digits, however grouped ("5551234567", "55 1234 5678",
    // "11 1234-5678", "333 123 4567"): the national numbers of the US, Mexico,
    // Argentina, Italy, Brazil... without the trunk or country code.
    const bool long_number = digits >= 10 && !thousands;
    // Spain and Portugal: 9 digits, mobiles 6/7 (ES) or 9 (PT), landlines
    // 8/9 (ES) or 2 (PT); "612 345 678", "91 123 45 67", "612 34 56 78".
    const auto shape = [&](std::initializer_list<int> want) { return std::equal(groups.begin(), groups.end(), want.begin(), want.end()); };
    const bool iberian = digits == 9 && (first == '6' || first == '7' || first == '8' || first == '9' || first == '2') &&
                         (shape({3, 3, 3}) || shape({3, 2, 2, 2}) || shape({2, 3, 2, 2}) ||
                          (shape({9}) && (first == '6' || first == '7' || first == '9')));
    return intl_00 || trunk_0 || us_334 || (paren && digits >= 9) || long_number || iberian;
  }

  // Street addresses: a street type and its name around a house number, then
  // optional floor/door details, postcode and city.
  void Addresses() {
    const std::vector<AddrWord> w = AddressWords(s_);
    const size_t n = w.size();
    auto text = [&](size_t k) { return std::string_view(s_).substr(w[k].begin, w[k].end - w[k].begin); };
    // The house number at word k ("5", "221B", "nº 100", "n.º 5"); returns
    // the index of the number word or n.
    auto number_at = [&](size_t k) -> size_t {
      if (k >= n) return n;
      if (InList(w[k].lower, {"nº", "n.º", "n°", "no", "no.", "nr", "nr.", "n.", "num", "num.", "número", "numero", "n"}) &&
          !w[k].stop && k + 1 < n && HouseNumber(text(k + 1)))
        return k + 1;
      return HouseNumber(text(k)) ? k : n;
    };
    auto quantity_after = [&](size_t k) { return k + 1 < n && !w[k].comma && !w[k].stop && QuantityWord(w[k + 1].lower); };
    for (size_t k = 0; k < n; ++k) {
      size_t first = n, last = n;
      const std::string& l = w[k].lower;
      // 1. Prefix street types: "Calle Mayor 5", "Via Roma, 10", "Rua Augusta nº 100".
      if (StrongPrefix(l) || WeakPrefix(l)) {
        size_t j = k + 1, names = 0;
        bool capital = false;
        while (j < n && names < 5 && !w[j - 1].stop && Letters(w[j]) && !HouseNumber(text(j))) {
          if (!Particle(w[j].lower)) {
            capital |= w[j].cap;
            ++names;
          }
          if (w[j].comma) {
            ++j;
            break;
          }
          ++j;
        }
        const bool named = names > 0 && (StrongPrefix(l) ? true : capital);
        if (named && !w[j - 1].stop) {
          const size_t num = number_at(j);
          if (num < n && !quantity_after(num)) {
            first = k;
            last = num;
          }
        }
      }
      // 2. Number first: "12 rue de la Paix" (French), "221B Baker Street" (English).
      if (first == n && HouseNumber(text(k)) && !w[k].stop && k + 1 < n && !QuantityWord(w[k + 1].lower)) {
        size_t j = k + 1;
        if (InList(w[j].lower, {"bis", "ter", "b"}) && !w[j].stop) ++j;
        if (j < n && FrenchType(w[j].lower) && !w[j].stop && j + 1 < n) {
          // French: the name follows the type.
          const bool strong = StrongPrefix(w[j].lower);
          // Name words run to the first lower-case word after a capitalised
          // one ("12 rue de la Paix et ..."), or two words when all are lower-case.
          size_t m = j + 1, end = j, names = 0;
          bool capital = false;
          while (m < n && names < 5 && Letters(w[m])) {
            if (!Particle(w[m].lower)) {
              if ((capital && !w[m].cap) || (!capital && !w[m].cap && names >= 2)) break;
              capital |= w[m].cap;
              ++names;
              end = m;
            }
            if (w[m].comma || w[m].stop) break;
            ++m;
          }
          if (names > 0 && (strong || capital)) {
            first = k;
            last = end;
          }
        } else {
          // English: name words, then the type.
          size_t m = j, names = 0;
          bool capital = true;
          while (m < n && names < 4 && Letters(w[m]) && !EnglishStopword(w[m].lower) &&
                 !(StrongSuffix(w[m].lower) || (WeakSuffix(w[m].lower) && names > 0))) {
            capital &= w[m].cap;
            ++names;
            if (w[m].comma || w[m].stop) {
              names = 0;  // the type must come before any punctuation
              break;
            }
            ++m;
          }
          // "Dr." before a capitalised name is a doctor, not a drive: "Hat Dr. Berger".
          const bool doctor = m + 1 < n && (w[m].lower == "dr" || w[m].lower == "dr.") && !w[m].comma && !w[m].stop && w[m + 1].cap;
          if (names > 0 && m < n && !doctor && (StrongSuffix(w[m].lower) || (WeakSuffix(w[m].lower) && capital && w[m].cap))) {
            first = k;
            last = m;
            // "1600 Pennsylvania Avenue NW"
            if (last + 1 < n && !w[last].stop && !w[last].comma &&
                InList(w[last + 1].lower, {"n", "s", "e", "w", "ne", "nw", "se", "sw"}) && w[last + 1].cap)
              ++last;
          }
        }
      }
      // 3. German: "Hauptstraße 12", "Berliner Straße 5a".
      if (first == n && GermanStreet(w[k]) && !w[k].stop) {
        const size_t num = number_at(k + 1);
        if (num < n && !quantity_after(num)) {
          first = (k > 0 && w[k - 1].cap && Letters(w[k - 1]) && !w[k - 1].stop && !w[k - 1].comma &&
                   (w[k].lower == "straße" || w[k].lower == "strasse" || w[k].lower == "allee" || w[k].lower == "platz"))
                      ? k - 1
                      : k;
          last = num;
        }
      }
      if (first == n) continue;
      last = Tail(w, last);
      const size_t b = w[first].begin, e = w[last].end;
      if (Claim(PiiKind::kAddress, b, e, std::string(s_, b, e - b))) k = last;
    }
  }

  // Extends an address ending at word `last` over floor/door details
  // ("3º izq", "2ºB", "piso 3", "int. 5") and a postcode with its city
  // ("28013 Madrid", "London NW1 6XE", "Springfield, IL 62704"). A city is
  // only taken together with a postcode, so "Calle Mayor 5, Thanks" stays
  // short.
  size_t Tail(const std::vector<AddrWord>& w, size_t last) const {
    const size_t n = w.size();
    auto text = [&](size_t k) { return std::string_view(s_).substr(w[k].begin, w[k].end - w[k].begin); };
    // Floor and door.
    for (int steps = 0; steps < 3 && !w[last].stop && last + 1 < n; ++steps) {
      const size_t k = last + 1;
      if (Ordinal(text(k)) || UnitWord(w[k].lower)) {
        last = k;
        if (!w[k].stop && k + 1 < n && (HouseNumber(text(k + 1)) || (text(k + 1).size() == 1 && IsAlpha(text(k + 1)[0])) ||
                                        InList(w[k + 1].lower, {"izq", "izq.", "izda", "dcha", "dcha.", "der", "esq", "esq.", "dto", "dto."})))
          last = k + 1;
      } else {
        break;
      }
    }
    if (w[last].stop) return last;
    // Postcode then city: "28013 Madrid", "00184 Roma", "1100-053 Lisboa", "IL 62704".
    size_t k = last + 1;
    if (k < n && w[k].lower.size() == 2 && IsUpperAscii(text(k)[0]) && IsUpperAscii(text(k)[1]) && !w[k].stop && k + 1 < n &&
        Postcode(text(k + 1)))
      return k + 1;  // US state and ZIP
    if (k < n && Postcode(text(k))) {
      size_t end = k;
      for (size_t c = k + 1; c < n && c <= k + 3 && !w[c - 1].stop && !w[c - 1].comma && w[c].cap && Letters(w[c]); ++c) end = c;
      return end;
    }
    // City then postcode: "London NW1 6XE", "Springfield, IL 62704", "Madrid 28013".
    size_t c = k;
    while (c < n && c < k + 3 && w[c].cap && Letters(w[c]) && !w[c].stop && !UkOutward(text(c))) {
      if (w[c].comma) {
        ++c;
        break;
      }
      ++c;
    }
    if (c > k && c < n) {
      if (c + 1 < n && UkOutward(text(c)) && !w[c].stop && UkInward(text(c + 1))) return c + 1;
      if (Postcode(text(c))) return c;
      if (c + 1 < n && w[c].lower.size() == 2 && IsUpperAscii(text(c)[0]) && IsUpperAscii(text(c)[1]) && !w[c].stop &&
          Postcode(text(c + 1)))
        return c + 1;
    }
    if (k + 1 < n && UkOutward(text(k)) && !w[k].stop && UkInward(text(k + 1))) return k + 1;
    return last;
  }

  const std::string& s_;
  std::vector<bool> claimed_;
  std::vector<PiiMatch> found_;
  PiiOptions options_;
};

}  // namespace

const char* PiiKindName(PiiKind kind) {
  switch (kind) {
    case PiiKind::kEmail: return "email";
    case PiiKind::kPhone: return "phone";
    case PiiKind::kCard: return "card";
    case PiiKind::kIban: return "iban";
    case PiiKind::kAddress: return "address";
  }
  return "unknown";
}

const char* PiiPlaceholder(PiiKind kind) {
  switch (kind) {
    case PiiKind::kEmail: return "[email]";
    case PiiKind::kPhone: return "[phone]";
    case PiiKind::kCard: return "[card]";
    case PiiKind::kIban: return "[iban]";
    case PiiKind::kAddress: return "[address]";
  }
  return "[redacted]";
}

std::vector<PiiMatch> FindPii(std::string_view utf8, const PiiOptions& options) {
  const Folded f = Fold(utf8);
  std::vector<PiiMatch> found = Scanner(f.text, options).Run();
  for (PiiMatch& m : found) {
    m.begin = f.orig[m.begin];
    m.end = f.orig[m.end];
  }
  return found;
}

bool PassesLuhn(std::string_view s) {
  const Folded f = Fold(s);
  std::string d;
  for (char c : f.text) {
    if (IsDigit(c)) d.push_back(c);
    else if (c != ' ' && c != '-' && c != '.') return false;
  }
  return d.size() >= size_t(kMinCardDigits) && d.size() <= size_t(kMaxCardDigits) && LuhnDigits(d);
}

bool IsValidIban(std::string_view s) {
  const Folded f = Fold(s);
  std::string chars;
  for (char c : f.text) {
    if (c == ' ' || c == '-' || c == '.') continue;
    if (!IsAlnum(c) || chars.size() > kMaxIbanChars) return false;
    chars.push_back(c);
  }
  return IbanShapeOk(chars) && Mod97IsOne(chars);
}

}  // namespace attune

#if defined(__clang__)
#pragma clang attribute pop
#endif
