// Fuzz target: the template-pack loader and validator (LoadPack through
// Engine::Create, and CheckPack with the English tone rules, what `attune
// check` runs) and, when a fuzzed pack is accepted, its first turns, so a
// pack that validates can never make rendering or the recognizer misbehave.
// Invariants: a failure is a Status with a code and never leaves an engine;
// `attune check` reports an error exactly when the engine refuses the pack;
// every diagnostic is an error or a warning with a position inside the text,
// the same position LocatePointer gives;
// every turn serialises to JSON that parses back.
#include <algorithm>
#include <memory>
#include <string>

#include <nlohmann/json.hpp>

#include "core/engine.h"
#include "core/pack.h"
#include "core/tone_check.h"
#include "fuzz_util.h"

using namespace attune;

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  // The rules are parsed once: they are the repository's, not fuzzed.
  static const ToneRules tone_rules = [] {
    ToneRules r;
    ATTUNE_FUZZ_CHECK(ParseToneRules(fuzz::ReadFile(std::string(ATTUNE_PACKS) + "/tone-rules/en.json"), &r).ok());
    return r;
  }();
  const std::string_view text = fuzz::AsText(data, size);
  const std::vector<Diagnostic> diags = CheckPack(text, tone_rules);
  const size_t lines = 1 + static_cast<size_t>(std::count(text.begin(), text.end(), '\n'));
  bool check_error = false;
  size_t positioned = 0;
  for (const Diagnostic& d : diags) {
    ATTUNE_FUZZ_CHECK(d.severity == "error" || d.severity == "warning");
    ATTUNE_FUZZ_CHECK(!d.message.empty());
    ATTUNE_FUZZ_CHECK(d.line >= 0 && static_cast<size_t>(d.line) <= lines && d.column >= 0);
    check_error |= d.severity == "error";
    // CheckPack positions them all in one pass; the first few must be where
    // the one-at-a-time LocatePointer puts them (more would cost a scan each).
    if (d.message.rfind("invalid JSON", 0) != 0 && positioned++ < 16) {
      int line = 0, column = 0;
      LineColumn(text, LocatePointer(text, d.pointer), &line, &column);
      ATTUNE_FUZZ_CHECK(d.line == line && d.column == column);
    }
  }

  std::unique_ptr<Engine> engine;
  const Status s = Engine::Create(text, &engine);
  ATTUNE_FUZZ_CHECK(check_error == !s.ok());  // `attune check` and the engine agree
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
