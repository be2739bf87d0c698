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
  CHECK(l.max_messages_per_minute == 30);
  CHECK(l.burst_messages == 20);
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

TEST_CASE("MessageGate: a burst of 20 at once, then one message every 2 s") {
  MessageGate gate;
  CHECK(gate.Tokens(1000) == 20);
  for (int i = 0; i < 20; ++i) REQUIRE(gate.Admit("hi", 1000).ok());
  CHECK(gate.Tokens(1000) == 0);
  const Status s = gate.Admit("hi", 1000);
  CHECK(s.code() == "rate_limited");
  CHECK(s.message() == "at most 30 messages a minute after a burst of 20; try again in 2 s");
  CHECK(gate.RetryAfterMs(1000) == 2000);  // 30 a minute: one token every 2000 ms
  CHECK(gate.RetryAfterMs(2500) == 500);
  CHECK(gate.Admit("hi", 2999).code() == "rate_limited");
  CHECK(gate.Admit("hi", 3000).ok());
  CHECK(gate.Admit("hi", 3001).code() == "rate_limited");
  CHECK(gate.RetryAfterMs(3001) == 1999);
}

TEST_CASE("MessageGate: a refused message takes no token, so waiting the time it names is enough") {
  MessageGate gate;
  for (int i = 0; i < 20; ++i) REQUIRE(gate.Admit("hi", 0).ok());
  // A script retrying every 10 ms does not push its own wait further out.
  for (int t = 0; t < 2000; t += 10) REQUIRE(gate.Admit("hi", t).code() == "rate_limited");
  CHECK(gate.Admit("hi", 2000).ok());
}

TEST_CASE("MessageGate never refuses a fast typist who pauses") {
  // Bursts of 8 messages 1.5 s apart (faster than anyone types and reads the
  // replies), then a 20 s pause to read, for ten minutes: nothing refused.
  MessageGate gate;
  int64_t t = 0;
  int sent = 0;
  while (t < 10 * 60 * 1000) {
    for (int i = 0; i < 8; ++i, t += 1500, ++sent) REQUIRE_MESSAGE(gate.Admit("hi", t).ok(), "at ", t, " ms");
    t += 20000;
  }
  CHECK(sent > 140);
}

TEST_CASE("MessageGate holds a script sending 300 a minute to the refill rate") {
  MessageGate gate;
  int admitted = 0;
  for (int64_t t = 0; t < 60 * 1000; t += 200) admitted += gate.Admit("spam", t).ok();
  // The first 20 from the full bucket, then one per 2 s of the minute.
  CHECK(admitted >= 20 + 29);
  CHECK(admitted <= 20 + 30);
  int later = 0;
  for (int64_t t = 60 * 1000; t < 120 * 1000; t += 200) later += gate.Admit("spam", t).ok();
  CHECK(later == 30);
}

TEST_CASE("MessageGate refills to the burst capacity, no further") {
  MessageGate gate;
  for (int i = 0; i < 20; ++i) REQUIRE(gate.Admit("hi", 0).ok());
  CHECK(gate.Tokens(10000) == 5);
  CHECK(gate.Tokens(10 * 60 * 1000) == 20);  // ten minutes idle: full, not 300
  Limits l;
  l.burst_messages = 3;
  gate.set_limits(l);
  CHECK(gate.Tokens(10 * 60 * 1000) == 3);
  for (int i = 0; i < 3; ++i) REQUIRE(gate.Admit("hi", 10 * 60 * 1000).ok());
  CHECK(gate.Admit("hi", 10 * 60 * 1000).code() == "rate_limited");
}

TEST_CASE("MessageGate is full again when the clock goes backwards") {
  MessageGate gate;
  for (int i = 0; i < 20; ++i) REQUIRE(gate.Admit("hi", 100000).ok());
  CHECK(gate.Admit("hi", 100001).code() == "rate_limited");
  CHECK(gate.Admit("hi", 5000).ok());
  CHECK(gate.Tokens(5000) == 19);
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
  CHECK(LimitsFromJson(R"({"burst_messages": 0})", &l).message() == "limits: burst_messages must be in 1..600");
  REQUIRE(LimitsFromJson(R"({"burst_messages": 5})", &l).ok());
  CHECK(l.burst_messages == 5);
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

TEST_CASE("Engine refuses a message when the bucket is empty, and Reset does not refill it") {
  int64_t now = 0;
  auto e = DefaultEngine(&now);
  for (int i = 0; i < 20; ++i) REQUIRE(e->Respond("hello").limit.ok());  // all at t = 0
  CHECK(e->Respond("hello").limit.code() == "rate_limited");
  now = 2000;  // one token refilled (one every 2 s); take it
  REQUIRE(e->Respond("hello").limit.ok());
  now += 100;  // t = 2.1 s
  e->Reset();
  const TurnResult r = e->Respond("hello?");
  CHECK(r.limit.code() == "rate_limited");
  CHECK(r.reply.empty());
  CHECK(r.turn == 0);  // Reset: the refused message took no turn
  CHECK(r.retry_after_ms == 1900);  // the next token at t = 4 s
  CHECK(nlohmann::json::parse(TurnResultToJson(r))["limit"]["retry_after_ms"] == 1900);
  now += 1900;
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
