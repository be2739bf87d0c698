#include <doctest/doctest.h>

#include <nlohmann/json.hpp>

#include "core/engine.h"
#include "test_util.h"

using namespace attune;

namespace {
std::unique_ptr<Engine> DefaultEngine() {
  std::unique_ptr<Engine> e;
  const Status s = Engine::Create(testing::PackFile("ecommerce.en.json"), &e);
  REQUIRE_MESSAGE(s.ok(), s.ToString());
  return e;
}
}  // namespace

TEST_CASE("Engine::Create fails cleanly on a bad pack") {
  std::unique_ptr<Engine> e;
  CHECK(Engine::Create("not json", &e).code() == "invalid_json");
  CHECK(e == nullptr);
}

TEST_CASE("the engine greets, recognises intents and falls back politely") {
  auto e = DefaultEngine();
  CHECK(!e->Greet().reply.empty());
  TurnResult r = e->Respond("where is my order? it hasn't arrived yet");
  CHECK(r.intent == "track_order");
  CHECK(!r.reply.empty());
  r = e->Respond("how do I return a jacket that doesn't fit");
  CHECK(r.intent == "returns");
  // The returns question paused the order flow; after the answer the bot
  // asked for the order number again, so gibberish is a wrong order number.
  CHECK(r.flow.status == "resumed");
  r = e->Respond("qwpoeiruty zxmcnvb");
  CHECK(r.intent == "none");
  CHECK(r.response == "order_number_invalid");
  e->Reset();
  r = e->Respond("qwpoeiruty zxmcnvb");
  CHECK(r.response == "out_of_scope");  // the shop pack has one: "not sure I can help", with its topics
}

// The two-context Chromium check of 2026-12-06: "where is my order?" typed when the bot had
// asked for the order number was told "That doesn't look like one of our order numbers".
TEST_CASE("asking again what started a flow, with no value in it, is asked the question again") {
  auto e = DefaultEngine();
  REQUIRE(e->Respond("hi, i ordered a birthday present for my niece").flow.status == "started");
  TurnResult r = e->Respond("where is my order?");
  CHECK(r.flow.status == "retry");
  CHECK(r.response == "track_order");
  // A number that is no order number is still called so.
  r = e->Respond("my order number is 1234");
  CHECK(r.response == "order_number_invalid");
}

TEST_CASE("a question the pack does not cover gets an honest answer and the pack's nearest topics") {
  std::unique_ptr<Engine> e;
  REQUIRE(Engine::Create(attune::testing::PackFile("ecommerce.en.json"), &e).ok());
  for (const char* q : {"do you sell car insurance?", "what's the weather like in Paris tomorrow", "who won the football last night"}) {
    CAPTURE(q);
    e->Reset();
    const TurnResult r = e->Respond(q);
    CHECK(r.intent == "none");
    CHECK(r.response == "out_of_scope");
    REQUIRE(r.quick_replies.size() >= 2);
    CHECK(r.quick_replies.back() == "Talk to a person");
    // Sending a topic the bot offered is understood as that intent.
    const std::string topic = r.quick_replies.front();
    const TurnResult next = e->Respond(topic);
    CHECK(next.intent != "none");
    CHECK(next.confidence == 1.0);
  }
  // A pack without the out_of_scope response keeps its plain fallback.
  std::string text = attune::testing::PackFile("ecommerce.en.json");
  auto doc = nlohmann::json::parse(text);
  doc["responses"].erase("out_of_scope");
  doc["responses"].erase("clarify");
  REQUIRE(Engine::Create(doc.dump(), &e).ok());
  CHECK(e->Respond("do you sell car insurance?").response == "fallback");
}

TEST_CASE("an explicit request for a person hands off with a reason") {
  auto e = DefaultEngine();
  const TurnResult r = e->Respond("can I talk to a real person please");
  CHECK(r.decision.handoff);
  bool has_reason = false;
  for (const auto& re : r.decision.reasons) has_reason |= re.name == "human_request";
  CHECK(has_reason);
}

