// Cue rules: the hand-written layer of the judgement, shared by its files.
//
// affect.cc prepares a message (Message: its items, clauses, sentences) and
// runs every rule family over it; each family lives in its own file:
//   cue_patterns.cc   word-sequence patterns for every cue, in six languages
//   person_rules.cc   a person asked for in the visitor's own words, and the
//                     look-alikes that are not requests
//   crisis_rules.cc   public-health red flags, lethal doses, farewells dressed
//                     as admin; hardship (a death, a job lost, medicine running out)
//   frustration_rules.cc  masked profanity, shouting, sarcasm, "the third time"
// Internal to the core: nothing outside src/core includes it.
#pragma once

#include <algorithm>
#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>
#include <unordered_map>
#include <unordered_set>
#include <utility>
#include <vector>

#include "affect.h"
#include "identity.h"
#include "text.h"

namespace attune::rules {

// ---------------------------------------------------------------------------
// The message as the scorer and the detectors see it.

// One scoring item: a word, emoticon or emoji, with the clause and sentence
// it belongs to. Clauses end at , ; : and sentence punctuation; sentences at
// . ! ? and "...". Negation never crosses a clause, contrast never crosses a
// sentence: "not bad. Great!" must not negate "great".
struct Item {
  const Token* tok;
  std::string key;  // lexicon key: norm, elongation-collapsed when that is what the lexicon knows
  int clause = 0;
  int sentence = 0;
  bool word = false;
  // Looked up once in Prepare(): the scorer consults each item several times.
  bool in_lexicon = false;
  double lexicon = 0;   // VADER valence when in_lexicon
  double booster = 0;   // VADER booster scalar, 0 when not a booster
  bool negator = false;
  bool negates = false;  // a negator in any supported language ("not", "pas", "nicht"...)
  bool noun = false;     // a person noun (human_request)
  bool verb = false;     // a request verb (human_request)
  bool talk = false;     // ... that is about talking ("speak", "hablar"), not just wanting ("need")
  const struct PatternList* patterns = nullptr;  // cue patterns starting with this word
};

struct Message {
  std::string cleaned;
  std::vector<Token> tokens;
  std::vector<WhoSpan> who;  // FindWho(tokens), made once for every reader
  std::vector<Item> items;
  int exclamations = 0;
  int questions = 0;
};

// "soo" -> "so", "baad" -> "bad": the tokenizer squeezes elongations to two
// letters; when the lexicon does not know that form, try the single-letter one.

// Everything the scorer and the detectors want to know about one word,
// gathered from all word lists at first use, so each word costs one hash
// lookup (several per word were most of Analyze()'s time in wasm).
struct WordInfo {
  bool in_lexicon = false;
  double lexicon = 0;
  double booster = 0;
  bool negator = false;
  bool negates = false;
  bool noun = false;
  bool verb = false;
  bool talk = false;
  const struct PatternList* patterns = nullptr;
};
const WordInfo* Lookup(std::string_view word);

struct Detector {
  const Message& m;
  Affect* affect;
  // The message is a hard negative for the model's person head: a request
  // negated, the staff's languages, people counted (PersonHardNegative).
  bool person_hard_negative = false;
  // The message gives the visitor's own number or address (GivesOwnContact).
  bool gives_own_contact = false;
  // Where a figure of speech matched ("gave me a heart attack", "o final da novela
  // me matou"): the model's crisis below `unsure_below` beside one, or any
  // inside one when `inside_is_it`, is that figure.
  struct NearMiss {
    size_t begin, end;
    double unsure_below;
    bool inside_is_it;
    const char* only_kind = nullptr;  // sets aside only the model's crisis of this kind
  };
  std::vector<NearMiss> crisis_near_misses = {};
  // Keeps the strongest occurrence per cue; each further occurrence adds a
  // little, so "furious ... unacceptable" is stronger than either alone.
  // Returns the cue, so a caller can note its layer or kind.
  Cue* Add(const char* name, double strength, size_t begin, size_t end, const char* kind = nullptr) {
    strength = std::clamp(strength, 0.0, 1.0);
    // Evidence is for a person to read: long spans (shouting, the model's
    // whole-message anger) are cut to kMaxEvidenceBytes at a code point.
    if (end - begin > kMaxEvidenceBytes) {
      end = begin + kMaxEvidenceBytes;
      while (end > begin && (static_cast<unsigned char>(m.cleaned[end]) & 0xC0) == 0x80) --end;
    }
    for (Cue& c : affect->cues) {
      if (c.name != name) continue;
      const double combined = std::min(1.0, std::max(c.strength, strength) + 0.15 * std::min(c.strength, strength));
      if (strength > c.strength) {
        c.begin = begin;
        c.end = end;
        c.evidence = m.cleaned.substr(begin, end - begin);
        if (kind) c.kind = kind;
      }
      c.strength = combined;
      return &c;
    }
    Cue c;
    c.name = name;
    c.strength = strength;
    c.evidence = m.cleaned.substr(begin, end - begin);
    c.begin = begin;
    c.end = end;
    if (kind) c.kind = kind;
    affect->cues.push_back(std::move(c));
    return &affect->cues.back();
  }
};

// A 256-bit filter over a set of words by length, first and last byte: a
// word whose bit is clear is not in the set, found without hashing it (most
// words of a message start none of an index's phrases, and a string hash
// per word per index was a tenth of a turn).
class WordFilter {
 public:
  void Add(std::string_view w) {
    if (!w.empty()) bits_[Sig(w) >> 6] |= uint64_t{1} << (Sig(w) & 63);
  }
  // False only when `w` was never added (an empty word always may be).
  bool May(std::string_view w) const { return w.empty() || ((bits_[Sig(w) >> 6] >> (Sig(w) & 63)) & 1); }

