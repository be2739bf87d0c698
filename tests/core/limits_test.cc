#include <doctest/doctest.h>

#include <string>

#include <nlohmann/json.hpp>

#include "core/engine.h"
#include "core/limits.h"
#include "test_util.h"

using namespace attune;

namespace {
std::unique_ptr<Engine> DefaultEngine(int64_t* clock) {
  std::unique_ptr<Engine> e;
  const Status s = Engine::Create(testing::PackFile("ecommerce.en.json"), &e);
  REQUIRE_MESSAGE(s.ok(), s.ToString());
  e->SetClock([clock] { return *clock; });
  return e;
}
}  // namespace

TEST_CASE("the documented defaults") {
  const Limits l;
  CHECK(l.max_message_bytes == 8192);
  CHECK(l.max_messages_per_minute == 20);
  CHECK(l.max_transcript_messages == 200);
  CHECK(l.max_transcript_bytes == 128 * 1024);
}

TEST_CASE("MessageGate refuses a message one byte over the length limit") {
  MessageGate gate;
  CHECK(gate.Admit(std::string(kMaxMessageBytes, 'a'), 0).ok());
  const Status s = gate.Admit(std::string(kMaxMessageBytes + 1, 'a'), 1);
  CHECK(s.code() == "message_too_long");
  CHECK(s.message() == "messages are limited to 8192 bytes of UTF-8; this one has 8193");
}

TEST_CASE("MessageGate allows 20 messages in any rolling minute") {
  MessageGate gate;
  for (int i = 0; i < 20; ++i) REQUIRE(gate.Admit("hi", 1000 + i * 100).ok());  // t = 1000 .. 2900
  const Status s = gate.Admit("hi", 3000);
  CHECK(s.code() == "rate_limited");
  CHECK(s.message() == "at most 20 messages a minute; try again in 58 s");
  CHECK(gate.RetryAfterMs(3000) == 58000);  // the first admission (t=1000) leaves at 61000
  CHECK(gate.Admit("hi", 60999).code() == "rate_limited");
  CHECK(gate.Admit("hi", 61000).ok());
  CHECK(gate.Admit("hi", 61001).code() == "rate_limited");
}

TEST_CASE("MessageGate forgets admissions when the clock goes backwards") {
  MessageGate gate;
  for (int i = 0; i < 20; ++i) REQUIRE(gate.Admit("hi", 100000).ok());
  CHECK(gate.Admit("hi", 100001).code() == "rate_limited");
  CHECK(gate.Admit("hi", 5000).ok());
}

TEST_CASE("a rate limit of 0 turns rate limiting off") {
  Limits l;
  l.max_messages_per_minute = 0;
  MessageGate gate(l);
  for (int i = 0; i < 1000; ++i) REQUIRE(gate.Admit("hi", 0).ok());
  CHECK(gate.RetryAfterMs(0) == 0);
}

TEST_CASE("Transcript drops the oldest entries past either limit") {
  Limits l;
  l.max_transcript_messages = 3;
  Transcript t(l);
  for (int i = 1; i <= 5; ++i) t.Append("visitor", "m" + std::to_string(i), i);
  REQUIRE(t.entries().size() == 3);
  CHECK(t.entries().front().text == "m3");
  CHECK(t.dropped() == 2);
  CHECK(t.bytes() == 6);

  l.max_transcript_messages = 100;
  l.max_transcript_bytes = 1024;
  l.max_message_bytes = 600;
  Transcript b(l);
  b.Append("visitor", std::string(500, 'a'), 1);
  b.Append("bot", std::string(500, 'b'), 1);
  b.Append("visitor", std::string(900, 'c'), 2);  // cut to 600
  REQUIRE(b.entries().size() == 1);
  CHECK(b.entries()[0].text == std::string(600, 'c'));
  CHECK(b.bytes() == 600);
  CHECK(b.dropped() == 2);
}

TEST_CASE("Transcript cuts at a code point boundary and repairs UTF-8") {
  Limits l;
  l.max_message_bytes = 5;
  Transcript t(l);
  t.Append("visitor", "ab\xE2\x82\xAC\xE2\x82\xAC", 1);  // "ab€€": 8 bytes, a cut at 5 would split the second €
  CHECK(t.entries()[0].text == "ab\xE2\x82\xAC");
  t.Append("visitor", "\xff", 2);
  CHECK(t.entries()[1].text == "\xEF\xBF\xBD");
}