TEST_CASE("TurnResultToJson carries the contract's field names") {
  auto e = DefaultEngine();
  const auto j = nlohmann::json::parse(TurnResultToJson(e->Respond("where is my parcel")));
  for (const char* k : {"turn", "reply", "intent", "confidence", "tone", "valence", "emotions", "cues", "distress", "handoff", "reasons"})
    CHECK_MESSAGE(j.contains(k), k);
}

TEST_CASE("hostile input never breaks a turn") {
  auto e = DefaultEngine();
  CHECK(!e->Respond("").reply.empty());
  CHECK(!e->Respond(std::string("\xff\xfe\x00\x01", 4)).reply.empty());
  CHECK(!e->Respond(std::string(1 << 20, 'x')).reply.empty());
  CHECK(!e->Respond("<script>alert(1)</script>").reply.empty());
}

TEST_CASE("an intent's slots fill from the message's entities and stay for later replies") {
  std::unique_ptr<Engine> e;
  const Status s = Engine::Create(R"({"version": 1,
    "responses": {"greeting": "Hi", "fallback": "Sorry?", "refund": "I'll look at the refund for {order_id}.",
                  "status": ["Order {order_id} is on its way.", "Order {order_id} ships today."]},
    "intents": [{"name": "refund", "examples": ["refund for my order", "I want a refund"], "slots": {"order_id": "order_number"}},
                {"name": "status", "examples": ["how is it going", "any news"]}]})", &e);
  REQUIRE_MESSAGE(s.ok(), s.ToString());
  CHECK(e->Respond("I want a refund for order #A12345").reply == "I'll look at the refund for #A12345.");  // as typed
  CHECK(e->Respond("any news?").reply.find("Order #A12345") == 0);
}

TEST_CASE("HandoffDeclined: no handoff reply nor offer_human again until something new") {
  auto e = DefaultEngine();
  REQUIRE(e->Respond("can I talk to a real person please").decision.handoff);
  e->HandoffDeclined();
  // Two fallbacks in a row would offer a person; after a decline they must not.
  for (int i = 0; i < 3; ++i) {
    const TurnResult r = e->Respond("qwpoeiruty zxmcnvb " + std::to_string(i));
    CHECK_FALSE(r.decision.handoff);
    CHECK(r.response != "offer_human");
    CHECK(r.response != "handoff");
  }
  const auto j = nlohmann::json::parse(TurnResultToJson(e->Respond("blorf snarf")));
  CHECK(j["handoff"] == false);
  CHECK(j["handoff_suppressed"] == true);
  CHECK(j["response"] != "offer_human");
  // A new explicit request (the pack's talk_to_human intent) hands off again.
  const TurnResult r = e->Respond("I want to talk to a person");
  CHECK(r.decision.handoff);
  CHECK(r.response == "handoff");
  CHECK(nlohmann::json::parse(TurnResultToJson(r))["handoff_suppressed"] == false);
}

TEST_CASE("HandoffEnded: a crisis still gets the crisis reply and resources, without promising a person") {
  auto e = DefaultEngine();
  REQUIRE(e->Respond("I want to kill myself").response == "crisis");
  e->HandoffEnded();
  const TurnResult r = e->Respond("I still want to kill myself");
  CHECK(r.affect.HasCue(kCueCrisis));
  CHECK_FALSE(r.decision.handoff);
  CHECK(r.decision.suppressed);
  CHECK(r.response == "crisis_no_handoff");
  CHECK_FALSE(r.crisis_resources.empty());
}

