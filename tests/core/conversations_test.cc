// Golden conversations (tests/data/conversations/*.json) replayed through the
// core. The same files are replayed through the wasm from Node
// (tests/js/conversations.test.mjs) and through the widget in Chromium.
#include <doctest/doctest.h>

#include <nlohmann/json.hpp>

#include "core/engine.h"
#include "test_util.h"

using namespace attune;
using json = nlohmann::json;

namespace {

bool DistressTone(const std::string& t) {
  for (const std::string& d : DistressTones())
    if (d == t) return true;
  return false;
}

void Replay(const std::string& file) {
  const json convo = json::parse(testing::DataFile("conversations/" + file));
  std::unique_ptr<Engine> engine;
  const Status s = Engine::Create(testing::PackFile(convo["pack"].get<std::string>()), &engine);
  REQUIRE_MESSAGE(s.ok(), file << ": " << s.ToString());
  CHECK(!engine->Greet().reply.empty());
  json previous;
  int n = 0;
  for (const json& turn : convo["turns"]) {
    ++n;
    const std::string visitor = turn["visitor"].get<std::string>();
    const json got = json::parse(TurnResultToJson(engine->Respond(visitor)));
    const json& want = turn["expect"];
    INFO(file << " turn " << n << " \"" << visitor << "\" -> " << got.dump());
    for (const char* key : {"intent", "response"})
      if (want.contains(key)) CHECK(got[key] == want[key]);
    if (want.contains("handoff")) CHECK(got["handoff"] == want["handoff"]);
    if (want.contains("flow")) {
      if (want["flow"].is_null()) CHECK(got["flow"].is_null());
      else CHECK((got["flow"].is_object() && got["flow"]["status"] == want["flow"]));
    }
    if (want.contains("reply_contains"))
      CHECK(got["reply"].get<std::string>().find(want["reply_contains"].get<std::string>()) != std::string::npos);
    if (want.contains("acknowledges")) {
      const bool ack = !got["acknowledgement"].get<std::string>().empty() || DistressTone(got["variant_tone"].get<std::string>());
      CHECK(ack == want["acknowledges"].get<bool>());
    }
    if (want.contains("crisis_resources")) CHECK(got["crisis_resources"].empty() != want["crisis_resources"].get<bool>());
    if (want.contains("entities"))
      for (const json& e : want["entities"]) {
        bool found = false;
        for (const json& g : got["entities"]) found |= g["type"] == e["type"] && g["value"] == e["value"];
        CHECK_MESSAGE(found, "missing entity " << e.dump());
      }
    // Never the same variant twice in a row when the response has others.
    if (!previous.is_null() && previous["response"] == got["response"] && previous["variant_tone"] == got["variant_tone"]) {
      const Response& r = engine->pack().responses.at(got["response"].get<std::string>());
      if (r.variants.at(got["variant_tone"].get<std::string>()).size() > 1) CHECK(previous["variant"] != got["variant"]);
    }
    previous = got;
  }
}

}  // namespace

TEST_CASE("golden conversations replay through the core") {
  const json index = json::parse(testing::DataFile("conversations/index.json"));
  REQUIRE(index.size() >= 8);
  for (const json& f : index) {
    SUBCASE(f.get<std::string>().c_str()) { Replay(f.get<std::string>()); }
  }
}
