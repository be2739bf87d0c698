#include "context.h"

#include <algorithm>
#include <array>

#include "text.h"

namespace attune {
namespace {

// One table per language. Words are compared lower-cased and without
// accents ("sí" = "si", "première" = "premiere", "não" = "nao"), with
// apostrophes dropped ("don't" = "dont", "d'accord" = "daccord").
struct ContextWords {
  const char* language;
  // Words that say yes on their own or together ("yeah sure", "ja gerne").
  std::vector<std::string_view> yes;
  // Words that say no ("no thanks" = no + a filler).
  std::vector<std::string_view> no;
  // Politeness and articles that change nothing: "thanks", "please", "the
  // ... one", "el", "la", "das". A message of fillers alone says nothing.
  std::vector<std::string_view> fillers;
  // Position words: "second" -> 2, "last" -> -1. Cardinals ("two", "zwei")
  // count too: "option two". Not "un"/"una"/"une": "un segundo" is Spanish
  // for "one moment", not a choice.
  std::vector<std::pair<std::string_view, int>> ordinals;
};

const std::vector<ContextWords>& Tables() {
  static const std::vector<ContextWords> kTables = {
      {"en",
       {"yes", "yeah", "yea", "yep", "yup", "ya", "sure", "ok", "okay", "alright", "absolutely", "definitely",
        "course", "please", "go", "ahead", "great", "fine", "right"},
       // "not" for "not now" / "not really"; "dont" for "no, don't".
       {"no", "nope", "nah", "not", "dont", "never"},
       {"thanks", "thank", "you", "the", "one", "of", "that", "it", "would", "be", "now", "really", "just", "option",
        "number", "choice", "a", "pls", "plz"},
       {{"first", 1}, {"1st", 1}, {"second", 2}, {"2nd", 2}, {"third", 3}, {"3rd", 3}, {"fourth", 4}, {"4th", 4},
        {"fifth", 5}, {"5th", 5}, {"last", -1}, {"two", 2}, {"three", 3}, {"four", 4}}},
      {"es",
       {"si", "vale", "claro", "bueno", "dale", "perfecto", "venga", "porfa", "favor"},
       {"no", "nada", "tampoco"},
       {"gracias", "muchas", "por", "el", "la", "lo", "que", "ahora", "opcion", "numero", "de", "acuerdo"},
       {{"primero", 1}, {"primera", 1}, {"primer", 1}, {"segundo", 2}, {"segunda", 2}, {"tercero", 3},
        {"tercera", 3}, {"tercer", 3}, {"cuarto", 4}, {"cuarta", 4}, {"ultimo", -1}, {"ultima", -1}, {"uno", 1},
        {"dos", 2}, {"tres", 3}}},
      {"fr",
       // "bien sur" -> "bien" + "sur"; "d'accord" -> "daccord".
       {"oui", "ouais", "daccord", "bien", "sur", "volontiers", "parfait", "vas", "y", "allez"},
       {"non", "pas", "jamais"},
       {"merci", "sil", "vous", "plait", "svp", "stp", "le", "la", "les", "celui", "celle", "maintenant", "option",
        "numero", "beaucoup"},
       {{"premier", 1}, {"premiere", 1}, {"deuxieme", 2}, {"second", 2}, {"seconde", 2}, {"troisieme", 3},
        {"quatrieme", 4}, {"dernier", -1}, {"derniere", -1}, {"deux", 2}, {"trois", 3}}},
      {"de",
       {"ja", "jawohl", "gerne", "gern", "klar", "genau", "okay", "passt", "bitte", "sicher", "naturlich"},
       {"nein", "nee", "nicht", "kein", "keine", "lieber"},
       {"danke", "das", "die", "der", "den", "dem", "jetzt", "option", "nummer", "schon", "sehr"},
       {{"erste", 1}, {"ersten", 1}, {"erster", 1}, {"erstes", 1}, {"zweite", 2}, {"zweiten", 2}, {"zweiter", 2},
        {"zweites", 2}, {"dritte", 3}, {"dritten", 3}, {"drittes", 3}, {"vierte", 4}, {"letzte", -1},
        {"letzten", -1}, {"letztes", -1}, {"eins", 1}, {"zwei", 2}, {"drei", 3}}},
      {"pt",
       // "pode ser", "com certeza", "tá bom".
       {"sim", "claro", "pode", "ser", "certeza", "com", "ta", "bom", "beleza", "isso", "perfeito", "quero"},
       {"nao", "nunca"},
       {"obrigado", "obrigada", "por", "favor", "pfv", "o", "a", "agora", "opcao", "numero", "muito"},
       {{"primeiro", 1}, {"primeira", 1}, {"segundo", 2}, {"segunda", 2}, {"terceiro", 3}, {"terceira", 3},
        {"quarto", 4}, {"quarta", 4}, {"ultimo", -1}, {"ultima", -1}, {"um", 1}, {"dois", 2}, {"duas", 2},
        {"tres", 3}}},
      {"it",
       // "va bene", "d'accordo" -> "daccordo".
       {"si", "certo", "va", "bene", "daccordo", "volentieri", "certamente", "ok", "perfetto"},
       {"no", "non"},
       {"grazie", "per", "favore", "il", "la", "lo", "ora", "adesso", "opzione", "numero", "mille"},
       {{"primo", 1}, {"prima", 1}, {"secondo", 2}, {"seconda", 2}, {"terzo", 3}, {"terza", 3}, {"quarto", 4},
        {"quarta", 4}, {"ultimo", -1}, {"ultima", -1}, {"uno", 1}, {"due", 2}, {"tre", 3}}},
  };
  return kTables;
}

// A short answer is a handful of words; anything longer is a sentence with
// its own meaning.
constexpr size_t kMaxContextWords = 6;

// Lower-case, accent-free words; apostrophes dropped, everything else that
// is not a letter or digit separates words.
std::vector<std::string> Words(std::string_view message) {
  // A turn reads the same message here several times (ResolveInContext,
  // ReadContextReply, IsGreeting, AsksWhatNow...) and the bot's labels each
  // turn: the last few texts' words are remembered (a copy is returned).
  struct Remembered {
    std::string text;
    std::vector<std::string> words;
  };
  static thread_local std::array<Remembered, 8> remembered;  // "" -> {} is right as it stands
  static thread_local size_t next = 0;
  for (const Remembered& r : remembered)
    if (r.text == message) return r.words;
  // FoldAccents lower-cases as Lower does (twice is once), so no Lower first.
  const std::string folded = FoldAccents(message);
  std::vector<std::string> out;
  std::string cur;
  for (size_t i = 0; i < folded.size(); ++i) {
    const unsigned char c = static_cast<unsigned char>(folded[i]);
    if (c == '\'') continue;
    // U+2019 (’) is an apostrophe too.
    if (c == 0xE2 && i + 2 < folded.size() && static_cast<unsigned char>(folded[i + 1]) == 0x80 &&
        static_cast<unsigned char>(folded[i + 2]) == 0x99) {
      i += 2;
      continue;
    }
    if (std::isalnum(c) || c >= 0x80) {
      cur += static_cast<char>(c);
    } else if (!cur.empty()) {
      out.push_back(std::move(cur));
      cur.clear();
    }
  }
  if (!cur.empty()) out.push_back(std::move(cur));
  Remembered& r = remembered[next];
  next = (next + 1) % remembered.size();
  r.text.assign(message.data(), message.size());
  r.words = out;
  return out;
}

bool In(const std::vector<std::string_view>& list, std::string_view w) {
  return std::find(list.begin(), list.end(), w) != list.end();
}

// 1..9 typed as a digit ("2", "#2", "2.").
int Digit(std::string_view w) { return w.size() == 1 && w[0] >= '1' && w[0] <= '9' ? w[0] - '0' : 0; }

std::string Folded(std::string_view s) {
  std::string out;
  for (const std::string& w : Words(s)) out += (out.empty() ? "" : " ") + w;
  return out;
}

}  // namespace

ContextReading ReadContextReply(std::string_view message) {
  const std::vector<std::string> words = Words(message);
  ContextReading none;
  if (words.empty() || words.size() > kMaxContextWords) return none;
  bool yes = false, no = false;
  int ordinal = 0, cardinal = 0;
  bool conflict = false;
  for (const std::string& w : words) {
    bool known = false;
    if (int d = Digit(w)) {
      conflict |= cardinal && cardinal != d;
      cardinal = d;
      known = true;
    }
    for (const ContextWords& t : Tables()) {
      if (In(t.yes, w)) yes = known = true;
      if (In(t.no, w)) no = known = true;
      if (In(t.fillers, w)) known = true;
      for (const auto& [word, n] : t.ordinals)
        if (w == word) {
          known = true;
          // Ordinal words ("second") outrank cardinals ("the second one").
          const bool is_cardinal = word == "two" || word == "three" || word == "four" || word == "uno" ||
                                   word == "dos" || word == "tres" || word == "deux" || word == "trois" ||
                                   word == "eins" || word == "zwei" || word == "drei" || word == "um" ||
                                   word == "dois" || word == "duas" || word == "due" || word == "tre";
          int& slot = is_cardinal ? cardinal : ordinal;
          conflict |= slot && slot != n;
          slot = n;
        }
    }
    if (!known) return none;
  }
  if (conflict) return none;
  const int position = ordinal ? ordinal : cardinal;
  // Exactly one meaning: "no, the second" or "yes no" say two things.
  if (position && !yes && !no) return {ContextWord::kOrdinal, position};
  if (position) return none;
  if (yes && !no) return {ContextWord::kYes, 0};
  if (no && !yes) return {ContextWord::kNo, 0};
  return none;
}

bool SaysThanks(std::string_view message) {
  static const std::vector<std::string_view> kThanks = {"thanks", "thank", "thx", "ty", "cheers", "gracias",
                                                        "merci", "danke", "dankeschon", "obrigado", "obrigada",
                                                        "valeu", "grazie"};
  for (const std::string& w : Words(message))
    if (In(kThanks, w)) return true;
  return false;
}

namespace {
// Words that say yes and nothing weaker ("ok", "vale", "d'accord" only
// acknowledge).
bool SaysPlainYes(std::string_view message) {
  static const std::vector<std::string_view> kPlain = {
      "yes", "yeah", "yea", "yep", "yup", "sure", "please", "absolutely", "definitely", "si", "claro", "dale",
      "porfa", "favor", "oui", "ouais", "volontiers", "ja", "jawohl", "gerne", "gern", "bitte", "sim", "quero",
      "certamente", "volentieri"};
  for (const std::string& w : Words(message))
    if (In(kPlain, w)) return true;
  return false;
}
// Words that deny what follows, in the six languages ("don't" folds to
// "dont"). Not "nothing"/"nada"/"rien": they strengthen a negative label
// ("no avanza nada") more often than they deny a positive one.
bool Negates(std::string_view w) {
  static const std::vector<std::string_view> kNegations = {
      "no", "not", "dont", "didnt", "doesnt", "isnt", "arent", "wasnt", "werent", "cant", "couldnt", "wont",
      "wouldnt", "shouldnt", "hasnt", "havent", "hadnt", "aint", "never", "nope", "nah", "nicht", "kein",
      "keine", "keinen", "nie", "niemals", "nein", "ne", "pas", "non", "jamais", "nao", "nunca", "nem",
      "tampoco", "sin", "mai"};
  return In(kNegations, w);
}

// "yes I checked with the neighbours", "oui, j'ai déjà regardé partout":
// a yes that goes on to explain. Only the plain yes words lead; "but"
// anywhere or a "no" right after ("yes but where is my refund", "yes, no
// wait") is something else. A denial later is part of the story ("ja, bei
// den Nachbarn ist es auch nicht").
bool LeadsWithYes(const std::vector<std::string>& words) {
  static const std::vector<std::string_view> kLeading = {"yes", "yeah", "yep", "yup", "si", "oui", "ouais", "ja",
                                                         "sim", "claro", "absolutely", "definitely"};
  static const std::vector<std::string_view> kBut = {"but", "however", "pero", "mais", "aber", "doch", "mas", "ma",
                                                     "porem", "pourtant"};
  static const std::vector<std::string_view> kNo = {"no", "nope", "nah", "not", "non", "nein", "nao"};
  if (words.size() < 2 || !In(kLeading, words[0]) || In(kNo, words[1])) return false;
  for (size_t i = 1; i < words.size(); ++i)
    if (In(kBut, words[i])) return false;
  return true;
}

// The label's words in the message, in order, with a few words around or
// between them: "it still hasnt moved since monday" says "It hasn't moved".
// At most 2 words inside the label's span and 3 in all beyond the label's
// own: a longer message says something of its own ("where is my order? i
// want to cancel it"). A denial the label does not make ("i dont want to
// talk to a person") rules it out; a label that denies itself ("It hasn't
// moved", "No avanza") may be said with more denials ("no, it still hasnt").
bool SaysLabelInOtherWords(const std::vector<std::string>& label, const std::vector<std::string>& words) {
  if (label.size() < 2 || words.size() > label.size() + 3) return false;
  bool label_negates = false;
  for (const std::string& w : label) label_negates = label_negates || Negates(w);
  for (size_t start = 0; start + label.size() <= words.size(); ++start) {
    if (words[start] != label[0]) continue;
    std::vector<bool> matched(words.size(), false);
    matched[start] = true;
    size_t k = 1, i = start + 1, inside = 0;
    for (; i < words.size() && k < label.size() && inside <= 2; ++i) {
      if (words[i] == label[k]) {
        matched[i] = true;
        ++k;
      } else {
        ++inside;
      }
    }
    if (k < label.size() || inside > 2) continue;
    bool denies = false;
    for (size_t j = 0; j < words.size(); ++j) denies = denies || (!matched[j] && Negates(words[j]));
    if (!denies || label_negates) return true;
  }
  return false;
}
}  // namespace

namespace {
const char* const kGreetings[] = {
    // en
    "hi", "hii", "hello", "helo", "hey", "heya", "hiya", "howdy", "yo", "good morning", "good afternoon",
    "good evening", "morning", "greetings", "there", "again", "all", "everyone", "how are you", "how r u",
    "hows it going", "how is it going", "hope you are well", "hope youre well",
    // es
    "hola", "buenas", "buenos dias", "buen dia", "buenas tardes", "buenas noches", "que tal", "saludos",
    "como estas", "como esta",
    // fr
    "bonjour", "bonsoir", "salut", "coucou", "allo", "ca va", "comment ca va", "comment allez vous", "a tous",
    // de
    "hallo", "guten morgen", "guten tag", "guten abend", "moin", "moin moin", "servus", "gruss gott",
    "gruezi", "wie gehts", "wie geht es ihnen", "wie geht es dir", "zusammen",
    // pt
    "ola", "oi", "bom dia", "boa tarde", "boa noite", "tudo bem", "tudo bom", "e ai", "como vai",
    // it
    "ciao", "salve", "buongiorno", "buonasera", "come stai", "come va", "a tutti"};

const PhraseList& Greetings() {
  static const PhraseList list(kGreetings);
  return list;
}
}  // namespace

bool IsGreeting(std::string_view message) {
  const std::vector<std::string> words = Words(message);
  return words.size() <= kMaxContextWords && Greetings().Covers(words);
}

bool AnnouncesQuestion(std::string_view message) {
  static const char* const kPrefaces[] = {
      // en
      "i have a question", "i have a quick question", "ive got a question", "i got a question", "got a question",
      "i have a query", "i have a doubt", "quick question", "small question", "just a question", "a question",
      "question", "one question", "can i ask you something", "can i ask something", "can i ask a question",
      "can i ask you a question", "could i ask a question", "may i ask a question", "i want to ask something",
      "i wanted to ask something", "i need to ask something", "i need some information", "i need some info",
      // es
      "tengo una pregunta", "tengo una duda", "tengo una consulta", "una pregunta", "una duda", "una consulta",
      "pregunta rapida", "consulta rapida", "puedo hacer una pregunta", "puedo preguntar algo",
      "quisiera hacer una consulta", "queria hacer una consulta", "queria preguntar algo",
      // fr
      "jai une question", "jai une petite question", "j ai une question", "j ai une petite question",
      "j ai une autre question", "j ai encore une question", "jaurais une question", "une question", "une petite question",
      "petite question", "je peux poser une question", "je peux vous poser une question", "puis je poser une question",
      // de
      "ich habe eine frage", "ich hab eine frage", "ich hab ne frage", "ich habe mal eine frage",
      "ich hab mal ne frage", "ich hatte eine frage", "hab eine frage", "hab ne frage", "kurze frage", "eine frage",
      "ne frage", "frage", "darf ich was fragen", "kann ich was fragen", "darf ich etwas fragen", "kann ich etwas fragen",
      // pt
      "tenho uma pergunta", "tenho uma duvida", "uma pergunta", "uma duvida", "pergunta rapida", "duvida rapida",
      "posso fazer uma pergunta", "posso perguntar uma coisa", "gostaria de tirar uma duvida", "queria tirar uma duvida",
      // it
      "ho una domanda", "avrei una domanda", "ho un dubbio", "una domanda", "domanda veloce", "domanda rapida",
      "posso fare una domanda", "posso chiedere una cosa",
      // ... and one more ("ok one more question", "eine frage noch", "un'altra domanda")
      "one more question", "another question", "one last question", "last question", "another quick question",
      "one more quick question", "i have another question", "i have one more question", "ive got another question",
      "i have another quick question", "i have one last question", "one more thing", "can i ask one more thing",
      "can i ask another question", "can i ask one more question",
      "otra pregunta", "otra duda", "otra consulta", "una pregunta mas", "una ultima pregunta", "ultima pregunta",
      "tengo otra pregunta", "tengo otra duda", "tengo otra consulta", "una cosa mas",
      "une autre question", "encore une question", "une derniere question", "derniere question",
      "jai une autre question", "jai encore une question", "jai une derniere question", "autre question",
      "noch eine frage", "noch ne frage", "eine frage noch", "ne frage noch", "letzte frage", "eine letzte frage",
      "ich habe noch eine frage", "ich hab noch eine frage", "ich hab noch ne frage", "hab noch ne frage",
      "hab noch eine frage", "noch was",
      "outra pergunta", "outra duvida", "mais uma pergunta", "mais uma duvida", "ultima pergunta", "uma ultima pergunta",
      "tenho outra pergunta", "tenho outra duvida", "tenho mais uma pergunta", "tenho mais uma duvida",
      "unaltra domanda", "ancora una domanda", "ultima domanda", "unultima domanda", "ho unaltra domanda",
      "ho ancora una domanda", "altra domanda", "unaltra cosa"};
  // Words that may come first: "actually, can i ask something?", "ok one more question".
  static constexpr std::string_view kFillers[] = {
      "actually", "ok", "okay", "oh", "ah", "so", "and", "also", "um", "umm", "hmm", "well", "right", "sorry", "thanks",
      "bueno", "vale", "pues", "y", "oye", "perdon", "gracias", "alors", "bon", "et", "aussi", "dailleurs", "pardon",
      "merci", "und", "achso", "danke", "ja", "entao", "e", "obrigado", "obrigada", "allora", "poi", "senti", "scusa",
      "scusi", "grazie", "ecco"};
  // What may follow: "please", or what it is about in a few words ("about my order").
  static const char* const kPlease[] = {"please", "pls", "plz", "por favor", "svp", "sil vous plait", "stp", "bitte",
                                        "per favore", "pf"};
  static constexpr std::string_view kAbout[] = {"about", "regarding", "re", "on", "concerning", "sobre", "acerca",
                                                "respecto", "con", "sur", "concernant", "pour", "zu", "zur", "zum",
                                                "wegen", "uber", "bezuglich", "do", "da", "de", "com", "su", "sul",
                                                "sulla", "riguardo", "per"};
  static const PhraseList prefaces(kPrefaces), please(kPlease);
  const std::vector<std::string> words = Words(message);
  if (words.empty() || words.size() > 10) return false;
  // The preface, after a greeting, fillers or nothing; the longest that fits.
  for (size_t at = 0; at < words.size(); ++at) {
    const std::vector<std::string> before(words.begin(), words.begin() + at);
    // A greeting, then fillers ("hi, ok so quick question"), or either alone.
    size_t fillers = 0;
    while (fillers < before.size() &&
           std::find(std::begin(kFillers), std::end(kFillers), before[before.size() - 1 - fillers]) != std::end(kFillers))
      ++fillers;
    const std::vector<std::string> greeting(before.begin(), before.end() - fillers);
    if (!greeting.empty() && !Greetings().Covers(greeting)) continue;
    for (size_t end = words.size(); end > at; --end) {
      if (!prefaces.Covers(std::vector<std::string>(words.begin() + at, words.begin() + end))) continue;
      const std::vector<std::string> rest(words.begin() + end, words.end());
      if (rest.empty() || please.Covers(rest)) return true;
      const bool about = std::find(std::begin(kAbout), std::end(kAbout), rest[0]) != std::end(kAbout);
      return about && rest.size() <= 4;
    }
  }
  return false;
}

bool AsksAboutThat(std::string_view message, std::string_view language) {
  // Per language: English "come" and Italian "come", Spanish "es" and German
  // "es" mean different things ("so it wont come in time?" is no "how").
  struct Words2 {
    const char* language;
    std::vector<std::string_view> question, that;
  };
  static const std::vector<Words2> kTables = {
      {"en", {"how", "where", "what", "which"}, {"that", "it", "this", "there"}},
      {"es", {"como", "donde", "que", "cual"}, {"eso", "esto", "lo", "ahi", "alli", "alla"}},
      {"fr", {"comment", "ou", "quoi", "quel", "quelle"}, {"ca", "cela", "y", "ce"}},
      {"de", {"wie", "wo", "was", "welche", "welcher"}, {"das", "es", "dort", "da", "dafur"}},
      {"pt", {"como", "onde", "que", "qual"}, {"isso", "isto", "la", "ali", "ai"}},
      {"it", {"come", "dove", "cosa", "quale", "che"}, {"questo", "quello", "lo", "li", "la", "ci"}}};
  const auto t = std::find_if(kTables.begin(), kTables.end(), [&](const Words2& x) { return language == x.language; });
  if (t == kTables.end()) return false;
  const std::vector<std::string> words = Words(message);
  if (words.size() < 2 || words.size() > 7) return false;
  bool question = false, that = false;
  for (const std::string& w : words) {
    question |= In(t->question, w);
    that |= In(t->that, w);
  }
  return question && that;
}

bool AsksWhatNow(std::string_view message, std::string_view language) {
  struct Words2 {
    const char* language;
    std::vector<std::string_view> question, allowed;
  };
  // Folded, apostrophes dropped ("whats", "questce"). The allowed words
  // name no topic: who, doing, happening, now, next, fillers.
  static const std::vector<Words2> kTables = {
      {"en", {"what", "whats"},
       {"so", "and", "then", "ok", "okay", "well", "um", "now", "next", "do", "does", "did", "i", "we", "should",
        "shall", "can", "must", "happens", "happen", "is", "the", "step", "to", "supposed", "am", "im"}},
      {"es", {"que", "y"},
       {"y", "ahora", "entonces", "bueno", "vale", "pues", "hago", "hacemos", "hacer", "debo", "tengo", "pasa", "sigue",
        "siguiente", "paso", "el", "yo", "que"}},
      {"fr", {"quoi", "que", "quest", "questce"},
       {"et", "maintenant", "alors", "donc", "bon", "ok", "je", "on", "fait", "fais", "faire", "dois", "doit", "se",
        "passe", "ensuite", "apres", "ce", "quil", "faut", "du", "coup", "que", "quoi", "est"}},
      {"de", {"was", "wie"},
       {"und", "jetzt", "nun", "also", "dann", "ok", "soll", "sollen", "ich", "wir", "machen", "mache", "tun", "muss",
        "passiert", "geht", "es", "weiter", "was", "wie"}},
      {"pt", {"que", "oque"},
       {"e", "agora", "entao", "bom", "ok", "o", "eu", "faco", "fazer", "devo", "tenho", "acontece", "proximo", "passo",
        "que", "a", "gente", "faz"}},
      {"it", {"cosa", "che"},
       {"e", "adesso", "ora", "quindi", "allora", "ok", "poi", "faccio", "fare", "devo", "succede", "prossimo", "passo",
        "cosa", "che", "si", "fa", "il", "io"}}};
  const auto t = std::find_if(kTables.begin(), kTables.end(), [&](const Words2& x) { return language == x.language; });
  if (t == kTables.end()) return false;
  const std::vector<std::string> words = Words(message);
  if (words.size() < 2 || words.size() > 7) return false;
  bool question = false;
  for (const std::string& w : words) {
    if (!In(t->allowed, w) && !In(t->question, w)) return false;
    question |= In(t->question, w);
  }
  return question;
}

ContextWord LabelPolarity(std::string_view label) {
  // Only the unmistakable first words ("Yes, connect me", "Sí, pásame",
  // "No, thanks"): a label starting "Sure thing" or "Not yet" is left alone.
  static const std::vector<std::string_view> kYes = {"yes", "si", "oui", "ja", "sim", "ok", "okay"};
  static const std::vector<std::string_view> kNo = {"no", "non", "nein", "nao"};
  const std::vector<std::string> words = Words(label);
  if (words.empty()) return ContextWord::kNone;
  if (In(kYes, words[0])) return ContextWord::kYes;
  if (In(kNo, words[0])) return ContextWord::kNo;
  return ContextWord::kNone;
}

ContextResolution ResolveInContext(const PendingContext& pending, std::string_view message) {
  ContextResolution r;
  if (pending.empty()) return r;
  auto choose = [&](size_t i, const char* kind) {
    r.kind = kind;
    r.index = static_cast<int>(i);
    r.label = pending.labels[i];
    if (i < pending.actions.size() && (!pending.actions[i].intent.empty() || !pending.actions[i].response.empty()))
      r.action = pending.actions[i];
    else
      r.text = pending.labels[i];
  };
  // A label the bot just offered, sent as is (a tap on the quick reply).
  const std::string said = Folded(message);
  for (size_t i = 0; i < pending.labels.size(); ++i)
    if (!said.empty() && Folded(pending.labels[i]) == said) {
      choose(i, "quick_reply");
      // A tap that means nothing special is read as typed text: nothing to do here.
      if (!r.text.empty()) return {};
      return r;
    }
  // A label typed in other words around it, when it does something (a
  // plain label means nothing special; "I'll rephrase" typed before the
  // rephrased question is not a wish to stop).
  const std::vector<std::string> words = Words(message);
  for (size_t i = 0; i < pending.labels.size() && i < pending.actions.size(); ++i) {
    const QuickReplyAction& action = pending.actions[i];
    if ((action.intent.empty() && action.response.empty()) || action.response == "declined") continue;
    if (SaysLabelInOtherWords(Words(pending.labels[i]), words)) {
      choose(i, "label_words");
      return r;
    }
  }
  ContextReading reading = ReadContextReply(message);
  auto labelled = [&](ContextWord polarity) -> int {
    for (size_t i = 0; i < pending.labels.size(); ++i)
      if (LabelPolarity(pending.labels[i]) == polarity) return static_cast<int>(i);
    return -1;
  };
  // Asked outright "shall I connect you?" (an offer_human reply, or a "Yes, ..."
  // button), a yes that goes on to explain is a yes. Not under the
  // out-of-scope reply, which only names a person among its topics: there
  // "yes the basket is over 50" answers the advice before it.
  const bool asked_outright = IsPersonOffer(pending.response) || labelled(ContextWord::kYes) >= 0;
  if (reading.kind == ContextWord::kNone && pending.offers_person && asked_outright && LeadsWithYes(words))
    reading.kind = ContextWord::kYes;
  // So is the order number alone ("el 55102" after "a person can check the
  // double charge: shall I connect you?"): the detail the person will need.
  if (reading.kind == ContextWord::kNone && pending.offers_person && asked_outright && IsBareReference(Tokenize(message)))
    reading.kind = ContextWord::kYes;
  switch (reading.kind) {
    case ContextWord::kYes: {
      const int i = labelled(ContextWord::kYes);
      // "ok thanks" / "vale gracias" under an offer of a person is an
      // acknowledgement, not a yes: a person comes for "yes please".
      if (pending.offers_person && SaysThanks(message) && !SaysPlainYes(message)) return r;
      if (pending.offers_person) {
        r.kind = "yes";
        r.person = true;
        if (i >= 0) r.index = i;
      } else if (i >= 0) {
        choose(static_cast<size_t>(i), "yes");
      }
      return r;
    }
    case ContextWord::kNo: {
      const int i = labelled(ContextWord::kNo);
      if (i >= 0) choose(static_cast<size_t>(i), "no");
      if (pending.offers_person) {
        r.kind = "no";
        r.decline = true;
        r.text.clear();  // the decline is the answer, whatever the label says
      } else if (i < 0 && !pending.flow_step.empty()) {
        r.kind = "no";
        r.stop_flow = true;
      }
      return r;
    }
    case ContextWord::kOrdinal: {
      const int n = static_cast<int>(pending.labels.size());
      const int pos = reading.ordinal == -1 ? n : reading.ordinal;
      if (pos >= 1 && pos <= n) choose(static_cast<size_t>(pos - 1), "ordinal");
      return r;
    }
    case ContextWord::kNone:
      break;
  }
  return r;
}

}  // namespace attune