TEST_CASE("SetCountry chooses the crisis resources a turn carries") {
  auto e = DefaultEngine();
  CHECK(e->SetCountry("UK").code() == "invalid_argument");
  CHECK(e->country().empty());
  REQUIRE(e->SetCountry("es").ok());
  CHECK(e->country() == "ES");
  const TurnResult r = e->Respond("I want to kill myself");
  REQUIRE(r.response == "crisis");
  std::vector<std::string> phones;
  for (const CrisisResource& c : r.crisis_resources) phones.push_back(c.phone);
  CHECK(phones == std::vector<std::string>{"112", "024", "717 003 717"});
  const auto j = nlohmann::json::parse(TurnResultToJson(r));
  CHECK(j["crisis_resources"][1]["phone"] == "024");
  CHECK(j["crisis_resources"][1]["countries"] == nlohmann::json::array({"ES"}));
  CHECK(e->CrisisResources("BR").size() == 4);
  // A medical emergency now: the emergency number, not the suicide line.
  REQUIRE(e->SetCountry("US").ok());
  const TurnResult stroke = e->Respond("my dad's face is drooping on one side and he can't lift his arm");
  REQUIRE(stroke.response == "crisis");
  std::vector<std::string> us;
  for (const CrisisResource& c : stroke.crisis_resources) us.push_back(c.phone);
  CHECK(us == std::vector<std::string>{"911"});
  CHECK(e->SetCountry("").ok());
  CHECK(e->country().empty());
}

TEST_CASE("a handoff names its team from the pack's routing: by reason, by the conversation's topic, else default") {
  {
    auto e = DefaultEngine();  // ecommerce.en: crisis -> care, billing/returns -> billing, track_order/shipping -> orders
    const TurnResult r = e->Respond("I want to kill myself");
    CHECK(r.team == "care");
    CHECK(nlohmann::json::parse(TurnResultToJson(r))["team"] == "care");
  }
  {
    auto e = DefaultEngine();
    CHECK(e->Respond("I was charged twice on my card").intent == "billing");
    const TurnResult r = e->Respond("can I talk to a real person please");
    REQUIRE(r.decision.handoff);
    CHECK(r.team == "billing");  // the topic, though this turn's intent is human_agent
  }
  {
    auto e = DefaultEngine();
    const TurnResult r = e->Respond("can I talk to a real person please");
    CHECK(r.team == "default");
    const TurnResult quiet = e->Respond("how long does shipping take");
    if (!quiet.decision.handoff) CHECK(nlohmann::json::parse(TurnResultToJson(quiet))["team"].is_null());
  }
  auto e = DefaultEngine();
  REQUIRE(e->teams().size() == 3);
  CHECK(e->teams()[2].id == "care");
}

// Agent assist, regression for "What's your order number?" suggested to a
// visitor who had just given it, and the handoff line offered as a draft.
TEST_CASE("suggestions answer what the visitor needs now, with what they already gave, in their tone") {
  auto e = DefaultEngine();
  e->Respond("where is my order?");
  e->Respond("it's #A12345");
  const TurnResult again = e->Respond("where is my order?");
  REQUIRE(again.intent == "track_order");
  REQUIRE_FALSE(again.suggestions.empty());
  CHECK(again.suggestions[0].find("#A12345") != std::string::npos);  // the answer, filled in
  for (const std::string& s : again.suggestions) CHECK(s.find("order number?") == std::string::npos);

  // Asking for a person about it: the draft is the order's answer, never "I'll connect you".
  const TurnResult angry = e->Respond("this is ridiculous, I want to talk to a person now");
  REQUIRE(angry.decision.handoff);
  REQUIRE_FALSE(angry.suggestions.empty());
  CHECK(angry.suggestions[0].find("#A12345") != std::string::npos);
  for (const std::string& s : angry.suggestions) CHECK(s != angry.reply);
  // ... opened with the pack's acknowledgement of the feeling (the order answer has no angry variant).
  bool acknowledged = false;
  for (const std::string& ack : e->pack().acknowledgements.at("angry")) acknowledged |= angry.suggestions[0].rfind(ack, 0) == 0;
  CHECK(acknowledged);

  const auto j = nlohmann::json::parse(TurnResultToJson(angry));
  CHECK(j["suggestions"].size() == angry.suggestions.size());
}

