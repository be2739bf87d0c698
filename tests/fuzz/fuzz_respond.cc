// Fuzz target: template rendering with variables and Engine::Respond on the
// default pack. The input's first line becomes the template of every
// response variant (so "{name}"-style variables, braces and markup in
// templates are fuzzed); each following line is one visitor turn (so the
// values that fill variables come from fuzzed messages). Invariants: every
// turn serialises to JSON that parses back with a string reply that is
// valid UTF-8; turn numbers count up.
#include <memory>
#include <string>

#include <nlohmann/json.hpp>

#include "core/engine.h"
#include "fuzz_util.h"

using namespace attune;
using json = nlohmann::json;

namespace {

const json& DefaultPack() {
  static const json pack = json::parse(fuzz::ReadFile(std::string(ATTUNE_PACKS) + "/ecommerce.en.json"), nullptr, false);
  return pack;
}

// The default pack with every response text replaced by `tmpl`.
std::string PackWithTemplate(const std::string& tmpl) {
  json pack = DefaultPack();
  if (!pack.is_object() || !pack.contains("responses") || !pack["responses"].is_object()) return pack.dump();
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

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  if (DefaultPack().is_discarded()) __builtin_trap();  // the fixture itself must load
  const std::string input(fuzz::AsText(data, size));
  const size_t nl = input.find('\n');
  const std::string tmpl = RepairUtf8(input.substr(0, nl));
  std::unique_ptr<Engine> engine;
  const Status s = Engine::Create(PackWithTemplate(tmpl), &engine);
  if (!s.ok()) return 0;  // a template the validator refuses is the pack fuzzer's business
  int last_turn = 0;
  size_t at = nl == std::string::npos ? input.size() : nl + 1;
  int turns = 0;
  while (at <= input.size() && turns < 8) {
    size_t end = input.find('\n', at);
    if (end == std::string::npos) end = input.size();
    const TurnResult r = engine->Respond(std::string_view(input).substr(at, end - at));
    ATTUNE_FUZZ_CHECK(r.turn == last_turn + 1);
    last_turn = r.turn;
    const json j = json::parse(TurnResultToJson(r), nullptr, false);
    ATTUNE_FUZZ_CHECK(!j.is_discarded() && j["reply"].is_string());
    ATTUNE_FUZZ_CHECK(fuzz::IsValidUtf8(j["reply"].get<std::string>()));
    ++turns;
    at = end + 1;
  }
  return 0;
}
