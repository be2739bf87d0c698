#include <doctest/doctest.h>

#include <nlohmann/json.hpp>

#include "core/pack.h"
#include "test_util.h"

using namespace attune;

namespace {
const char* kMinimal = R"({"responses": {"greeting": "Hi", "fallback": ["Sorry?"]},
  "intents": [{"name": "hello", "examples": ["hello there"], "response": "greeting"}]})";
}

TEST_CASE("LoadPack reads a minimal pack") {
  Pack p;
  REQUIRE(LoadPack(kMinimal, &p).ok());
  CHECK(p.intents.size() == 1);
  CHECK(p.responses.at("fallback").variants.at("neutral").at(0) == "Sorry?");
  CHECK(p.handoff.policy.threshold == doctest::Approx(0.61));
}

TEST_CASE("LoadPack reports malformed JSON with line and column and leaves the pack unchanged") {
  Pack p;
  p.name = "before";
  const Status s = LoadPack("{\n  \"intents\": [,]\n}", &p);
  CHECK(s.code() == "invalid_json");
  CHECK(s.message().rfind("line 2, column 15", 0) == 0);
  CHECK(p.name == "before");
}

TEST_CASE("LoadPack names the JSON pointer of a wrongly shaped value") {
  Pack p;
  CHECK(LoadPack("[]", &p).message() == "/: expected an object, got array");
  CHECK(LoadPack(R"({"responses": {"greeting": "Hi", "fallback": "?"}, "intents": [{"name": "a", "examples": [1]}]})", &p).message() ==
        "/intents/0/examples/0: expected a string, got number");
  CHECK(LoadPack(R"({"responses": {"greeting": "Hi"}, "intents": []})", &p).message() ==
        "/responses: missing required response \"fallback\"");
  CHECK(LoadPack(R"({"responses": {"greeting": "Hi", "fallback": "?"}, "intents": [{"name": "a", "examples": ["x"]}]})", &p).message() ==
        "/intents/0/name: no response named \"a\" in /responses");
  CHECK(LoadPack(R"({"responses": {"greeting": "Hi", "fallback": "?", "a": "A"}, "intents": [{"name": "a", "examples": ["x"]}, {"name": "a", "examples": ["y"]}]})", &p).message() ==
        "/intents/1/name: duplicate intent name \"a\"");
  CHECK(LoadPack(R"({"responses": {"greeting": "Hi", "fallback": "?"}, "intents": [], "handoff": {"threshold": 3}})", &p).message() ==
        "/handoff/threshold: expected a number between 0 and 1");
}

TEST_CASE("the shipped default pack loads") {
  Pack p;
  const Status s = LoadPack(testing::PackFile("ecommerce.en.json"), &p);
  CHECK_MESSAGE(s.ok(), s.ToString());
  CHECK(p.intents.size() >= 5);
}

