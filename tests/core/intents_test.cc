// The intent model's featurization and generalisation (the rest of its tests,
// patterns included, are in dialogue_test.cc).
#include <doctest/doctest.h>

#include <nlohmann/json.hpp>

#include <set>

#include "core/intents.h"
#include "core/pack.h"
#include "test_util.h"

using namespace attune;

namespace {
std::vector<Intent> PackIntents(const char* file) {
  Pack p;
  const Status s = LoadPack(testing::PackFile(file), &p);
  REQUIRE_MESSAGE(s.ok(), s.ToString());
  return p.intents;
}
}  // namespace

TEST_CASE("intent features fold accents and apostrophes, so visitors need not type them") {
  IntentRecognizer es;
  es.Train(PackIntents("ecommerce.es.json"));
  const auto a = es.Rank("Dónde está mi pedido");
  const auto b = es.Rank("donde esta mi pedido");
  REQUIRE(a.size() == b.size());
  for (size_t i = 0; i < a.size(); ++i) {
    CHECK(a[i].first == b[i].first);
    CHECK(a[i].second == b[i].second);
  }
  CHECK(a[0].first == "track_order");

  IntentRecognizer en;
  en.Train(PackIntents("ecommerce.en.json"));
  CHECK(en.Rank("I can't log in")[0].second == en.Rank("i cant log in")[0].second);
  CHECK(en.Recognize("i cant log in", 0.3).intent == "account");
}

TEST_CASE("words the pack never used lower the confidence but do not change the answer") {
  IntentRecognizer r;
  r.Train(PackIntents("ecommerce.en.json"));
  const IntentMatch plain = r.Recognize("where is my order", 0.0);
  const IntentMatch noisy = r.Recognize("where is my order qwxz plmkj vbntr", 0.0);
  CHECK(plain.intent == "track_order");
  CHECK(noisy.intent == "track_order");
  CHECK(noisy.confidence < plain.confidence);
}

// Every 5th example of each intent held out in turn (5-fold), patterns
// ignored: what tests/bench/intents.mjs prints for the packs, as a floor.
// Measured 2026-12-02: ecommerce en 83 % / es 78 % / fr 78 % / de 77 % / pt
// 80 % (16 intents, about 480 examples a pack; chance 6 %); healthcare (35-55
// examples an intent) en 85 %, es 87 %, fr 84 %, de 83 %, pt 84 %; chance is 7-11 %.
TEST_CASE("the shipped packs recognise most of their own held-out examples") {
  for (const std::string& file : testing::ShippedPacks()) {
    CAPTURE(file);
    const std::vector<Intent> intents = PackIntents(file.c_str());
    int right = 0, total = 0;
    for (size_t fold = 0; fold < 5; ++fold) {
      std::vector<Intent> train;
      std::vector<std::pair<std::string, std::string>> test;  // (text, intent)
      for (const Intent& in : intents) {
        Intent t;
        t.name = in.name;
        for (size_t i = 0; i < in.examples.size(); ++i) {
          if (i % 5 == fold) test.emplace_back(in.examples[i], in.name);
          else t.examples.push_back(in.examples[i]);
        }
        train.push_back(t);
      }
      IntentRecognizer r;
      r.Train(train);
      for (const auto& [text, intent] : test) {
        right += r.Recognize(text, 0.0).best == intent;  // the top intent, in scope or not
        ++total;
      }
    }
    CHECK(total > 50);
    CHECK(right >= total / 2);
  }
}

