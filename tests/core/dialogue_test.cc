#include <doctest/doctest.h>

#include <algorithm>
#include <cmath>

#include "core/dialogue.h"
#include "core/tone_check.h"
#include "test_util.h"

using namespace attune;

namespace {
std::vector<Intent> ShopIntents() {
  Pack p;
  const Status s = LoadPack(testing::PackFile("ecommerce.en.json"), &p);
  REQUIRE_MESSAGE(s.ok(), s.ToString());
  return p.intents;
}
}  // namespace

TEST_CASE("the intent model learns a pack's intents from its examples, including unseen phrasings") {
  IntentRecognizer r;
  const std::vector<Intent> intents = ShopIntents();
  r.Train(intents);
  CHECK(r.intent_count() == intents.size());
  CHECK(r.Recognize("my parcel still hasn't turned up", 0.3).intent == "track_order");
  CHECK(r.Recognize("how can I send back these shoes for a refund", 0.3).intent == "returns");
  CHECK(r.Recognize("do you deliver to canada and how much", 0.3).intent == "shipping");
  CHECK(r.Recognize("you charged my card two times", 0.3).intent == "billing");
  CHECK(r.Recognize("I forgot my pasword", 0.3).intent == "account");  // typo: character n-grams
  // The close pairs the shop pack draws on purpose: a return, its refund, a charge.
  CHECK(r.Recognize("I sent the boots back ages ago and the money still isn't on my card", 0.3).intent == "refund_status");
  CHECK(r.Recognize("please cancel it, I bought the wrong one", 0.3).intent == "cancel_order");
  CHECK(r.Recognize("can I still put a different address on my order", 0.3).intent == "change_order");
  CHECK(r.Recognize("is klarna an option when paying", 0.3).intent == "payment_methods");
}

TEST_CASE("off-topic text is \"none\" with a low confidence; empty text is none with 0") {
  IntentRecognizer r;
  r.Train(ShopIntents());
  const IntentMatch m = r.Recognize("qwpoeiruty zxmcnvb", 0.3);
  CHECK(m.intent == "none");
  CHECK(m.confidence < 0.3);
  CHECK(r.Recognize("", 0.3).confidence == 0);
  IntentRecognizer empty;
  empty.Train({});
  CHECK(empty.Recognize("where is my order", 0.0).intent == "none");
}

TEST_CASE("Rank gives a probability distribution, best first, and training is deterministic") {
  IntentRecognizer a, b;
  a.Train(ShopIntents());
  b.Train(ShopIntents());
  const auto ra = a.Rank("where is my order");
  const auto rb = b.Rank("where is my order");
  REQUIRE(ra.size() == ShopIntents().size());
  double sum = 0;
  for (size_t i = 0; i < ra.size(); ++i) {
    sum += ra[i].second;
    CHECK(ra[i].second == rb[i].second);
    if (i) CHECK(ra[i - 1].second >= ra[i].second);
  }
  CHECK(sum == doctest::Approx(1.0).epsilon(1e-4));
  CHECK(ra[0].first == "track_order");
}

TEST_CASE("the temperature is fitted when there are enough examples to hold some back") {
  std::vector<Intent> intents(3);
  const char* topics[] = {"pizza", "weather", "train"};
  for (int k = 0; k < 3; ++k) {
    intents[k].name = topics[k];
    for (int i = 0; i < 80; ++i) intents[k].examples.push_back(std::string("tell me about the ") + topics[k] + " number " + std::to_string(i));
  }
  IntentRecognizer r;
  r.Train(intents);
  CHECK(r.temperature() != 1.0);
  CHECK(r.Recognize("what about the weather", 0.5).intent == "weather");
}