namespace {
// A valid pack to mutate: one flow, one variable, one entity.
std::string Base(const std::string& extra_responses = "", const std::string& flows = "", const std::string& intents_extra = "") {
  return R"({"version": 1, "variables": {"shop": "Shop"}, "entities": {"sku": "SKU[0-9]{3}"},
    "responses": {"greeting": "Hi from {shop}", "fallback": "Sorry?", "ask": "Number?", "done": "Order {order_id}." )" +
         extra_responses + R"(},
    "intents": [{"name": "track", "examples": ["where is my order"], "response": "ask", "flow": "track"})" + intents_extra + R"(],
    "flows": {"track": {"start": "a", "steps": {"a": {"ask": "ask", "slot": "order_id", "entity": "order_number", "done": "done"})" +
         flows + "}}}}";
}
std::string FirstError(const std::string& json) {
  Pack p;
  return LoadPack(json, &p).message();
}
}  // namespace

TEST_CASE("LoadPack reads flows, variables, entities and acknowledgements") {
  Pack p;
  const Status s = LoadPack(Base(), &p);
  REQUIRE_MESSAGE(s.ok(), s.ToString());
  CHECK(p.flows.at("track").Step("a")->slot == "order_id");
  CHECK(p.variables.at("shop") == "Shop");
  CHECK(p.entities.at(0).pattern == "SKU[0-9]{3}");
  CHECK(p.responses.at("greeting").pointers.at("neutral").at(0) == "/responses/greeting");
}

TEST_CASE("unknown template variables, loops, dead ends and bad patterns are precise errors") {
  CHECK(FirstError(Base(R"(, "x": "Hello {nmae}")")) == "/responses/x: unknown variable {nmae} (known: name, shop, order_id)");
  CHECK(FirstError(Base(", \"x\": \"Hello {name\"")) == "/responses/x: unbalanced \"{\" / \"}\" (write \"{{\" for a literal brace)");
  CHECK(FirstError(Base("", R"(, "b": {"ask": "ask", "slot": "s", "entity": "date", "next": "c"}, "c": {"ask": "ask", "slot": "t", "entity": "date", "next": "b"})")) ==
        "/flows/track/steps/b/next: flow loops and never finishes: b -> c -> b");
  CHECK(FirstError(Base("", R"(, "b": {"ask": "ask", "slot": "s", "entity": "date"})")) ==
        "/flows/track/steps/b: dead end: a step needs \"next\" (the following step) or \"done\" (the response that finishes the flow)");
  CHECK(FirstError(Base("", R"(, "b": {"ask": "nope", "slot": "s", "entity": "date", "done": "done"})")) ==
        "/flows/track/steps/b/ask: no response named \"nope\" in /responses");
  CHECK(FirstError(Base("", R"(, "b": {"ask": "ask", "slot": "s", "entity": "shoe_size", "done": "done"})")) ==
        "/flows/track/steps/b/entity: unknown entity type \"shoe_size\" (known: address, amount, date, email, order_number, phone, sku)");
  CHECK(FirstError(Base("", "", R"(, {"name": "x", "examples": ["y"], "response": "ask", "slots": {"size": "shoe_size"}})")) ==
        "/intents/1/slots/size: unknown entity type \"shoe_size\" (known: address, amount, date, email, order_number, phone, sku)");
  CHECK(FirstError(Base("", "", R"J(, {"name": "x", "examples": ["y"], "response": "ask", "patterns": ["(a|b"]})J")) ==
        "/intents/1/patterns/0: bad pattern: unclosed \"(\"");
  CHECK(FirstError(Base("", "", R"(, {"name": "x", "examples": ["y"], "response": "ask", "flow": "nope"})")) ==
        "/intents/1/flow: no flow named \"nope\" in /flows");
  CHECK(FirstError(R"J({"responses": {"greeting": "Hi", "fallback": "?"}, "intents": [], "entities": {"sku": "(a|b)"}})J") ==
        "/entities/sku: bad pattern: \"(\" is not supported (no groups, alternation or anchors; the pattern matches a whole word)");
  CHECK(FirstError(R"({"responses": {"greeting": "Hi", "fallback": "?"}, "intents": [], "handoff": {"business_hours": ["mon-fri 18:00-09:00"]}})") ==
        "/handoff/business_hours/0: the opening time must be before the closing time");
  CHECK(FirstError(R"({"responses": {"greeting": {"sad": "x"}, "fallback": "?"}, "intents": []})") ==
        "/responses/greeting: missing required tone \"neutral\"");
}

TEST_CASE("CheckPack reports every error and warns about unknown keys with line and column") {
  const std::string text = "{\n  \"version\": 1,\n  \"respones\": {},\n  \"responses\": {\"greeting\": {\"neutral\": \"Hi\", \"frustated\": \"x\"}, \"fallback\": 3},\n  \"intents\": [{\"name\": \"a\", \"examples\": []}]\n}";
  const auto diags = CheckPack(text);
  std::vector<std::string> got;
  for (const auto& d : diags) got.push_back(d.severity + " " + d.pointer + " " + std::to_string(d.line) + ":" + std::to_string(d.column) + " " + d.message);
  REQUIRE(got.size() == 4);
  CHECK(got[0] == "warning /respones 3:15 unknown key \"respones\" is ignored (did you mean \"responses\"?)");
  // Responses are read in key order (fallback before greeting).
  CHECK(got[1] == "error /responses/fallback 4:78 expected an object of tone variants, got number");
  CHECK(got[2] == "warning /responses/greeting/frustated 4:60 unknown key \"frustated\" is ignored (did you mean \"frustrated\"?)");
  CHECK(got[3] == "error /intents/0/examples 5:41 expected at least one string");
}

TEST_CASE("CheckPack on malformed JSON gives one error with its position") {
  const auto diags = CheckPack("{\n  \"intents\": [,]\n}");
  REQUIRE(diags.size() == 1);
  CHECK(diags[0].line == 2);
  CHECK(diags[0].column == 15);
}

TEST_CASE("LocatePointer finds nested values and falls back to the nearest parent") {
  const std::string t = R"({"a": [1, {"b~c": "x", "d/e": [true]}], "f": "g"})";
  CHECK(t.substr(LocatePointer(t, "/a/1/b~0c"), 3) == "\"x\"");
  CHECK(t.substr(LocatePointer(t, "/a/1/d~1e/0"), 4) == "true");
  CHECK(t.substr(LocatePointer(t, "/f"), 3) == "\"g\"");
  CHECK(t.substr(LocatePointer(t, "/a/1/missing"), 1) == "{");
  CHECK(LocatePointer(t, "/a/7") == LocatePointer(t, "/a"));
  CHECK(LocatePointer("not json", "/x") == 0);
}

TEST_CASE("LocatePointers gives what LocatePointer gives, in one pass") {
  const std::string t = R"( {"a": [1, {"b~c": "x", "d/e": [true]}], "f": "g", "f": {"h": 1}, "": [[], {}]})";
  const std::vector<std::string> ptrs = {"", "/", "/a", "/a/0", "/a/1", "/a/1/b~0c", "/a/1/d~1e/0", "/a/1/missing",
                                         "/a/7", "/f", "/f/h", "/x/y/z", "/", "//0", "//1", "//2", "no-slash"};
  const std::vector<size_t> got = LocatePointers(t, ptrs);
  REQUIRE(got.size() == ptrs.size());
  for (size_t i = 0; i < ptrs.size(); ++i) CHECK_MESSAGE(got[i] == LocatePointer(t, ptrs[i]), ptrs[i]);
  CHECK(LocatePointers("not json", {"/x", ""}) == std::vector<size_t>{0, 0});
  CHECK(LocatePointers(t, {}).empty());
}

TEST_CASE("CheckPack positions many diagnostics exactly as one at a time") {
  // 40 intents with 10 unknown keys each: 400 warnings, in document order or not.
  std::string text = R"({"version": 1, "responses": {"greeting": "Hi", "fallback": "Sorry?"}, "intents": [)";
  for (int i = 0; i < 40; ++i) {
    text += std::string(i ? ",\n" : "\n") + R"(  {"name": "i)" + std::to_string(i) + R"(", "examples": ["hello )" +
            std::to_string(i) + R"("], "response": "fallback")";
    for (int k = 9; k >= 0; --k) text += ",\n    \"x" + std::to_string(k) + "\": " + std::to_string(k);
    text += "}";
  }
  text += "]}";
  const std::vector<Diagnostic> diags = CheckPack(text);
  size_t unknown = 0;
  for (const Diagnostic& d : diags) {
    int line = 0, column = 0;
    LineColumn(text, LocatePointer(text, d.pointer), &line, &column);
    CHECK_MESSAGE(d.line == line, d.pointer);
    CHECK_MESSAGE(d.column == column, d.pointer);
    unknown += d.message.find("unknown key") != std::string::npos;
  }
  CHECK(unknown == 400);
}