namespace {
// Questions no shop or clinic pack covers, written apart from the packs:
// general knowledge, other businesses, chit-chat, tasks.
const std::vector<std::string> kOffTopicEn = {
    "what's the capital of France", "do you sell car insurance?", "what will the weather be like tomorrow",
    "can you recommend a good pizza place nearby", "tell me a joke", "who won the football game last night",
    "how do I fix a python error", "what is the meaning of life", "how many calories are in a banana",
    "translate hello into japanese", "play some music", "how tall is mount everest",
    "can you help me with my math homework", "which laptop is best for gaming", "how do I bake sourdough bread",
    "what time is it in tokyo"};
const std::vector<std::string> kOffTopicEs = {
    "¿cuál es la capital de Francia?", "¿venden seguros de coche?", "¿qué tiempo hará mañana?", "cuéntame un chiste",
    "¿quién ganó el partido de fútbol anoche?", "¿cómo hago pan casero?", "recomiéndame una pizzería cerca",
    "¿cuánto mide el Everest?", "ayúdame con mis deberes de matemáticas", "pon algo de música",
    "¿cuántas calorías tiene un plátano?", "¿qué portátil es mejor para juegos?"};
const std::vector<std::string> kOffTopicFr = {
    "quelle est la capitale de l'Italie ?", "vous vendez des assurances auto ?", "quel temps fera-t-il demain ?",
    "raconte-moi une blague", "qui a gagné le match de foot hier soir ?", "comment faire du pain maison ?",
    "conseille-moi une pizzeria près d'ici", "quelle est la hauteur de l'Everest ?", "aide-moi pour mes devoirs de maths",
    "mets de la musique", "combien de calories dans une banane ?", "quel ordinateur portable pour jouer ?"};
const std::vector<std::string> kOffTopicDe = {
    "was ist die hauptstadt von italien?", "verkauft ihr autoversicherungen?", "wie wird das wetter morgen?",
    "erzähl mir einen witz", "wer hat gestern das fußballspiel gewonnen?", "wie backe ich brot selbst?",
    "empfiehl mir eine pizzeria in der nähe", "wie hoch ist der mount everest?", "hilf mir bei meinen mathe hausaufgaben",
    "spiel etwas musik", "wie viele kalorien hat eine banane?", "welcher laptop ist am besten zum zocken?"};
const std::vector<std::string> kOffTopicPt = {
    "qual é a capital da itália?", "vocês vendem seguro de carro?", "como vai estar o tempo amanhã?", "conta uma piada",
    "quem ganhou o jogo de futebol ontem?", "como faço pão caseiro?", "me indica uma pizzaria aqui perto",
    "qual a altura do everest?", "me ajuda com o dever de matemática", "toca uma música",
    "quantas calorias tem uma banana?", "qual notebook é melhor para jogos?"};

double ShareDeclined(const IntentRecognizer& r, const std::vector<std::string>& texts, double threshold) {
  int declined = 0;
  for (const std::string& t : texts) {
    const IntentMatch m = r.Recognize(t, threshold);
    CAPTURE(t);
    CHECK((m.intent == "none") == (m.confidence < threshold || m.in_scope < r.out_of_scope_threshold()));
    if (m.out_of_scope) CHECK_FALSE(m.clarify);
    declined += m.intent == "none";
  }
  return static_cast<double>(declined) / texts.size();
}
}  // namespace

// The old rule (a threshold on the softmax's confidence alone) answered 2 of
// these 16 with the shop and clinic packs, 4 of the 12 Spanish with the shop:
// a softmax always picks one of the pack's intents, however unrelated.
// Floors: 85 % of all 92, and 75 % of each set (12 questions move it by 8
// points). The shop's account_fraud intent (2026-12-06), close to `account`,
// took the Spanish shop from 10 to 9 of 12 here ("¿cómo hago pan casero?" at
// in_scope 0.52): a fraud report handed to a person was judged worth it.
TEST_CASE("questions far outside a pack come out of scope, in every language the packs speak") {
  int declined = 0, total = 0;
  struct Case {
    const char* file;
    const std::vector<std::string>* off_topic;
  };
  for (const Case& c : {Case{"ecommerce.en.json", &kOffTopicEn}, Case{"healthcare.en.json", &kOffTopicEn},
                        Case{"ecommerce.es.json", &kOffTopicEs}, Case{"healthcare.es.json", &kOffTopicEs},
                        Case{"ecommerce.fr.json", &kOffTopicFr}, Case{"ecommerce.de.json", &kOffTopicDe},
                        Case{"ecommerce.pt.json", &kOffTopicPt}}) {
    const std::string file = c.file;  // captured as text, not as a pointer
    CAPTURE(file);
    Pack pack;
    REQUIRE(LoadPack(testing::PackFile(c.file), &pack).ok());
    IntentRecognizer r;
    r.Train(pack.intents);
    CHECK(r.out_of_scope_threshold() == doctest::Approx(0.5));
    const double share = ShareDeclined(r, *c.off_topic, pack.intent_threshold);
    CHECK(share >= 0.75);
    declined += static_cast<int>(share * c.off_topic->size() + 0.5);
    total += static_cast<int>(c.off_topic->size());
  }
  MESSAGE("declined " << declined << " of " << total);
  CHECK(declined >= 0.85 * total);
}

