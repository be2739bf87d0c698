// Engine::SaveState / RestoreState: a conversation continues in another
// engine exactly as it would have in the first, and nothing but a state of
// the same pack is ever taken.
#include <doctest/doctest.h>

#include <random>

#include <nlohmann/json.hpp>

#include "core/engine.h"
#include "test_util.h"

using namespace attune;
using json = nlohmann::json;

namespace {
std::unique_ptr<Engine> Make(const std::string& pack) {
  std::unique_ptr<Engine> e;
  const Status s = Engine::Create(testing::PackFile(pack), &e);
  REQUIRE_MESSAGE(s.ok(), s.ToString());
  e->SetClock([] { return int64_t{0}; });
  Limits no_rate;
  no_rate.max_messages_per_minute = 0;
  e->SetLimits(no_rate);
  return e;
}
}  // namespace

TEST_CASE("a restored engine continues the conversation exactly where it was") {
  auto a = Make("ecommerce.en.json");
  a->Greet();
  a->SetVariable("name", "Ana");
  CHECK(a->Respond("where is my order? it's late").flow.status == "started");
  auto b = Make("ecommerce.en.json");
  const std::string saved = a->SaveState();
  REQUIRE(b->RestoreState(saved).ok());
  CHECK(b->SaveState() == saved);
  // Both now hear the same messages and must say the same things.
  for (const char* msg : {"how much is express delivery?", "12345678", "thanks", "blorp", "zzzz qqq", "yes"}) {
    const TurnResult ra = a->Respond(msg);
    const TurnResult rb = b->Respond(msg);
    CAPTURE(msg);
    CHECK(rb.reply == ra.reply);
    CHECK(rb.turn == ra.turn);
    CHECK(rb.intent == ra.intent);
    CHECK(rb.flow.status == ra.flow.status);
    CHECK(rb.decision.handoff == ra.decision.handoff);
    CHECK(rb.decision.score == doctest::Approx(ra.decision.score));
  }
  CHECK(b->transcript().ToJson(false) == a->transcript().ToJson(false));
  CHECK(b->SaveState() == a->SaveState());
}

TEST_CASE("the flow's slots, a decline's suppression and the turn number survive a restore") {
  auto a = Make("ecommerce.en.json");
  a->Respond("track my order");
  a->Respond("what are your delivery options?");  // pauses the flow, answers, asks again
  a->HandoffDeclined();
  const json state = json::parse(a->SaveState());
  CHECK(state["turn"] == 2);
  CHECK(state["flow"]["name"] == "track_order");
  CHECK(state["conversation"]["suppress_turns_left"] == Conversation::kSuppressTurns);
  CHECK(state["language"] == "en");
  auto b = Make("ecommerce.en.json");
  REQUIRE(b->RestoreState(a->SaveState()).ok());
  const TurnResult r = b->Respond("AB-123456");
  CHECK(r.turn == 3);
  CHECK(r.flow.status == "completed");
  CHECK(r.reply.find("AB-123456") != std::string::npos);
  // The decline's suppression came along and counts down from where it was.
  CHECK(json::parse(b->SaveState())["conversation"]["suppress_turns_left"] == Conversation::kSuppressTurns - 1);
}

TEST_CASE("the labels kept from the last answer on a topic survive a restore; a foreign one is refused") {
  auto a = Make("ecommerce.en.json");
  a->Respond("where is my order?");
  REQUIRE(a->Respond("12345678").response == "order_status");
  a->Respond("so it wont come in time?");
  json state = json::parse(a->SaveState());
  CHECK(state["topic_offer"]["topic"] == "track_order");
  auto b = Make("ecommerce.en.json");
  REQUIRE(b->RestoreState(state.dump()).ok());
  CHECK(b->Respond("it still hasnt moved since monday").context == "label_words");
  // States saved before it existed are taken; a topic the pack lacks is not.
  state.erase("topic_offer");
  CHECK(Make("ecommerce.en.json")->RestoreState(state.dump()).ok());
  state = json::parse(a->SaveState());
  state["topic_offer"]["topic"] = "teleport_order";
  const Status s = Make("ecommerce.en.json")->RestoreState(state.dump());
  CHECK(s.code() == "invalid_argument");
  CHECK(s.message().find("/topic_offer/topic") != std::string::npos);
}

TEST_CASE("a state from another pack, another language or a changed pack is refused, engine unchanged") {
  auto shop = Make("ecommerce.en.json");
  shop->Respond("where is my order");
  const std::string shop_state = shop->SaveState();

  auto clinic = Make("healthcare.en.json");
  clinic->Respond("I'd like to book an appointment");
  const std::string before = clinic->SaveState();
  Status s = clinic->RestoreState(shop_state);
  CHECK(s.code() == "invalid_argument");
  CHECK(s.message().find("ecommerce") != std::string::npos);
  CHECK(clinic->SaveState() == before);

  auto shop_es = Make("ecommerce.es.json");
  CHECK(shop_es->RestoreState(shop_state).code() == "invalid_argument");

  json changed = json::parse(shop_state);
  changed["pack"]["fingerprint"] = "00000000";
  s = shop->RestoreState(changed.dump());
  CHECK(s.code() == "invalid_argument");
  CHECK(s.message().find("changed") != std::string::npos);

  json lang = json::parse(shop_state);
  lang["language"] = "fr";
  CHECK(shop->RestoreState(lang.dump()).code() == "invalid_argument");
  CHECK(shop->SaveState() == shop_state);
}

