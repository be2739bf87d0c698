#include "redact.h"

#include <algorithm>
#include <array>

#include "text.h"

namespace attune {
namespace {

// The longest things each scan looks at; they bound every inner loop, which
// keeps Redact() linear in the input.
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
char Upper(char c) { return (c >= 'a' && c <= 'z') ? char(c - 32) : c; }
char LowerAscii(char c) { return (c >= 'A' && c <= 'Z') ? char(c + 32) : c; }

// IBAN lengths by country (SWIFT IBAN registry). A country missing here is
// still accepted at 15-34 characters if mod-97 holds.
struct IbanCountry {
  char code[3];
  int length;
};
constexpr std::array<IbanCountry, 83> kIbanLengths = {{
    {"AD", 24}, {"AE", 23}, {"AL", 28}, {"AT", 20}, {"AZ", 28}, {"BA", 20}, {"BE", 16}, {"BG", 22}, {"BH", 22},
    {"BI", 27}, {"BR", 29}, {"BY", 28}, {"CH", 21}, {"CR", 22}, {"CY", 28}, {"CZ", 24}, {"DE", 22}, {"DJ", 27},
    {"DK", 18}, {"DO", 28}, {"EE", 20}, {"EG", 29}, {"ES", 24}, {"FI", 18}, {"FK", 18}, {"FO", 18}, {"FR", 27},
    {"GB", 22}, {"GE", 22}, {"GI", 23}, {"GL", 18}, {"GR", 27}, {"GT", 28}, {"HR", 21}, {"HU", 28}, {"IE", 22},
    {"IL", 23}, {"IQ", 23}, {"IS", 26}, {"IT", 27}, {"JO", 30}, {"KW", 30}, {"KZ", 20}, {"LB", 28}, {"LC", 32},
    {"LI", 21}, {"LT", 20}, {"LU", 20}, {"LV", 21}, {"LY", 25}, {"MC", 27}, {"MD", 24}, {"ME", 22}, {"MK", 19},
    {"MN", 20}, {"MR", 27}, {"MT", 31}, {"MU", 30}, {"NI", 28}, {"NL", 18}, {"NO", 15}, {"OM", 23}, {"PK", 24},
    {"PL", 28}, {"PS", 29}, {"PT", 25}, {"QA", 29}, {"RO", 24}, {"RS", 22}, {"RU", 33}, {"SA", 24}, {"SC", 31},
    {"SD", 18}, {"SE", 24}, {"SI", 19}, {"SK", 24}, {"SM", 27}, {"SO", 23}, {"ST", 25}, {"SV", 28}, {"TL", 23},
    {"TN", 24}, {"TR", 26},
}};
// Kept apart so the table above stays sorted and short to read.
constexpr std::array<IbanCountry, 5> kIbanLengthsTail = {{{"UA", 29}, {"VA", 22}, {"VG", 24}, {"XK", 20}, {"YE", 30}}};

int IbanLengthFor(char a, char b) {
  a = Upper(a);
  b = Upper(b);
  for (const auto& c : kIbanLengths)
    if (c.code[0] == a && c.code[1] == b) return c.length;
  for (const auto& c : kIbanLengthsTail)
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
  for (std::string_view w : words) {
    for (size_t at = window.rfind(w); at != std::string::npos; at = at == 0 ? std::string::npos : window.rfind(w, at - 1)) {
      const bool left_ok = at == 0 || !IsAlpha(window[at - 1]);
      const bool right_ok = at + w.size() >= window.size() || !IsAlpha(window[at + w.size()]) || w.back() == '#';
      if (left_ok && right_ok) {
        if (!found || from + at > *where) *where = from + at;
        found = true;
        break;
      }
    }
  }
  return found;
}

class Scanner {
 public:
  Scanner(const std::string& s, const RedactOptions& options) : s_(s), claimed_(s.size(), false), options_(options) {}

  std::vector<Redaction> Run() {
    // Checked kinds first so a card inside a phone-shaped run stays a card.
    if (options_.emails) Emails();
    if (options_.ibans) Ibans();
    if (options_.cards) Cards();
    if (options_.phones) Phones();
    std::sort(found_.begin(), found_.end(), [](const Redaction& a, const Redaction& b) { return a.begin < b.begin; });
    return std::move(found_);
  }

 private:
  bool Free(size_t b, size_t e) const {
    for (size_t i = b; i < e; ++i)
      if (claimed_[i]) return false;
    return true;
  }
  bool Claim(PiiKind kind, size_t b, size_t e) {
    if (b >= e || !Free(b, e)) return false;
    std::fill(claimed_.begin() + b, claimed_.begin() + e, true);
    found_.push_back({kind, b, e});
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
        Claim(PiiKind::kEmail, b, end);
        i = end;
      } else {
        i = i + 1;
      }
    }
  }