// Every 5th example of each intent held out in turn, as the bench does. The
// rule declines the doubtful ones, which are often wrong: a pack's own
// messages that the top intent gets right should mostly stay in scope, and
// the wrong ones should be declined far more often than the right ones.
// Measured 2026-12-02: about 75-90 % of the right answers kept, 20-50 % of
// the wrong ones.
TEST_CASE("a pack's own held-out examples stay in scope when the model gets them right") {
  for (const std::string& file : testing::ShippedPacks()) {
    CAPTURE(file);
    const std::vector<Intent> intents = PackIntents(file.c_str());
    int right = 0, right_kept = 0, wrong = 0, wrong_kept = 0;
    for (size_t fold = 0; fold < 5; ++fold) {
      std::vector<Intent> train;
      std::vector<std::pair<std::string, std::string>> test;  // (text, intent)
      for (const Intent& in : intents) {
        Intent t;
        t.name = in.name;
        for (size_t i = 0; i < in.examples.size(); ++i) {
          if (i % 5 == fold) test.emplace_back(in.examples[i], in.name);
          else t.examples.push_back(in.examples[i]);
        }
        train.push_back(t);
      }
      IntentRecognizer r;
      r.Train(train);
      for (const auto& [text, intent] : test) {
        const IntentMatch m = r.Recognize(text, 0.0);
        (m.best == intent ? right : wrong) += 1;
        (m.best == intent ? right_kept : wrong_kept) += !m.out_of_scope;
      }
    }
    CHECK(right_kept >= right * 0.7);
    CHECK(static_cast<double>(wrong_kept) / wrong < 0.8 * right_kept / right);
  }
}

// A message that fits two intents equally ("cancel" with an order and a
// subscription to cancel) is neither answered as one of them nor declined.
TEST_CASE("a message between two close intents asks which one was meant") {
  // The two cancel intents say the same things about different objects.
  std::vector<Intent> intents(5);
  intents[0] = {"cancel_order", {"cancel my order", "I want to cancel my order", "please cancel my order",
                                 "how do I cancel my order", "can I cancel the order", "stop my order"}};
  intents[1] = {"cancel_subscription", {"cancel my subscription", "I want to cancel my subscription", "please cancel my subscription",
                                        "how do I cancel my subscription", "can I cancel the subscription", "stop my subscription"}};
  intents[2] = {"track_order", {"where is my parcel", "track my package", "my parcel has not arrived", "when will it come",
                                "has it shipped yet", "delivery status please"}};
  intents[3] = {"opening_hours", {"when are you open", "what are your opening hours", "are you open on sunday",
                                  "what time do you close", "opening times please", "are you open today"}};
  intents[4] = {"payment", {"do you take credit cards", "can I pay with paypal", "which payment methods do you accept",
                            "can I pay by bank transfer", "is apple pay accepted", "payment options"}};
  IntentRecognizer r;
  r.Train(intents);
  // Most such messages ask which; the two best are always the pair.
  int asked = 0;
  for (const char* text : {"I want to cancel", "please cancel", "how do I cancel it", "can I cancel", "cancel"}) {
    CAPTURE(std::string(text));
    const IntentMatch m = r.Recognize(text, 0.3);
    const std::set<std::string> pair = {m.best, m.runner_up};
    CHECK(pair == std::set<std::string>{"cancel_order", "cancel_subscription"});
    if (m.clarify) {
      CHECK_FALSE(m.out_of_scope);
      ++asked;
    }
  }
  CHECK(asked >= 3);
  for (const char* text : {"please cancel my subscription", "where is my parcel", "do you take paypal"}) {
    CAPTURE(text);
    const IntentMatch m = r.Recognize(text, 0.3);
    CHECK_FALSE(m.clarify);
    CHECK(m.intent == m.best);
  }
}

TEST_CASE("out-of-scope detection needs three intents, and can be turned off") {
  std::vector<Intent> two(2);
  two[0] = {"yes", {"yes", "yes please", "sure", "ok do it"}};
  two[1] = {"no", {"no", "no thanks", "nope", "do not"}};
  IntentRecognizer r;
  r.Train(two);
  CHECK(r.out_of_scope_threshold() == 0);
  const IntentMatch m = r.Recognize("what's the capital of France", 0.0);
  CHECK(m.in_scope == 1);
  CHECK_FALSE(m.out_of_scope);

  IntentRecognizerOptions off;
  off.detect_out_of_scope = false;
  IntentRecognizer shop;
  shop.Train(PackIntents("ecommerce.en.json"), off);
  CHECK(shop.out_of_scope_threshold() == 0);
  for (const std::string& t : kOffTopicEn) CHECK_FALSE(shop.Recognize(t, 0.0).out_of_scope);
}

TEST_CASE("a pack's out-of-scope examples are declined, never an answer nor a topic") {
  // A clinic whose visitors also ask about car insurance and restaurant
  // tables: without the pack saying so, "insurance" and "book" win. The
  // shipped clinic pack says so (its out_of_scope list).
  Pack pack;
  REQUIRE(LoadPack(testing::PackFile("healthcare.en.json"), &pack).ok());
  const std::vector<std::string>& not_ours = pack.out_of_scope;
  REQUIRE(not_ours.size() >= 10);
  IntentRecognizer plain, taught;
  plain.Train(PackIntents("healthcare.en.json"));
  taught.Train(PackIntents("healthcare.en.json"), {}, not_ours);
  for (const char* text : {"can i get car insurance from you", "i want to book a table for four tonight"}) {
    CHECK_MESSAGE(plain.Recognize(text, 0.3).intent != "none", std::string(text));  // the look-alike, answered
    const IntentMatch m = taught.Recognize(text, 0.3);
    CHECK_MESSAGE(m.intent == "none", std::string(text));
    CHECK(m.out_of_scope);
    CHECK_FALSE(m.clarify);
    CHECK(m.best != "none");  // the nearest real topic, for the quick replies
    CHECK(m.runner_up != "none");
  }
  // What the pack covers is still answered, and the class never ranks.
  CHECK(taught.Recognize("does my insurance cover a checkup", 0.3).intent == "insurance");
  CHECK(taught.Recognize("i need to book an appointment with my gp", 0.3).intent == "book_appointment");
  for (const auto& [name, p] : taught.Rank("car insurance")) CHECK(name != "none");
  CHECK(taught.intent_count() == plain.intent_count() + 1);
}