TEST_CASE("suggestions: the tone's own variant, and nothing but the crisis reply in a crisis") {
  auto e = DefaultEngine();
  const TurnResult billing = e->Respond("this is useless, I was charged twice!!");
  REQUIRE(billing.intent == "billing");
  REQUIRE_FALSE(billing.suggestions.empty());
  const auto& variants = e->pack().responses.at("billing").variants;
  bool tone_variant = false;
  if (variants.count(billing.tone))
    for (const std::string& v : variants.at(billing.tone)) tone_variant |= billing.suggestions[0] == v;
  CHECK_MESSAGE(tone_variant, billing.tone << ": " << billing.suggestions[0]);

  auto c = DefaultEngine();
  const TurnResult crisis = c->Respond("I want to kill myself");
  CHECK(crisis.suggestions == std::vector<std::string>{crisis.reply});
  CHECK(c->Greet().suggestions.empty());
}

// What using the packs as visitors do found on 2026-12-06 (tenth session). The messages
// below are new phrasings, not the packs' examples.
TEST_CASE("the packs: a parcel marked delivered offers a person, a found parcel is goodbye, another appointment is booked") {
  auto engine = [](const std::string& pack) {
    std::unique_ptr<Engine> e;
    const Status s = Engine::Create(testing::PackFile(pack), &e);
    REQUIRE_MESSAGE(s.ok(), s.ToString());
    return e;
  };
  const std::vector<std::pair<std::string, std::string>> delivered = {
      {"ecommerce.en.json", "tracking shows delivered this morning but nothing came"},
      {"ecommerce.es.json", "pone que está entregado pero aquí no ha llegado nada"},
      {"ecommerce.fr.json", "c'est écrit livré mais je n'ai rien reçu"},
      {"ecommerce.de.json", "laut dhl zugestellt aber hier ist nichts"},
      {"ecommerce.pt.json", "está como entregue mas eu não recebi nada"}};
  for (const std::pair<std::string, std::string>& d : delivered) {
    CAPTURE(d.first);
    auto e = engine(d.first);
    const TurnResult r = e->Respond(d.second);
    CHECK(r.intent == "not_received");
    CHECK(r.quick_replies.size() == 2);
    // Yes to it hands off, to the orders team.
    const TurnResult yes = e->Respond(r.quick_replies.front());
    CHECK(yes.decision.handoff);
    CHECK(yes.team == "orders");
  }
  auto shop = engine("ecommerce.en.json");
  CHECK(shop->Respond("never mind, my neighbour had it all along").intent == "goodbye");
  auto clinic = engine("healthcare.fr.json");
  REQUIRE(clinic->Respond("je dois annuler mon rendez-vous de jeudi").intent == "cancel_appointment");
  CHECK(clinic->Respond("est-ce que je peux en prendre un autre la semaine d'après ?").intent == "book_appointment");
}

// Someone else using the visitor's account or card, or a message posing as
// the shop: a person from payments at once, with what to do meanwhile in the
// intent's own handoff reply. New phrasings, not the packs' examples.
TEST_CASE("the shop packs: an account or card used by someone else hands off to payments with its own reply") {
  const std::vector<std::pair<std::string, std::string>> fraud = {
      {"ecommerce.en.json", "theres 2 orders on my account from last night that i never placed"},
      {"ecommerce.es.json", "alguien ha entrado en mi cuenta y ha hecho un pedido que yo no hice"},
      {"ecommerce.fr.json", "quelqu'un a passé une commande avec mon compte, ce n'est pas moi"},
      {"ecommerce.de.json", "jemand hat über mein konto bestellt, das war nicht ich"},
      {"ecommerce.pt.json", "fizeram uma compra na minha conta que eu não reconheço"}};
  for (const std::pair<std::string, std::string>& f : fraud) {
    CAPTURE(f.first);
    std::unique_ptr<Engine> e;
    REQUIRE(Engine::Create(testing::PackFile(f.first), &e).ok());
    const TurnResult r = e->Respond(f.second);
    CHECK(r.intent == "account_fraud");
    CHECK(r.decision.handoff);
    CHECK(r.team == "billing");
    CHECK(r.response == "account_fraud");  // its own words, not the generic "Of course, I'll connect you"
    // The host asks consent next: a typed "no thanks" answers that.
    CHECK(e->Respond("no thanks").context == "no");
  }
  // Forgetting one's own password is not fraud.
  std::unique_ptr<Engine> e;
  REQUIRE(Engine::Create(testing::PackFile("ecommerce.en.json"), &e).ok());
  CHECK(e->Respond("i forgot my password how do i reset it").intent == "account");
}

