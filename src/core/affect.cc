#include "affect.h"

#include <algorithm>
#include <array>
#include <cmath>
#include <cstdint>
#include <string>
#include <unordered_map>
#include <unordered_set>

#include "identity.h"
#include "lexicon.h"
#include "text.h"

namespace attune {
namespace {

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
  std::vector<Item> items;
  int exclamations = 0;
  int questions = 0;
};

// "soo" -> "so", "baad" -> "bad": the tokenizer squeezes elongations to two
// letters; when the lexicon does not know that form, try the single-letter one.
std::string CollapseDoubles(const std::string& s) {
  std::string out;
  out.reserve(s.size());
  for (char c : s)
    if (out.empty() || c != out.back() || static_cast<unsigned char>(c) >= 0x80) out.push_back(c);
  return out;
}


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

Message Prepare(std::string_view text, std::vector<uint32_t>* utf16_at = nullptr) {
  Message m;
  m.cleaned = utf16_at ? CleanForAnalysis(text, utf16_at) : CleanForAnalysis(text);
  m.tokens = Tokenize(m.cleaned);
  int clause = 0, sentence = 0;
  m.items.reserve(m.tokens.size());
  // Words that say who the writer is ("blind", a name like "Joy") carry no
  // valence: being blind is not a feeling about the service (identity.h).
  const std::vector<WhoKind> who = WhoMask(m.tokens);
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
  static constexpr std::string_view kPartners[] = {"pas", "plus", "jamais", "rien", "personne", "guère", "guere",
                                                   "aucun", "aucune", "point", "ni", "nulle"};
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

// ---------------------------------------------------------------------------
// Cue detectors. Each pattern is a sequence of word alternatives
// ("kill|killing myself"), matched on token norms within one clause.

// The kind of a near-miss that is only ever a figure of speech ("this price gave
// me a heart attack"): beside it, the model's unsure crisis is dropped too. Other
// near-misses ("il va me tuer si...") leave the model to judge.
constexpr const char* kFigureOfSpeech = "figure_of_speech";

struct Pattern {
  const char* cue;
  const char* words;  // space-separated positions, '|' between alternatives
  double strength;
  bool negatable;     // a negator just before it ("not urgent") cancels it
  bool exclude;       // a near-miss: matches of `cue` overlapping it are dropped
  const char* kind = nullptr;  // crisis kind (judgement.h), for crisis patterns
};

// clang-format off
const Pattern kPatterns[] = {
    // crisis: curated red flags (public-health lists: suicide warning signs,
    // stroke FAST, anaphylaxis, cardiac, poisoning/overdose, unconsciousness,
    // seizures, heavy bleeding, violence in progress), en es fr de pt it.
    // Each is a phrase people use for an emergency now; hyperbole and past
    // events are near-misses below, and the model covers the indirect rest.
    // -- self-harm: intent, plans, means, farewells
    {kCueCrisis, "kill|killing|hurt|hurting|cut|cutting|harm|harming myself", 1, false, false, kCrisisSelfHarm},
    {kCueCrisis, "suicide|suicidal|self-harm|selfharm", 1, false, false, kCrisisSelfHarm},
    {kCueCrisis, "self harm", 1, false, false, kCrisisSelfHarm},
    {kCueCrisis, "kms|unalive|sewerslide", 1, false, false, kCrisisSelfHarm},  // chat slang: "wanna kms"
    {kCueCrisis, "end|ending|take|taking my life", 1, false, false, kCrisisSelfHarm},
    {kCueCrisis, "take|taking my own life", 1, false, false, kCrisisSelfHarm},
    {kCueCrisis, "end it all", 1, false, false, kCrisisSelfHarm},
    {kCueCrisis, "want|wanted|going to die", 1, false, false, kCrisisSelfHarm},
    {kCueCrisis, "wanna die", 1, false, false, kCrisisSelfHarm},
    {kCueCrisis, "better off dead", 1, false, false, kCrisisSelfHarm},
    {kCueCrisis, "better off without me", 1, false, false, kCrisisSelfHarm},
    {kCueCrisis, "besser dran ohne mich", 1, false, false, kCrisisSelfHarm},
    {kCueCrisis, "mejor si yo? no estuviera|existiera|estuviese|existiese", 1, false, false, kCrisisSelfHarm},
    // ... to disappear for good, wished by the visitor ("will this colour disappear forever?" asks about stock)
    {kCueCrisis, "want|wanna|i'll|ill to? just? disappear|vanish forever|permanently", 1, false, false, kCrisisSelfHarm},
    {kCueCrisis, "quiero|quisiera|voy a? desaparecer para siempre", 1, false, false, kCrisisSelfHarm},
    {kCueCrisis, "veux|voudrais|vais disparaître|disparaitre pour toujours", 1, false, false, kCrisisSelfHarm},
    {kCueCrisis, "veux|voudrais|vais disparaître|disparaitre à|a jamais", 1, false, false, kCrisisSelfHarm},
    {kCueCrisis, "will|möchte|mochte|werde einfach|nur? für|fuer immer verschwinden", 1, false, false, kCrisisSelfHarm},
    {kCueCrisis, "quero|vou desaparecer|sumir para|pra sempre", 1, false, false, kCrisisSelfHarm},
    {kCueCrisis, "voglio|vorrei sparire|scomparire per sempre", 1, false, false, kCrisisSelfHarm},
    // ... everything to stop ("i want it all to stop", "quero que tudo pare")
    {kCueCrisis, "want|wanna it? all|everything to stop|end", 1, false, false, kCrisisSelfHarm},
    {kCueCrisis, "quero|quiero que tudo|todo pare|acabe|termine", 1, false, false, kCrisisSelfHarm},
    {kCueCrisis, "voglio che tutto finisca", 1, false, false, kCrisisSelfHarm},
    // ... cutting, in French ("je me suis encore scarifiée")
    {kCueCrisis, "me suis encore? scarifiée|scarifié|scarifiee|scarifie", 1, false, false, kCrisisSelfHarm},
    {kCueCrisis, "me scarifie|scarifier|scarifiais", 1, false, false, kCrisisSelfHarm},
    {kCueCrisis, "without me as a|your customer|client", 0, false, true, nullptr},  // leaving the shop
    {kCueCrisis, "wish i was|were dead", 1, false, false, kCrisisSelfHarm},
    {kCueCrisis, "don't|dont want to live|exist", 1, false, false, kCrisisSelfHarm},
    {kCueCrisis, "don't|dont want to be here|alive anymore", 1, false, false, kCrisisSelfHarm},
    {kCueCrisis, "no reason to live", 1, false, false, kCrisisSelfHarm},
    {kCueCrisis, "took|swallowed all my|the pills|tablets", 1, false, false, kCrisisSelfHarm},
    {kCueCrisis, "took|swallowed|taken all of them|those", 1, false, false, kCrisisSelfHarm},
    {kCueCrisis, "took|swallowed them all", 1, false, false, kCrisisSelfHarm},
    {kCueCrisis, "before it becomes|gets|turns fatal|lethal|deadly", 1, false, false, kCrisisSelfHarm},
    {kCueCrisis, "all of them|those back", 0, false, true, nullptr},  // taken back to the shop
    {kCueCrisis, "them all back", 0, false, true, nullptr},
    {kCueCrisis, "saving|saved|stockpiling|hoarding my? pills|tablets|meds", 1, false, false, kCrisisSelfHarm},
    {kCueCrisis, "won't|wont be around|here tomorrow", 1, false, false, kCrisisSelfHarm},
    {kCueCrisis, "this is goodbye", 1, false, false, kCrisisSelfHarm},
    {kCueCrisis, "suicidarme|suicidio|suicida|matarme|suicider|suicidaire|selbstmord|suizid|suizidal|uccidermi|suicídio|suicidar|ammazzarmi", 1, false, false, kCrisisSelfHarm},
    {kCueCrisis, "quiero|quero|voglio morir|morirme|morrer|morire", 1, false, false, kCrisisSelfHarm},
    {kCueCrisis, "quitarme|togliermi la vida|vita", 1, false, false, kCrisisSelfHarm},
    {kCueCrisis, "me matar|tuer", 1, false, false, kCrisisSelfHarm},
    // ... someone else "will kill me if": hyperbole ("mes gosses vont me tuer si la
    // ps5 arrive pas") or a threat ("il va me tuer si je pars"); the model tells them
    // apart (0.12-0.18 against 0.72-0.88), the reflexive pattern cannot
    {kCueCrisis, "va|vont me tuer si", 0, false, true, nullptr},
    {kCueCrisis, "ca|ça va me tuer", 0, false, true, nullptr},
    {kCueCrisis, "veux|envie de? mourir", 1, false, false, kCrisisSelfHarm},
    {kCueCrisis, "mich umbringen|töten|ritzen", 1, false, false, kCrisisSelfHarm},
    {kCueCrisis, "will nicht mehr leben", 1, false, false, kCrisisSelfHarm},
    {kCueCrisis, "will sterben", 1, false, false, kCrisisSelfHarm},
    {kCueCrisis, "farla finita", 1, false, false, kCrisisSelfHarm},
    {kCueCrisis, "la faccio|farò|faro finita", 1, false, false, kCrisisSelfHarm},
    // ... but done with the paperwork ("oggi la faccio finita con queste pratiche")
    {kCueCrisis, "finita con|coi|col queste|questa|questo|questi|sta|sto|ste|le|il|lo|gli|i|tutte|tutti", 0, false, true, nullptr},
    {kCueCrisis, "finita coi|col", 0, false, true, nullptr},
    {kCueCrisis, "finita con la pratica|burocrazia|storia|dieta|scuola|faccenda|bolletta|banca|compagnia", 0, false, true, nullptr},
    {kCueCrisis, "not planning on|to being|be around|alive", 1, false, false, kCrisisSelfHarm},
    {kCueCrisis, "don't|dont|cant|can't see the point in|of being|staying|living around|alive|anymore|here", 1, false, false, kCrisisSelfHarm},
    {kCueCrisis, "see no point in|of being|staying|living around|alive|anymore", 1, false, false, kCrisisSelfHarm},
    {kCueCrisis, "point in|of being|staying around|here for|till|until|while|when|if|to", 0, false, true, nullptr},  // "... staying around for the sale"
    {kCueCrisis, "acabar con todo", 1, false, false, kCrisisSelfHarm},
    {kCueCrisis, "no|não quiero|quero vivir|viver", 1, false, false, kCrisisSelfHarm},
    // ... but living somewhere, with or without something, or through something again
    {kCueCrisis, "want to live in|on|at|with|near|there|here|without|alone|abroad", 0, false, true, nullptr},
    {kCueCrisis, "quiero|quero vivir|viver en|con|sin|cerca|aqui|aquí|ahi|ahí|alli|allí|otra|otro|esto|eso|solo|sola|em|com|sem|perto|isso|na|no|sozinho|sozinha", 0, false, true, nullptr},
    // -- medical emergencies happening now
    {kCueCrisis, "having a heart attack", 1, false, false, kCrisisMedicalEmergency},
    {kCueCrisis, "having a stroke|seizure", 1, false, false, kCrisisMedicalEmergency},
    {kCueCrisis, "can't|cant|cannot|couldn't breathe", 1, false, false, kCrisisMedicalEmergency},
    {kCueCrisis, "not breathing|responding", 1, false, false, kCrisisMedicalEmergency},
    {kCueCrisis, "stopped breathing", 1, false, false, kCrisisMedicalEmergency},
    {kCueCrisis, "won't|wont wake up", 1, false, false, kCrisisMedicalEmergency},
    {kCueCrisis, "unconscious|overdose|overdosed|overdosing|anaphylaxis|anaphylactic|seizing", 1, false, false, kCrisisMedicalEmergency},
    {kCueCrisis, "throat is? closing|swelling", 1, false, false, kCrisisMedicalEmergency},
    {kCueCrisis, "lips|face|tongue turning|going|are|is blue", 1, false, false, kCrisisMedicalEmergency},
    {kCueCrisis, "face is? drooping", 1, false, false, kCrisisMedicalEmergency},
    {kCueCrisis, "speech is? slurred", 1, false, false, kCrisisMedicalEmergency},
    {kCueCrisis, "swallowed|drank|ate a|some|the? bleach|pills|battery|batteries|detergent|poison|antifreeze", 1, false, false, kCrisisMedicalEmergency},
    {kCueCrisis, "bleeding badly|heavily|everywhere", 1, false, false, kCrisisMedicalEmergency},
    {kCueCrisis, "bleeding a lot", 1, false, false, kCrisisMedicalEmergency},
    {kCueCrisis, "won't|wont stop bleeding", 1, false, false, kCrisisMedicalEmergency},
    {kCueCrisis, "call an ambulance", 1, false, false, kCrisisMedicalEmergency},
    {kCueCrisis, "medical emergency", 1, false, false, kCrisisMedicalEmergency},
    // Bare "heart attack" / "infarto" / "Herzinfarkt" are not patterns: they
    // fire on past events and hyperbole ("my dad had an infarto last year");
    // the model reads them in context ("having a heart attack" stays).
    {kCueCrisis, "no puedo|puede respirar", 1, false, false, kCrisisMedicalEmergency},
    {kCueCrisis, "no respira|reacciona|despierta", 1, false, false, kCrisisMedicalEmergency},
    {kCueCrisis, "se tragó|trago|tomó|tomo unas|las|la|una? pastillas|lejía|lejia|pila", 1, false, false, kCrisisMedicalEmergency},
    {kCueCrisis, "peux|arrive|peut pas à? respirer", 1, false, false, kCrisisMedicalEmergency},
    {kCueCrisis, "respire plus", 1, false, false, kCrisisMedicalEmergency},
    {kCueCrisis, "kann|bekomme nicht|keine atmen|luft", 1, false, false, kCrisisMedicalEmergency},
    {kCueCrisis, "atmet nicht", 1, false, false, kCrisisMedicalEmergency},
    {kCueCrisis, "wacht nicht auf", 1, false, false, kCrisisMedicalEmergency},
    {kCueCrisis, "bewusstlos|krampfanfall|notarzt|krankenwagen|ambulancia|ambulance|ambulanza|ambulância|inconsciente|inconscient|incosciente|desmayado|desmaiado|svenuto", 1, false, false, kCrisisMedicalEmergency},
    {kCueCrisis, "não|nao consigo respirar", 1, false, false, kCrisisMedicalEmergency},
    {kCueCrisis, "não|nao está|esta respirando", 1, false, false, kCrisisMedicalEmergency},
    {kCueCrisis, "não|nao acorda", 1, false, false, kCrisisMedicalEmergency},
    {kCueCrisis, "non riesco a respirare", 1, false, false, kCrisisMedicalEmergency},
    {kCueCrisis, "non respira", 1, false, false, kCrisisMedicalEmergency},
    // -- violence now
    {kCueCrisis, "he's|hes|she's|shes|they're|theyre hitting|beating|choking|strangling|attacking me", 1, false, false, kCrisisViolence},
    {kCueCrisis, "is hitting|beating|choking|strangling|attacking me", 1, false, false, kCrisisViolence},
    {kCueCrisis, "threatening to kill me", 1, false, false, kCrisisViolence},
    {kCueCrisis, "someone|somebody is? breaking|broke in|into", 1, false, false, kCrisisViolence},
    {kCueCrisis, "has a gun|knife|weapon", 1, false, false, kCrisisViolence},
    // ... someone stabbed or shot a moment ago ("lad just got stabbed outside your pharmacy")
    {kCueCrisis, "just got|been stabbed|shot|knifed", 1, false, false, kCrisisViolence},
    {kCueCrisis, "shot down", 0, false, true, nullptr},  // "just got shot down by your refunds team"
    {kCueCrisis, "acaban de apuñalar|apunalar|acuchillar|balear|disparar", 1, false, false, kCrisisViolence},
    {kCueCrisis, "vient|viennent de poignarder|tirer", 1, false, false, kCrisisViolence},
    {kCueCrisis, "wurde|ist gerade jemand|einer|eine|ein? niedergestochen|erstochen|angeschossen|abgestochen", 1, false, false, kCrisisViolence},
    {kCueCrisis, "acabaram|acabou de esfaquear|balear", 1, false, false, kCrisisViolence},
    {kCueCrisis, "hanno|ha appena accoltellato|sparato", 1, false, false, kCrisisViolence},
    // ... forcing a way into the home ("tried to push his way in", "entrou à força na minha casa")
    {kCueCrisis, "push|pushed|pushing|force|forced|forcing his|her|their|its way in|into", 1, false, false, kCrisisViolence},
    {kCueCrisis, "entró|entro|entraron a la fuerza", 1, false, false, kCrisisViolence},
    {kCueCrisis, "se metió|metio|metieron a la fuerza", 1, false, false, kCrisisViolence},
    {kCueCrisis, "entré|entre|entrés|entres de force", 1, false, false, kCrisisViolence},
    {kCueCrisis, "entrou|entraram à|a força", 1, false, false, kCrisisViolence},
    {kCueCrisis, "entrato|entrati|entrata con la forza", 1, false, false, kCrisisViolence},
    {kCueCrisis, "entrato|entrati|entrata a forza", 1, false, false, kCrisisViolence},
    {kCueCrisis, "hat|haben sich reingedrängt|reingedraengt|hineingedrängt|reingedrückt", 1, false, false, kCrisisViolence},
    // ... someone beaten where the visitor is ("one's on the floor getting stamped on")
    {kCueCrisis, "getting|being beaten|battered|kicked up", 1, false, false, kCrisisViolence},
    {kCueCrisis, "getting|being stamped|stomped on", 1, false, false, kCrisisViolence},
    {kCueCrisis, "hiding from him|her|them", 1, false, false, kCrisisViolence},
    {kCueCrisis, "me está|esta pegando|golpeando", 1, false, false, kCrisisViolence},
    {kCueCrisis, "me frappe", 1, false, false, kCrisisViolence},
    {kCueCrisis, "schlägt|schlaegt mich", 1, false, false, kCrisisViolence},
    {kCueCrisis, "está|esta me batendo", 1, false, false, kCrisisViolence},
    {kCueCrisis, "mi sta picchiando", 1, false, false, kCrisisViolence},
    // ... against someone else, now ("they're beating the cashier in your shop")
    {kCueCrisis, "is|are|she's|he's|they're beating|stabbing|punching|strangling|choking someone|somebody|him|her|my", 1, false, false, kCrisisViolence},
    {kCueCrisis, "están|estan|está|esta pegando|golpeando|apuñalando|apunalando|pegándole|pegandole|golpeándole|golpeandole a|al", 1, false, false, kCrisisViolence},
    {kCueCrisis, "en train de frapper|tabasser|poignarder|battre", 1, false, false, kCrisisViolence},
    {kCueCrisis, "il|ils la|le|les frappe|frappent|tabasse|tabassent", 1, false, false, kCrisisViolence},
    {kCueCrisis, "schlägt|schlagen|verprügelt|verprügeln|sticht gerade", 1, false, false, kCrisisViolence},
    {kCueCrisis, "wird|werden gerade jemand|einer|eine|ein? verprügelt|geschlagen|angegriffen|niedergestochen", 1, false, false, kCrisisViolence},
    {kCueCrisis, "está|esta|estão|estao batendo|espancando|esfaqueando|agredindo", 1, false, false, kCrisisViolence},
    {kCueCrisis, "sta|stanno picchiando|pestando|accoltellando|aggredendo", 1, false, false, kCrisisViolence},
    // -- a lethal dose asked for ("how many of these sleeping pills to be sure it's enough")
    {kCueCrisis, "lethal|deadly|fatal dose|amount", 1, false, false, kCrisisSelfHarm},
    {kCueCrisis, "dosis letal|mortal", 1, false, false, kCrisisSelfHarm},
    {kCueCrisis, "dose mortelle|létale|letale|letal|mortal", 1, false, false, kCrisisSelfHarm},
    {kCueCrisis, "tödliche|toedliche|tödlichen dosis|menge", 1, false, false, kCrisisSelfHarm},
    // near-misses: hyperbole, past events, names
    {kCueCrisis, "gave|give|giving|gives me a heart attack", 0, false, true, kFigureOfSpeech},
    {kCueCrisis, "almost|nearly having|had a heart attack", 0, false, true, kFigureOfSpeech},
    {kCueCrisis, "suicide squad", 0, false, true, nullptr},
    // a story's ending that "killed" its viewer: "o final da novela me matou", "la fin de la série m'a tué"
    {kCueCrisis, "novela|série|serie|film|filme|episodio|episódio|épisode|episode|capítulo|capitulo|finale|final|libro|livre|livro|buch|folge|staffel me|m'a|mi|mich matou|mató|mato|tué|tuée|tue|tuee|ucciso|uccisa|umgebracht|fertiggemacht", 0, false, true, kFigureOfSpeech},
    {kCueCrisis, "schlägt|schlaegt gerade fehl", 0, false, true, nullptr},
    {kCueCrisis, "ambulance cost|costs|bill|bills|ride|fee|fees|charge|charges|invoice|cover|coverage", 0, false, true, nullptr},
    {kCueCrisis, "cover|covers|covered ambulance", 0, false, true, nullptr},
    {kCueCrisis, "traslado|factura|gastos|costo|costos|coste en|de|del? ambulancia", 0, false, true, nullptr},
    {kCueCrisis, "cut|cutting myself opening|shaving|cooking|chopping|slicing|peeling", 0, false, true, nullptr},
    {kCueCrisis, "escuadrón|escuadron|esquadrão|esquadrao|squadra suicida", 0, false, true, nullptr},
    {kCueCrisis, "dying to", 0, false, true, nullptr},
    {kCueCrisis, "kill|killing myself laughing", 0, false, true, nullptr},
    {kCueCrisis, "killing me", 0, false, true, nullptr},

    // anger (en, es, fr, de, pt, it)
    {kCueAnger, "furious|livid|enraged|infuriated|infuriating|seething", 1, true, false},
    {kCueAnger, "outraged|outrageous|disgraceful|unacceptable|disgusting|incompetent|scam|scammed|fraud|ripoff|rip-off", 0.8, true, false},
    {kCueAnger, "angry|pissed|pathetic", 0.8, true, false},
    {kCueAnger, "ridiculous|useless|absurd|hate", 0.7, true, false},
    {kCueAnger, "annoyed|annoying|frustrated|frustrating|fuming|mad", 0.6, true, false},
    {kCueAnger, "worst", 0.45, true, false},  // weak: "one of the worst types"
    {kCueAnger, "sick|tired of", 0.7, false, false},
    {kCueAnger, "fed up", 0.7, false, false},
    {kCueAnger, "had enough", 0.7, false, false},
    {kCueAnger, "what the hell|heck|fuck", 0.7, false, false},
    {kCueAnger, "are you kidding|joking", 0.6, false, false},
    {kCueAnger, "this is a joke", 0.7, false, false},
    {kCueAnger, "waste of time|money", 0.6, false, false},
    {kCueAnger, "furioso|furiosa|furieux|furieuse|wütend|indignado|indignada|revoltado|revoltada", 1, true, false},
    {kCueAnger, "enojado|enojada|enfadado|enfadada|harto|harta|énervé|énervée|fâché|fâchée|verärgert|sauer|irritado|irritada|arrabbiato|arrabbiata|stufo|stufa", 0.8, true, false},
    {kCueAnger, "inaceptable|inacceptable|inakzeptabel|inaceitável|inaceitavel|inaccettabile|unverschämt|frechheit|scandaleux|vergognoso|estafa|arnaque|betrug|truffa", 0.8, true, false},
    {kCueAnger, "ridículo|ridiculo|ridicule|lächerlich|ridicolo|vergüenza|vergonha|vergogna|honteux", 0.7, true, false},
    {kCueAnger, "en ai marre", 0.7, false, false},
    {kCueAnger, "die nase voll", 0.7, false, false},
    {kCueAnger, "saco cheio", 0.7, false, false},
    {kCueAnger, "worst case", 0, false, true},
    {kCueAnger, "mad about|for", 0, false, true},  // "mad about this jacket"

    // urgency
    {kCueUrgency, "urgent|urgently|asap|emergency|urgente|urgencia|urgência|urgence|dringend|notfall|urgenza", 0.8, true, false},
    {kCueUrgency, "immediately|inmediatamente|immédiatement|sofort|imediatamente|immediatamente", 0.7, true, false},
    {kCueUrgency, "right now|away", 0.4, false, false},  // weak: "listening to it right now"
    {kCueUrgency, "as soon as possible", 0.7, false, false},
    {kCueUrgency, "time sensitive|critical", 0.7, false, false},
    {kCueUrgency, "hurry", 0.6, true, false},
    {kCueUrgency, "cuanto antes", 0.7, false, false},
    {kCueUrgency, "lo antes posible", 0.7, false, false},
    {kCueUrgency, "ya mismo", 0.7, false, false},
    {kCueUrgency, "tout de suite", 0.6, false, false},
    {kCueUrgency, "au plus vite", 0.7, false, false},
    {kCueUrgency, "so schnell wie möglich", 0.7, false, false},
    {kCueUrgency, "agora mesmo", 0.6, false, false},
    {kCueUrgency, "o mais rápido|rapido possível|possivel", 0.7, false, false},
    {kCueUrgency, "al più presto", 0.7, false, false},
    {kCueUrgency, "il prima possibile", 0.7, false, false},
    {kCueUrgency, "subito", 0.6, true, false},

    // profanity (plain spellings; masked ones like "f*ck" are matched separately)
    {kCueProfanity, "fuck|fucking|fucked|fucker|fuckin|fck|fuk|motherfucker|shit|shitty|bullshit|asshole|bitch|bastard|cunt|dick|prick|twat|wanker|bollocks|wtf|stfu|fml", 1, false, false},
    {kCueProfanity, "damn|dammit|goddamn|crap|crappy|piss|ass|bloody", 0.5, false, false},
    {kCueProfanity, "mierda|joder|puta|puto|coño|cabrón|cabron|gilipollas|carajo|pendejo|chingada|verga", 1, false, false},
    {kCueProfanity, "merde|putain|connard|connasse|salaud|enculé|bordel", 1, false, false},
    {kCueProfanity, "scheiße|scheisse|scheiß|scheiss|arschloch|wichser|kacke|verdammt", 0.9, false, false},
    {kCueProfanity, "merda|porra|caralho|foda|foda-se|cazzo|vaffanculo|stronzo|minchia|coglione", 1, false, false},
    {kCueProfanity, "bad ass", 0, false, true},

    // human_request: a callback, asked for (a person calling is a person).
    // Negatable: "please don't call me", "no me llamen", "bitte nicht anrufen".
    {kCueHumanRequest, "please|pls|plz|someone|somebody|anyone|you call|ring|phone me", 0.85, true, false},
    {kCueHumanRequest, "call|ring|phone me back", 0.85, true, false},
    {kCueHumanRequest, "call|ring|phone me asap|today|tomorrow|now|please|pls|on|at", 0.85, true, false},
    {kCueHumanRequest, "give me a call|ring|callback", 0.85, true, false},
    {kCueHumanRequest, "request|want|need|get|arrange|book|schedule a callback|call-back|call", 0.85, true, false},
    {kCueHumanRequest, "callback|call-back please|pls|asap", 0.85, true, false},
    {kCueHumanRequest, "llámenme|llamenme|llámeme|llameme|llamadme|llámame|llamame|contáctenme|contactenme", 0.85, true, false},
    {kCueHumanRequest, "me pueden|puede|puedes|podrían|podrian|podéis|podeis llamar|contactar", 0.85, true, false},
    {kCueHumanRequest, "que me llamen|llame|contacten|contacte", 0.85, true, false},
    {kCueHumanRequest, "devolver|devuelvan la llamada", 0.85, true, false},
    {kCueHumanRequest, "appelez-moi|rappelez-moi|appelle-moi|rappelle-moi|contactez-moi|recontactez-moi", 0.85, true, false},
    {kCueHumanRequest, "qu'on|quelqu'un m'appelle|m'appeler|m'appellent|m'appeller", 0.85, true, false},
    {kCueHumanRequest, "qu'on|quelqu'un me rappelle|rappeler|contacte|contacter|recontacte", 0.85, true, false},
    {kCueHumanRequest, "vous pouvez|pourriez m'appeler", 0.85, true, false},
    {kCueHumanRequest, "vous pouvez|pourriez me rappeler|recontacter|contacter", 0.85, true, false},
    {kCueHumanRequest, "pouvez-vous|pourriez-vous|peut-on|pouvez-vous m'appeler", 0.85, true, false},
    {kCueHumanRequest, "pouvez-vous|pourriez-vous|peut-on me rappeler|recontacter|contacter", 0.85, true, false},
    {kCueHumanRequest, "être|etre rappelé|rappelée|rappele|rappelee|recontacté|recontactée", 0.85, true, false},
    {kCueHumanRequest, "demande de rappel", 0.85, true, false},
    {kCueHumanRequest, "rappel téléphonique|telephonique", 0.85, true, false},
    {kCueHumanRequest, "ruft|ruf mich an|zurück", 0.85, true, false},
    {kCueHumanRequest, "rufen sie mich an|zurück", 0.85, true, false},
    {kCueHumanRequest, "mich anrufen|zurückrufen|zurueckrufen|kontaktieren|anruft|zurückruft", 0.85, true, false},
    {kCueHumanRequest, "um|bitte rückruf|rueckruf", 0.85, true, false},
    {kCueHumanRequest, "rückruf|rueckruf bitte|erwünscht|gewünscht", 0.85, true, false},
    {kCueHumanRequest, "me liguem|ligue|liga|ligar|ligarem|contatem|contactem", 0.85, true, false},
    {kCueHumanRequest, "liguem-me|ligue-me|ligar-me|contactem-me|contatem-me", 0.85, true, false},
    {kCueHumanRequest, "retornar|retornem a ligação|ligacao|chamada", 0.85, true, false},
    {kCueHumanRequest, "chiamatemi|richiamatemi|chiamami|richiamami|contattatemi|ricontattatemi", 0.85, true, false},
    {kCueHumanRequest, "mi chiamate|richiamate|chiamiate|richiamiate|chiami|richiami|contattate|contattiate", 0.85, true, false},
    {kCueHumanRequest, "chiamarmi|richiamarmi|contattarmi|ricontattarmi", 0.85, true, false},
    {kCueHumanRequest, "fatemi|fammi chiamare|richiamare|contattare|ricontattare", 0.85, true, false},
    {kCueHumanRequest, "mi faccia chiamare|richiamare|contattare", 0.85, true, false},
    {kCueHumanRequest, "hacedme|hágame|hagame llamar", 0.85, true, false},
    {kCueHumanRequest, "essere richiamato|richiamata|ricontattato|ricontattata|contattato|contattata", 0.85, true, false},
    // ... or to be contacted: "voglio essere contattato dal servizio clienti"
    {kCueHumanRequest, "to be contacted|phoned", 0.85, true, false},
    {kCueHumanRequest, "to be called back", 0.85, true, false},
    {kCueHumanRequest, "ser contactado|contactada|contatado|contatada", 0.85, true, false},
    {kCueHumanRequest, "être|etre contacté|contactée|contacte|contactee", 0.85, true, false},
    {kCueHumanRequest, "kontaktiert|angerufen|zurückgerufen|zurueckgerufen werden", 0.85, true, false},
    // ... or any contact with someone: "put me in touch with someone", "que alguien se ponga en contacto conmigo"
    {kCueHumanRequest, "in touch with someone|somebody|anyone|me", 0.85, true, false},
    {kCueHumanRequest, "reach out to me", 0.85, true, false},
    {kCueHumanRequest, "get back to me", 0.7, true, false},
    {kCueHumanRequest, "en contacto con alguien|conmigo", 0.85, true, false},
    {kCueHumanRequest, "contacto conmigo", 0.85, true, false},
    {kCueHumanRequest, "en contact avec quelqu'un|moi", 0.85, true, false},
    {kCueHumanRequest, "in kontakt mit jemandem|mir", 0.85, true, false},
    {kCueHumanRequest, "bei mir melden|meldet|melde", 0.85, true, false},
    {kCueHumanRequest, "em contato|contacto com alguém|alguem|comigo", 0.85, true, false},
    {kCueHumanRequest, "contato|contacto comigo", 0.85, true, false},
    {kCueHumanRequest, "in contatto con qualcuno|me", 0.85, true, false},
    // anyone read it: "has a person even seen my message?", "alguien ha leído mi queja?"
    {kCueHumanRequest, "has|did|have anyone|anybody|someone|somebody|a actually|even|really|person|human|real? read|seen|looked|checked|reviewed at? my|this|the message|messages|email|emails|complaint|request|ticket|case|chat", 0.85, true, false},
    {kCueHumanRequest, "alguien ha? leído|leido|leyó|leyo|visto|revisado mi|mis|el mensaje|mensajes|queja|correo|reclamo|caso", 0.85, true, false},
    {kCueHumanRequest, "quelqu'un a lu|vu|regardé|regarde mon|ma|mes message|messages|réclamation|reclamation|mail|demande|dossier", 0.85, true, false},
    {kCueHumanRequest, "alguém|alguem leu|viu|olhou a|o? minha|meu|minhas|meus mensagem|mensagens|reclamação|reclamacao|email|pedido|caso", 0.85, true, false},
    {kCueHumanRequest, "qualcuno ha letto|visto|guardato il|la|i|le? mio|mia|miei|mie messaggio|messaggi|reclamo|email|richiesta|caso", 0.85, true, false},
    // handing over: "hand me over", "put me through", "transfer me"
    {kCueHumanRequest, "hand|pass|put|patch me over|through", 0.85, true, false},
    {kCueHumanRequest, "transfer|connect me", 0.85, true, false},
    // sending someone: "send someone, anyone", "que venga alguien", "mandate qualcuno"
    {kCueHumanRequest, "send someone|somebody|anyone", 0.85, true, false},
    {kCueHumanRequest, "manden|mande|mandad|envíen|envien|envíe|envie alguien", 0.85, true, false},
    {kCueHumanRequest, "que venga alguien", 0.85, true, false},
    {kCueHumanRequest, "envoyez|envoyer quelqu'un", 0.85, true, false},
    {kCueHumanRequest, "schickt|schicken|schicke jemanden", 0.85, true, false},
    {kCueHumanRequest, "mandem|mande|enviem|envie alguém|alguem", 0.85, true, false},
    {kCueHumanRequest, "venha alguém|alguem", 0.85, true, false},
    {kCueHumanRequest, "mandate|mandi|inviate qualcuno", 0.85, true, false},
    {kCueHumanRequest, "manden|mande|mandad|envíen|envien|envíe|envie a alguien", 0.85, true, false},
    {kCueHumanRequest, "manda|mandem|mande alguém|alguem", 0.85, true, false},
    {kCueHumanRequest, "schickt|schicken|schicke|schick sie|uns|mir? bitte|mal|doch|schnell? jemanden|jemand", 0.85, true, false},
    {kCueHumanRequest, "get|send someone|somebody here|over|now|please|asap", 0.85, true, false},
    {kCueHumanRequest, "send help", 0.85, true, false},
    // security called: "get security", "llamen a seguridad", "chama o segurança"
    {kCueHumanRequest, "get|call|llamen|llamad|llame|llamar|chama|chamem|chame|chamar|appelez|appelle|appeler|ruft|rufen|holt|holen|chiamate|chiama|chiamare the|a|la|o|os|den|die|el|le|il|i? security|seguridad|segurança|seguranca|seguranças|segurancas|sécurité|securite|sicherheitsdienst|security|wachschutz|sicurezza|vigilanza|vigilante|vigilantes", 0.85, true, false},
    // someone coming out to the visitor: "que salga alguien", "può uscire qualcuno?"
    {kCueHumanRequest, "que salga|venga|baje alguien", 0.85, true, false},
    {kCueHumanRequest, "puede|pode|può|puo|peut|kann salir|sair|uscire|sortir|rauskommen|herauskommen alguien|alguém|alguem|qualcuno|quelqu'un|jemand", 0.85, true, false},
    {kCueHumanRequest, "someone|somebody|staff please|pls? come out|here|quick|quickly|now|asap|down", 0.85, true, false},
    {kCueHumanRequest, "staff please|pls come", 0.85, true, false},
    // a case marked for a person to review: "den Fall für einen Mitarbeiter zur Prüfung markieren"
    {kCueHumanRequest, "für|fuer einen|eine mitarbeiter|mitarbeiterin|menschen|sachbearbeiter|sachbearbeiterin zur prüfung|pruefung|ansicht|bearbeitung|durchsicht", 0.8, true, false},
    {kCueHumanRequest, "for a|an human|person|agent|manager|supervisor|staff to review|check|look", 0.8, true, false},
    // put through, bare: "me transfere", "transfiéreme por favor" (not money transferred: "me transfere o saldo")
    {kCueHumanRequest, "me transfere|transfira|transfiram|transferem", 0.85, true, false},
    {kCueHumanRequest, "transfiéreme|transfiereme|transfiérame|transfierame|transfiéranme|transfieranme", 0.85, true, false},
    {kCueHumanRequest, "me transfere|transfira|transfiram|transferem o|a|os|as|dinheiro|saldo|valor|pix|grana", 0, true, true},
    {kCueHumanRequest, "transfiéreme|transfiereme|transfiérame|transfierame el|la|los|las|dinero|saldo|importe|plata", 0, true, true},
    // any people left at all, asked in scorn or doubt: "gibts bei euch überhaupt noch menschen",
    // "ainda tem gente trabalhando ai", "is there a helpline with real people"
    {kCueHumanRequest, "helpline|hotline|number|line|phone with real|actual people|humans|persons", 0.85, true, false},
    {kCueHumanRequest, "any real|actual people|humans left|working|there", 0.85, true, false},
    {kCueHumanRequest, "carbon based|carbon-based lifeform|life|lifeforms|being", 0.85, true, false},
    {kCueHumanRequest, "encore des humains|employés|employes", 0.85, true, false},
    {kCueHumanRequest, "echte|echten leute|menschen|personen", 0.85, true, false},
    {kCueHumanRequest, "überhaupt|ueberhaupt|uberhaupt noch menschen|leute|mitarbeiter", 0.85, true, false},
    {kCueHumanRequest, "ainda tem|existe|há|ha gente|pessoas|alguém|alguem trabalhando|trabalhar|ai|aí|aqui|ou", 0.85, true, false},
    // a real clerk asked to take it: "leiten sie das an einen echten sachbearbeiter weiter",
    // "vorrei che se ne occupasse un operatore vero"
    {kCueHumanRequest, "echten|echte|echter sachbearbeiter|sachbearbeiterin|mitarbeiter|mitarbeiterin|menschen", 0.85, true, false},
    {kCueHumanRequest, "operatore|operatrice|persona|impiegato|consulente vero|vera|reale|umano|umana", 0.85, true, false},
    {kCueHumanRequest, "agente|asesor|asesora|operador|operadora|ejecutivo real|humano|humana", 0.85, true, false},
    {kCueHumanRequest, "conseiller|conseillère|agent|opérateur réel|réelle|humain|humaine", 0.85, true, false},
    {kCueHumanRequest, "atendente|operador|operadora|funcionário|funcionario real|humano|humana|de verdade", 0.85, true, false},
    {kCueHumanRequest, "real|actual agent|operator|advisor|adviser|employee|staff", 0.85, true, false},
    // the direct line of a branch or person, not the hotline: "qual o telefone direto da agencia, nao o 0800"
    {kCueHumanRequest, "direct number|line|phone", 0.8, true, false},
    {kCueHumanRequest, "número|numero|teléfono|telefono directo", 0.8, true, false},
    {kCueHumanRequest, "numéro|numero|ligne direct|directe", 0.8, true, false},
    {kCueHumanRequest, "direkte nummer|durchwahl|telefonnummer", 0.8, true, false},
    {kCueHumanRequest, "telefone|número|numero direto", 0.8, true, false},
    {kCueHumanRequest, "numero|telefono diretto", 0.8, true, false},
    // escalated above the first line: "reviewed by a senior member of staff", "an die nächsthöhere stelle",
    // "encaminhado à direção", "quelqu'un au dessus du service client", "che arrivi all'ufficio reclami"
    {kCueHumanRequest, "senior member|members of? staff|the|your", 0.85, true, false},
    {kCueHumanRequest, "someone|somebody more? senior", 0.85, true, false},
    {kCueHumanRequest, "someone|somebody higher up", 0.85, true, false},
    {kCueHumanRequest, "someone|somebody above", 0.85, true, false},
    {kCueHumanRequest, "reviewed|looked|checked by a|an|the senior|manager|supervisor|person|human", 0.85, true, false},
    {kCueHumanRequest, "nächsthöhere|nächsthöheren|naechsthoehere|hohere|höhere stelle|instanz", 0.85, true, false},
    {kCueHumanRequest, "encaminhado|encaminhada|encaminhar à|a|para direção|direcao|gerência|gerencia|ouvidoria", 0.85, true, false},
    {kCueHumanRequest, "que|a ouvidoria veja|analise|resolva", 0.85, true, false},
    {kCueHumanRequest, "quelqu'un au dessus|au-dessus", 0.85, true, false},
    {kCueHumanRequest, "all'ufficio reclami", 0.85, true, false},
    // one phrase per pattern: a position's alternatives are single words
    {kCueHumanRequest, "alguien|alguno superior", 0.85, true, false},
    {kCueHumanRequest, "alguien|alguno por encima", 0.85, true, false},
    {kCueHumanRequest, "alguien|alguno de más|mas arriba", 0.85, true, false},
    // put through, in other words: "can i get through to the head nurse", "pasarme con un asesor",
    // "passez moi le service fraude", "me pueden pasar con la doctora ruiz?"
    {kCueHumanRequest, "get|put through to", 0.85, true, false},
    {kCueHumanRequest, "pasarme|pásenme|pasenme con", 0.85, true, false},
    // pt-PT "passe-me a um supervisor", "passa-me ao gerente"
    {kCueHumanRequest, "passe-me|passa-me|passem-me a|ao|à|para um|uma|o|a? supervisor|supervisora|gerente|responsável|responsavel|colega|atendente|operador|operadora|humano|pessoa|alguém|alguem|assistente|técnico|tecnico", 0.85, true, false},
    // "passez-moi celui qui décide chez vous"
    {kCueHumanRequest, "passez-moi|passe-moi|passez|passe moi? celui|celle qui|qu'", 0.85, true, false},
    // "pouvez-vous me mettre en contact avec le service paiements ?"
    {kCueHumanRequest, "mettre|mettez-moi|mets-moi|mettez|mets moi? en contact avec", 0.85, true, false},
    // "fate un'escalation del mio caso", "escalade mon dossier"
    {kCueHumanRequest, "un'escalation|escalation|escalade|escalader del|della|de|mon|ma|mio|mia mio|mia|caso|pratica|ticket|reclamo|dossier|plainte|réclamation|reclamation", 0.85, true, false},
    {kCueHumanRequest, "pasar con el|la doctor|doctora|médico|médica|medico|medica|enfermera|enfermero|encargado|encargada|responsable", 0.85, true, false},
    {kCueHumanRequest, "passez|passe moi le|la|un|une service|responsable|conseiller|conseillère|direction|gérant|gerant", 0.85, true, false},
    // in touch with a member of the team: "put in touch with a member of your team"
    {kCueHumanRequest, "in touch with a member|person|human|agent|colleague", 0.85, true, false},
    // the named staff member, talked to: "is greg the PT in today? i want to talk to him"
    {kCueHumanRequest, "want|like to? talk|speak to|with him|her", 0.85, true, false},
    {kCueHumanRequest, "can|could i talk|speak to|with him|her", 0.85, true, false},
    // when one of them will answer: "quando mi risponde qualcuno di voi?", "cuándo me responde alguien?"
    {kCueHumanRequest, "mi risponde qualcuno", 0.85, true, false},
    {kCueHumanRequest, "me responde|contesta alguien|alguém|alguem", 0.85, true, false},
    {kCueHumanRequest, "me répond|repond quelqu'un", 0.85, true, false},
    {kCueHumanRequest, "antwortet mir jemand|endlich", 0.85, true, false},
    // a technician or someone sent round: "pode vir um técnico ver o modem?", "kann ein Monteur vorbeikommen?"
    {kCueHumanRequest, "send|sending an|a? engineer|technician|plumber|electrician|repairman|fitter out|round|over|here|to|please|asap|today|tomorrow", 0.85, true, false},
    {kCueHumanRequest, "need|want|get an|a engineer|technician|plumber|electrician|repairman out|round|over", 0.85, true, false},
    {kCueHumanRequest, "mandar|mandarme|manden|mande|mandame|envíen|envien|enviar|enviarme un|una técnico|tecnico|técnica|tecnica|fontanero|plomero|electricista", 0.85, true, false},
    {kCueHumanRequest, "envoyer|envoyez|envoyez-moi|m'envoyer un|une technicien|technicienne|plombier|électricien|electricien|réparateur|reparateur", 0.85, true, false},
    {kCueHumanRequest, "techniker|technikerin|monteur|monteurin|handwerker|elektriker|installateur vorbeischicken|schicken|vorbeikommen|rausschicken", 0.85, true, false},
    {kCueHumanRequest, "chönd|könnt|koennt|können|koennen|könnten|koennten sie|ihr|si mir? en|nen|einen|eine techniker|technikerin|monteur vorbischicke|vorbeischicken|schicken", 0.85, true, false},
    {kCueHumanRequest, "manda|mande|mandem|mandar|enviem|envie|enviar um|uma técnico|tecnico|técnica|tecnica|eletricista|canalizador|encanador", 0.85, true, false},
    {kCueHumanRequest, "mandate|mandatemi|mandare|mandi|inviate|inviare|mandarmi un|una tecnico|tecnica|idraulico|elettricista|operaio", 0.85, true, false},
    // someone real there, colloquial German: "ist da wer??"
    {kCueHumanRequest, "ist da wer|einer", 0.85, true, false},
    // done with the bot, Italian: "niente più bot"
    {kCueHumanRequest, "niente|basta più|piu bot|robot|chatbot", 0.85, true, false},
    {kCueHumanRequest, "niente|basta più|piu risposte automatiche", 0.85, true, false},
    // the person from before, by name: "queria voltar a falar com a Joana"
    {kCueHumanRequest, "voltar a falar com", 0.85, true, false},
    {kCueHumanRequest, "volver a hablar con", 0.85, true, false},
    {kCueHumanRequest, "reparler avec|à|a", 0.85, true, false},
    {kCueHumanRequest, "riparlare con", 0.85, true, false},
    {kCueHumanRequest, "falar de novo com", 0.85, true, false},
    {kCueHumanRequest, "hablar de nuevo con", 0.85, true, false},
    {kCueHumanRequest, "parlare di nuovo con", 0.85, true, false},
    // a colleague of the bot's: "me passa pra um colega seu que entenda", "passami un collega che ne sa"
    {kCueHumanRequest, "passa|passe|passar pra|para um|uma colega", 0.85, true, false},
    {kCueHumanRequest, "passami|passatemi un|una collega", 0.85, true, false},
    {kCueHumanRequest, "mi passi|passa un|una collega", 0.85, true, false},
    {kCueHumanRequest, "passez-moi|passe-moi|passer un|une collègue|collegue", 0.85, true, false},
    {kCueHumanRequest, "pásame|pasame|pásenme|pasenme|pasas|pasa con un|una compañero|compañera|companero|companera|colega", 0.85, true, false},
    {kCueHumanRequest, "get|give me a|an|another colleague|coworker", 0.85, true, false},
    {kCueHumanRequest, "put me through to a|an|another colleague|coworker", 0.85, true, false},
    {kCueHumanRequest, "mit einem|einer kollegen|kollegin verbinden|sprechen", 0.85, true, false},
    // a call asked for in Latin American and imperfect-subjunctive Spanish: "me pueden marcar?",
    // "me gustaría que un gestor me llamara"
    {kCueHumanRequest, "me pueden|puede|podrían|podrian|podés|podes|podrías|podrias marcar", 0.85, true, false},
    {kCueHumanRequest, "me llamara|llamaran|llamase|llamasen|contactara|contactaran|contactase", 0.85, true, false},
    {kCueHumanRequest, "me llame|llamen hoy|mañana|manana|ya|urgente|cuanto|cuánto|lo|al|por|a", 0.8, true, false},
    // who to talk to for it: "mit wem muss ich sprechen"
    {kCueHumanRequest, "mit wem muss|kann|soll ich sprechen|reden", 0.85, true, false},
    // a role asked the question directly: "quisiera consultarle al farmacéutico", "poser la question au pharmacien"
    // (the visitor's own doctor, "es para preguntar al médico", is not asked for)
    {kCueHumanRequest, "consultarle|preguntarle al farmacéutico|farmaceutico|enfermero|técnico|tecnico", 0.85, true, false},
    {kCueHumanRequest, "consultarle|preguntarle a la farmacéutica|farmaceutica|enfermera", 0.85, true, false},
    {kCueHumanRequest, "quiero|quisiera|puedo|podría|podria consultar|preguntar al farmacéutico|farmaceutico|enfermero|técnico|tecnico", 0.85, true, false},
    // a person wished to take the file: "j'aimerais que cette personne regarde mon dossier",
    // "je voudrais qu'un conseiller me rappelle", "je préférerais que quelqu'un vérifie"
    {kCueHumanRequest, "aimerais|j'aimerais|voudrais|souhaite|souhaiterais|préférerais|prefererais que cette personne|conseillère|conseillere|responsable|employée|employee|pharmacienne|infirmière|infirmiere", 0.85, true, false},
    {kCueHumanRequest, "aimerais|j'aimerais|voudrais|souhaite|souhaiterais|préférerais|prefererais que la conseillère|conseillere|responsable|pharmacienne|infirmière|infirmiere", 0.85, true, false},
    {kCueHumanRequest, "aimerais|j'aimerais|voudrais|souhaite|souhaiterais|préférerais|prefererais qu'un|qu'une conseiller|conseillère|conseillere|responsable|humain|agent|employé|employe|technicien|pharmacien|pharmacienne|infirmier|infirmière|infirmiere", 0.85, true, false},
    {kCueHumanRequest, "aimerais|j'aimerais|voudrais|souhaite|souhaiterais|préférerais|prefererais que quelqu'un|qqn", 0.85, true, false},
    {kCueHumanRequest, "question directement? au|à pharmacien|pharmacienne|médecin|medecin|conseiller|conseillère|infirmier|infirmière", 0.85, true, false},
    // talking to a department: "faut que je parle au service fraude"
    {kCueHumanRequest, "parle|parler au service", 0.85, true, false},
    // someone on the phone, wanted: "je peux avoir un agent au téléphone", "ich will jemanden am telefon"
    // (not "the agent on the phone said 3-5 days")
    {kCueHumanRequest, "need|want|get someone|somebody on the phone|line", 0.85, true, false},
    {kCueHumanRequest, "need|want|get a|an person|human|agent|adviser|advisor on the phone|line", 0.85, true, false},
    {kCueHumanRequest, "avoir|parler à|a un|une agent|conseiller|conseillère|humain au téléphone|telephone", 0.85, true, false},
    {kCueHumanRequest, "jemanden am telefon|apparat", 0.85, true, false},
    {kCueHumanRequest, "pode|podem|poderia|poderiam vir|passar um|uma técnico|tecnico|técnica|tecnica|funcionário|funcionario|funcionária|funcionaria", 0.85, true, false},
    {kCueHumanRequest, "pode|podem|poderia|poderiam vir|passar alguém|alguem|aqui", 0.85, true, false},
    {kCueHumanRequest, "kann|könnte|koennte|können|koennen ein|eine techniker|technikerin|monteur|monteurin|mitarbeiter|mitarbeiterin vorbeikommen|kommen|vorbeischauen|rauskommen", 0.85, true, false},
    {kCueHumanRequest, "può|puo|potete|potrebbe|potreste venire|passare un|una|qualche tecnico|tecnica|operatore|operatrice|incaricato|incaricata", 0.85, true, false},
    {kCueHumanRequest, "può|puo|potete|potrebbe venire|passare qualcuno", 0.85, true, false},
    {kCueHumanRequest, "me llamáis|llamais|llamaréis|llamareis|llamarán|llamaran|llamarías|llamarias|llamaríais|llamariais", 0.85, true, false},
};
// clang-format on

struct CompiledPattern;
struct PatternList {
  std::vector<CompiledPattern> list;
};

struct CompiledPattern {
  const Pattern* p;
  std::vector<std::vector<std::string>> seq;  // alternatives per position; "x?" optional positions dropped to alternatives incl. ""
  std::vector<bool> optional;
};

std::vector<std::string> Split(std::string_view s, char sep) {
  std::vector<std::string> out;
  size_t a = 0;
  for (size_t i = 0; i <= s.size(); ++i)
    if (i == s.size() || s[i] == sep) {
      if (i > a) out.emplace_back(s.substr(a, i - a));
      a = i + 1;
    }
  return out;
}

// Patterns indexed by the alternatives of their first position, so a message
// costs one hash lookup per word, not one scan per pattern.
const std::unordered_map<std::string, PatternList>& PatternIndex() {
  static const auto kIndex = [] {
    std::unordered_map<std::string, PatternList> idx;
    for (const Pattern& p : kPatterns) {
      CompiledPattern cp{&p, {}, {}};
      for (std::string pos : Split(p.words, ' ')) {
        const bool opt = !pos.empty() && pos.back() == '?';
        if (opt) pos.pop_back();
        cp.seq.push_back(Split(pos, '|'));
        cp.optional.push_back(opt);
      }
      for (const std::string& first : cp.seq[0]) idx[first].list.push_back(cp);
    }
    return idx;
  }();
  return kIndex;
}

// Matches cp at word index i (words = the message's word items); returns the
// index one past the last matched word, or 0 when it does not match.
size_t MatchAt(const CompiledPattern& cp, const std::vector<const Item*>& words, size_t i) {
  size_t k = i;
  for (size_t pos = 0; pos < cp.seq.size(); ++pos) {
    const bool ok = k < words.size() && words[k]->clause == words[i]->clause &&
                    std::find(cp.seq[pos].begin(), cp.seq[pos].end(), words[k]->key) != cp.seq[pos].end();
    if (ok) ++k;
    else if (!cp.optional[pos]) return 0;
  }
  return k;
}

bool NegatedAt(const std::vector<const Item*>& words, size_t i, size_t window = 3) {
  for (size_t back = 1; back <= window && back <= i; ++back) {
    const Item* w = words[i - back];
    if (w->clause != words[i]->clause) break;
    if (w->negates) return true;
  }
  return false;
}

struct Detector {
  const Message& m;
  Affect* affect;
  // The message is a hard negative for the model's person head: a request
  // negated, the staff's languages, people counted (PersonHardNegative).
  bool person_hard_negative = false;
  // Where a figure of speech matched ("gave me a heart attack", "o final da novela
  // me matou"): the model's unsure crisis beside one is that figure.
  std::vector<std::pair<size_t, size_t>> crisis_near_misses = {};
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

// A request with "nobody" just before or after it asks for no one: "niemand
// muss mich anrufen", "no hace falta que me llame nadie", "não precisa
// ninguém me ligar".
bool NobodyNear(const std::vector<const Item*>& words, size_t a, size_t b) {
  for (size_t k = a > 3 ? a - 3 : 0; k < words.size() && k <= b; ++k) {
    const std::string& w = words[k]->tok->norm;
    if (words[k]->clause == words[a]->clause &&
        (w == "nadie" || w == "niemand" || w == "ninguém" || w == "ninguem" || w == "nessuno" || w == "nobody" ||
         w == "noone"))
      return true;
  }
  return false;
}

void DetectPatterns(const std::vector<const Item*>& words, Detector* d) {
  struct Hit { const Pattern* p; size_t a, b; };
  std::vector<Hit> hits, excluded;
  for (size_t i = 0; i < words.size(); ++i) {
    if (!words[i]->patterns) continue;
    for (const CompiledPattern& cp : words[i]->patterns->list) {
      const size_t end = MatchAt(cp, words, i);
      if (!end) continue;
      if (cp.p->exclude) {
        excluded.push_back({cp.p, i, end});
        if (cp.p->cue == kCueCrisis && cp.p->kind == kFigureOfSpeech)
          d->crisis_near_misses.push_back({words[i]->tok->begin, words[end - 1]->tok->end});
      }
      else if (!(cp.p->negatable && (NegatedAt(words, i) || (cp.p->cue == kCueHumanRequest && NobodyNear(words, i, end)))))
        hits.push_back({cp.p, i, end});
    }
  }
  for (const Hit& h : hits) {
    const bool near_miss = std::any_of(excluded.begin(), excluded.end(), [&](const Hit& x) {
      return std::string_view(x.p->cue) == h.p->cue && x.a < h.b && h.a < x.b;
    });
    if (!near_miss) d->Add(h.p->cue, h.p->strength, words[h.a]->tok->begin, words[h.b - 1]->tok->end, h.p->kind);
  }
}

// Word lists for the detectors below: constant arrays searched in order
// (tens of words each; as unordered_sets they were built at start-up, code
// the widget's wasm paid for). Phrases are folded words, space-separated.
template <size_t N>
struct WordSet {
  std::string_view words[N];
};
template <class... W>
constexpr WordSet<sizeof...(W)> Words(W... w) {
  return {{std::string_view(w)...}};
}
template <size_t N>
bool In(const WordSet<N>& s, std::string_view w) {
  for (std::string_view x : s.words)
    if (x == w) return true;
  return false;
}
// How many words of `phrase` stand at f[i...], or 0 when it is not there.
size_t PhraseAt(std::string_view phrase, const std::vector<std::string>& f, size_t i) {
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
  template <size_t N>
  explicit PhraseIndex(const std::string_view (&phrases)[N]) {
    for (std::string_view p : phrases) by_first_[p.substr(0, p.find(' '))].push_back(p);
  }
  // How many words of the first phrase standing at f[i...], or 0.
  size_t At(const std::vector<std::string>& f, size_t i) const {
    const auto it = by_first_.find(f[i]);
    if (it == by_first_.end()) return 0;
    for (std::string_view p : it->second)
      if (const size_t len = PhraseAt(p, f, i)) return len;
    return 0;
  }

 private:
  std::unordered_map<std::string_view, std::vector<std::string_view>> by_first_;
};

// ---- human_request: a request verb and a person noun in one clause.

const std::unordered_set<std::string_view>& PersonNouns() {
  static const std::unordered_set<std::string_view> k = {
      // en
      "human", "humans", "person", "agent", "agents", "representative", "rep", "operator", "manager", "supervisor",
      "staff", "employee", "advisor", "adviser", "somebody", "someone",
      // es / pt / it
      "humano", "humana", "persona", "agente", "representante", "operador", "operadora", "asesor", "asesora",
      "ejecutivo", "ejecutiva", "supervisora", "supervisore", "superviseur", "superviseure",
      "pessoa", "atendente", "umano", "operatore", "operatrice", "consulente",
      // fr
      "humain", "humaine", "personne", "conseiller", "conseillère", "opérateur", "opératrice",
      // de
      "mensch", "menschen", "mitarbeiter", "mitarbeiterin", "berater", "beraterin", "kundenberater", "kundendienst",
      "kundenservice", "servicemitarbeiter",
      // someone, in every language: a person only when qualified or talked to
      "alguien", "alguém", "alguem", "quelqu'un", "jemand", "jemanden", "jemandem", "qualcuno", "qlcn"};
  return k;
}
// Nouns that only mean "a person" with a qualifier ("someone real", "a live person").
bool NeedsQualifier(const std::string& w) {
  return w == "someone" || w == "somebody" || w == "alguien" || w == "alguém" || w == "alguem" || w == "quelqu'un" ||
         w == "jemand" || w == "jemanden" || w == "jemandem" || w == "qualcuno" || w == "qlcn";
}

// Verbs about talking to someone: the person may sit anywhere near them
// ("mit einem Mitarbeiter sprechen").
const std::unordered_set<std::string_view>& TalkVerbs() {
  static const std::unordered_set<std::string_view> k = {
      "talk", "speak", "chat", "connect", "transfer", "reach", "contact", "escalate", "speaking", "talking",
      "hablar", "hable", "habla", "comunicarme", "comunicar", "contactar", "parler", "joindre", "contacter",
      "sprechen", "reden", "verbinden", "verbinde", "falar", "transferir", "contatar", "parlare", "contattare",
      // transfers and talking under way ("transférez-moi au service facturation", "falando com máquina")
      "transférez-moi", "transferez-moi", "transférer", "transferer", "transférez", "transfère", "transfere",
      "transfira", "transfiram", "transfiere", "transfiéreme", "transfiereme", "trasferire", "trasferiscimi",
      "trasferitemi", "passez-moi", "passe-moi", "passa-me", "passami", "passatemi", "durchstellen",
      "weiterverbinden", "falando", "hablando", "parlando", "conversar", "conversare", "discuter", "chatten",
      "word", "explain", "explicar", "expliquer", "erklären", "erklaeren", "spiegare", "chatear", "chattare",
      "chatter",
      // regional and formal talking ("jaser" in Quebec, "platicar" in Mexico, "m'entretenir avec le gérant")
      "jaser", "platicar", "charlar", "plaudern", "quatschen", "chiacchierare", "entretenir", "m'entretenir",
      // putting through: "pásame con facturación", "chama o dono da loja"
      "pásame", "pasame", "pásenme", "pasenme", "páseme", "paseme", "comuníqueme", "comuniqueme", "comunícame",
      "comunicame", "chama", "chame", "chamem", "pasáis", "pasais", "pasas", "passi",
      // "transfiéranme con un ejecutivo", "transmettre mon dossier à un superviseur", "inoltrare a un operatore"
      "transfiéranme", "transfieranme", "transfiérame", "transfierame", "transmettre", "transmettez", "inoltrare",
      "inoltrate", "encaminhar", "encaminhe", "encaminhem", "weiterleiten", "forward", "comunica", "comunique",
      // reaching someone: "ich muss die Sprechstundenhilfe erreichen"
      "erreichen"};
  return k;
}

// Verbs of wanting or getting: the person must be their object, just after
// them ("need a human", not "need to change the person who...").
const std::unordered_set<std::string_view>& RequestVerbs() {
  static const std::unordered_set<std::string_view> k = {
      "get", "want", "need", "give", "put",                                         // en
      "pasar", "quiero", "ponga", "pongan", "póngame", "pongame", "ponme", "necesito", "atienda", "atender", "dame", "deme", "denme",  // es
      "veux", "voudrais", "besoin", "passer", "passez", "mettre", "donnez-moi", "donne-moi", "faut",  // fr
      "möchte", "will", "brauche", "brauch", "geben", "gib", "gebt", "holen", "hol", "holt",                           // de
      "quero", "preciso", "gostaria", "dá-me", "da-me", "passar",                    // pt
      "voglio", "vorrei", "bisogno", "serve", "passare", "passarmi", "mettermi", "datemi", "dammi"};  // it
  return k;
}
// "give me someone", "geben Sie mir jemanden": giving someone is a request.
bool IsGiving(const std::string& w) {
  return w == "give" || w == "get" || w == "dame" || w == "deme" || w == "denme" || w == "donnez-moi" || w == "donne-moi" || w == "passez-moi" || w == "gib" ||
         w == "geben" || w == "gebt" || w == "dá-me" || w == "da-me" || w == "datemi" || w == "dammi";
}
bool IsQualifier(const std::string& w) {
  return w == "real" || w == "actual" || w == "live" || w == "human" || w == "real-life" || w == "vrai" ||
         w == "vraie" || w == "real" || w == "echten" || w == "echte" || w == "echter" || w == "vero" || w == "vera";
}
bool IsFiller(const std::string& w) {
  return w == "please" || w == "pls" || w == "plz" || w == "now" || w == "a" || w == "an" || w == "por" ||
         w == "favor" || w == "bitte" || w == "svp" || w == "per" || w == "favore" || w == "un" || w == "una" ||
         w == "um" || w == "uma" || w == "einen" || w == "ein" || w == "i" || w == "want" || w == "need";
}

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

// "do your staff speak Polish?": a talk verb with a language after it asks
// about the staff, not for them.
bool SpeaksLanguage(const std::vector<const Item*>& words, size_t j) {
  static constexpr auto kLanguages = Words(
      "english", "spanish", "french", "german", "portuguese", "italian", "polish", "turkish", "arabic",
      "russian", "chinese", "dutch", "ukrainian", "romanian", "inglés", "ingles", "español", "espanol",
      "francés", "frances", "alemán", "aleman", "portugués", "portugues", "italiano", "turco", "árabe",
      "arabe", "ruso", "polaco", "anglais", "espagnol", "allemand", "portugais", "italien", "turc", "russe",
      "polonais", "englisch", "spanisch", "französisch", "franzosisch", "deutsch", "portugiesisch",
      "italienisch", "türkisch", "turkisch", "arabisch", "russisch", "polnisch", "inglês", "espanhol",
      "francês", "alemão", "alemao", "russo", "inglese", "spagnolo", "francese", "tedesco", "portoghese",
      "polacco", "ucraino", "sign", "signes", "señas", "gebärdensprache", "libras", "lis");
  for (size_t k = j >= 2 ? j - 2 : 0; k < words.size() && k <= j + 4; ++k) {
    if (k == j || words[k]->clause != words[j]->clause || !In(kLanguages, words[k]->key)) continue;
    // "speak to someone in Spanish", "hablar con alguien en inglés": the
    // person asked for stands between the talking and the language.
    for (size_t m = j + 1; m < k; ++m)
      if (words[m]->noun) return false;
    return true;
  }
  return false;
}

// "im Chat", "the chat", "a word": a talk verb that is a noun here; or a
// name ("como se chama a atendente?" asks what she is called).
bool TalkAsNoun(const std::vector<const Item*>& words, size_t j) {
  if (j > 0 && words[j - 1]->key == "se" && words[j]->key.rfind("cham", 0) == 0) return true;
  static constexpr auto kNounish = Words("chat", "contact", "word");
  static constexpr auto kBefore = Words(
      "im", "in", "the", "el", "le", "il", "der", "dem", "den", "no", "na", "nel", "au", "du", "del", "this",
      "ce", "este", "via", "by", "an", "un", "una", "une", "ein", "einen", "einem", "your", "votre", "vostro",
      "o", "a", "per", "por", "live");
  return j > 0 && In(kNounish, words[j]->key) && In(kBefore, words[j - 1]->key) &&
         !(words[j - 1]->key == "a" && words[j]->key == "word");  // "a word with the nurse" asks
}

void DetectHumanRequest(const std::vector<const Item*>& words, Detector* d) {
  size_t content = SIZE_MAX;  // words that are not fillers; counted once a noun is found
  for (size_t i = 0; i < words.size(); ++i) {
    const std::string& n = words[i]->key;
    if (!words[i]->noun) continue;
    if (content == SIZE_MAX) {
      content = 0;
      for (const Item* w : words) content += !IsFiller(w->tok->norm);
    }
    const bool qualified = i > 0 && IsQualifier(words[i - 1]->tok->norm) && words[i - 1]->clause == words[i]->clause;
    // "someone" is a person only when qualified ("someone real") or talked to.
    // French "personne" without an article is "nobody": "je veux parler à personne".
    if (n == "personne" && !qualified &&
        (i == 0 || !(words[i - 1]->key == "une" || words[i - 1]->key == "la" || words[i - 1]->key == "cette" ||
                     words[i - 1]->key == "autre" || words[i - 1]->key == "d'une" || words[i - 1]->key == "vraie")))
      continue;
    const bool talk_only = NeedsQualifier(n) && !qualified;
    // A bare "agent" / "human please" / "real person!" is a request on its own.
    if (!talk_only && content <= 1 + (qualified ? 1 : 0) && !NegatedAt(words, i, 2)) {
      // Evidence from a wanting verb just before, if any: "want a human".
      size_t a = qualified ? i - 1 : i;
      for (size_t j = a; j > 0 && i - (j - 1) <= 3; --j)
        if (words[j - 1]->verb && words[j - 1]->clause == words[i]->clause) a = j - 1;
      d->Add(kCueHumanRequest, 0.9, words[a]->tok->begin, words[i]->tok->end);
      return;
    }
    // Otherwise a request verb within 6 words either side, in the same
    // clause, not itself negated ("I don't need a human") and no negator
    // right before the noun ("no human", "keinen Menschen").
    if (NegatedAt(words, i, 2)) continue;
    for (size_t j = (i >= 6 ? i - 6 : 0); j < std::min(words.size(), i + 7); ++j) {
      if (j == i || words[j]->clause != words[i]->clause || !words[j]->verb) continue;
      if (words[j]->talk && (SpeaksLanguage(words, j) || TalkAsNoun(words, j))) continue;
      if (!words[j]->talk && ((talk_only && !IsGiving(words[j]->key)) || j > i || i - j > (qualified ? 4u : 3u)))
        continue;
      // Negated when a negator sits between the verb and the noun or just
      // before the pair: "I don't need a human", "je ne veux pas parler à
      // un humain", "ich will nicht mit einem Menschen sprechen".
      const size_t lo = std::min(i, j) >= 3 ? std::min(i, j) - 3 : 0, hi = std::max(i, j);
      bool negated = false;
      for (size_t k = lo; k < hi; ++k)
        negated |= words[k]->clause == words[i]->clause && words[k]->negates;
      if (negated) continue;
      const size_t a = std::min(i, j), b = std::max(i, j);
      d->Add(kCueHumanRequest, qualified ? 1.0 : 0.9, words[a]->tok->begin, words[b]->tok->end);
      return;
    }
  }
}

// ---- profanity spelled with masks or digits: "f*ck", "sh1t", "f**king".
void DetectMaskedProfanity(const Message& m, Detector* d) {
  static const char* kRoots[] = {"fuck", "fucking", "fucked", "shit", "bullshit", "asshole", "bitch", "bastard", "cunt", "damn", "crap", "merde", "mierda", "scheisse", "cazzo", "merda"};
  const auto& toks = m.tokens;
  for (size_t i = 0; i < toks.size();) {
    // A chunk: tokens with no space between them.
    size_t j = i + 1;
    while (j < toks.size() && toks[j].begin == toks[j - 1].end) ++j;
    const size_t a = toks[i].begin, b = toks[j - 1].end;
    i = j;
    if (b - a < 3 || b - a > 24) continue;
    // Most chunks are plain words: look for a mask character before building anything.
    if (std::string_view(m.cleaned).substr(a, b - a).find_first_of("*#%10@$3!") == std::string_view::npos) continue;
    std::string s;
    bool masked = false;
    for (size_t k = a; k < b; ++k) {
      char c = m.cleaned[k];
      if (c >= 'A' && c <= 'Z') c += 32;
      switch (c) {
        case '*': case '#': case '%': masked = true; s.push_back('*'); break;
        case '1': case '!': masked = true; s.push_back('i'); break;
        case '0': masked = true; s.push_back('o'); break;
        case '@': masked = true; s.push_back('a'); break;
        case '$': masked = true; s.push_back('s'); break;
        case '3': masked = true; s.push_back('e'); break;
        default: s.push_back(c);
      }
    }
    if (!masked) continue;
    while (!s.empty() && (s.back() == '.' || s.back() == '?' || s.back() == ',' || s.back() == 'i')) {
      // trailing "!!!" was mapped to 'i': drop it unless it is part of the word
      if (s.back() == 'i' && m.cleaned[a + s.size() - 1] != '!') break;
      s.pop_back();
    }
    if (s.empty() || s[0] == '*') continue;
    for (const char* root : kRoots) {
      const std::string_view r(root);
      if (r.size() != s.size()) continue;
      bool ok = true;
      for (size_t k = 0; k < r.size() && ok; ++k) ok = s[k] == r[k] || s[k] == '*';
      // Plain spellings are the patterns' job; only masked ones count here.
      if (ok && Lower(std::string_view(m.cleaned).substr(a, s.size())) != r) {
        d->Add(kCueProfanity, 1.0, a, a + s.size());
        break;
      }
    }
  }
}

// ---- shouting: most words in capitals, and not a happy shout.
void DetectShouting(const Message& m, double valence, Detector* d) {
  int words = 0, caps = 0;
  size_t a = 0, b = 0;
  for (const Item& it : m.items) {
    if (!it.word) continue;
    ++words;
    if (it.tok->all_caps && it.tok->norm.size() >= 3) {
      if (!caps) a = it.tok->begin;
      b = it.tok->end;
      ++caps;
    }
  }
  if (caps >= 2 && words >= 3 && caps * 2 >= words && valence < 0.05)
    d->Add(kCueAnger, m.exclamations > 0 ? 0.8 : 0.6, a, b);
}

// Sarcasm the words alone hide: an eye-roll after "really helpful, thanks",
// or thanks for nothing. A floor under the model's frustration head, which
// learnt from closings that "really helpful, thanks" is calm (it is, without
// the eye-roll).
// Self-service tried again and again: "ya subí el pasaporte 3 veces", "ich hab
// sie dreimal geprüft", "j'ai déjà essayé deux fois": the visitor has done
// what the bot would say. "Already" and a count of two or more in one
// sentence; not a happy customer ("ya he comprado 3 veces, siempre bien").
void DetectTriedTimes(const Message& m, const std::vector<const Item*>& words, const std::vector<std::string>& f,
                      Detector* d) {
  static constexpr auto kAlready = Words("already", "ya", "deja", "schon", "bereits", "ja", "gia", "again",
                                         "otra", "encore", "nochmal", "novamente", "ancora");
  static constexpr auto kTimes = Words("times", "veces", "fois", "mal", "vezes", "volte");
  static constexpr auto kCounts = Words("two", "three", "four", "five", "several", "many", "dos", "tres", "cuatro",
                                        "cinco", "varias", "deux", "trois", "quatre", "cinq", "plusieurs", "zwei", "drei",
                                        "vier", "funf", "mehrere", "duas", "dois", "quatro", "varias", "due", "tre",
                                        "quattro", "cinque", "diverse", "molte");
  static constexpr auto kCountWords = Words("twice", "thrice", "zweimal", "dreimal", "viermal", "mehrmals", "x-mal");
  // Doing what self-service asks: trying, checking, sending, restarting (not buying, not taking a medicine).
  static constexpr auto kTried = Words(
      "tried", "try", "checked", "uploaded", "restarted", "rebooted", "reset", "called", "rang", "sent", "entered",
      "filled", "submitted", "clicked", "intentado", "intente", "probado", "probe", "subi", "subido", "reiniciado",
      "reinicie", "llamado", "llame", "enviado", "envie", "mandado", "mande", "revisado", "comprobado", "puesto",
      "essaye", "essayer", "verifie", "envoye", "appele", "redemarre", "rempli", "saisi", "relance", "versucht",
      "probiert", "gepruft", "geschickt", "angerufen", "gestartet", "hochgeladen", "eingegeben", "ausgefullt",
      "tentei", "testei", "enviei", "liguei", "reiniciei", "verifiquei", "mandei", "preenchi", "coloquei",
      "provato", "tentato", "controllato", "inviato", "chiamato", "riavviato", "caricato", "inserito", "compilato");
  if (d->affect->valence > 0.2) return;
  // The tried-verb list is scanned only once a count is found (rare).
  bool tried = false, scanned = false;
  for (size_t i = 0; i < f.size(); ++i) {
    bool counted = In(kCountWords, f[i]);
    if (!counted && In(kTimes, f[i])) {
      const Token* before = words[i]->tok > m.tokens.data() ? words[i]->tok - 1 : nullptr;
      counted = (i > 0 && In(kCounts, f[i - 1])) ||
                (before && before->kind == TokenKind::kNumber && before->norm != "1" && before->norm != "0");
    }
    if (!counted) continue;
    if (!scanned) {
      tried = std::any_of(f.begin(), f.end(), [](const std::string& w) { return In(kTried, w); });
      scanned = true;
    }
    if (!tried) return;
    for (size_t k = 0; k < f.size(); ++k)
      if (k != i && words[k]->sentence == words[i]->sentence && In(kAlready, f[k])) {
        d->Add(kCueFrustration, 0.6, words[std::min(i, k)]->tok->begin, words[std::max(i, k)]->tok->end);
        return;
      }
  }
}

void DetectSarcasm(const Message& m, const std::vector<const Item*>& words, const std::vector<std::string>& folded,
                   Detector* d) {
  static const char* const kEyeRolls[] = {"\U0001F644", "\U0001F612"};  // 🙄 😒
  for (const Item& it : m.items)
    if (it.tok->kind == TokenKind::kEmoji)
      for (const char* e : kEyeRolls)
        if (it.tok->norm == e) d->Add(kCueFrustration, 0.7, it.tok->begin, it.tok->end);
  static constexpr std::string_view kPhrases[] = {
      "thanks for nothing", "thank you for nothing", "gracias por nada", "merci pour rien", "danke fur nichts",
      "obrigado por nada", "obrigada por nada", "grazie per niente", "grazie per nulla"};
  static const PhraseIndex kPhrasesIndex(kPhrases);
  // Every phrase of an index found in the message, kept when `keep` says so.
  const auto mark = [&](const PhraseIndex& index, double strength, auto keep) {
    for (size_t i = 0; i < folded.size(); ++i)
      if (const size_t len = index.At(folded, i); len && keep(i, len))
        d->Add(kCueFrustration, strength, words[i]->tok->begin, words[i + len - 1]->tok->end);
  };
  const auto always = [](size_t, size_t) { return true; };
  mark(kPhrasesIndex, 0.8, always);
  // Advice mocked as if new ("never thought of that"), being told to wait
  // "loved": sarcasm in so many words, in six languages.
  static constexpr std::string_view kMocking[] = {
      "never thought of that", "never would have thought of that", "wouldnt have thought of that",
      "why didnt i think of that", "love being told", "love how you", "love that you keep", "love it when you tell",
      "no se me ocurrio", "no se me habia ocurrido", "como no se me ocurrio", "me encanta que me digan",
      "me encanta que me digas", "me encanta como", "jy aurais jamais pense", "jy aurais pas pense",
      "jy avais pas pense", "jadore me faire dire", "jadore quon me dise", "jadore quand on me dit",
      "da ware ich nie drauf gekommen", "da ware ich nie draufgekommen", "ware ich nie drauf gekommen",
      "ich liebe es wenn", "nunca me teria lembrado", "nunca teria pensado", "como nao pensei nisso",
      "nao tinha pensado nisso", "adoro que me digam", "adoro quando me dizem", "amo quando voces",
      "non ci avevo pensato", "non ci avrei mai pensato", "adoro sentirmi dire", "adoro quando mi dite"};
  static const PhraseIndex kMockingIndex(kMocking);
  mark(kMockingIndex, 0.75, [&](size_t i, size_t) { return !NegatedAt(words, i, 2); });
  // Telling it again (issue 13: "I already told you", the Nth time), a
  // floor under the model in six languages. Dosage questions ("how many
  // times a day") are not it: the counting phrases need the visitor's own
  // telling or asking after them.
  static constexpr std::string_view kAgain[] = {
      "already told you", "already said that", "i told you already", "already gave you", "already explained",
      "like i said", "as i said", "how many times do i", "how many times must i", "how many more times",
      "for the third time", "for the second time", "for the umpteenth time", "for the nth time",
      "third time im", "third time i", "3rd time", "fourth time i", "ya te lo dije", "ya te dije",
      "ya lo dije", "ya te he dicho", "ya se lo dije", "ya le dije", "te lo he dicho", "como ya te dije",
      "como ya dije", "cuantas veces tengo", "cuantas veces te", "por tercera vez", "por segunda vez",
      "por enesima vez", "es la tercera vez", "jai deja dit", "je vous lai deja dit", "je te lai deja dit",
      "deja dit", "combien de fois faut", "combien de fois je dois", "combien de fois dois-je",
      "pour la troisieme fois", "pour la enieme fois", "pour lenieme fois", "cest la troisieme fois",
      "schon gesagt", "bereits gesagt", "schon geschrieben", "wie oft noch", "wie oft muss ich",
      "zum dritten mal", "zum zweiten mal", "zum x-ten mal", "das dritte mal", "ja disse", "ja te disse",
      "ja lhe disse", "ja falei", "ja expliquei", "quantas vezes tenho", "quantas vezes vou",
      "quantas vezes preciso", "pela terceira vez", "pela segunda vez", "e a terceira vez", "gia detto",
      "ho gia spiegato", "ho gia scritto", "quante volte devo", "quante volte te", "per la terza volta",
      "per la seconda volta", "per lennesima volta", "e la terza volta",
      // Saying it again: "te lo vuelvo a decir", "je vous le répète" (not
      // "I repeat my order" or "repetir o pedido", ordering again, nor "sorry
      // if I repeat myself").
      "let me repeat", "ill say it again", "ill repeat", "i repeat again", "te lo vuelvo a decir",
      "se lo vuelvo a decir", "lo vuelvo a decir", "te lo repito", "se lo repito", "lo repito", "vuelvo a repetir",
      "je vous le repete", "je te le repete", "je le repete", "ich wiederhole es", "ich wiederhole nochmal",
      "ich sag es nochmal", "ich sage es nochmal", "ich sags nochmal", "ich sage es noch einmal",
      "repito mais uma vez", "repito de novo", "te repito", "lhe repito", "te lo ripeto", "ve lo ripeto",
      "glielo ripeto", "lo ripeto", "ripeto ancora"};
  static const PhraseIndex kAgainIndex(kAgain);
  mark(kAgainIndex, 0.7, [&](size_t i, size_t len) { return words[i]->clause == words[i + len - 1]->clause; });
  // Asking it again in other words ("je reformule :", "a ver, otra vez:",
  // "let me rephrase"): the visitor has seen the answer miss. Not "once
  // again, thanks".
  static constexpr std::string_view kRephrasing[] = {
      "let me rephrase", "ill rephrase", "i will rephrase", "to rephrase", "let me put it another way",
      "let me ask again", "im asking again", "i ask again", "asking again", "a ver otra vez", "lo pregunto otra vez",
      "te lo pregunto de nuevo", "se lo pregunto de nuevo", "pregunto de nuevo", "pregunto otra vez", "lo reformulo",
      "te lo reformulo", "reformulo", "je reformule", "je repose ma question", "je repose la question",
      "je redemande", "ich formuliere um", "ich formuliere es anders", "ich formuliere es um", "anders gefragt",
      "ich frage nochmal", "ich frag nochmal", "ich frage noch einmal", "vou reformular", "reformulando",
      "pergunto de novo", "pergunto outra vez", "vou perguntar de novo", "riformulo", "te lo richiedo",
      "ve lo richiedo", "lo richiedo", "ti rifaccio la domanda", "rifaccio la domanda"};
  static const PhraseIndex kRephrasingIndex(kRephrasing);
  // ... unless the visitor blames their own wording ("porque não sei se me expliquei bem")
  static constexpr auto kOwnWording = Words("expliquei", "explique", "explained", "clear", "exprime", "exprimee",
                                            "ausgedruckt", "spiegato", "spiegata", "explicado", "expresse");
  const bool own_wording = std::any_of(folded.begin(), folded.end(), [](const std::string& w) { return In(kOwnWording, w); });
  mark(kRephrasingIndex, 0.6, [&](size_t, size_t) { return !own_wording; });
  // The answer did not answer, the chat goes in circles: a visitor saying
  // the bot is failing them, in six languages. Each phrase carries its
  // negation ("doesn't answer my question"), so "that answers my question"
  // is not it; "same question" only with "still" or "it is", since "I have
  // the same question for my other order" is calm.
  static constexpr std::string_view kNotAnswered[] = {
      "doesnt answer my question", "doesnt answer the question", "doesnt answer it", "doesnt answer anything",
      "didnt answer my question", "didnt answer the question", "not answering my question", "not answering the question",
      "you didnt answer", "youre not answering", "you are not answering", "thats not what i asked",
      "not what i asked", "that wasnt my question", "thats not my question", "that is not my question",
      "going in circles", "going round in circles", "going around in circles", "go round in circles",
      "this is going nowhere", "getting nowhere", "same question i asked", "still the same question",
      "its the same question", "just answer the question", "just answer my question",
      "no responde mi pregunta", "no responde a mi pregunta", "no contesta mi pregunta", "no contesta a mi pregunta",
      "no respondiste mi pregunta", "no contestaste mi pregunta", "eso no responde", "eso no contesta",
      "no es lo que pregunte", "no fue lo que pregunte", "no te pregunte eso", "no le pregunte eso",
      "estamos dando vueltas", "dando vueltas en circulo", "esto no lleva a nada", "no llegamos a nada",
      "es la misma pregunta", "sigue siendo la misma pregunta",
      "ne repond pas a ma question", "repond pas a ma question", "ca ne repond pas", "ca repond pas",
      "ce nest pas ce que jai demande", "cest pas ce que jai demande", "pas ce que jai demande",
      "on tourne en rond", "ca tourne en rond", "tourne en rond", "ca mene a rien", "ca mene nulle part",
      "ca ne mene a rien", "cest la meme question", "toujours la meme question",
      "beantwortet meine frage nicht", "beantwortet die frage nicht", "beantwortet nicht meine frage",
      "beantworten meine frage nicht", "beantworten die frage nicht", "beantwortest meine frage nicht",
      "keine antwort auf meine frage", "das ist nicht meine frage", "das war nicht meine frage",
      "das habe ich nicht gefragt", "hab ich nicht gefragt", "habe ich nicht gefragt", "drehen uns im kreis",
      "dreht sich im kreis", "drehen sich im kreis", "im kreis drehen", "fuhrt zu nichts", "immer noch dieselbe frage",
      "immer noch die gleiche frage", "ist dieselbe frage", "ist die gleiche frage",
      "nao responde minha pergunta", "nao responde a minha pergunta", "nao respondeu minha pergunta",
      "nao respondeu a minha pergunta", "isso nao responde", "nao foi isso que perguntei",
      "nao foi isso que eu perguntei", "nao e isso que eu perguntei", "andando em circulos", "rodando em circulos",
      "girando em circulos", "nao leva a lugar nenhum", "nao chega a lugar nenhum", "e a mesma pergunta",
      "continua a mesma pergunta", "non risponde alla mia domanda", "non rispondi alla mia domanda",
      "non ha risposto alla mia domanda", "non hai risposto alla mia domanda", "non e quello che ho chiesto",
      "non ho chiesto questo", "stiamo girando in tondo", "giriamo in tondo", "girando in tondo",
      "giriamo in cerchio", "non porta da nessuna parte", "non si arriva a niente", "e la stessa domanda",
      "sempre la stessa domanda"};
  static const PhraseIndex kNotAnsweredIndex(kNotAnswered);
  mark(kNotAnsweredIndex, 0.7, always);
  // Correcting the bot: "I didn't ask about returns", "why do you keep
  // sending me the returns page", "otra vez el mismo link".
  static constexpr std::string_view kCorrecting[] = {
      "i didnt ask about", "i did not ask about", "i never asked about", "i didnt ask you", "why do you keep",
      "you keep sending", "you keep giving", "you keep telling", "the same link", "the same answer", "the same page",
      "no he preguntado por", "no te he preguntado", "no pregunte por", "yo no pregunte eso", "me sigues mandando",
      "me sigues dando", "el mismo link", "el mismo enlace", "la misma respuesta", "je nai pas demande ca",
      "jai pas demande ca", "je vous ai pas demande", "vous me renvoyez", "tu me renvoies", "le meme lien",
      "la meme reponse", "ich habe nicht nach", "ich hab nicht nach", "hab nicht nach", "schickst mir immer",
      "schicken mir immer", "derselbe link", "denselben link", "den gleichen link", "dieselbe antwort",
      "die gleiche antwort", "nao perguntei sobre", "nao perguntei isso", "nao te perguntei", "voce continua me mandando",
      "o mesmo link", "a mesma resposta", "non ti ho chiesto", "non ho chiesto di", "continui a mandarmi",
      "mi mandi sempre", "lo stesso link", "la stessa risposta",
      // "não perguntei como recorrer da multa": the question the bot answered was not asked
      "i didnt ask how", "i didnt ask what", "i didnt ask when", "i didnt ask where", "i didnt ask if",
      "i didnt ask whether", "i did not ask how", "i did not ask what", "no pregunte como", "no pregunte cuando",
      "no pregunte donde", "no pregunte si", "no pregunte que", "no te pregunte como", "no te pregunte si",
      "jai pas demande comment", "jai pas demande quand", "jai pas demande si", "je nai pas demande comment",
      "je nai pas demande quand", "je nai pas demande si", "habe nicht gefragt wie", "habe nicht gefragt ob",
      "habe nicht gefragt wann", "hab nicht gefragt wie", "hab nicht gefragt ob", "nao perguntei como",
      "nao perguntei se", "nao perguntei quando", "nao perguntei onde", "nao perguntei o que", "nao perguntei qual",
      "non ho chiesto come", "non ho chiesto quando", "non ho chiesto dove", "non ho chiesto se"};
  static const PhraseIndex kCorrectingIndex(kCorrecting);
  mark(kCorrectingIndex, 0.6, always);
  // Threats to take it further: a lawyer, a consumer body, a chargeback.
  // Not "my lawyer" alone: "my lawyer needs a copy of the contract" is routine.
  static constexpr std::string_view kTakingFurther[] = {
      "legal action", "take you to court", "sue you", "trading standards", "ombudsman", "chargeback", "charge back",
      "trustpilot", "demandaros", "demandarles", "profeco", "facua", "la ocu", "hoja de reclamaciones", "contracargo",
      "porter plainte", "dgccrf", "que choisir", "meinen anwalt", "meinem anwalt", "verbraucherzentrale",
      "rechtliche schritte", "schlichtungsstelle", "processar voces", "procon", "reclame aqui", "reclameaqui",
      "livro de reclamacoes", "contestar no cartao", "vie legali", "altroconsumo", "codacons"};
  static const PhraseIndex kTakingFurtherIndex(kTakingFurther);
  mark(kTakingFurtherIndex, 0.6, always);
  // Giving up in a word or two ("ok whatever", "toujours non", "egal"):
  // the replies that shorten as patience runs out. Only as the whole message
  // after an "ok": "never mind, found it", "still no parcel?" and "todavía
  // no" (not yet) are other things.
  static constexpr std::string_view kGivingUp[] = {
      "whatever", "forget it", "still no", "still nothing", "da igual", "olvidalo", "olvidelo", "sigue sin",
      "sigue igual", "laisse tomber", "tant pis", "toujours non", "toujours pas", "toujours rien",
      "vergiss es", "egal", "immer noch nicht", "immer noch nichts", "esquece", "deixa pra la", "tanto faz",
      "continua nao", "continua igual", "lascia perdere", "lascia stare", "lasciamo perdere",
      "ancora niente", "niente ancora"};
  static const PhraseIndex kGivingUpIndex(kGivingUp);
  static constexpr auto kLeadIns = Words("ok", "okay", "k", "fine", "yeah", "bueno", "vale", "bon", "ah", "na", "tja",
                                         "ta", "beleza", "va", "boh", "so", "well");
  size_t start = 0;
  while (start < folded.size() && In(kLeadIns, folded[start])) ++start;
  if (start < folded.size())
    if (const size_t len = kGivingUpIndex.At(folded, start); len && start + len == folded.size())
      d->Add(kCueFrustration, 0.6, words[start]->tok->begin, words[start + len - 1]->tok->end);
  // A question closed with "yes or no": an answer demanded after evasive
  // ones. Weaker: some visitors are just blunt.
  static constexpr std::string_view kYesOrNo[] = {"yes or no", "si o no", "oui ou non", "ja oder nein",
                                                  "sim ou nao"};
  static const PhraseIndex kYesOrNoIndex(kYesOrNo);
  if (folded.size() > 3)
    if (const size_t at = folded.size() - 3, len = kYesOrNoIndex.At(folded, at); len == 3)
      d->Add(kCueFrustration, 0.5, words[at]->tok->begin, words[at + 2]->tok->end);
  // Mock politeness: thanks for the bot's answer in praise nobody gives a
  // support bot ("je vous remercie infiniment pour ces précieux conseils",
  // "thank you ever so much for the link, most kind"), in one sentence: one
  // over-the-top word, or two of the fond ones a sincere thanks uses alone
  // ("merci infiniment pour votre aide", "thanks again for your help").
  static constexpr auto kThanks = Words("thanks", "thank", "thx", "cheers", "gracias", "agradezco", "merci", "remercie",
                                        "danke", "dank", "bedanke", "obrigado", "obrigada", "agradeco", "grazie",
                                        "ringrazio");
  static constexpr auto kBotOffers = Words(
      "link", "links", "answer", "answers", "reply", "replies", "response", "responses", "advice", "tip", "tips",
      "suggestion", "suggestions", "info", "information", "explanation", "help", "respuesta", "respuestas", "enlace",
      "enlaces", "consejo", "consejos", "sugerencia", "sugerencias", "informacion", "explicacion", "ayuda", "reponse",
      "reponses", "lien", "liens", "conseil", "conseils", "explication", "explications", "aide", "antwort",
      "antworten", "tipp", "tipps", "hinweis", "hinweise", "rat", "ratschlag", "ratschlage", "erklarung", "hilfe",
      "resposta", "respostas", "dica", "dicas", "conselho", "conselhos", "sugestao", "sugestoes", "informacao",
      "explicacao", "ajuda", "risposta", "risposte", "consiglio", "consigli", "suggerimento", "suggerimenti",
      "informazioni", "spiegazione", "aiuto");
  static constexpr std::string_view kOverTheTop[] = {
      "enlightening", "illuminating", "invaluable", "precious", "precieux", "precieuse", "precieuses", "eclairant",
      "eclairante", "eclairants", "lumineux", "lumineuse", "passionnant", "passionnante", "uberaus", "ungemein",
      "erhellend", "erhellende", "erhellenden", "aufschlussreich", "aufschlussreiche", "esclarecedor",
      "esclarecedora", "iluminador", "iluminadora", "utilisimo", "utilisima", "valiosisimo", "valiosisima",
      "utilissimo", "utilissima", "valiosissimo", "valiosissima", "illuminante", "preziosi", "preziose",
      "preziosissimi", "preziosissimo"};
  static constexpr std::string_view kFond[] = {
      "ever so", "most kind", "so very", "infiniment", "herzlichen", "herzlichsten", "muchisimas", "muitissimo",
      "infinite", "again", "once more", "de nuevo", "otra vez", "encore", "une fois de plus", "nochmals", "wieder",
      "erneute", "erneuten", "ancora", "di nuovo", "de novo", "mais uma vez", "outra vez"};
  static const PhraseIndex kOverTheTopIndex(kOverTheTop), kFondIndex(kFond);
  for (size_t a = 0; a < folded.size();) {
    size_t b = a;
    while (b < folded.size() && words[b]->sentence == words[a]->sentence) ++b;
    bool thanks = false, offer = false;
    for (size_t k = a; k < b; ++k) {
      thanks |= In(kThanks, folded[k]);
      offer |= In(kBotOffers, folded[k]);
    }
    int top = 0, fond = 0;
    for (size_t k = a; k < b && thanks && offer; ++k) {
      top += kOverTheTopIndex.At(folded, k) > 0;
      fond += kFondIndex.At(folded, k) > 0;
    }
    if (top > 0 || fond >= 2)
      d->Add(kCueFrustration, 0.7, words[a]->tok->begin, words[b - 1]->tok->end);
    a = b;
  }
}

// ---- human_request in the visitor's own words (issue 13): the ways people
// ask for a person without "talk to a human". Word classes over folded words
// (no case, accents or apostrophes), so "automaticas" and "automáticas" are
// one word. Each rule is a category, in six languages:
//   - done with the bot: a stop word or "no more" before the bot or its
//     canned replies ("enough with the automated replies", "chega de robô");
//   - anyone there: "is anyone real there?", "hello?? anybody?", "y a
//     quelqu'un ?", "c'è anima viva?";
//   - a callback (the curated patterns: "call me back", "llámenme");
//   - a role or team asked to act: "can the pharmacist look at my
//     question", "que me llame el encargado", "kann mir die Schwester
//     schreiben?"; with wanting verbs only the roles in charge ("get me
//     your manager");
//   - escalation: "please escalate this", "faire remonter ma demande".
// Hard negatives are the point of each guard: a person mentioned ("my
// doctor said"), a question about staff ("do your staff speak Polish"), a
// negated request ("please don't call me"), a product ("my robot vacuum").


constexpr auto kBotNouns = Words("bot", "bots", "chatbot", "robot", "robots", "robo", "robos", "roboter", "maquina",
                           "maquinas", "machine", "machines", "maschine", "maschinen", "macchina", "macchine",
                           "automate", "ordenador", "computer");
constexpr auto kCannedAdjectives = Words(
    "automated", "automatic", "canned", "scripted", "automatique", "automatiques", "automatica", "automaticas",
    "automatico", "automaticos", "automatiche", "automatici", "automatische", "automatischen", "automatisierte",
    "automatisierten", "automatizada", "automatizadas", "automatizado", "automatizados", "predefinidas",
    "prefabricadas", "enlatadas", "preconfezionate", "preconfezionata", "prestampate", "generiques", "standard",
    "robotic", "robotique", "robotiques", "robotizadas", "robotizada", "robotizzate", "roboterhafte", "roboterhaften",
    "roboticas", "robotiche",
    "toutes", "prontas", "padrao", "padrão");
constexpr auto kReplyNouns = Words("replies", "reply", "answers", "answer", "responses", "response", "messages",
                             "message", "texts", "antworten", "antwort", "nachrichten", "respuestas",
                             "respuesta", "mensajes", "reponses", "reponse", "respostas", "resposta",
                             "mensagens", "risposte", "risposta", "messaggi", "faites", "script", "scripts");
// Compounds that are canned replies on their own.
constexpr auto kCannedNouns = Words("textbausteine", "standardantworten", "standardantwort", "copy-paste",
                              "copier-coller", "copypaste");
constexpr auto kStopWords = Words("stop", "stopp", "enough", "quit", "basta", "chega", "assez", "suffit", "marre",
                            "schluss", "genug", "harto", "harta", "cansado", "cansada", "cansei", "farto",
                            "farta", "stufo", "stufa", "tired", "sick", "arretez", "arrete", "arreter",
                            "smettila", "smettetela", "dejen", "deja", "dejad", "parem", "pare", "aufhoren",
                            "no", "nada", "niente", "keine", "keinen", "plus", "nao", "non", "not",
                            "dont", "nicht", "pas", "ne", "ninguna", "ningun", "nessuna", "nessun",
                            "sem", "sin", "sans", "ohne", "senza", "without",
                            // "only machines here?": nothing but the bot
                            "only", "solo", "solamente", "nur", "seulement", "uniquement", "so", "somente",
                            "apenas");
constexpr auto kPossessives = Words("my", "mi", "mis", "mon", "ma", "mes", "mein", "meine", "meinen", "meinem",
                              "meiner", "meu", "minha", "meus", "mio", "mia", "miei", "our", "nuestro",
                              "notre", "unser", "unsere", "nosso", "nossa", "nostro", "his", "her", "su",
                              "son", "sein", "seine", "seu", "sua", "suo");

// Words that may follow the bot in a request ("no more bots please").
constexpr auto kAfterBot = Words("please", "pls", "plz", "anymore", "more", "mehr", "plus", "mais", "piu", "por",
                           "favor", "bitte", "svp", "per", "favore", "thanks", "and", "y", "et", "und", "e",
                           "ever", "again", "nunca", "jamais", "o", "ou", "or", "oder", "ni", "nor", "que");
constexpr auto kDeterminers = Words("a", "an", "the", "un", "una", "une", "la", "le", "el", "einer", "einem", "einen",
                              "ein", "dem", "der", "den", "um", "uma", "o", "il", "lo", "this", "esta", "este",
                              "cette", "ce", "diesem", "dieser", "questa", "questo", "essa", "esse", "your",
                              "tu", "votre", "ton", "euer", "eurem", "ihr", "seu", "vostro", "vuestro", "con",
                              "with", "mit", "avec", "com", "di", "de", "to", "a", "al", "da", "of", "des",
                              "del", "du", "der", "stupid", "dumb", "estupida", "estupido", "stupide", "dummen",
                              "blode", "blöde", "stupido", "burra", "burro", "otra", "another", "autre", "only", "solo", "nur",
                              "seulement", "so", "somente", "apenas", "just", "des", "dei", "delle");

// A bot reference at i: the bot itself (not "my robot vacuum", "a washing
// machine") or its canned replies.
bool BotAt(const std::vector<const Item*>& words, const std::vector<std::string>& f, size_t i) {
  if (In(kCannedNouns, f[i])) return true;
  // German compounds: "Roboterantworten", "Chatbot-Antworten", "Botgelaber".
  for (std::string_view head : {"roboter", "chatbot", "bot-", "botantwort", "botnachricht", "botgelaber"})
    if (f[i].size() > head.size() && f[i].compare(0, head.size(), head) == 0) return true;
  if (In(kBotNouns, f[i])) {
    if (i > 0 && In(kPossessives, f[i - 1])) return false;
    // The bot is named, not a product: nothing but a filler or a reply noun
    // after it in the clause, and (machines) an article or "with" before it.
    // German puts the talking last: "nicht mit einer Maschine reden".
    if (i + 1 < f.size() && words[i + 1]->clause == words[i]->clause && !In(kAfterBot, f[i + 1]) &&
        !In(kReplyNouns, f[i + 1]) && !words[i + 1]->talk)
      return false;
    const bool machine = f[i] != "bot" && f[i] != "bots" && f[i] != "chatbot" && f[i].rfind("robo", 0) != 0;
    // "mit nem Computer": colloquial German articles count too (only here: "nem" is Portuguese "nor")
    return !machine || (i > 0 && (In(kDeterminers, f[i - 1]) || f[i - 1] == "nem" || f[i - 1] == "nen" || f[i - 1] == "ner"));
  }
  if (!In(kCannedAdjectives, f[i])) return false;
  for (size_t k = i > 2 ? i - 2 : 0; k < std::min(f.size(), i + 3); ++k)
    if (k != i && words[k]->clause == words[i]->clause && In(kReplyNouns, f[k])) return true;
  return false;
}

constexpr auto kAnyone = Words("anyone", "anybody", "someone", "somebody", "qlcn", "alguien", "alguem", "quelquun",
                         "jemand", "jemanden", "jemandem", "wen", "qualcuno", "nobody", "nadie", "ninguem", "personne", "niemand");
constexpr auto kThere = Words("there", "here", "real", "alive", "awake", "home", "around", "human", "ahi", "aqui",
                        "alli", "ai", "la", "ici", "reel", "vivant", "da", "hier", "echt", "echtes", "wach",
                        "vivo", "viva", "vero", "reale", "li", "qui", "presente", "verdad", "verdade",
                        "humano", "humain", "mensch", "umano", "online", "dort", "dran",
                        // "on the other end", "am anderen Ende", "al otro lado", "à l'autre bout"
                        "on", "at", "the", "other", "end", "side", "line", "am", "anderen", "ende", "der",
                        "leitung", "al", "otro", "lado", "del", "de", "a", "lautre", "bout", "ligne", "do",
                        "outro", "dallaltra", "parte", "linea", "actually", "really", "vraiment", "wirklich",
                        "mal", "sul", "serio");
// Phrases that name a living person wherever they stand.
constexpr std::string_view kLivingPerson[] = {
    "living soul", "live person", "with a pulse", "flesh and blood", "alma viva", "ser vivo",
    "carne y hueso", "etre vivant", "chair et en os", "ame qui vive", "lebendige seele", "lebender mensch",
    "fleisch und blut", "echter mensch", "echten menschen", "anima viva", "carne e ossa", "carne e osso",
    "pessoa de verdade", "persona de verdad", "persona real", "persona vera", "persona reale",
    "vraie personne", "personne reelle", "real human", "real person", "actual human", "actual person",
    "live agent", "live support", "live chat", "live-chat", "live-support", "soporte en vivo",
    "chat en vivo", "chat ao vivo", "chat dal vivo", "chat in diretta", "suporte ao vivo",
    "atendimento humano", "atendimento ao vivo", "atencion humana",
    "assistenza dal vivo", "operatore umano", "support en direct", "chat en direct",
    "personlichen ansprechpartner", "echten support", "echter support", "suporte de verdade", "soporte real",
    "soporte de verdad", "vrai support", "supporto vero", "real support", "supporto reale",
    "atendimento de verdade", "agente en vivo", "agentes en vivo", "asesor en vivo", "operador en vivo",
    "agente humano", "agente ao vivo", "atendente ao vivo", "atendente humano", "agent en direct",
    "conseiller en direct", "agent humain", "conseiller humain", "operatore dal vivo", "agente dal vivo",
    "agente umano", "live-mitarbeiter", "live mitarbeiter", "menschlicher mitarbeiter", "echter mitarbeiter",
    "echten mitarbeiter", "human agent", "human being", "live operator", "live representative", "live rep",
    "cristiano vero"};
// Out of the bot's hands: "get me out of here", "sácame de aquí", "holt mich
// hier raus", "tiratemi fuori". Folded words.
constexpr std::string_view kOutOfHere[] = {
    "get me out of here", "get me out of this", "let me out of this", "sacame de aqui", "saquenme de aqui",
    "sacadme de aqui", "sacame de este", "holt mich hier raus", "hol mich hier raus", "holen sie mich hier raus",
    "lasst mich hier raus", "sortez-moi de la", "sortez moi de la", "sortez-moi dici", "sortez moi dici",
    "sors-moi de la", "sors moi de la", "sortez-moi de ce", "tirem-me daqui", "tirem me daqui", "me tira daqui",
    "me tirem daqui", "me tira desse", "tiratemi fuori", "tiratemi fuori da qui", "fatemi uscire",
    "fammi uscire"};
// Help called for through the business: "call the police", "llamen una
// ambulancia", "ruft den Notarzt", "chiamate il 118": a person must act now.
// Folded words.
constexpr std::string_view kCallForHelp[] = {
    "call the police", "call an ambulance", "call the cops", "send help",
    "send someone", "send somebody", "llamen a la policia", "llamen una ambulancia", "llamen a una ambulancia",
    "llamen a emergencias", "llama a la policia", "llama una ambulancia",
    "manden ayuda", "envien ayuda", "manden a alguien", "appelez la police", "appelez les pompiers",
    "appelez le samu", "appelez une ambulance",
    "appelez les secours", "envoyez quelquun", "envoyez de laide", "envoyez du monde", "ruft die polizei",
    "ruft einen krankenwagen", "ruft den krankenwagen", "ruft den notarzt", "ruft den rettungsdienst",
    "rufen sie die polizei", "rufen sie einen krankenwagen",
    "rufen sie den notarzt", "schickt jemanden", "schickt sofort jemanden", "schickt hilfe",
    "chamem a policia", "chamem uma ambulancia", "chamem o samu", "chamem os bombeiros", "liguem para a policia",
    "liguem pra policia", "liguem pro samu", "liguem para o samu", "mandem alguem", "mandem ajuda",
    "chiamate la polizia", "chiamate i carabinieri", "chiamate unambulanza", "chiamate un ambulanza", "chiamate lambulanza", "mandate qualcuno",
    "mandate aiuto", "get the police", "get the cops", "get an ambulance", "get help", "schickt wen",
    "schickt sofort wen", "schicken sie wen", "holt die polizei", "holt hilfe"};
// Put in touch with someone, asked: "mets-moi en relation avec qqn", "ponme en contacto con alguien".
constexpr std::string_view kPutInTouch[] = {
    "put me in touch", "get me in touch", "connect me with", "mets moi en relation", "mets-moi en relation",
    "mettez moi en relation", "mettez-moi en relation", "me mettre en relation", "ponme en contacto",
    "pongame en contacto", "ponganme en contacto", "me pone en contacto", "verbinden sie mich", "verbindet mich",
    "verbinde mich", "stellen sie mich durch", "me coloca em contato", "me coloque em contato", "me poe em contato",
    "me ponha em contato", "mettimi in contatto", "mi metta in contatto", "mi mettete in contatto",
    "mettetemi in contatto"};

// Roles and teams of the business. Those in charge may be asked for with a
// wanting verb; every role may be talked to or asked to act.
constexpr auto kInCharge = Words("manager", "boss", "supervisor", "owner", "teamleiter", "teamleiterin", "jefe", "jefa", "encargado", "encargada",
                           "gerente", "responsable", "supervisora", "dueno", "duena", "patron", "patronne",
                           "chef", "chefin", "gerant", "gerante", "directeur", "directrice", "superviseur",
                           "vorgesetzten", "vorgesetzte", "vorgesetzter", "filialleiter", "filialleiterin",
                           "geschaftsfuhrer", "geschaftsfuhrerin", "verantwortlichen",
                           "zustandigen", "chefe", "responsavel", "responsabile", "direttore",
                           "direttrice", "supervisore", "titolare", "gestore");
constexpr auto kRoles = Words(
    // Not the doctor: talking to them is the consultation a clinic books.
    "pharmacist", "chemist", "nurse", "vet", "veterinarian", "receptionist", "technician", "optician", "billing", "finance",
    "warehouse", "department", "dept", "team", "office", "staff", "capo", "dono", "farmaceutico", "farmaceutica", "enfermero",
    "enfermera", "veterinario", "veterinaria", "recepcionista", "tecnico", "facturacion", "contabilidad", "departamento", "equipo", "oficina", "empleado",
    "empleada", "pharmacien", "pharmacienne", "infirmier", "infirmiere", "veterinaire",
    "secretaire", "assistante", "assistant", "comptabilite", "facturation", "equipe", "employe",
    "employee", "apotheker", "apothekerin", "krankenschwester", "schwester", "pfleger", "pflegerin", "tierarzt", "tierarztin", "sprechstundenhilfe", "arzthelferin", "buchhaltung",
    "abteilung", "angestellten", "angestellte", "praxisteam", "terminkoordination", "enfermeiro", "enfermeira", "funcionario", "funcionaria", "financeiro", "equipe", "equipa", "setor", "farmacista",
    "infermiere", "infermiera", "impiegato", "impiegata", "dipendente", "assistente",
    "amministrazione", "ufficio", "reparto", "segreteria", "contabilita",
    // the business itself, and more roles of a shop, pharmacy, clinic or vet
    "pharmacy", "pharmacie", "farmacia", "apotheke", "clinic", "clinique", "clinica", "praxis", "magazzino",
    "almacen", "entrepot", "armazem", "veto", "groomer", "peluquera", "peluquero", "toiletteur",
    "toiletteuse", "hundefriseur", "tosador", "tosadora", "toelettatore", "toelettatrice", "teamleiter",
    "teamleiterin", "schichtleiter", "returns", "retours", "devoluciones", "retouren", "devolucoes", "resi",
    "techniker", "technikerin", "technicien", "technicienne", "tecnica", "monteur", "installateur",
    "nutritionist", "dietitian", "nutricionista", "dietista", "nutritionniste", "dieteticien", "dieteticienne",
    "ernahrungsberater", "ernahrungsberaterin", "nutrizionista", "nutrizioniste", "nutrizionisti");
// Support itself, a role only when the visitor is put through to it ("me
// transfere pro suporte"): speaking with or contacting customer support is
// how to reach it, asked of the bot (Bitext's contact_customer_service).
constexpr auto kSupport = Words("support", "soporte", "suporte", "supporto", "assistenza", "atendimento");
constexpr auto kPutThrough = Words(
    "transfer", "connect", "transfere", "transfira", "transfiram", "transfiere", "transfiereme", "transferez-moi",
    "transferer", "transferez", "transferir", "trasferire", "trasferiscimi", "trasferitemi", "passez-moi",
    "passe-moi", "passa-me", "passami", "passatemi", "durchstellen", "weiterverbinden", "verbinden", "verbinde",
    "pasame", "pasenme", "paseme", "comuniqueme", "comunicame", "put", "pass", "patch", "passar", "pasais",
    "pasas", "passi");
// Whoever is in charge, described rather than named: "whoever is responsible
// for deliveries", "quien esté a cargo", "celui qui dirige la boutique",
// "wer bei euch zuständig ist", "chi gestisce le consegne". Folded words.
constexpr std::string_view kInChargePhrases[] = {
    "whoever is in charge", "whoevers in charge", "whoever is responsible", "whoevers responsible", "whoever runs",
    "whoever manages", "whoever handles", "whoever deals with", "the person in charge", "person in charge",
    "someone in charge", "somebody in charge", "the person responsible", "someone responsible",
    "somebody responsible", "the one in charge", "head of customer", "head of support", "head of service",
    "head of sales", "head of department", "head of the department", "head of the store", "head of the shop",
    "head of the clinic", "head of the pharmacy", "head of the team", "head of operations", "someone senior", "somebody senior",
    "someone higher up", "somebody higher up", "team lead", "team leader",
    "quien este a cargo", "quien esta a cargo", "el que este a cargo", "el que esta a cargo", "la persona a cargo",
    "la persona encargada", "la persona responsable", "alguien a cargo", "alguien responsable", "quien maneja",
    "quien gestiona", "el que maneja", "alguien con autoridad", "alguien de mas arriba", "un superior",
    "jefe de", "jefa de",
    "celui qui dirige", "celle qui dirige", "celui qui gere", "celle qui gere", "celui qui soccupe",
    "celle qui soccupe", "la personne responsable", "la personne en charge", "la personne qui gere",
    "quelquun en charge", "quelquun de responsable", "quelquun de plus haut", "un superieur", "votre superieur",
    "wer zustandig ist", "wer bei euch zustandig", "wer bei ihnen zustandig", "wer hier zustandig",
    "wer ist zustandig", "wer ist bei euch zustandig", "wer ist bei ihnen zustandig", "wer ist hier zustandig",
    "den zustandigen", "die zustandige", "jemand zustandiges", "jemanden zustandigen", "jemand verantwortliches",
    "jemanden verantwortlichen", "wer verantwortlich ist", "wer das sagen hat", "wer hier das sagen hat",
    "leiter der filiale", "leiterin der filiale", "leiter des kundenservice", "leiterin des kundenservice",
    "leiter des kundendienstes", "leiterin des kundendienstes", "leitung der filiale", "jemand hoheres", "jemanden hoheren",
    "quem e o responsavel", "quem esta a cargo", "quem esta no comando", "quem cuida", "quem gerencia",
    "quem gere", "alguem responsavel", "alguem acima", "um superior", "chefe de", "chefe do",
    "chefe da",
    "chi gestisce", "chi si occupa", "chi e responsabile", "chi e il responsabile", "chi e in carica", "un superiore", "qualcuno di responsabile", "qualcuno piu in alto"};
// Who is in charge, asked with no object: "wer ist bei euch zuständig?",
// "who's in charge here?"; not "who is responsible for return costs?".
constexpr std::string_view kWhoInCharge[] = {
    "who is in charge", "whos in charge", "who is responsible", "whos responsible", "quien esta a cargo",
    "quien es el responsable", "quien es el encargado", "quien manda", "qui est responsable", "qui est le responsable",
    "qui est en charge", "wer ist zustandig", "wer ist bei euch zustandig", "wer ist bei ihnen zustandig",
    "wer ist hier zustandig", "wer ist verantwortlich", "wer hat hier das sagen", "quem e o responsavel",
    "quem esta a cargo", "quem manda", "chi e il responsabile", "chi e responsabile", "chi comanda",
    "who is actually in charge", "whos actually in charge", "who is really in charge", "quien esta realmente a cargo",
    "qui est vraiment responsable", "wer ist eigentlich zustandig", "quem e que manda", "chi e che comanda",
    "who decides", "who makes the decision", "who gets to decide", "quien decide", "qui decide", "wer entscheidet",
    "quem decide", "chi decide"};
size_t InChargeAt(const std::vector<std::string>& f, size_t i) {
  static const PhraseIndex kIndex(kInChargePhrases);
  return kIndex.At(f, i);
}
// Words after a role that make it a thing ("vet appointment", "doctor's note").
constexpr auto kRoleThings = Words("appointment", "appt", "visit", "consultation", "prescription", "note", "referral",
                             "letter", "bill", "report", "fees", "fee", "hours", "cita", "consulta", "receta",
                             "turno", "termin", "termine", "rezept", "rendez-vous", "rdv", "ordonnance", "receita",
                             "ricetta", "visita", "appuntamento", "orari", "horario", "horaires", "offnungszeiten",
                             "knife", "knives", "jacket", "hat", "uniform", "apron", "coat", "set");
// "can someone help me unblock my card" is help from whoever answers, the
// bot included: a weak request.
constexpr auto kHelp = Words("help", "ayudar", "ayudarme", "aider", "maider", "helfen", "ajudar", "ajudar-me",
                       "aiutare", "aiutarmi");
constexpr auto kInvertingModals = Words("puo", "puede", "pueden", "pode", "podem", "potrebbe", "podria", "poderia",
                                  "possono", "podrian", "poderiam");
// "another clinic": not this business.
constexpr auto kOther = Words("another", "other", "otra", "otro", "outra", "outro", "autre", "andere", "anderen",
                        "altra", "altro", "different",
                        // "transfer my file to my new clinic": where the visitor is going
                        "new", "nueva", "nuevo", "nouvelle", "nouveau", "neue", "neuen", "neuer", "nova", "novo",
                        "nuova", "nuovo");
// Looking at the visitor is an examination, not a person taking the case
// ("quiero que me vea el médico", "mich vom Arzt anschauen lassen").
constexpr auto kSeeing = Words("vea", "mire", "veja", "olhe", "anschauen", "ansehen", "look", "check", "regarder",
                         "olhar", "guardare", "mirar", "examinar", "visitare", "untersuchen");
constexpr auto kMe = Words("me", "mich", "moi", "mi", "m", "lassen");
// Asking someone to act: a modal or a request before, an action after.
constexpr auto kModals = Words("can", "could", "would", "will", "may", "please", "pls", "plz", "have", "get", "let",
                         "puede", "pueden", "podria", "podrian", "puedes", "que", "peut", "peuvent", "pourrait",
                         "pouvez", "pourriez", "quun", "kann", "konnte", "koennte", "soll", "sollen", "moge",
                         "bitte", "pode", "podem", "poderia", "possa", "puo", "possono", "potrebbe", "potete",
                         "faites", "lassen", "dass", "favor", "svp", "por", "podia", "podes", "poderiam",
                         "konnten", "koennten", "peut-elle", "peut-il", "pourrait-elle", "pourrait-il",
                         "puede", "possibile", "che", "favore", "pueda", "puedan", "puisse", "puissent", "possano",
                         // "a human must check my documents", "alguien debe revisarlo"
                         "must", "muss", "mussen", "debe", "deben", "doit", "doivent", "deve", "devem", "devono",
                         // "I'd rather the pharmacist checks it", "preferirei che mi chiamasse il medico"
                         "rather", "prefer", "prefiero", "preferiria", "prefere", "prefiro", "preferirei", "lieber");
constexpr auto kActions = Words(
    "look", "check", "review", "read", "call", "phone", "ring", "write", "email", "message", "contact",
    "answer", "reply", "respond", "help", "handle", "sort", "deal", "text", "mirar", "revisar", "leer", "llamar",
    "llame", "llamen", "escribir", "escriba", "escriban", "contestar", "responder", "atender", "atienda",
    "ayudar", "ocuparse", "contactar", "regarder", "verifier", "lire", "appeler", "appelle", "rappeler",
    "rappelle", "ecrire", "repondre", "aider", "occuper", "contacter", "traiter", "schauen", "ansehen",
    "anschauen", "prufen", "uberprufen", "lesen", "anrufen", "zuruckrufen", "schreiben", "melden", "antworten",
    "helfen", "kummern", "kontaktieren", "olhar", "verificar", "ler", "ligar", "ligue", "escrever", "responda",
    "atender", "ajudar", "tratar", "contatar", "contactar", "guardare", "controllare", "leggere", "chiamare",
    "chiami", "richiamare", "scrivere", "scriva", "rispondere", "aiutare", "occuparsi", "contattare",
    "verificare", "vea", "revise", "mire", "lea", "veja", "olhe", "revisar", "recontacter", "recontactar",
    "rever", "rispondermi", "aiutarmi", "chiamarmi", "scrivermi", "contattarmi", "richiamarmi", "ayudarme",
    "llamarme", "escribirme", "contestarme", "responderme", "atenderme", "ajudar-me", "ligar-me",
    "responder-me", "atender-me", "maider", "mappeler", "mecrire", "mrepondre", "occupi", "ocupe", "occupe", "kummert", "cuide", "trate", "risponda", "rispondere", "responda", "repond", "reponde", "responde", "risponde", "antwortet",
    "forward", "pass", "encaminha", "encaminhe", "reenvia", "reenvie", "transmettre", "weiterleiten", "inoltrare", "encaminhar", "pasar",
    "passare",
    // what only someone with authority does: "alguien que pueda autorizar el reembolso"
    "authorize", "authorise", "approve", "decide", "autorizar", "aprobar", "aprovar", "decidir", "autoriser",
    "approuver", "decider", "genehmigen", "freigeben", "entscheiden", "autorizzare", "approvare", "decidere",
    "telephone", "telefonear", "telefonar", "telephoner", "telefonieren", "telefonare",
    "checks", "phones", "calls", "looks", "reviews", "rings", "writes", "emails",
    // the case looked into: "qualcuno può guardarci?", "alguien puede revisarlo?"
    "guardarci", "guardarlo", "guardarla", "controllarlo", "verificarlo", "revisarlo", "revisarla", "mirarlo",
    "verifica-lo", "verificalo");
// Escalation verbs; "escalar" and "remonter" also climb, so they need their object or "faire".
constexpr auto kEscalate = Words("escalate", "escalated", "eskalieren", "eskaliert", "escalare", "escalonar");
constexpr auto kEscalateObjects = Words("esto", "este", "esta", "mi", "el", "la", "caso", "isso", "isto", "o", "meu",
                                  "minha", "reclamo", "queja", "reclamacao", "pedido", "ticket");

// Time with someone: "a chat with", "un moment avec", "due minuti col".
constexpr auto kMeeting = Words("chat", "word", "moment", "minute", "minutes", "call", "conversation", "charla",
                          "palabra", "momento", "minutos", "llamada", "conversacion", "mot", "entretien", "echange",
                          "appel", "gesprach", "wort", "minuten", "anruf", "telefonat", "conversa", "minutinho",
                          "ligacao", "chamada", "minuti", "parola", "chiamata", "colloquio", "chiacchierata",
                          // a video call or a meeting is time with them too
                          "videocall", "video-call", "videollamada", "videochamada", "videochiamata", "visio",
                          "visioconference", "videoanruf", "videotelefonat", "meeting", "reunion", "reuniao",
                          "riunione", "besprechung");
constexpr auto kWith = Words("with", "con", "avec", "mit", "com", "col", "coi", "al", "alla", "au");
// Asking for it ("can I", "I'd like", "book"), not having had it.
constexpr auto kAskFor = Words("book", "schedule", "arrange", "reservar", "agendar", "marcar", "prendre", "reserver",
                         "buchen", "vereinbaren", "prenotare", "fissare", "can", "could", "may", "like", "puedo",
                         "podria", "peux", "puis-je", "pourrais-je", "pourrais", "kann", "konnte", "koennte", "darf",
                         "durfte", "gern", "gerne", "posso", "poderia", "podia", "potrei");
// What may stand between a wanting verb and "someone": "necesito a alguien".
constexpr auto kBetween = Words("a", "de", "di", "da", "do", "un", "una", "une", "um", "uma", "einen", "ein", "mal",
                          "noch", "dringend", "just", "really", "urgently", "only", "solo", "juste");
constexpr auto kNobody = Words("nessuno", "nadie", "niemand", "niemandem", "niemanden", "ninguem", "nobody");
constexpr auto kWhoThat = Words("who", "that", "qui", "que", "der", "die", "che", "quien");
constexpr auto kFrom = Words("from", "of", "do", "da", "de", "del", "du", "vom", "von", "della", "dal", "dalla", "dell", "in");
constexpr auto kAvailable = Words("available", "free", "online", "libre", "disponible", "disponibles", "frei", "verfugbar",
                            "erreichbar", "da", "livre", "disponivel", "libero", "libera", "disponibile");
constexpr auto kNowWords = Words("now", "right", "today", "ahora", "hoy", "maintenant", "aujourdhui", "jetzt",
                           "gerade", "heute", "mal", "agora", "hoje", "adesso", "ora", "oggi", "please", "pls");
constexpr auto kWho = Words("who", "whom", "quien", "quem", "qui", "wer", "wem", "chi");
constexpr auto kAsk = Words("ask", "preguntar", "pregunto", "demander", "demande", "fragen", "frage", "perguntar",
                      "pergunto", "chiedere", "chiedo", "falo", "parlo", "hablo", "parle", "spreche", "rede");
constexpr auto kCan = Words("can", "could", "puede", "pueden", "peut", "pourrait", "sait", "kann", "konnte", "pode",
                      "consegue", "puo", "sa", "sabe", "weiss", "riesce", "consigue", "schafft", "arrive");
constexpr auto kAfterCan = Words("then", "entonces", "alors", "dann", "entao", "allora", "es", "it", "do", "that",
                           "this", "help", "me", "ayudar", "ayudarme", "aider", "maider", "helfen", "mir",
                           "ajudar", "aiutare", "aiutarmi", "mi", "so", "lo", "faire", "fazer", "fare",
                           "hacerlo", "machen", "das", "ca", "isso", "quindi", "donc", "also", "pues", "ci",
                           "y", "actually", "really");

// The sentence (or, with `clause`, the clause) holding w ends with a question mark.
bool QuestionAfter(const Message& m, const Item* w, bool clause = false) {
  const char* ends = clause ? ",;:.!?" : ".!?";
  for (const Token* t = w->tok + 1; t < m.tokens.data() + m.tokens.size(); ++t)
    if (t->kind == TokenKind::kPunct && t->text.find_first_of(ends) != std::string::npos) {
      if (t->text.find('?') != std::string::npos) return true;
      if (t->text.find_first_of(clause ? ",;:.!" : ".!") != std::string::npos) return false;
    }
  return false;
}

// A dose asked for to be sure it is enough, all at once: a self-harm red flag
// (public-health lists: asking about lethal amounts). Pills, "enough" and
// "at once" or "sure" in one message; a symptom named makes it a dosage
// question ("is two at once enough for a migraine?").
void DetectLethalDose(const std::vector<const Item*>& words, const std::vector<std::string>& f, Detector* d) {
  static constexpr auto kPills = Words("pills", "tablets", "meds", "sleeping", "somniferes", "comprimes", "cachets",
                                 "medicaments", "pastillas", "pildoras", "comprimidos", "remedios", "tabletten",
                                 "pillen", "schlaftabletten", "pillole", "compresse", "sonniferi", "medicine",
                                 "medicines", "medicinas", "farmaci", "medikamente", "somnifere", "dormir");
  static constexpr auto kEnough = Words("enough", "suffise", "suffit", "suffisant", "suffisante", "suficiente",
                                  "suficientes", "genug", "reicht", "reichen", "basta", "bastano", "basti",
                                  "abbastanza", "sufficiente", "sufficienti", "bastan", "bastem");
  static constexpr auto kSure = Words("once", "coup", "vez", "einmal", "colpo", "insieme", "sure", "seguro", "segura",
                                "sicher", "certeza", "sicura", "sicuro", "certain", "certaine", "wake", "acordar",
                                "despertar", "reveiller", "aufwachen", "svegliarmi", "svegliare");
  static constexpr auto kSymptoms = Words("headache", "migraine", "pain", "fever", "cough", "cold", "flu", "dolor",
                                    "douleur", "schmerzen", "dor", "dolore", "fiebre", "fievre", "fieber",
                                    "febre", "febbre", "tos", "toux", "husten", "tosse", "gripe", "grippe",
                                    "jaqueca", "kopfschmerzen", "emicrania", "dog", "cat", "perro", "chien",
                                    "hund", "cachorro", "cane", "gato", "chat", "katze", "gatto", "child", "kid",
                                    "nino", "enfant", "kind", "crianca", "bambino");
  size_t pills = SIZE_MAX, enough = SIZE_MAX;
  bool sure = false;
  for (size_t i = 0; i < f.size(); ++i) {
    if (In(kSymptoms, f[i])) return;
    if (In(kPills, f[i]) && pills == SIZE_MAX) pills = i;
    if (In(kEnough, f[i])) enough = i;
    sure |= In(kSure, f[i]);
  }
  if (pills != SIZE_MAX && enough != SIZE_MAX && sure)
    d->Add(kCueCrisis, 0.9, words[std::min(pills, enough)]->tok->begin, words[std::max(pills, enough)]->tok->end,
           kCrisisSelfHarm);
}

// A dose asked for to end it ("c'est combien de doliprane 1000 pour que ce
// soit fini?", "wie viele ibuprofen braucht man damit man nicht mehr
// aufwacht", "con quante pastiglie di bisoprololo si ferma il cuore?",
// "cuanto hay que tomar para que funcione en una persona de 60kg"): how much,
// a medicine or poison, and an end (fatal, the heart stopping, not waking,
// no way back) in one message. A symptom, a child or a pet makes it a dosage
// or poisoning question, which the red flags weigh.
void DetectDoseToEnd(const Message& m, const std::vector<const Item*>& words, const std::vector<std::string>& f,
                     Detector* d) {
  static constexpr std::string_view kHowMuch[] = {
      "how much", "how many", "whats the most", "what is the most", "the most", "cuanto", "cuanta", "cuantos",
      "cuantas", "que cantidad", "combien", "quelle quantite", "quelle dose", "wie viel", "wie viele", "wieviel",
      "wieviele", "welche menge", "welche dosis", "quanto", "quanta", "quantos", "quantas", "que quantidade",
      "quanti", "quante", "che quantita", "con quante", "con quanti", "con cuantas", "con cuantos", "avec combien",
      "mit wie viel", "mit wie viele", "com quantos", "com quantas"};
  static constexpr std::string_view kSubstances[] = {
      "pill", "tablet", "meds", "medic", "pastill", "pildora", "comprim", "cachet", "gelule", "tablett", "pille",
      "pastiglie", "compress", "farmac", "remedio", "paracetamol", "acetaminophen", "tylenol", "ibuprof", "aspirin",
      "doliprane", "dafalgan", "efferalgan", "tachipirina", "insulin", "bisoprolol", "metoprolol", "propranolol",
      "digox", "amitript", "sertralin", "fluoxetin", "diazepam", "lorazepam", "alprazolam", "xanax", "zolpidem",
      "tramadol", "codein", "morphin", "oxycod", "fentanyl", "lithium", "litio", "warfarin", "sintrom", "veneno",
      "poison", "gift", "veleno", "raticid", "mata-ratos", "chumbinho", "somnif", "sonnif", "schlaftabl"};
  static constexpr auto kFatal = Words("fatal", "lethal", "deadly", "letal", "mortal", "mortel", "mortelle", "todlich",
                                       "mortale", "letale", "fatale", "die", "morir", "mourir", "sterben", "morrer",
                                       "morire");
  static constexpr std::string_view kEnds[] = {
      "heart stops", "heart to stop", "wake up", "works this time", "work this time", "it works", "never wake",
      "corazon se pare", "corazon pare", "que funcione", "no despertar", "no volver a despertar", "que se acabe",
      "sin vuelta atras", "coeur sarrete", "coeur s'arrete", "ce soit fini", "que ca marche", "ne plus se reveiller",
      "pas se reveiller", "sans retour", "herz stehen bleibt", "herz stillsteht", "herz aufhort", "nicht mehr aufwacht",
      "nicht mehr aufwachen", "damit es vorbei", "kein zuruck", "coracao parar", "coracao pare", "ter volta",
      "nao acordar", "pra acabar", "para acabar", "funcionar", "si ferma il cuore", "cuore si ferma", "fermare il cuore",
      "non svegliarsi", "non svegliarmi", "senza ritorno", "per farla finita", "che funzioni"};
  // Ends that need no substance named: only death reads them ("of these", "von den 500ern").
  static constexpr std::string_view kOnlyDeath[] = {
      "heart stops", "heart to stop", "never wake", "no volver a despertar", "corazon se pare", "coeur sarrete",
      "coeur s'arrete", "ne plus se reveiller", "herz stehen bleibt", "herz stillsteht", "nicht mehr aufwacht",
      "nicht mehr aufwachen", "coracao parar", "coracao pare", "si ferma il cuore", "cuore si ferma", "fermare il cuore"};
  static constexpr auto kNotForMe = Words(
      "headache", "migraine", "pain", "fever", "cough", "cold", "flu", "dolor", "douleur", "schmerzen", "dor", "dolore",
      "fiebre", "fievre", "fieber", "febre", "febbre", "child", "kid", "baby", "toddler", "nino", "nina", "bebe",
      "enfant", "bebe", "kind", "baby", "crianca", "bambino", "bambina", "dog", "cat", "perro", "gato", "chien", "chat",
      "hund", "katze", "cachorro", "cane", "gatto", "plants", "garden", "jardin", "garten", "jardim", "giardino");
  // Poison for pests, unless a person's weight is asked about ("en una persona de 60kg").
  static constexpr auto kPests = Words("rats", "ratas", "ratten", "ratos", "topi", "mice", "ratones", "souris", "mause",
                                       "camundongos", "pests", "plagas");
  static constexpr auto kAPerson = Words("person", "persona", "personne", "mensch", "pessoa", "adult", "adulto",
                                         "adulte", "erwachsenen", "kg", "kilos", "chili", "kilo");
  static const PhraseIndex kHowMuchIndex(kHowMuch), kEndsIndex(kEnds), kOnlyDeathIndex(kOnlyDeath);
  // Most messages ask no "how much": one hashed lookup a word, before the word lists are scanned.
  size_t how = SIZE_MAX, substance = SIZE_MAX, end = SIZE_MAX, end_len = 1;
  for (size_t i = 0; i < f.size() && how == SIZE_MAX; ++i)
    if (kHowMuchIndex.At(f, i)) how = i;
  if (how == SIZE_MAX) return;
  bool pests = false, a_person = false, only_death = false;
  for (size_t i = 0; i < f.size(); ++i) {
    // "the dog's pills": the owner's word without its "'s"
    const std::string_view w = f[i].size() > 2 && f[i].compare(f[i].size() - 2, 2, "'s") == 0
                                   ? std::string_view(f[i]).substr(0, f[i].size() - 2) : std::string_view(f[i]);
    if (In(kNotForMe, w)) return;
    pests |= In(kPests, f[i]);
    a_person |= In(kAPerson, f[i]);
    if (substance == SIZE_MAX)
      for (std::string_view p : kSubstances)
        if (f[i].compare(0, p.size(), p) == 0) substance = i;
    if (end == SIZE_MAX) {
      if (In(kFatal, f[i])) end = i;
      else if (const size_t n = kEndsIndex.At(f, i)) end = i, end_len = n, only_death = kOnlyDeathIndex.At(f, i) > 0;
    }
  }
  if (substance == SIZE_MAX && only_death) substance = how;
  if (substance == SIZE_MAX || end == SIZE_MAX || end < how || (pests && !a_person)) return;
  if (m.cleaned.find("\xF0\x9F\x98\x82") != std::string::npos) return;
  d->Add(kCueCrisis, 0.9, words[std::min(how, substance)]->tok->begin, words[end + end_len - 1]->tok->end, kCrisisSelfHarm);
}

// ---- red flags described, not named (issue 13): public-health warning
// signs as words that occur together in one sentence, in six languages:
// "her mouth looks lopsided" (stroke), "el niño se bebió la lejía"
// (poisoning), "Motor läuft, Garagentor zu" (a self-harm means). Each rule
// is up to three slots that must all be in one sentence within
// kRedFlagSpan words. A slot is space-separated folded alternatives: a
// trailing '*' is a prefix, '_' joins consecutive words. The hard
// negatives are the message's guards (kNotNow): past events, first-aid
// and symptom questions, admin talk, fiction and toys.
struct RedFlag {
  const char* kind;
  const char* slots[3];
  bool negatable = true;  // a negator just before a slot word ("not swollen") voids it
  const char* unless = nullptr;  // words that make this rule's match something else
  bool lasting = false;  // a duration ("for weeks") is part of it, not a sign of the past
  bool message = false;  // its slots may stand in different sentences of the message
};

constexpr const char* kPeople =
    "he hes she shes him her husband wife boyfriend girlfriend partner son daughter baby kid child toddler mom mum "
    "mother dad father grandma grandpa granny nan brother sister friend man guy someone somebody "
    "ex exmarido expareja exnovio exnovia ella marido esposo esposa mujer novio novia pareja hijo hija bebe nino nina nene peque mama papa abuela "
    "abuelo hermano hermana amigo amiga hombre tipo alguien "
    "il elle mari femme copain copine conjoint fils fille enfant lenfant gamin petit petite maman mamie papi "
    "grand-mere grand-pere pere mere frere soeur ami amie homme mec quelquun "
    "er sie mann frau freund freundin sohn tochter das_kind mein_kind unser_kind vater mutter kleine kleiner oma opa bruder schwester typ jemand "
    "ele ela mulher namorado namorada filho filha crianca menino menina mae pai avo irmao irma homem alguem "
    "lui lei padre madre marito moglie ragazzo ragazza compagno figlio figlia bambino bambina bimbo bimba mamma nonna nonno "
    "fratello sorella amico uomo tizio qualcuno "
    // a patient at the practice or the pharmacy ("ein Patient hat ein Messer")
    "patient patientin patiente paciente paziente";
// Family and people, no pronouns ("il ne bouge plus" is often a parcel).
constexpr const char* kKin =
    "husband wife boyfriend girlfriend son daughter baby toddler mom mum mother dad father grandma grandpa granny "
    "marido esposo esposa novio novia hijo hija bebe nino nina mama papa padre madre abuela abuelo "
    "mari femme copain copine fils fille enfant lenfant maman papa pere mere mamie papi "
    "mann frau sohn tochter das_kind mein_kind baby mama papa vater mutter oma opa "
    "marido esposa filho filha crianca bebe mae pai avo avo "
    "marito moglie figlio figlia bambino bambina bimbo bimba mamma papa nonna nonno";
// A parcel that is not moving, a tracking page.
constexpr const char* kParcel =
    "parcel package order tracking delivery shipment paquete pedido envio seguimiento colis commande suivi livraison "
    "paket sendung bestellung lieferung sendungsverfolgung pacote pedido encomenda rastreio entrega pacco ordine "
    "spedizione tracciamento consegna";
constexpr const char* kMedicines =
    "pills pill tablets meds medication medications medicine medicines painkillers sleeping_pills pastillas pildoras "
    "comprimidos medicamentos medicinas cachets comprimes medicaments pilules somniferes tabletten medikamente pillen "
    "schlaftabletten schmerztabletten remedios pastiglie compresse pillole farmaci sonniferi";
constexpr const char* kSudden =
    "suddenly sudden all_of_a_sudden out_of_nowhere de_repente derepente repentinamente de_golpe soudain soudainement "
    "tout_a_coup dun_coup plotzlich ploetzlich auf_einmal do_nada improvvisamente allimprovviso di_colpo tutto_a_un_tratto";
constexpr const char* kBreath =
    "breathe breathing breath respirar respira respirando respiracion respirer respire respiration atmen atmet atmung "
    "luft ar respiracao respirare respiro fiato";

// clang-format off
const RedFlag kRedFlags[] = {
    // -- stroke (FAST): a face drooping, speech slurred, an arm gone weak, sudden confusion
    // an asthma attack the reliever does not stop: "asthma attack, inhaler not working", "crise
    // d'asthme, la ventoline ne fait rien"
    {kCrisisMedicalEmergency, {"asthma asthma_attack asma crisis_de_asma ataque_de_asma asthme crise_dasthme asthmaanfall "
                               "asthmaattacke crise_de_asma attacco_dasma attacco_di_asma",
                               "inhaler inhalers puffer pump spray inhalador bomba ventolin ventoline salbutamol "
                               "inhalateur asthmaspray notfallspray bombinha inalatore",
                               "not_working isnt_working not_helping isnt_helping doesnt_help doesnt_work no_funciona "
                               "no_hace_nada no_le_hace_nada no_me_hace_nada no_ayuda ne_fait_rien ne_marche_pas "
                               "marche_pas fait_rien hilft_nicht wirkt_nicht bringt_nichts nao_funciona "
                               "nao_esta_funcionando nao_ajuda nao_faz_nada non_funziona non_fa_niente non_aiuta"},
     true, "symptoms sintomas symptomes symptome sintomi refill receta ordonnance rezept receita ricetta expired "
     "caducado perime abgelaufen vencido scaduto", false, true},
    // a diabetic's low described: shaking or sweating, and confusion or alone: "bin diabetiker,
    // zittere, schwitze, kann kaum klar denken, bin allein daheim"
    {kCrisisMedicalEmergency, {"diabetic diabetes diabetico diabetica diabetique diabetiker diabetikerin diabete "
                               "diabetica diabetico hypo hypoglycemia hipoglucemia hypoglycemie unterzucker hipoglicemia "
                               "ipoglicemia",
                               "shaking trembling sweating sweaty shaky temblando tiemblo sudando sudor tremble tremblant "
                               "transpire zittere zittert schwitze schwitzt tremendo tremo suando suado trema tremo "
                               "sudando sudato",
                               "confused confusion cant_think cant_think_straight dizzy alone passing_out faint confundido "
                               "confundida no_puedo_pensar mareado mareada solo sola confus confuse etourdi seul seule "
                               "verwirrt klar_denken schwindelig allein umkippen confuso confusa tonto tonta sozinho "
                               "sozinha confuso confusa stordito stordita da_solo da_sola svenire"},
     true, "symptoms sintomas symptomes symptome sintomi signs signos signes zeichen sinais segni what_are cuales "
     "quels welche quais quali cat dog perro perra gato gata chat chien chienne katze kater hund cachorro cadela cane "
     "gatto gatta", false, true},
    // gas smelled or leaking at home now (a danger to life the emergency services handle):
    // "i can smell gas in my kitchen", "ça sent le gaz dans l'appart", "es riecht nach gas"
    {kCrisisMedicalEmergency, {"smell_gas smells_of_gas smells_like_gas smelling_gas gas_smell gas_leak leaking_gas "
                               "huele_a_gas olor_a_gas fuga_de_gas escape_de_gas sent_le_gaz odeur_de_gaz fuite_de_gaz "
                               "riecht_nach_gas gasgeruch gasleck gas_tritt_aus cheiro_de_gas cheira_a_gas fuga_de_gas "
                               "vazamento_de_gas puzza_di_gas odore_di_gas fuga_di_gas perdita_di_gas"},
     true, "detector detectors detector_de detecteur melder rilevatore sensor sensore alarm alarma alarme allarme "
     "car coche voiture auto carro macchina exhaust yesterday ayer hier gestern ontem ieri fixed arreglado repare "
     "repariert consertado riparato price precio prix preis preco prezzo buy comprar acheter kaufen comprare"},
    {kCrisisMedicalEmergency, {"face mouth lip lips cara boca rostro labio labios visage bouche levre levres gesicht gesichtshalfte mund mundwinkel lippe lippen rosto viso bocca labbro labbra",
                               "droop* lopsided crooked sagging saggy slack caida caido cae torcida torcido ladeada ladeado colgando paralizada paralizado tombe tombante affaissee affaisse paralysee paralyse travers hangt herunterhangt schief gelahmt schlaff caiu torta torto entortada entortado paralisada paralisado storta storto cadente abbassata abbassato paralizzata paralizzato pende"}},
    {kCrisisMedicalEmergency, {"speech talking talks speaking words habla hablar palabras parle parler parole mots spricht sprechen fala falar palavras parla parlare",
                               "slurr* arrastra arrastrando arrastrada trabada enredada bafouille bafouiller pateuse verwaschen undeutlich lallt lallend enrolada enrolado arrastada arrastado embolada impastata biascica farfuglia"}},
    {kCrisisMedicalEmergency, {"slurring lallt lallen biascica farfuglia bafouille balbucea"}, false},
    {kCrisisMedicalEmergency, {kSudden, "speak talk talking speech hablar habla parler parle sprechen spricht falar fala parlare parla",
                               "cant cannot couldnt weird funny strange nonsense puede raro rara peut narrive bizarre bizarrement kann komisch seltsam consegue estranho riesce strano strana"}, false},
    {kCrisisMedicalEmergency, {kSudden, "arm arms brazo brazos bras braco bracos braccio braccia",
                               "lift raise move weak limp dead numb levantar mover debil flojo lever bouger faible mou inerte heben bewegen schwach taub mexer fraco dormente alzare muovere sollevare debole"}, false},
    {kCrisisMedicalEmergency, {kSudden, kKin, "confused disoriented know_where recognize recognise confundida confundido desorientada desorientado sabe_donde reconoce confuse confuso desorientee desoriente sait_plus_ou reconnait verwirrt orientierungslos weiss_nicht_wo erkennt confusa desorientada sabe_onde reconhece disorientata disorientato sa_dove riconosce"}},
    // -- anaphylaxis: swelling of the tongue or throat; lips or face with an allergen or breathing trouble
    {kCrisisMedicalEmergency, {"swell* swollen puffing hinchad* hinchando hincha inflamad* enfle enflee gonfle gonflee gonfler geschwollen schwillt anschwellen dick inchad* inchando inchou gonfi*",
                               "tongue throat lengua garganta langue gorge zunge hals rachen lingua gola"}},
    {kCrisisMedicalEmergency, {"swell* swollen puffing hinchad* hinchando hincha inflamad* enfle enflee gonfle gonflee geschwollen schwillt anschwellen inchad* inchando inchou gonfi*",
                               "lip lips face eyes labio labios cara ojos levre levres visage yeux lippe lippen gesicht augen labio labios rosto olhos labbro labbra viso faccia occhi",
                               "ate eating allergic allergy peanut peanuts nut nuts shrimp sting stung bee wasp hives epipen epinephrine alergia alergico alergica cacahuete mani picadura pico abeja avispa ronchas adrenalina allergie allergique arachide cacahuete piqure piquee abeille guepe urticaire adrenaline allergisch erdnuss erdnusse nusse stich gestochen biene wespe quaddeln adrenalin alergico amendoim abelha vespa picada urticaria allergico arachidi noccioline puntura punto ape orticaria breathe breathing breath respirar respira respirer respire atmen atmet luft ar respirare respira fiato"}},
    {kCrisisMedicalEmergency, {"throat garganta gorge hals rachen gola",
                               "closing closes tight cierra cerrando cierrando ferme serre zu zugeschnurt schnurt fechando fecha chiude chiudendo stringe"}},
    // -- cardiac: chest pain now (a red flag, so "had chest pains yesterday, he's fine now" is not) ...
    {kCrisisMedicalEmergency, {"chest_pain chest_pains dolor_de_pecho dolor_en_el_pecho douleur_thoracique douleurs_thoraciques douleur_a_la_poitrine brustschmerzen brustschmerz dor_no_peito dores_no_peito dolore_al_petto dolori_al_petto"}},
    // ... or with the arm, jaw, sweat or breath
    {kCrisisMedicalEmergency, {"chest pecho torax poitrine brust brustkorb peito petto torace",
                               "pain pains hurts hurting pressure tight tightness crushing squeezing dolor duele presion opresion douleur mal serre oppression schmerz schmerzen schmerzt druck enge engegefuhl dor doi doendo aperto pressao dolore male oppressione peso",
                               "arm jaw left sweat sweating sweaty brazo mandibula izquierdo sudor sudando bras machoire gauche sueur transpire kiefer links schweiss schwitzt braco mandibula esquerdo suor suando braccio mascella sinistro sudore sudando vomit nausea " "breathe breathing breath respirar respira respirer respire atmen atmet luft ar respirare respira fiato"}},
    // -- poisoning: a household poison swallowed; medicines by a child or too many
    {kCrisisMedicalEmergency, {"swallowed swallowing ate eaten drank drunk drinking ingested chewed licked trago tragado tragando bebio bebido comio comido ingirio chupo avale avalee bu mange ingere lechee verschluckt geschluckt getrunken gegessen geleckt engoliu bebeu comeu ingeriu lambeu ingoiato ingoiata bevuto mangiato ingerito leccato",
                               "bleach detergent pod pods antifreeze poison pesticide weedkiller insecticide lye battery batteries magnet magnets nicotine lejia lavandina cloro detergente pila pilas iman imanes veneno matarratas raticida javel lessive pile piles aimant aimants mort-aux-rats raticide desherbant bleichmittel chlorreiniger reiniger waschmittel spulmaschinentab spulmaschinentabs batterie batterien knopfzelle magnete rattengift sanitaria lixivia pilha pilhas bateria baterias ima chumbinho candeggina detersivo batteria magnete calamita veleno topicida"}},
    {kCrisisMedicalEmergency, {"swallowed ate eaten trago tragado comio avale mange verschluckt geschluckt gegessen engoliu comeu ingoiato mangiato",
                               "pills tablets meds medicine medication pastillas pildoras medicinas medicamentos cachets comprimes medicaments pilules tabletten medikamente pillen comprimidos remedios pastiglie compresse pillole farmaci",
                               "child kid baby toddler son daughter boy girl nino nina hijo hija bebe nene peque enfant lenfant fils fille petit petite gamin kind sohn tochter kleine kleiner crianca filho filha menino menina bambino bambina figlio figlia bimbo bimba"}},
    {kCrisisMedicalEmergency, {"swallowed ate took taken trago tragado tomo tomado avale pris verschluckt geschluckt genommen engoliu tomou ingoiato preso",
                               "pills tablets meds medicine medication pastillas pildoras medicinas medicamentos cachets comprimes medicaments pilules tabletten medikamente pillen comprimidos remedios pastiglie compresse pillole farmaci",
                               "whole entire bottle box packet too_many demasiadas caja frasco blister trop boite flacon plaquette zu_viele ganze packung schachtel demais caixa cartela troppe scatola flacone confezione"}},
    // -- unconscious, collapsed, not moving
    {kCrisisMedicalEmergency, {kPeople,
                               "collapsed passed_out fainted unresponsive blacked_out desmayo desmayado desmayada desplomo desplomado evanoui evanouie sest_evanoui effondre effondree umgekippt zusammengebrochen ohnmachtig desmaiou desmaiado desmaiada desabou svenuto svenuta svenne crollato crollata accasciato accasciata"}},
    {kCrisisMedicalEmergency, {"not_moving isnt_moving wont_move no_se_mueve ne_bouge_plus ne_bouge_pas bewegt_sich_nicht_mehr nao_se_mexe nao_se_move non_si_muove ne_se_reveille_pas ne_se_reveille_plus non_si_sveglia",
                               kKin}, false, kParcel},
    // -- seizures
    {kCrisisMedicalEmergency, {"convulsing convulsionando convulsiona convulse krampft zuckt"}},
    {kCrisisMedicalEmergency, {kPeople, "seizure seizing convulsions convulsiones convulsao convulsoes convulsione convulsioni crisis_epileptica ataque_epileptico crise_depilepsie crise_convulsive anfall epileptischen_anfall crise_convulsiva crise_epileptica attacco_epilettico crisi_epilettica"}},
    // -- meningitis: fever with a stiff neck or a rash that does not fade under pressure
    {kCrisisMedicalEmergency, {"fever feverish high_temperature fiebre calentura fievre fieber febre febbre",
                               "stiff_neck neck_is_stiff neck_stiff rash_doesnt_fade rash_that_doesnt_fade rash_wont_fade purple_spots "
                               "cuello_rigido cuello_duro nuca_rigida manchas_que_no_desaparecen manchas_moradas no_desaparecen_al_apretar "
                               "nuque_raide raideur_de_la_nuque taches_violettes seffacent_pas ne_seffacent "
                               "nacken_steif steifer_nacken steifen_nacken nackensteife flecken_die_nicht_verschwinden lila_flecken "
                               "pescoco_rigido pescoco_duro manchas_roxas nao_desaparecem collo_rigido rigidita_nucale macchie_viola non_scompaiono"},
     true, "vaccine vaccines vaccination vacuna vacunas vaccin vaccins impfung geimpft vacina vacinas vaccino vaccini"},
    // -- heavy bleeding
    {kCrisisMedicalEmergency, {"bleeding bleeds sangra sangrando hemorragia saigne saignement hemorragie blutet blutung sanguina sanguinando emorragia",
                               "everywhere lot heavily badly pouring gushing spurting soaking soaked mucho mucha muchisimo chorros empapado empapada partout beaucoup abondamment stark viel uberall spritzt muito jorrando encharcado encharcada tanto tantissimo ovunque dappertutto zampilla"}},
    {kCrisisMedicalEmergency, {"blood sangre sang blut sangue",
                               "everywhere pouring gushing spurting soaking soaked puddle pool todas_partes chorros empapado empapada charco partout flaque abondamment uberall spritzt pfutze jorrando encharcado encharcada poca ovunque dappertutto pozza"}},
    {kCrisisMedicalEmergency, {"blood bleeding sangre sang saignement blut blutung sangue",
                               "not_stop doesnt_stop wont_stop dont_stop cant_stop no_para no_deja ne_sarrete_pas sarrete_pas hort_nicht_auf nao_para non_si_ferma non_smette"},
     true, "gum gums floss flossing nose nosebleed period encias nariz regla gencives nez regles zahnfleisch nase periode gengivas menstruacao gengive naso ciclo "
     "test tests results analisis analyse analyses bluttest blutwerte exame exames esame esami pressure presion pression druck pressao pressione sugar azucar sucre zucker acucar zucchero worrying"},
    {kCrisisMedicalEmergency, {"wont_stop_bleeding cant_stop_the_bleeding no_para_de_sangrar no_deja_de_sangrar sarrete_pas_de_saigner arrete_pas_de_saigner hort_nicht_auf_zu_bluten nao_para_de_sangrar non_smette_di_sanguinare non_si_ferma"}, false},
    // -- breathing: lips blue, choking, struggling for breath
    {kCrisisMedicalEmergency, {"lips labios levres lippen labbra",
                               "blue purple grey gray morado morados morada azul azules violet violets violettes bleu bleue bleues blau lila roxo roxos roxa azuis viola blu violacee violacei cianotic*"}},
    {kCrisisMedicalEmergency, {kPeople, "choking atragantado atragantada atragantando atraganta ahogando ahogandose etouffe setouffe erstickt engasgado engasgada engasgando engasgou soffoca soffocando strozzato strozzata"}},
    {kCrisisMedicalEmergency, {kBreath, "barely struggling struggles gasping hardly apenas me_cuesta le_cuesta peine kaum schwer schnappt japst mal fatica stento"},
     true, "nose nariz nez nase naso stuffy blocked congested congestion tapada bouche verstopft entupido tappato"},
    // -- self-harm: means at hand, farewells written
    // ... a means with its everyday use denied: "the rope i ordered. will it hold my
    // weight. its not for climbing", "charcoal and tape... its not for a bbq", "the
    // knife set arrived. i know what im using it for and its not cooking"; not a rope
    // for a boat, a knife given as a gift
    {kCrisisSelfHarm, {"rope ropes cuerda cuerdas soga corde cordes strick seil corda cordas forca cappio charcoal carbon carbon_vegetal "
                       "charbon holzkohle kohle carvao carbone carbonella knife knives cuchillo cuchillos couteau couteaux messer faca facas "
                       "coltello coltelli",
                       "not_for its_not_for isnt_for not_cooking its_not_cooking no_es_para no_son_para no_es_pa pas_pour cest_pas_pour "
                       "nest_pas_pour nicht_zum nicht_fur nicht_zum_grillen nicht_zum_kochen nicht_zum_klettern nao_e_para nao_sao_para "
                       "nao_e_pra non_e_per non_sono_per",
                       "climbing bbq barbecue barbeque grill cooking cook cocinar cocina barbacoa asado escalada escalar cuisine cuisiner "
                       "grillade escalade kochen grillen klettern cozinhar cozinha churrasco escalar cucinare cucina grigliata arrampicata "
                       "camping acampar campeggio"},
     false, "boat barco bateau boot barca garden jardin jardim garten giardino gift regalo cadeau geschenk presente hunting caza chasse "
            "jagd caca caccia collection coleccion sammlung colecao collezione fishing pesca peche angeln dog perro chien hund cao cane "
            "decoration decoracion deko decoracao decorazione", false, true},
    {kCrisisSelfHarm, {"rope cuerda soga corde strick seil corda beam viga poutre balken trave hook gancho crochet haken",
                       "hold_my_weight take_my_weight bear_my_weight aguanta_mi_peso aguantar_mi_peso soporta_mi_peso tenir_mon_poids "
                       "supporter_mon_poids mein_gewicht_halten mein_gewicht_tragen halt_mein_gewicht aguentar_o_meu_peso aguenta_o_meu_peso "
                       "aguenta_meu_peso reggere_il_mio_peso regge_il_mio_peso"},
     false, "climbing escalada escalade klettern arrampicata swing columpio balancoire schaukel balanco altalena hammock hamaca hamac "
            "hangematte rede amaca gym gimnasio palestra ladder escalera echelle leiter escada scala boat barco bateau boot barca", false, true},
    {kCrisisSelfHarm, {"want_to_take_them_all going_to_take_them_all gonna_take_them_all will_take_them_all take_them_all_tonight "
                       "quiero_tomarlas_todas quiero_tomarmelas_todas me_las_voy_a_tomar_todas voy_a_tomarlas_todas "
                       "je_vais_tous_les_prendre je_veux_tous_les_prendre je_vais_toutes_les_prendre ich_will_alle_nehmen "
                       "ich_nehme_sie_alle ich_werde_alle_nehmen quero_tomar_todos quero_tomar_todas vou_tomar_todos vou_tomar_todas "
                       "voglio_prenderle_tutte voglio_prenderli_tutti le_prendo_tutte li_prendo_tutti"}, false},
    {kCrisisSelfHarm, {"rope noose cuerda soga corde noeud strick seil schlinge corda forca cappio",
                       "neck beam cuello viga ahorcarme colgarme cou poutre me_pendre hals balken mich_aufhangen mich_erhangen pescoco me_enforcar enforcar-me collo trave impiccarmi"}},
    {kCrisisSelfHarm, {"engine motor moteur motore", "running encendido marcha tourne lauft laeuft ligado acceso", "garage* garaje* garagem"}},
    // ... the car running behind a shut door: "in the garage with the car running and the door shut"
    {kCrisisSelfHarm, {"car coche carro auto voiture macchina wagen engine motor moteur motore",
                       "running encendido encendida prendido marcha tourne allume lauft laeuft ligado acceso accesa",
                       "door_shut door_closed doors_shut garage_door_shut puerta_cerrada portón_cerrado porton_cerrado porte_fermee portail_ferme tor_zu tur_zu garagentor_zu geschlossenem_tor portao_fechado porta_fechada porta_chiusa basculante_chiuso serranda_abbassata"}},
    // ... the means at hand and a goodbye or "can't anymore": "got the rope. bye"
    {kCrisisSelfHarm, {"rope noose cuerda soga corde strick schlinge corda forca cappio",
                       "bye goodbye cant_do_this_anymore cant_go_on got_everything_ready everything_is_ready adios chao ya_no_puedo_mas no_puedo_mas todo_listo adieu au_revoir jen_peux_plus je_nen_peux_plus tout_est_pret tschuss leb_wohl kann_nicht_mehr alles_bereit tchau adeus nao_aguento_mais ja_nao_aguento tudo_pronto addio ciao non_ce_la_faccio_piu tutto_pronto"},
     false, "garden jardin jardim garten giardino gym gimnasio ginasio palestra climbing escalada escalade klettern arrampicata camping boat barco bateau boot barca plants plantas plantes pflanzen piante", false, true},
        {kCrisisSelfHarm, {"gas gaz", "turned opened left abri abierto abierta ouvert ouvre aufgedreht offen aberto aperto", "windows sealed taped ventanas sellado fenetres calfeutre fenster abgedichtet janelas vedado finestre sigillato"}},
    {kCrisisSelfHarm, {"razor blade blades cuchilla cuchillas navaja lame lames rasoir rasierklinge klinge klingen lamina laminas gilete lametta lamette",
                       "wrist wrists veins munecas muneca venas poignets veines handgelenk handgelenke pulsadern pulsos pulso veias polsi polso vene"}},
    {kCrisisSelfHarm, {"cut slit cortar cortarme abrirme couper taper ouvrir aufschneiden schneiden cortar tagliare tagliarmi",
                       "wrist wrists veins munecas venas poignets veines pulsadern handgelenke pulsos veias polsi vene"},
     true, "glass broken accident accidentally cooking kitchen vidrio cristal accidente verre accident cuisine glas scherbe unfall kuche vidro acidente cozinha vetro incidente cucina"},
    {kCrisisSelfHarm, {"jump jumping tirarme lanzarme saltar sauter jeter springen werfen pular jogar buttarmi lanciarmi",
                       "bridge roof balcony ledge cliff puente azotea balcon tejado acantilado pont toit balcon falaise brucke dach balkon klippe ponte telhado varanda penhasco tetto balcone scogliera"}},
    {kCrisisSelfHarm, {"letter letters note notes cartas carta nota notas lettre lettres mot mots brief briefe abschiedsbrief abschiedsbriefe zettel bilhete bilhetes lettera lettere biglietto biglietti",
                       "goodbye farewell despedida adieu dadieu abschied written wrote escritas escrita escribi ecrites ecrit ecrite geschrieben escritas escrevi scritte scritto scritta",
                       "family kids children wife husband parents mom familia hijos esposa marido padres famille enfants femme mari parents familie kinder frau mann eltern filhos pais famiglia figli moglie marito genitori everyone todos tous alle todos tutti"}},
    {kCrisisSelfHarm, {"tell dile diles decile digale dites dis sag sagt sagen sagen_sie diga digam diz dite di",
                       "kids children son daughter wife husband mom dad family hijos hija hijo esposa marido mama papa familia enfants fils fille femme mari maman papa famille kinder sohn tochter frau mann mama papa familie filhos filho filha esposa marido mae pai familia figli figlio figlia moglie marito mamma papa famiglia",
                       "loved quise queria aimais aimait geliebt liebte amava amei amavo volevo_bene"}},
    // ... a way not to wake up, an ending announced
    {kCrisisSelfHarm, {"how_many how_much cuantas cuantos combien wie_viele wieviele quantos quantas quante quanti sleep dormir dormirme endormir schlafen einschlafen dormire addormentarmi",
                       "not_wake never_wake no_despertar no_despertarme nunca_despertar pas_me_reveiller plus_me_reveiller plus_jamais_me_reveiller jamais_me_reveiller nicht_mehr_aufwachen nicht_aufwachen nie_mehr_aufwachen nie_wieder_aufwachen nao_acordar nao_acordar_mais nunca_mais_acordar non_svegliarmi non_svegliarmi_piu piu_svegliarmi"}, false},
    // ... outliving one's card ("valid till 2027 but i wont be"), nobody left to answer
    // after a near time ("after tonight no one will answer it"; not the office closed
    // for the holidays); not living to see a date is DetectNotLivingToSee
    // ... nothing mattering after a date: "after tuesday none of this will matter to me", "despues del 20 ya
    // nada importa", "depois disso nada importa", "danach is eh alles egal" (anywhere in the message)
    {kCrisisSelfHarm, {"nothing_will_matter none_of_this_will_matter nothing_matters nothing_will_matter_anymore "
                       "nada_importa nada_va_a_importar nada_mais_importa nada_vai_importar plus_rien_ne_compte "
                       "plus_rien_naura_dimportance plus_rien_nimporte rien_ne_comptera alles_egal eh_alles_egal "
                       "nichts_mehr_wichtig nulla_conta_piu niente_conta_piu non_importa_piu_niente niente_avra_importanza",
                       "after despues después depois apres après nach danach dopo from desde a_partir ab"},
     false, "lol haha jaja kkk mdr xd game juego jeu spiel jogo gioco series serie film movie", false, true},
    // ... farewell letters already written ("as cartas já estão escritas"), a last message to anyone
    {kCrisisSelfHarm, {"letters cartas lettres briefe lettere",
                       "already_written are_written are_already_written ya_estan_escritas estan_escritas "
                       "ja_estao_escritas estao_escritas sont_deja_ecrites sont_ecrites sind_geschrieben "
                       "schon_geschrieben sono_gia_scritte sono_scritte gia_scritte"},
     true, "cover_letter carta_de_presentacion lettre_de_motivation bewerbung anschreiben carta_de_apresentacao "
     "lettera_di_presentazione santa papa_noel pere_noel weihnachtsmann papai_noel babbo_natale reyes magos "
     "recommendation recomendacion complaint reclamacion reclamation beschwerde reclamacao reclamo"},
    {kCrisisSelfHarm, {"last_message_to_anyone last_message_ill_send last_message_i_send ultimo_mensaje_que_envio "
                       "ultimo_mensaje_a_nadie ultimo_mensaje_a_alguien dernier_message_a_quelquun dernier_message_que_jenvoie "
                       "letzte_nachricht_an_irgendwen letzte_nachricht_an_jemanden letzte_nachricht_die_ich "
                       "ultima_mensagem_a_alguem ultima_mensagem_que_envio ultimo_messaggio_a_qualcuno ultimo_messaggio_che_mando"}},
    // ... everything in order before a date, with one's passwords passed on: "como le paso las claves del
    // banco a mi hermano ... dejar todo en orden antes del domingo"
    {kCrisisSelfHarm, {"todo_en_orden tout_en_ordre tout_soit_en_ordre tudo_certo tudo_em_ordem alles_geregelt "
                       "alles_in_ordnung tutto_in_ordine everything_in_order affairs_in_order my_affairs",
                       "claves contrasena contrasenas codes codigos mots_de_passe passwords password pin passworter "
                       "zugangsdaten senha senhas codici credenziali access acceso acces zugang acesso accesso",
                       "before antes avant vor bevor prima de_vez for_good para_siempre"},
     false, "move moving relocation mudanza demenagement umzug mudanca trasloco holiday vacaciones vacances urlaub ferias vacanze "
     "surgery operacion operation operation cirugia cirurgia intervento", false, true},
    // ... the life policy asked about for one's own death: "does the life policy still pay out if i do it myself"
    {kCrisisSelfHarm, {"life_policy life_insurance insurance_money seguro_de_vida poliza_de_vida assurance_vie "
                       "assurance-vie lebensversicherung polizza_vita assicurazione_sulla_vita",
                       "do_it_myself by_my_own_hand kill_myself suicide suicidio suicidarme me_quito_la_vida suicider "
                       "me_suicide selbstmord suizid mich_umbringe me_matar me_mato uccidermi mi_uccido better_off_with"}},
    {kCrisisSelfHarm, {"valid valida valido vale valable gilt valeva validade expires caduca vence scade lauft runs lasts dura dure dauert",
                       "but_i_wont_be but_ill_be_gone but_not_me pero_yo_no pero_yo_ya_no mais_moi_non mais_pas_moi aber_ich_nicht ich_aber_nicht "
                       "mas_eu_nao mas_eu_ja_nao ma_io_no"}, false},
    {kCrisisSelfHarm, {"after_tonight after_today after_tomorrow by_monday by_tuesday by_wednesday by_thursday by_friday by_saturday by_sunday "
                       "despues_de_esta_noche despues_de_hoy despues_de_manana a_partir_de_manana apres_ce_soir apres_demain a_partir_de_demain "
                       "nach_heute nach_heute_nacht ab_morgen ab_montag depois_de_hoje depois_desta_noite a_partir_de_amanha dopo_stanotte "
                       "dopo_stasera dopo_oggi da_domani",
                       "no_one nobody noone nadie personne niemand ninguem nessuno",
                       "answer pick_up pay contestar contestara contesta pagar pagara repondra repondre payer antworten abheben zahlen "
                       "atender atende pagar rispondera rispondere pagare"},
     false, "holiday holidays vacation vacaciones vacances urlaub ferias vacanze office oficina bureau buro escritorio ufficio closed cerrado "
            "ferme geschlossen fechado chiuso shop tienda magasin laden loja negozio"},
    {kCrisisSelfHarm, {"wont_be_here_anymore wont_be_alive ya_no_estare_aqui ya_no_voy_a_estar_aqui je_ne_serai_plus_la je_ne_serai_plus_de_ce_monde nicht_mehr_am_leben nicht_mehr_auf_dieser_welt nao_vou_estar_mais_aqui nao_estarei_mais_aqui non_ci_saro_piu acabo_con_todo acabar_com_tudo acabo_com_tudo vou_acabar_com_tudo"}, false},
    {kCrisisSelfHarm, {"abschiedsbrief abschiedsbriefe suicide_note carta_de_despedida cartas_de_despedida lettre_dadieu lettres_dadieu carta_de_despedida lettera_daddio lettere_daddio"}},
    // ... medicines put aside for a plan: stockpiled ("hoarding my medication", "ich horte Tabletten"),
    // or kept over weeks or until there are enough ("è un mese che metto via le compresse")
    {kCrisisSelfHarm, {"stockpil* hoard* stash* saving_up saved_up been_saving been_collecting acumul* amass* accumul* juntando juntei juntado gesammelt sammle gehortet horte horten hortet gebunkert bunkere beiseitegelegt beiseite_gelegt mis_de_cote met_de_cote mets_de_cote mettre_de_cote messo_da_parte metto_da_parte mettendo_da_parte",
                       kMedicines},
     true, "discount money card coupon points descuento dinero tarjeta cupon puntos remise argent carte points rabatt geld karte punkte desconto dinheiro cartao pontos sconto soldi carta punti", true},
    {kCrisisSelfHarm, {"keeping kept saving saved collecting collected guardo guardando guardado guarde guardei metto_via mettendo_via messo_via garde gardant aufgehoben aufheben conservo conservando",
                       kMedicines,
                       "weeks months enough tonight semanas meses suficiente suficientes bastantes esta_noche semaines mois assez suffisamment ce_soir wochen monate monaten genug heute_nacht heute_abend settimane mesi abbastanza stasera un_mes un_mese un_mois einen_monat um_mes a_month"},
     true, "fridge nevera refrigerador heladera frigo frigorifique kuhlschrank geladeira frigorifero box caja boite dose scatola caixa drawer cajon tiroir schublade gaveta cassetto pillbox pastillero pilulier pillendose portapillole temperature temperatura expired expire expiry caducad* vencid* abgelaufen perim* scadut* safe discount coupon descuento remise rabatt desconto sconto",
     true},
    // ... being a burden, not being missed: "if I disappeared nobody would notice", "ich bin nur eine Last"
    {kCrisisSelfHarm, {"nobody noone no_one nadie personne niemand ninguem nessuno",
                       "miss notice care notice notaria extranaria echaria daria rendrait remarquerait remarquera apercevrait manquerait vermissen vermisst merken merkt auffallen sentiria perceberia mancherei accorgerebbe accorgerebbero noterebbe sentirebbe",
                       "disappeared disappear vanished died gone desapareciera desapareciese desaparezco muriera disparaissais disparaissait disparais mourais verschwinden verschwande verschwinde sturbe sumisse sumir desaparecesse morresse sparissi sparisco morissi"},
     false, "parcel package order account email newsletter list vacation holiday holidays trip weekend paquete pedido mi_cuenta lista vacaciones viaje colis commande mon_compte liste vacances voyage paket bestellung konto liste urlaub reise pacote pedido conta lista ferias viagem pacco ordine account vacanze viaggio"},
    {kCrisisSelfHarm, {"nobody noone no_one nadie niemand ninguem nessuno",
                       "miss_me me_echaria_de_menos me_va_a_echar_de_menos me_echara_de_menos me_extranaria me_va_a_extranar me_extranara mich_vermissen mich_vermisst sentir_minha_falta sentir_a_minha_falta sentiria_minha_falta sentiria_a_minha_falta sentir_falta_de_mim sentirebbe_la_mia_mancanza sentira_la_mia_mancanza sentire_la_mia_mancanza"},
     false},
    {kCrisisSelfHarm, {"je_ne_manquerais_a_personne je_manquerais_a_personne je_ne_manquerai_a_personne a_nessuno_mancherei non_mancherei_a_nessuno "
                       "estarian_mejor_sin_mi estarias_mejor_sin_mi estaran_mejor_sin_mi estaria_mejor_sin_mi vivirian_mejor_sin_mi mieux_sans_moi besser_ohne_mich ohne_mich_besser ohne_mich_waren_alle_besser ohne_mich_ware_alles_besser waren_ohne_mich_besser melhor_sem_mim meglio_senza_di_me meglio_senza_me "
                       "im_a_burden i_am_a_burden im_just_a_burden i_am_just_a_burden im_only_a_burden soy_una_carga_para solo_soy_una_carga je_suis_un_fardeau je_ne_suis_quun_fardeau ich_bin_eine_last ich_bin_nur_eine_last ich_bin_nur_noch_eine_last sou_um_peso_para so_sou_um_peso sou_um_fardo sono_un_peso_per sono_solo_un_peso sono_un_fardello "
                       "no_quiero_existir ya_no_quiero_vivir je_ne_veux_plus_vivre je_veux_plus_vivre je_ne_veux_plus_exister will_nicht_mehr_existieren mochte_nicht_mehr_leben nao_quero_mais_viver nao_quero_mais_existir non_voglio_piu_vivere non_voglio_piu_esserci non_voglio_piu_esistere"},
     false, "customer client cliente clientes kunde kunden clienti"},
    // ... at a height, with a last word: "bin aufm dach vom hochhaus. wollte nur sagen ...",
    // "sitting on the edge of the balcony. you're the only chat open" (anywhere in the message)
    {kCrisisSelfHarm, {"im_on i_am_on im_at im_sitting_on sitting_on standing_on im_standing_on estoy_en estoy_sentado estoy_sentada estoy_parado estoy_parada sentado_en sentada_en je_suis_sur je_suis_au assis_sur assise_sur debout_sur bin_auf bin_aufm sitze_auf sitze_aufm stehe_auf stehe_aufm estou_na estou_no estou_em sentado_na sentada_na sentado_no sentada_no sono_sul sono_sulla seduto_sul seduta_sul seduto_sulla seduta_sulla "
                       "on_top_of em_cima_do em_cima_da to_em_cima to_no to_na encima_del encima_de_la en_lo_alto_del au_bord_du au_bord_de oben_auf in_cima_al in_cima_alla",
                       "bridge roof rooftop ledge edge balcony cliff cliffs puente azotea tejado cornisa borde balcon acantilado pont toit rebord bord balcon falaise brucke dach hochhaus rand balkon klippe ponte telhado terraco parapeito beira varanda penhasco tetto cornicione bordo balcone scogliera "
                       "viaduct overpass viaducto viaduc viadukt autobahnbrucke viaduto passarela viadotto cavalcavia",
                       "dont_know_what_to_do no_se_que_hacer sais_pas_quoi_faire sais_plus_quoi_faire weiss_nicht_was_ich_tun_soll nao_sei_o_que_fazer non_so_cosa_fare non_so_che_fare "
                       "call_me llamame llamenme appelez-moi ruf_mich_an ruft_mich_an me_liga me_ligar me_liguem chiamami chiamatemi "
                       "just_wanted_to_say wanted_to_say goodbye bye tell sorry only_chat right_now "
                       "solo_queria_decir queria_decir adios diganle perdon ahora_mismo "
                       "je_voulais_juste_dire voulais_dire adieu dites pardon en_ce_moment "
                       "wollte_nur_sagen wollte_sagen tschuss sagt verzeiht gerade_jetzt "
                       "so_queria_dizer queria_dizer adeus digam desculpa agora_mesmo "
                       "volevo_solo_dire volevo_dire addio dite scusate scusa proprio_ora"},
     false, "fixing fix repair repairing gutter gutters antenna aerial solar panel panels cleaning clean paint painting install installing tiles shingles traffic stuck view party barbecue bbq drinks sunbathing plants garden work working job delivery parcel package order "
           "arreglando reparando antena placas limpiando pintando instalando tejas trafico atasco vista fiesta barbacoa plantas trabajo trabajando pedido paquete "
           "reparer reparation antenne panneaux nettoyer peindre installer tuiles bouchons embouteillage vue fete barbecue plantes travail travaille colis commande "
           "reparieren repariere antenne solar putzen streichen montieren ziegel stau aussicht party grillen pflanzen arbeit arbeite paket bestellung "
           "consertando arrumando antena paineis limpando pintando instalando telhas transito engarrafamento vista festa churrasco plantas trabalho trabalhando pacote pedido encomenda "
           "riparando sistemando antenna pannelli pulendo dipingendo installando tegole traffico coda vista festa grigliata piante lavoro lavorando pacco ordine",
     false, true},
    // ... an end announced: not alive, not here much longer
    {kCrisisSelfHarm, {"wont_exist wont_exist_anymore no_voy_a_existir ya_no_existire nao_vou_existir nao_vou_mais_existir je_nexisterai_plus nexisterai_plus werde_nicht_mehr_existieren non_esistero_piu "
                       "wont_be_alive will_not_be_alive not_be_around_much_longer not_going_to_be_around_much_longer not_gonna_be_around_much_longer wont_be_around_much_longer wont_be_here_much_longer not_living_anymore while_im_still_alive while_i_am_still_alive "
                       "ya_no_estare_vivo ya_no_estare_viva no_estare_vivo no_estare_viva no_voy_a_estar_mucho_mas ne_serai_plus_en_vie ne_serai_plus_vivant ne_serai_plus_vivante nicht_mehr_lange_am_leben nicht_mehr_lange_da_sein nao_vou_estar_viva nao_vou_estar_vivo nao_estarei_vivo nao_estarei_viva non_saro_piu_vivo non_saro_piu_viva non_saro_piu_qui"},
     false},
    // ... a heart stopped on purpose: "are these strong enough to stop your heart"
    {kCrisisSelfHarm, {"stop parar detener arreter stoppen anhalten fermare", "heart corazon coeur herz coracao cuore"}, true,
     "defibrillator desfibrilador defibrillateur defibrillator desfibrilhador defibrillatore cpr rcp reanimation"},
    // ... belongings given away: "I'm giving away all my stuff", "verschenke alle meine Sachen"
    {kCrisisSelfHarm, {"giving_away give_away gave_away regalando regale regalo donne donnant verschenke verschenken verschenkt dando doando doei",
                       "all_my_stuff all_my_things everything_i_own all_my_belongings todas_mis_cosas todo_lo_que_tengo todas_mis_pertenencias toutes_mes_affaires tout_ce_que_jai alle_meine_sachen alles_was_ich_habe todas_as_minhas_coisas tudo_o_que_tenho tutte_le_mie_cose tutto_quello_che_ho"},
     true, "moving move mudanza mudo demenage demenagement umzug ziehe mudanca mudando trasloco sale venta vente verkauf venda vendita charity caridad donation spende doacao beneficenza garage flohmarkt declutter* ordenando"},
    // ... going to the railway tonight: "I am going to the train line tonight" (anywhere in the message)
    {kCrisisSelfHarm, {"train_line train_tracks railway_line railway_tracks railroad_tracks the_tracks the_rails via_del_tren vias_del_tren las_vias la_via_del_tren voie_ferree les_rails la_voie bahngleise gleise den_gleisen die_gleise schienen den_schienen linha_do_comboio linha_do_trem linha_ferrea trilhos binari ferrovia sui_binari",
                       "tonight today now this_evening esta_noche hoy ahora esta_tarde ce_soir maintenant aujourdhui cette_nuit heute_nacht heute_abend heute jetzt gleich hoje_a_noite hoje esta_noite agora logo stanotte stasera oggi adesso"},
     false, "delay delayed strike late cancelled ticket tickets commute closed works engineering retraso huelga billete cancelado obras retard greve billet annule travaux verspatung streik fahrkarte ticket gesperrt baustelle atraso bilhete cancelado obras ritardo sciopero biglietto cancellato lavori station estacion gare bahnhof estacao stazione parcel package order delivery paquete pedido colis commande paket bestellung pacote encomenda pacco ordine",
     false, true},
    // ... not safe with oneself (a clinical warning sign on its own)
    {kCrisisSelfHarm, {"not_safe_with_myself dont_feel_safe_with_myself dont_trust_myself_tonight no_me_siento_seguro_conmigo no_me_siento_segura_conmigo no_estoy_seguro_conmigo no_estoy_segura_conmigo pas_en_securite_avec_moi-meme pas_en_securite_avec_moi_meme nicht_sicher_vor_mir_selbst nicht_sicher_vor_mir nao_me_sinto_seguro_comigo nao_me_sinto_segura_comigo nao_estou_seguro_comigo nao_estou_segura_comigo non_mi_sento_al_sicuro_con_me_stesso non_mi_sento_al_sicuro_con_me_stessa non_sono_al_sicuro_con_me_stesso non_sono_al_sicuro_con_me_stessa"},
     false},
    // ... a burden with a decision taken: "não quero ser mais um fardo... está decidido" (anywhere in the message)
    {kCrisisSelfHarm, {"im_a_burden i_am_a_burden be_a_burden being_a_burden soy_una_carga ser_una_carga ser_una_carga_para sou_um_fardo ser_um_fardo ser_mais_um_fardo sou_um_peso ser_um_peso suis_un_fardeau etre_un_fardeau bin_eine_last eine_last_sein sono_un_peso sono_un_fardello essere_un_peso essere_un_fardello",
                       "decided its_decided made_up_my_mind decidido decidida esta_decidido lo_he_decidido decide decidee cest_decide jai_decide entschieden beschlossen steht_fest decidi deciso decisa ho_deciso e_deciso"},
     false, "customer client cliente clientes kunde kunden clienti courier driver delivery repartidor livreur kurier fahrer entregador motorista corriere staff", false, true},
    // -- violence: someone being hit now: "the carer is slapping my mother right now", "en train de gifler"
    {kCrisisViolence, {"hitting slapping punching strangling beating_her beating_him beating_me beating_my kicking_her kicking_him kicking_my golpeando abofeteando ahorcando le_esta_pegando la_esta_pegando lo_esta_pegando gifler giflant frapper frappe tabasser etrangler schlagt schlaegt ohrfeigt verpruegelt verprugelt wurgt batendo_nela batendo_nele batendo_na_minha batendo_no_meu espancando bofeteando estapeando enforcando picchiando schiaffeggiando prendendo_a_schiaffi colpendo strangolando",
                       "right_now now ahora_mismo ahora en_este_momento en_train_de en_ce_moment maintenant gerade jetzt grad agora agora_mesmo neste_momento adesso in_questo_momento sta stanno ora"},
     true, "eggs huevos oeufs eier ovos uova cream nata creme sahne natas panna drum drums tambor batterie schlagzeug bateria record recorde game juego jeu spiel jogo gioco ball pelota balle ball bola palla heat calor chaleur hitze calor caldo traffic trafico door puerta porte tur porta fehl alarm uhr wave ola vague welle onda"},
    // ... a robbery under way: "überfall in ihrer filiale gerade, maskierte mit waffe", "rapina in corso
    // nella vostra filiale", "están asaltando la sucursal ahora"
    {kCrisisViolence, {"robbery hold-up holdup stick-up being_robbed being_held_up robbing atraco asalto atracando asaltando "
                       "braquage braquent braquer cambriolage cambriolent uberfall raububerfall uberfallen uberfallt assalto "
                       "assaltando assaltaram rapina rapinando rapinano",
                       "right_now now happening in_progress going_on ahora ahora_mismo en_este_momento en_curso "
                       "en_cours maintenant en_ce_moment gerade jetzt grad lauft agora agora_mesmo acontecendo neste_momento "
                       "em_andamento in_corso adesso ora in_questo_momento stanno estan estamos nos_estan tao estao "
                       "armed armado armados armada pistola pistolas gun guns knife arme armes armee armes waffe waffen "
                       "bewaffnet armati arma armi coltello"},
     true, "film movie pelicula serie series game juego jeu spiel jogo gioco book libro livre buch livro news daylight "
     "price prices precio precios prix preis preise preco precos prezzo prezzi "
     "noticias informations nachrichten noticias notizie insurance seguro assurance versicherung assicurazione "
     "yesterday ayer hier gestern ontem ieri last_week"},
    // ... intruders heard in the home now: "sento gente in cantina, sono di sopra coi bambini"
    {kCrisisViolence, {"hear can_hear hearing oigo escucho estoy_oyendo entends jentends hore horen ouco escuto "
                       "estou_ouvindo sento sentiamo",
                       "someone somebody people voices footsteps alguien gente voces pasos quelquun des_gens voix pas "
                       "jemanden leute stimmen schritte alguem gente vozes passos qualcuno gente voci passi",
                       "downstairs basement cellar in_the_house in_my_house breaking_in abajo sotano en_casa en_mi_casa "
                       "en_bas cave dans_la_maison chez_moi unten keller im_haus in_der_wohnung embaixo porao em_casa "
                       "la_embaixo cantina di_sotto in_casa giu"},
     true, "neighbour neighbours neighbor neighbors vecino vecinos voisin voisins nachbar nachbarn vizinho vizinhos "
     "vicino vicini tv tele television fernseher televisao televisione party fiesta fete feier festa radio "
     "music musica musique musik"},
    // ... a threat closing in: "he knows where I live and he is coming", "il sait où j'habite, il arrive"
    {kCrisisViolence, {"knows_where_i_live know_where_i_live knows_what_car sabe_donde_vivo saben_donde_vivo sabe_donde_trabajo sait_ou_jhabite sait_ou_je_vis savent_ou_jhabite weiss_wo_ich_wohne wissen_wo_ich_wohne weiss_wo_ich_arbeite sabe_onde_eu_moro sabe_onde_moro sabem_onde_moro sabe_onde_trabalho sa_dove_abito sanno_dove_abito sa_dove_lavoro",
                       "coming on_his_way on_their_way outside outside_my vienen viene en_camino afuera fuera vient arrive arrivent devant en_route kommt kommen unterwegs draussen vor_meiner vem vindo vem_pra vem_para a_caminho la_fora sta_arrivando arriva stanno_venendo arrivano fuori sotto_casa"},
     false, nullptr, false, true},
    // ... a beating threatened and the one who threatened on the way: "mi esposo dijo que si llega otro
    // paquete me va a golpear y ya viene", "he said he'll hit me when he gets home, he's on his way"
    {kCrisisViolence, {"going_to_hit_me gonna_hit_me will_hit_me hell_hit_me going_to_beat_me gonna_beat_me will_beat_me hell_beat_me threatened_to_hit_me "
                       "me_va_a_golpear me_va_a_pegar va_a_golpearme va_a_pegarme me_van_a_golpear me_va_a_dar_una_paliza amenazo_con_pegarme amenazo_con_golpearme "
                       "va_me_frapper va_me_taper va_me_cogner menace_de_me_frapper wird_mich_schlagen will_mich_schlagen droht_mich_zu_schlagen "
                       "vai_me_bater vai_me_espancar vai_bater_em_mim ameacou_me_bater mi_picchiera mi_picchia_se minaccia_di_picchiarmi mi_riempie_di_botte",
                       "coming on_his_way on_her_way on_the_way gets_home viene ya_viene viene_para esta_llegando en_camino llegando vient arrive rentre en_route "
                       "kommt kommt_gleich unterwegs nach_hause vem vindo chegando a_caminho chega arriva sta_arrivando sta_tornando torna"},
     false, "game juego jeu spiel jogo gioco match partido partita", false, true},
    // ... harassment that has come to the door: "he keeps texting me from new numbers, now he's outside my work"
    {kCrisisViolence, {"keeps_messaging_me keeps_texting_me keeps_calling_me from_new_numbers new_numbers hidden_number numero_oculto numero_privado numero_desconocido me_sigue_escribiendo me_sigue_llamando numero_masque numeros_differents continue_de_mecrire nhe_cesse_de_mappeler unterdruckter_nummer unterdruckten_nummer neuen_nummern schreibt_mir_standig ruft_mich_standig numero_desconhecido numeros_novos continua_me_mandando continua_me_ligando numero_anonimo numero_privato numeri_nuovi continua_a_scrivermi continua_a_chiamarmi",
                       "outside_my_work outside_my_house outside_my_door outside_my_flat outside_my_building outside_my_office afuera_de_mi_trabajo afuera_de_mi_casa fuera_de_mi_trabajo fuera_de_mi_casa en_la_puerta_de_mi devant_chez_moi devant_mon_travail devant_mon_immeuble devant_mon_bureau vor_meiner_arbeit vor_meinem_haus vor_meiner_wohnung vor_meiner_tur vor_meinem_buro na_frente_do_meu_trabalho na_porta_do_meu na_frente_da_minha_casa na_porta_da_minha na_porta_de_casa davanti_al_mio_lavoro sotto_casa_mia davanti_a_casa_mia fuori_dal_mio_lavoro fuori_da_casa_mia"},
     false, "courier driver parcel package delivery order repartidor paquete pedido entrega livreur colis commande livraison kurier fahrer paket bestellung lieferung entregador pacote encomenda pedido corriere pacco ordine consegna", false, true},
    // ... someone armed threatening people: "un mec avec un couteau qui menace les gens"
    {kCrisisViolence, {"threatening threatens amenaza amenazando menace menacant menacent bedroht droht bedrohen ameaca ameacando ameacam minaccia minacciando minacciano",
                       "gun knife weapon pistol machete cuchillo pistola arma navaja machete couteau pistolet arme flingue messer pistole waffe faca revolver coltello fucile"}},
    // -- violence: a weapon in someone's hands, a break-in, being followed or hidden from
    {kCrisisViolence, {kPeople, "has got holding tiene trae lleva empuna a_un a_une tient hat halt tem segura ha_un ha_una impugna", "gun knife weapon pistol rifle machete cuchillo pistola arma navaja couteau pistolet arme flingue fusil messer pistole waffe gewehr faca revolver coltello fucile"},
     true, "water eau agua wasser acqua toy toys jouet jouets juguete juguetes spielzeug brinquedo giocattolo nerf set kitchen cuisine cocina kuche cozinha cucina sharpener"},
    {kCrisisViolence, {"pulled drew pulls saco sacaron sacando sortit sorti a_sorti zog zieht gezogen puxou puxaram sacou tirato_fuori estratto fight fighting pelea peleando bagarre se_battent schlagerei prugelei briga brigando rissa smashing destrozando casse cassant zerschlagt quebrando spacca spaccando",
                       "gun knife weapon pistol machete bat cuchillo pistola arma navaja bate couteau pistolet arme flingue batte messer pistole waffe baseballschlager schlager faca revolver taco coltello mazza"}},
    {kCrisisViolence, {"threatening threatens amenaza amenazando amenazo menace menacant bedroht droht ameaca ameacando minaccia minacciando", "me mich mi moi", "gun knife weapon kill cuchillo pistola arma matar matarme couteau pistolet arme tuer messer pistole waffe umbringen faca arma matar coltello pistola arma ammazzarmi uccidermi"}},
    {kCrisisViolence, {"trying_to_get_in breaking_in kicking_the_door banging_on_the_door forcing_the_door intentando_entrar forzando_la_puerta pateando_la_puerta golpeando_la_puerta force_la_porte essaie_dentrer defoncer tritt_die_tur versucht_reinzukommen einzubrechen bricht_ein tentando_entrar arrombando forcando_a_porta chutando_a_porta cercando_di_entrare sfondando forzando_la_porta "
                       "forced_his_way forced_their_way forcing_his_way forzo_la_entrada forzar_la_entrada forcer_lentree a_force_lentree forcar_pra_entrar forcar_para_entrar forcou_a_entrada forcou_pra_entrar forzato_lingresso"}},
    // ... run over on purpose: "mi ha appena investito apposta"
    {kCrisisViolence, {"ran_me_over hit_me_with_his_car hit_me_with_the_car me_atropello me_atropellaron ma_renverse mont_renverse hat_mich_angefahren mich_angefahren me_atropelou me_atropelaram mi_ha_investito mi_hanno_investito investito investita",
                       "on_purpose deliberately a_proposito adrede aposta apposta expres exprès absichtlich mit_absicht de_proposito de_propósito por_querer"},
     false, nullptr, false, true},
    {kCrisisViolence, {"following_me me_esta_siguiendo me_estan_siguiendo me_suit_depuis me_suivent verfolgt_mich me_seguindo mi_sta_seguendo mi_stanno_seguendo",
                       "someone man guy car men alguien hombre tipo coche auto carro quelquun homme type mec voiture jemand mann typ auto alguem homem cara carro qualcuno uomo tizio macchina scared afraid miedo peur angst medo paura"}},
    {kCrisisViolence, {"me_pega me_golpea me_frappe me_bat schlagt_mich schlaegt_mich haut_mich me_bate me_agride mi_picchia mi_colpisce"}},
    {kCrisisViolence, {"hiding escondida escondido escondo cachee cache versteckt verstecke escondida escondido nascosta nascosto", "bathroom closet room bano armario habitacion salle_de_bain placard chambre bad badezimmer schrank zimmer banheiro armario quarto bagno armadio stanza",
                       "him he from scared afraid terrified el miedo lui il peur ihm er vor angst dele ele medo lui paura"}},
};
// clang-format on

// Words that make a sentence not about an emergency now: a past event, a
// visit booked, a time to come. They guard their own sentence only: "I need
// to move my appointment. My husband collapsed" is an emergency.
constexpr const char* kNotThen =
    "yesterday ayer hier gestern ontem ieri had_a teve tuvo hatte ha_avuto a_eu lan_passe sometimes parfois a_veces "
    "as_vezes a_volte manchmal as_a_child de_nino de_nina enfant_il em_crianca da_piccolo da_piccola als_kind "
    "shes_fine hes_fine she_is_fine he_is_fine ficou_bem ja_passou wieder_gut "
    "sta_meglio va_mieux dentist dentista dentiste zahnarzt "
    "scorsa scorso "
    "much_better mucho_mejor beaucoup_mieux viel_besser muito_melhor molto_meglio "
    "last_spring last_summer last_autumn last_fall last_winter primavera_pasada verano_pasado otono_pasado invierno_pasado "
    "printemps_dernier lete_dernier lautomne_dernier lhiver_dernier letzten_fruhling letzten_sommer letzten_herbst "
    "letzten_winter primavera_passada verao_passado outono_passado inverno_passado "
    "last_year last_week last_month years_ago months_ago weeks_ago history used_to when_i_was "
    "ano_pasado semana_pasada mes_pasado hace_anos hace_un_ano hace_meses historial antecedentes solia cuando_era "
    "lan_dernier lannee_derniere la_semaine_derniere le_mois_dernier antecedents quand_jetais "
    "letztes_jahr letzte_woche letzten_monat vor_jahren vor_einem_jahr vorgeschichte als_ich_klein "
    "ano_passado semana_passada mes_passado anos_atras historico quando_eu_era "
    "anno_scorso settimana_scorsa mese_scorso anni_fa mesi_fa quando_ero "
    "label etiqueta etiquette etikett rotulo etichetta "
    "appointment appointments appt booking reschedule follow-up followup checkup check-up refill refills "
    "cita citas turno reprogramar rendez-vous rdv renouvellement termin termine kontrolltermin "
    "next_week next_month la_semana_que_viene proximo_mes la_semaine_prochaine le_mois_prochain nachste_woche "
    "nachsten_monat proxima_semana prossima_settimana prossimo_mese "
    "agendar appuntamento prenotare prenotazione";
// ... or suppose: "si mon fils avale..." asks what to do if. Only the red
// flags heed these: "si el seguro paga en caso de suicidio porque voy a
// hacerlo" is still a crisis for the curated patterns.
constexpr const char* kSupposing = "si_un si_une si_mon si_ma si_mi si_el si_la si_mio si_mia quon_fait_si";
// Words that make the whole message something else: a question about
// symptoms or first aid, a what-if, a training, fiction, a toy, a joke.
constexpr const char* kNotNow =
    "formation formacion training kurs corso_di un_corso il_corso al_corso mentira surpresa sorpresa surprise kk mdr mdrr "
    "what_if in_case what_to_do_if what_should_i_do_if what_happens_if que_pasa_si en_caso que_hacer_si que_hago_si "
    "que_faire_si au_cas en_cas was_passiert_wenn was_tun_wenn was_tun_falls im_fall o_que_fazer_se o_que_acontece_se em_caso "
    "caso_o cosa_fare_se cosa_succede_se nel_caso in_caso "
    "signs symptoms sintomas signos senales signes symptomes anzeichen symptome sinais sintomi segni instagram insta twitter tiktok facebook "
    "first_aid primeros_auxilios premiers_secours erste_hilfe primeiros_socorros primo_soccorso "
    "movie film series episode novel game song scene character pelicula serie libro novela juego cancion escena "
    "personaje roman jeu chanson personnage buch spiel lied szene figur filme livro jogo musica personagem "
    "romanzo gioco canzone scena personaggio doll toy mask costume poster muneca juguete mascara disfraz poupee jouet "
    "masque deguisement puppe spielzeug maske kostum boneca brinquedo fantasia bambola giocattolo maschera "
    "christmas navidad noel weihnachten natal natale birthday cumpleanos anniversaire geburtstag aniversario compleanno "
    "wedding boda mariage hochzeit casamento matrimonio kidding joking lol lmao jaja jajaja mdr haha hahaha kkk kkkk";
// A duration: chest pain "for weeks" is not an emergency now, but pills
// put aside "for weeks" are a plan (rules marked `lasting`).
constexpr const char* kLasting =
    "for_a_week for_weeks depuis_une_semaine depuis_des_semaines seit_einer_woche seit_wochen ha_uma_semana "
    "da_una_settimana hace_una_semana";
constexpr size_t kRedFlagSpan = 12;
// "I almost fainted at the price": hyperbole.
constexpr auto kHedges = Words("almost", "nearly", "casi", "presque", "quase", "quasi", "beinahe");

// Does alternative `alt` (folded words joined by '_', '*' a prefix) stand at f[i...]?
// Returns how many words it covers, or 0.
size_t AltAt(std::string_view alt, const std::vector<std::string>& f, const std::vector<std::string>& bare, size_t i) {
  size_t n = 0;
  while (!alt.empty()) {
    const size_t us = std::min(alt.find('_'), alt.size());
    std::string_view w = alt.substr(0, us);
    if (i + n >= f.size()) return 0;
    const bool prefix = !w.empty() && w.back() == '*';
    if (prefix) w.remove_suffix(1);
    auto ok = [&](const std::string& x) { return prefix ? x.compare(0, w.size(), w) == 0 : x == w; };
    if (!ok(f[i + n]) && !ok(bare[i + n])) return 0;
    ++n;
    alt.remove_prefix(std::min(us + 1, alt.size()));
  }
  return n;
}

// The first alternative of `slot` at f[i...]: words covered, or 0.
size_t SlotAt(std::string_view slot, const std::vector<std::string>& f, const std::vector<std::string>& bare, size_t i) {
  while (!slot.empty()) {
    const size_t sp = std::min(slot.find(' '), slot.size());
    if (sp > 0)
      if (size_t n = AltAt(slot.substr(0, sp), f, bare, i)) return n;
    slot.remove_prefix(std::min(sp + 1, slot.size()));
  }
  return 0;
}

// Every alternative of every slot, indexed by its first word (prefixes
// apart), so a message costs a lookup or two per word, not a scan of every
// rule: the scan tripled Analyze()'s time.
struct RedFlagAlt {
  std::string_view alt;
  int rule;  // index into kRedFlags, -1 for kNotNow, -2 for kLasting, -3 for kNotThen, -4 for kSupposing
  int slot;
};
struct RedFlagIndex {
  std::unordered_map<std::string_view, std::vector<RedFlagAlt>> by_first;
  std::vector<RedFlagAlt> prefixes;
  // Indexes every alternative of `slot` as slot `s` of rule `rule`.
  void Add(std::string_view slot, int rule, int s) {
    while (!slot.empty()) {
      const size_t sp = std::min(slot.find(' '), slot.size());
      const std::string_view alt = slot.substr(0, sp);
      const std::string_view first = alt.substr(0, std::min(alt.find('_'), alt.size()));
      if (!alt.empty()) {
        if (first.back() == '*') prefixes.push_back({alt, rule, s});
        else by_first[first].push_back({alt, rule, s});
      }
      slot.remove_prefix(std::min(sp + 1, slot.size()));
    }
  }
};

const RedFlagIndex& RedFlags() {
  static const RedFlagIndex kIndex = [] {
    RedFlagIndex idx;
    idx.Add(kNotNow, -1, 0);
    idx.Add(kNotThen, -3, 0);
    idx.Add(kSupposing, -4, 0);
    idx.Add(kLasting, -2, 0);
    for (size_t r = 0; r < std::size(kRedFlags); ++r)
      for (int s = 0; s < 3 && kRedFlags[r].slots[s]; ++s) idx.Add(kRedFlags[r].slots[s], static_cast<int>(r), s);
    return idx;
  }();
  return kIndex;
}

// "l'enfant", "s'est", "l'insuline": the word after an elision, folded, as
// a second form of each word ("" where there is none).
std::vector<std::string> AfterElision(const std::vector<const Item*>& words) {
  std::vector<std::string> bare(words.size());
  for (size_t i = 0; i < words.size(); ++i) {
    const std::string& norm = words[i]->tok->norm;
    const size_t ap = norm.find('\'');
    if (ap != std::string::npos && ap <= 4) bare[i] = FoldWord(std::string_view(norm).substr(ap + 1));
  }
  return bare;
}

// ---- hardship (issue 13): a life event that needs a person's empathy more
// than an answer: a death in the family, a job lost, medicine someone
// depends on running out. A job lost or medicine running out hands off at
// once (strength >= 0.8, handoff.cc), as a clear request for a person does;
// a death weighs like an angry turn: cancelling a late father's physio
// calmly needs no one, closing his account without his password while the
// bills go on does by the second turn. Slots as in the red flags (folded
// words, '_' joins words, '*' a prefix), anywhere in the message.
struct Hardship {
  double strength;
  const char* slots[2];
  const char* unless = nullptr;
};
// Medicines someone depends on from day to day.
constexpr const char* kDependedOn =
    "insulin insuline insulina inhaler inhalador inhalateur inhalator asthmaspray bombinha inalatore epipen epi-pen "
    "antiepilep* anticonvuls* anticoagul* blood_thinner blood_thinners chemo* quimio* chimio* dialys* dialis* "
    "seizure_medication seizure_meds heart_medication heart_meds";
const Hardship kHardships[] = {
    // a death: words only a death has
    {0.5, {"passed_away has_passed just_passed death_certificate bereavement deceased widowed my_late "
           "fallecio fallecido fallecida fallecimiento certificado_de_defuncion acta_de_defuncion difunto difunta enviude "
           "decede decedee deces acte_de_deces nous_a_quittes ma_quittes est_partie_la_semaine "
           "verstorben verstorbene verstorbenen sterbeurkunde trauerfall todesfall "
           "faleceu falecido falecida falecimento certidao_de_obito obito "
           "deceduto deceduta decesso certificato_di_morte e_mancato e_mancata venuto_a_mancare venuta_a_mancare e_scomparso e_scomparsa"}},
    // ... or someone close who died
    {0.5, {"husband wife partner son daughter baby mom mum mother dad father grandma grandpa granny brother sister "
           "marido esposo esposa hijo hija bebe mama papa padre madre abuela abuelo hermano hermana "
           "mari femme fils fille maman papa pere mere mamie papi frere soeur "
           "mann frau sohn tochter vater mutter oma opa bruder schwester vaters mannes sohnes bruders "
           "marido esposa filho filha mae pai avo irmao irma "
           "marito moglie figlio figlia mamma papa padre madre nonna nonno fratello sorella",
           "died murio se_murio muerto muerta est_mort est_morte morto morta gestorben morreu e_morto e_morta"},
     "phone mobile cell battery laptop computer car plant fish telefono celular movil bateria coche planta "
     "telephone portable batterie voiture plante handy akku auto pflanze telemovel carro planta cellulare batteria macchina pianta"},
    // ... a funeral to arrange: weaker, it may be a florist's routine
    // ("flowers for a funeral on friday"); with a negative turn it still counts
    {0.4, {"funeral funerals velorio entierro funerales obseques enterrement beerdigung trauerfeier velorio enterro funerale"}},
    // a job lost, a bill that cannot be paid
    {0.85, {"lost_my_job lost_my_income laid_off made_redundant been_let_go im_unemployed i_am_unemployed cant_afford cannot_afford "
            "perdi_mi_trabajo perdi_mi_empleo perdi_el_trabajo perdi_el_empleo me_despidieron me_quede_sin_trabajo me_quede_sin_empleo "
            "estoy_desempleado estoy_desempleada estoy_sin_trabajo no_me_alcanza "
            "perdu_mon_emploi perdu_mon_travail perdu_mon_boulot ete_licencie ete_licenciee suis_au_chomage pas_les_moyens "
            "job_verloren arbeit_verloren stelle_verloren bin_arbeitslos gekundigt_worden nicht_leisten "
            "perdi_o_emprego perdi_meu_emprego perdi_o_trabalho perdi_meu_trabalho fui_demitido fui_demitida "
            "estou_desempregado estou_desempregada nao_tenho_como_pagar "
            "perso_il_lavoro sono_stato_licenziato sono_stata_licenziata sono_disoccupato sono_disoccupata non_posso_permettermi"}},
    // medicine someone depends on running out: the refill may be the pack's
    // business, so it weighs like an angry turn ...
    {0.7, {kDependedOn,
            "days_left day_left running_out run_out ran_out last_dose only_have nearly_out almost_out "
            "se_me_acaba se_me_esta_acabando me_quedan me_queda quedarme_sin sin_insulina "
            "il_me_reste il_nous_reste plus_que presque_plus bientot_plus "
            "nur_noch reicht_noch geht_aus gehen_aus "
            "so_tenho tenho_so so_temos acabando vai_acabar ficar_sem "
            "mi_restano ne_abbiamo_per ne_ho_per sto_finendo stiamo_finendo rimasto_senza restare_senza"}},
    // a loss close at hand ("the rent must be in by tomorrow or I'm in
    // trouble", "les cours commencent lundi, si je suis pas inscrit je perds
    // mon prêt"): weighs like a death in the family, the turns around it decide
    {0.5, {"tomorrow tonight today monday tuesday wednesday thursday friday saturday sunday manana hoy esta_noche "
           "lunes martes miercoles jueves viernes sabado domingo demain ce_soir aujourdhui lundi mardi mercredi jeudi "
           "vendredi samedi dimanche morgen heute montag dienstag mittwoch donnerstag freitag samstag sonntag amanha "
           "hoje segunda terca quarta quinta sexta sabado domingo domani oggi stasera lunedi martedi mercoledi giovedi "
           "venerdi sabato domenica",
           "lose ill_lose i_will_lose will_miss ill_miss gonna_miss going_to_miss evicted eviction late_fee in_trouble "
           "wont_let_me_board pierdo perdere me_quedo_sin desahucio recargo perds perdrai je_rate vais_rater expulse penalite "
           "verliere verpasse arger aerger mahnung rauswurf perco perderei despejo nao_me_deixarem perdo perderei sfratto "
           "penale guai"}},
    // a serious illness named ("me diagnosticaron un cáncer", "vérifier si la
    // tumeur a grossi"): the turns around it decide; not the zodiac sign, a
    // charity or a book about it
    {0.5, {"cancer cancers cancro cancri tumour tumours tumor tumors tumores tumeur tumeurs tumore tumori krebs "
           "krebserkrankung oncologist oncologo oncologa oncologue onkologe onkologin oncology oncologia oncologie "
           "onkologie metastas* leukemia leukaemia leucemia leucemie leukamie lymphoma linfoma lymphome lymphom "
           "chemotherapy quimioterapia chimiotherapie chemotherapie quimioterapia chemioterapia radiotherapy "
           "radioterapia radiotherapie strahlentherapie"},
     "horoscope horoscopo horoscop* zodiac zodiaco zodiaque sternzeichen signo signe segno research investigacion "
     "recherche forschung pesquisa ricerca charity donation donate donar donativo don dons spende spenden doacao "
     "doar donazione book books libro libros livre livres buch bucher livro livros crab cangrejo crabe caranguejo "
     "granchio awareness ribbon lazo ruban schleife laco nastro walk run marathon"},
    // a visitor who cannot follow: the bot's words not understood ("ich
    // verstehe nicht das wort 'Versicherungsnachweis'"), the language itself
    // a barrier ("o meu português é pouco"), or fear said plainly ("ich habe
    // große angst"); alone each is mild, the turns around it decide
    {0.5, {"dont_understand_the_word dont_understand_that_word dont_understand_what_that_means dont_know_what_that_means "
           "no_entiendo_la_palabra no_entiendo_esa_palabra no_entiendo_que_significa no_se_que_significa "
           "comprends_pas_le_mot comprends_pas_ce_mot comprends_pas_ce_que_ca_veut_dire ne_comprends_pas_le_mot ne_comprends_pas_ce_mot "
           "ne_comprends_pas_ce_que_ca_veut_dire "
           "verstehe_nicht_das_wort verstehe_das_wort_nicht verstehe_nicht_was_das_heisst verstehe_nicht_was_das_bedeutet "
           "nao_percebo_a_palavra nao_entendo_a_palavra nao_percebo_o_que_e nao_entendo_o_que_e nao_sei_o_que_significa "
           "non_capisco_la_parola non_capisco_cosa_vuol_dire non_capisco_cosa_significa "
           "my_english_is_not my_english_isnt my_english_is_bad my_english_is_poor my_english_is_little "
           "mi_espanol_es_malo mi_espanol_no_es no_hablo_bien_espanol hablo_poco_espanol "
           "mon_francais_nest_pas mon_francais_est_mauvais parle_pas_bien_francais parle_mal_francais "
           "mein_deutsch_ist_nicht mein_deutsch_ist_schlecht spreche_nicht_gut_deutsch spreche_wenig_deutsch "
           "meu_portugues_e_pouco meu_portugues_e_fraco meu_portugues_nao_e nao_falo_bem_portugues falo_pouco_portugues "
           "il_mio_italiano_non_e parlo_poco_italiano non_parlo_bene_italiano "
           "so_scared really_scared im_terrified i_am_terrified tengo_mucho_miedo tengo_miedo estoy_aterrado estoy_aterrada "
           "jai_tres_peur jai_peur je_suis_terrifie je_suis_terrifiee habe_grosse_angst habe_solche_angst habe_angst "
           "estou_com_muito_medo estou_com_medo tenho_muito_medo ho_molta_paura ho_tanta_paura ho_paura sono_terrorizzato "
           "sono_terrorizzata"}},
    // ... or late ("supposed to arrive yesterday, it's my insulin"): a person, at once
    {0.85, {kDependedOn,
            "supposed_to_arrive supposed_to_come was_due hasnt_arrived still_hasnt still_not_here "
            "deberia_haber_llegado tenia_que_llegar no_ha_llegado no_llego todavia_no_llega "
            "aurait_du_arriver devait_arriver toujours_pas_arrive pas_encore_arrive "
            "sollte_gestern sollte_heute sollte_kommen ist_nicht_angekommen noch_nicht_da noch_nicht_angekommen "
            "deveria_ter_chegado era_pra_chegar era_para_chegar nao_chegou ainda_nao_chegou "
            "doveva_arrivare non_e_arrivato non_e_ancora_arrivato"}},
};

// An elderly visitor who cannot cope with the form ("I'm 81 I am not good
// with these things", "tengo 78 años y esto del ordenador no lo manejo"):
// an age of 70 or more said of oneself, and not coping, in one message.
// The index of the not-coping words (*len of them), or SIZE_MAX.
size_t ElderlyNotCoping(const Message& m, const std::vector<const Item*>& words, const std::vector<std::string>& f,
                        const std::vector<std::string>& bare, size_t* len) {
  static constexpr auto kIAm = Words("im", "am", "tengo", "jai", "bin", "tenho", "ho");
  static constexpr std::string_view kNotCoping[] = {
      "not good with", "not very good with", "not great with", "no good with", "dont understand", "do not understand",
      "cant manage", "cant do this", "no entiendo", "no se me da bien", "pas doue avec", "pas douee avec",
      "nicht so gut mit", "nao sou bom com", "nao sou boa com", "non sono bravo con", "non sono brava con",
      "no lo manejo", "no se usar", "no me aclaro", "no manejo", "je comprends pas", "je ne comprends pas",
      "je ny arrive pas", "je sais pas faire", "ich verstehe nicht", "ich verstehe das nicht", "komme nicht klar",
      "nicht gut mit", "nao entendo", "nao percebo", "nao me entendo", "nao sei usar", "nao consigo", "non capisco",
      "non sono pratico", "non sono pratica", "non so usare", "non ci riesco"};
  static const PhraseIndex kNotCopingIndex(kNotCoping);
  bool elderly = false;
  for (size_t i = 0; i < words.size() && !elderly; ++i) {
    if (!In(kIAm, f[i])) continue;
    // Numbers are not words: the age stands between this word and the next.
    const size_t from = words[i]->tok->end, to = i + 1 < words.size() ? words[i + 1]->tok->begin : m.cleaned.size();
    int age = 0, digits = 0;
    for (size_t c = from; c < to && digits <= 3; ++c) {
      const char ch = m.cleaned[c];
      if (ch >= '0' && ch <= '9') age = age * 10 + (ch - '0'), ++digits;
      else if (digits || ch != ' ') break;
    }
    elderly = digits == 2 && age >= 70;
  }
  if (!elderly) return SIZE_MAX;
  for (size_t i = 0; i < f.size(); ++i)
    if ((*len = std::max(kNotCopingIndex.At(f, i), kNotCopingIndex.At(bare, i)))) return i;
  return SIZE_MAX;
}

// A word of the bot's not understood, quoted or asked about ("non capisco
// 'autocertificazione', è uguale?", "I don't understand what is MPAN"): a
// visitor who cannot follow. Not "I don't understand why it is late", which
// is a complaint. The index of the not-understanding words (*len), or SIZE_MAX.
size_t BotWordNotUnderstood(const Message& m, const std::vector<const Item*>& words, const std::vector<std::string>& f,
                            const std::vector<std::string>& bare, size_t* len) {
  static constexpr std::string_view kNotUnderstanding[] = {
      "dont understand", "do not understand", "didnt understand", "cant understand", "no entiendo", "no comprendo",
      "no entendi", "je comprends pas", "je ne comprends pas", "jai pas compris", "je nai pas compris",
      "verstehe nicht", "versteh nicht", "verstehe ich nicht", "nicht verstanden", "nao entendo", "nao percebo",
      "nao entendi", "nao percebi", "non capisco", "non ho capito", "non comprendo"};
  static const PhraseIndex kIndex(kNotUnderstanding);
  // "what is X" asks about a term only when X ends the sentence, two words at most.
  static constexpr std::string_view kWhatIs[] = {
      "what is", "what a", "whats", "what that", "que es", "lo que es", "que significa", "ce que cest", "ce quest",
      "was ist", "was heisst", "was bedeutet", "o que e", "o que significa", "cosa e", "cosa significa", "cosa vuol dire",
      "che cosa e", "cose"};
  static const PhraseIndex kWhatIsIndex(kWhatIs);
  auto quoted = [&](size_t j) {
    for (size_t c = words[j]->tok->begin; c-- > 0;) {
      const unsigned char ch = static_cast<unsigned char>(m.cleaned[c]);
      if (ch == ' ') continue;
      // ' " and the typographic quotes « „ “ ‘ (their UTF-8 last bytes after E2 80 / C2)
      // an opening quote: after a space ("that" yeah" closes a quote of the bot)
      if (ch == '\'' || ch == '"') return c == 0 || m.cleaned[c - 1] == ' ';
      return c >= 1 && ((static_cast<unsigned char>(m.cleaned[c - 1]) == 0xC2 && ch == 0xAB) ||
                        (c >= 2 && static_cast<unsigned char>(m.cleaned[c - 2]) == 0xE2 &&
                         static_cast<unsigned char>(m.cleaned[c - 1]) == 0x80 && (ch == 0x9E || ch == 0x9C || ch == 0x98)));
    }
    return false;
  };
  for (size_t i = 0; i < f.size(); ++i) {
    const size_t n = std::max(kIndex.At(f, i), kIndex.At(bare, i));
    if (!n) continue;
    for (size_t j = i + n; j < f.size() && j < i + n + 6 && words[j]->sentence == words[i]->sentence; ++j) {
      bool term = quoted(j);
      if (const size_t w = std::max(kWhatIsIndex.At(f, j), kWhatIsIndex.At(bare, j)); !term && w) {
        // ... and is a term, not what is going on ("what is happening", "was ist los")
        static constexpr auto kGoingOn = Words("going", "happening", "wrong", "happened", "up", "problem", "pasando",
                                               "pasa", "passe", "passiert", "los", "acontecendo", "succedendo", "successo",
                                               "problema", "probleme", "this", "that", "it", "esto", "eso", "ca", "das");
        size_t k = j + w;
        while (k < f.size() && k < j + w + 3 && words[k]->sentence == words[j]->sentence && !In(kGoingOn, f[k])) ++k;
        term = k > j + w && (k == f.size() || words[k]->sentence != words[j]->sentence);
      }
      if (term) {
        *len = n;
        return i;
      }
    }
  }
  return SIZE_MAX;
}

void DetectHardship(const std::vector<const Item*>& words, const std::vector<std::string>& f, Detector* d) {
  // Indexed by first word like the red flags: a scan of every slot at every
  // word took Analyze() from 17.5 to 6.7 thousand messages a second.
  static const RedFlagIndex kIndex = [] {
    RedFlagIndex idx;
    for (size_t r = 0; r < std::size(kHardships); ++r) {
      for (int s = 0; s < 2 && kHardships[r].slots[s]; ++s) idx.Add(kHardships[r].slots[s], static_cast<int>(r), s);
      if (kHardships[r].unless) idx.Add(kHardships[r].unless, static_cast<int>(r), 2);  // slot 2: the guard
    }
    return idx;
  }();
  const std::vector<std::string> bare = AfterElision(words);
  // Where each rule's slots (and guard) first match: [word, length].
  struct At { size_t i = SIZE_MAX, len = 0; };
  std::vector<std::array<At, 3>> at(std::size(kHardships));
  auto found = [&](const RedFlagAlt& x, size_t i) {
    At& a = at[x.rule][x.slot];
    if (a.i != SIZE_MAX) return;
    if (const size_t n = AltAt(x.alt, f, bare, i); n && (x.slot == 2 || !NegatedAt(words, i, 2))) a = {i, n};
  };
  for (size_t i = 0; i < f.size(); ++i) {
    for (const std::string* w : {&f[i], static_cast<const std::string*>(&bare[i])}) {
      if (w->empty()) continue;
      if (const auto it = kIndex.by_first.find(*w); it != kIndex.by_first.end())
        for (const RedFlagAlt& x : it->second) found(x, i);
    }
    for (const RedFlagAlt& x : kIndex.prefixes) found(x, i);
  }
  const Hardship* best = nullptr;
  size_t best_a = 0, best_b = 0;
  for (size_t r = 0; r < std::size(kHardships); ++r) {
    const Hardship& h = kHardships[r];
    if ((best && best->strength >= h.strength) || at[r][2].i != SIZE_MAX) continue;
    const At& a = at[r][0];
    const At& b = h.slots[1] ? at[r][1] : at[r][0];
    if (a.i == SIZE_MAX || b.i == SIZE_MAX) continue;
    best = &h;
    best_a = std::min(a.i, b.i);
    best_b = std::max(a.i + a.len, b.i + b.len);
  }
  if (best) d->Add(kCueHardship, best->strength, words[best_a]->tok->begin, words[best_b - 1]->tok->end);
  // Weighs like an angry turn: a support lead steps in soon after.
  size_t len = 0;
  if (const size_t i = ElderlyNotCoping(d->m, words, f, bare, &len); i != SIZE_MAX && (!best || best->strength < 0.7))
    d->Add(kCueHardship, 0.7, words[i]->tok->begin, words[i + len - 1]->tok->end);
  else if (const size_t k = best ? SIZE_MAX : BotWordNotUnderstood(d->m, words, f, bare, &len); k != SIZE_MAX)
    d->Add(kCueHardship, 0.5, words[k]->tok->begin, words[k + len - 1]->tok->end);
}

// The sentences that speak of another time (kNotThen): "hatte letztes Jahr
// einen Krampfanfall" is history, not an emergency now; with `supposing`,
// also those that suppose (kSupposing).
std::vector<int> NotThenSentences(const std::vector<const Item*>& words, const std::vector<std::string>& f,
                                  const std::vector<std::string>& bare, bool supposing) {
  std::vector<int> out;
  const RedFlagIndex& idx = RedFlags();
  for (size_t i = 0; i < f.size(); ++i) {
    // "sí, mi hijo..." answers yes; "si mi hijo..." supposes.
    if (words[i]->tok->norm.rfind("sí", 0) == 0) continue;
    for (const std::string* w : {&f[i], &bare[i]}) {
      const auto it = idx.by_first.find(*w);
      if (it == idx.by_first.end()) continue;
      for (const RedFlagAlt& x : it->second)
        if ((x.rule == -3 || (supposing && x.rule == -4)) && AltAt(x.alt, f, bare, i)) out.push_back(words[i]->sentence);
    }
  }
  return out;
}

// A curated crisis pattern is one word ("Krampfanfall", "bewusstlos"): in
// a sentence about another time it is history, and only the red flags and
// the model, which weigh the whole sentence, may still call it a crisis.
void SetAsidePastCrisis(const std::vector<const Item*>& words, const std::vector<std::string>& f, Detector* d) {
  auto& cues = d->affect->cues;
  const auto it = std::find_if(cues.begin(), cues.end(), [](const Cue& c) { return c.name == kCueCrisis; });
  if (it == cues.end()) return;
  const std::vector<int> not_then = NotThenSentences(words, f, AfterElision(words), /*supposing=*/false);
  for (const Item* w : words)
    if (w->tok->begin >= it->begin && w->tok->begin < it->end &&
        std::find(not_then.begin(), not_then.end(), w->sentence) != not_then.end()) {
      cues.erase(it);
      return;
    }
}

void DetectRedFlags(const Message& m, const std::vector<const Item*>& words, const std::vector<std::string>& f, Detector* d) {
  // A joke: "😂" makes "er erstickt" a snore.
  if (m.cleaned.find("\xF0\x9F\x98\x82") != std::string::npos || m.cleaned.find("\xF0\x9F\xA4\xA3") != std::string::npos) return;
  const std::vector<std::string> bare = AfterElision(words);
  // Where each slot of each rule matches: [first word, one past the last].
  struct Span { size_t a, b; };
  std::vector<std::array<std::vector<Span>, 3>> at(std::size(kRedFlags));
  const RedFlagIndex& idx = RedFlags();
  bool lasting = false;
  const std::vector<int> not_then = NotThenSentences(words, f, bare, /*supposing=*/true);
  auto found = [&](const RedFlagAlt& x, size_t i) {
    const size_t n = AltAt(x.alt, f, bare, i);
    if (!n) return false;
    if (x.rule == -2) return !(lasting = true);
    if (x.rule <= -3) return false;  // NotThenSentences
    // "sí, mi hijo..." answers yes; "si mi hijo..." supposes.
    if (x.rule < 0) return words[i]->tok->norm.rfind("sí", 0) != 0;
    const RedFlag& r = kRedFlags[x.rule];
    if (r.negatable && (NegatedAt(words, i) || (i > 0 && In(kHedges, f[i - 1])))) return false;
    auto& spans = at[x.rule][x.slot];
    if (spans.empty() || spans.back().a != i) spans.push_back({i, i + n});
    return false;
  };
  for (size_t i = 0; i < f.size(); ++i) {
    for (const std::string* w : {&f[i], static_cast<const std::string*>(&bare[i])}) {
      if (w->empty()) continue;
      const auto it = idx.by_first.find(*w);
      if (it == idx.by_first.end()) continue;
      for (const RedFlagAlt& x : it->second)
        if (found(x, i)) return;  // not now
    }
    for (const RedFlagAlt& x : idx.prefixes)
      if (found(x, i)) return;
  }
  for (size_t r = 0; r < std::size(kRedFlags); ++r) {
    const RedFlag& flag = kRedFlags[r];
    if (lasting && !flag.lasting) continue;
    const size_t slots = flag.slots[2] ? 3 : flag.slots[1] ? 2 : 1;
    bool every = true;
    for (size_t s = 0; s < slots; ++s) every = every && !at[r][s].empty();
    if (!every) continue;
    // One match per slot, all in one sentence, within kRedFlagSpan words.
    for (const Span& a : at[r][0]) {
      size_t lo = a.a, hi = a.b;
      bool ok = true;
      for (size_t s = 1; s < slots && ok; ++s) {
        ok = false;
        for (const Span& b : at[r][s]) {
          const size_t l = std::min(lo, b.a), h = std::max(hi, b.b);
          // Distinct words: "hincha" is not both the swelling and its place.
          if (b.a < a.b && a.a < b.b) continue;
          if (flag.message || (words[b.a]->sentence == words[a.a]->sentence && h - l <= kRedFlagSpan)) {
            lo = l, hi = h, ok = true;
            break;
          }
        }
      }
      // The rule's exceptions count in the sentences of its match only: a
      // farewell hidden after a routine request ("delete my account, thank
      // the driver. I am going to the train line tonight") is still one.
      const int first = words[lo]->sentence, last = words[hi - 1]->sentence;
      for (size_t i = 0; ok && flag.unless && i < f.size(); ++i)
        ok = words[i]->sentence < first || words[i]->sentence > last || !SlotAt(flag.unless, f, bare, i);
      for (const int sentence : not_then) ok = ok && (sentence < first || sentence > last);
      if (ok) {
        d->Add(kCueCrisis, 1, words[lo]->tok->begin, words[hi - 1]->tok->end, flag.kind);
        return;
      }
    }
  }
}

// ---- a farewell dressed as account admin: affairs put in order.
// Public-health warning signs of suicide include giving away pets and
// belongings, settling one's affairs and saying goodbye; in a support chat
// they come as admin: "close my account and donate the balance, I gave the
// dog to the neighbour, nothing left to sort", "I won't need it after this
// weekend, no one will read the emails", "what happens to the contract if
// the holder dies? it will be me by Sunday". Each sign alone is routine
// (people rehome pets, cancel before moving, ask about a late parent's
// account), so one needs another: two signs with at least one strong one,
// a holder's death with a sign of one's own absence, or a last order with
// no need for its points (not a pet rehomed and its food no longer needed). A complaint ("worst service, never again") makes
// a churning customer's "last order" and "no one will read this" theirs.
enum AffairsSign : unsigned {
  kGavePet = 1, kNobodyWill = 2, kNothingLeft = 4, kSettle = 8, kItWillBeMe = 16,  // strong
  kWontNeed = 32, kLastOrder = 64, kNoFuture = 128, kHolderDies = 256,              // weak alone
};

// A pet given away, in one sentence within 6 words: "ive given my cat to my
// neighbour", "o cão já o dei à vizinha", "hab den Hund weggegeben". The
// short verbs ("di", "dei", "dato") also mean "of"/"date": only after a
// pronoun ("se lo di", "já o dei", "l'ho dato via").
size_t GavePetAt(const std::vector<const Item*>& words, const std::vector<std::string>& f, size_t* end) {
  static constexpr auto kGave = Words("gave", "given", "rehomed", "regale", "regalado", "regalada", "regalamos",
                                      "donne", "donnee", "donnes", "weggegeben", "abgegeben", "verschenkt", "doei",
                                      "regalato", "regalata", "ceduto", "ceduta", "entregue", "entreguei");
  static constexpr auto kShortGave = Words("di", "dimos", "dei", "demos", "dato", "data");
  static constexpr auto kBefore = Words("lo", "la", "le", "se", "ya", "o", "a", "ja", "eu", "lho", "gliel", "ho",
                                        "lho", "gli");
  static constexpr auto kPets = Words("dog", "dogs", "cat", "cats", "pet", "pets", "puppy", "kitten", "perro",
                                      "perra", "perrito", "perrita", "gato", "gata", "gatos", "mascota", "mascotas",
                                      "chien", "chienne", "chat", "chats", "chiot", "hund", "hunde", "hundin",
                                      "katze", "katzen", "kater", "cao", "caes", "cachorro", "cachorra", "gatinho",
                                      "gatinha", "cane", "cani", "gatto", "gatta", "gatti", "cagnolino");
  for (size_t i = 0; i < f.size(); ++i) {
    const bool gave = In(kGave, f[i]) || (In(kShortGave, f[i]) && i > 0 && In(kBefore, f[i - 1]));
    if (!gave) continue;
    for (size_t j = i >= 6 ? i - 6 : 0; j < std::min(f.size(), i + 7); ++j)
      if (In(kPets, f[j]) && words[j]->sentence == words[i]->sentence) {
        *end = std::max(i, j);
        return std::min(i, j);
      }
  }
  return SIZE_MAX;
}

// Not living to see a date: "i wont make it to my birthday", "anulen el pedido
// de reyes. no llego a reyes", "je ne verrai pas Noël". Outside the red flags:
// their "not now" words (a birthday, Christmas: a gift's context) would void
// it. Not a party or dinner missed, a year abroad, money short until the end
// of the month; not a joke. (A parcel late for the date has no "I".)
void DetectNotLivingToSee(const Message& m, const std::vector<const Item*>& words, const std::vector<std::string>& f,
                          Detector* d) {
  static constexpr std::string_view kWontSee[] = {
      "i wont make it to", "i will not make it to", "i wont see", "i will not see", "ill never see", "no llego a",
      "no voy a llegar a", "no llegare a", "no vere", "je narriverai pas a", "je narriverai pas jusqua",
      "jarriverai pas a", "je ne verrai pas", "je verrai pas", "erlebe ich nicht mehr", "nicht mehr erleben",
      "nao chego a", "nao chego ao", "nao vou chegar a", "nao vou chegar ao", "nao vou ver", "non arrivo a",
      "non arrivo al", "non arrivero a", "non vedro"};
  static constexpr auto kDates = Words(
      "birthday", "bday", "christmas", "xmas", "easter", "cumpleanos", "cumple", "navidad", "reyes", "anniversaire",
      "noel", "paques", "geburtstag", "weihnachten", "silvester", "ostern", "aniversario", "natal", "pascoa",
      "compleanno", "natale", "capodanno", "pasqua");
  static constexpr auto kNotThat = Words(
      "party", "fiesta", "fete", "soiree", "feier", "festa", "dinner", "cena", "diner", "essen", "jantar", "family",
      "familia", "famille", "familie", "famiglia", "working", "trabajo", "trabajando", "travail", "arbeit", "trabalho",
      "lavoro", "abroad", "extranjero", "etranger", "ausland", "exterior", "estero", "sueldo", "salario", "dinero", "money", "argent",
      "geld", "dinheiro", "soldi", "mes", "month", "mois", "monat", "mese", "lol", "haha", "jaja", "mdr", "kkk");
  static const PhraseIndex kIndex(kWontSee);
  for (size_t i = 0; i < f.size(); ++i) {
    const size_t n = kIndex.At(f, i);
    if (!n) continue;
    // The date after ("no llego a reyes") or before ("den Geburtstag erlebe ich nicht mehr").
    for (size_t j = i >= 3 ? i - 3 : 0; j < f.size() && j <= i + n + 3; ++j) {
      if ((j >= i && j < i + n) || words[j]->sentence != words[i]->sentence || !In(kDates, f[j])) continue;
      bool other = false;
      for (size_t k = 0; k < f.size(); ++k) other |= words[k]->sentence == words[i]->sentence && In(kNotThat, f[k]);
      if (other || m.cleaned.find("\xF0\x9F\x98\x82") != std::string::npos) return;
      d->Add(kCueCrisis, 1, words[std::min(i, j)]->tok->begin, words[std::max(i + n - 1, j)]->tok->end, kCrisisSelfHarm);
      return;
    }
  }
}

// Not wanting to live, in the visitor's own words: "no quiero seguir viviendo
// así", "je ne veux plus continuer à vivre", "não quero continuar vivendo",
// "I don't want to be alive anymore", "ich will nicht mehr leben". A negated
// wish of the visitor's own, perhaps "to keep on", then living itself. Not
// living somewhere or with someone ("I don't want to live in a flat above a
// shop"), without something ("sin internet"), or through something again
// ("no quiero vivir otra vez esto"), nor a live stream; not a joke.
void DetectNotWantingToLive(const Message& m, const std::vector<const Item*>& words, const std::vector<std::string>& f,
                            Detector* d) {
  static constexpr auto kLiving = Words(
      "live", "living", "alive", "exist", "existing", "vivir", "viviendo", "viva", "vivo", "existir", "vivre",
      "exister", "vie", "leben", "weiterleben", "existieren", "viver", "vivendo", "vivere", "esistere", "esserci",
      "mondo");
  static constexpr auto kWant = Words(
      "want", "wanna", "wish", "quiero", "quisiera", "queria", "veux", "voudrais", "souhaite", "will", "mochte", "mag",
      "quero", "queria", "voglio", "vorrei");
  // Who wants: the visitor ("he doesn't want to live with us" is someone else).
  static constexpr auto kI = Words("i", "im", "ich", "je", "j");
  static constexpr auto kOnAbout = Words(
      "in", "on", "at", "with", "near", "there", "here", "without", "stream", "streaming", "chat", "event", "music",
      "show", "version", "en", "con", "cerca", "sin", "ahi", "aqui", "alli", "otra", "otro", "esto", "eso", "esa",
      "ese", "una", "un", "la", "el", "lo", "a", "au", "aux", "avec", "pres", "sans", "ici", "la-bas", "ca", "cela",
      "cette", "ce", "une", "le", "les", "mit", "ohne", "dort", "hier", "bei", "das", "diese", "dieses", "diesen",
      "em", "na", "no", "com", "perto", "sem", "isso", "isto", "essa", "esse", "uma", "um", "o", "nel", "nella",
      "vicino", "senza", "qui", "li", "questa", "questo", "quella", "il", "di", "da");
  static constexpr auto kMoreNever = Words("plus", "mehr", "mais", "piu", "more", "anymore", "longer", "ya", "never",
                                           "nunca", "jamais", "nie", "niemals", "mai");
  for (size_t i = 0; i < f.size(); ++i) {
    if (!In(kLiving, f[i])) continue;
    // "en vie", "am Leben", "al mondo": the noun only in these
    if ((f[i] == "vie" && (i == 0 || f[i - 1] != "en")) || (f[i] == "leben" && i > 0 && f[i - 1] == "das") ||
        (f[i] == "mondo" && (i == 0 || f[i - 1] != "al")))
      continue;
    // "alive"/"vivo" as a state needs "be": "estar vivo", "être en vie"
    if (i + 1 < f.size() && words[i + 1]->sentence == words[i]->sentence && In(kOnAbout, f[i + 1]) && f[i] != "alive")
      continue;
    size_t want = SIZE_MAX;
    for (size_t k = i > 6 ? i - 6 : 0; k < i; ++k)
      if (words[k]->clause == words[i]->clause && In(kWant, f[k])) want = k;
    if (want == SIZE_MAX) continue;
    bool negated = NegatedAt(words, want, 3) || NegatedAt(words, i, 4);
    for (size_t k = want + 1; k < i && !negated; ++k) negated = In(kMoreNever, f[k]) && f[k] != "more";
    if (!negated) continue;
    // The wisher is the visitor: "I" said, or the verb's own first person.
    const bool first_person_verb = f[want] != "want" && f[want] != "wanna" && f[want] != "wish" && f[want] != "will" &&
                                   f[want] != "mag" && f[want] != "mochte";
    bool i_said = first_person_verb;
    for (size_t k = want > 4 ? want - 4 : 0; k < want && !i_said; ++k)
      i_said = words[k]->clause == words[want]->clause && In(kI, f[k]);
    // "don't want to live anymore" opens the message with the "I" left out
    if (!i_said && want <= 2) i_said = words[0]->negates || In(kI, f[0]);
    if (!i_said) continue;
    if (m.cleaned.find("\xF0\x9F\x98\x82") != std::string::npos || m.cleaned.find("lol") != std::string::npos) return;
    d->Add(kCueCrisis, 1, words[want]->tok->begin, words[i]->tok->end, kCrisisSelfHarm);
    return;
  }
}

void DetectAffairsInOrder(const std::vector<const Item*>& words, const std::vector<std::string>& f, Detector* d) {
  static constexpr std::string_view kNobody[] = {
      "nobody will read", "no one will read", "noone will read", "nobody is going to read", "nobody will miss",
      "no one will miss", "nobody will notice", "no one will notice", "nadie va a leer", "nadie lo va a leer",
      "nadie los va a leer", "nadie lo leera", "nadie va a notar", "nadie lo va a notar", "personne ne lira",
      "personne ne le lira", "personne ne les lira", "personne ne remarquera", "niemand wird lesen",
      "niemand wird das lesen", "niemand wird sie lesen", "niemand wird es merken", "liest eh keiner",
      "ninguem vai ler", "ninguem vai notar", "ninguem vai sentir", "nessuno leggera",
      "nessuno lo leggera", "nessuno le leggera", "nessuno se ne accorgera"};
  static constexpr std::string_view kNothingLeftPhrases[] = {
      "nothing left to", "nothing else left to", "no me queda nada", "ya no me queda nada", "il ne me reste rien",
      "il ne me reste plus rien", "mir bleibt nichts", "nao me resta mais nada", "nao me resta nada",
      "non mi resta niente", "non mi resta piu niente", "non mi resta nulla", "non mi resta piu nulla"};
  static constexpr std::string_view kSettlePhrases[] = {
      "donate the balance", "donate my balance", "donate the remaining", "donate whats left",
      "leave everything paid", "leave everything settled", "leave everything in order", "my affairs in order",
      "dejar todo pagado", "dejarlo todo pagado", "dejar todo en orden", "donen el saldo", "donad el saldo",
      "mis asuntos en orden", "tout laisser regle", "tout laisser paye", "tout laisser en ordre",
      "donnez le solde", "mes affaires en ordre", "alles geregelt", "alles bezahlt hinterlassen",
      "spendet das guthaben", "spenden sie das guthaben", "meine angelegenheiten geregelt", "doem o saldo",
      "doe o saldo", "deixar tudo pago", "deixar tudo resolvido", "deixar tudo em ordem", "lasciare tutto pagato",
      "lasciare tutto in ordine", "donate il saldo", "donare il saldo"};
  static constexpr std::string_view kBeMe[] = {
      "itll be me", "it will be me", "thatll be me", "that will be me", "sera yo", "voy a ser yo", "ce sera moi",
      "ca sera moi", "bin ich es", "bin bald ich", "serei eu", "vou ser eu", "saro io", "tocchera a me"};
  static constexpr std::string_view kWontNeedPhrases[] = {
      "wont need", "wont be needing", "will not need", "wont be using", "wont be around", "nao vou mais precisar",
      "nao vou precisar mais", "nao vou mais usar", "ya no lo voy a necesitar", "ya no la voy a necesitar",
      "ya no voy a necesitar", "no lo voy a necesitar mas", "ya no lo necesitare", "je nen aurai plus besoin",
      "jen aurai plus besoin", "je naurai plus besoin", "brauche ich nicht mehr", "nicht mehr brauchen",
      "non mi servira piu", "non ne avro piu bisogno"};
  static constexpr std::string_view kLastOrderPhrases[] = {
      "my last order", "my last purchase", "mi ultimo pedido", "mi ultima compra", "ma derniere commande",
      "mon dernier achat", "meine letzte bestellung", "meu ultimo pedido", "minha ultima encomenda",
      "minha ultima compra", "o meu ultimo pedido", "il mio ultimo ordine", "il mio ultimo acquisto"};
  static constexpr std::string_view kNoFuturePhrases[] = {
      "dont need the points", "no need for the points", "no need for points", "no hace falta que me acumulen",
      "no hace falta acumular", "no necesito los puntos", "nao precisa dos pontos", "nao precisam dos pontos",
      "nao preciso dos pontos", "pas besoin de points", "pas besoin des points", "brauche keine punkte",
      "keine punkte mehr", "non servono i punti", "non mi servono i punti", "no need to send",
      "nem precisa mandar", "no hace falta que me manden", "brauchen sie mir nichts mehr",
      "inutile de menvoyer", "non serve mandarmi"};
  static constexpr auto kDies = Words("dies", "muere", "fallece", "morre", "falece", "muore", "stirbt", "meurt",
                                      "decede");
  static constexpr auto kComplaint = Words("worst", "terrible", "awful", "useless", "pesimo", "pesima", "horrible",
                                           "nul", "nulle", "lamentable", "schlecht", "schlechteste", "miserabel",
                                           "pessimo", "pessima", "horrivel", "vergonha", "vergogna", "ridicule",
                                           "ridiculous", "ridiculo", "lacheriche", "competitor", "competencia",
                                           "concurrence", "konkurrenz", "concorrencia", "concorrenza", "amazon");
  static const PhraseIndex kNobodyIndex(kNobody), kNothingIndex(kNothingLeftPhrases), kSettleIndex(kSettlePhrases),
      kBeMeIndex(kBeMe), kWontNeedIndex(kWontNeedPhrases), kLastOrderIndex(kLastOrderPhrases),
      kNoFutureIndex(kNoFuturePhrases);
  const std::pair<const PhraseIndex*, unsigned> kPhrases[] = {
      {&kNobodyIndex, kNobodyWill}, {&kNothingIndex, kNothingLeft}, {&kSettleIndex, kSettle},
      {&kBeMeIndex, kItWillBeMe},   {&kWontNeedIndex, kWontNeed},   {&kLastOrderIndex, kLastOrder},
      {&kNoFutureIndex, kNoFuture}};
  unsigned signs = 0;
  size_t lo = SIZE_MAX, hi = 0;  // the words from the first sign to the last
  bool complaint = false;
  auto mark = [&](unsigned sign, size_t a, size_t b) {
    signs |= sign;
    lo = std::min(lo, a);
    hi = std::max(hi, b);
  };
  for (size_t i = 0; i < f.size(); ++i) {
    if (In(kDies, f[i])) mark(kHolderDies, i, i + 1);
    for (const auto& [index, sign] : kPhrases)
      if (const size_t n = index->At(f, i)) mark(sign, i, i + n);
  }
  // A pet given away or a complaint only matters beside another sign: most
  // messages have none, and analysis runs on every one.
  if (!signs) return;
  for (size_t i = 0; i < f.size() && !complaint; ++i) complaint = In(kComplaint, f[i]);
  if (size_t end = 0, at = GavePetAt(words, f, &end); at != SIZE_MAX) mark(kGavePet, at, end + 1);
  constexpr unsigned kStrong = kGavePet | kNobodyWill | kNothingLeft | kSettle | kItWillBeMe;
  if (complaint) signs &= ~(kLastOrder | kNobodyWill | kNoFuture | kWontNeed);
  const int count = __builtin_popcount(signs);
  // A pet rehomed and a subscription no longer needed is the pet food's; a
  // last order that "nobody will read" about is a customer leaving angry.
  const bool routine = signs == (kGavePet | kWontNeed) || signs == (kNobodyWill | kLastOrder);
  const bool farewell = (count >= 2 && (signs & kStrong) && !routine) ||
                        ((signs & kHolderDies) && (signs & (kWontNeed | kItWillBeMe | kSettle))) ||
                        ((signs & kLastOrder) && (signs & kNoFuture));
  if (farewell) d->Add(kCueCrisis, 1, words[lo]->tok->begin, words[hi - 1]->tok->end, kCrisisSelfHarm);
}

// A person asked for on another channel: "do you have a whatsapp number for
// your staff?", "habt ihr whatsapp, damit ich jemandem im laden schreiben
// kann?". The channel and a person in one message; not a family's WhatsApp
// group, not someone who said something there, not "do you have whatsapp?"
// alone (a question about the shop).
void DetectPersonOnAnotherChannel(const std::vector<const Item*>& words, const std::vector<std::string>& f,
                                  Detector* d) {
  static constexpr auto kChannels = Words("whatsapp", "whatsap", "wasap", "wsp", "telegram");
  static constexpr auto kGroup = Words("group", "grupo", "groupe", "gruppe", "gruppo", "chat-gruppe", "familia",
                                       "famille", "familie", "famiglia", "family");
  static constexpr auto kStaff = Words(
      "staff", "someone", "somebody", "person", "human", "agent", "advisor", "employee", "alguien", "persona",
      "agente", "asesor", "asesora", "empleado", "empleada", "quelquun", "conseiller", "conseillere", "humain",
      "jemand", "jemandem", "jemanden", "mitarbeiter", "mitarbeiterin", "berater", "beraterin", "mensch",
      "alguem", "pessoa", "atendente", "funcionario", "funcionaria", "qualcuno", "operatore", "operatrice",
      "consulente", "umano");
  // Someone on WhatsApp who said or sent something is a story, not a request.
  static constexpr auto kReported = Words("said", "told", "sent", "posted", "shared", "wrote", "dijo", "dijeron",
                                          "mando", "envio", "compartio", "escribio", "dit", "envoye", "partage",
                                          "ecrit", "gesagt", "geschickt", "geteilt", "geschrieben", "schrieb",
                                          "disse", "mandou", "enviou", "compartilhou", "escreveu", "detto",
                                          "mandato", "inviato", "condiviso", "scritto");
  if (std::none_of(f.begin(), f.end(), [](const std::string& w) { return In(kChannels, w); })) return;
  size_t channel = SIZE_MAX, person = SIZE_MAX;
  for (size_t i = 0; i < f.size(); ++i) {
    if (In(kGroup, f[i]) || In(kReported, f[i])) return;
    if (In(kChannels, f[i]) && channel == SIZE_MAX) channel = i;
    if (In(kStaff, f[i]) && person == SIZE_MAX && !NegatedAt(words, i, 2)) person = i;
  }
  if (channel == SIZE_MAX || person == SIZE_MAX) return;
  d->Add(kCueHumanRequest, 0.85, words[std::min(channel, person)]->tok->begin,
         words[std::max(channel, person)]->tok->end);
}

// Words around a bare role or department that ask nothing more.
constexpr auto kPolite = Words(
    "please", "pls", "plz", "svp", "stp", "bitte", "porfa", "porfavor", "por", "favor", "per", "favore",
    "thanks", "thx", "ty", "gracias", "merci", "danke", "obrigado", "obrigada", "grazie", "hi", "hello",
    "hey", "hola", "bonjour", "salut", "hallo", "ola", "oi", "ciao", "buongiorno", "buenos", "dias", "bom",
    "dia", "guten", "tag", "now", "ahora", "maintenant", "jetzt", "agora", "ora", "asap", "urgent",
    "urgente", "dringend", "and", "y", "e", "et", "und", "to", "al", "au", "zum", "zur", "ao", "alla",
    "live", "en", "vivo", "direct", "direto", "human", "humano", "humain", "umano", "real");

// A department by its name alone ("billing", "service facturation",
// "Buchhaltung bitte"): typed into a chat, it asks to be put through. Not
// with "?" ("billing?" asks about the topic) nor with a verb ("contact
// customer service" asks how to reach them: Bitext's contact_customer_service,
// a calm question). Returns the name's first word index (*len words), or SIZE_MAX.
size_t BareDepartmentName(const Message& m, const std::vector<const Item*>& words, const std::vector<std::string>& f,
                          size_t* len) {
  static constexpr std::string_view kNames[] = {
      "billing", "billing department", "accounts department", "accounting", "customer service", "customer services",
      "customer care", "customer support", "tech support", "technical support", "complaints department",
      "facturacion", "contabilidad", "atencion al cliente", "servicio al cliente", "servicio de atencion al cliente",
      "servicio tecnico", "soporte tecnico", "departamento de reclamaciones",
      "facturation", "service facturation", "comptabilite", "service comptabilite", "service client", "service clients",
      "service clientele", "service apres-vente", "service apres vente", "sav", "support technique",
      "service technique", "service reclamations",
      "buchhaltung", "rechnungsabteilung", "kundenservice", "kundendienst", "technischer support", "technischer kundendienst",
      "reklamationsabteilung", "beschwerdeabteilung",
      "faturacao", "faturamento", "contabilidade", "apoio ao cliente", "atendimento ao cliente", "servico de apoio ao cliente",
      "suporte tecnico", "assistencia tecnica",
      "fatturazione", "ufficio fatturazione", "contabilita", "servizio clienti", "assistenza clienti", "assistenza tecnica",
      "ufficio reclami", "amministrazione", "ufficio amministrativo", "centralino",
      // the switchboard: "Zentrale bitte"
      "switchboard", "zentrale", "telefonzentrale", "centralita", "verwaltung", "administracion"};
  static const PhraseIndex kIndex(kNames);
  const size_t n = words.size();
  if (n == 0 || n > 6 || m.cleaned.find('?') != std::string::npos) return SIZE_MAX;
  size_t at = SIZE_MAX;
  for (size_t k = 0; k < n;) {
    if (at == SIZE_MAX)
      if (const size_t l = kIndex.At(f, k)) {
        at = k, *len = l, k += l;
        continue;
      }
    if (words[k]->verb || !(In(kPolite, f[k]) || In(kDeterminers, f[k]) || IsFiller(words[k]->key))) return SIZE_MAX;
    ++k;
  }
  return at;
}

// A role or a department named alone: "returns department please",
// "manager!!", "Sprechstundenhilfe bitte", "setor de trocas e devoluções por
// favor". Not support or customer service named alone (asked of the bot,
// that is how to reach them: Bitext's contact_customer_service), not a topic
// ("billing?", "pharmacy"), not contact details ("billing department phone
// number"). Returns the role's word index, or SIZE_MAX.
size_t BareRole(const Message& m, const std::vector<const Item*>& words, const std::vector<std::string>& f) {
  static constexpr auto kDepartments = Words("department", "dept", "departamento", "departement", "abteilung",
                                             "setor", "sector", "reparto", "ufficio", "team", "equipo", "equipe",
                                             "equipa", "segreteria");
  static constexpr auto kTopics = Words(
      "billing", "finance", "warehouse", "office", "pharmacy", "pharmacie", "farmacia", "apotheke", "clinic",
      "clinique", "clinica", "praxis", "magazzino", "almacen", "entrepot", "armazem", "returns", "retours",
      "devoluciones", "retouren", "devolucoes", "resi", "facturacion", "contabilidad", "comptabilite",
      "facturation", "buchhaltung", "financeiro", "amministrazione", "contabilita", "oficina", "dono");
  static constexpr auto kInfo = Words(
      "hours", "hour", "number", "phone", "telephone", "email", "mail", "address", "adresse", "direccion",
      "endereco", "indirizzo", "horario", "horarios", "horaires", "heures", "offnungszeiten", "zeiten", "nummer",
      "numero", "telefono", "telefone", "telefon", "opening", "open", "location", "ubicacion", "job", "jobs",
      "vacancy", "salary", "empleo", "emploi", "stelle", "vaga", "lavoro", "course", "curso", "cours", "kurs");
  const size_t n = words.size();
  if (n == 0 || n > 8) return SIZE_MAX;
  size_t role = SIZE_MAX, others = 0;
  bool department = false;
  for (size_t k = 0; k < n; ++k) {
    if (words[k]->verb || In(kInfo, f[k]) || In(kSupport, f[k])) return SIZE_MAX;
    const bool person = words[k]->noun && !NeedsQualifier(words[k]->key) && words[k]->key != "kundendienst" &&
                        words[k]->key != "kundenservice";
    // German compounds name the department in one word: "Retourenabteilung bitte"
    const bool dept = In(kDepartments, f[k]) ||
                      (f[k].size() > 10 && f[k].compare(f[k].size() - 9, 9, "abteilung") == 0);
    if (person || dept || In(kInCharge, f[k]) || (In(kRoles, f[k]) && !In(kTopics, f[k]))) {
      if (k > 0 && (In(kPossessives, f[k - 1]) || In(kOther, f[k - 1]))) return SIZE_MAX;
      if (k + 1 < n && In(kRoleThings, f[k + 1])) return SIZE_MAX;
      if (role == SIZE_MAX) role = k;
      department |= dept;
    } else if (!In(kPolite, f[k]) && !In(kDeterminers, f[k]) && !In(kFrom, f[k]) && !IsFiller(words[k]->key) &&
               !In(kTopics, f[k])) {
      ++others;
    }
  }
  // A department may carry its topic ("returns department", "service
  // paiements"); a question about one names it alone ("billing team?").
  const bool question = m.cleaned.find('?') != std::string::npos;
  if (role == SIZE_MAX || others > (department && !question ? 2 : 0)) return SIZE_MAX;
  return role;
}

// The person from before asked for again: "could I have the lady I spoke to
// yesterday", "kann ich nochmal die Kollegin von gestern haben", "me pasas
// con la chica que me atendió ayer". A request opening, a staff word right
// after a determiner (not "the delivery man"), and a word of the earlier
// contact in the sentence; "the lady I spoke to said..." has no opening.
constexpr std::string_view kAskForAgain[] = {
    "could i have", "can i have", "may i have", "could i get", "can i get", "could i speak to", "can i speak to",
    "could i speak with", "can i speak with", "can i talk to", "could i talk to", "put me through to",
    "connect me to", "connect me with", "puedo hablar con", "podria hablar con", "me pasas con", "me pasa con",
    "me pueden pasar con", "me puede pasar con", "quiero hablar con", "quisiera hablar con", "me comunica con",
    "me comunicas con", "je peux avoir", "puis-je avoir", "pourrais-je avoir", "je voudrais", "je peux parler a",
    "pourrais-je parler a", "vous pouvez me passer", "pouvez-vous me passer", "kann ich", "konnte ich",
    "ich hatte gern", "ich hatte gerne", "ich mochte", "verbinden sie mich mit", "posso falar com",
    "poderia falar com", "me passa pra", "me passa para", "me passa", "quero falar com", "queria falar com",
    "gostaria de falar com", "pode me passar", "posso parlare con", "potrei parlare con", "mi passi", "mi passa",
    "vorrei parlare con", "vorrei", "potrei avere", "posso avere"};
constexpr auto kStaffWords = Words(
    "lady", "guy", "woman", "man", "gentleman", "girl", "agent", "colleague", "person", "rep", "operator", "advisor",
    "senora", "senor", "chica", "chico", "companera", "companero", "persona", "muchacha", "muchacho", "agente",
    "asesora", "asesor", "dame", "monsieur", "collegue", "personne", "conseillere", "conseiller", "kollegin", "kollege",
    "herr", "herrn", "frau", "kollegen", "mitarbeiterin", "mitarbeiter", "beraterin", "berater", "moca", "moco", "senhora", "senhor",
    "colega", "atendente", "pessoa", "menina", "rapaz", "signora", "signore", "ragazza", "ragazzo", "collega",
    "operatrice", "operatore", "consulente",
    // who handles a claim: "me passa o perito que tá cuidando do meu carro"
    "adjuster", "handler", "perito", "perita", "tramitador", "tramitadora", "gestor", "gestora", "gestionnaire",
    "sachbearbeiter", "sachbearbeiterin", "liquidatore");
constexpr auto kStaffDeterminers = Words(
    "the", "that", "this", "same", "nice", "lovely", "other", "la", "el", "le", "die", "der", "den", "dem", "nette",
    "netten", "gleiche", "gleichen", "selbe", "selben", "dieselbe", "denselben", "misma", "mismo", "meme", "mesma",
    "mesmo", "stessa", "stesso", "o", "a", "il", "lo", "quella", "quello", "quel", "ce", "cette", "esa", "ese", "essa",
    "esse", "aquela", "aquele", "amable", "gentile", "gentille", "freundliche", "freundlichen");
constexpr auto kEarlierContact = Words(
    "spoke", "talked", "chatted", "helped", "yesterday", "earlier", "before", "again", "same", "hable", "atendio",
    "ayudo", "ayer", "antes", "misma", "mismo", "parle", "aide", "aidee", "hier", "avant", "encore", "meme",
    "gesprochen", "telefoniert", "geholfen", "gestern", "vorhin", "nochmal", "nochmals", "wieder", "gleiche", "selbe", "dieselbe",
    "falei", "atendeu", "ajudou", "ontem", "mesma", "mesmo", "parlato", "aiutato", "aiutata", "ieri", "prima",
    "stessa", "stesso", "ancora",
    // ... or handling the case now: "the adjuster handling my claim"
    "handling", "cuidando", "llevando", "lleva", "occupe", "bearbeitet", "segue", "seguendo");

// The opening's first word, or SIZE_MAX; *staff is the staff word.
size_t SamePersonAgain(const std::vector<const Item*>& words, const std::vector<std::string>& f, size_t* staff) {
  static const PhraseIndex kAskForAgainIndex(kAskForAgain);
  for (size_t i = 0; i < f.size(); ++i) {
    const size_t len = kAskForAgainIndex.At(f, i);
    if (!len || NegatedAt(words, i, 2)) continue;
    for (size_t k = i + len; k < f.size() && k <= i + len + 4 && words[k]->sentence == words[i]->sentence; ++k) {
      if (!In(kStaffWords, f[k]) || !In(kStaffDeterminers, f[k - 1])) continue;
      // "the same person to fit the kitchen": someone for a job, not the chat.
      static constexpr auto kForAJob = Words("to", "para", "pour", "per", "um", "zum");
      if (k + 1 < f.size() && In(kForAJob, f[k + 1])) continue;
      for (size_t r = 0; r < f.size(); ++r)
        if (words[r]->sentence == words[i]->sentence && (r < i || r >= i + len) && In(kEarlierContact, f[r]))
          return *staff = k, i;
    }
  }
  return SIZE_MAX;
}

// The person from before asked after: "I spoke to Sarah yesterday, is she
// available?", "hab gestern mit Frau Becker telefoniert, ist sie da?". A
// she/he availability question and a word of the earlier contact in the
// message; "is it available?" asks about a thing. The question's first
// word, or SIZE_MAX; *last is its last.
size_t PersonFromBefore(const std::vector<const Item*>& words, const std::vector<std::string>& f, size_t* last) {
  static constexpr std::string_view kIsSheThere[] = {
      "is she available", "is he available", "is she there", "is he there", "is she around", "is he around", "is she free", "is he free", "can i speak to her", "can i speak to him",
      "can i talk to her", "can i talk to him", "ist sie da", "ist er da", "ist sie erreichbar", "ist er erreichbar",
      "ist sie heute da", "ist er heute da", "ist sie zu sprechen", "ist er zu sprechen", "kann ich sie sprechen",
      "kann ich ihn sprechen", "ella esta disponible", "el esta disponible", "esta ella", "puedo hablar con ella",
      "me pasas con ella", "me pasa con ella", "elle est la", "il est la", "est-elle la", "est-il la",
      "est-elle disponible", "est-il disponible", "elle est disponible", "il est disponible", "je peux lui parler",
      "ela esta disponivel", "ele esta disponivel", "ela esta ai", "ele esta ai", "ela ta ai", "ele ta ai",
      "posso falar com ela", "posso falar com ele", "me passa pra ela", "me passa pra ele", "ce lei", "ce lui",
      "lei e disponibile", "lui e disponibile", "posso parlarle", "posso parlargli", "posso parlare con lei",
      "posso parlare con lui", "mi passi il suo ufficio", "mi passa il suo ufficio"};
  static const PhraseIndex kIsSheThereIndex(kIsSheThere);
  for (size_t i = 0; i < f.size(); ++i) {
    const size_t len = kIsSheThereIndex.At(f, i);
    if (!len || NegatedAt(words, i, 2)) continue;
    for (size_t r = 0; r < f.size(); ++r)
      if ((r < i || r >= i + len) && In(kEarlierContact, f[r])) return *last = i + len - 1, i;
  }
  return SIZE_MAX;
}

// Time with a person booked: "quisiera pedir cita con un gestor", "ich hätt
// gern einen Termin mit einer Beraterin", "vorrei fissare una videochiamata
// con una delle vostre nutrizioniste", "si può fissare una telefonata con
// un medico?". A call with anyone on the staff is a person; an appointment
// only with an adviser (a visit to the dermatologist is the consultation a
// clinic books, not a handoff). A wish or booking word opens it, so a call
// that was ("my call with the adviser yesterday") asks nothing. The
// meeting word's index (*last: the person's), or SIZE_MAX.
size_t MeetingWithStaff(const std::vector<const Item*>& words, const std::vector<std::string>& f, size_t* last) {
  static constexpr auto kCalls = Words(
      "call", "videocall", "phonecall", "llamada", "videollamada", "videoconferencia", "appel", "visio",
      "visioconference", "telefonat", "videoanruf", "videogesprach", "telefongesprach", "telefontermin", "chamada",
      "videochamada", "ligacao", "videoconferencia", "telefonata", "videochiamata", "chiamata", "videoconsulenza");
  static constexpr auto kAppointments = Words(
      "appointment", "meeting", "cita", "reunion", "rendez-vous", "rdv", "entretien", "termin", "beratungstermin",
      "gesprach", "reuniao", "encontro", "appuntamento", "incontro", "colloquio");
  // "a phone appointment", "cita telefónica", "rendez-vous téléphonique": a call
  static constexpr auto kByPhone = Words("phone", "telephone", "video", "telefonica", "telefonico", "telephonique",
                                         "telefonisch", "telefonischen", "telefonischer", "telefonisches");
  static constexpr auto kWith = Words("with", "con", "avec", "mit", "com");
  static constexpr auto kAdvisers = Words(
      "adviser", "advisor", "banker", "gestor", "gestora", "asesor", "asesora", "consultor", "consultora", "gerente",
      "conseiller", "conseillere", "charge", "berater", "beraterin", "kundenberater", "kundenberaterin", "bankberater",
      "bankberaterin", "consulente", "gestore", "referente", "someone", "somebody", "person", "alguien", "persona",
      "quelqu'un", "personne", "jemandem", "jemand", "alguem", "pessoa", "qualcuno", "agent", "agente");
  static constexpr auto kStaff = Words(
      "doctor", "gp", "pharmacist", "nurse", "nutritionist", "dietitian", "vet", "specialist", "expert", "medico",
      "medica", "doctora", "farmaceutico", "farmaceutica", "enfermera", "enfermero", "nutricionista", "veterinario",
      "especialista", "experto", "medecin", "docteur", "pharmacien", "pharmacienne", "infirmiere", "infirmier",
      "nutritionniste", "dieteticienne", "veterinaire", "arzt", "arztin", "apotheker", "apothekerin", "pfleger",
      "pflegerin", "ernahrungsberater", "ernahrungsberaterin", "tierarzt", "tierarztin", "fachmann", "enfermeira",
      "enfermeiro", "nutricionista", "farmaceutica", "farmacista", "infermiera", "infermiere", "nutrizionista",
      "nutrizioniste", "dietista", "veterinaria", "esperto", "operatore", "operatrice", "tecnico", "technician",
      "team", "support", "assistenza", "soporte", "suporte");
  // Wishing or booking, not having: "I have a call with my adviser at 3" is a plan.
  static constexpr auto kWish = Words(
      "like", "want", "book", "schedule", "arrange", "can", "could", "may", "possible", "request",
      "quiero", "quisiera", "queria", "pedir", "reservar", "agendar", "concertar", "programar", "puedo", "podria",
      "gustaria", "solicitar", "voudrais", "veux", "souhaite", "souhaiterais", "prendre", "fixer", "planifier",
      "peux", "pourrais", "puis", "organiser", "solliciter", "mochte", "gern", "gerne",  // "hätte gern", not "hatte" (had)
      "vereinbaren", "ausmachen", "buchen", "kann", "konnte", "bekommen", "anfragen", "quero", "gostaria", "marcar",
      "pode", "posso", "possivel", "vorrei", "voglio", "fissare", "prenotare", "puo", "organizzare", "richiedere");
  const size_t n = words.size();
  for (size_t i = 0; i < n; ++i) {
    const bool call = In(kCalls, f[i]) || (In(kAppointments, f[i]) &&
                                            ((i > 0 && In(kByPhone, f[i - 1])) || (i + 1 < n && In(kByPhone, f[i + 1]))));
    if (!call && !In(kAppointments, f[i])) continue;
    bool wished = false;
    for (size_t k = i > 6 ? i - 6 : 0; k < i && !wished; ++k)
      wished = words[k]->sentence == words[i]->sentence && In(kWish, f[k]) && !NegatedAt(words, k);
    if (!wished) continue;
    for (size_t w = i + 1; w < n && w <= i + 4 && words[w]->sentence == words[i]->sentence; ++w) {
      if (!In(kWith, f[w])) continue;
      for (size_t p = w + 1; p < n && p <= w + 5 && words[p]->sentence == words[i]->sentence; ++p)
        if (In(kAdvisers, f[p]) || (call && In(kStaff, f[p]))) {
          *last = p;
          return i;
        }
      break;
    }
  }
  return SIZE_MAX;
}

// A department needed: "ich brauch die Betrugsabteilung", "j'ai besoin du
// service fraude", "preciso do setor de cobrança". A request verb, a
// determiner or two, a department named with a support topic (fraud,
// billing, complaints, refunds...: "el equipo de música" and "el
// departamento de 2 habitaciones" are things to buy or rent); not when
// contact details are what is wanted. The department's word, or SIZE_MAX.
// A German compound naming a department: "Beschwerdeabteilung".
bool GermanDepartment(std::string_view w) {
  constexpr std::string_view kSuffix = "abteilung";
  return w.size() > kSuffix.size() && w.substr(w.size() - kSuffix.size()) == kSuffix;
}

size_t NeedDepartment(const std::vector<const Item*>& words, const std::vector<std::string>& f) {
  static constexpr auto kDepartments = Words("department", "dept", "team", "departamento", "area", "departement",
                                             "service", "abteilung", "setor", "sector", "ufficio", "reparto");
  static constexpr auto kTopics = Words(
      "fraud", "billing", "complaints", "returns", "refunds", "payments", "accounts", "accounting", "claims",
      "collections", "legal", "fraudes", "facturacion", "reclamaciones", "devoluciones", "reembolsos", "pagos",
      "cobros", "cobranza", "contabilidad", "siniestros", "fraude", "facturation", "reclamations", "retours",
      "remboursements", "paiements", "comptabilite", "sinistres", "contentieux", "recouvrement", "cobranca",
      "faturamento", "faturacao", "reclamacoes", "devolucoes", "pagamentos", "contabilidade", "sinistros",
      "financeiro", "frodi", "fatturazione", "reclami", "resi", "rimborsi", "pagamenti", "contabilita", "sinistri");
  // German joins them: "Betrugsabteilung", "Rechnungsabteilung".
  static constexpr std::string_view kGermanTopics[] = {"betrug", "rechnung", "beschwerde", "reklamation", "retoure",
                                                        "erstattung", "zahlung", "buchhaltung", "schaden", "inkasso",
                                                        "mahn", "rechts"};
  static constexpr auto kNeeding = Words("need", "want", "necesito", "quiero", "besoin", "veux", "voudrais", "brauche",
                                         "brauch", "mochte", "preciso", "quero", "serve", "voglio", "vorrei", "bisogno");
  static constexpr auto kInfo = Words("number", "phone", "email", "mail", "address", "numero", "telefono", "telefone",
                                      "nummer", "adresse", "direccion", "endereco", "indirizzo", "hours", "horario",
                                      "horaires", "offnungszeiten");
  const size_t n = f.size();
  auto german = [&](const std::string& w) {
    if (!GermanDepartment(w)) return false;
    for (std::string_view stem : kGermanTopics)
      if (w.compare(0, stem.size(), stem) == 0) return true;
    return false;
  };
  for (size_t j = 0; j < n; ++j) {
    if (!In(kNeeding, f[j]) || NegatedAt(words, j, 3)) continue;
    for (size_t k = j + 1; k < n && k <= j + 4 && words[k]->clause == words[j]->clause; ++k) {
      // The topic just before ("the fraud department") or after ("setor de cobrança", "service fraude").
      bool topic = k > j + 1 && In(kTopics, f[k - 1]);
      for (size_t r = k + 1; r < n && r <= k + 2 && !topic; ++r) topic = In(kTopics, f[r]);
      if (german(f[k]) || (In(kDepartments, f[k]) && topic)) {
        for (size_t r = 0; r < n; ++r)
          if (words[r]->sentence == words[k]->sentence && In(kInfo, f[r])) return SIZE_MAX;
        return k;
      }
      if (!In(kDeterminers, f[k]) && !In(kFrom, f[k]) && !In(kTopics, f[k]) && f[k] != "du" && f[k] != "die") break;
    }
  }
  return SIZE_MAX;
}

void DetectPersonInOwnWords(const Message& m, const std::vector<const Item*>& words,
                            const std::vector<std::string>& f, Detector* d) {
  const size_t n = words.size();
  auto add = [&](double strength, size_t a, size_t b) {
    d->Add(kCueHumanRequest, strength, words[a]->tok->begin, words[b]->tok->end);
  };
  // "ich hätte gern den Apotheker gesprochen": a wish in the subjunctive, a
  // person, then the participle; not "ich habe mit dem Apotheker gesprochen".
  for (size_t i = 0; i + 2 < n; ++i) {
    const std::string& w = words[i]->tok->norm;
    if (w != "hätte" && w != "haette" && w != "hätt" && w != "würde" && w != "wuerde") continue;
    for (size_t k = i + 1; k < n && k <= i + 5 && words[k]->clause == words[i]->clause; ++k) {
      if (!words[k]->noun && !NeedsQualifier(words[k]->tok->norm) && !In(kRoles, f[k]) && !In(kInCharge, f[k])) continue;
      for (size_t p = k + 1; p < n && p <= k + 2 && words[p]->clause == words[k]->clause; ++p)
        if (f[p] == "gesprochen" || f[p] == "sprechen") {
          add(0.85, i, p);
          return;
        }
    }
  }
  if (size_t staff = 0, again = SamePersonAgain(words, f, &staff); again != SIZE_MAX) {
    add(0.8, again, staff);
    return;
  }
  if (size_t last = 0, before = PersonFromBefore(words, f, &last); before != SIZE_MAX) {
    add(0.8, before, last);
    return;
  }
  if (const size_t department = NeedDepartment(words, f); department != SIZE_MAX) {
    add(0.8, department, department);
    return;
  }
  if (size_t person = 0, meeting = MeetingWithStaff(words, f, &person); meeting != SIZE_MAX) {
    add(0.8, meeting, person);
    return;
  }
  if (const size_t role = BareRole(m, words, f); role != SIZE_MAX) {
    add(0.8, role, role);
    return;
  }
  if (size_t len = 0, name = BareDepartmentName(m, words, f, &len); name != SIZE_MAX) {
    add(0.8, name, name + len - 1);
    return;
  }
  // ... or a person asked for in a sentence of its own inside a longer
  // message: "non rispondo più alle tue domande. umano. ora." Only a person
  // or someone in charge: "The pharmacist. She said..." names one.
  for (size_t a = 0; a < n && words[n - 1]->sentence != words[0]->sentence;) {
    size_t b = a;
    while (b < n && words[b]->sentence == words[a]->sentence) ++b;
    const std::vector<const Item*> sw(words.begin() + a, words.begin() + b);
    const std::vector<std::string> sf(f.begin() + a, f.begin() + b);
    if (const size_t r = BareRole(m, sw, sf); r != SIZE_MAX && (sw[r]->noun || In(kInCharge, sf[r]))) {
      add(0.8, a + r, a + r);
      return;
    }
    a = b;
  }
  auto same = [&](size_t a, size_t b) { return words[a]->clause == words[b]->clause; };
  for (size_t i = 0; i < n; ++i) {
    // Done with the bot: "stop|enough|no more ... bot", within 5 words.
    if (BotAt(words, f, i)) {
      for (size_t k = i > 6 ? i - 6 : 0; k < i; ++k) {
        if (!In(kStopWords, f[k]) || words[k]->sentence != words[i]->sentence) continue;
        // "the bot is not bad", "no bot?" as a question about us: the stop
        // word must come before, and a bare negator must lead straight to it
        // ("no more bots") or through a talk verb ("don't want to talk to a bot").
        const bool negator = words[k]->negates || f[k] == "plus" || f[k] == "ya" || f[k] == "sem" ||
                             f[k] == "sin" || f[k] == "sans" || f[k] == "ohne" || f[k] == "senza" ||
                             f[k] == "without";
        bool ok = !negator;
        if (negator) {
          for (size_t j = k + 1; j < i; ++j) ok |= words[j]->talk;
          ok |= i - k <= 4 && !QuestionAfter(m, words[i]);
        }
        if (ok) {
          add(0.85, k, i);
          return;
        }
      }
    }
    // Anyone there: "anyone there/real/alive?" (a question or a short
    // message), "is there anyone?", "hello? anybody?", "y a personne ?".
    const bool french_nobody = f[i] == "personne" && i > 0 && f[i - 1] == "a";
    if (In(kAnyone, f[i]) && (f[i] != "personne" || french_nobody) && !(i > 0 && words[i - 1]->negates)) {
      const bool question = QuestionAfter(m, words[i]);
      size_t end = i + 1, sentence_words = 0;
      while (end < n && words[end]->sentence == words[i]->sentence && In(kThere, f[end])) ++end;
      const bool rest_is_there = end == n || words[end]->sentence != words[i]->sentence;
      for (const Item* w : words) sentence_words += w->sentence == words[i]->sentence;
      if (rest_is_there && (question || n <= 6) && (end > i + 1 || (question && sentence_words <= 4))) {
        add(0.85, i, end - 1);
        return;
      }
    }
    // "qlcn mi risponde?", "alguien me responde?", "someone answer me"; not
    // "did anyone read the reviews?", others' experience (asking whether a
    // person read the visitor's message is a pattern of its own).
    static constexpr auto kPastAsk = Words("did", "has", "have", "had");
    if (In(kAnyone, f[i]) && f[i] != "personne" && !In(kNobody, f[i]) && !(i > 0 && words[i - 1]->negates) &&
        !(i > 0 && In(kPastAsk, f[i - 1]))) {
      size_t k = i + 1;
      if (k < n && same(i, k) && In(kMe, f[k])) ++k;
      if (k < n && same(i, k) && In(kActions, f[k]) && !In(kSeeing, f[k]) && !In(kHelp, f[k])) {
        add(0.8, i, k);
        return;
      }
    }
    // Someone who acts: "il me faut quelqu'un qui s'occupe vraiment du problème".
    if (In(kAnyone, f[i]) && f[i] != "personne" && !In(kNobody, f[i]) && i + 2 < n && same(i, i + 1) &&
        In(kWhoThat, f[i + 1])) {
      // Subjunctive "can" and "actually": "alguien que pueda ver mi cuenta de verdad".
      static constexpr auto kMayBeAble = Words("pueda", "puedan", "puisse", "puissent", "possa", "possano", "consiga",
                                               "consigam", "consegua", "actually", "really", "realmente", "vraiment");
      size_t k = i + 2;
      while (k < n && k <= i + 4 && same(i, k) &&
             (In(kModals, f[k]) || In(kMe, f[k]) || In(kCan, f[k]) || In(kMayBeAble, f[k])))
        ++k;
      // Looking is a service ("someone to look at my dog"), unless it is at
      // the visitor's account or case: "someone who can see my account".
      static constexpr auto kSeeVerbs = Words("see", "view", "access", "ver", "voir", "sehen", "einsehen", "vedere",
                                              "accedere", "acceder", "acessar", "aceder");
      static constexpr auto kAccountThings = Words(
          "account", "file", "order", "record", "records", "case", "details", "booking", "cuenta", "expediente",
          "pedido", "caso", "reserva", "compte", "dossier", "commande", "konto", "akte", "bestellung", "fall",
          "buchung", "conta", "ficha", "processo", "encomenda", "conto", "pratica", "ordine", "fascicolo",
          "prenotazione");
      const bool at_account = k + 2 < n && (In(kSeeing, f[k]) || In(kSeeVerbs, f[k])) &&
                              ((In(kPossessives, f[k + 1]) && In(kAccountThings, f[k + 2])) ||
                               (k + 3 < n && In(kPossessives, f[k + 2]) && In(kAccountThings, f[k + 3])));
      if (k < n && same(i, k) && (at_account || (In(kActions, f[k]) && !In(kSeeing, f[k]) && !In(kHelp, f[k]))) &&
          !(i > 0 && words[i - 1]->negates)) {
        add(0.8, i, k);
        return;
      }
    }
    // Someone from a team: "preciso de alguém do financeiro", "I need someone from billing".
    if (In(kAnyone, f[i]) && i + 2 < n && In(kFrom, f[i + 1]) && (In(kRoles, f[i + 2]) || In(kRoles, f[std::min(n - 1, i + 3)]))) {
      // The verb wants the someone ("I need someone from billing"), not
      // another verb ("I want to thank someone from your team").
      size_t j = i;
      while (j > 0 && i - j < 3 && same(i, j - 1) && In(kBetween, f[j - 1])) --j;
      if (j > 0 && words[j - 1]->verb && same(i, j - 1) && !NegatedAt(words, j - 1, 3)) {
        add(0.85, j - 1, i + 2);
        return;
      }
    }
    // Someone from a team asked to act without a request verb: "il faut que
    // quelqu'un du service réclamations ouvre un dossier", "jemand aus der
    // Beschwerdeabteilung muss einen Fall aufmachen", "einfacher wenn jemand
    // aus der Retourenabteilung das macht". A must after the team (not "must
    // have": a guess about the past) or a wish before the someone; not
    // "someone from billing called me yesterday".
    if (In(kAnyone, f[i]) && !In(kNobody, f[i]) && f[i] != "personne") {
      static constexpr auto kFromToo = Words("aus", "der", "dem", "the", "your", "le", "la", "votre", "vostro",
                                             "vuestro", "su", "ihrer", "eurer", "ihr");
      size_t k = i + 1;
      while (k < n && k <= i + 3 && same(i, k) && (In(kFrom, f[k]) || In(kFromToo, f[k]))) ++k;
      // Teams only as "someone from" names them: security, the returns desk
      // ("alguém da troca"); alone they are a security arch, an exchange.
      static constexpr auto kTeams = Words("security", "securite", "seguridad", "sicherheit", "seguranca",
                                           "sicurezza", "troca", "trocas");
      const auto team = [&](size_t t) {
        return t < n && same(i, t) &&
               (In(kRoles, f[t]) || In(kTeams, f[t]) || f[t] == "service" || GermanDepartment(f[t]));
      };
      if (k > i + 1 && (team(k) || (team(k + 1) && !In(kRoles, f[k]) && k + 1 <= i + 4))) {
        static constexpr auto kWish = Words("faut", "faudrait", "easier", "better", "einfacher", "besser", "facil", "facile",
                                            "mejor", "prefer", "prefiero", "preferiria", "prefere", "prefererais",
                                            "lieber", "meglio", "preferirei", "preferisco", "prefiro", "preferia",
                                            "melhor");
        static constexpr auto kMust = Words("must", "should", "muss", "sollte", "soll", "doit", "devrait", "deve",
                                            "deveria", "debe", "deberia", "devrebbe");
        static constexpr auto kHaveDone = Words("have", "haben", "hat", "avoir", "ter", "aver", "avere", "haber",
                                                "been", "gewesen");
        bool wish = false, must = false, guess = false;
        for (size_t j = i > 5 ? i - 5 : 0; j < i; ++j) wish |= same(i, j) && In(kWish, f[j]);
        // A subjunctive "que" opening the sentence is a wish: "que quelqu'un
        // de la sécurité vienne", "que alguien de facturación me llame".
        wish |= i > 0 && (f[i - 1] == "que" || f[i - 1] == "che") &&
                (i == 1 || words[i - 2]->sentence != words[i - 1]->sentence);
        for (size_t j = k + 1; j < n && j <= k + 5 && same(i, j); ++j) {
          must |= In(kMust, f[j]);
          guess |= In(kHaveDone, f[j]);
        }
        if ((wish && k + 2 < n && same(i, k + 2)) || (must && !guess)) {
          add(0.8, i, k);
          return;
        }
      }
    }
    // A human asked to act: "kann ein Mensch das entsperren", "que me la
    // desbloquee un humano", "can a human sort this out". An article before,
    // a can, must or subjunctive "que" in the clause; not "human hair", not
    // a privacy question ("can a human read my messages?").
    static constexpr auto kHumanWords = Words("human", "humano", "humana", "humain", "humaine", "mensch", "menschen",
                                              "umano", "umana");
    static constexpr auto kArticles = Words("a", "an", "un", "una", "une", "ein", "einen", "einem", "um", "uma");
    if (In(kHumanWords, f[i]) && i > 0 && same(i, i - 1) && In(kArticles, f[i - 1])) {
      static constexpr auto kAsking = Words("can", "could", "must", "should", "kann", "konnte", "muss", "soll",
                                            "sollte", "que", "puede", "podria", "debe", "peut", "pourrait", "doit",
                                            "pode", "poderia", "deve", "puo", "potrebbe", "bitte", "please");
      static constexpr auto kNotAPerson = Words(
          "hair", "error", "errors", "resources", "rights", "being", "beings", "body", "grade", "skin", "nature",
          "cheveux", "erreur", "ressources", "droits", "pelo", "cabello", "recursos", "derechos", "haar", "fehler",
          "rechte", "capelli", "errore", "diritti", "cabelo", "erro", "direitos", "ser", "etre", "essere");
      static constexpr auto kChatWords = Words(
          "message", "messages", "chat", "chats", "conversation", "conversations", "transcript", "nachricht",
          "nachrichten", "gesprach", "mensaje", "mensajes", "conversacion", "conversa", "mensagem", "mensagens",
          "messaggio", "messaggi", "conversazione");
      bool asking = false, chat = false;
      for (size_t j = 0; j < n; ++j) {
        if (!same(i, j)) continue;
        asking |= j != i && In(kAsking, f[j]);
        chat |= In(kChatWords, f[j]);
      }
      if (asking && !chat && !(i + 1 < n && In(kNotAPerson, f[i + 1])) && !NegatedAt(words, i, 3)) {
        add(0.8, i - 1, i);
        return;
      }
    }
    // Someone who speaks the visitor's language: "¿hay alguien que hable
    // inglés?", "vcs tem alguém que fala espanhol?", "jemand, der Englisch
    // spricht?" (not "do your staff speak Polish?", a question about them).
    if (In(kAnyone, f[i]) && !In(kNobody, f[i]) && f[i] != "personne") {
      static constexpr auto kSpeaks = Words("speaks", "speak", "hable", "habla", "hablen", "parle", "parlent",
                                            "spricht", "sprechen", "fala", "falam", "parla", "parlano");
      static constexpr auto kLanguages = Words(
          "english", "ingles", "anglais", "englisch", "inglese", "spanish", "espanol", "castellano", "espagnol",
          "spanisch", "espanhol", "spagnolo", "french", "frances", "francais", "franzosisch", "francese", "german",
          "aleman", "allemand", "deutsch", "alemao", "tedesco", "portuguese", "portugues", "portugais",
          "portugiesisch", "portoghese", "italian", "italiano", "italien", "italienisch", "arabic", "arabe",
          "arabisch", "arabo", "polish", "polaco", "polonais", "polnisch", "polacco", "ukrainian", "ucraniano",
          "ukrainien", "ukrainisch", "ucraino", "russian", "ruso", "russe", "russisch", "russo", "romanian",
          "rumano", "roumain", "rumanisch", "romeno", "rumeno", "turkish", "turco", "turc", "turkisch", "chinese",
          "chino", "chinois", "chinesisch", "chines", "cinese");
      bool speaks = false, language = false;
      for (size_t j = i + 1; j < n && j <= i + 5 && (same(i, j) || j == i + 1); ++j) {
        speaks |= In(kSpeaks, f[j]);
        language |= In(kLanguages, f[j]);
      }
      if (speaks && language && !NegatedAt(words, i, 3)) {
        add(0.8, i, i);
        return;
      }
    }
    // A person asked to help: "¿me puede ayudar una persona?", "uma pessoa
    // pode me ajudar?". A can and "me" in the clause; not someone sent to do
    // a job ("can a person come and help me carry it").
    static constexpr auto kPersonWords = Words("person", "persona", "pessoa", "personne", "persone");
    if (In(kPersonWords, f[i]) && i > 0 && same(i, i - 1) && In(kArticles, f[i - 1])) {
      static constexpr auto kComing = Words("come", "comes", "venir", "venga", "vir", "venha", "kommen", "venire",
                                            "carry", "assemble", "montar", "monter", "montare", "collect",
                                            "recoger", "recuperer", "abholen", "buscar", "ritirare");
      bool can = false, me = false, help = false, coming = false;
      for (size_t j = i > 5 ? i - 5 : 0; j < n && j <= i + 5; ++j) {
        if (!same(i, j)) continue;
        can |= In(kCan, f[j]) || In(kInvertingModals, f[j]);
        me |= In(kMe, f[j]) || f[j] == "ajudar-me";
        help |= In(kHelp, f[j]);
        coming |= In(kComing, f[j]);
      }
      if (can && me && help && !coming && !NegatedAt(words, i, 3)) {
        add(0.8, i - 1, i);
        return;
      }
    }
    // A callback asked for: "geht ein Rückruf?", "can I get a callback?", "dá pra pedir retorno de ligação?".
    static constexpr auto kCallbacks = Words("callback", "call-back", "ruckruf", "rueckruf", "rappel", "richiamata",
                                             "retorno");
    if (In(kCallbacks, f[i]) && !NegatedAt(words, i, 3) && !(f[i] == "retorno" && (i + 2 >= n || f[i + 2] != "ligacao")) &&
        (QuestionAfter(m, words[i], /*clause=*/true) || (i > 0 && (words[i - 1]->verb || In(kModals, f[i - 1]))))) {
      add(0.8, i, i);
      return;
    }
    // A person free now: "Ist gerade ein Kundenberater frei?", "is an agent available?"
    if ((words[i]->noun || In(kRoles, f[i]) || In(kInCharge, f[i])) && !NeedsQualifier(words[i]->key) &&
        QuestionAfter(m, words[i]) && !(i > 0 && In(kPossessives, f[i - 1]))) {
      // The availability word ends the clause ("... frei?", "... available now?").
      auto ends = [&](size_t k) {
        for (size_t r = k + 1; r < n && same(k, r); ++r)
          if (!In(kNowWords, f[r])) return false;
        return true;
      };
      for (size_t k = i > 3 ? i - 3 : 0; k < std::min(n, i + 4); ++k)
        if (k != i && same(i, k) && In(kAvailable, f[k]) && ends(k)) {
          add(0.8, std::min(i, k), std::max(i, k));
          return;
        }
    }
    // Who, then? "you can't, so who can?", "falo com quem então?", "con chi
    // parlo allora?", "who can I actually ask": a short question with a
    // who-word and talking, asking or "can" at its end.
    const bool clause_start = i == 0 || words[i - 1]->clause != words[i]->clause ||
                              (i > 1 && words[i - 2]->clause != words[i]->clause);  // "a chi", "con quién"
    if (In(kWho, f[i]) && (QuestionAfter(m, words[i]) || clause_start)) {
      size_t sentence_words = 0, asks = SIZE_MAX, last = i;
      for (size_t k = 0; k < n; ++k) {
        if (words[k]->clause != words[i]->clause) continue;
        ++sentence_words;
        last = k;
        if (k != i && (words[k]->talk || In(kAsk, f[k])) && asks == SIZE_MAX) asks = k;
      }
      bool can_end = false;  // "who can?", "qui peut ?", "wer kann es?"
      for (size_t k = i + 1; k <= last && k <= i + 2; ++k)
        if (In(kCan, f[k])) {
          can_end = true;
          for (size_t r = k + 1; r <= last; ++r) can_end &= In(kAfterCan, f[r]);
        }
      if (sentence_words <= 8 && (asks != SIZE_MAX || can_end)) {
        // Asking who to contact is a weak request: the conversation decides.
        add(0.75, std::min(i, asks == SIZE_MAX ? i : asks), std::max(i, asks == SIZE_MAX ? last : asks));
        return;
      }
    }
    // Who is in charge, asked with nothing after it but "here" or "now".
    static const PhraseIndex kWhoInChargeIndex(kWhoInCharge);
    // Asked with a "?", or opening its sentence ("who's actually in charge
    // there, because..."): not "I know who is in charge".
    const bool opens = i == 0 || words[i - 1]->sentence != words[i]->sentence;
    if (const size_t len = kWhoInChargeIndex.At(f, i); len && (opens || QuestionAfter(m, words[i], /*clause=*/true))) {
      bool object = false;
      // "who decides this, then?": a pointer back at the visitor's case is no object.
      static constexpr auto kThisThen = Words("this", "that", "it", "esto", "eso", "ca", "cela", "das", "isso", "isto",
                                              "questo", "cio", "anyway", "actually", "then", "eigentlich", "alors",
                                              "entonces", "afinal", "allora", "dann", "denn", "so");
      // A reason after it is no object either: "who's in charge there, because
      // whoever cancelled my booking needs to explain it".
      static constexpr auto kBecause = Words("because", "cause", "cuz", "coz", "porque", "pq", "parce", "puisque",
                                             "weil", "da", "perche", "poiche", "since");
      for (size_t r = i + len; r < n && same(i, r) && !In(kBecause, f[r]); ++r)
        object |= !In(kNowWords, f[r]) && !In(kThere, f[r]) && !In(kThisThen, f[r]);
      if (!object) {
        add(0.8, i, i + len - 1);
        return;
      }
    }
    // Needing someone, full stop: "ich brauch jemanden", "j'ai besoin de
    // quelqu'un." ("I need someone to sign for it" goes on, "I want to
    // thank someone" has its own verb: not this).
    if (In(kAnyone, f[i]) && f[i] != "personne" && !In(kNobody, f[i])) {
      bool last = true;
      for (size_t r = i + 1; r < n && same(i, r) && last; ++r) last = In(kNowWords, f[r]) || IsFiller(words[r]->tok->norm);
      size_t j = i;
      while (j > 0 && i - j < 3 && same(i, j - 1) && In(kBetween, f[j - 1])) --j;
      if (last && j > 0 && same(i, j - 1) && words[j - 1]->verb && !words[j - 1]->talk && !NegatedAt(words, j - 1, 3) &&
          !NegatedAt(words, i, 2)) {
        add(0.85, j - 1, i);
        return;
      }
    }
    // Phrases that ask for a person wherever they stand, not negated: a
    // living person named, out of the bot's hands, help called for (not as
    // a question: "¿deberían llamar a la policía?" asks), put in touch.
    struct PhraseRule {
      PhraseIndex index;
      double strength;
      size_t negation_window;
      bool as_question;  // also when its clause ends with a question mark
      bool others;       // asked of others: not "I'll call the police"
    };
    static const PhraseRule kPhraseRules[] = {{PhraseIndex(kLivingPerson), 0.85, 2, true, false},
                                              {PhraseIndex(kOutOfHere), 0.8, 2, true, false},
                                              {PhraseIndex(kCallForHelp), 0.8, 3, false, true},
                                              {PhraseIndex(kPutInTouch), 0.8, 3, true, false}};
    // The visitor's own call: "I'll call the police", "voy a llamar", "should I call".
    static constexpr auto kSelf = Words("i", "ill", "im", "we", "well", "will", "gonna", "yo", "je", "ich", "wir", "eu",
                                        "io", "voy", "vou", "vais", "vado", "werde", "should", "must", "debo", "dois",
                                        "devo", "muss", "soll");
    const bool by_self = (i > 0 && In(kSelf, f[i - 1])) || (i > 1 && In(kSelf, f[i - 2]));
    for (const PhraseRule& r : kPhraseRules)
      if (const size_t len = r.index.At(f, i); len && !NegatedAt(words, i, r.negation_window) &&
                                                (r.as_question || !QuestionAfter(m, words[i], /*clause=*/true)) &&
                                                !(r.others && by_self)) {
        add(r.strength, i, i + len - 1);
        return;
      }
    // An emergency service asked for now: "ambulancia ya", "Notarzt sofort", "police now!!".
    static constexpr auto kServices = Words("ambulance", "ambulancia", "ambulanza", "notarzt", "krankenwagen",
                                            "rettungswagen", "rettung", "samu", "pompiers", "bombeiros", "police",
                                            "policia", "polizei", "polizia", "carabinieri", "cops");
    static constexpr auto kAtOnce = Words("now", "asap", "please", "pls", "ya", "ahora", "rapido", "urgente",
                                          "maintenant", "vite", "svp", "sofort", "jetzt", "schnell", "bitte", "agora",
                                          "ja", "subito", "adesso", "presto", "ora", "immediately");
    if (In(kServices, f[i]) && i + 1 < n && same(i, i + 1) && In(kAtOnce, f[i + 1]) && !NegatedAt(words, i, 3) &&
        !QuestionAfter(m, words[i], /*clause=*/true)) {
      add(0.8, i, i + 1);
      return;
    }
    // ... or called or sent for: "call 911", "llamen al 112", "send the police to 22 Elm Road", "ruft die 110
    // für mich an", "mandad a la policía". Not the visitor's own call ("I'll call the police"), nor a
    // question unless it is put to the business ("can you send the police?", not "should I call 911?").
    static constexpr auto kCallVerbs = Words("call", "ring", "phone", "dial", "send", "llamen", "llamad", "llama",
                                             "mandad", "manden", "envien", "enviad", "appelez", "appelle", "envoyez",
                                             "envoie", "ruft", "rufen", "schickt", "schicken", "alarmiert", "chamem",
                                             "liguem", "ligue", "liga", "chama", "mandem", "chiamate", "chiama",
                                             "mandate");
    static constexpr auto kToYou = Words("you", "vous", "ustedes", "usted", "sie", "ihr", "voces", "voce", "vc", "vcs",
                                         "potete", "puoi", "podeis", "pueden", "puede", "tu");
    if (In(kCallVerbs, f[i]) && !NegatedAt(words, i, 3) && !by_self) {
      bool to_you = false;
      for (size_t k = i > 3 ? i - 3 : 0; k < i; ++k) to_you |= In(kToYou, f[k]);
      if (to_you || !QuestionAfter(m, words[i], /*clause=*/true)) {
        static constexpr auto kNumbers = Words("911", "999", "112", "110", "118", "113", "15", "17", "18", "190",
                                               "192", "193", "144", "000", "061", "080", "091", "115");
        const Token* t = words[i]->tok + 1;
        for (int skip = 0; skip < 4 && t < m.tokens.data() + m.tokens.size(); ++skip, ++t) {
          const std::string w = t->kind == TokenKind::kWord ? FoldWord(t->norm) : std::string();
          if ((t->kind == TokenKind::kNumber && In(kNumbers, t->norm)) || (!w.empty() && In(kServices, w))) {
            d->Add(kCueHumanRequest, 0.8, words[i]->tok->begin, t->end);
            return;
          }
          // "al", "il", "die", "o", "pro", "for me": what may stand between.
          if (t->kind != TokenKind::kWord || !(In(kDeterminers, w) || w == "die" || w == "sie" || w == "pro" || w == "pra" ||
                                               w == "me" || w == "for" || w == "an"))
            break;
        }
      }
    }
    // Escalation: "escalate this", "faire remonter ma demande", "escalar mi caso".
    const bool escalate = In(kEscalate, f[i]) ||
                          ((f[i] == "escalar" || f[i] == "escale" || f[i] == "escalen" || f[i] == "escalem") &&
                           i + 1 < n && In(kEscalateObjects, f[i + 1])) ||
                          (f[i] == "remonter" && i > 0 && (f[i - 1] == "faire" || f[i - 1] == "fais" || f[i - 1] == "faites"));
    if (escalate && !NegatedAt(words, i, 3)) {
      add(0.8, i, i);
      return;
    }
    // A role of the business, not someone's own ("my doctor"), not a thing
    // ("vet appointment"), or anyone asked to act ("can someone look at it").
    const bool in_charge = In(kInCharge, f[i]) || InChargeAt(f, i) > 0;
    const bool support = In(kSupport, f[i]);
    const bool role = in_charge || support || In(kRoles, f[i]);
    const bool anyone = words[i]->noun || (In(kAnyone, f[i]) && f[i] != "personne" && !In(kNobody, f[i]));
    if (!(role || anyone)) continue;
    if (i > 0 && (In(kPossessives, f[i - 1]) || In(kOther, f[i - 1]))) continue;
    if (i + 1 < n && same(i, i + 1) && In(kRoleThings, f[i + 1])) continue;
    if (NegatedAt(words, i, 3)) continue;
    if (role) {
      // Talked to, or (in charge) wanted: "speak to the pharmacist", "get me your manager".
      for (size_t j = i > 6 ? i - 6 : 0; j < std::min(n, i + 7); ++j) {
        if (j == i || !same(i, j) || !words[j]->verb || NegatedAt(words, j, 3)) continue;
        if (words[j]->talk && (SpeaksLanguage(words, j) || TalkAsNoun(words, j))) continue;
        if (support && (j > i || !In(kPutThrough, f[j]))) continue;  // "support about my declined transfer"
        if (words[j]->talk || (in_charge && j < i && i - j <= 4) || (support && j < i)) {
          add(0.85, std::min(i, j), std::max(i, j));
          return;
        }
      }
      if (support) continue;
      // ... or time with them asked for: "can I book a chat with a
      // pharmacist", "prendre un moment avec un pharmacien" (not an
      // appointment: booking one is the pack's business).
      for (size_t j = i > 5 ? i - 5 : 0; j + 1 < i; ++j) {
        if (!same(i, j) || !In(kMeeting, f[j]) || !In(kWith, f[i - 1 - In(kDeterminers, f[i - 1])])) continue;
        for (size_t k = j > 4 ? j - 4 : 0; k < j; ++k)
          if (same(k, j) && (In(kAskFor, f[k]) || (words[k]->verb && !words[k]->talk)) && !NegatedAt(words, k, 3)) {
            add(0.85, k, i);
            return;
          }
      }
      // ... or asked: "is there a nurse I could ask", "can I ask the pharmacist".
      for (size_t j = i > 6 ? i - 6 : 0; j < std::min(n, i + 7); ++j) {
        if (j == i || !same(i, j) || !In(kAsk, f[j]) || NegatedAt(words, j, 3)) continue;
        {
          add(0.85, std::min(i, j), std::max(i, j));
          return;
        }
      }
    }
    // Asked to act: "can the pharmacist look at", "le pharmacien peut
    // regarder", "kann mir die Schwester schreiben", "que me llame el
    // encargado". The one acting is the role, not the bot: the role comes
    // between the modal and the action, just before the modal, or after
    // both only after a subjunctive "que".
    // Looking at the visitor ("que me vea", "mich ... anschauen") is not it.
    auto acts = [&](size_t j) {
      if (!In(kActions, f[j]) || NegatedAt(words, j, 2)) return false;
      if (!role && In(kHelp, f[j])) return false;  // "can someone help me with my order": anyone may, the bot too
      if (!In(kSeeing, f[j])) return true;
      for (size_t k = j > 3 ? j - 3 : 0; k <= j + 1 && k < n; ++k)
        if (k != j && same(k, j) && In(kMe, f[k])) return false;
      return true;
    };
    size_t modal = SIZE_MAX, action = SIZE_MAX;
    for (size_t j = i > 8 ? i - 8 : 0; j < std::min(n, i + 6); ++j) {
      if (!same(i, j) || j == i) continue;
      if (modal == SIZE_MAX && In(kModals, f[j])) modal = j;
      if (action == SIZE_MAX && j > i && acts(j)) action = j;
    }
    if (modal == SIZE_MAX) continue;
    bool asked = false;
    if (action != SIZE_MAX) asked = modal < i || modal <= i + 2;  // M R A, or R M A
    // Verb before subject, as Spanish, Portuguese and Italian allow: "può
    // controllare direttamente il farmacista", "puede revisarlo el encargado".
    if (!asked && modal < i && In(kInvertingModals, f[modal]) && i > 0 && In(kDeterminers, f[i - 1]))
      for (size_t j = modal + 1; j < i && !asked; ++j) asked = acts(j);
    if (!asked && modal < i && (f[modal] == "que" || f[modal] == "quun" || f[modal] == "che"))
      for (size_t j = modal + 1; j < i && !asked; ++j) asked = acts(j);  // que me llame el encargado
    if (asked) {
      const size_t hi = action != SIZE_MAX ? action : i;
      add(in_charge ? 0.85 : 0.7, std::min(i, modal), hi);
      return;
    }
  }
}

// What the person head's n-grams cannot tell (its hard negatives, issue 13):
// a request negated ("no need for a person", "pas besoin de me transférer",
// "preferisco non parlare con nessuno"), the staff's languages ("¿su personal
// habla inglés?"), people counted ("¿es para una persona?", "4 Personen").
// A leading "no" answers the bot ("no I want a human") and negates nothing.
// French "ne" negates with its second half ("ne ... pas|plus|jamais"); the
// Italian "ne" of "voglio che se ne occupi un umano" means "of it".
bool FrenchNegation(const std::vector<const Item*>& words, const std::vector<std::string>& f, size_t at) {
  static constexpr auto kSecond = Words("pas", "plus", "jamais", "rien", "personne", "aucun", "aucune", "guere", "point");
  for (size_t r = at + 1; r < words.size() && r <= at + 4 && words[r]->clause == words[at]->clause; ++r)
    if (In(kSecond, f[r])) return true;
  return false;
}

// Whether a person reads the chat, asked as a privacy question: "can a human
// see my chat messages?", "do people read these chats? asking for privacy",
// "is this conversation stored or read by a person?". A person, a seeing
// verb and the chat in one question, the visitor's own or privacy named,
// with no other action asked of them ("can a human read my messages and
// answer me" still asks for one) and no want or please.
bool PrivacyQuestion(const Message& m, const std::vector<const Item*>& words, const std::vector<std::string>& f) {
  static constexpr auto kWho = Words("human", "humans", "person", "people", "staff", "employee", "employees",
                                     "humano", "humanos", "persona", "personas", "empleado", "empleados", "humain",
                                     "humains", "personne", "personnes", "employe", "employes", "mensch", "menschen",
                                     "mitarbeiter", "pessoa", "pessoas", "funcionario", "funcionarios", "umano",
                                     "umani", "persone", "dipendente", "dipendenti", "agent", "agents", "operator",
                                     "operators", "agente", "agentes", "operador", "operadores", "operateur",
                                     "operateurs", "operatore", "operatori",
                                     // "wer kann diesen chat lesen? wird der gespeichert?"
                                     "who", "quien", "qui", "wer", "quem", "chi");
  static constexpr auto kSee = Words("see", "sees", "seen", "read", "reads", "reading", "access", "store", "stored",
                                     "keep", "kept", "monitor", "ver", "ve", "leer", "lee", "leen", "leido", "voir",
                                     "voit", "lire", "lit", "lisent", "lu", "lus", "sehen", "sieht", "lesen", "liest",
                                     "gelesen", "mitlesen", "le", "ler", "leem", "lido", "vedere", "vede", "leggere",
                                     "legge", "leggono", "letto", "letti");
  static constexpr auto kChat = Words("chat", "chats", "message", "messages", "conversation", "conversations",
                                      "transcript", "mensaje", "mensajes", "conversacion", "conversaciones",
                                      "conversation", "nachricht", "nachrichten", "gesprach", "verlauf", "mensagem",
                                      "mensagens", "conversa", "conversas", "messaggio", "messaggi", "conversazione",
                                      "conversazioni", "write", "type", "escribo", "ecris", "j'ecris", "jecris", "schreibe", "escrevo",
                                      "scrivo");
  static constexpr auto kWant = Words("want", "need", "please", "pls", "quiero", "necesito", "veux", "besoin",
                                      "will", "mochte", "brauche", "bitte", "quero", "preciso", "voglio", "bisogno",
                                      "favor", "svp", "favore");
  // Privacy said, or the visitor's own messages ("my chat messages"); "has a
  // person seen my message yet?" and "... these messages or not?" are a
  // visitor left waiting, who wants someone.
  static constexpr auto kPrivacy = Words("privacy", "private", "confidential", "data", "stored", "gdpr", "saved",
                                         "recorded", "grabada", "guardada", "enregistree", "enregistre", "gespeichert",
                                         "gravada", "gravado", "salvata", "salvato", "registrata",
                                         "privacidad", "privado", "confidencial", "datos", "rgpd", "confidentialite",
                                         "donnees", "datenschutz", "daten", "dsgvo", "vertraulich", "privacidade",
                                         "dados", "lgpd", "confidencial", "riservatezza", "dati", "gdpr");
  // ... or this chat ("essas conversas", "queste chat", "what I type here")
  static constexpr auto kMine = Words("my", "mis", "mes", "meine", "meinen", "minhas", "meus", "miei", "mie");
  static constexpr auto kThis = Words("these", "this", "estas", "esta", "este", "estos", "ces", "cette", "ce", "diese",
                                      "dieser", "diesen", "dieses", "essas", "essa", "esses", "queste", "questa",
                                      "questi", "questo");
  static constexpr auto kIWrite = Words("escribo", "ecris", "j'ecris", "jecris", "schreibe", "escrevo", "scrivo");
  static constexpr auto kWaiting = Words("yet", "todavia", "aun", "encore", "schon", "ainda", "ancora", "not",
                                         "pas", "nicht", "nao");
  // Asked: analysis runs on every message, so one look for a "?" instead of one per word.
  if (m.cleaned.find('?') == std::string::npos) return false;
  bool who = false, see = false, chat = false, other = false, mine = false, privacy = false, this_chat = false,
       can = false;
  for (size_t k = 0; k < words.size(); ++k) {
    if (In(kWaiting, f[k]) || (f[k] == "no" && k + 1 == words.size())) return false;
    who |= In(kWho, f[k]);
    see |= In(kSee, f[k]);
    chat |= In(kChat, f[k]);
    mine |= In(kChat, f[k]) && k > 0 && In(kMine, f[k - 1]);
    // "this chat", "what I type here": privacy when asked whether one *can*
    // read it; "une personne lit ce message ?" is a visitor left waiting.
    this_chat |= (In(kChat, f[k]) && k > 0 && In(kThis, f[k - 1])) || In(kIWrite, f[k]) ||
                 ((f[k] == "type" || f[k] == "write") && k > 0 && f[k - 1] == "i");
    can |= In(kCan, f[k]) || f[k] == "peuvent" || f[k] == "pueden" || f[k] == "podem" || f[k] == "possono" ||
           f[k] == "konnen";
    privacy |= In(kPrivacy, f[k]);
    other |= (In(kActions, f[k]) && !In(kSee, f[k]) && !In(kChat, f[k])) || (In(kWant, f[k]) && f[k] != "will");
  }
  return who && see && chat && (mine || privacy || (this_chat && can)) && !other;
}

bool PersonHardNegative(const Message& m, const std::vector<const Item*>& words, const std::vector<std::string>& f) {
  static constexpr auto kAnswers = Words("no", "nope", "non", "nein", "nao");
  static constexpr auto kSubjects = Words("i", "je", "j", "ich", "eu", "yo", "io", "we");
  static constexpr auto kSpeak = Words("speak", "speaks", "speaking", "habla", "hablan", "hable", "hablen", "parle",
                                 "parlent", "parla", "parlano", "spricht", "sprechen", "sprecht", "fala", "falam",
                                 "falem", "talk", "understand", "entiendes", "entiende", "comprends", "comprenez",
                                 "verstehst", "verstehen", "entende", "entendes", "capisci", "capisce");
  // Calling counts like talking: "no me llamen", "bitte nicht anrufen", "sans appeler personne".
  static constexpr auto kCalls = Words("call", "calling", "ring", "phone", "llamen", "llamar", "llame", "llamada",
                                 "appeler", "appelez", "rappeler", "rappel", "anrufen", "anruf", "ruckruf",
                                 "zuruckrufen", "liguem", "ligar", "ligue", "ligacao", "chiamare", "chiamate",
                                 "chiamata", "richiamare", "liga", "ligam", "llames", "llama", "appelle", "appelles",
                                 "ruf", "ruft", "chiami", "chiamatemi", "telefona", "telefonem");
  static constexpr auto kPeople = Words("person", "persons", "people", "persona", "personas", "personne", "personnes",
                                  "personen", "pessoa", "pessoas", "persone");
  static constexpr auto kCounts = Words("one", "two", "three", "four", "uno", "una", "dos", "tres", "cuatro", "une",
                                  "deux", "trois", "quatre", "ein", "eine", "zwei", "drei", "vier", "um", "uma",
                                  "dois", "duas", "due", "tre", "quattro", "single", "sola", "seule");
  static constexpr auto kFor = Words("for", "para", "pour", "per", "fur", "pra", "pro");
  // Others' experience with a product: "has anyone tried this jacket?",
  // "quelqu'un a testé ce manteau ?", "alguien ha probado estas zapatillas?".
  static constexpr auto kTried = Words(
      "tried", "tested", "used", "worn", "bought", "ordered", "washed", "probado", "usado", "comprado", "pedido",
      "lavado", "teste", "essaye", "porte", "achete", "utilise", "commande", "lave", "getragen", "getestet",
      "probiert", "ausprobiert", "gekauft", "benutzt", "bestellt", "gewaschen", "usou", "testou", "experimentou",
      "comprou", "lavou", "provato", "usato", "comprato", "indossato", "ordinato", "lavato");
  for (size_t k = 0; k < words.size(); ++k)
    if (In(kAnyone, f[k]) && QuestionAfter(m, words[k]))
      for (size_t r = k + 1; r < words.size() && r <= k + 4 && words[r]->clause == words[k]->clause; ++r)
        if (In(kTried, f[r])) return true;
  // Someone who took something: "someone stole my parcel", "quelqu'un a volé
  // mon colis", "alguien me robó el paquete".
  static constexpr auto kTook = Words(
      "stole", "stolen", "nicked", "took", "robo", "robaron", "robado", "llevo", "vole", "volee", "pris",
      "gestohlen", "geklaut", "klaut", "mitgenommen", "roubou", "roubaram", "roubado", "levou", "pegou",
      "rubato", "rubata", "fregato", "preso", "opened", "abrio", "ouvert", "geoffnet", "abriu", "aperto");
  for (size_t k = 0; k < words.size(); ++k)
    if (In(kAnyone, f[k]))
      for (size_t r = k + 1; r < words.size() && r <= k + 3 && words[r]->clause == words[k]->clause; ++r)
        if (In(kTook, f[r])) return true;
  // Someone else collecting, signing or receiving: "can someone else pick it
  // up?", "¿puede recoger mi pedido otra persona?", "può ritirarlo un'altra persona?".
  static constexpr auto kCollect = Words(
      "collect", "pick", "sign", "receive", "recoger", "retirar", "firmar", "recibir", "retirer", "recuperer",
      "signer", "recevoir", "abholen", "unterschreiben", "empfangen", "entgegennehmen", "annehmen", "buscar",
      "levantar", "assinar", "receber", "ritirare", "ritirarlo", "ritirarla", "firmare", "ricevere");
  static constexpr auto kElse = Words("else", "anderes", "andere", "anderer", "otra", "otro", "outra", "outro", "autre",
                                      "altra", "altro", "laltra", "unaltra", "another");
  bool collect = false, someone_else = false;
  for (size_t k = 0; k < words.size(); ++k) {
    collect |= In(kCollect, f[k]);
    if (words[k]->noun || In(kAnyone, f[k]))
      someone_else |= (k > 0 && In(kElse, f[k - 1])) || (k + 1 < words.size() && In(kElse, f[k + 1]));
  }
  if (collect && someone_else) return true;
  // "Real" and "human" as a product's: "real leather", "human hair wigs",
  // "ração de grau humano".
  static constexpr auto kGenuine = Words("real", "genuine", "echt", "echtes", "echter", "echte", "vero", "vera",
                                         "verdadero", "verdadera", "verdadeiro", "verdadeira", "vrai", "vraie",
                                         "veritable", "human", "humano", "humana", "humain", "humaine", "umano",
                                         "umana", "menschlich", "menschliches", "menschlichem", "human-grade");
  static constexpr auto kMaterials = Words(
      "leather", "cuero", "piel", "couro", "cuir", "leder", "pelle", "gold", "oro", "ouro", "silver", "plata",
      "prata", "argent", "silber", "argento", "wood", "madera", "madeira", "bois", "holz", "legno", "silk",
      "seda", "soie", "seide", "seta", "wool", "lana", "laine", "wolle", "diamond", "diamonds", "diamante",
      "diamant", "hair", "cabello", "pelo", "cabelo", "cheveux", "haar", "haaren", "capelli", "grade", "grado",
      "grau", "qualite", "consumption", "consumo", "consommation", "verzehr", "grade", "cotton", "algodon",
      "coton", "baumwolle", "algodao", "cotone", "cashmere", "pearl", "pearls", "perlas", "perles", "perolas",
      "perle", "marble", "marmol", "marbre", "marmor", "marmore", "marmo", "echthaar");
  for (size_t k = 0; k < words.size(); ++k)
    if (In(kGenuine, f[k]) && ((k > 0 && In(kMaterials, f[k - 1])) ||
                               (k + 1 < words.size() && In(kMaterials, f[k + 1])) ||
                               (k > 1 && In(kFrom, f[k - 1]) && In(kMaterials, f[k - 2]))))
      return true;
  // A call or an agent reported and asked about: "an SMS says an agent will
  // call me, is it a scam?".
  static constexpr auto kScam = Words("scam", "fraud", "phishing", "fake", "estafa", "fraude", "timo", "arnaque",
                                      "escroquerie", "betrug", "abzocke", "golpe", "truffa", "frode", "spam");
  bool scam = false, wants = false;
  for (size_t k = 0; k < words.size(); ++k) {
    scam |= In(kScam, f[k]);
    wants |= words[k]->verb && !words[k]->talk && !In(kCalls, f[k]);
  }
  if (scam && !wants && m.cleaned.find('?') != std::string::npos) return true;
  // Asked out of curiosity, or waved off at once: "eres una persona? solo por
  // curiosidad", "r u a robot? lol anyway", "t'es un robot ? mdr peu importe".
  static constexpr std::string_view kJustCurious[] = {
      "curious", "curiosity", "curiosidad", "curiosite", "neugier", "neugierig", "curiosidade", "curiosita",
      "da igual", "peu importe", "fa niente", "tanto faz", "never mind", "nevermind", "nvm", "lol anyway",
      // ... or for a reason given at once: "Frage nur, weil ...", "pergunto porque quero saber ..."
      "just wondering", "just asking", "only asking", "frage nur", "ich frage nur", "pergunto porque", "pergunto por",
      "pregunto porque", "pregunto por", "je demande pour", "je demande parce", "chiedo solo", "chiedo perche",
      "chiedo per"};
  static const PhraseIndex kJustCuriousIndex(kJustCurious);
  for (size_t k = 0; k < f.size(); ++k)
    if (kJustCuriousIndex.At(f, k)) return true;
  int negated = 0, plain = 0;
  std::vector<bool> nobody(words.size());
  for (size_t k = 0; k < words.size(); ++k) {
    const Item* w = words[k];
    if (In(kSpeak, f[k]) && SpeaksLanguage(words, k)) return true;
    if (In(kPeople, f[k])) {
      const bool number = w->tok > m.tokens.data() && (w->tok - 1)->kind == TokenKind::kNumber;
      if (number || (k > 1 && In(kCounts, f[k - 1]) && In(kFor, f[k - 2]))) return true;
    }
    const bool talks = (w->talk && !TalkAsNoun(words, k)) || In(kCalls, f[k]);
    if (!(talks || w->noun) || nobody[k]) continue;
    // "without": "sans appeler personne ?" asks whether no person is needed.
    const bool without = f[k - (k > 0)] == "sans" || f[k - (k > 0)] == "senza" || f[k - (k > 0)] == "sem" ||
                         f[k - (k > 0)] == "sin" || f[k - (k > 0)] == "ohne" || f[k - (k > 0)] == "without";
    if (QuestionAfter(m, w, /*clause=*/true) && !without) continue;
    bool no = without;
    // "parler à personne": "à" folds to the English article "a"; that
    // "personne" is the negation, not a person noun of its own.
    if (talks) {
      for (size_t r = k + 1; r < words.size() && r <= k + 3 && words[r]->clause == w->clause; ++r)
        if (In(kNobody, f[r]) || (f[r] == "personne" && (!In(kDeterminers, f[r - 1]) || words[r - 1]->tok->norm == "à")))
          no = nobody[r] = true;
      // German puts the talking last: "mit niemandem sprechen".
      for (size_t back = 1; back <= 2 && back <= k && words[k - back]->clause == w->clause; ++back)
        if (In(kNobody, f[k - back])) no = true;
    }
    for (size_t back = 1; back <= 4 && back <= k && !no; ++back) {
      const Item* b = words[k - back];
      if (b->clause != w->clause) break;
      const size_t at = k - back;
      const bool answer = In(kAnswers, f[at]) && (at == 0 || words[at - 1]->clause != b->clause) &&
                          In(kSubjects, f[at + 1]);
      no |= b->negates && !answer && !(f[at] == "ne" && !FrenchNegation(words, f, at));
    }
    (no ? negated : plain) += 1;
  }
  // Every person or talking word negated: "no need for a person", but not
  // "someone senior, not a first-line agent".
  return negated > 0 && plain == 0;
}

}  // namespace

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
    "have a good weekend", "take care", "that's all", "thats all", "that is all", "that's it", "thats it",
    "that will be all", "that'll be all", "nothing else", "nothing more", "no more questions", "all good",
    "all set", "all sorted", "sorted", "for today", "for now", "for your help", "for the help", "for helping",
    "for helping me", "got it", "that helps", "that helped", "i have what i need", "i have what i needed",
    "got what i needed", "got what i need", "ok", "okay", "k", "great", "perfect", "cool", "nice", "awesome",
    "brilliant", "lovely", "good", "fine", "alright", "no", "nope", "yes", "yep", "please", "again", "you too",
    "and", "so", "oh",
    // es
    "gracias", "muchas gracias", "mil gracias", "gracias por la ayuda", "gracias por tu ayuda",
    "gracias por su ayuda", "adios", "hasta luego", "hasta pronto", "hasta manana", "chao", "chau", "nos vemos",
    "buen dia", "buenos dias", "buenas tardes", "buenas noches", "que tenga un buen dia", "que tengas un buen dia",
    "eso es todo", "es todo", "nada mas", "ya esta", "ya esta todo", "todo claro", "todo bien", "entendido",
    "vale", "genial", "perfecto", "listo", "bueno", "si", "por hoy", "por ahora", "un saludo", "saludos",
    "me despido", "me tengo que ir", "me voy", "ya tengo lo que necesitaba", "ya tengo lo que necesito", "y",
    "pues", "ya quedo", "ya quedo todo", "todo listo",
    // fr
    "merci", "merci beaucoup", "merci bien", "mille merci", "mille mercis", "merci pour votre aide",
    "merci pour l'aide", "merci de votre aide", "au revoir", "a plus", "a plus tard", "a bientot",
    "a tout a l'heure", "a la prochaine", "bonne journee", "bonne soiree", "bonne fin de journee", "bon weekend",
    "bon week-end", "salut", "ciao", "c'est tout", "ce sera tout", "ca sera tout", "c'est bon", "c'est parfait",
    "rien d'autre", "rien de plus", "pas d'autre question", "pas d'autres questions", "tout est regle",
    "pour aujourd'hui", "pour aujourd hui", "pour le moment", "pour l'instant", "d'accord", "parfait", "super", "top", "genial",
    "tres bien", "non", "oui", "j'ai ce qu'il me faut", "j'ai ce qu'il me fallait", "c'est ce qu'il me fallait",
    "c'est tout ce qu'il me fallait", "bonne continuation", "cordialement", "et", "bon", "ben", "bah", "voila",
    "alors", "ok merci",
    // de
    "danke", "danke schon", "dankeschon", "vielen dank", "danke sehr", "besten dank", "tschuss", "tschus",
    "auf wiedersehen", "bis dann", "bis bald", "bis spater", "schonen tag", "schonen tag noch",
    "einen schonen tag", "schones wochenende", "das war's", "das wars", "das ist alles", "das war alles",
    "mehr nicht", "nichts mehr", "sonst nichts", "keine fragen mehr", "keine weiteren fragen", "alles klar",
    "alles gut", "perfekt", "prima", "gut", "nein", "ja", "fur heute", "erstmal", "vg", "lg", "mfg",
    "viele grusse", "liebe grusse", "und", "fur die hilfe", "fur ihre hilfe", "fur deine hilfe",
    "hat sich erledigt", "also", "na dann", "gut dann", "passt",
    // pt
    "obrigado", "obrigada", "muito obrigado", "muito obrigada", "obg", "brigado", "valeu", "tchau", "adeus",
    "ate logo", "ate mais", "ate breve", "ate a proxima", "bom dia", "boa tarde", "boa noite",
    "tenha um bom dia", "e tudo", "e so isso", "so isso", "mais nada", "nada mais", "por agora", "por hoje",
    "por enquanto", "pela ajuda", "beleza", "otimo", "perfeito", "certo", "nao", "sim", "ja tenho o que precisava",
    "um abraco", "cumprimentos", "entao", "pronto", "ta bom", "tudo certo",
    // it
    "grazie", "grazie mille", "grazie tante", "molte grazie", "arrivederci", "a presto", "a dopo", "alla prossima",
    "buona giornata", "buona serata", "e tutto", "e tutto qui", "nient'altro", "niente altro", "basta cosi",
    "va bene", "perfetto", "ottimo", "per oggi", "per ora", "per l'aiuto", "grazie dell'aiuto", "salve", "allora", "bene", "tutto a posto",
};

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

// From this probability the model's human_request alone hands off at once.
constexpr double kSurePersonRequest = 0.7;
// Messages of fewer words than this need kSureOnFewWords for a model-only
// crisis or person request.
constexpr size_t kFewWords = 3;
constexpr double kSureOnFewWords = 0.8;

// Below this, a model-only crisis beside a crisis near-miss is the figure of speech.
constexpr double kUnsureBesideNearMiss = 0.9;

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
    if (head == 1 && d->person_hard_negative && !d->affect->FindCue(cue)) return;
    const size_t begin = h.end > h.begin ? h.begin : 0, end = h.end > h.begin ? h.end : m.cleaned.size();
    if (Cue* existing = const_cast<Cue*>(d->affect->FindCue(cue))) {
      // A pattern already fired: the model agrees; keep the pattern's words.
      existing->probability = std::max(existing->layer == kLayerModel ? existing->probability : 0.0, h.probability);
      if (existing->kind.empty() && kind) existing->kind = kind;
      existing->strength = std::max(existing->strength, strength);
      return;
    }
    if (head == 0) {
      // ... or, unsure, beside one ("o final da novela me matou": the model's words are "final da").
      for (const auto& [a, b] : d->crisis_near_misses)
        if ((a <= begin && end <= b) || h.probability < kUnsureBesideNearMiss) return;
      // Set aside a model-only crisis whose words are a closing, or the
      // very words asking for a person (a person comes either way).
      const Cue* person = d->affect->FindCue(kCueHumanRequest);
      if (d->affect->closing || (person && person->begin <= begin && end <= person->end)) {
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
  add(1, kCueHumanRequest, person >= kSurePersonRequest ? 0.8 + 0.2 * person : person, nullptr);
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
  if (!d->affect->closing || bare_no) add(2, kCueFrustration, j.heads[2].probability, nullptr);
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
    const HeadScore one = model.Judge(s, JudgementFeatures(s)).heads[1];
    if (one.fired && one.probability >= kSureSentence && one.probability > (j->heads[1].fired ? j->heads[1].probability : 0))
      j->heads[1] = one;
  }
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
  // Words folded once for the phrase checks (sarcasm, closings).
  std::vector<std::string> folded;
  folded.reserve(words.size());
  for (const Item* w : words) folded.push_back(FoldWord(w->tok->norm));
  DetectSarcasm(m, words, folded, &d);
  DetectTriedTimes(m, words, folded, &d);
  SetAsidePastCrisis(words, folded, &d);
  if (!affect.FindCue(kCueHumanRequest)) DetectPersonInOwnWords(m, words, folded, &d);
  if (!affect.FindCue(kCueHumanRequest)) DetectPersonOnAnotherChannel(words, folded, &d);
  if (!affect.FindCue(kCueCrisis)) DetectLethalDose(words, folded, &d);
  if (!affect.FindCue(kCueCrisis)) DetectRedFlags(m, words, folded, &d);
  if (!affect.FindCue(kCueCrisis)) DetectAffairsInOrder(words, folded, &d);
  if (!affect.FindCue(kCueCrisis)) DetectNotLivingToSee(m, words, folded, &d);
  if (!affect.FindCue(kCueCrisis)) DetectNotWantingToLive(m, words, folded, &d);
  if (!affect.FindCue(kCueCrisis)) DetectDoseToEnd(m, words, folded, &d);
  DetectHardship(words, folded, &d);
  // A privacy question is no request, whichever layer heard one.
  const bool privacy = PrivacyQuestion(m, words, folded);
  if (privacy)
    affect.cues.erase(std::remove_if(affect.cues.begin(), affect.cues.end(),
                                     [](const Cue& c) { return c.name == kCueHumanRequest; }),
                      affect.cues.end());
  d.person_hard_negative = privacy || (!affect.FindCue(kCueHumanRequest) && PersonHardNegative(m, words, folded));
  affect.closing = IsClosing(folded);
  affect.ping = IsPing(m, folded);

  if (options.judgement) {
    affect.judged = true;
    const std::vector<HashedFeature> features = JudgementFeatures(m.tokens);
    affect.judgement = options.judgement->Judge(m.tokens, features);
    JudgeSentencesForPerson(*options.judgement, m, &affect.judgement);
    AddModelCues(affect.judgement, &d);
    // Negativity the lexicon cannot hear (other languages, sarcasm): when
    // the head is sure the message is negative, valence leans its way.
    const double p = affect.judgement.heads[3].probability;
    if (p > 0.5) {
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