TEST_CASE("every shipped pack loads with no errors and no warnings; the tone check finds no errors") {
  const std::vector<std::string> packs = testing::ShippedPacks();
  for (const char* lang : {"en", "es", "fr", "de", "pt"})  // every language has the clinic pack
    CHECK(std::find(packs.begin(), packs.end(), std::string("healthcare.") + lang + ".json") != packs.end());
  for (const std::string& name : packs) {
    const std::string text = testing::PackFile(name);
    Pack p;
    const Status s = LoadPack(text, &p);
    CHECK_MESSAGE(s.ok(), name << ": " << s.ToString());
    for (const Diagnostic& d : CheckPack(text))
      CHECK_MESSAGE(false, name << " " << d.severity << " " << d.pointer << ": " << d.message);
    // Tone is advice: its warnings are listed by `attune check`, never errors.
    const std::string lang = p.language;
    for (const Diagnostic& d : CheckPack(text, testing::PackFile("tone-rules/" + lang + ".json")))
      CHECK_MESSAGE(d.severity == "warning", name << " " << d.severity << " " << d.pointer << ": " << d.message << " " << d.suggestion);
    CHECK(p.responses.count("crisis"));
    CHECK(!p.handoff.crisis_resources.empty());
    CHECK(!p.flows.empty());
  }
}

