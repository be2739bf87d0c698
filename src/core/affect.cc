#include "affect.h"

#include <algorithm>
#include <array>
#include <cmath>
#include <cstdint>
#include <string>
#include <unordered_map>
#include <unordered_set>

#include "context.h"
#include "cue_rules.h"
#include "identity.h"
#include "lexicon.h"
#include "text.h"
#include "topic.h"


namespace attune {
using namespace rules;
namespace {

std::string CollapseDoubles(const std::string& s) {
  std::string out;
  out.reserve(s.size());
  for (char c : s)
    if (out.empty() || c != out.back() || static_cast<unsigned char>(c) >= 0x80) out.push_back(c);
  return out;
}

Message Prepare(std::string_view text, std::vector<uint32_t>* utf16_at = nullptr) {
  Message m;
  m.cleaned = utf16_at ? CleanForAnalysis(text, utf16_at) : CleanForAnalysis(text);
  m.tokens = Tokenize(m.cleaned);
  int clause = 0, sentence = 0;
  m.items.reserve(m.tokens.size());
  // Words that say who the writer is ("blind", a name like "Joy") carry no
  // valence: being blind is not a feeling about the service (identity.h).
  m.who = FindWho(m.tokens);
  const std::vector<WhoKind> who = WhoMask(m.tokens.size(), m.who);
  for (const Token& t : m.tokens) {
    if (t.kind == TokenKind::kPunct) {
      for (char c : t.text) {
        if (c == '!') ++m.exclamations;
        if (c == '?') ++m.questions;
      }
      const char c = t.text[0];
      if (c == ',' || c == ';' || c == ':' || c == '(' || c == ')' || c == '!' || c == '?' || c == '.') ++clause;
      if (c == '!' || c == '?' || c == '.') ++sentence;
      continue;
    }
    if (t.kind != TokenKind::kWord && t.kind != TokenKind::kEmoji && t.kind != TokenKind::kEmoticon) continue;
    Item it;
    it.tok = &t;
    it.clause = clause;
    it.sentence = sentence;
    it.word = t.kind == TokenKind::kWord;
    if (t.kind == TokenKind::kEmoticon) {
      it.key = Lower(t.norm);
    } else {
      it.key = t.norm;
    }
    const WordInfo* info = t.kind == TokenKind::kEmoji ? nullptr : Lookup(it.key);
    if (t.elongated && (!info || (!info->in_lexicon && info->booster == 0))) {
      std::string c = CollapseDoubles(it.key);
      if (const WordInfo* ci = Lookup(c); ci && (ci->in_lexicon || ci->booster != 0)) {
        it.key = std::move(c);
        info = ci;
      } else if (!info || !info->noun) {
        // A person shouted for: "ATENDENTEEEE", "operatoreeeee" (the norm
        // keeps a run double: "atendentee"); one letter of one double less,
        // so "staaaff" is still "staff".
        for (size_t i = 0; i + 1 < it.key.size(); ++i) {
          if (it.key[i] != it.key[i + 1] || static_cast<unsigned char>(it.key[i]) >= 0x80) continue;
          std::string one = it.key.substr(0, i) + it.key.substr(i + 1);
          if (const WordInfo* oi = Lookup(one); oi && oi->noun) {
            it.key = std::move(one);
            info = oi;
            break;
          }
        }
      }
    }
    if (info) {
      it.in_lexicon = info->in_lexicon && who[&t - m.tokens.data()] == WhoKind::kNone;
      it.lexicon = info->lexicon;
      it.booster = info->booster;
      it.negator = it.word && info->negator;
      it.negates = it.word && info->negates;
      it.noun = it.word && info->noun;
      it.verb = it.word && info->verb;
      it.talk = it.word && info->talk;
      it.patterns = it.word ? info->patterns : nullptr;
    }
    // "couldn't", "isn't": any n't-contraction negates.
    if (it.word && !it.negator && it.key.size() > 3 && it.key.compare(it.key.size() - 3, 3, "n't") == 0)
      it.negator = it.negates = true;
    if (it.word && !it.negates && it.key.rfind("n'", 0) == 0) it.negates = true;  // French "n'ai"
    m.items.push_back(std::move(it));
  }
  // French "ne" negates with its partner ("ne ... pas", "ne ... plus"); without
  // one it is German "ne" for "eine" ("gibts ne nummer wo echte leute rangehen")
  // or Italian "ne" ("ne ho due"), and negates nothing.
  // ("ne ... que" is "only": "je ne veux que parler à un humain" asks.)
  static constexpr auto kPartners = Words("pas", "plus", "jamais", "rien", "personne", "guère", "guere",
                                          "aucun", "aucune", "point", "ni", "nulle");
  for (size_t i = 0; i < m.items.size(); ++i) {
    Item& it = m.items[i];
    if (!it.word || it.key != "ne") continue;
    bool partner = false;
    for (size_t j = i + 1; j < m.items.size() && j <= i + 5 && m.items[j].clause == it.clause && !partner; ++j)
      for (std::string_view p : kPartners) partner |= m.items[j].key == p;
    if (!partner) it.negator = it.negates = false;
  }
  return m;
}

// ---------------------------------------------------------------------------
// Valence: VADER's rules (Hutto & Gilbert 2014) on Attune's tokens, plus
// clause-bounded negation, emoji, elongation and per-sentence contrast.

constexpr double kBoostIncr = 0.293;   // VADER B_INCR
constexpr double kBoostDecr = -0.293;  // VADER B_DECR
constexpr double kCapsIncr = 0.733;    // VADER C_INCR
constexpr double kNegScalar = -0.74;   // VADER N_SCALAR
constexpr double kElongIncr = 0.293;   // "soooo good": like one booster

const std::unordered_map<std::string, double>& Boosters() {
  static const std::unordered_map<std::string, double> kBoosters = [] {
    std::unordered_map<std::string, double> m;
    for (const char* w : {"absolutely", "amazingly", "awfully", "completely", "considerably", "decidedly", "deeply", "effing",
                          "enormously", "entirely", "especially", "exceptionally", "extremely", "fabulously", "flipping",
                          "flippin", "fricking", "frickin", "frigging", "friggin", "fully", "fucking", "greatly", "hella",
                          "highly", "hugely", "incredibly", "intensely", "majorly", "more", "most", "particularly", "purely",
                          "quite", "really", "remarkably", "so", "substantially", "thoroughly", "totally", "tremendously",
                          "uber", "unbelievably", "unusually", "utterly", "very"})
      m[w] = kBoostIncr;
    for (const char* w : {"almost", "barely", "hardly", "kinda", "kindof", "kind-of", "less", "little", "marginally",
                          "occasionally", "partly", "scarcely", "slightly", "somewhat", "sorta", "sortof", "sort-of"})
      m[w] = kBoostDecr;
    return m;
  }();
  return kBoosters;
}

const std::unordered_set<std::string_view>& Negators() {
  static const std::unordered_set<std::string_view> kNeg = {
      "aint", "arent", "cannot", "cant", "couldnt", "darent", "didnt", "doesnt", "dont", "hadnt", "hasnt", "havent",
      "isnt", "mightnt", "mustnt", "neither", "neednt", "never", "none", "nope", "nor", "not", "nothing", "nowhere",
      "oughtnt", "shant", "shouldnt", "uhuh", "uh-uh", "wasnt", "werent", "without", "wont", "wouldnt", "rarely",
      "seldom", "despite", "no"};
  return kNeg;
}

bool IsUpperWord(const Token& t) { return t.all_caps; }

// VADER's sentiment_valence for item i, with the preceding 3 items of the
// same clause as its modifiers.
double ItemValence(const Message& m, size_t i, bool cap_diff) {
  const Item& it = m.items[i];
  double v = 0;
  if (it.tok->kind == TokenKind::kEmoji) {
    EmojiValence(it.key, &v);
    return v;
  }
  if (!it.in_lexicon) return 0;
  v = it.lexicon;
  // "no" before a sentiment word negates that word instead of counting itself.
  if (it.key == "no" && i + 1 < m.items.size() && m.items[i + 1].clause == it.clause && m.items[i + 1].in_lexicon)
    return 0;
  if (it.word && IsUpperWord(*it.tok) && cap_diff) v += v > 0 ? kCapsIncr : -kCapsIncr;
  if (it.word && it.tok->elongated) v += v > 0 ? kElongIncr : -kElongIncr;

  for (size_t back = 1; back <= 3 && back <= i; ++back) {
    const Item& prev = m.items[i - back];
    if (prev.clause != it.clause) break;
    if (prev.in_lexicon && prev.key != "no") continue;  // a sentiment word is not a modifier
    double s = prev.booster;
    if (s != 0) {
      if (v < 0) s = -s;
      if (cap_diff && IsUpperWord(*prev.tok)) s += v > 0 ? kCapsIncr : -kCapsIncr;
      s *= back == 1 ? 1.0 : back == 2 ? 0.95 : 0.9;
      v += s;
    }
    if (prev.negator) {
      // VADER: "never so good" / "never this good" intensifies instead.
      const bool never_so = back >= 2 && prev.key == "never" &&
                            (m.items[i - back + 1].key == "so" || m.items[i - back + 1].key == "this");
      v *= never_so ? (back == 2 ? 1.5 : 1.25) : kNegScalar;
    }
  }
  // "kind of" / "sort of" hedge.
  if (i >= 2 && m.items[i - 1].key == "of" && (m.items[i - 2].key == "kind" || m.items[i - 2].key == "sort") &&
      m.items[i - 2].clause == it.clause)
    v += v > 0 ? kBoostDecr : -kBoostDecr;
  // "least" negates unless "at least" / "very least".
  if (i >= 1 && m.items[i - 1].key == "least" && m.items[i - 1].clause == it.clause &&
      !(i >= 2 && (m.items[i - 2].key == "at" || m.items[i - 2].key == "very")))
    v *= kNegScalar;
  return v;
}

// Two-word entries of the lexicon ("fed up", "can't stand") and VADER's idioms.
bool PhraseValence(const Message& m, size_t i, double* v) {
  if (i == 0 || m.items[i - 1].clause != m.items[i].clause) return false;
  static const std::unordered_map<std::string, double> kIdioms = {
      {"the shit", 3}, {"the bomb", 3}, {"bad ass", 1.5}, {"yeah right", -2}};
  // First words of every two-word entry, so most pairs cost one lookup.
  static const std::unordered_set<std::string> kFirsts = [] {
    std::unordered_set<std::string> f;
    for (const auto& [phrase, _] : kIdioms) f.insert(phrase.substr(0, phrase.find(' ')));
    for (const LexiconEntry& e : VaderLexicon()) {
      const std::string_view t = e.token;
      if (const size_t sp = t.find(' '); sp != std::string_view::npos) f.emplace(t.substr(0, sp));
    }
    return f;
  }();
  if (!kFirsts.count(m.items[i - 1].key)) return false;
  const std::string two = m.items[i - 1].key + " " + m.items[i].key;
  if (auto it = kIdioms.find(two); it != kIdioms.end()) {
    *v = it->second;
    return true;
  }
  return LexiconValence(two, v);
}

double ScoreValence(const Message& m) {
  if (m.items.empty()) return 0;
  int caps = 0, words = 0;
  for (const Item& it : m.items)
    if (it.word) {
      ++words;
      caps += IsUpperWord(*it.tok);
    }
  const bool cap_diff = caps > 0 && caps < words;  // VADER: emphasis only when some words are not shouted

  std::vector<double> s(m.items.size(), 0.0);
  for (size_t i = 0; i < m.items.size(); ++i) {
    double pv;
    if (PhraseValence(m, i, &pv)) {
      s[i - 1] = 0;
      s[i] = pv;
      continue;
    }
    if (m.items[i].booster != 0) continue;
    if (m.items[i].key == "kind" && i + 1 < m.items.size() && m.items[i + 1].key == "of") continue;
    s[i] = ItemValence(m, i, cap_diff);
  }
  // Contrast: in a sentence with "but", what follows it counts more.
  for (size_t i = 0; i < m.items.size(); ++i) {
    if (m.items[i].key != "but") continue;
    const int sentence = m.items[i].sentence;
    for (size_t k = 0; k < m.items.size(); ++k) {
      if (m.items[k].sentence != sentence) continue;
      if (k < i) s[k] *= 0.5;
      else if (k > i) s[k] *= 1.5;
    }
    // Only the first "but" of a sentence.
    while (i + 1 < m.items.size() && m.items[i + 1].sentence == sentence) ++i;
  }
  double sum = 0;
  for (double x : s) sum += x;
  if (sum == 0) return 0;
  // Punctuation emphasis (VADER): up to 4 "!", and 2+ "?".
  double amp = std::min(m.exclamations, 4) * 0.292;
  if (m.questions > 1) amp += m.questions <= 3 ? m.questions * 0.18 : 0.96;
  sum += sum > 0 ? amp : -amp;
  return std::clamp(sum / std::sqrt(sum * sum + 15.0), -1.0, 1.0);
}

}  // namespace

namespace rules {
// Open addressing over one flat array: every token of every message is
// looked up here, and chasing unordered_map's nodes was a tenth of
// Analyze()'s time in the browser.
class WordTable {
 public:
  explicit WordTable(const std::unordered_map<std::string_view, WordInfo>& words) {
    size_t capacity = 16;
    while (capacity < 2 * words.size()) capacity <<= 1;
    mask_ = capacity - 1;
    slots_.assign(capacity, Slot{0, kEmpty});
    entries_.reserve(words.size());
    for (const auto& [key, info] : words) {
      const uint32_t h = Hash(key);
      size_t i = h & mask_;
      while (slots_[i].index != kEmpty) i = (i + 1) & mask_;
      slots_[i] = Slot{h, static_cast<uint32_t>(entries_.size())};
      entries_.push_back({key, info});
    }
  }

