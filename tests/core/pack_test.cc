#include <doctest/doctest.h>

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
  CHECK(p.handoff.policy.threshold == doctest::Approx(0.65));
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