TEST_CASE("handoff settings reach the HandoffPolicy, range-checked") {
  Pack p;
  REQUIRE(LoadPack(R"({"responses": {"greeting": "Hi", "fallback": "?"}, "intents": [],
    "handoff": {"threshold": 0.5, "release": 0.3, "fallbacks_before_offer": 1, "valence_weight": 0.5, "emotion_weight": 0.2,
                "trend_turns": 4, "weights": {"anger": 0.9}, "business_hours": ["mon-fri 08:00-18:00 Europe/Madrid", "sat 10:00-14:00"]}})", &p).ok());
  CHECK(p.handoff.policy.threshold == 0.5);
  CHECK(p.handoff.policy.fallbacks_before_offer == 1);
  CHECK(p.handoff.policy.valence_weight == 0.5);
  CHECK(p.handoff.policy.emotion_weight == 0.2);
  CHECK(p.handoff.policy.trend_turns == 4);
  CHECK(p.handoff.policy.weights.at("anger") == 0.9);
  CHECK(p.handoff.business_hours.size() == 2);
  CHECK(FirstError(R"({"responses": {"greeting": "Hi", "fallback": "?"}, "intents": [], "handoff": {"no_agent_message": "Call {phone}"}})") ==
        "/handoff/no_agent_message: {phone} is not filled in handoff texts; write the value itself");
  CHECK(FirstError(R"({"responses": {"greeting": "Hi", "fallback": "?"}, "intents": [], "handoff": {"trend_turns": 1.5}})") ==
        "/handoff/trend_turns: expected an integer, got number");
  CHECK(FirstError(R"({"responses": {"greeting": "Hi", "fallback": "?"}, "intents": [], "handoff": {"weights": {"angr": 1}}})") ==
        "/handoff/weights/angr: unknown cue name");
}

TEST_CASE("a pack too big to train in a browser is refused at load") {
  std::string intents;
  for (size_t i = 0; i <= kMaxIntents; ++i) intents += std::string(i ? "," : "") + R"({"name": "i)" + std::to_string(i) + R"(", "examples": ["x"], "response": "fallback"})";
  CHECK(FirstError(R"({"responses": {"greeting": "Hi", "fallback": "?"}, "intents": [)" + intents + "]}") ==
        "/intents: at most 500 intents (got 501)");
  std::string many = R"({"name": "a", "response": "fallback", "examples": [)";
  for (size_t i = 0; i <= kMaxExamples; ++i) many += std::string(i ? "," : "") + "\"x\"";
  CHECK(FirstError(R"({"responses": {"greeting": "Hi", "fallback": "?"}, "intents": [)" + many + "]}]}") ==
        "/intents: at most 50000 examples in all (got 50001): the model trains in the visitor's browser");
}