  const WordInfo* Find(std::string_view key) const {
    const uint32_t h = Hash(key);
    for (size_t i = h & mask_;; i = (i + 1) & mask_) {
      const Slot& s = slots_[i];
      if (s.index == kEmpty) return nullptr;
      if (s.hash == h && entries_[s.index].first == key) return &entries_[s.index].second;
    }
  }

 private:
  static constexpr uint32_t kEmpty = 0xFFFFFFFFu;
  struct Slot {
    uint32_t hash;
    uint32_t index;
  };
  static uint32_t Hash(std::string_view s) {
    uint32_t h = 2166136261u;  // FNV-1a
    for (unsigned char c : s) h = (h ^ c) * 16777619u;
    return h;
  }
  size_t mask_ = 0;
  std::vector<Slot> slots_;
  std::vector<std::pair<std::string_view, WordInfo>> entries_;
};

const WordInfo* Lookup(std::string_view word) {
  static const WordTable kTable = [] {
    std::unordered_map<std::string_view, WordInfo> t;
    t.reserve(VaderLexicon().size() + 1024);
    for (const LexiconEntry& e : VaderLexicon()) {
      WordInfo& w = t[e.token];
      w.in_lexicon = true;
      w.lexicon = e.valence;
    }
    for (const auto& [word, scalar] : Boosters()) t[word].booster = scalar;
    for (std::string_view n : Negators()) t[n].negator = t[n].negates = true;
    for (std::string_view n : {"non", "não", "nao", "nicht", "kein", "keine", "keinen", "pas", "ne", "nunca", "jamais", "mai"})
      t[n].negates = true;
    for (std::string_view n : PersonNouns()) t[n].noun = true;
    for (std::string_view v : RequestVerbs()) t[v].verb = true;
    for (std::string_view v : TalkVerbs()) t[v].verb = t[v].talk = true;
    for (const auto& [first, list] : PatternIndex()) t[first].patterns = &list;
    return WordTable(t);
  }();
  return kTable.Find(word);
}
const HashedList& HashedWords(const char* bytes) {
  // thread_local: each thread builds its own sets, so no lock on a lookup.
  static thread_local std::unordered_map<const char*, HashedList> sets;
  auto [it, fresh] = sets.try_emplace(bytes);
  if (fresh)
    for (const char* p = bytes; *p; p += static_cast<unsigned char>(*p) + 1) {
      const std::string_view w(p + 1, static_cast<unsigned char>(*p));
      it->second.words.insert(w);
      it->second.filter.Add(w);
    }
  return it->second;
}

}  // namespace rules

const std::vector<std::string>& EmotionLabels() {
  static const std::vector<std::string> kLabels = {
      "admiration", "amusement", "anger",       "annoyance", "approval",   "caring",       "confusion",
      "curiosity",  "desire",    "disappointment", "disapproval", "disgust", "embarrassment", "excitement",
      "fear",       "gratitude", "grief",       "joy",       "love",       "nervousness",  "optimism",
      "pride",      "realization", "relief",    "remorse",   "sadness",    "surprise",     "neutral"};
  return kLabels;
}

bool Affect::HasCue(std::string_view name) const {
  return std::any_of(cues.begin(), cues.end(), [&](const Cue& c) { return c.name == name; });
}

double Valence(std::string_view message) { return ScoreValence(Prepare(message)); }

std::vector<uint64_t> WordHashes(const std::vector<Token>& tokens) {
  std::vector<uint64_t> w;
  w.reserve(tokens.size());
  for (const Token& t : tokens) {
    if (t.kind == TokenKind::kPunct) continue;
    uint64_t h = 1469598103934665603ull;  // FNV-1a 64
    for (unsigned char c : t.norm) h = (h ^ c) * 1099511628211ull;
    w.push_back(h);
  }
  std::sort(w.begin(), w.end());
  w.erase(std::unique(w.begin(), w.end()), w.end());
  return w;
}

const Cue* Affect::FindCue(std::string_view name) const {
  for (const Cue& c : cues)
    if (c.name == name) return &c;
  return nullptr;
}

namespace {

// ---- closings: "thanks, bye", "merci, au revoir", "eso es todo por hoy".
// A support chat ends with these, and crisis farewells share their words,
// so the crisis head alone fired on a plain "goodbye" (0.85). A message made
// only of these phrases is a closing: a model-only crisis there is set aside
// and the conversation raises it again after a distressed turn (handoff.cc).
// Finality is deliberately absent ("forever", "everyone", "thanks for
// everything", "adieu", "I'm done"): those stay the model's to judge.
// Accent-folded, lower-case, one phrase per entry.
constexpr const char* kClosingPhrases[] = {
    // whom the thanks are for: "thanks guys", "danke euch", "merci à vous", "gracias a todos"
    "guys", "all", "everyone", "you all", "team", "euch", "ihnen", "dir", "allen", "leute", "a vous", "vous",
    "a tous", "a todos", "a ustedes", "chicos", "equipo", "pessoal", "gente", "a todos voces", "a tutti", "ragazzi",
    // en
    "thanks", "thank you", "thank u", "thx", "ty", "tysm", "cheers", "many thanks", "thanks a lot", "thanks so much",
    "thank you so much", "thank you very much", "much appreciated", "appreciate it", "bye", "byee", "bye bye",
    "goodbye", "good bye", "see you", "see ya", "cya", "later", "see you later", "talk later", "have a nice day",
    "have a good day", "have a great day", "have a nice evening", "have a good one", "have a nice weekend",
    "have a good weekend", "have a good week", "have a nice week", "take care", "that's all", "thats all",
    "that is all", "that's it", "thats it",
    "that will be all", "that'll be all", "nothing else", "nothing more", "no more questions", "all good",
    "all set", "all sorted", "sorted", "for today", "for now", "for your help", "for the help", "for helping",
    "for helping me", "got it", "that helps", "that helped", "i have what i need", "i have what i needed",
    "got what i needed", "got what i need", "ok", "okay", "k", "great", "perfect", "cool", "nice", "awesome",
    "brilliant", "lovely", "good", "fine", "alright", "no", "nope", "yes", "yep", "please", "again", "you too",
    "and", "so", "oh",
    // es
    "gracias", "muchas gracias", "mil gracias", "gracias por la ayuda", "gracias por tu ayuda",
    "gracias por su ayuda", "adios", "hasta luego", "hasta pronto", "hasta manana", "chao", "chau", "nos vemos",
    "buen dia", "buenos dias", "buenas tardes", "buenas noches", "buena semana", "buen fin de semana",
    "que tenga un buen dia", "que tengas un buen dia",
    "eso es todo", "es todo", "nada mas", "ya esta", "ya esta todo", "todo claro", "todo bien", "entendido",
    "vale", "genial", "perfecto", "listo", "bueno", "si", "por hoy", "por ahora", "un saludo", "saludos",
    "me despido", "me tengo que ir", "me voy", "ya tengo lo que necesitaba", "ya tengo lo que necesito", "y",
    "pues", "ya quedo", "ya quedo todo", "todo listo", "ya", "que vaya bien", "que te vaya bien", "que le vaya bien",
    // fr
    "merci", "merci beaucoup", "merci bien", "mille merci", "mille mercis", "merci pour votre aide",
    "merci pour l'aide", "merci de votre aide", "au revoir", "a plus", "a plus tard", "a bientot",
    "a tout a l'heure", "a la prochaine", "bonne journee", "bonne soiree", "bonne fin de journee", "bonne semaine",
    "bon weekend",
    "bon week-end", "salut", "ciao", "c'est tout", "ce sera tout", "ca sera tout", "c'est bon", "c'est parfait",
    "rien d'autre", "rien de plus", "pas d'autre question", "pas d'autres questions", "tout est regle",
    "pour aujourd'hui", "pour aujourd hui", "pour le moment", "pour l'instant", "d'accord", "parfait", "super", "top", "genial",
    "tres bien", "non", "oui", "j'ai ce qu'il me faut", "j'ai ce qu'il me fallait", "c'est ce qu'il me fallait",
    "c'est tout ce qu'il me fallait", "bonne continuation", "cordialement", "et", "bon", "ben", "bah", "voila",
    "alors", "ok merci", "au plaisir", "je vous laisse", "bon ben je vous laisse",
    // de
    "danke", "danke schon", "dankeschon", "vielen dank", "danke sehr", "besten dank", "tschuss", "tschus",
    "auf wiedersehen", "bis dann", "bis bald", "bis spater", "schonen tag", "schonen tag noch",
    "einen schonen tag", "schones wochenende", "schone woche", "eine schone woche", "das war's", "das wars",
    "das ist alles", "das war alles",
    "mehr nicht", "nichts mehr", "sonst nichts", "keine fragen mehr", "keine weiteren fragen", "alles klar",
    "alles gut", "perfekt", "prima", "gut", "nein", "ja", "fur heute", "erstmal", "vg", "lg", "mfg",
    "viele grusse", "liebe grusse", "und", "fur die hilfe", "fur ihre hilfe", "fur deine hilfe",
    "hat sich erledigt", "also", "na dann", "gut dann", "passt", "mehr wollte ich nicht wissen",
    "mehr wollt ich nicht wissen", "man hort sich", "man sieht sich", "nichts weiter",
    // pt
    "obrigado", "obrigada", "muito obrigado", "muito obrigada", "obg", "brigado", "valeu", "tchau", "adeus",
    "ate logo", "ate mais", "ate breve", "ate a proxima", "bom dia", "boa tarde", "boa noite", "boa semana",
    "bom fim de semana",
    "tenha um bom dia", "e tudo", "e so isso", "so isso", "mais nada", "nada mais", "por agora", "por hoje",
    "por enquanto", "pela ajuda", "beleza", "otimo", "perfeito", "certo", "nao", "sim", "ja tenho o que precisava",
    "um abraco", "cumprimentos", "entao", "pronto", "ta bom", "tudo certo", "e so", "vou andando",
    "fiquem com deus", "fique com deus", "vai com deus", "va com deus",
    // it
    "grazie", "grazie mille", "grazie tante", "molte grazie", "arrivederci", "a presto", "a dopo", "alla prossima",
    "buona giornata", "buona serata", "buona settimana", "buon fine settimana", "e tutto", "e tutto qui",
    "nient'altro", "niente altro", "basta cosi",
    "va bene", "perfetto", "ottimo", "per oggi", "per ora", "per l'aiuto", "grazie dell'aiuto", "salve", "allora", "bene", "tutto a posto",
};

// Leave taken for good: as a chat's last words after its questions, a
// closing ("me voy, gracias por todo" 0.86, "adieu" 0.98, "goodbye now"
// 0.84 handed calm chats off with the crisis lines); as its first words,
// the model's to judge (Affect::final_closing).
constexpr const char* kFinalPhrases[] = {
    "thanks for everything", "thank you for everything", "for everything", "now", "goodbye now", "bye now",
    "gracias por todo", "por todo", "merci pour tout", "merci de tout", "pour tout", "adieu", "danke fur alles",
    "fur alles", "obrigado por tudo", "obrigada por tudo", "por tudo", "grazie di tutto", "grazie per tutto",
    "di tutto", "per tutto"};

// At most this many words: a long message is more than a closing.
// "?", "hello?", "anyone?" is a request of its own; "so?", "und?", "quindi?".
bool IsPing(const Message& m, const std::vector<std::string>& folded) {
  static constexpr auto kPings = Words("hello", "hallo", "hola", "allo", "ola", "alo", "pronto", "so", "and", "well",
                                       "entonces", "y", "alors", "et", "donc", "und", "also", "e", "entao", "ai",
                                       "quindi", "allora", "ok", "okay");
  if (m.cleaned.find('?') == std::string::npos || folded.size() > 2) return false;
  for (const std::string& w : folded)
    if (!In(kPings, w)) return false;
  return true;
}

constexpr size_t kMaxClosingWords = 14;
bool IsClosing(const std::vector<std::string>& folded) {
  static const PhraseList closings(kClosingPhrases);
  return folded.size() <= kMaxClosingWords && closings.Covers(folded);
}
bool IsFinalClosing(const std::vector<std::string>& folded) {
  static const PhraseList finals = [] {
    std::vector<const char*> all(std::begin(kClosingPhrases), std::end(kClosingPhrases));
    all.insert(all.end(), std::begin(kFinalPhrases), std::end(kFinalPhrases));
    return PhraseList(all.data(), all.size());
  }();
  return folded.size() <= kMaxClosingWords && finals.Covers(folded);
}

// From this probability the model's human_request alone hands off at once.
constexpr double kSurePersonRequest = 0.7;
// A person request the model alone heard in "are you a bot?" weighs at most this (explicit is 0.8).
constexpr double kAskedIfBot = 0.6;
// Messages of fewer words than this need kSureOnFewWords for a model-only
// crisis or person request.
constexpr size_t kFewWords = 3;
constexpr double kSureOnFewWords = 0.8;
// A message or a rest of fewer words than this is a fragment (see its uses).
constexpr size_t kFragmentWords = 6;
// At most this many words beside a number or address given: nothing else told (AddModelCues).
constexpr size_t kContactOnlyWords = 8;
// A one-word message leans valence the negativity head's way from this on.
constexpr double kSureOnOneWord = 0.95;
// A model-only crisis below kUnsureBesideComplaint in a message whose
// frustration a pattern heard and the model is this sure of is the complaint.
constexpr double kSureComplaint = 0.9;
constexpr double kUnsureBesideComplaint = 0.5;
// ... and below this beside a hardship that hands off at once (kHardshipAtOnce).
constexpr double kUnsureBesideHardship = 0.35;
// The model's hardship cue is this share of its probability (below the 0.8
// that hands off at once, handoff.h). Tuned on the development conversations.
constexpr double kModelHardship = 0.6;


// "and when do I get the money back?", "und wann bekomme ich mein Geld
// zurück": when a refund comes, asked in a few words with no need told (rent,
// bills): the routine question the packs answer, which the hardship head read
// at 0.84 on its "and" (a calm demo chat was handed off at its fifth question).
bool AsksWhenRefunded(const Message& m) {
  static constexpr auto kWhen = Words("when", "long", "wann", "lange", "quand", "temps", "cuando", "tarda", "tardan",
                                      "demora", "quando", "tempo", "quanto");
  static constexpr auto kRefund = Words("refund", "refunds", "refunded", "reimbursed", "reembolso", "reembolsan",
                                        "devuelven", "devolucion", "remboursement", "rembourse", "remboursee",
                                        "rembourses", "erstattung", "ruckerstattung", "erstattet", "rimborso",
                                        "rimborsato", "rimborsati", "estorno", "reembolsado");
  static constexpr auto kMoney = Words("money", "geld", "dinero", "plata", "argent", "dinheiro", "grana", "soldi");
  static constexpr auto kBack = Words("back", "zuruck", "vuelta", "devuelta", "devuelto", "retour", "volta", "indietro");
  static constexpr auto kNeed = Words("need", "rent", "bills", "afford", "broke", "urgent", "urgently", "food",
                                      "brauche", "miete", "dringend", "necesito", "alquiler", "urgente", "comida",
                                      "besoin", "loyer", "preciso", "aluguel", "renda", "bisogno", "affitto");
  size_t words = 0;
  bool when = false, refund = false, money = false, back = false, need = false;
  for (const Item& it : m.items) {
    if (!it.word) continue;
    ++words;
    const std::string w = FoldWord(it.tok->norm);
    when |= In(kWhen, w);
    refund |= In(kRefund, w);
    money |= In(kMoney, w);
    back |= In(kBack, w);
    need |= In(kNeed, w);
  }
  return words <= 10 && when && (refund || (money && back)) && !need;
}

// Chat shorthands the phrase lists spell out, one word for one and the same
// in every language ("vcs" -> "voces", "u" -> "you", "cmq" -> "comunque");
// ambiguous ones ("pq": porque or pourquoi, "ur") are left as typed.
std::string SpelledOut(std::string word) {
  static const std::unordered_map<std::string_view, std::string_view> kShort = {
      {"u", "you"}, {"r", "are"}, {"pls", "please"}, {"plz", "please"}, {"thx", "thanks"}, {"ppl", "people"},
      {"cuz", "because"}, {"coz", "because"}, {"rly", "really"}, {"q", "que"}, {"xq", "porque"},
      {"tmb", "tambien"}, {"vc", "voce"}, {"vcs", "voces"}, {"tbm", "tambem"}, {"hj", "hoje"}, {"td", "tudo"},
      {"msm", "mesmo"}, {"ngm", "ninguem"}, {"obg", "obrigado"}, {"tjrs", "toujours"}, {"tjs", "toujours"},
      {"bcp", "beaucoup"}, {"nn", "non"}, {"cmq", "comunque"}, {"xke", "perche"}, {"xche", "perche"}};
  const auto it = kShort.find(word);
  return it == kShort.end() ? word : std::string(it->second);
}

// The model's heads as cues, beside the patterns': a head that fired adds
// its cue (or confirms the pattern's), with its probability and evidence.
void AddModelCues(const ModelJudgement& j, Detector* d) {
  const Message& m = d->m;
  // One or two words ("no sé", "tomorrow") give a bag of n-grams too little
  // to go on: alone, the model may raise a crisis or a person request there
  // only when it is sure. The short emergencies and requests ("can't
  // breathe", "agent please") are the patterns' job.
  const size_t words = std::count_if(m.items.begin(), m.items.end(), [](const Item& it) { return it.word; });
  auto add = [&](int head, const char* cue, double strength, const char* kind) {
    const HeadScore& h = j.heads[head];
    if (!h.fired) return;
    const bool decisive = head == 0 || head == 1;
    if (decisive && words < kFewWords && h.probability < kSureOnFewWords && !d->affect->FindCue(cue)) return;
    // The check's screen raises crises below the head's own threshold; in a
    // few words ("ya lo tengo gracias") the check has too little to weigh.
    // Nor does a doubted one it alone raised come back after a distressed turn (set aside, below).
    if (head == 0 && j.crisis_screened && (words < kFragmentWords || j.crisis_doubted) && !d->affect->FindCue(cue))
      return;
    if (head == 1 && d->person_hard_negative && !d->affect->FindCue(cue)) return;
    const size_t begin = h.end > h.begin ? h.begin : 0, end = h.end > h.begin ? h.end : m.cleaned.size();
    if (Cue* existing = const_cast<Cue*>(d->affect->FindCue(cue))) {
      // A pattern already fired: the model agrees; keep the pattern's words
      // (and, for a hardship, its strength: each rule's is what it weighs).
      existing->probability = std::max(existing->layer == kLayerModel ? existing->probability : 0.0, h.probability);
      if (existing->kind.empty() && kind) existing->kind = kind;
      if (head != 4) existing->strength = std::max(existing->strength, strength);
      return;
    }
    if (head == 0) {
      // ... or, unsure, beside one ("o final da novela me matou": the model's words are "final da").
      for (const Detector::NearMiss& x : d->crisis_near_misses) {
        if (x.only_kind && (!kind || std::string_view(kind) != x.only_kind)) continue;
        // A crisis only the check's screen raised stays below the bar beside any ("colher sangue" 0.30).
        if ((x.inside_is_it && x.begin <= begin && end <= x.end) || h.probability < x.unsure_below || j.crisis_screened)
          return;
      }
      // Set aside a model-only crisis whose words are a closing, or the
      // very words asking for a person (a person comes either way), or an
      // unsure one in a complaint the patterns and the model both hear as
      // one ("pues vaya ayuda, otra vez el mismo enlace": crisis 0.35 beside
      // frustration 0.98 showed the crisis lines to a visitor sent the same
      // link twice; the frustration hands off all the same).
      const Cue* person = d->affect->FindCue(kCueHumanRequest);
      const Cue* complaint = d->affect->FindCue(kCueFrustration);
      const bool sure_complaint = complaint && complaint->layer == kLayerPattern &&
                                  j.heads[2].probability >= kSureComplaint && h.probability < kUnsureBesideComplaint;
      // The same beside a hardship the head is sure of ("I'm 86 and I don't
      // understand the letter you sent me... I have nobody to ask": crisis 0.29
      // on "and I don't", hardship 1.00): the hardship brings a person, and
      // the crisis lines would tell an old man he might be suicidal.
      const bool sure_hardship = d->affect->SureHardship() && h.probability < kUnsureBesideHardship;
      // (Not kept for later: a closing after distress may be a farewell, a complaint is not.)
      if (sure_complaint || sure_hardship) return;
      // Only a sure request: an unsure one (the person head at 0.51 on "je me suis enfermé dans la salle
      // de bain avec une lame") would hide a crisis and hand off nothing.
      const bool sure_person = person && (person->layer == kLayerPattern || person->probability >= kSurePersonRequest);
      // Or one the crisis check doubts (judgement.h: "they left it outside and now its gone" 0.88).
      if (j.crisis_doubted || d->affect->closing || d->affect->final_closing || d->affect->plan ||
          (sure_person && person->begin <= begin && end <= person->end)) {
        Cue c;
        c.name = cue;
        c.strength = std::clamp(strength, 0.0, 1.0);
        c.evidence = m.cleaned.substr(begin, end - begin);
        c.begin = begin;
        c.end = end;
        c.layer = kLayerModel;
        c.probability = h.probability;
        if (kind) c.kind = kind;
        d->affect->set_aside_crisis = std::move(c);
        return;
      }
    }
    Cue* c = d->Add(cue, strength, begin, end, kind);
    c->layer = kLayerModel;
    c->probability = h.probability;
  };
  // A person request is explicit (strength >= 0.8, handoff.h) when the head
  // is sure; a weaker one adds to distress and needs the conversation's help.
  // It goes first so the crisis head can see its words.
  const double person = j.heads[1].probability;
  // "¿eres un robot?", "bist du ein Bot?", "t'es un bot ?": the head read them
  // 0.9 and more in four languages (and "are you a bot?" 0.4), so the widget
  // handed some visitors off unasked and told others plainly. Asked whether a
  // program answers, the visitor is told so and offered a person (the pack's
  // bot_identity reply): the request is heard, not explicit.
  const double person_strength = d->affect->asks_if_bot ? std::min(person, kAskedIfBot)
                                 : person >= kSurePersonRequest ? 0.8 + 0.2 * person
                                                                : person;
  add(1, kCueHumanRequest, person_strength, nullptr);
  // A fired crisis head is decisive: a missed emergency is the worst error.
  add(0, kCueCrisis, 0.8 + 0.2 * j.heads[0].probability, j.crisis_kind.empty() ? nullptr : j.crisis_kind.c_str());
  // A message that only thanks or says goodbye ("danke euch", "thanks guys")
  // is not heard as sarcasm by the model alone: it read "danke euch" at
  // 0.97. Sarcastic thanks say more ("thanks for nothing", "super helpful,
  // thanks"), which is then no closing. A bare "no" mid-chat is kept: a
  // curt answer is how frustration sounds as replies grow shorter.
  static constexpr auto kBareNo = Words("no", "nope", "nah", "non", "nein", "nao");
  const bool bare_no = std::all_of(m.items.begin(), m.items.end(),
                                   [&](const Item& it) { return !it.word || In(kBareNo, FoldWord(it.tok->norm)); });
  // A reference given and nothing else ("Order number ZX-2291": 0.52) answers
  // the bot's question; the model hears a curt complaint in it.
  const bool bare_reference = IsBareReference(m.tokens);
  if ((!d->affect->closing || bare_no) && !bare_reference) add(2, kCueFrustration, j.heads[2].probability, nullptr);
  // A hardship the model heard builds over turns like the patterns' milder
  // ones, never at once: a fraud told calmly or a deadline tomorrow is the
  // second or third turn's handoff, not the first message's. Not in a closing
  // or a thank-you that is not unhappy ("gracias, pediré otra para la semana
  // que viene": 0.91 on "semana"), nor beside words the rules placed as
  // harmless (a figure of speech, a device that died, moving away). Nor in
  // one or two words: a bag that small says no story ("and returns?" 0.82).
  const bool look_alike = std::any_of(d->crisis_near_misses.begin(), d->crisis_near_misses.end(),
                                      [](const Detector::NearMiss& x) { return !x.only_kind; });
  const bool thanks = d->affect->acknowledges && j.heads[3].probability < kUnsureBesideComplaint;
  // Nor in a number or address given in a few words ("mon numéro c'est le 06 12 34 56 78": 0.99,
  // "sí, es ... y mi teléfono ...": 0.95): the digits' n-grams, not a story.
  const bool contact_only = d->gives_own_contact && words <= kContactOnlyWords;
  if (!d->affect->closing && !look_alike && !thanks && words >= kFewWords && !AsksWhenRefunded(m) && !contact_only)
    add(4, kCueHardship, kModelHardship * j.heads[4].probability, nullptr);
}

// A request in a sentence of its own inside a longer message ("... bloqué depuis 6
// jours. qui s'occupe des litiges chez vous ? j'aimerais que cette personne regarde
// mon dossier"): the whole message's n-grams, averaged over sqrt(n), drown it; the
// sentence alone is the kind of line the head was trained on. Each sentence of
// kFewWords words or more is judged when the whole message did not fire the person
// head; the surest sentence that fires it stands for the message's person head.
constexpr double kSureSentence = 0.93;  // 0.80-0.85 fired on curiosity questions read without their hedge
void JudgeSentencesForPerson(const JudgementModel& model, const Message& m, ModelJudgement* j) {
  if (j->heads[1].fired) return;
  std::vector<std::vector<Token>> sentences(1);
  for (const Token& t : m.tokens) {
    sentences.back().push_back(t);
    const char c = t.kind == TokenKind::kPunct ? t.text[0] : 0;
    if (c == '!' || c == '?' || c == '.') sentences.emplace_back();
  }
  auto words = [](const std::vector<Token>& ts) {
    return static_cast<size_t>(std::count_if(ts.begin(), ts.end(), [](const Token& t) { return t.kind == TokenKind::kWord; }));
  };
  size_t with_words = 0;
  for (const auto& s : sentences) with_words += words(s) > 0;
  if (with_words < 2) return;
  // The whole message's head did not fire, so any sure sentence beats it.
  for (const auto& s : sentences) {
    if (words(s) < kFewWords) continue;
    const std::vector<WhoSpan> who = FindWho(s);
    const HeadScore one = model.Judge(s, JudgementFeatures(s, who), who).heads[1];
    if (one.fired && one.probability >= kSureSentence && one.probability > (j->heads[1].fired ? j->heads[1].probability : 0))
      j->heads[1] = one;
  }
}

// "ist gerade jemand da", "y a quelqu'un en ligne en ce moment ?": the
// crisis head read "someone there, right now" as a cry for help (0.99
// violence) in a visitor asking whether anyone is online, and the widget
// showed crisis lines. A model-only crisis whose words overlap a person
// request's is judged again on the message without the request's words:
// if the rest says nothing (fewer than kFewWords words) or the head no
// longer fires there, the crisis is set aside like one in the request's own
// words (and counts again after a distressed turn, handoff.cc). "is anyone
// there he is hitting me right now" keeps its crisis in the rest.
void SetAsideCrisisInRequest(const JudgementModel& model, const Message& m, Affect* a) {
  const auto crisis = std::find_if(a->cues.begin(), a->cues.end(),
                                   [](const Cue& c) { return c.name == kCueCrisis && c.layer == kLayerModel; });
  const Cue* person = a->FindCue(kCueHumanRequest);
  if (crisis == a->cues.end() || !person || crisis->end <= person->begin || person->end <= crisis->begin) return;
  std::vector<Token> rest;
  for (const Token& t : m.tokens)
    if (t.end <= person->begin || person->end <= t.begin) rest.push_back(t);
  const size_t words = std::count_if(rest.begin(), rest.end(), [](const Token& t) { return t.kind == TokenKind::kWord; });
  if (words >= kFewWords) {
    // A fragment ("y a ... en ce moment ?": 0.43) must be as sure as a message of few words.
    const std::vector<WhoSpan> who = FindWho(rest);
    const ModelJudgement r = model.Judge(rest, JudgementFeatures(rest, who), who);
    const HeadScore& h = r.heads[0];
    if (h.fired && !r.crisis_doubted && (words >= kFragmentWords || h.probability >= kSureOnFewWords)) return;
  }
  a->set_aside_crisis = std::move(*crisis);
  a->cues.erase(crisis);
}

}  // namespace

Affect Analyze(std::string_view message, const AnalyzeOptions& options) {
  Affect affect;
  std::vector<uint32_t> utf16_at;
  const Message m = Prepare(message, &utf16_at);
  affect.valence = ScoreValence(m);
  affect.word_hashes = WordHashes(m.tokens);

  std::vector<const Item*> words;
  for (const Item& it : m.items)
    if (it.word) words.push_back(&it);
  Detector d{m, &affect};
  DetectPatterns(words, &d);
  DetectHumanRequest(words, &d);
  DetectMaskedProfanity(m, &d);
  DetectShouting(m, affect.valence, &d);
  // Words folded once for the phrase checks (sarcasm, closings), chat
  // shorthands written out, one word for one ("vcs são uma piada").
  std::vector<std::string> folded;
  folded.reserve(words.size());
  for (const Item* w : words) folded.push_back(SpelledOut(FoldWord(w->tok->norm)));
  DetectSarcasm(m, words, folded, &d);
  DetectTriedTimes(m, words, folded, &d);
  DetectPaymentTakenBack(m, words, folded, &d);
  SetAsidePastCrisis(words, folded, &d);
  SetAsideMovingAway(folded, &d);
  SetAsideCalmPlan(folded, &d);
  affect.asks_if_there = SetAsideExistenceQuestion(folded, &d);
  SetAsideThingBroken(words, folded, &d);
  SetAsideFutureRoutine(words, folded, &d);
  SetAsideAbsence(words, folded, &d);
  MarkKillMeIfHyperbole(words, folded, &d);
  const bool reported_call = SetAsideReportedCall(words, folded, &d);
  if (!affect.FindCue(kCueHumanRequest)) DetectPersonInOwnWords(m, words, folded, &d);
  if (!affect.FindCue(kCueHumanRequest)) DetectPersonOnAnotherChannel(words, folded, &d);
  if (!affect.FindCue(kCueCrisis)) DetectLethalDose(words, folded, &d);
  if (!affect.FindCue(kCueCrisis)) DetectRedFlags(m, words, folded, &d);
  if (!affect.FindCue(kCueCrisis)) DetectAffairsInOrder(words, folded, &d);
  if (!affect.FindCue(kCueCrisis)) DetectNotLivingToSee(m, words, folded, &d);
  if (!affect.FindCue(kCueCrisis)) DetectNotWantingToLive(m, words, folded, &d);
  if (!affect.FindCue(kCueCrisis)) DetectDoseToEnd(m, words, folded, &d);
  // Again: the farewells found since ("je ne serai plus là") may be an absence too.
  SetAsideAbsence(words, folded, &d);
  SetAsideParcelLate(words, folded, &d);
  DetectHardship(words, folded, &d);
  // A privacy question is no request, whichever layer heard one; nor is a
  // visitor saying they are human, nor every person named declined ("nem
  // foi preciso um atendente": "nem" negates nothing else).
  const bool no_request = PrivacyQuestion(m, words, folded) || SaysSelfHuman(words, folded) || DeclinesPerson(words, folded);
  if (no_request)
    affect.cues.erase(std::remove_if(affect.cues.begin(), affect.cues.end(),
                                     [](const Cue& c) { return c.name == kCueHumanRequest; }),
                      affect.cues.end());
  // A message that only says a question is coming ("actually, can i ask
  // something?": the person head 0.92, "ho una domanda": hardship) asks
  // nothing yet: what the model alone hears there is dropped below.
  const bool announces_question = AnnouncesQuestion(message);
  d.gives_own_contact = GivesOwnContact(m, folded);
  d.person_hard_negative = no_request || reported_call || announces_question ||
                           (!affect.FindCue(kCueHumanRequest) && PersonHardNegative(m, words, folded));
  affect.closing = IsClosing(folded);
  affect.final_closing = !affect.closing && IsFinalClosing(folded);
  affect.ping = IsPing(m, folded);
  affect.asks_if_bot = AsksIfBot(m, words, folded);
  affect.declines_person = DeclinesPerson(words, folded);
  affect.acknowledges = Acknowledges(folded);

  if (options.judgement) {
    affect.judged = true;
    const std::vector<HashedFeature> features = JudgementFeatures(m.tokens, m.who);
    affect.judgement = options.judgement->Judge(m.tokens, features, m.who);
    JudgeSentencesForPerson(*options.judgement, m, &affect.judgement);
    AddModelCues(affect.judgement, &d);
    SetAsideCrisisInRequest(*options.judgement, m, &affect);
    if (announces_question)
      affect.cues.erase(std::remove_if(affect.cues.begin(), affect.cues.end(),
                                       [](const Cue& c) { return c.layer == kLayerModel; }),
                        affect.cues.end());
    // Negativity the lexicon cannot hear (other languages, sarcasm): when
    // the head is sure the message is negative, valence leans its way.
    // Not from one word the lexicon has no feeling for and no rule heard
    // ("ventolin" read 0.90, "sertraline" 0.77: a medicine named after the
    // clinic asked which one, then a handoff for a "negative trend"), unless
    // the head is all but certain ("useless" 1.00, "ugh" 0.99).
    // Nor in a closing: the head hears leaving as sad ("bueno me voy ya,
    // gracias por todo" 0.83), and a calm goodbye was answered "lamento las
    // molestias" after a falling trend. Nor in a short question whether something is there
    // ("et il y a des frais de retour ?" read 0.75: SetAsideExistenceQuestion).
    const double p = affect.judgement.heads[3].probability;
    const bool lone_unknown_word = words.size() == 1 && affect.valence == 0 && affect.cues.empty() && p < kSureOnOneWord;
    if (p > 0.5 && !lone_unknown_word && !affect.closing && !affect.final_closing && !affect.asks_if_there) {
      const double w = 2 * p - 1;
      affect.valence = (1 - w) * affect.valence - w * p;
    }
    // Frustration is never positive, however glowing its words ("brilliant,
    // super useful, thanks a lot 🙄" scored +0.90 from the lexicon).
    if (const Cue* f = affect.FindCue(kCueFrustration)) {
      const double q = f->layer == kLayerModel ? f->probability : f->strength;
      affect.valence = std::min(affect.valence, (1 - q) * affect.valence - q * q);
    }
    for (const HashedFeature& f : features) affect.feature_hashes.push_back(f.hash);
    std::sort(affect.feature_hashes.begin(), affect.feature_hashes.end());
    affect.feature_hashes.erase(std::unique(affect.feature_hashes.begin(), affect.feature_hashes.end()),
                                affect.feature_hashes.end());
  }

  SetKindHarmedByAnother(words, folded, &d);

  // Numbers join the topic too: an order number given again is the same matter.
  std::vector<std::string> topic_words = folded;
  for (const Token& t : m.tokens)
    if (t.kind == TokenKind::kNumber) topic_words.push_back(t.text);
  affect.topic_hashes = TopicHashes(topic_words, affect.judged ? affect.judgement.language : std::string());

  const auto& labels = EmotionLabels();
  if (options.emotion_probs.size() == labels.size()) {
    for (size_t i = 0; i < labels.size(); ++i) {
      const float p = options.emotion_probs[i];
      affect.emotions[labels[i]] = std::isfinite(p) ? std::clamp<double>(p, 0.0, 1.0) : 0.0;
    }
    // The model hears anger the word lists miss ("third time I'm asking");
    // its evidence is the whole analysed message.
    const double anger = std::max(affect.emotions["anger"], 0.8 * affect.emotions["annoyance"]);
    if (anger >= kModelAngerThreshold) d.Add(kCueAnger, anger, 0, m.cleaned.size());
  }
  // Cues in message order, so evidence reads left to right.
  std::stable_sort(affect.cues.begin(), affect.cues.end(), [](const Cue& a, const Cue& b) { return a.begin < b.begin; });
  auto to_utf16 = [&](Cue& c) {
    c.begin16 = utf16_at[std::min(c.begin, utf16_at.size() - 1)];
    c.end16 = utf16_at[std::min(c.end, utf16_at.size() - 1)];
  };
  for (Cue& c : affect.cues) to_utf16(c);
  if (affect.set_aside_crisis) to_utf16(*affect.set_aside_crisis);
  return affect;
}

}  // namespace attune
