// Fuzz target: whole conversations through Engine::Respond, the path every
// visitor message takes (limits, cleaning, intents, entities, cues, flows,
// rendering, handoff, JSON). Slow by nature (a turn runs the whole engine;
// rendering alone is fuzz_render). The input is lines:
//   line 1        a template; when it starts with '!', the default pack with
//                 every response variant replaced by it is built and answers
//                 the turns too. That pack keeps only two examples per intent:
//                 building trains the intent model, and with the full set half
//                 of a grown corpus (which soon starts with '!') spent its time
//                 training;
//   lines 2..9    visitor turns on one engine built once from
//                 packs/ecommerce.en.json, with line 2 also set as the
//                 visitor's {name} (so every real template renders it).
// Invariants: every turn serialises to JSON that parses back with a valid
// UTF-8 string reply; turn numbers count up; only over-long messages are
// refused (the rate limit is lifted).
#include <memory>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "core/engine.h"
#include "fuzz_util.h"

using namespace attune;
using json = nlohmann::json;

namespace {

const std::string& DefaultPackText() {
  static const std::string text = fuzz::ReadFile(std::string(ATTUNE_PACKS) + "/ecommerce.en.json");
  return text;
}

Engine* SharedEngine() {
  static std::unique_ptr<Engine> engine = [] {
    std::unique_ptr<Engine> e;
    if (!Engine::Create(DefaultPackText(), &e).ok()) __builtin_trap();  // the fixture itself must load
    Limits no_rate;
    no_rate.max_messages_per_minute = 0;  // a fuzzer is a flood by design
    e->SetLimits(no_rate);
    return e;
  }();
  return engine.get();
}

// The default pack, trimmed to two examples per intent, with every response
// text replaced by `tmpl`.
std::string PackWithTemplate(const std::string& tmpl) {
  json pack = json::parse(DefaultPackText(), nullptr, false);
  if (!pack.is_object() || !pack.contains("responses") || !pack["responses"].is_object()) return DefaultPackText();
  for (auto& intent : pack["intents"])
    if (intent.is_object() && intent["examples"].is_array() && intent["examples"].size() > 2)
      intent["examples"].erase(intent["examples"].begin() + 2, intent["examples"].end());
  for (auto& [key, response] : pack["responses"].items()) {
    (void)key;
    if (!response.is_object()) continue;
    for (auto& [field, value] : response.items()) {
      if (value.is_array() && field != "quick_replies") {
        for (auto& v : value)
          if (v.is_string()) v = tmpl;
      } else if (value.is_object()) {  // tone -> variants
        for (auto& [tone, variants] : value.items()) {
          (void)tone;
          if (variants.is_array())
            for (auto& v : variants)
              if (v.is_string()) v = tmpl;
        }
      }
    }
  }
  return pack.dump(-1, ' ', false, json::error_handler_t::replace);
}

void Converse(Engine* engine, const std::vector<std::string>& turns) {
  int last_turn = 0;
  for (const std::string& text : turns) {
    const TurnResult r = engine->Respond(text);
    ATTUNE_FUZZ_CHECK(r.limit.ok() || r.limit.code() == "message_too_long");
    ATTUNE_FUZZ_CHECK(r.turn == last_turn + 1);
    last_turn = r.turn;
    const json j = json::parse(TurnResultToJson(r), nullptr, false);
    ATTUNE_FUZZ_CHECK(!j.is_discarded() && j["reply"].is_string());
    ATTUNE_FUZZ_CHECK(fuzz::IsValidUtf8(j["reply"].get<std::string>()));
  }
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  std::vector<std::string> lines;
  const std::string input(fuzz::AsText(data, size));
  for (size_t at = 0; at <= input.size() && lines.size() < 9;) {
    size_t end = input.find('\n', at);
    if (end == std::string::npos) end = input.size();
    lines.push_back(input.substr(at, end - at));
    at = end + 1;
  }
  const std::string tmpl = lines[0];
  const std::string name = lines.size() > 1 ? lines[1] : "";

  const std::vector<std::string> turns(lines.begin() + (lines.size() > 1 ? 1 : 0), lines.end());
  Engine* engine = SharedEngine();
  engine->Reset();
  engine->SetVariable("name", RepairUtf8(name));
  Converse(engine, turns);

  if (!tmpl.empty() && tmpl[0] == '!') {
    std::unique_ptr<Engine> custom;
    if (Engine::Create(PackWithTemplate(RepairUtf8(tmpl)), &custom).ok()) {
      Limits no_rate;
      no_rate.max_messages_per_minute = 0;
      custom->SetLimits(no_rate);
      Converse(custom.get(), turns);
    }
  }
  return 0;
}
