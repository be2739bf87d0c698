// Fuzz target: the template-pack loader and validator (LoadPack through
// Engine::Create) and, when a fuzzed pack is accepted, its first turns, so a
// pack that validates can never make rendering or the recognizer misbehave.
// Invariants: a failure is a Status with a code and never leaves an engine;
// every turn serialises to JSON that parses back.
#include <memory>

#include <nlohmann/json.hpp>

#include "core/engine.h"
#include "fuzz_util.h"

using namespace attune;

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  std::unique_ptr<Engine> engine;
  const Status s = Engine::Create(fuzz::AsText(data, size), &engine);
  if (!s.ok()) {
    ATTUNE_FUZZ_CHECK(engine == nullptr);
    ATTUNE_FUZZ_CHECK(s.code() == "invalid_json" || s.code() == "invalid_pack");
    ATTUNE_FUZZ_CHECK(!s.message().empty());
    return 0;
  }
  ATTUNE_FUZZ_CHECK(engine != nullptr);
  for (const char* msg : {"hello", "where is my order {{name}} ${x}", "I want to talk to a person NOW!!!"}) {
    const std::string j = TurnResultToJson(engine->Respond(msg));
    ATTUNE_FUZZ_CHECK(!nlohmann::json::parse(j, nullptr, false).is_discarded());
  }
  ATTUNE_FUZZ_CHECK(!nlohmann::json::parse(TurnResultToJson(engine->Greet()), nullptr, false).is_discarded());
  return 0;
}
