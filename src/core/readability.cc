#include "readability.h"

#include <algorithm>
#include <iterator>
#include <utility>
#include <vector>

#include "text.h"

namespace attune {
namespace {

// "pt-BR" -> "pt"; "EN" -> "en".
std::string Primary(std::string_view tag) {
  std::string out;
  for (char c : tag) {
    if (c == '-' || c == '_') break;
    out += static_cast<char>(c >= 'A' && c <= 'Z' ? c - 'A' + 'a' : c);
  }
  return out;
}

bool IsLetter(char32_t c) {
  if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z')) return true;
  if (c < 0xC0) return false;
  if (c == 0xD7 || c == 0xF7) return false;             // × ÷
  if (c >= 0x2000 && c <= 0x2BFF) return false;         // punctuation, symbols, arrows
  if (c >= 0x3000 && c <= 0x303F) return false;         // CJK punctuation
  if (c >= 0xFE00 && c <= 0xFE0F) return false;         // variation selectors
  if (c >= 0x1F000) return false;                       // emoji and pictographs
  return true;
}
bool IsDigit(char32_t c) { return c >= '0' && c <= '9'; }
bool IsApostrophe(char32_t c) { return c == '\'' || c == 0x2019; }

bool In(char32_t c, std::u32string_view set) { return set.find(c) != std::u32string_view::npos; }

// Vowel letters per language (lower case).
std::u32string_view Vowels(const std::string& lang) {
  if (lang == "es") return U"aeiouáéíóúü";
  if (lang == "pt") return U"aeiouáéíóúâêôãõàü";
  if (lang == "fr") return U"aeiouyàâéèêëîïôûùüÿœæ";
  if (lang == "de") return U"aeiouyäöü";
  if (lang == "it") return U"aeiouàèéìíòóùú";
  return U"aeiouy";
}

// Nuclei in one group of adjacent vowels `g` (lower case), by the language's
// diphthong/hiatus rules. `final` is true when the group ends the word.
int Nuclei(const std::u32string& g, const std::string& lang, bool final, char32_t before, std::u32string_view after) {
  const size_t n = g.size();
  if (n <= 1) return static_cast<int>(n);
  int count = 1;
  if (lang == "es" || lang == "it" || lang == "pt") {
    // Strong vowels (a, e, o and accented ones) side by side are two
    // syllables (hiatus); an accented i/u breaks a diphthong; otherwise
    // i/u glide into their neighbour (diphthong, triphthong).
    const std::u32string_view strong = lang == "es" ? U"aeoáéó" : lang == "it" ? U"aeoàèéòó" : U"aeoáéóâêôãõà";
    const std::u32string_view stressed_weak = U"íúìù";
    for (size_t i = 1; i < n; ++i) {
      const char32_t a = g[i - 1], b = g[i];
      // An accented i/u beside a strong vowel is a hiatus (dí-a, re-ú-ne);
      // two weak vowels stay one syllable even with an accent (cuí-de-se).
      bool split = (In(a, strong) && In(b, strong)) || (In(a, stressed_weak) && In(b, strong)) || (In(a, strong) && In(b, stressed_weak));
      if (lang == "pt" && (In(a, stressed_weak) || In(b, stressed_weak))) split = true;  // ru-í-do
      if (lang == "pt") {
        if ((a == U'ã' || a == U'õ') && (b == 'o' || b == 'e')) split = false;  // não, põe, mãe
        else if (a == 'u' && i == 1 && (before == 'g' || before == 'q')) split = false;  // á-gua, quan-do
        else if ((a == 'i' || a == 'u') && In(b, strong)) split = true;         // di-a, ru-a (rising: hiatus)
      }
      count += split;
    }
    return count;
  }
  if (lang == "fr") {
    // One sound per group ("eau", "oi", "ien"), except that an accented é
    // or a diaeresis starts a new one (cré-er, a-é-ro, na-ïf, No-ël); a
    // final mute "e" after é adds nothing (i-dée).
    for (size_t i = 1; i < n; ++i) {
      const char32_t a = g[i - 1], b = g[i];
      if (b == U'ï' || b == U'ë' || b == U'ü' || (b == U'é' && In(a, U"aeoé"))) ++count;
      else if (a == U'é' && !(b == 'e' && final && i == n - 1)) ++count;
    }
    return count;
  }
  if (lang == "de") {
    // Diphthongs and long vowels written double are one syllable; any other
    // pair is two (Si-tu-a-ti-on, be-ob-ach-ten).
    static const std::u32string_view kOne[] = {U"ei", U"ai", U"au", U"eu", U"äu", U"ie", U"aa", U"ee", U"oo", U"ey", U"ay"};
    count = 0;
    for (size_t i = 0; i < n;) {
      bool pair = false;
      if (i + 1 < n)
        for (std::u32string_view d : kOne) pair |= (g[i] == d[0] && g[i + 1] == d[1]);
      ++count;
      i += pair ? 2 : 1;
    }
    return count;
  }
  // English: a group is one vowel sound, but i/u before another vowel often
  // starts a new syllable (di-al, ri-ot, stadi-um, actu-al, du-o), except in
  // -tion/-sion/-cial/-cious and after q/g (handled before: u is a consonant there).
  const bool glide = In(before, U"ctsxg");  // spe-cial, na-tion, anx-ious, re-gion
  for (size_t i = 1; i < n; ++i) {
    const char32_t a = g[i - 1], b = g[i];
    // -lian is one syllable too (Aus-tra-lian, rep-til-ian, ci-vil-ian).
    const bool lian = before == 'l' && a == 'i' && b == 'a' && i == 1 && n == 2 && after.size() == 1 && after[0] == 'n';
    if ((a == 'i' && (b == 'a' || b == 'o' || b == 'u') && !(glide && i == 1) && !lian) || (a == 'u' && (b == 'a' || b == 'o' || b == 'i')) ||
        (a == 'e' && b == 'o' && final) ||
        // qui-et, sci-ence, cli-ent, di-et (not friend, piece, pa-tient)
        (a == 'i' && b == 'e' && i + 1 == n && !(glide && i == 1) && !after.empty() && (after[0] == 'n' || after[0] == 't') &&
         !(after.size() > 1 && after[0] == 'n' && after[1] == 'd')))
      ++count;
  }
  return count;
}

bool EndsWith(const std::u32string& w, std::u32string_view s) {
  return w.size() >= s.size() && std::u32string_view(w).substr(w.size() - s.size()) == s;
}

int CountSyllablesU32(std::u32string w, const std::string& lang) {
  // Letters only; apostrophe endings that add no syllable in English go.
  if (lang == "en") {
    for (std::u32string_view s : {U"'re", U"'ve", U"'s", U"'d", U"'ll", U"’re", U"’ve", U"’s", U"’d", U"’ll"})
      if (EndsWith(w, s)) w.resize(w.size() - s.size());
  }
  bool any_letter = false;
  for (char32_t c : w) any_letter |= IsLetter(c) || IsDigit(c);
  if (!any_letter) return 0;
  bool has_alpha = false;
  for (char32_t c : w) has_alpha |= IsLetter(c);
  if (!has_alpha) return 1;  // a number: read as one word

  const std::u32string_view vowels = Vowels(lang);
  const size_t n = w.size();
  std::vector<bool> vowel(n, false);
  for (size_t i = 0; i < n; ++i) vowel[i] = In(w[i], vowels);
  for (size_t i = 0; i < n; ++i) {
    // "qu" (all) and "gu" before e/i (es, pt, fr, en): the u is silent.
    if (w[i] == 'u' && i > 0 && i + 1 < n && vowel[i + 1]) {
      if (w[i - 1] == 'q') vowel[i] = false;
      else if (w[i - 1] == 'g' && lang != "it" && lang != "de" && In(w[i + 1], U"eiéíèêë")) vowel[i] = false;
    }
    // y before a vowel is a consonant (yes, yo, ayer); Spanish y is a vowel
    // only after one at the end of a word (hoy, muy) or alone.
    if (w[i] == 'y') {
      if (i + 1 < n && In(w[i + 1], vowels)) vowel[i] = false;
      if (lang == "es" || lang == "pt" || lang == "it") vowel[i] = (i + 1 == n && (n == 1 || vowel[i - 1]));
    }
  }

  int count = 0;
  std::vector<std::pair<size_t, size_t>> groups;  // [begin, end)
  for (size_t i = 0; i < n;) {
    if (!vowel[i]) { ++i; continue; }
    size_t j = i;
    while (j < n && vowel[j]) ++j;
    groups.push_back({i, j});
    i = j;
  }
  for (size_t k = 0; k < groups.size(); ++k) {
    const auto [b, e] = groups[k];
    count += Nuclei(w.substr(b, e - b), lang, e == n, b > 0 ? w[b - 1] : 0, std::u32string_view(w).substr(e));
    // be-ing, go-ing, see-ing: -ing after a vowel is its own syllable.
    if (lang == "en" && e - b > 1 && w[e - 1] == 'i' && std::u32string_view(w).substr(e, 2) == U"ng") ++count;
  }

  auto consonant_at = [&](size_t i) { return i < n && !vowel[i] && IsLetter(w[i]); };
  if (lang == "en" && groups.size() > 1) {
    const auto [b, e] = groups.back();
    if (e == n && e - b == 2 && w[b] == 'e' && w[b + 1] == 'a') ++count;  // i-de-a, a-re-a (not sea)
    const bool lone_e = e - b == 1 && w[b] == 'e';
    if (lone_e && e == n && b >= 1 && consonant_at(b - 1)) {
      // Silent final e (make, love), but not consonant + "le" (ta-ble).
      if (!(w[b - 1] == 'l' && b >= 2 && consonant_at(b - 2))) --count;
    } else if (lone_e && e + 1 == n && b >= 1 && consonant_at(b - 1)) {
      // -ed is silent except after t/d (asked, wanted); -es after s, x, z,
      // ch, sh, ce, ge is a syllable (boxes, pages), otherwise not (makes).
      if (w[e] == 'd' && w[b - 1] != 't' && w[b - 1] != 'd') --count;
      if (w[e] == 's' && !In(w[b - 1], U"sxzcg") && !(w[b - 1] == 'h' && b >= 2 && (w[b - 2] == 'c' || w[b - 2] == 's'))) --count;
    }
    // Silent e before a suffix: lovely, statement, careful, careless.
    for (std::u32string_view suf : {U"ely", U"ement", U"eful", U"eless", U"eness"}) {
      if (!EndsWith(w, suf) || w.size() < suf.size() + 2) continue;
      const size_t at = w.size() - suf.size();
      if (consonant_at(at - 1) && vowel[at] && !vowel[at - 1] && at >= 2) {
        bool before = false;
        for (size_t i = 0; i + 1 < at; ++i) before |= vowel[i];
        if (before) --count;
      }
      break;
    }
  }
  if (lang == "fr" && groups.size() > 1) {
    // Mute final e / es / ent-less: table, rapides (spoken French).
    const auto [b, e] = groups.back();
    if (e - b == 1 && w[b] == 'e' && b >= 1 && consonant_at(b - 1) && (e == n || (e + 1 == n && w[e] == 's'))) --count;
  }
  return std::max(count, 1);
}

}  // namespace

bool HasReadabilityFormula(std::string_view language) {
  const std::string l = Primary(language);
  return l == "en" || l == "es" || l == "fr" || l == "de" || l == "pt" || l == "it";
}

int CountSyllables(std::string_view word, std::string_view language) {
  return CountSyllablesU32(DecodeUtf8(Lower(word)), Primary(language));
}

TextCounts CountText(std::string_view text, std::string_view language) {
  const std::string lang = Primary(language);
  // Placeholders become a plain word: "{order_id}" -> "xxxxx".
  std::string s;
  s.reserve(text.size());
  for (size_t i = 0; i < text.size(); ++i) {
    if (text[i] == '{' && i + 1 < text.size() && text[i + 1] != '{') {
      const size_t close = text.find('}', i);
      if (close != std::string_view::npos) {
        s += "xxxxx";
        i = close;
        continue;
      }
    }
    s += text[i];
  }
  const std::u32string t = DecodeUtf8(Lower(s));
  TextCounts c;
  int words_in_sentence = 0;
  int last_word_letters = 0;  // of the word just before, 0 after anything else
  for (size_t i = 0; i < t.size();) {
    const char32_t ch = t[i];
    if (IsLetter(ch) || IsDigit(ch)) {
      size_t j = i;
      int letters = 0;
      while (j < t.size()) {
        if (IsLetter(t[j]) || IsDigit(t[j])) { ++letters; ++j; continue; }
        // Inner apostrophes and hyphens keep a word together (don't, e-mail).
        if ((IsApostrophe(t[j]) || t[j] == '-') && j + 1 < t.size() && (IsLetter(t[j + 1]) || IsDigit(t[j + 1]))) { ++j; continue; }
        break;
      }
      const std::u32string word = t.substr(i, j - i);
      last_word_letters = IsLetter(word[0]) ? letters : 0;  // "option 3." ends a sentence
      ++c.words;
      ++words_in_sentence;
      c.letters += letters;
      // Hyphenated words: each part by itself (well-balanced).
      size_t from = 0;
      for (size_t k = 0; k <= word.size(); ++k)
        if (k == word.size() || word[k] == '-') {
          c.syllables += CountSyllablesU32(word.substr(from, k - from), lang);
          from = k + 1;
        }
      i = j;
      continue;
    }
    // A sentence ends at . ! ? … or a line break, once it has words. A dot
    // followed directly by a letter or digit is inside a token (e.g., 2.5),
    // and one after a single letter ends an initial or an abbreviation
    // (z. B., p. ej., J. Smith), not a sentence.
    const bool end = ch == '!' || ch == '?' || ch == 0x2026 || ch == '\n' ||
                     (ch == '.' && last_word_letters != 1 && !(i + 1 < t.size() && (IsLetter(t[i + 1]) || IsDigit(t[i + 1]))));
    if (ch != ' ') last_word_letters = 0;
    if (end && words_in_sentence > 0) {
      ++c.sentences;
      words_in_sentence = 0;
    }
    ++i;
  }
  if (words_in_sentence > 0) ++c.sentences;
  return c;
}

namespace {

struct Band {
  double from;  // score >= from
  const char* name;
};

}  // namespace

Readability ScoreReadability(const TextCounts& counts, std::string_view language) {
  Readability r;
  r.language = Primary(language);
  r.counts = counts;
  if (!HasReadabilityFormula(r.language) || counts.words == 0 || counts.sentences == 0) return r;
  const double wps = static_cast<double>(counts.words) / counts.sentences;
  const double spw = static_cast<double>(counts.syllables) / counts.words;
  // Flesch's published scale (also used by Kandel & Moles and Amstad).
  static const Band kFlesch[] = {{90, "very easy"}, {80, "easy"}, {70, "fairly easy"}, {60, "plain"},
                                 {50, "fairly difficult"}, {30, "difficult"}, {-1e9, "very difficult"}};
  // INFLESZ (Barrio-Cantalejo 2008).
  static const Band kInflesz[] = {{80, "very easy"}, {65, "fairly easy"}, {55, "normal"}, {40, "somewhat difficult"}, {-1e9, "very difficult"}};
  // Martins et al. (1996).
  static const Band kMartins[] = {{75, "very easy"}, {50, "easy"}, {25, "difficult"}, {-1e9, "very difficult"}};
  // Gulpease: easy for readers with primary school (>= 80), lower secondary
  // (>= 60), upper secondary (>= 40) education.
  static const Band kGulpease[] = {{80, "easy"}, {60, "fairly easy"}, {40, "difficult"}, {-1e9, "very difficult"}};
  const Band* bands = kFlesch;
  size_t nbands = std::size(kFlesch);
  if (r.language == "en") {
    r.formula = "Flesch reading ease";
    r.score = 206.835 - 1.015 * wps - 84.6 * spw;
  } else if (r.language == "es") {
    r.formula = "Szigriszt-Pazos (INFLESZ)";
    r.score = 206.835 - 62.3 * spw - wps;
    bands = kInflesz;
    nbands = std::size(kInflesz);
  } else if (r.language == "fr") {
    r.formula = "Kandel & Moles";
    r.score = 207 - 1.015 * wps - 73.6 * spw;
  } else if (r.language == "de") {
    r.formula = "Amstad";
    r.score = 180 - wps - 58.5 * spw;
  } else if (r.language == "pt") {
    r.formula = "Flesch (Martins et al.)";
    r.score = 248.835 - 1.015 * wps - 84.6 * spw;
    bands = kMartins;
    nbands = std::size(kMartins);
  } else {  // it
    r.formula = "Gulpease";
    r.score = 89 + (300.0 * counts.sentences - 10.0 * counts.letters) / counts.words;
    bands = kGulpease;
    nbands = std::size(kGulpease);
  }
  for (size_t i = 0; i < nbands; ++i)
    if (r.score >= bands[i].from) {
      r.band = bands[i].name;
      break;
    }
  r.ok = true;
  return r;
}

Readability ScoreReadability(std::string_view text, std::string_view language) {
  return ScoreReadability(CountText(text, language), language);
}

}  // namespace attune