TEST_CASE("crisis resources: countries are ISO 3166-1 alpha-2 codes, and each country gets its own lines") {
  CHECK(FirstError(R"({"responses": {"greeting": "Hi", "fallback": "?"}, "intents": [],
    "handoff": {"crisis_resources": [{"name": "Samaritans", "phone": "116 123", "countries": ["GB", "UK"]}]}})") ==
        "/handoff/crisis_resources/0/countries/1: \"UK\" is not an ISO 3166-1 alpha-2 country code (upper case, e.g. \"US\", \"GB\", \"ES\")");
  CHECK(FirstError(R"({"responses": {"greeting": "Hi", "fallback": "?"}, "intents": [],
    "handoff": {"crisis_resources": [{"name": "x", "phone": "1", "countries": []}]}})") ==
        "/handoff/crisis_resources/0/countries: expected at least one string");
  CHECK(IsCountryCode("ES"));
  CHECK(IsCountryCode("GB"));
  CHECK_FALSE(IsCountryCode("UK"));
  CHECK_FALSE(IsCountryCode("es"));
  CHECK_FALSE(IsCountryCode("EU"));
  CHECK_FALSE(IsCountryCode("ESP"));

  // The shipped packs: every listed country has a line of its own and an
  // emergency number, and the fallback is 112 and findahelpline.com; most
  // have a line for violence at home.
  for (const std::string& name : testing::ShippedPacks()) {
    CAPTURE(name);
    // The clinic adds Spain's 061 (medical emergencies) and Portugal's SNS 24 health line.
    const bool clinic = name.rfind("healthcare.", 0) == 0;
    Pack p;
    REQUIRE(LoadPack(testing::PackFile(name), &p).ok());
    auto phones = [&](const char* country, std::vector<std::string> kinds = {}) {
      std::vector<std::string> out;
      for (const CrisisResource& r : CrisisResourcesFor(p.handoff.crisis_resources, country, kinds)) out.push_back(r.phone.empty() ? r.url : r.phone);
      return out;
    };
    using V = std::vector<std::string>;
    CHECK(phones("US") == V{"911", "988", "1-800-799-7233"});
    CHECK(phones("ca") == V{"911", "988"});
    CHECK(phones("GB") == V{"999", "116 123", "0808 2000 247"});
    CHECK(phones("IE") == V{"999", "116 123", "1800 341 900"});
    CHECK(phones("ES") == (clinic ? V{"112", "061", "024", "717 003 717", "016"} : V{"112", "024", "717 003 717", "016"}));
    CHECK(phones("MX") == V{"911", "800 911 2000"});
    CHECK(phones("AR") == V{"911", "135", "+54 11 5275-1135", "144"});
    CHECK(phones("FR") == V{"112", "3114", "3919"});
    CHECK(phones("DE") == V{"112", "0800 111 0 111", "116 016"});
    CHECK(phones("AT") == V{"112", "142", "0800 222 555"});
    CHECK(phones("CH") == V{"112", "143"});
    CHECK(phones("PT") == (clinic ? V{"112", "213 544 545", "808 24 24 24", "800 202 148"} : V{"112", "213 544 545", "800 202 148"}));
    CHECK(phones("BR") == V{"192", "190", "188", "180"});
    CHECK(phones("IT") == V{"112", "02 2327 2327", "1522"});
    CHECK(phones("JP") == V{"112", "https://findahelpline.com"});  // no line of its own: the fallback
    CHECK(phones("") == V{"112", "https://findahelpline.com"});
    CHECK(phones("Spain") == V{"112", "https://findahelpline.com"});
    // A medical emergency is not shown suicide lines, nor violence a health line.
    CHECK(phones("US", {"medical_emergency"}) == V{"911"});
    CHECK(phones("US", {"self_harm"}) == V{"911", "988"});
    CHECK(phones("ES", {"medical_emergency"}) == (clinic ? V{"112", "061"} : V{"112"}));
    CHECK(phones("PT", {"self_harm"}) == (clinic ? V{"112", "213 544 545", "808 24 24 24"} : V{"112", "213 544 545"}));
    CHECK(phones("BR", {"violence"}) == V{"190", "180"});
    CHECK(phones("ES", {"violence"}) == V{"112", "016"});
    CHECK(phones("US", {"violence"}) == V{"911", "1-800-799-7233"});
    CHECK(phones("BR", {"medical_emergency"}) == V{"192"});
    CHECK(phones("BR", {"violence", "self_harm"}) == V{"192", "190", "188", "180"});
    CHECK(phones("BR", {"self_harm"}) == V{"192", "188"});
    CHECK(phones("", {"medical_emergency"}) == V{"112"});
    CHECK(phones("", {"self_harm"}) == V{"112", "https://findahelpline.com"});
  }
  // No line fits the kind: the country's lines, never an empty card.
  const std::vector<CrisisResource> suicide_only = {{"988 Lifeline", "988", "", {"US"}, {"self_harm"}}};
  CHECK(CrisisResourcesFor(suicide_only, "US", {"violence"}).size() == 1);
  CHECK(FirstError(R"({"responses": {"greeting": "Hi", "fallback": "?"}, "intents": [],
    "handoff": {"crisis_resources": [{"name": "x", "phone": "1", "kinds": ["suicide"]}]}})") ==
        "/handoff/crisis_resources/0/kinds/0: \"suicide\" is not a crisis kind (\"self_harm\", \"medical_emergency\" or \"violence\")");
  // Every line country-specific and the country unknown: all of them, never an empty card.
  const std::vector<CrisisResource> specific = {{"988 Lifeline", "988", "", {"US"}}, {"Samaritans", "116 123", "", {"GB", "IE"}}};
  CHECK(CrisisResourcesFor(specific, "JP").size() == 2);
  CHECK(CrisisResourcesFor(specific, "IE").size() == 1);
}

