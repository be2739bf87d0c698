#include "entities.h"

#include <algorithm>
#include <cctype>
#include <cstdio>
#include <iterator>
#include <unordered_map>
#include <unordered_set>

#include "pii.h"
#include "text.h"

namespace attune {
namespace {

// sscanf's "%Nd" without the scanf machinery (4.5 KB of the widget's wasm):
// spaces skipped, then an optional sign and digits, at most `width`
// characters of them (0: no limit). Moves *at past them; false when no digit
// came.
bool ScanInt(std::string_view s, size_t* at, size_t width, int* out) {
  size_t i = *at;
  while (i < s.size() && std::isspace(static_cast<unsigned char>(s[i]))) ++i;
  const size_t limit = width ? std::min(s.size(), i + width) : s.size();
  const bool negative = i < limit && s[i] == '-';
  if (i < limit && (s[i] == '+' || s[i] == '-')) ++i;
  const size_t first = i;
  long v = 0;
  for (; i < limit && s[i] >= '0' && s[i] <= '9'; ++i)
    if (v < 100000000) v = v * 10 + (s[i] - '0');
  if (i == first) return false;
  *out = static_cast<int>(negative ? -v : v);
  *at = i;
  return true;
}

// sscanf's "%c": any next character.
bool ScanChar(std::string_view s, size_t* at, char* out) {
  if (*at >= s.size()) return false;
  *out = s[(*at)++];
  return true;
}

// --- Safe patterns ----------------------------------------------------------

constexpr int kMaxRepeat = 32;     // "*" and "+" mean at most 32
constexpr size_t kMaxWord = 64;    // longer words never match a pattern

struct Atom {
  bool any = false;
  std::vector<std::pair<unsigned char, unsigned char>> ranges;  // lower-cased
  int min = 1, max = 1;
};

unsigned char Low(unsigned char c) { return (c >= 'A' && c <= 'Z') ? c + 32 : c; }

std::string Parse(std::string_view p, std::vector<Atom>* out) {
  out->clear();
  size_t i = 0;
  while (i < p.size()) {
    Atom a;
    const char c = p[i];
    if (c == '(' || c == ')' || c == '|' || c == '^' || c == '$')
      return std::string("\"") + c + "\" is not supported (no groups, alternation or anchors; the pattern matches a whole word)";
    if (c == '?' || c == '*' || c == '+' || c == '{') return "quantifier \"" + std::string(1, c) + "\" at position " + std::to_string(i) + " has nothing to repeat";
    if (c == '.') {
      a.any = true;
      ++i;
    } else if (c == '\\') {
      if (i + 1 >= p.size()) return "pattern ends with \"\\\"";
      const char e = p[i + 1];
      if (e == 'd') a.ranges = {{'0', '9'}};
      else if (e == 'w') a.ranges = {{'a', 'z'}, {'0', '9'}, {'_', '_'}};
      else if (std::isalnum(static_cast<unsigned char>(e))) return std::string("unknown escape \"\\") + e + "\"";
      else a.ranges = {{Low(e), Low(e)}};
      i += 2;
    } else if (c == '[') {
      size_t j = i + 1;
      if (j < p.size() && p[j] == '^') return "negated classes \"[^...]\" are not supported";
      while (j < p.size() && p[j] != ']') {
        unsigned char lo = p[j];
        if (lo == '\\' && j + 1 < p.size()) {
          const char e = p[j + 1];
          if (e == 'd') { a.ranges.push_back({'0', '9'}); j += 2; continue; }
          if (e == 'w') { a.ranges.insert(a.ranges.end(), {{'a', 'z'}, {'0', '9'}, {'_', '_'}}); j += 2; continue; }
          lo = e;
          ++j;
        }
        if (j + 2 < p.size() && p[j + 1] == '-' && p[j + 2] != ']') {
          const unsigned char hi = p[j + 2];
          if (hi < lo) return "range \"" + std::string(p.substr(j, 3)) + "\" is backwards";
          // Case-insensitive: fold letter ranges to lower case.
          if (lo >= 'A' && hi <= 'Z') a.ranges.push_back({Low(lo), Low(hi)});
          else a.ranges.push_back({lo, hi});
          j += 3;
        } else {
          a.ranges.push_back({Low(lo), Low(lo)});
          ++j;
        }
      }
      if (j >= p.size()) return "unclosed \"[\"";
      if (a.ranges.empty()) return "empty class \"[]\"";
      i = j + 1;
    } else {
      a.ranges = {{Low(c), Low(c)}};
      ++i;
    }
    if (i < p.size()) {
      const char q = p[i];
      if (q == '?') { a.min = 0; a.max = 1; ++i; }
      else if (q == '*') { a.min = 0; a.max = kMaxRepeat; ++i; }
      else if (q == '+') { a.min = 1; a.max = kMaxRepeat; ++i; }
      else if (q == '{') {
        const size_t close = p.find('}', i);
        if (close == std::string_view::npos) return "unclosed \"{\"";
        int m = -1, n = -1;
        const std::string body(p.substr(i + 1, close - i - 1));
        size_t at = 0;
        bool ok = ScanInt(body, &at, 0, &m);
        if (ok && at < body.size() && body[at] == ',') {
          ++at;
          ok = ScanInt(body, &at, 0, &n);
        } else {
          n = m;
        }
        if (!ok || at != body.size()) return "expected {m} or {m,n}, got {" + body + "}";
        if (m < 0 || n < m || n > kMaxRepeat) return "repeat {" + body + "} must have 0 <= m <= n <= " + std::to_string(kMaxRepeat);
        a.min = m;
        a.max = n;
        i = close + 1;
      }
    }
    out->push_back(std::move(a));
  }
  if (out->empty()) return "empty pattern";
  return "";
}

bool AtomAccepts(const Atom& a, unsigned char c) {
  if (a.any) return true;
  c = Low(c);
  for (const auto& [lo, hi] : a.ranges)
    if (c >= lo && c <= hi) return true;
  return false;
}

// Whole-word match by NFA simulation over (atom, count) states.
bool MatchAtoms(const std::vector<Atom>& atoms, std::string_view w) {
  if (w.size() > kMaxWord) return false;
  // Each byte is one repeat of one atom: a word shorter than the atoms'
  // minimum or longer than their maximum cannot match (most words of a
  // message, for an order number's pattern).
  size_t least = 0, most = 0;
  for (const Atom& a : atoms) {
    least += static_cast<size_t>(a.min);
    most += static_cast<size_t>(a.max);
  }
  if (w.size() < least || w.size() > most) return false;
  // State k: atoms [0, k) are complete. Counts tracked per state as the set
  // of possible repeat counts of atom k (bitmask, counts <= 32).
  const size_t m = atoms.size();
  std::vector<uint64_t> cur(m + 1, 0), nxt(m + 1, 0);
  auto close = [&](std::vector<uint64_t>* s) {
    for (size_t k = 0; k < m; ++k) {
      // If atom k has a count >= min, we may move on to atom k+1 with count 0.
      const uint64_t ok = (*s)[k] >> atoms[k].min;
      if (ok) (*s)[k + 1] |= 1;
    }
  };
  cur[0] = 1;
  close(&cur);
  for (unsigned char c : w) {
    std::fill(nxt.begin(), nxt.end(), 0);
    for (size_t k = 0; k < m; ++k) {
      if (!cur[k] || !AtomAccepts(atoms[k], c)) continue;
      const uint64_t grown = (cur[k] << 1) & ((2ull << atoms[k].max) - 1);  // counts <= max
      nxt[k] |= grown;
    }
    cur.swap(nxt);
    close(&cur);
  }
  return cur[m] & 1;
}

// --- Built-in recognisers ------------------------------------------------------

bool IsDigitC(char c) { return c >= '0' && c <= '9'; }

std::string LowerAscii(std::string_view s) {
  std::string out(s);
  for (char& c : out) c = static_cast<char>(Low(static_cast<unsigned char>(c)));
  return out;
}

// Built once: a word's month by lookup, not ~100 comparisons per word.
std::unordered_map<std::string_view, int> MonthTable() {
  static const char* kMonths[] = {"jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"};
  static const char* kFull[] = {"january", "february", "march", "april", "may", "june", "july", "august", "september", "october", "november", "december"};
  static const char* kEs[] = {"enero", "febrero", "marzo", "abril", "mayo", "junio", "julio", "agosto", "septiembre", "octubre", "noviembre", "diciembre"};
  // The other languages the packs speak (fr, de, pt, it), with the spellings
  // people type without accents; "" ends a month's list.
  static const char* kOther[12][6] = {
      {"janvier", "januar", "janeiro", "gennaio", ""},
      {"février", "fevrier", "februar", "fevereiro", "febbraio", ""},
      {"mars", "märz", "maerz", "março", "marco", ""},
      {"avril", "aprile", ""},
      {"mai", "maio", "maggio", ""},
      {"juin", "juni", "junho", "giugno", ""},
      {"juillet", "juli", "julho", "luglio", ""},
      {"août", "aout", ""},
      {"septembre", "setembro", "settembre", ""},
      {"octobre", "oktober", "outubro", "ottobre", ""},
      {"novembre", "novembro", ""},
      {"décembre", "decembre", "dezember", "dezembro", "dicembre", ""}};
  // emplace keeps the first month a spelling was listed under, as the
  // former scan in month order did.
  std::unordered_map<std::string_view, int> table;
  for (int i = 0; i < 12; ++i) {
    table.emplace(kMonths[i], i + 1);
    table.emplace(kFull[i], i + 1);
    table.emplace(kEs[i], i + 1);
    if (i == 8) table.emplace("sept", i + 1);
    for (const char* const* o = kOther[i]; **o; ++o) table.emplace(*o, i + 1);
  }
  return table;
}

int MonthIndex(const std::string& w) {
  static const std::unordered_map<std::string_view, int> kTable = MonthTable();
  const auto it = kTable.find(w);
  return it == kTable.end() ? 0 : it->second;
}



bool IsRelativeDay(const std::string& w) {
  static const char* kWords[] = {"today", "tomorrow", "yesterday", "tonight", "hoy", "mañana", "ayer", "monday", "tuesday",
                                 "wednesday", "thursday", "friday", "saturday", "sunday", "lunes", "martes", "miércoles",
                                 "miercoles", "jueves", "viernes", "sábado", "sabado", "domingo",
                                 // fr, de, pt, it
                                 "demain", "hier", "lundi", "mardi", "mercredi", "jeudi", "vendredi", "samedi", "dimanche",
                                 "heute", "morgen", "übermorgen", "gestern", "montag", "dienstag", "mittwoch", "donnerstag",
                                 "freitag", "samstag", "sonnabend", "sonntag", "hoje", "amanhã", "amanha", "ontem",
                                 "segunda-feira", "terça-feira", "terca-feira", "quarta-feira", "quinta-feira", "sexta-feira",
                                 "terça", "terca", "quarta", "sexta", "oggi", "domani", "ieri", "lunedì", "lunedi", "martedì",
                                 "martedi", "mercoledì", "mercoledi", "giovedì", "giovedi", "venerdì", "venerdi", "sabato",
                                 "domenica"};
  static const std::unordered_set<std::string_view> kSet(std::begin(kWords), std::end(kWords));
  return kSet.count(w) > 0;
}

std::string Two(int v) {
  char b[8];
  std::snprintf(b, sizeof b, "%02d", v);
  return b;
}

std::string CurrencyWord(const std::string& word) {
  // As a view: compared by size first, with no out-of-line compare a literal.
  const std::string_view w(word);
  if (w == "dollars" || w == "dollar" || w == "usd" || w == "dólares" || w == "dolares") return "USD";
  if (w == "euros" || w == "euro" || w == "eur") return "EUR";
  if (w == "pounds" || w == "pound" || w == "gbp" || w == "libras") return "GBP";
  if (w == "pesos" || w == "mxn") return "MXN";
  return "";
}

// "12,50" and "1,234.50" to "12.50" / "1234.50".
std::string NormaliseAmount(std::string s) {
  const size_t comma = s.rfind(','), dot = s.rfind('.');
  if (comma != std::string::npos && (dot == std::string::npos || comma > dot) && s.size() - comma == 3) {
    s.erase(std::remove(s.begin(), s.end(), '.'), s.end());
    std::replace(s.begin(), s.end(), ',', '.');
  } else {
    s.erase(std::remove(s.begin(), s.end(), ','), s.end());
  }
  return s;
}

struct Word {
  std::string text, norm;
  size_t begin, end;
  TokenKind kind;
};

// A week or month asked for as a whole ("next week if possible", "la semana que viene",
// "nächste Woche"): a date a request can carry, for staff to confirm the day. The number of
// words from chunks[k] that name one, or 0.
size_t PeriodAt(const std::vector<Word>& chunks, size_t k) {
  static const char* const kPeriods[] = {
      "next week", "this week", "later this week", "the week after next", "next month", "this weekend", "next weekend",
      "semana que viene", "próxima semana", "proxima semana", "esta semana", "mes que viene", "próximo mes",
      "proximo mes", "este fin de semana",
      "semaine prochaine", "cette semaine", "mois prochain", "ce week-end", "ce weekend",
      "nächste woche", "nächster woche", "naechste woche", "kommende woche", "kommenden woche", "diese woche",
      "übernächste woche", "nächsten monat", "nächster monat", "am wochenende",
      "semana que vem", "essa semana", "mês que vem", "mes que vem", "próximo mês", "este fim de semana",
      "prossima settimana", "settimana prossima", "questa settimana", "mese prossimo", "prossimo mese", "questo weekend"};
  size_t best = 0;
  for (const char* p : kPeriods) {
    size_t n = 0, at = 0;
    const std::string_view phrase(p);
    while (at <= phrase.size()) {
      const size_t space = std::min(phrase.find(' ', at), phrase.size());
      if (k + n >= chunks.size() || chunks[k + n].norm != phrase.substr(at, space - at)) {
        n = 0;
        break;
      }
      ++n;
      at = space + 1;
    }
    best = std::max(best, n);
  }
  return best;
}

}  // namespace

std::string EntityPatternError(std::string_view pattern) {
  std::vector<Atom> atoms;
  return Parse(pattern, &atoms);
}

bool EntityPatternMatches(std::string_view pattern, std::string_view word) {
  std::vector<Atom> atoms;
  if (!Parse(pattern, &atoms).empty()) return false;
  return MatchAtoms(atoms, word);
}

const std::vector<std::string>& BuiltinEntityTypes() {
  static const std::vector<std::string> kTypes = {"order_number", "email", "phone", "date", "amount", "address"};
  return kTypes;
}

std::vector<Entity> ExtractEntities(std::string_view cleaned, const std::vector<EntityDefinition>& custom) {
  std::vector<Entity> out;
  const std::string_view s = cleaned.substr(0, std::min(cleaned.size(), kMaxAnalyzedBytes));
  std::vector<std::vector<Atom>> compiled(custom.size());
  const EntityDefinition* custom_order = nullptr;
  size_t custom_order_index = 0;
  for (size_t i = 0; i < custom.size(); ++i) {
    Parse(custom[i].pattern, &compiled[i]);
    if (custom[i].name == "order_number") { custom_order = &custom[i]; custom_order_index = i; }
  }
  std::vector<char> taken(s.size() + 1, 0);
  auto add = [&](const std::string& type, std::string value, size_t b, size_t e) {
    for (size_t k = b; k < e; ++k)
      if (taken[k]) return;
    std::fill(taken.begin() + b, taken.begin() + e, 1);
    out.push_back({type, std::move(value), std::string(s.substr(b, e - b)), b, e});
  };

  // Whitespace-separated words with surrounding punctuation trimmed: the unit
  // pack patterns and order numbers are matched against.
  std::vector<Word> chunks;
  for (size_t i = 0; i < s.size();) {
    while (i < s.size() && s[i] == ' ') ++i;
    size_t j = i;
    while (j < s.size() && s[j] != ' ') ++j;
    size_t b = i, e = j;
    while (b < e && std::string_view(".,;:!?()\"'").find(s[b]) != std::string_view::npos && s[b] != '#') ++b;
    while (e > b && std::string_view(".,;:!?()\"'").find(s[e - 1]) != std::string_view::npos) --e;
    if (e > b) chunks.push_back({std::string(s.substr(b, e - b)), LowerAscii(s.substr(b, e - b)), b, e, TokenKind::kWord});
    i = j;
  }

  // Emails, phones and addresses come from the personal-data detectors
  // (pii.h), the ones redaction uses: what is read here as a phone number is
  // exactly what is hidden from an agent. Cards and IBANs are found too, so
  // their digits are never taken for a phone, but are not entities.
  const std::vector<PiiMatch> pii = FindPii(s);
  for (const PiiMatch& m : pii)
    if (m.kind == PiiKind::kEmail) add("email", m.value, m.begin, m.end);
  for (const PiiMatch& m : pii)
    if (m.kind == PiiKind::kCard || m.kind == PiiKind::kIban) std::fill(taken.begin() + m.begin, taken.begin() + m.end, 1);

  // Pack entities (other than a redefined order_number, handled below).
  for (size_t i = 0; i < custom.size(); ++i) {
    if (custom[i].name == "order_number" || compiled[i].empty()) continue;
    for (const Word& w : chunks)
      if (MatchAtoms(compiled[i], w.text)) add(custom[i].name, w.text, w.begin, w.end);
  }

  // Order numbers: "#..." or a number right after "order"/"pedido"/"number".
  for (size_t k = 0; k < chunks.size(); ++k) {
    const Word& w = chunks[k];
    const bool hash = w.text[0] == '#';
    const std::string body = hash ? w.text.substr(1) : w.text;
    const size_t digits = std::count_if(body.begin(), body.end(), IsDigitC);
    bool ok;
    if (custom_order) {
      ok = MatchAtoms(compiled[custom_order_index], w.text) || (hash && MatchAtoms(compiled[custom_order_index], body));
    } else {
      bool after_keyword = false;
      for (size_t back = 1; back <= 3 && back <= k; ++back) {
        const std::string_view p = chunks[k - back].norm;
        // "order 12345", "order number 12345", "pedido nº 12345": the word
        // order itself must be there ("my number is 555..." is a phone).
        after_keyword |= p == "order" || p == "pedido" || p == "orden" || p == "order#";
      }
      bool alnum = !body.empty() && body.size() <= 24;
      for (char c : body) alnum &= std::isalnum(static_cast<unsigned char>(c)) || c == '-';
      ok = alnum && digits >= 3 && (hash || after_keyword);
    }
    if (ok) add("order_number", hash ? body : w.text, w.begin, w.end);
  }

  // Amounts: currency symbol next to a number, or a number and a currency word.
  for (size_t k = 0; k < chunks.size(); ++k) {
    const Word& w = chunks[k];
    std::string t = w.text;
    std::string cur;
    if (t.rfind("$", 0) == 0) { cur = "USD"; t = t.substr(1); }
    else if (t.rfind("\xE2\x82\xAC", 0) == 0) { cur = "EUR"; t = t.substr(3); }
    else if (t.rfind("\xC2\xA3", 0) == 0) { cur = "GBP"; t = t.substr(2); }
    else if (t.size() > 3 && t.compare(t.size() - 3, 3, "\xE2\x82\xAC") == 0) { cur = "EUR"; t = t.substr(0, t.size() - 3); }
    else if (t.size() > 1 && t.back() == '$') { cur = "USD"; t.pop_back(); }
    size_t end = w.end;
    if (cur.empty() && k + 1 < chunks.size()) {
      cur = CurrencyWord(chunks[k + 1].norm);
      if (chunks[k + 1].text == "\xE2\x82\xAC") cur = "EUR";
      if (!cur.empty()) end = chunks[k + 1].end;
    }
    if (cur.empty() || t.empty()) continue;
    bool numeric = IsDigitC(t[0]);
    for (char c : t) numeric &= IsDigitC(c) || c == '.' || c == ',';
    if (numeric) add("amount", NormaliseAmount(t) + " " + cur, w.begin, end);
  }

  // Dates.
  for (size_t k = 0; k < chunks.size(); ++k) {
    const Word& w = chunks[k];
    int y = 0, mo = 0, d = 0;
    char sep1 = 0, sep2 = 0;
    const std::string_view t = w.text;
    size_t at = 0;
    // The numeric forms below all start with "%d": a word that starts with
    // no digit, sign or space cannot match them (skips three scans a word).
    const unsigned char c0 = static_cast<unsigned char>(w.text[0]);
    const bool may_be_numeric = IsDigitC(c0) || c0 == '+' || c0 == '-' || std::isspace(c0);
    char dash1 = 0, dash2 = 0;
    if (may_be_numeric && t.size() == 10 && ScanInt(t, &at, 4, &y) && ScanChar(t, &at, &dash1) && dash1 == '-' &&
        ScanInt(t, &at, 2, &mo) && ScanChar(t, &at, &dash2) && dash2 == '-' && ScanInt(t, &at, 2, &d) && at == t.size()) {
      if (mo >= 1 && mo <= 12 && d >= 1 && d <= 31) add("date", std::to_string(y) + "-" + Two(mo) + "-" + Two(d), w.begin, w.end);
      continue;
    }
    at = 0;
    if (may_be_numeric && ScanInt(t, &at, 2, &d) && ScanChar(t, &at, &sep1) && ScanInt(t, &at, 2, &mo) &&
        ScanChar(t, &at, &sep2) && ScanInt(t, &at, 4, &y) && at == t.size() && sep1 == sep2 &&
        (sep1 == '/' || sep1 == '.' || sep1 == '-') && y >= 1900) {
      // Day first unless that is impossible (then month first, US style).
      if (mo > 12 && d <= 12) std::swap(d, mo);
      if (mo >= 1 && mo <= 12 && d >= 1 && d <= 31) add("date", std::to_string(y) + "-" + Two(mo) + "-" + Two(d), w.begin, w.end);
      continue;
    }
    // "25/11" or "25.11." without a year, as people write a day this year:
    // with "/" always; with "." only as two two-digit parts or with the
    // closing dot, so "3.5" (a rating, a size) is not read as a date.
    {
      int dd = 0, mm = 0;
      at = 0;
      if (may_be_numeric && ScanInt(t, &at, 2, &dd) && ScanChar(t, &at, &sep1) && ScanInt(t, &at, 2, &mm) &&
          (sep1 == '/' || sep1 == '.')) {
        const std::string rest = w.text.substr(at);
        const bool dotted_ok = sep1 == '/' || rest == "." || (w.text.size() == 5 && w.text[2] == '.');
        if ((rest.empty() || rest == ".") && dotted_ok && mm >= 1 && mm <= 12 && dd >= 1 && dd <= 31) {
          add("date", "--" + Two(mm) + "-" + Two(dd), w.begin, w.end);
          continue;
        }
      }
    }
    if (const size_t n = PeriodAt(chunks, k)) {
      std::string value;
      for (size_t j = k; j < k + n; ++j) value += (j > k ? " " : "") + chunks[j].norm;
      add("date", value, w.begin, chunks[k + n - 1].end);
      k += n - 1;
      continue;
    }
    if (IsRelativeDay(w.norm)) {
      add("date", w.norm, w.begin, w.end);
      continue;
    }
    const int month = MonthIndex(w.norm);
    if (month) {
      // "Nov 25" / "25 Nov" / "25 de noviembre"
      int day = 0;
      size_t b = w.begin, e = w.end;
      size_t at0 = 0, at1 = 0, at2 = 0;
      if (k + 1 < chunks.size() && ScanInt(chunks[k + 1].text, &at0, 0, &day) && day >= 1 && day <= 31 &&
          chunks[k + 1].text.size() <= 4) {
        e = chunks[k + 1].end;
      } else if (k >= 1 && ScanInt(chunks[k - 1].text, &at1, 0, &day) && day >= 1 && day <= 31 && chunks[k - 1].text.size() <= 4) {
        b = chunks[k - 1].begin;
      } else if (k >= 2 && chunks[k - 1].norm == "de" && ScanInt(chunks[k - 2].text, &at2, 0, &day) && day >= 1 && day <= 31) {
        b = chunks[k - 2].begin;
      } else {
        continue;  // "may" alone is a verb far more often than a month
      }
      add("date", "--" + Two(month) + "-" + Two(day), b, e);
    }
  }

  // Phones and addresses last: an order number, date or amount that
  // claimed the text first wins.
  for (const PiiMatch& m : pii)
    if (m.kind == PiiKind::kPhone) add("phone", m.value, m.begin, m.end);
  for (const PiiMatch& m : pii)
    if (m.kind == PiiKind::kAddress) add("address", m.value, m.begin, m.end);

  std::sort(out.begin(), out.end(), [](const Entity& a, const Entity& b) { return a.begin < b.begin; });
  return out;
}

std::string ReadBack(const Entity& e) {
  // English and German weekdays are names ("your request for Tuesday",
  // "für Dienstag"), however typed; the entity's text stays as typed.
  static const char* kNames[] = {"monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday",
                                 "montag", "dienstag", "mittwoch", "donnerstag", "freitag", "samstag",
                                 "sonnabend", "sonntag"};
  std::string out = e.text;
  if (e.type == "date" && !out.empty() && out[0] >= 'a' && out[0] <= 'z' &&
      std::any_of(std::begin(kNames), std::end(kNames), [&](const char* k) { return e.value == k; }))
    out[0] = static_cast<char>(out[0] - 'a' + 'A');
  return out;
}

}  // namespace attune