 private:
  static size_t Sig(std::string_view w) {
    return (static_cast<unsigned char>(w[0]) * 7u + w.size() * 31u + static_cast<unsigned char>(w.back())) & 255u;
  }
  uint64_t bits_[4] = {0, 0, 0, 0};
};

// Word lists for the detectors below: constant byte strings searched in
// order (tens of words each). Each word is stored as its length byte then
// its bytes, a 0 length ends the list: an array of string_views cost the
// widget's wasm 8 bytes of pointer and length a word (some 30 KB raw, 4 000
// words), bytes that barely compress. Phrases are folded words,
// space-separated.
// Iterable too: for (std::string_view phrase : kPhrases).
template <size_t Bytes>
struct WordSet {
  char bytes[Bytes];
  struct End {};
  struct Iterator {
    const char* p;
    std::string_view operator*() const { return {p + 1, static_cast<unsigned char>(*p)}; }
    Iterator& operator++() {
      p += static_cast<unsigned char>(*p) + 1;
      return *this;
    }
    bool operator!=(End) const { return *p != 0; }
  };
  Iterator begin() const { return {bytes}; }
  End end() const { return {}; }
};
template <size_t... N>
constexpr WordSet<(N + ... + 0) + 1> Words(const char (&... w)[N]) {
  static_assert(((N > 1 && N < 257) && ...), "a word of 1 to 255 bytes");
  WordSet<(N + ... + 0) + 1> s{};
  size_t at = 0;
  auto put = [&](const char* p, size_t n) {
    s.bytes[at++] = static_cast<char>(n - 1);
    for (size_t i = 0; i + 1 < n; ++i) s.bytes[at++] = p[i];
  };
  (put(w, N), ...);
  s.bytes[at] = 0;
  return s;
}
// Long lists (roles, departments: hundreds of words) are looked up in a
// hash set built at their first use: scanning one at every word of every
// message was a tenth of Analyze()'s time. Keyed by the list's address,
// which is stable (the lists are static).
struct HashedList {
  std::unordered_set<std::string_view> words;
  WordFilter filter;  // over words: most lookups miss, and miss here
};
const HashedList& HashedWords(const char* bytes);
// HashedWords(bytes), remembering the last list asked for per list size:
// a rule asks one list at every word in turn, so this skips the lookup by
// address most times.
template <size_t B>
const HashedList& LastHashedWords(const char* bytes) {
  static thread_local const char* last = nullptr;
  static thread_local const HashedList* list = nullptr;
  if (bytes != last) {
    list = &HashedWords(bytes);
    last = bytes;
  }
  return *list;
}
constexpr size_t kHashedListBytes = 160;
template <size_t B>
constexpr bool In(const WordSet<B>& s, std::string_view w) {
  if constexpr (B > kHashedListBytes) {
    const HashedList& list = LastHashedWords<B>(s.bytes);
    return list.filter.May(w) && list.words.count(w) > 0;
  }
  for (size_t i = 0; s.bytes[i] != 0;) {
    const size_t n = static_cast<unsigned char>(s.bytes[i]);
    // Words are 1+ bytes, so a same-size w has a first byte to compare
    // before the call to compare the rest.
    if (n == w.size() && s.bytes[i + 1] == w[0] && std::string_view(s.bytes + i + 1, n) == w) return true;
    i += n + 1;
  }
  return false;
}
// How many words of `phrase` stand at f[i...], or 0 when it is not there.
inline size_t PhraseAt(std::string_view phrase, const std::vector<std::string>& f, size_t i) {
  size_t n = 0;
  while (!phrase.empty()) {
    const size_t sp = std::min(phrase.find(' '), phrase.size());
    if (i + n >= f.size() || f[i + n] != phrase.substr(0, sp)) return 0;
    ++n;
    phrase.remove_prefix(std::min(sp + 1, phrase.size()));
  }
  return n;
}

// Phrases looked up at every word of a message, indexed by their first
// word: a scan of every phrase at every word was a fifth of Analyze()'s time.
class PhraseIndex {
 public:
  template <size_t B>
  explicit PhraseIndex(const WordSet<B>& phrases) {
    for (std::string_view p : phrases) by_first_[p.substr(0, p.find(' '))].push_back(p);
    for (const auto& entry : by_first_) filter_.Add(entry.first);
  }
  // The index holds views into the list: a temporary list would leave them
  // dangling (a static one must be named first).
  template <size_t B>
  explicit PhraseIndex(WordSet<B>&& phrases) = delete;
  // How many words of the first phrase standing at f[i...], or 0.
  size_t At(const std::vector<std::string>& f, size_t i) const {
    if (!filter_.May(f[i])) return 0;
    const auto it = by_first_.find(f[i]);
    if (it == by_first_.end()) return 0;
    for (std::string_view p : it->second)
      if (const size_t len = PhraseAt(p, f, i)) return len;
    return 0;
  }

