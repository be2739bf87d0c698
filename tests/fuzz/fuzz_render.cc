// Fuzz target: template rendering with variables, the way every reply is
// rendered (Responder::Say picking a variant and filling it with
// FillTemplate), without the rest of the engine so it runs at thousands of
// inputs per second. The input is lines:
//   line 1       variable values "k=v|k=v|..." (hostile names and values);
//   lines 2..    templates: the odd ones are neutral variants, the even ones
//                variants for the tone named by their line number, and the
//                last one is also the acknowledgement for every distress tone.
// Invariants: valid UTF-8 in gives valid UTF-8 out; a template without
// braces renders to itself; "{{"/"}}" render to literal braces; with two
// usable variants the same one is never picked twice in a row; an unknown
// response renders nothing.
#include <map>
#include <string>
#include <vector>

#include "core/dialogue.h"
#include "core/pack.h"
#include "fuzz_util.h"

using namespace attune;

namespace {

std::vector<std::string> Split(std::string_view text, char sep, size_t max) {
  std::vector<std::string> parts;
  for (size_t at = 0; at <= text.size() && parts.size() < max;) {
    size_t end = text.find(sep, at);
    if (end == std::string_view::npos) end = text.size();
    parts.emplace_back(text.substr(at, end - at));
    at = end + 1;
  }
  return parts;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  const std::string_view input = fuzz::AsText(data, size);
  const bool utf8 = fuzz::IsValidUtf8(input);
  const std::vector<std::string> lines = Split(input, '\n', 12);

  std::map<std::string, std::string> vars;
  for (const std::string& kv : Split(lines[0], '|', 8)) {
    const size_t eq = kv.find('=');
    if (eq != std::string::npos) vars[kv.substr(0, eq)] = kv.substr(eq + 1);
  }

  // FillTemplate on its own, for every template line.
  for (size_t i = 1; i < lines.size(); ++i) {
    const std::string out = FillTemplate(lines[i], vars);
    if (utf8) ATTUNE_FUZZ_CHECK(fuzz::IsValidUtf8(out));
    if (lines[i].find_first_of("{}") == std::string::npos) ATTUNE_FUZZ_CHECK(out == lines[i]);
  }
  ATTUNE_FUZZ_CHECK(FillTemplate("{{" + lines[0] + "}}", vars).find(lines[0]) != std::string::npos ||
                    lines[0].find_first_of("{}") != std::string::npos);

  // The same templates as a pack's response, rendered for every tone.
  Pack pack;
  const std::vector<std::string>& distress = DistressTones();
  Response& response = pack.responses["answer"];
  for (size_t i = 1; i < lines.size(); ++i) {
    const std::string tone = i % 2 ? "neutral" : distress[i % distress.size()];
    response.variants[tone].push_back(lines[i]);
  }
  if (lines.size() > 1)
    for (const std::string& tone : distress) pack.acknowledgements[tone].push_back(lines.back());

  Responder responder;
  std::vector<std::string> tones = distress;
  tones.push_back("neutral");
  tones.push_back("no-such-tone");
  {
    for (const std::string& tone : tones) {
      const Reply first = responder.Say(pack, "answer", tone, vars);
      const Reply second = responder.Say(pack, "answer", tone, vars);
      if (utf8) ATTUNE_FUZZ_CHECK(fuzz::IsValidUtf8(first.text) && fuzz::IsValidUtf8(second.text));
      if (first.response.empty()) continue;  // no neutral variant: nothing to say
      ATTUNE_FUZZ_CHECK(second.response == "answer" && first.variant_tone == second.variant_tone);
      const auto& options = response.variants[first.variant_tone];
      // Two or more variants whose variables all have values: never the same twice in a row.
      size_t usable = 0;
      for (const std::string& t : options) {
        bool ok = true;
        for (const std::string& name : TemplateVariables(t)) {
          auto v = vars.find(name);
          if (v == vars.end() || v->second.empty()) ok = false;
        }
        usable += ok;
      }
      if (usable >= 2) ATTUNE_FUZZ_CHECK(first.variant != second.variant);
      ATTUNE_FUZZ_CHECK(first.variant >= 0 && first.variant < static_cast<int>(options.size()));
    }
  }
  ATTUNE_FUZZ_CHECK(responder.Say(pack, "no-such-response", "neutral", vars).text.empty());
  return 0;
}