TEST_CASE("Transcript::ToJson redacts what an agent would see") {
  Transcript t;
  t.Append("visitor", "my card is 4111 1111 1111 1111, mail jo@ex.io", 1);
  t.Append("bot", "Thanks!", 1);
  const auto j = nlohmann::json::parse(t.ToJson(true));
  CHECK(j["entries"][0]["text"] == "my card is [card], mail [email]");
  CHECK(j["entries"][0]["redacted"] == nlohmann::json::array({"card", "email"}));
  CHECK(j["entries"][1]["redacted"].empty());
  CHECK(j["dropped"] == 0);
  CHECK(nlohmann::json::parse(t.ToJson(false))["entries"][0]["text"] == "my card is 4111 1111 1111 1111, mail jo@ex.io");
}

TEST_CASE("LimitsFromJson reads fields and names what is wrong") {
  Limits l;
  REQUIRE(LimitsFromJson(R"({"max_messages_per_minute": 30, "max_message_bytes": 2000})", &l).ok());
  CHECK(l.max_messages_per_minute == 30);
  CHECK(l.max_message_bytes == 2000);
  CHECK(l.max_transcript_messages == 200);
  CHECK(LimitsFromJson("[]", &l).message() == "limits: expected a JSON object");
  CHECK(LimitsFromJson("{", &l).code() == "invalid_argument");
  CHECK(LimitsFromJson(R"({"max_messages": 3})", &l).message() == "limits: unknown field \"max_messages\"");
  CHECK(LimitsFromJson(R"({"max_message_bytes": 0})", &l).message() == "limits: max_message_bytes must be in 1..65536");
  CHECK(LimitsFromJson(R"({"max_message_bytes": 1e9})", &l).message() ==
        "limits: max_message_bytes must be an integer in 1..65536");
  CHECK(LimitsFromJson(R"({"max_transcript_bytes": 18446744073709551615})", &l).message() ==
        "limits: max_transcript_bytes must be in 1024..4194304");
  CHECK(LimitsFromJson(R"({"max_messages_per_minute": "20"})", &l).code() == "invalid_argument");
  CHECK(l.max_message_bytes == 2000);  // unchanged by the failures
  Limits round;
  REQUIRE(LimitsFromJson(LimitsToJson(l), &round).ok());
  CHECK(LimitsToJson(round) == LimitsToJson(l));
}

TEST_CASE("Engine cuts an over-long message, answers it and says so") {
  int64_t now = 0;
  auto e = DefaultEngine(&now);
  CHECK(e->Respond("where is my order").turn == 1);
  // 8191 ASCII bytes then a 3-byte "€": the cut falls before the € (never inside it).
  const std::string text = std::string(kMaxMessageBytes - 1, 'x') + "\xE2\x82\xAC" + std::string(1000, 'y');
  const TurnResult r = e->Respond(text);
  CHECK(r.limit.code() == "message_too_long");
  CHECK(r.limit.message() == "the message was cut to its first 8191 of 9194 bytes");
  CHECK(r.turn == 2);
  CHECK(!r.reply.empty());
  CHECK(nlohmann::json::parse(TurnResultToJson(r))["limit"]["code"] == "message_too_long");
  CHECK(e->transcript().entries()[2].text == std::string(kMaxMessageBytes - 1, 'x'));
  CHECK(nlohmann::json::parse(TurnResultToJson(e->Respond("thanks")))["limit"].is_null());
}

TEST_CASE("Engine rate-limits the 21st message in a minute, and Reset does not bypass it") {
  int64_t now = 0;
  auto e = DefaultEngine(&now);
  for (int i = 0; i < 20; ++i) {
    now += 1000;
    REQUIRE(e->Respond("hello").limit.ok());
  }
  now += 1000;  // t = 21 s
  e->Reset();
  const TurnResult r = e->Respond("hello?");
  CHECK(r.limit.code() == "rate_limited");
  CHECK(r.retry_after_ms == 40000);  // the first message (t = 1 s) leaves the window at 61 s
  CHECK(nlohmann::json::parse(TurnResultToJson(r))["limit"]["retry_after_ms"] == 40000);
  now += 40000;
  CHECK(e->Respond("hello?").limit.ok());
}

TEST_CASE("Engine keeps the transcript bounded over many turns") {
  int64_t now = 0;
  auto e = DefaultEngine(&now);
  Limits l;
  l.max_messages_per_minute = 0;
  e->SetLimits(l);
  e->Greet();
  for (int i = 0; i < 500; ++i) e->Respond("where is my order number " + std::to_string(i));
  CHECK(e->transcript().entries().size() == kMaxTranscriptMessages);
  CHECK(e->transcript().entries().back().role == "bot");
  CHECK(e->transcript().entries().back().turn == 500);
  CHECK(e->transcript().dropped() == 1 + 2 * 500 - kMaxTranscriptMessages);
}
