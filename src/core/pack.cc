#include "pack.h"

#include <algorithm>
#include <cstdio>
#include <set>
#include <unordered_map>
#include <unordered_set>

#include <nlohmann/json.hpp>

#include "entities.h"
#include "hours.h"
#include "intents.h"
#include "judgement.h"
#include "tone_check.h"

namespace attune {
namespace {

using json = nlohmann::json;

// Escapes a key for a JSON pointer (RFC 6901).
std::string Esc(const std::string& key) {
  std::string out;
  for (char c : key) {
    if (c == '~') out += "~0";
    else if (c == '/') out += "~1";
    else out += c;
  }
  return out;
}

const char* TypeName(const json& v) { return v.type_name(); }

// "0", "0.5": numbers as a person writes them in a message.
std::string Num(double v) {
  char buf[32];
  std::snprintf(buf, sizeof buf, "%g", v);
  return buf;
}

std::string Quote(const std::string& s) { return "\"" + s + "\""; }

size_t EditDistance(const std::string& a, const std::string& b) {
  std::vector<size_t> row(b.size() + 1);
  for (size_t j = 0; j <= b.size(); ++j) row[j] = j;
  for (size_t i = 1; i <= a.size(); ++i) {
    size_t diag = row[0];
    row[0] = i;
    for (size_t j = 1; j <= b.size(); ++j) {
      const size_t up = row[j];
      row[j] = std::min({row[j] + 1, row[j - 1] + 1, diag + (a[i - 1] == b[j - 1] ? 0 : 1)});
      diag = up;
    }
  }
  return row[b.size()];
}

bool IsIdentifier(const std::string& s) {
  if (s.empty() || !(std::isalpha(static_cast<unsigned char>(s[0])) || s[0] == '_')) return false;
  for (char c : s)
    if (!(std::isalnum(static_cast<unsigned char>(c)) || c == '_')) return false;
  return true;
}

// Collects diagnostics while reading a pack; reading goes on after an error
// so `check` can report them all.
class Reader {
 public:
  std::vector<Diagnostic> diags;
  bool failed = false;

  void Error(const std::string& ptr, const std::string& msg) {
    diags.push_back({"error", ptr, msg, 0, 0, ""});
    failed = true;
  }
  void Warn(const std::string& ptr, const std::string& msg) { diags.push_back({"warning", ptr, msg, 0, 0, ""}); }

  // Warns about keys of `obj` not in `known`, suggesting the closest one.
  void UnknownKeys(const json& obj, const std::string& ptr, const std::vector<std::string>& known) {
    for (auto it = obj.begin(); it != obj.end(); ++it) {
      if (std::find(known.begin(), known.end(), it.key()) != known.end()) continue;
      std::string msg = "unknown key " + Quote(it.key()) + " is ignored";
      size_t best = 3;
      std::string guess;
      for (const std::string& k : known) {
        const size_t d = EditDistance(it.key(), k);
        if (d < best) { best = d; guess = k; }
      }
      if (!guess.empty()) msg += " (did you mean " + Quote(guess) + "?)";
      Warn(ptr + "/" + Esc(it.key()), msg);
    }
  }

  bool Object(const json& v, const std::string& ptr) {
    if (v.is_object()) return true;
    Error(ptr, std::string("expected an object, got ") + TypeName(v));
    return false;
  }

  void OptString(const json& obj, const char* key, const std::string& ptr, std::string* out) {
    auto it = obj.find(key);
    if (it == obj.end()) return;
    if (!it->is_string()) return Error(ptr + "/" + key, std::string("expected a string, got ") + TypeName(*it));
    *out = it->get<std::string>();
  }

  void OptNumber(const json& obj, const char* key, const std::string& ptr, double lo, double hi, double* out) {
    auto it = obj.find(key);
    if (it == obj.end()) return;
    if (!it->is_number()) return Error(ptr + "/" + key, std::string("expected a number, got ") + TypeName(*it));
    const double v = it->get<double>();
    if (!(v >= lo && v <= hi)) return Error(ptr + "/" + key, "expected a number between " + Num(lo) + " and " + Num(hi));
    *out = v;
  }

  void OptInt(const json& obj, const char* key, const std::string& ptr, int lo, int hi, int* out) {
    auto it = obj.find(key);
    if (it == obj.end()) return;
    if (!it->is_number_integer()) return Error(ptr + "/" + key, std::string("expected an integer, got ") + TypeName(*it));
    const auto v = it->get<long long>();
    if (v < lo || v > hi) return Error(ptr + "/" + key, "expected an integer between " + std::to_string(lo) + " and " + std::to_string(hi));
    *out = static_cast<int>(v);
  }

  void OptBool(const json& obj, const char* key, const std::string& ptr, bool* out) {
    auto it = obj.find(key);
    if (it == obj.end()) return;
    if (!it->is_boolean()) return Error(ptr + "/" + key, std::string("expected a boolean, got ") + TypeName(*it));
    *out = it->get<bool>();
  }