// Using the clinic: "thank you! and where are you located exactly?" got "My pleasure": the
// question after the thanks is what wants an answer. A thanks that only closes stays thanks.
TEST_CASE("a question after a thanks is answered; a thanks that closes is thanks") {
  const std::vector<std::tuple<std::string, std::string, std::string>> cases = {
      {"healthcare.en.json", "thank you! and where are you located exactly?", "location"},
      {"ecommerce.es.json", "gracias! y cuánto tarda el envío a canarias?", "shipping"},
      {"ecommerce.fr.json", "merci beaucoup. et pour retourner un pull, je fais comment ?", "returns"},
      {"healthcare.en.json", "thanks! also do you do flu jabs?", "none"},  // not covered: said so, not "my pleasure"
      {"ecommerce.en.json", "thanks, that's all for today", "thanks|goodbye"},
      {"ecommerce.de.json", "danke, das war alles, schönen Tag noch", "thanks|goodbye"}};
  for (const std::tuple<std::string, std::string, std::string>& c : cases) {
    const std::string& message = std::get<1>(c);  // not a structured binding: clang 14 cannot capture one
    CAPTURE(message);
    std::unique_ptr<Engine> e;
    REQUIRE(Engine::Create(testing::PackFile(std::get<0>(c)), &e).ok());
    const std::string got = e->Respond(message).intent;
    CHECK(std::get<2>(c).find(got) != std::string::npos);
  }
}

// Using the demo shop: "are you a bot?" got "Could you tell me a little more about what you need?".
// The visitor is told plainly that a program answers and that a person can take over; a question
// about something automatic, or a bag that is real leather, is not about the bot.
TEST_CASE("asked whether it is a bot, the bot says so plainly and offers a person") {
  std::unique_ptr<Engine> e;
  REQUIRE(Engine::Create(testing::PackFile("ecommerce.en.json"), &e).ok());
  for (const char* message : {"are you a bot?", "are you real?", "is this an ai?"}) {
    CAPTURE(message);
    const TurnResult r = e->Respond(message);
    CHECK(r.response == "bot_identity");
    CHECK(r.reply.find("automated assistant") != std::string::npos);
    REQUIRE(r.quick_replies.size() == 2);
    // Its first quick reply brings the person it offers.
    CHECK(e->Respond(r.quick_replies.front()).decision.handoff);
    REQUIRE(Engine::Create(testing::PackFile("ecommerce.en.json"), &e).ok());
  }
  for (const char* message : {"is the refund automatic?", "is it real leather?", "is this program free?"}) {
    CAPTURE(message);
    CHECK(e->Respond(message).response != "bot_identity");
  }
  std::unique_ptr<Engine> clinic;
  REQUIRE(Engine::Create(testing::PackFile("healthcare.fr.json"), &clinic).ok());
  CHECK(clinic->Respond("t'es une ia ?").response == "bot_identity");
}