TEST_CASE("a pack's out_of_scope is a list of strings") {
  Pack pack;
  nlohmann::json good = nlohmann::json::parse(testing::PackFile("healthcare.en.json")), bad = good;
  good["out_of_scope"] = {"do you sell car insurance"};
  bad["out_of_scope"] = {42};
  REQUIRE(LoadPack(good.dump(), &pack).ok());
  CHECK(pack.out_of_scope == std::vector<std::string>{"do you sell car insurance"});
  const Status s = LoadPack(bad.dump(), &pack);
  CHECK_FALSE(s.ok());
  CHECK(s.message().find("/out_of_scope/0") != std::string::npos);
}

TEST_CASE("a message with nothing the pack ever said is out of scope; a pattern is always in scope") {
  IntentRecognizer r;
  r.Train(PackIntents("ecommerce.en.json"));
  const IntentMatch none = r.Recognize("жщю эъы", 0.0);
  CHECK(none.intent == "none");
  CHECK(none.out_of_scope);
  CHECK(none.in_scope == 0);
  CHECK(none.best.empty());
  const IntentMatch pattern = r.Recognize("can I talk to a human", 0.3);
  CHECK(pattern.intent == "human_agent");
  CHECK_FALSE(pattern.pattern.empty());
  CHECK(pattern.in_scope == 1);
  CHECK_FALSE(pattern.out_of_scope);
}

TEST_CASE("GroupBySimilarity puts paraphrases of one request together and keeps different requests apart") {
  const std::vector<std::string> texts = {
      "do you sell gift wrapping",          // 0
      "can I get my parcel gift wrapped",   // 1
      "is gift wrapping available",         // 2
      "do you have a student discount",     // 3
      "student discount?",                  // 4
      "any discounts for students",         // 5
      "where are your shops in Lisbon",     // 6
      "!!!",                                // 7: no features, a group of its own
  };
  const std::vector<SimilarityGroup> groups = GroupBySimilarity(texts, 0.3);
  auto group_of = [&](size_t t) {
    for (size_t g = 0; g < groups.size(); ++g)
      for (size_t m : groups[g].members)
        if (m == t) return static_cast<int>(g);
    return -1;
  };
  size_t total = 0;
  for (const SimilarityGroup& g : groups) total += g.members.size();
  CHECK(total == texts.size());  // every text in exactly one group
  CHECK(group_of(0) == group_of(2));
  CHECK(group_of(3) == group_of(4));
  CHECK(group_of(3) == group_of(5));
  CHECK(group_of(0) != group_of(3));
  CHECK(group_of(6) != group_of(0));
  CHECK(group_of(6) != group_of(3));
  CHECK(groups[static_cast<size_t>(group_of(7))].members == std::vector<size_t>{7});
  // Largest first; the representative is a member.
  for (size_t g = 1; g < groups.size(); ++g) CHECK(groups[g - 1].members.size() >= groups[g].members.size());
  for (const SimilarityGroup& g : groups)
    CHECK(std::find(g.members.begin(), g.members.end(), g.representative) != g.members.end());
}

TEST_CASE("GroupBySimilarity: threshold 1 keeps distinct texts apart, 0 joins all that share anything, same input same groups") {
  const std::vector<std::string> texts = {"gift wrapping please", "gift wrapping", "student discount", "Gift wrapping!"};
  CHECK(GroupBySimilarity(texts, 1.0).size() >= 3);
  const auto a = GroupBySimilarity(texts, 0.4), b = GroupBySimilarity(texts, 0.4);
  REQUIRE(a.size() == b.size());
  for (size_t g = 0; g < a.size(); ++g) CHECK(a[g].members == b[g].members);
  CHECK(GroupBySimilarity({}, 0.5).empty());
  // Case and punctuation do not matter ("Gift wrapping!" is "gift wrapping").
  const auto exact = GroupBySimilarity({"gift wrapping", "Gift wrapping!"}, 0.99);
  CHECK(exact.size() == 1);
}