  // A string or an array of strings. `ptrs` receives each string's pointer.
  bool StringList(const json& v, const std::string& ptr, std::vector<std::string>* out, bool non_empty,
                  std::vector<std::string>* ptrs = nullptr) {
    if (v.is_string()) {
      out->push_back(v.get<std::string>());
      if (ptrs) ptrs->push_back(ptr);
      return true;
    }
    if (!v.is_array()) {
      Error(ptr, std::string("expected an array of strings, got ") + TypeName(v));
      return false;
    }
    bool ok = true;
    for (size_t i = 0; i < v.size(); ++i) {
      if (!v[i].is_string()) {
        Error(ptr + "/" + std::to_string(i), std::string("expected a string, got ") + TypeName(v[i]));
        ok = false;
        continue;
      }
      out->push_back(v[i].get<std::string>());
      if (ptrs) ptrs->push_back(ptr + "/" + std::to_string(i));
    }
    if (ok && non_empty && out->empty()) {
      Error(ptr, "expected at least one string");
      ok = false;
    }
    return ok;
  }
};

std::vector<std::string> WithQuickReplies(std::vector<std::string> tones) {
  tones.push_back("quick_replies");
  return tones;
}

// quick_replies: labels, each a string or {"text", "intent" | "response"}
// (the action the label promises; CheckReferences checks the names exist).
void ParseQuickReplies(Reader& rd, const json& v, const std::string& ptr, Response* r) {
  if (!v.is_array()) return rd.Error(ptr, std::string("expected an array of quick replies, got ") + TypeName(v));
  for (size_t i = 0; i < v.size(); ++i) {
    const std::string ip = ptr + "/" + std::to_string(i);
    QuickReplyAction action;
    std::string text;
    if (v[i].is_string()) {
      text = v[i].get<std::string>();
    } else if (v[i].is_object()) {
      rd.UnknownKeys(v[i], ip, {"text", "intent", "response"});
      rd.OptString(v[i], "text", ip, &text);
      rd.OptString(v[i], "intent", ip, &action.intent);
      rd.OptString(v[i], "response", ip, &action.response);
      if (!v[i].count("text")) rd.Error(ip, "missing required string \"text\" (the label shown)");
      if (action.intent.empty() == action.response.empty())
        rd.Error(ip, "expected exactly one of \"intent\" (what the label means) or \"response\" (the reply it gets)");
    } else {
      rd.Error(ip, std::string("expected a string or an object {text, intent | response}, got ") + TypeName(v[i]));
      continue;
    }
    if (text.empty()) rd.Error(ip, "expected a non-empty label");
    r->quick_replies.push_back(text);
    r->quick_reply_actions.push_back(std::move(action));
  }
}

void ParseResponse(Reader& rd, const json& v, const std::string& ptr, Response* r) {
  if (v.is_string() || v.is_array()) {
    rd.StringList(v, ptr, &r->variants["neutral"], true, &r->pointers["neutral"]);
    return;
  }
  if (!v.is_object()) return rd.Error(ptr, std::string("expected an object of tone variants, got ") + TypeName(v));
  const auto& tones = ToneNames();
  for (auto it = v.begin(); it != v.end(); ++it) {
    const std::string p = ptr + "/" + Esc(it.key());
    if (it.key() == "quick_replies") {
      ParseQuickReplies(rd, it.value(), p, r);
    } else if (std::find(tones.begin(), tones.end(), it.key()) != tones.end()) {
      rd.StringList(it.value(), p, &r->variants[it.key()], true, &r->pointers[it.key()]);
    }
  }
  rd.UnknownKeys(v, ptr, WithQuickReplies(tones));
  if (!v.count("neutral")) rd.Error(ptr, "missing required tone \"neutral\"");
}

// ISO 3166-1 alpha-2: the 249 officially assigned codes, as one string of
// pairs (sorted), so a lookup is a short scan.
constexpr std::string_view kCountryCodes =
    "ADAEAFAGAIALAMAOAQARASATAUAWAXAZBABBBDBEBFBGBHBIBJBLBMBNBOBQBRBSBTBVBWBYBZCACCCDCFCGCHCICKCLCMCNCOCRCUCVCWCXCYCZ"
    "DEDJDKDMDODZECEEEGEHERESETFIFJFKFMFOFRGAGBGDGEGFGGGHGIGLGMGNGPGQGRGSGTGUGWGYHKHMHNHRHTHUIDIEILIMINIOIQIRISIT"
    "JEJMJOJPKEKGKHKIKMKNKPKRKWKYKZLALBLCLILKLRLSLTLULVLYMAMCMDMEMFMGMHMKMLMMMNMOMPMQMRMSMTMUMVMWMXMYMZNANCNENFNGNI"
    "NLNONPNRNUNZOMPAPEPFPGPHPKPLPMPNPRPSPTPWPYQARERORSRURWSASBSCSDSESGSHSISJSKSLSMSNSOSRSSSTSVSXSYSZTCTDTFTGTHTJTK"
    "TLTMTNTOTRTTTVTWTZUAUGUMUSUYUZVAVCVEVGVIVNVUWFWSYEYTZAZMZW";

}  // namespace

bool IsTeamId(std::string_view id) {
  if (id.empty() || id.size() > 64) return false;
  for (char c : id)
    if (!(std::isalnum(static_cast<unsigned char>(c)) || c == '.' || c == '_' || c == '-')) return false;
  return true;
}

std::string ChooseTeam(const HandoffSettings& handoff, const std::vector<Reason>& reasons, std::string_view intent,
                       std::string_view topic) {
  for (const RoutingRule& rule : handoff.routing) {
    if (!rule.reason.empty()) {
      bool has = false;
      for (const Reason& r : reasons) has |= r.name == rule.reason && r.weight > 0;
      if (!has) continue;
    }
    if (!rule.intent.empty() && rule.intent != intent && rule.intent != topic) continue;
    return rule.team;
  }
  return kDefaultTeam;
}

bool IsCountryCode(std::string_view code) {
  if (code.size() != 2) return false;
  for (size_t i = 0; i + 1 < kCountryCodes.size(); i += 2)
    if (kCountryCodes[i] == code[0] && kCountryCodes[i + 1] == code[1]) return true;
  return false;
}

std::vector<CrisisResource> CrisisResourcesFor(const std::vector<CrisisResource>& all, std::string_view country,
                                               const std::vector<std::string>& kinds) {
  std::string code(country);
  for (char& c : code) c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
  std::vector<CrisisResource> local, fallback;
  for (const CrisisResource& r : all) {
    if (r.countries.empty()) fallback.push_back(r);
    else if (IsCountryCode(code) && std::find(r.countries.begin(), r.countries.end(), code) != r.countries.end()) local.push_back(r);
  }
  // A pack whose every line is country-specific still shows them all to an
  // unknown country: a crisis card is never empty when the pack has lines.
  std::vector<CrisisResource> chosen = !local.empty() ? local : fallback.empty() ? all : fallback;
  if (kinds.empty()) return chosen;
  std::vector<CrisisResource> fit;
  for (const CrisisResource& r : chosen) {
    bool serves = r.kinds.empty();
    for (const std::string& k : kinds) serves |= std::find(r.kinds.begin(), r.kinds.end(), k) != r.kinds.end();
    if (serves) fit.push_back(r);
  }
  return fit.empty() ? chosen : fit;
}

std::string HandoffPolicyToJson(const HandoffPolicy& p) {
  // The keys ParseHandoff reads, nothing it would reject.
  json j = {{"threshold", p.threshold},           {"release", p.release},
            {"smoothing", p.smoothing},           {"fallbacks_before_offer", p.fallbacks_before_offer},
            {"valence_weight", p.valence_weight}, {"emotion_weight", p.emotion_weight},
            {"trend_turns", p.trend_turns},       {"weights", p.weights}};
  return j.dump();
}

namespace {

// "mon-fri 09:00-17:00 Europe/Paris", the relay's --hours syntax (hours.h).
// The time zone is checked when hours are evaluated, by the caller's tz data
// (the core has none).
std::string HoursError(const std::string& spec) {
  HoursRule rule;
  return ParseHoursRule(spec, &rule).message();
}

void ParseHandoff(Reader& rd, const json& v, const std::string& ptr, HandoffSettings* h) {
  if (!rd.Object(v, ptr)) return;
  rd.UnknownKeys(v, ptr, {"threshold", "release", "smoothing", "fallbacks_before_offer", "weights", "consent_text",
                          "no_agent_message", "crisis_resources", "business_hours", "valence_weight",
                          "emotion_weight", "trend_turns", "teams", "routing"});
  HandoffPolicy& p = h->policy;
  rd.OptNumber(v, "threshold", ptr, 0, 1, &p.threshold);
  rd.OptNumber(v, "release", ptr, 0, 1, &p.release);
  rd.OptNumber(v, "smoothing", ptr, 0.05, 1, &p.smoothing);
  if (p.release > p.threshold) rd.Error(ptr + "/release", "expected release <= threshold");
  rd.OptInt(v, "fallbacks_before_offer", ptr, 1, 20, &p.fallbacks_before_offer);
  rd.OptNumber(v, "valence_weight", ptr, 0, 1, &p.valence_weight);
  rd.OptNumber(v, "emotion_weight", ptr, 0, 1, &p.emotion_weight);
  rd.OptInt(v, "trend_turns", ptr, 2, 10, &p.trend_turns);
  if (auto it = v.find("weights"); it != v.end()) {
    if (rd.Object(*it, ptr + "/weights")) {
      for (auto w = it->begin(); w != it->end(); ++w) {
        if (!p.weights.count(w.key())) {
          rd.Error(ptr + "/weights/" + Esc(w.key()), "unknown cue name");
          continue;
        }
        double val = p.weights[w.key()];
        rd.OptNumber(*it, w.key().c_str(), ptr + "/weights", 0, 2, &val);
        p.weights[w.key()] = val;
      }
    }
  }
  rd.OptString(v, "consent_text", ptr, &h->consent_text);
  rd.OptString(v, "no_agent_message", ptr, &h->no_agent_message);
  // The widget shows these as written; a placeholder would reach the visitor.
  for (const auto& [key, text] : {std::pair<const char*, const std::string*>{"consent_text", &h->consent_text},
                                  {"no_agent_message", &h->no_agent_message}}) {
    const std::vector<std::string> vars = TemplateVariables(*text);
    if (!vars.empty()) rd.Error(ptr + "/" + key, "{" + vars[0] + "} is not filled in handoff texts; write the value itself");
  }
  if (auto it = v.find("crisis_resources"); it != v.end()) {
    if (!it->is_array()) {
      rd.Error(ptr + "/crisis_resources", std::string("expected an array, got ") + TypeName(*it));
    } else {
      for (size_t i = 0; i < it->size(); ++i) {
        const json& r = (*it)[i];
        const std::string rp = ptr + "/crisis_resources/" + std::to_string(i);
        if (!rd.Object(r, rp)) continue;
        rd.UnknownKeys(r, rp, {"name", "phone", "url", "countries", "kinds"});
        CrisisResource res;
        rd.OptString(r, "name", rp, &res.name);
        if (res.name.empty()) rd.Error(rp + "/name", "missing required string");
        rd.OptString(r, "phone", rp, &res.phone);
        rd.OptString(r, "url", rp, &res.url);
        if (auto c = r.find("countries"); c != r.end()) {
          std::vector<std::string> ptrs;
          if (rd.StringList(*c, rp + "/countries", &res.countries, true, &ptrs))
            for (size_t k = 0; k < res.countries.size(); ++k)
              if (!IsCountryCode(res.countries[k]))
                rd.Error(ptrs[k], Quote(res.countries[k]) + " is not an ISO 3166-1 alpha-2 country code (upper case, e.g. \"US\", \"GB\", \"ES\")");
        }
        if (auto c = r.find("kinds"); c != r.end()) {
          std::vector<std::string> ptrs;
          if (rd.StringList(*c, rp + "/kinds", &res.kinds, true, &ptrs))
            for (size_t k = 0; k < res.kinds.size(); ++k)
              if (res.kinds[k] != kCrisisSelfHarm && res.kinds[k] != kCrisisMedicalEmergency && res.kinds[k] != kCrisisViolence)
                rd.Error(ptrs[k], Quote(res.kinds[k]) + " is not a crisis kind (\"self_harm\", \"medical_emergency\" or \"violence\")");
        }
        if (res.phone.empty() && res.url.empty()) rd.Error(rp, "a crisis resource needs a \"phone\" or a \"url\"");
        h->crisis_resources.push_back(res);
      }
    }
  }
  if (auto it = v.find("teams"); it != v.end()) {
    if (!it->is_array()) {
      rd.Error(ptr + "/teams", std::string("expected an array, got ") + TypeName(*it));
    } else {
      std::set<std::string> seen;
      for (size_t i = 0; i < it->size(); ++i) {
        const json& t = (*it)[i];
        const std::string tp = ptr + "/teams/" + std::to_string(i);
        if (!rd.Object(t, tp)) continue;
        rd.UnknownKeys(t, tp, {"id", "label"});
        Team team;
        rd.OptString(t, "id", tp, &team.id);
        rd.OptString(t, "label", tp, &team.label);
        if (!IsTeamId(team.id)) rd.Error(tp + "/id", "expected a team id of 1-64 letters, digits, \".\", \"_\" or \"-\" (the relay's team names)");
        else if (!seen.insert(team.id).second) rd.Error(tp + "/id", "team " + Quote(team.id) + " is listed twice");
        if (team.label.empty()) rd.Error(tp + "/label", "missing required string (what a visitor choosing a team sees)");
        h->teams.push_back(std::move(team));
      }
    }
  }
  if (auto it = v.find("routing"); it != v.end()) {
    if (!it->is_array()) {
      rd.Error(ptr + "/routing", std::string("expected an array, got ") + TypeName(*it));
    } else {
      for (size_t i = 0; i < it->size(); ++i) {
        const json& r = (*it)[i];
        const std::string rp = ptr + "/routing/" + std::to_string(i);
        if (!rd.Object(r, rp)) continue;
        rd.UnknownKeys(r, rp, {"when", "team"});
        RoutingRule rule;
        rd.OptString(r, "team", rp, &rule.team);
        if (!r.count("team")) rd.Error(rp, "missing required string \"team\"");
        auto when = r.find("when");
        if (when == r.end()) {
          rd.Error(rp, "missing required object \"when\" ({\"reason\": \"crisis\"} or {\"intent\": \"refund\"})");
        } else if (rd.Object(*when, rp + "/when")) {
          rd.UnknownKeys(*when, rp + "/when", {"reason", "intent"});
          rd.OptString(*when, "reason", rp + "/when", &rule.reason);
          rd.OptString(*when, "intent", rp + "/when", &rule.intent);
          if (rule.reason.empty() && rule.intent.empty())
            rd.Error(rp + "/when", "expected \"reason\" (a cue such as \"crisis\") and/or \"intent\"");
          if (!rule.reason.empty() && !p.weights.count(rule.reason)) {
            std::string known;
            for (const auto& [name, w] : p.weights) known += (known.empty() ? "" : ", ") + name;
            rd.Error(rp + "/when/reason", "unknown reason " + Quote(rule.reason) + " (known: " + known + ")");
          }
        }
        h->routing.push_back(std::move(rule));
      }
    }
  }
  // Routing names teams the pack lists (or "default"), so a typo cannot
  // send every crisis to a queue no one watches.
  for (size_t i = 0; i < h->routing.size(); ++i) {
    const std::string& team = h->routing[i].team;
    if (team.empty() || team == kDefaultTeam) continue;
    bool listed = false;
    for (const Team& t : h->teams) listed |= t.id == team;
    if (!listed) {
      std::string known = kDefaultTeam;
      for (const Team& t : h->teams) known += ", " + t.id;
      rd.Error(ptr + "/routing/" + std::to_string(i) + "/team", "no team " + Quote(team) + " in /handoff/teams (known: " + known + ")");
    }
  }
  if (auto it = v.find("business_hours"); it != v.end()) {
    std::vector<std::string> ptrs;
    if (rd.StringList(*it, ptr + "/business_hours", &h->business_hours, false, &ptrs))
      for (size_t i = 0; i < h->business_hours.size(); ++i)
        if (std::string e = HoursError(h->business_hours[i]); !e.empty()) rd.Error(ptrs[i], e);
  }
}

void ParseFlow(Reader& rd, const json& v, const std::string& ptr, Flow* f) {
  if (!rd.Object(v, ptr)) return;
  rd.UnknownKeys(v, ptr, {"start", "steps"});
  rd.OptString(v, "start", ptr, &f->start);
  if (!v.count("start")) rd.Error(ptr, "missing required string \"start\"");
  auto steps = v.find("steps");
  if (steps == v.end()) return rd.Error(ptr, "missing required object \"steps\"");
  if (!rd.Object(*steps, ptr + "/steps")) return;
  if (steps->empty()) rd.Error(ptr + "/steps", "expected at least one step");
  for (auto it = steps->begin(); it != steps->end(); ++it) {
    const std::string sp = ptr + "/steps/" + Esc(it.key());
    if (!rd.Object(it.value(), sp)) continue;
    const json& s = it.value();
    rd.UnknownKeys(s, sp, {"ask", "slot", "entity", "retry", "max_attempts", "next", "done", "resume"});
    FlowStep step;
    step.id = it.key();
    for (const char* key : {"ask", "slot", "entity"})
      if (!s.count(key)) rd.Error(sp, std::string("missing required string \"") + key + "\"");
    rd.OptString(s, "ask", sp, &step.ask);
    rd.OptString(s, "slot", sp, &step.slot);
    rd.OptString(s, "entity", sp, &step.entity);
    rd.OptString(s, "retry", sp, &step.retry);
    rd.OptInt(s, "max_attempts", sp, 1, 10, &step.max_attempts);
    rd.OptString(s, "next", sp, &step.next);
    rd.OptString(s, "done", sp, &step.done);
    rd.OptString(s, "resume", sp, &step.resume);
    if (!step.slot.empty() && !IsIdentifier(step.slot))
      rd.Error(sp + "/slot", "expected a name of letters, digits and \"_\" (it becomes the template variable {" + step.slot + "})");
    if (step.next.empty() && step.done.empty())
      rd.Error(sp, "dead end: a step needs \"next\" (the following step) or \"done\" (the response that finishes the flow)");
    if (!step.next.empty() && !step.done.empty()) rd.Error(sp, "a step has either \"next\" or \"done\", not both");
    f->steps.push_back(std::move(step));
  }
}

// Cross-references: responses, flows and variables named anywhere exist;
// flows neither loop nor dead-end.
void CheckReferences(Reader& rd, const Pack& pack, const json& doc) {
  auto need_response = [&](const std::string& name, const std::string& ptr) {
    if (!name.empty() && !pack.responses.count(name)) rd.Error(ptr, "no response named " + Quote(name) + " in /responses");
  };
  std::set<std::string> entity_types(BuiltinEntityTypes().begin(), BuiltinEntityTypes().end());
  for (const EntityDefinition& e : pack.entities) entity_types.insert(e.name);

  std::set<std::string> used = {"greeting", "ask_away", "fallback", "offer_human", "offer_human_repeated", "handoff", "crisis", "crisis_no_handoff", "clarify", "out_of_scope", "declined", "language_switched", "bot_identity"};
  // Quick replies promise an action: the intent or response must exist.
  for (const auto& [key, resp] : pack.responses)
    for (size_t i = 0; i < resp.quick_reply_actions.size(); ++i) {
      const QuickReplyAction& a = resp.quick_reply_actions[i];
      const std::string qp = "/responses/" + Esc(key) + "/quick_replies/" + std::to_string(i);
      if (!a.intent.empty() && !pack.FindIntent(a.intent)) rd.Error(qp + "/intent", "no intent named " + Quote(a.intent) + " in /intents");
      need_response(a.response, qp + "/response");
      if (!a.response.empty()) used.insert(a.response);
    }
  std::set<std::string> slots;
  for (const auto& [name, flow] : pack.flows) {
    const std::string fp = "/flows/" + Esc(name);
    if (!flow.start.empty() && !flow.Step(flow.start)) rd.Error(fp + "/start", "no step named " + Quote(flow.start) + " in this flow's steps");
    std::set<std::string> reachable;
    for (const FlowStep& s : flow.steps) {
      const std::string sp = fp + "/steps/" + Esc(s.id);
      need_response(s.ask, sp + "/ask");
      need_response(s.retry, sp + "/retry");
      need_response(s.done, sp + "/done");
      need_response(s.resume, sp + "/resume");
      for (const std::string* r : {&s.ask, &s.retry, &s.done, &s.resume}) used.insert(*r);
      if (!s.entity.empty() && !entity_types.count(s.entity)) {
        std::string known;
        for (const std::string& t : entity_types) known += (known.empty() ? "" : ", ") + t;
        rd.Error(sp + "/entity", "unknown entity type " + Quote(s.entity) + " (known: " + known + ")");
      }
      if (!s.next.empty() && !flow.Step(s.next)) rd.Error(sp + "/next", "no step named " + Quote(s.next) + " in this flow's steps");
      if (!s.slot.empty()) slots.insert(s.slot);
      // Follow `next` from here; coming back to a step is a loop the
      // visitor could never leave.
      std::vector<std::string> path = {s.id};
      const FlowStep* cur = &s;
      while (cur && !cur->next.empty()) {
        if (std::find(path.begin(), path.end(), cur->next) != path.end()) {
          std::string route;
          for (const std::string& p : path) route += p + " -> ";
          rd.Error(sp + "/next", "flow loops and never finishes: " + route + cur->next);
          break;
        }
        path.push_back(cur->next);
        cur = flow.Step(cur->next);
      }
    }
    for (const FlowStep* cur = flow.Step(flow.start); cur && !reachable.count(cur->id); cur = flow.Step(cur->next))
      reachable.insert(cur->id);
    for (const FlowStep& s : flow.steps)
      if (!reachable.empty() && !reachable.count(s.id)) rd.Warn(fp + "/steps/" + Esc(s.id), "step is never reached from \"start\"");
  }

  std::set<std::string> started;
  for (size_t i = 0; i < pack.intents.size(); ++i) {
    const Intent& in = pack.intents[i];
    const std::string ip = "/intents/" + std::to_string(i);
    const json& jv = doc["intents"][i];
    // An intent that starts a flow answers with the flow's question, so it
    // needs no response of its own unless it names one.
    if (in.flow.empty() || jv.count("response")) need_response(in.response, ip + (jv.count("response") ? "/response" : "/name"));
    used.insert(in.response);
    for (const auto& [slot, type] : in.slots) {
      slots.insert(slot);
      if (!entity_types.count(type)) {
        std::string known;
        for (const std::string& t : entity_types) known += (known.empty() ? "" : ", ") + t;
        rd.Error(ip + "/slots/" + Esc(slot), "unknown entity type " + Quote(type) + " (known: " + known + ")");
      }
    }
    if (!in.flow.empty()) {
      if (!pack.flows.count(in.flow)) rd.Error(ip + "/flow", "no flow named " + Quote(in.flow) + " in /flows");
      started.insert(in.flow);
    }
  }
  for (const auto& [name, flow] : pack.flows)
    if (!started.count(name)) rd.Warn("/flows/" + Esc(name), "no intent starts this flow (set \"flow\": " + Quote(name) + " on an intent)");
  for (size_t i = 0; i < pack.handoff.routing.size(); ++i) {
    const std::string& intent = pack.handoff.routing[i].intent;
    if (!intent.empty() && !pack.FindIntent(intent))
      rd.Error("/handoff/routing/" + std::to_string(i) + "/when/intent", "no intent named " + Quote(intent) + " in /intents");
  }
  for (const auto& [name, r] : pack.responses)
    if (!used.count(name)) rd.Warn("/responses/" + Esc(name), "response is not used by any intent or flow");
  for (const char* rec : {"offer_human", "handoff", "crisis"})
    if (!pack.responses.count(rec))
      rd.Warn("/responses", std::string("no ") + Quote(rec) + " response: " +
                                (std::string(rec) == "crisis" ? "a visitor in crisis would get an ordinary answer"
                                                               : "the built-in path to a person has nothing to say"));

  // Template variables: defined by the pack, a flow slot or the host ("name").
  auto check_templates = [&](const std::string& text, const std::string& ptr) {
    if (std::count(text.begin(), text.end(), '{') != std::count(text.begin(), text.end(), '}')) {
      rd.Error(ptr, "unbalanced \"{\" / \"}\" (write \"{{\" for a literal brace)");
      return;
    }
    for (const std::string& var : TemplateVariables(text)) {
      if (var == "name" || pack.variables.count(var) || slots.count(var)) continue;
      std::string known = "name";
      for (const auto& [k, v] : pack.variables) known += ", " + k;
      for (const std::string& s : slots) known += ", " + s;
      rd.Error(ptr, "unknown variable {" + var + "} (known: " + known + ")");
    }
  };
  for (const auto& [name, r] : pack.responses)
    for (const auto& [tone, texts] : r.variants)
      for (size_t i = 0; i < texts.size(); ++i) check_templates(texts[i], r.pointers.at(tone)[i]);
}

Status FirstError(const std::vector<Diagnostic>& diags) {
  for (const Diagnostic& d : diags)
    if (d.severity == "error") return Status::InvalidPack(d.pointer, d.message);
  return Status::Ok();
}

// Parses `text` into *pack, recording every problem in `rd`. Returns false
// (with the diagnostic already recorded) when the JSON itself is broken.
bool Read(std::string_view text, Reader& rd, Pack* out, std::string* json_error) {
  // One pass both builds the document and, when the JSON is broken, keeps
  // where it broke (nlohmann's non-throwing parse does not say): its own DOM
  // builder behind a SAX adapter that records the error's position.
  struct Builder {
    nlohmann::detail::json_sax_dom_parser<json> dom;
    size_t pos = 0;
    std::string what;
    explicit Builder(json& root) : dom(root, /*allow_exceptions=*/false) {}
    bool null() { return dom.null(); }
    bool boolean(bool v) { return dom.boolean(v); }
    bool number_integer(json::number_integer_t v) { return dom.number_integer(v); }
    bool number_unsigned(json::number_unsigned_t v) { return dom.number_unsigned(v); }
    bool number_float(json::number_float_t v, const json::string_t& s) { return dom.number_float(v, s); }
    bool string(json::string_t& v) { return dom.string(v); }
    bool binary(json::binary_t& v) { return dom.binary(v); }
    bool start_object(std::size_t n) { return dom.start_object(n); }
    bool key(json::string_t& v) { return dom.key(v); }
    bool end_object() { return dom.end_object(); }
    bool start_array(std::size_t n) { return dom.start_array(n); }
    bool end_array() { return dom.end_array(); }
    bool parse_error(std::size_t p, const std::string& token, const nlohmann::detail::exception& e) {
      pos = p;
      what = e.what();
      return dom.parse_error(p, token, e);
    }
  };
  json doc;
  Builder builder(doc);
  if (!json::sax_parse(text.begin(), text.end(), &builder, json::input_format_t::json, /*strict=*/true)) {
    int line = 1, col = 1;
    LineColumn(text, builder.pos > 0 ? builder.pos - 1 : 0, &line, &col);
    std::string what = builder.what;
    if (auto k = what.find("syntax error "); k != std::string::npos) what = what.substr(k);
    *json_error = "line " + std::to_string(line) + ", column " + std::to_string(col) + ": " + what;
    rd.diags.push_back({"error", "", "invalid JSON: " + what, line, col, ""});
    rd.failed = true;
    return false;
  }
  if (!rd.Object(doc, "")) return true;

  Pack pack;
  rd.UnknownKeys(doc, "", {"$schema", "version", "id", "name", "description", "language", "intent_threshold", "variables",
                           "entities", "acknowledgements", "responses", "intents", "out_of_scope", "flows", "handoff",
                           "jargon"});
  if (auto it = doc.find("version"); it != doc.end()) {
    if (!it->is_number_integer()) {
      rd.Error("/version", "expected an integer");
    } else {
      pack.version = it->get<int>();
      if (pack.version != kPackFormatVersion)
        rd.Error("/version", "unsupported pack version " + std::to_string(pack.version) + " (this build reads version " +
                                 std::to_string(kPackFormatVersion) + ")");
    }
  } else {
    rd.Warn("", "no \"version\": assuming version " + std::to_string(kPackFormatVersion));
  }
  rd.OptString(doc, "id", "", &pack.id);
  rd.OptString(doc, "name", "", &pack.name);
  rd.OptString(doc, "description", "", &pack.description);
  rd.OptString(doc, "language", "", &pack.language);
  rd.OptNumber(doc, "intent_threshold", "", 0, 1, &pack.intent_threshold);

  if (auto it = doc.find("variables"); it != doc.end() && rd.Object(*it, "/variables")) {
    for (auto v = it->begin(); v != it->end(); ++v) {
      const std::string vp = "/variables/" + Esc(v.key());
      if (!IsIdentifier(v.key())) rd.Error(vp, "a variable name is letters, digits and \"_\"");
      else if (!v->is_string()) rd.Error(vp, std::string("expected a string, got ") + TypeName(*v));
      else pack.variables[v.key()] = v->get<std::string>();
    }
  }
  if (auto it = doc.find("entities"); it != doc.end() && rd.Object(*it, "/entities")) {
    for (auto e = it->begin(); e != it->end(); ++e) {
      const std::string ep = "/entities/" + Esc(e.key());
      EntityDefinition def;
      def.name = e.key();
      if (!IsIdentifier(def.name)) rd.Error(ep, "an entity name is letters, digits and \"_\"");
      if (e->is_string()) {
        def.pattern = e->get<std::string>();
      } else if (rd.Object(*e, ep)) {
        rd.UnknownKeys(*e, ep, {"pattern", "description"});
        if (!e->count("pattern")) rd.Error(ep, "missing required string \"pattern\"");
        rd.OptString(*e, "pattern", ep, &def.pattern);
      }
      const std::string pp = e->is_string() ? ep : ep + "/pattern";
      if (!def.pattern.empty())
        if (std::string err = EntityPatternError(def.pattern); !err.empty()) rd.Error(pp, "bad pattern: " + err);
      pack.entities.push_back(def);
    }
  }
  if (auto it = doc.find("acknowledgements"); it != doc.end() && rd.Object(*it, "/acknowledgements")) {
    const auto& tones = DistressTones();
    for (auto a = it->begin(); a != it->end(); ++a) {
      const std::string ap = "/acknowledgements/" + Esc(a.key());
      if (std::find(tones.begin(), tones.end(), a.key()) == tones.end()) {
        std::string list;
        for (const std::string& t : tones) list += (list.empty() ? "" : ", ") + t;
        rd.Error(ap, "acknowledgements are for distress tones only (" + list + ")");
        continue;
      }
      rd.StringList(*a, ap, &pack.acknowledgements[a.key()], true);
    }
  }

  if (auto it = doc.find("jargon"); it != doc.end() && rd.Object(*it, "/jargon")) {
    for (auto j = it->begin(); j != it->end(); ++j) {
      if (!j->is_string()) rd.Error("/jargon/" + Esc(j.key()), std::string("expected the plain alternative (a string), got ") + TypeName(*j));
      else pack.jargon[j.key()] = j->get<std::string>();
    }
  }

  auto responses = doc.find("responses");
  if (responses == doc.end()) {
    rd.Error("", "missing required object \"responses\"");
  } else if (!responses->is_object()) {
    rd.Error("/responses", std::string("expected an object, got ") + TypeName(*responses));
  } else {
    for (auto it = responses->begin(); it != responses->end(); ++it) {
      Response r;
      ParseResponse(rd, it.value(), "/responses/" + Esc(it.key()), &r);
      pack.responses[it.key()] = std::move(r);
    }
    for (const char* required : {"greeting", "fallback"})
      if (!pack.responses.count(required)) rd.Error("/responses", std::string("missing required response \"") + required + "\"");
  }

  if (auto it = doc.find("flows"); it != doc.end() && rd.Object(*it, "/flows")) {
    for (auto f = it->begin(); f != it->end(); ++f) {
      Flow flow;
      flow.name = f.key();
      ParseFlow(rd, f.value(), "/flows/" + Esc(f.key()), &flow);
      pack.flows[f.key()] = std::move(flow);
    }
  }

  auto intents = doc.find("intents");
  bool intents_ok = false;
  if (intents == doc.end()) {
    rd.Error("", "missing required array \"intents\"");
  } else if (!intents->is_array()) {
    rd.Error("/intents", std::string("expected an array, got ") + TypeName(*intents));
  } else {
    intents_ok = true;
    std::set<std::string> names;
    for (size_t i = 0; i < intents->size(); ++i) {
      const json& v = (*intents)[i];
      const std::string ptr = "/intents/" + std::to_string(i);
      Intent intent;
      if (!rd.Object(v, ptr)) {
        intents_ok = false;
        continue;
      }
      rd.UnknownKeys(v, ptr, {"name", "examples", "patterns", "response", "flow", "slots", "handoff", "distress", "topic"});
      rd.OptString(v, "name", ptr, &intent.name);
      if (intent.name.empty()) rd.Error(ptr + "/name", "missing required string");
      else if (intent.name == "none" || intent.name == "greeting") rd.Error(ptr + "/name", Quote(intent.name) + " is reserved");
      else if (!names.insert(intent.name).second) rd.Error(ptr + "/name", "duplicate intent name " + Quote(intent.name));
      auto ex = v.find("examples");
      if (ex == v.end()) rd.Error(ptr, "missing required array \"examples\"");
      else rd.StringList(*ex, ptr + "/examples", &intent.examples, true);
      if (auto pt = v.find("patterns"); pt != v.end()) {
        std::vector<std::string> ptrs;
        rd.StringList(*pt, ptr + "/patterns", &intent.patterns, false, &ptrs);
        for (size_t k = 0; k < intent.patterns.size(); ++k)
          if (std::string e = PatternError(intent.patterns[k]); !e.empty()) rd.Error(ptrs[k], "bad pattern: " + e);
      }
      intent.response = intent.name;
      rd.OptString(v, "response", ptr, &intent.response);
      rd.OptString(v, "flow", ptr, &intent.flow);
      if (auto sl = v.find("slots"); sl != v.end() && rd.Object(*sl, ptr + "/slots")) {
        for (auto it = sl->begin(); it != sl->end(); ++it) {
          const std::string sp = ptr + "/slots/" + Esc(it.key());
          if (!IsIdentifier(it.key())) rd.Error(sp, "a slot name is letters, digits and \"_\" (it becomes the template variable {" + it.key() + "})");
          else if (!it->is_string()) rd.Error(sp, std::string("expected an entity type (a string), got ") + TypeName(*it));
          else intent.slots[it.key()] = it->get<std::string>();
        }
      }
      rd.OptBool(v, "handoff", ptr, &intent.handoff);
      rd.OptBool(v, "distress", ptr, &intent.distress);
      rd.OptString(v, "topic", ptr, &intent.topic);
      pack.intents.push_back(std::move(intent));
    }
  }

  if (pack.intents.size() > kMaxIntents)
    rd.Error("/intents", "at most " + std::to_string(kMaxIntents) + " intents (got " + std::to_string(pack.intents.size()) + ")");
  if (auto o = doc.find("out_of_scope"); o != doc.end()) rd.StringList(*o, "/out_of_scope", &pack.out_of_scope, false);
  size_t examples = pack.out_of_scope.size();
  for (const Intent& in : pack.intents) examples += in.examples.size();
  if (examples > kMaxExamples)
    rd.Error("/intents", "at most " + std::to_string(kMaxExamples) + " examples in all (got " + std::to_string(examples) +
                             "): the model trains in the visitor's browser");

  if (auto h = doc.find("handoff"); h != doc.end()) ParseHandoff(rd, *h, "/handoff", &pack.handoff);

  // References only make sense once every part has a shape.
  if (!rd.failed && intents_ok) CheckReferences(rd, pack, doc);
  *out = std::move(pack);
  return true;
}

}  // namespace

const std::vector<std::string>& ToneNames() {
  static const std::vector<std::string> kTones = {"neutral", "frustrated", "angry", "sad", "anxious", "happy", "crisis"};
  return kTones;
}

const std::vector<std::string>& DistressTones() {
  static const std::vector<std::string> kTones = {"frustrated", "angry", "sad", "anxious", "crisis"};
  return kTones;
}

const FlowStep* Flow::Step(const std::string& id) const {
  for (const FlowStep& s : steps)
    if (s.id == id) return &s;
  return nullptr;
}

const Intent* Pack::FindIntent(const std::string& name) const {
  for (const Intent& in : intents)
    if (in.name == name) return &in;
  return nullptr;
}

std::vector<std::string> TemplateVariables(std::string_view text) {
  std::vector<std::string> out;
  for (size_t i = 0; i < text.size(); ++i) {
    if (text[i] != '{') continue;
    if (i + 1 < text.size() && text[i + 1] == '{') { ++i; continue; }
    const size_t close = text.find('}', i);
    if (close == std::string_view::npos) break;
    out.emplace_back(text.substr(i + 1, close - i - 1));
    i = close;
  }
  return out;
}

Status LoadPack(std::string_view text, Pack* out) {
  Reader rd;
  Pack pack;
  std::string json_error;
  if (!Read(text, rd, &pack, &json_error)) return Status::InvalidJson(json_error);
  if (Status s = FirstError(rd.diags); !s.ok()) return s;
  *out = std::move(pack);
  return Status::Ok();
}

namespace {

// Moves (*line, *column) from byte `from` to byte `to` of `text`: lines and
// code points, the one count LineColumn and CheckPack share.
void AdvanceLineColumn(std::string_view text, size_t from, size_t to, int* line, int* column) {
  for (size_t i = from; i < to && i < text.size(); ++i) {
    const unsigned char c = text[i];
    if (c == '\n') { ++*line; *column = 1; }
    else if ((c & 0xC0) != 0x80) ++*column;  // count code points, not bytes
  }
}

// CheckPack's work, with the tone check (if any) as `tone`.
template <class ToneCheckFn>
std::vector<Diagnostic> Check(std::string_view text, ToneCheckFn tone) {
  Reader rd;
  Pack pack;
  std::string json_error;
  if (!Read(text, rd, &pack, &json_error)) return rd.diags;
  // The tone check reads whatever replies parsed, so an author sees tone
  // advice alongside the errors rather than after fixing them.
  tone(pack, &rd.diags);
  // Positions in one pass over the text, however many diagnostics (one scan
  // per diagnostic took 21 s for a 700 KB pack with 10 000 warnings).
  std::vector<size_t> todo;
  std::vector<std::string> pointers;
  for (size_t k = 0; k < rd.diags.size(); ++k)
    if (rd.diags[k].line == 0) {
      todo.push_back(k);
      pointers.push_back(rd.diags[k].pointer);
    }
  const std::vector<size_t> offsets = LocatePointers(text, pointers);
  std::vector<size_t> order(todo.size());
  for (size_t k = 0; k < order.size(); ++k) order[k] = k;
  std::stable_sort(order.begin(), order.end(), [&](size_t a, size_t b) { return offsets[a] < offsets[b]; });
  int line = 1, column = 1;
  size_t at = 0;
  for (size_t k : order) {
    AdvanceLineColumn(text, at, offsets[k], &line, &column);
    at = offsets[k];  // sorted: never backwards
    rd.diags[todo[k]].line = line;
    rd.diags[todo[k]].column = column;
  }
  return rd.diags;
}

}  // namespace

std::vector<Diagnostic> CheckPack(std::string_view text, std::string_view tone_rules_json) {
  return CheckPack(text, tone_rules_json, UtcOffsetFn());
}

std::vector<Diagnostic> CheckPack(std::string_view text, std::string_view tone_rules_json, const UtcOffsetFn& zones) {
  return Check(text, [&](const Pack& pack, std::vector<Diagnostic>* diags) {
    if (!tone_rules_json.empty()) ToneCheck(pack, tone_rules_json, diags);
    if (!zones) return;
    // Time zones the caller's tz data does not know would fail every
    // business-hours check in the widget: better at `check` time.
    for (size_t i = 0; i < pack.handoff.business_hours.size(); ++i) {
      HoursRule rule;
      if (!ParseHoursRule(pack.handoff.business_hours[i], &rule).ok()) continue;  // already an error
      if (rule.zone != "UTC" && !zones(rule.zone, 0))
        diags->push_back({"error", "/handoff/business_hours/" + std::to_string(i), "unknown time zone " + Quote(rule.zone) + " (expected an IANA name such as \"Europe/Madrid\")", 0, 0, ""});
    }
  });
}

std::vector<Diagnostic> CheckPack(std::string_view text, const ToneRules& tone_rules) {
  return Check(text, [&](const Pack& pack, std::vector<Diagnostic>* diags) { ToneCheck(pack, tone_rules, diags); });
}

// --- Pointer -> position ------------------------------------------------------
//
// A small scanner over text that already parsed as JSON: it walks the
// pointer's tokens, skipping values it does not need without recursion.

namespace {

struct Scan {
  std::string_view t;
  size_t i = 0;
  void Ws() {
    while (i < t.size() && (t[i] == ' ' || t[i] == '\n' || t[i] == '\r' || t[i] == '\t')) ++i;
  }
  // At a '"': reads the string (escapes decoded well enough to compare keys).
  std::string String() {
    std::string out;
    ++i;
    while (i < t.size() && t[i] != '"') {
      if (t[i] == '\\' && i + 1 < t.size()) {
        const char e = t[i + 1];
        if (e == 'u' && i + 5 < t.size()) {
          const unsigned cp = static_cast<unsigned>(std::strtoul(std::string(t.substr(i + 2, 4)).c_str(), nullptr, 16));
          if (cp < 0x80) out += static_cast<char>(cp);
          else out += '?';
          i += 6;
          continue;
        }
        out += e == 'n' ? '\n' : e == 't' ? '\t' : e == 'r' ? '\r' : e == 'b' ? '\b' : e == 'f' ? '\f' : e;
        i += 2;
        continue;
      }
      out += t[i++];
    }
    ++i;
    return out;
  }
  void Skip() {
    Ws();
    if (i >= t.size()) return;
    if (t[i] == '"') { String(); return; }
    if (t[i] != '{' && t[i] != '[') {
      while (i < t.size() && t[i] != ',' && t[i] != '}' && t[i] != ']' && t[i] != ' ' && t[i] != '\n' && t[i] != '\r' && t[i] != '\t') ++i;
      return;
    }
    int depth = 0;
    while (i < t.size()) {
      const char c = t[i];
      if (c == '"') { String(); continue; }
      if (c == '{' || c == '[') ++depth;
      if (c == '}' || c == ']') {
        --depth;
        ++i;
        if (depth == 0) return;
        continue;
      }
      ++i;
    }
  }
};

}  // namespace

size_t LocatePointer(std::string_view text, std::string_view pointer) {
  Scan s{text, 0};
  s.Ws();
  size_t found = s.i;
  size_t p = 0;
  if (pointer.empty() || pointer == "/") return found;
  while (p < pointer.size() && pointer[p] == '/') {
    size_t q = pointer.find('/', p + 1);
    if (q == std::string_view::npos) q = pointer.size();
    std::string token;
    for (size_t k = p + 1; k < q; ++k) {
      if (pointer[k] == '~' && k + 1 < q) {
        token += pointer[k + 1] == '1' ? '/' : '~';
        ++k;
      } else {
        token += pointer[k];
      }
    }
    p = q;
    s.Ws();
    if (s.i >= text.size()) return found;
    bool hit = false;
    if (text[s.i] == '{') {
      ++s.i;
      while (true) {
        s.Ws();
        if (s.i >= text.size() || text[s.i] != '"') break;
        const std::string key = s.String();
        s.Ws();
        if (s.i < text.size() && text[s.i] == ':') ++s.i;
        s.Ws();
        if (key == token) { hit = true; break; }
        s.Skip();
        s.Ws();
        if (s.i < text.size() && text[s.i] == ',') ++s.i;
        else break;
      }
    } else if (text[s.i] == '[') {
      char* end = nullptr;
      const long index = std::strtol(token.c_str(), &end, 10);
      if (token.empty() || *end != 0 || index < 0) return found;
      ++s.i;
      s.Ws();
      long k = 0;
      while (s.i < text.size() && text[s.i] != ']') {
        if (k == index) { hit = true; break; }
        s.Skip();
        s.Ws();
        if (s.i < text.size() && text[s.i] == ',') { ++s.i; s.Ws(); }
        else break;
        ++k;
      }
    }
    if (!hit) return found;
    found = s.i;
  }
  return found;
}

std::vector<size_t> LocatePointers(std::string_view text, const std::vector<std::string>& pointers) {
  // "/" and anything not starting with '/' mean the document, as in LocatePointer.
  auto canonical = [](const std::string& p) { return p.empty() || p == "/" || p[0] != '/' ? std::string() : p; };
  auto parent = [](std::string* p) {
    const size_t k = p->rfind('/');
    p->resize(k == std::string::npos ? 0 : k);
  };
  // The pointers and their ancestors: only these containers are entered.
  std::unordered_set<std::string> wanted;
  for (const std::string& p : pointers)
    for (std::string q = canonical(p); wanted.insert(q).second && !q.empty();) parent(&q);

  std::unordered_map<std::string, size_t> at;
  Scan s{text, 0};
  s.Ws();
  at.emplace("", s.i);
  struct Frame {
    size_t len;  // the container's pointer length
    bool object;
    long index;
  };
  std::vector<Frame> stack;
  std::string ptr;
  auto enter = [&] {
    if (s.i < text.size() && (text[s.i] == '{' || text[s.i] == '[')) {
      stack.push_back({ptr.size(), text[s.i] == '{', 0});
      ++s.i;
    } else {
      s.Skip();
    }
  };
  enter();
  while (!stack.empty()) {
    s.Ws();
    if (s.i >= text.size()) break;
    const char c = text[s.i];
    if (c == ',') { ++s.i; continue; }
    if (c == '}' || c == ']') { ++s.i; stack.pop_back(); continue; }
    Frame& f = stack.back();
    ptr.resize(f.len);
    ptr += '/';
    if (f.object) {
      if (c != '"') break;
      ptr += Esc(s.String());
      s.Ws();
      if (s.i < text.size() && text[s.i] == ':') ++s.i;
      s.Ws();
    } else {
      ptr += std::to_string(f.index++);
    }
    // Of repeated keys the first is entered, as LocatePointer does.
    if (wanted.count(ptr) && at.emplace(ptr, s.i).second) enter();
    else s.Skip();
  }

  std::vector<size_t> out;
  out.reserve(pointers.size());
  for (const std::string& p : pointers) {
    std::string q = canonical(p);
    auto it = at.find(q);
    while (it == at.end()) {  // "" is always there
      parent(&q);
      it = at.find(q);
    }
    out.push_back(it->second);
  }
  return out;
}

void LineColumn(std::string_view text, size_t offset, int* line, int* column) {
  *line = 1;
  *column = 1;
  AdvanceLineColumn(text, 0, offset, line, column);
}

}  // namespace attune