 private:
  std::unordered_map<std::string_view, std::vector<std::string_view>> by_first_;
  WordFilter filter_;  // over by_first_'s keys
};

// Word lists the message's one lookup per word gathers (Lookup, affect.cc).
const std::unordered_set<std::string_view>& PersonNouns();
const std::unordered_set<std::string_view>& TalkVerbs();
const std::unordered_set<std::string_view>& RequestVerbs();

// A cue pattern (cue_patterns.cc): a sequence of word alternatives
// ("kill|killing myself"), matched on token norms within one clause.
struct Pattern {
  const char* cue;
  const char* words;  // space-separated positions, '|' between alternatives
  double strength;
  bool negatable;     // a negator just before it ("not urgent") cancels it
  bool exclude;       // a near-miss: matches of `cue` overlapping it are dropped
  const char* kind = nullptr;  // crisis kind (judgement.h), for crisis patterns
};

struct CompiledPattern;
struct PatternList {
  std::vector<CompiledPattern> list;
};

struct CompiledPattern {
  const Pattern* p;
  std::vector<std::vector<std::string>> seq;  // alternatives per position; "x?" optional positions dropped to alternatives incl. ""
  std::vector<bool> optional;
};

const std::unordered_map<std::string, PatternList>& PatternIndex();

// ---- shared rule helpers (defined beside the rules that first needed them).
bool NegatedAt(const std::vector<const Item*>& words, size_t i, size_t window = 3);
bool QuestionAfter(const Message& m, const Item* w, bool clause = false);

// ---- the rule families, in the order Analyze() runs them.
void DetectPatterns(const std::vector<const Item*>& words, Detector* d);
void DetectHumanRequest(const std::vector<const Item*>& words, Detector* d);
void DetectMaskedProfanity(const Message& m, Detector* d);
void DetectShouting(const Message& m, double valence, Detector* d);
void DetectSarcasm(const Message& m, const std::vector<const Item*>& words, const std::vector<std::string>& folded, Detector* d);
// "l'enfant", "s'est": the word after an elision, folded ("" where there is none).
std::vector<std::string> AfterElision(const std::vector<const Item*>& words);
void DetectPaymentTakenBack(const Message& m, const std::vector<const Item*>& words, const std::vector<std::string>& f, Detector* d);
void DetectTriedTimes(const Message& m, const std::vector<const Item*>& words, const std::vector<std::string>& f, Detector* d);
void MarkKillMeIfHyperbole(const std::vector<const Item*>& words, const std::vector<std::string>& f, Detector* d);
void SetAsideAbsence(const std::vector<const Item*>& words, const std::vector<std::string>& f, Detector* d);
void SetAsideParcelLate(const std::vector<const Item*>& words, const std::vector<std::string>& f, Detector* d);
void SetKindHarmedByAnother(const std::vector<const Item*>& words, const std::vector<std::string>& f, Detector* d);
void SetAsidePastCrisis(const std::vector<const Item*>& words, const std::vector<std::string>& f, Detector* d);
void SetAsideMovingAway(const std::vector<std::string>& f, Detector* d);
void SetAsideCalmPlan(const std::vector<std::string>& f, Detector* d);
bool SetAsideExistenceQuestion(const std::vector<std::string>& f, Detector* d);
void SetAsideThingBroken(const std::vector<const Item*>& words, const std::vector<std::string>& f, Detector* d);
void SetAsideFutureRoutine(const std::vector<const Item*>& words, const std::vector<std::string>& f, Detector* d);
bool SetAsideReportedCall(const std::vector<const Item*>& words, const std::vector<std::string>& f, Detector* d);
void DetectPersonInOwnWords(const Message& m, const std::vector<const Item*>& words, const std::vector<std::string>& f, Detector* d);
void DetectPersonOnAnotherChannel(const std::vector<const Item*>& words, const std::vector<std::string>& f, Detector* d);
void DetectLethalDose(const std::vector<const Item*>& words, const std::vector<std::string>& f, Detector* d);
void DetectRedFlags(const Message& m, const std::vector<const Item*>& words, const std::vector<std::string>& f, Detector* d);
void DetectAffairsInOrder(const std::vector<const Item*>& words, const std::vector<std::string>& f, Detector* d);
void DetectNotLivingToSee(const Message& m, const std::vector<const Item*>& words, const std::vector<std::string>& f, Detector* d);
void DetectNotWantingToLive(const Message& m, const std::vector<const Item*>& words, const std::vector<std::string>& f, Detector* d);
void DetectDoseToEnd(const Message& m, const std::vector<const Item*>& words, const std::vector<std::string>& f, Detector* d);
void DetectHardship(const std::vector<const Item*>& words, const std::vector<std::string>& f, Detector* d);
bool PrivacyQuestion(const Message& m, const std::vector<const Item*>& words, const std::vector<std::string>& f);
bool PersonHardNegative(const Message& m, const std::vector<const Item*>& words, const std::vector<std::string>& f);
// "mi teléfono es 612 345 678", "my email is ana@example.com": the visitor gives their own number or
// address (six digits or more, or an '@', beside "my number", "mon numéro", "meine Nummer"...).
bool GivesOwnContact(const Message& m, const std::vector<std::string>& f);
// "je suis un humain pas un robot, pourquoi ce captcha", "nao sou robo!!!", "sono una persona vera": the
// visitor says they are a person (a captcha, a bot check) and names no one else to talk to.
bool SaysSelfHuman(const std::vector<const Item*>& words, const std::vector<std::string>& f);
// "no need for a human, just tell me...", "no me pases con nadie": every person named is declined
// (Affect::declines_person; PersonHardNegative counts it).
bool DeclinesPerson(const std::vector<const Item*>& words, const std::vector<std::string>& f);
// "are you a bot?", "eres un robot?", "t'es une ia ?", "bist du ein Bot?", "are you real?": a short
// question whether a program answers (Affect::asks_if_bot); not "c'est automatique ?", which may be
// about a renewal.
bool AsksIfBot(const Message& m, const std::vector<const Item*>& words, const std::vector<std::string>& f);

}  // namespace attune::rules