TEST_CASE("patterns decide the intent outright and match whole words in linear time") {
  CHECK(PatternMatches("(talk|speak) to (a|an|) (person|human)", "can I please TALK to a human?"));
  CHECK(PatternMatches("(talk|speak) to (a|an|) (person|human)", "speak to human"));
  CHECK(!PatternMatches("(talk|speak) to (a|an|) (person|human)", "talking to a humane society"));
  CHECK(PatternMatches("where * order", "where is my order"));
  CHECK(!PatternMatches("where * order", "where order"));
  CHECK(PatternError("(a|b") == "unclosed \"(\"");
  CHECK(PatternError("a|b") == "\")\" or \"|\" outside \"(...)\"");
  CHECK(PatternError("") == "empty pattern");
  std::string long_text;
  for (int i = 0; i < 2000; ++i) long_text += "a ";
  CHECK(!PatternMatches("* * * * * b", long_text));
  std::vector<Intent> intents = ShopIntents();
  IntentRecognizer r;
  r.Train(intents);
  const IntentMatch m = r.Recognize("could I chat to someone human", 0.3);
  CHECK(m.intent == "human_agent");
  CHECK(m.confidence == 1.0);
  CHECK(!m.pattern.empty());
}

TEST_CASE("FillTemplate fills variables and tidies a missing one away") {
  CHECK(FillTemplate("Hi {name}, order {id}.", {{"name", "Ana"}, {"id", "42"}}) == "Hi Ana, order 42.");
  CHECK(FillTemplate("Hi {name}, welcome.", {}) == "Hi, welcome.");
  CHECK(FillTemplate("Use {{braces}}", {}) == "Use {braces}");
}

namespace {
Pack ReplyPack() {
  Pack p;
  const Status s = LoadPack(R"({"version": 1, "variables": {"shop": "Acme"},
    "acknowledgements": {"sad": ["I'm sorry.", "That sounds hard."]},
    "responses": {"greeting": ["Hi {name}!", "Hello from {shop}."], "fallback": ["A", "B", "C"],
                  "late": {"neutral": ["It ships soon."], "angry": ["I'm sorry, it ships soon."]}},
    "intents": []})", &p);
  REQUIRE_MESSAGE(s.ok(), s.ToString());
  return p;
}
}  // namespace

TEST_CASE("Responder never repeats a variant twice in a row and says which produced it") {
  const Pack p = ReplyPack();
  Responder r;
  int last = -1;
  for (int i = 0; i < 12; ++i) {
    const Reply reply = r.Say(p, "fallback", "neutral");
    CHECK(reply.variant != last);
    CHECK(reply.template_pointer == "/responses/fallback/" + std::to_string(reply.variant));
    last = reply.variant;
  }
}

TEST_CASE("Responder prefers variants whose variables have values") {
  const Pack p = ReplyPack();
  Responder r;
  for (int i = 0; i < 3; ++i) CHECK(r.Say(p, "greeting", "neutral").text == "Hello from Acme.");
  const Reply named = r.Say(p, "greeting", "neutral", {{"name", "Ana"}});
  CHECK(named.text == "Hi Ana!");
}

TEST_CASE("distress is acknowledged before the answer when no variant fits the tone") {
  const Pack p = ReplyPack();
  Responder r;
  const Reply sad = r.Say(p, "late", "sad");
  CHECK((sad.acknowledgement == "I'm sorry." || sad.acknowledgement == "That sounds hard."));
  CHECK(sad.text == sad.acknowledgement + " It ships soon.");
  CHECK(sad.tone == "sad");
  CHECK(sad.variant_tone == "neutral");
  // Rotated, never repeated, and not a third time running for the same
  // feeling: the third reply answers straight, the fourth names it again.
  const Reply second = r.Say(p, "late", "sad");
  CHECK(!second.acknowledgement.empty());
  CHECK(second.acknowledgement != sad.acknowledgement);
  const Reply third = r.Say(p, "late", "sad");
  CHECK(third.acknowledgement.empty());
  CHECK(third.text == "It ships soon.");
  const Reply fourth = r.Say(p, "late", "sad");
  CHECK(!fourth.acknowledgement.empty());
  CHECK(fourth.acknowledgement != second.acknowledgement);

  const Reply angry = r.Say(p, "late", "angry");
  CHECK(angry.acknowledgement.empty());  // the variant is written for it
  CHECK(angry.variant_tone == "angry");
  CHECK(r.Say(p, "late", "happy").text == "It ships soon.");
  CHECK(r.Say(p, "nope", "neutral").text.empty());
}

