#include <doctest/doctest.h>

#include "core/flows.h"
#include "core/text.h"

using namespace attune;

namespace {
const char* kPack = R"({"version": 1,
  "responses": {"greeting": "Hi", "fallback": "Sorry?", "offer_human": "A person?", "ask_day": "Which day?",
    "bad_day": "That is not a day.", "ask_phone": "Phone?", "hours": "9 to 5.", "booked": "Booked {day}, we'll call {phone}."},
  "intents": [{"name": "book", "examples": ["book"], "flow": "booking"}, {"name": "hours", "examples": ["hours"]}],
  "flows": {"booking": {"start": "day", "steps": {
    "day": {"ask": "ask_day", "slot": "day", "entity": "date", "retry": "bad_day", "next": "phone"},
    "phone": {"ask": "ask_phone", "slot": "phone", "entity": "phone", "done": "booked"}}}}})";

Pack Load() {
  Pack p;
  const Status s = LoadPack(kPack, &p);
  REQUIRE_MESSAGE(s.ok(), s.ToString());
  return p;
}
std::vector<Entity> E(const std::string& text) { return ExtractEntities(CleanForAnalysis(text)); }
}  // namespace

TEST_CASE("a flow asks each step in turn and completes with its slots") {
  const Pack p = Load();
  FlowRunner f;
  FlowTurn t = f.Start(p, "booking", E("book please"));
  CHECK(t.status == "started");
  CHECK(t.response == "ask_day");
  CHECK(f.active());
  t = f.Continue(p, E("tomorrow"), "none", 0.1, "offer_human");
  CHECK(t.status == "continued");
  CHECK(t.response == "ask_phone");
  t = f.Continue(p, E("555 010 0123"), "none", 0.1, "offer_human");
  CHECK(t.status == "completed");
  CHECK(t.response == "booked");
  CHECK(t.slots.at("day") == "tomorrow");
  CHECK(t.slots.at("phone") == "555 010 0123");
  CHECK(!f.active());
}

TEST_CASE("values given up front skip their steps") {
  const Pack p = Load();
  FlowRunner f;
  const FlowTurn t = f.Start(p, "booking", E("book friday, call 555 010 0123"));
  CHECK(t.status == "completed");
  CHECK(t.response == "booked");
}

TEST_CASE("invalid answers are retried, then the flow gives up and offers a person") {
  const Pack p = Load();
  FlowRunner f;
  f.Start(p, "booking", {});
  FlowTurn t = f.Continue(p, E("whenever"), "none", 0.1, "offer_human");
  CHECK(t.status == "retry");
  CHECK(t.response == "bad_day");
  t = f.Continue(p, E("dunno"), "none", 0.1, "offer_human");
  CHECK(t.status == "failed");
  CHECK(t.response == "offer_human");
  CHECK(!f.active());
}

TEST_CASE("the flow's own intent asked again with no value is asked the step again, no attempt counted") {
  const Pack p = Load();
  FlowRunner f;
  f.Start(p, "booking", {});
  for (int i = 0; i < 3; ++i) {
    const FlowTurn t = f.Continue(p, E("i want to book"), "book", 0.9, "offer_human", /*without_value=*/true);
    CHECK(t.status == "retry");
    CHECK(t.response == "ask_day");
  }
  // The tries are all still there for a value that fails.
  CHECK(f.Continue(p, E("whenever"), "none", 0.1, "offer_human").response == "bad_day");
  // With a digit in it, it is an answer that failed.
  CHECK(f.Continue(p, E("book 99"), "book", 0.9, "offer_human", false).status == "failed");
}

TEST_CASE("a confident other intent pauses the flow to be resumed; a hesitant one does not") {
  const Pack p = Load();
  FlowRunner f;
  f.Start(p, "booking", E("book for tomorrow"));
  CHECK(f.Continue(p, E("hmm hours?"), "hours", 0.3, "offer_human").status == "retry");
  FlowTurn t = f.Continue(p, E("what are your hours"), "hours", 0.9, "offer_human");
  CHECK(t.status == "paused");
  CHECK(t.response.empty());
  CHECK(!f.active());
  CHECK(f.paused());
  t = f.Resume(p);
  CHECK(t.status == "resumed");
  CHECK(t.step == "phone");
  CHECK(t.response == "ask_phone");  // no `resume` response: the step's question
  CHECK(f.active());
  CHECK(f.slots().at("day") == "tomorrow");
  // Left again and again: after kMaxFlowPauses the flow is dropped.
  for (int i = 1; i < kMaxFlowPauses; ++i) {
    CHECK(f.Continue(p, E("hours"), "hours", 0.9, "offer_human").status == "paused");
    f.Resume(p);
  }
  CHECK(f.Continue(p, E("hours"), "hours", 0.9, "offer_human").status == "abandoned");
  CHECK(!f.active());
  CHECK(!f.paused());
}

TEST_CASE("a value accepted once answers later steps wanting the same entity") {
  const Pack p = Load();
  FlowRunner f;
  f.Start(p, "booking", E("book friday, call 555 010 0123"));
  // A new booking: the day is asked again (the slot is kept, so it is reused too).
  const FlowTurn t = f.Start(p, "booking", {});
  CHECK(t.status == "completed");
  CHECK(t.slots.at("phone") == "555 010 0123");
}

TEST_CASE("Abandon keeps slots; Reset clears them") {
  const Pack p = Load();
  FlowRunner f;
  f.Start(p, "booking", E("tomorrow"));
  CHECK(f.Abandon().status == "abandoned");
  CHECK(f.slots().at("day") == "tomorrow");
  CHECK(f.Abandon().status.empty());
  f.Reset();
  CHECK(f.slots().empty());
}
