#include "topic.h"

#include <algorithm>
#include <string_view>
#include <unordered_map>

#include "text.h"

namespace attune {
namespace {

// Words of five letters or more that say nothing of what a message is about:
// function words, greetings and thanks, time words, and the words of asking
// for anything ("problem", "question", "help", "I need"), which would join
// every two messages of a chat. Accent-folded, six languages.
constexpr std::string_view kNotTopic[] = {
    // en
    "about", "above", "actually", "after", "again", "against", "already", "always", "another", "anyone", "anything",
    "anyway", "around", "arent", "because", "before", "being", "below", "between", "cannot", "could", "couldnt",
    "didnt", "doesnt", "during", "every", "everyone", "everything", "first", "getting", "going", "gonna", "great",
    "hasnt", "havent", "having", "hello", "isnt", "maybe", "might", "morning", "never", "nothing", "other", "others",
    "please", "problem", "problems", "question", "questions", "really", "right", "second", "should", "shouldnt",
    "since", "someone", "something", "still", "thank", "thanks", "thats", "their", "there", "theres", "these",
    "thing", "things", "think", "those", "though", "three", "through", "today", "tomorrow", "trying", "under",
    "until", "wanna", "wasnt", "whats", "where", "wheres", "which", "while", "would", "wouldnt", "yesterday",
    "youre", "yours", "afternoon", "evening", "hours", "minutes", "weeks", "months",
    // greetings that share a word with the time of day ("boa tarde" / "até tarde")
    "tarde", "tardes", "noche", "noches", "noite", "soiree", "journee", "guten", "abend", "buona", "buenas", "buenos",
    // es
    "ahora", "alguien", "algun", "alguna", "alguno", "algunos", "antes", "aquel", "aunque", "ayuda", "ayudar",
    "cuando", "cuanto", "cuanta", "cuantos", "decir", "desde", "despues", "donde", "entonces",
    "estaba", "estan", "estas", "estoy", "favor", "gracias", "hacer", "hasta", "hecho", "manana", "mismo", "misma",
    "mucha", "muchas", "mucho", "muchos", "nadie", "necesito", "ninguna", "ninguno", "nuestro", "nuestra", "otras",
    "otros", "porque", "problema", "pregunta", "puede", "pueden", "puedo", "quien", "quiero", "quisiera", "siempre",
    "sobre", "tambien", "tengo", "tiene", "tienen", "todas", "todavia", "todos", "usted", "ustedes", "vuestra",
    "vuestro", "ahorita", "semana", "semanas", "horas", "minutos",
    // fr
    "alors", "apres", "aujourd", "aujourdhui", "aussi", "autre", "autres", "avant", "avoir", "beaucoup", "besoin",
    "bonjour", "bonsoir", "cette", "chose", "choses", "comme", "comment", "depuis", "demain", "encore", "ensuite",
    "faire", "jamais", "juste", "leurs", "maintenant", "merci", "notre", "parce", "pendant", "personne", "peux",
    "plusieurs", "pourquoi", "pouvez", "pourriez", "probleme", "quand", "quelque", "quelqu", "quelquun", "sinon",
    "toujours", "toutes", "votre", "vouloir", "voudrais", "vraiment", "heures", "semaine", "semaines",
    // de
    "aber", "alles", "andere", "anderen", "bereits", "bitte", "danke", "diese", "diesem", "diesen", "dieser",
    "dieses", "eigentlich", "einem", "einen", "einer", "einfach", "etwas", "gerne", "gestern", "haben", "hallo",
    "hatte", "hatten", "heute", "hilfe", "immer", "jemand", "jemanden", "keine", "keinen", "konnen", "konnte",
    "konnten", "meine", "meinem", "meinen", "meiner", "mochte", "morgen", "nicht", "nichts", "schon",
    "sollte", "unter", "viele", "warum", "welche", "welcher", "werden", "wieder", "wirklich", "wurde", "wurden",
    "wollte", "zwischen", "stunden", "wochen", "frage",
    // pt
    "agora", "ainda", "algum", "alguma", "alguem", "amanha", "assim", "coisa", "depois", "entao",
    "estao", "estava", "estou", "fazer", "gostaria", "minha", "minhas", "mesmo", "muita", "muito", "ninguem",
    "nenhum", "nossa", "nosso", "obrigado", "obrigada", "ontem", "outra", "outro", "posso", "preciso",
    "quando", "queria", "quero", "sempre", "tambem", "tenho", "voces", "ajuda",
    "pergunta", "consigo",
    // it
    "adesso", "allora", "ancora", "anche", "avere", "buongiorno", "buonasera", "domani", "dopo", "essere", "fatto",
    "grazie", "hanno", "molto", "nessuno", "niente", "perche", "potete", "prima", "proprio", "qualcosa",
    "qualcuno", "quanto", "quella", "quello", "questa", "questo", "salve", "siete", "stata",
    "stato", "tutti", "tutto", "vorrei", "voglio", "aiuto", "domanda", "settimana", "giorni", "devo",
    "dovrei",
};

bool NotTopic(std::string_view w) {
  static const std::vector<std::string_view> sorted = [] {
    std::vector<std::string_view> v(std::begin(kNotTopic), std::end(kNotTopic));
    std::sort(v.begin(), v.end());
    return v;
  }();
  return std::binary_search(sorted.begin(), sorted.end(), w);
}

// Code points in a UTF-8 word, and the byte length of its first `n`.
size_t CodePoints(std::string_view w) {
  return std::count_if(w.begin(), w.end(), [](char c) { return (static_cast<unsigned char>(c) & 0xC0) != 0x80; });
}
size_t PrefixBytes(std::string_view w, size_t n) {
  size_t i = 0;
  for (size_t cps = 0; i < w.size(); ++i)
    if ((static_cast<unsigned char>(w[i]) & 0xC0) != 0x80 && cps++ == n) break;
  return i;
}

// The shortest content word, and how much of it makes the topic.
constexpr size_t kMinLetters = 5;
constexpr size_t kPrefix = 5;
// A German compound's head: its last six letters ("Notfall|termin").
constexpr size_t kCompoundHead = 6;
// Digits that make an order or reference number.
constexpr size_t kMinDigits = 4;

}  // namespace

std::vector<uint32_t> TopicHashes(const std::vector<std::string>& folded, std::string_view language) {
  std::vector<uint32_t> out;
  for (const std::string& w : folded) {
    if (w.size() >= kMinDigits && std::all_of(w.begin(), w.end(), [](char c) { return c >= '0' && c <= '9'; })) {
      out.push_back(HashString("n:" + w));
      continue;
    }
    if (std::any_of(w.begin(), w.end(), [](char c) { return c >= '0' && c <= '9'; })) continue;
    const size_t letters = CodePoints(w);
    if (letters < kMinLetters || NotTopic(w)) continue;
    const std::string prefix = w.substr(0, PrefixBytes(w, kPrefix));
    out.push_back(HashString("p:" + prefix));
    // The same matter in other words: "refund" / "money back" / "reembolso".
    static const std::unordered_map<std::string_view, std::string_view> kSameMatter = {
        {"refun", "refund"}, {"reimb", "refund"}, {"reemb", "refund"}, {"rembo", "refund"}, {"ersta", "refund"},
        {"rucke", "refund"}, {"rimbo", "refund"}, {"estor", "refund"}, {"money", "refund"}, {"diner", "refund"},
        {"argen", "refund"}, {"dinhe", "refund"}, {"soldi", "refund"}, {"devol", "refund"},
        {"deliv", "parcel"}, {"parce", "parcel"}, {"packa", "parcel"}, {"shipm", "parcel"}, {"paque", "parcel"},
        {"colis", "parcel"}, {"livra", "parcel"}, {"liefe", "parcel"}, {"paket", "parcel"}, {"sendu", "parcel"},
        {"encom", "parcel"}, {"pacot", "parcel"}, {"pacco", "parcel"}, {"spedi", "parcel"}};
    if (const auto it = kSameMatter.find(prefix); it != kSameMatter.end()) out.push_back(HashString("t:" + std::string(it->second)));
    // Compound heads in ASCII-folded German only: the tail is then bytes.
    if (language == "de" && w.size() >= kCompoundHead && letters == w.size())
      out.push_back(HashString("s:" + w.substr(w.size() - kCompoundHead)));
  }
  std::sort(out.begin(), out.end());
  out.erase(std::unique(out.begin(), out.end()), out.end());
  return out;
}

bool Acknowledges(const std::vector<std::string>& folded) {
  static constexpr std::string_view kAck[] = {
      "ok", "okay", "okey", "oki", "thanks", "thank", "thx", "ty", "perfect", "gotcha", "merci", "parfait", "daccord",
      "gracias", "perfecto", "vale", "entendido", "entiendo", "danke", "perfekt", "verstanden", "obrigado",
      "obrigada", "valeu", "perfeito", "entendi", "beleza", "grazie", "perfetto", "capito", "ottimo", "capisco"};
  for (size_t i = 0; i < folded.size(); ++i) {
    if (std::find(std::begin(kAck), std::end(kAck), folded[i]) != std::end(kAck)) return true;
    if (folded[i] == "got" && i + 1 < folded.size() && folded[i + 1] == "it") return true;
    if (folded[i] == "alles" && i + 1 < folded.size() && folded[i + 1] == "klar") return true;
  }
  return false;
}

size_t TopicRun(const std::vector<std::vector<uint32_t>>& recent, const std::vector<uint32_t>& now) {
  auto shares = [](const std::vector<uint32_t>& a, const std::vector<uint32_t>& b) {
    for (size_t i = 0, j = 0; i < a.size() && j < b.size();) {
      if (a[i] < b[j]) ++i;
      else if (b[j] < a[i]) ++j;
      else return true;
    }
    return false;
  };
  // Each earlier message must share a word with this one itself: joined
  // through one another, a bank chat's four different questions met over
  // "transfer", "money" and "declined" (4 more of 300 BANKING77 sequences
  // of four intents handed off, against 1 more this way).
  size_t run = 1;
  for (const auto& m : recent) run += shares(m, now);
  return run;
}

}  // namespace attune