  void Ibans() {
    const size_t n = s_.size();
    std::string chars;
    std::vector<size_t> pos;        // byte offset of each collected char
    std::vector<bool> group_end;    // the collected char ends a space-separated group
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
          if (Claim(PiiKind::kIban, i, pos[len - 1] + 1)) i = pos[len - 1];
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
      for (size_t z = a; z < g.size(); ++z) {
        if (z > a) {
          // Groups join through exactly one space or dash.
          const size_t gap = g[z].begin - g[z - 1].end;
          const char sep = s_[g[z - 1].end];
          if (gap != 1 || (sep != ' ' && sep != '-')) break;
        }
        if (digits.size() + (g[z].end - g[z].begin) > size_t(kMaxCardDigits)) break;
        digits.append(s_, g[z].begin, g[z].end - g[z].begin);
        const bool ends_clean = !IsAlpha(At(g[z].end)) && !(At(g[z].end) == '.' && IsDigit(At(g[z].end + 1)));
        if (digits.size() >= size_t(kMinCardDigits) && ends_clean && LuhnDigits(digits)) best_end = g[z].end;
      }
      if (best_end && Claim(PiiKind::kCard, g[a].begin, best_end)) {
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
      while (j < n && !claimed_[j]) {
        const char d = s_[j];
        if (IsDigit(d)) {
          ++digit_count;
          ++cur;
          last_digit = j;
          seps = 0;
          if (digit_count > kMaxPhoneDigits) too_long = true;
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
      if (IsPhone(b, end, digit_count, plus, paren, groups, seps_seen)) Claim(PiiKind::kPhone, b, end);
    }
  }

  bool IsPhone(size_t b, size_t end, int digits, bool plus, bool paren, const std::vector<int>& groups,
               const std::string& seps) const {
    // Never right after a currency sign or '#' ("#0612345678" is an order).
    if (b > 0) {
      const char p = s_[b - 1];
      if (p == '#' || p == '$' || p == '-' || p == '/' || p == '.' || p == ',') return false;
      if (b >= 2 && s_.compare(b - 2, 2, "\xC2\xA3") == 0) return false;      // £
      if (b >= 3 && s_.compare(b - 3, 3, "\xE2\x82\xAC") == 0) return false;  // €
    }
    // Dates: d/m/yyyy, yyyy-mm-dd and the like.
    if (groups.size() == 3 && !seps.empty() && !plus && !paren) {
      const bool dmy = groups[0] <= 2 && groups[1] <= 2 && (groups[2] == 2 || groups[2] == 4);
      const bool ymd = groups[0] == 4 && groups[1] <= 2 && groups[2] <= 2;
      if (dmy || ymd) return false;
    }
    size_t pos_ctx = 0, neg_ctx = 0;
    const bool pos = FindContext(s_, b, {"phone", "tel", "tel.", "telephone", "mobile", "cell", "call", "ring",
                                         "whatsapp", "fax", "sms", "text me", "reach me", "contact"},
                                 &pos_ctx);
    const bool neg = FindContext(s_, b, {"order", "invoice", "tracking", "ref", "reference", "ticket", "case",
                                         "sku", "item", "account", "#", "no."},
                                 &neg_ctx);
    const bool context_says_phone = pos && (!neg || pos_ctx > neg_ctx);
    const bool context_says_other = neg && (!pos || neg_ctx > pos_ctx);
    if (plus) return digits >= 8;  // +44 20 7946 0958: unmistakable
    if (context_says_other) return false;
    if (context_says_phone) return true;
    const bool intl_00 = s_.compare(b, 2, "00") == 0 && digits >= 10;
    const bool trunk_0 = s_[b] == '0' && s_[b + 1] != '0' && digits >= 9 && digits <= 12;
    const bool us_334 = groups.size() == 3 && groups[0] == 3 && groups[1] == 3 && groups[2] == 4;
    (void)end;
    return intl_00 || trunk_0 || us_334 || (paren && digits >= 9);
  }

  const std::string& s_;
  std::vector<bool> claimed_;
  std::vector<Redaction> found_;
  RedactOptions options_;
};

std::string DigitsOnly(std::string_view s, bool* clean) {
  std::string d;
  *clean = true;
  for (char c : s) {
    if (IsDigit(c)) d.push_back(c);
    else if (c != ' ' && c != '-') *clean = false;
  }
  return d;
}

}  // namespace

const char* PiiKindName(PiiKind kind) {
  switch (kind) {
    case PiiKind::kEmail: return "email";
    case PiiKind::kPhone: return "phone";
    case PiiKind::kCard: return "card";
    case PiiKind::kIban: return "iban";
  }
  return "unknown";
}

const char* PiiPlaceholder(PiiKind kind) {
  switch (kind) {
    case PiiKind::kEmail: return "[email]";
    case PiiKind::kPhone: return "[phone]";
    case PiiKind::kCard: return "[card]";
    case PiiKind::kIban: return "[iban]";
  }
  return "[redacted]";
}

bool PassesLuhn(std::string_view s) {
  bool clean = true;
  const std::string d = DigitsOnly(s, &clean);
  return clean && d.size() >= size_t(kMinCardDigits) && d.size() <= size_t(kMaxCardDigits) && LuhnDigits(d);
}

bool IsValidIban(std::string_view s) {
  std::string chars;
  for (char c : s) {
    if (c == ' ' || c == '-') continue;
    if (!IsAlnum(c) || chars.size() > kMaxIbanChars) return false;
    chars.push_back(c);
  }
  return IbanShapeOk(chars) && Mod97IsOne(chars);
}

RedactedText Redact(std::string_view text, const RedactOptions& options) {
  const std::string in = RepairUtf8(text);
  RedactedText out;
  out.redactions = Scanner(in, options).Run();
  out.text.reserve(in.size());
  size_t at = 0;
  for (const Redaction& r : out.redactions) {
    out.text.append(in, at, r.begin - at);
    out.text += PiiPlaceholder(r.kind);
    at = r.end;
  }
  out.text.append(in, at, std::string::npos);
  return out;
}

}  // namespace attune