TEST_CASE("the tone check flags dismissive phrasing, missing acknowledgement and long replies") {
  const std::string src = R"({"version": 1, "responses": {"greeting": "Hi guys!", "fallback": "Sorry?",
    "late": {"neutral": ["Calm down, it obviously ships soon."], "angry": ["It ships soon."]},
    "long": ")" + [] { std::string s; for (int i = 0; i < 20; ++i) s += "Your parcel is on its way. "; return s; }() + R"("},
    "intents": [{"name": "complaint", "examples": ["bad"], "distress": true, "response": "late"}]})";
  Pack p;
  REQUIRE(LoadPack(src, &p).ok());
  std::vector<Diagnostic> d;
  ToneCheck(p, testing::PackFile("tone-rules/en.json"), &d);
  std::vector<std::string> got;
  for (const auto& x : d) got.push_back(x.pointer + " " + x.message);
  CHECK(std::count(got.begin(), got.end(), "/responses/greeting \"guys\": gendered; not everyone identifies with it") == 1);
  CHECK(std::count(got.begin(), got.end(), "/responses/late/neutral/0 \"calm down\": tells the visitor how to feel; it reads as dismissive") == 1);
  CHECK(std::count(got.begin(), got.end(), "/responses/late/neutral/0 \"obviously\": implies the visitor should have known") == 1);
  CHECK(std::count(got.begin(), got.end(), "/responses/late/angry/0 answers a visitor in distress without acknowledging how they feel") == 1);
  CHECK(std::count(got.begin(), got.end(), "/responses/late/neutral/0 answers a visitor in distress without acknowledging how they feel") == 1);
  CHECK(std::count(got.begin(), got.end(),
                   "/responses/long 12 lines on a phone (38 characters a line in a 360 px-wide widget): longer than the 12 lines a screen shows") == 0);
  CHECK(std::count(got.begin(), got.end(),
                   "/responses/long 15 lines on a phone (38 characters a line in a 360 px-wide widget): longer than the 12 lines a screen shows") == 1);
  CHECK(d.size() == 6);
  for (const auto& x : d) CHECK(x.severity == "warning");
  std::vector<Diagnostic> bad;
  ToneCheck(p, "{\"phrases\": 3}", &bad);
  REQUIRE(bad.size() == 1);
  CHECK(bad[0].message == "tone rules /phrases: expected an array");

  // Parsed once (ParseToneRules), the rules give the same warnings, and
  // CheckPack takes them too; bad rules are a Status that leaves them as they were.
  ToneRules rules;
  REQUIRE(ParseToneRules(testing::PackFile("tone-rules/en.json"), &rules).ok());
  std::vector<Diagnostic> again;
  ToneCheck(p, rules, &again);
  REQUIRE(again.size() == d.size());
  for (size_t i = 0; i < d.size(); ++i) CHECK(again[i].pointer + again[i].message == d[i].pointer + d[i].message);
  const std::vector<Diagnostic> checked = CheckPack(src, rules);
  const std::vector<Diagnostic> from_json = CheckPack(src, testing::PackFile("tone-rules/en.json"));
  REQUIRE(checked.size() == from_json.size());
  for (size_t i = 0; i < checked.size(); ++i)
    CHECK(checked[i].message + std::to_string(checked[i].line) == from_json[i].message + std::to_string(from_json[i].line));
  for (const Diagnostic& x : d)  // every tone warning, now with a position
    CHECK(std::count_if(checked.begin(), checked.end(), [&](const Diagnostic& c) {
            return c.pointer == x.pointer && c.message == x.message && c.line > 0;
          }) == 1);
  const size_t phrases = rules.phrases.size();
  const Status s = ParseToneRules(R"({"phrases": [{"match": "!!!"}]})", &rules);
  CHECK(s.code() == "invalid_argument");
  CHECK(s.message() == "tone rules /phrases/0/match: has no words");
  CHECK(rules.phrases.size() == phrases);
}