TEST_CASE("a flow finished in one message, and states saved by earlier builds, are taken") {
  auto a = Make("ecommerce.en.json");
  // The order number given with the question: the flow starts and completes
  // at once. Its trigger was kept after it ended, and the state refused.
  CHECK(a->Respond("where is my order 48213").flow.status == "completed");
  json state = json::parse(a->SaveState());
  CHECK(state["flow"]["trigger"] == "");
  auto b = Make("ecommerce.en.json");
  Status s = b->RestoreState(state.dump());
  CHECK_MESSAGE(s.ok(), s.ToString());
  // An earlier build's state: a lone trigger.
  state["flow"]["trigger"] = "track_order";
  s = b->RestoreState(state.dump());
  CHECK_MESSAGE(s.ok(), s.ToString());
}

TEST_CASE("malformed, foreign and oversized states are refused with invalid_argument") {
  auto e = Make("ecommerce.en.json");
  e->Respond("where is my order");
  const std::string good = e->SaveState();
  const std::vector<std::string> bad = {
      "", "null", "[]", "{}", "42", "\"attune_state\"", "{\"attune_state\": 2}", "{\"attune_state\": \"1\"}",
      good.substr(0, good.size() / 2), std::string(100000, '['), std::string(e->MaxStateBytes() + 1, ' '),
      "{\"attune_state\":1,\"pack\":{\"id\":\"ecommerce-en\",\"version\":1,\"fingerprint\":\"x\"}}"};
  for (const std::string& b : bad) {
    CAPTURE(b.substr(0, 80));
    const Status s = e->RestoreState(b);
    CHECK(s.code() == "invalid_argument");
    CHECK(e->SaveState() == good);
  }
  // Each field out of range, in an otherwise valid state.
  const json base = json::parse(good);
  const std::vector<std::pair<json::json_pointer, json>> edits = {
      {json::json_pointer("/turn"), -1},
      {json::json_pointer("/turn"), 1.5},
      {json::json_pointer("/flow/name"), "no_such_flow"},
      {json::json_pointer("/flow/step"), "no_such_step"},
      {json::json_pointer("/flow/attempts"), 99},
      {json::json_pointer("/conversation/distress"), 2.0},
      {json::json_pointer("/conversation/suppress_turns_left"), 1000},
      {json::json_pointer("/conversation/recent_words"), json::array({json::array({"zz"})})},
      {json::json_pointer("/responder/last/track_order~1neutral"), 40},
      {json::json_pointer("/pending/response"), "no_such_response"},
      {json::json_pointer("/pending/quick_replies"), json::array({{{"text", "x"}, {"intent", "nope"}}})},
      {json::json_pointer("/transcript/entries"), json::array({{{"role", "agent"}, {"text", "hi"}, {"turn", 1}}})},
      {json::json_pointer("/country"), "XX"},
      {json::json_pointer("/surprise"), true},
  };
  for (const auto& edit : edits) {
    json j = base;
    j[edit.first] = edit.second;
    const std::string where = edit.first.to_string();
    CAPTURE(where);
    CHECK(e->RestoreState(j.dump()).code() == "invalid_argument");
    CHECK(e->SaveState() == good);
  }
}

TEST_CASE("a transcript saved under wider limits is trimmed to this engine's, not refused") {
  auto a = Make("ecommerce.en.json");
  for (int i = 0; i < 6; ++i) a->Respond("how long does shipping take " + std::to_string(i));
  auto b = Make("ecommerce.en.json");
  Limits small;
  small.max_messages_per_minute = 0;
  small.max_transcript_messages = 4;
  b->SetLimits(small);
  REQUIRE(b->RestoreState(a->SaveState()).ok());
  CHECK(b->transcript().entries().size() == 4);
  CHECK(b->transcript().dropped() == 8);
  CHECK(b->transcript().entries().back().turn == 6);
}

TEST_CASE("RestoreState never aborts on garbage: random mutations of a real state") {
  auto e = Make("healthcare.en.json");
  e->Respond("I need to book an appointment");
  e->Respond("I feel awful and nobody answers the phone");
  e->Respond("tomorrow");
  const std::string good = e->SaveState();
  std::mt19937 rng(20261202);
  const std::string alphabet = "{}[]\",:0123456789.-eEtrufalsn \\/u\xc3\xa9\xff";
  int accepted = 0;
  auto fresh = Make("healthcare.en.json");
  for (int i = 0; i < 2000; ++i) {
    std::string m = good;
    const int edits = 1 + static_cast<int>(rng() % 8);
    for (int k = 0; k < edits && !m.empty(); ++k) {
      const size_t at = rng() % m.size();
      switch (rng() % 4) {
        case 0: m[at] = alphabet[rng() % alphabet.size()]; break;
        case 1: m.erase(at, 1 + rng() % 20); break;
        case 2: m.insert(at, 1, alphabet[rng() % alphabet.size()]); break;
        default: m.insert(at, m.substr(rng() % m.size(), rng() % 64)); break;
      }
    }
    REQUIRE(fresh->RestoreState(good).ok());
    const std::string& before = good;
    const Status s = fresh->RestoreState(m);
    if (s.ok()) {
      ++accepted;
      // Whatever was accepted is a conversation the engine can carry on.
      const TurnResult r = fresh->Respond("what are your opening hours?");
      CHECK(!r.reply.empty());
      CHECK(fresh->RestoreState(fresh->SaveState()).ok());
    } else {
      CHECK(s.code() == "invalid_argument");
      CHECK(fresh->SaveState() == before);
    }
  }
  // Mutations inside text keep the state valid: some must get through.
  CHECK(accepted > 0);
  CHECK(accepted < 2000);
}