TEST_CASE("handoff teams and routing: parsed, and every mistake is a precise error") {
  Pack p;
  REQUIRE(LoadPack(R"({"responses": {"greeting": "Hi", "fallback": "?", "refund": "ok"},
    "intents": [{"name": "refund", "examples": ["refund"]}],
    "handoff": {"teams": [{"id": "care", "label": "Patient care"}, {"id": "billing", "label": "Billing"}],
                "routing": [{"when": {"reason": "crisis"}, "team": "care"}, {"when": {"intent": "refund"}, "team": "billing"}]}})", &p).ok());
  REQUIRE(p.handoff.teams.size() == 2);
  CHECK(p.handoff.teams[0].label == "Patient care");
  REQUIRE(p.handoff.routing.size() == 2);
  CHECK(p.handoff.routing[1].intent == "refund");
  CHECK(p.handoff.routing[1].team == "billing");

  const std::string head = R"({"responses": {"greeting": "Hi", "fallback": "?", "refund": "ok"}, "intents": [{"name": "refund", "examples": ["refund"]}], "handoff": )";
  CHECK(FirstError(head + R"({"teams": [{"id": "care", "label": "Care"}], "routing": [{"when": {"reason": "crisis"}, "team": "cares"}]}})") ==
        "/handoff/routing/0/team: no team \"cares\" in /handoff/teams (known: default, care)");
  CHECK(FirstError(head + R"({"routing": [{"when": {"reason": "sadness"}, "team": "default"}]}})") ==
        "/handoff/routing/0/when/reason: unknown reason \"sadness\" (known: anger, crisis, fallback, frustration, hardship, human_request, negative_trend, profanity, repetition, urgency)");
  CHECK(FirstError(head + R"({"routing": [{"when": {"intent": "refnd"}, "team": "default"}]}})") ==
        "/handoff/routing/0/when/intent: no intent named \"refnd\" in /intents");
  CHECK(FirstError(head + R"({"routing": [{"when": {}, "team": "default"}]}})") ==
        "/handoff/routing/0/when: expected \"reason\" (a cue such as \"crisis\") and/or \"intent\"");
  CHECK(FirstError(head + R"({"teams": [{"id": "a b", "label": "x"}]}})") ==
        "/handoff/teams/0/id: expected a team id of 1-64 letters, digits, \".\", \"_\" or \"-\" (the relay's team names)");
  CHECK(FirstError(head + R"({"teams": [{"id": "a", "label": "x"}, {"id": "a", "label": "y"}]}})") ==
        "/handoff/teams/1/id: team \"a\" is listed twice");
  CHECK(FirstError(head + R"({"teams": [{"id": "a"}]}})") ==
        "/handoff/teams/0/label: missing required string (what a visitor choosing a team sees)");
}

TEST_CASE("HandoffPolicyToJson gives a handoff block that loads to the same policy") {
  // attune tune reads the policy in effect (defaults included) through this,
  // and writes a proposed pack from it: both directions must agree.
  Pack p;
  REQUIRE(LoadPack(R"({"responses": {"greeting": "Hi", "fallback": "Sorry?"},
    "intents": [{"name": "hello", "examples": ["hello there"], "response": "greeting"}],
    "handoff": {"threshold": 0.7, "fallbacks_before_offer": 3, "weights": {"anger": 0.8}}})", &p).ok());
  const nlohmann::json j = nlohmann::json::parse(HandoffPolicyToJson(p.handoff.policy));
  CHECK(j["threshold"] == 0.7);
  CHECK(j["fallbacks_before_offer"] == 3);
  CHECK(j["weights"]["anger"] == 0.8);
  CHECK(j["release"] == doctest::Approx(HandoffPolicy{}.release));  // a default, not set by the pack
  nlohmann::json pack = nlohmann::json::parse(kMinimal);
  pack["handoff"] = j;
  Pack again;
  REQUIRE(LoadPack(pack.dump(), &again).ok());
  const HandoffPolicy& a = p.handoff.policy;
  const HandoffPolicy& b = again.handoff.policy;
  CHECK(a.threshold == b.threshold);
  CHECK(a.release == b.release);
  CHECK(a.smoothing == b.smoothing);
  CHECK(a.fallbacks_before_offer == b.fallbacks_before_offer);
  CHECK(a.valence_weight == b.valence_weight);
  CHECK(a.emotion_weight == b.emotion_weight);
  CHECK(a.trend_turns == b.trend_turns);
  CHECK(a.weights == b.weights);
}