// Using the demo shop: "hi, no need for a human, just tell me when my order arrives" got "I'm not
// sure I can help with that" (the person's words pulled it out of scope). The request beside the
// refusal is answered, and no person is handed the chat; asking for one still brings one.
TEST_CASE("a person declined beside a request: the request is answered") {
  const std::vector<std::tuple<std::string, std::string, std::string>> cases = {
      {"ecommerce.en.json", "hi, no need for a human, just tell me when my order arrives", "track_order"},
      {"ecommerce.en.json", "i dont want an agent. i just want to return these shoes", "returns"},
      {"ecommerce.es.json", "no hace falta que me pases con nadie, solo quiero cambiar la direccion de entrega",
       "change_order"},
  };
  for (const std::tuple<std::string, std::string, std::string>& c : cases) {
    const std::string& message = std::get<1>(c);
    CAPTURE(message);
    std::unique_ptr<Engine> e;
    REQUIRE(Engine::Create(testing::PackFile(std::get<0>(c)), &e).ok());
    const TurnResult r = e->Respond(message);
    CHECK(r.intent == std::get<2>(c));
    CHECK_FALSE(r.decision.handoff);
  }
  std::unique_ptr<Engine> e;
  REQUIRE(Engine::Create(testing::PackFile("ecommerce.en.json"), &e).ok());
  CHECK(e->Respond("i dont want a bot, i want a human").intent == "human_agent");
}

// Using the demo shop: "ok I'll think about it and talk to my husband, thanks" after an answer got
// "I'm sorry, I didn't quite follow that" (a fallback, which counts toward a handoff). A plan told at
// a chat's end is answered as the goodbye it is; a question beside a plan is still answered.
TEST_CASE("a calm plan is a goodbye, not a fallback") {
  const std::vector<std::pair<std::string, std::string>> cases = {
      {"ecommerce.en.json", "ok I'll think about it and talk to my husband, thanks"},
      {"ecommerce.en.json", "ill try again tomorrow"},
      {"ecommerce.es.json", "vale, lo consulto con mi mujer y les escribo"},
      {"ecommerce.fr.json", "je vais réfléchir, merci"},
  };
  for (const std::pair<std::string, std::string>& c : cases) {
    CAPTURE(c.second);
    std::unique_ptr<Engine> e;
    REQUIRE(Engine::Create(testing::PackFile(c.first), &e).ok());
    const TurnResult r = e->Respond(c.second);
    CHECK((r.intent == "goodbye" || r.intent == "thanks"));  // "je vais réfléchir, merci": the pack's own thanks
    CHECK(r.response == r.intent);
  }
  std::unique_ptr<Engine> e;
  REQUIRE(Engine::Create(testing::PackFile("ecommerce.en.json"), &e).ok());
  CHECK(e->Respond("ill think about it, but how long does delivery to Ireland take?").intent == "shipping");
}

// Using the demo shop: "me llegó la tele rota" and "the glass table top arrived shattered" were
// declined as out of scope or read as a size return: a damaged item, one of a shop's commonest
// questions, gets its own answer (a replacement or a refund, a photo, a person) in every shop pack.
TEST_CASE("an item that arrived damaged gets the damaged-item answer") {
  const std::vector<std::pair<std::string, std::string>> cases = {
      {"ecommerce.en.json", "the mug was cracked when i opened the box"},
      {"ecommerce.es.json", "la taza venía rajada al abrir la caja"},
      {"ecommerce.fr.json", "le miroir est arrivé en morceaux"},
      {"ecommerce.de.json", "die tasse war beim öffnen schon gesprungen"},
      {"ecommerce.pt.json", "a caneca veio trincada quando abri a caixa"}};
  for (const std::pair<std::string, std::string>& c : cases) {
    const std::string& message = c.second;  // not a structured binding: clang 14 cannot capture one
    CAPTURE(message);
    std::unique_ptr<Engine> e;
    REQUIRE(Engine::Create(testing::PackFile(c.first), &e).ok());
    const TurnResult r = e->Respond(message);
    CHECK(r.intent == "damaged_item");
    CHECK(r.response == "damaged_item");
    CHECK(r.quick_replies.size() == 2);
  }
  // A return for another reason stays a return.
  std::unique_ptr<Engine> e;
  REQUIRE(Engine::Create(testing::PackFile("ecommerce.en.json"), &e).ok());
  CHECK(e->Respond("how do i return something").intent == "returns");
}

