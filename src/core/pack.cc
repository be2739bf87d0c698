#include "pack.h"

#include <cstdio>
#include <set>

#include <nlohmann/json.hpp>

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

// Reads the optional string at obj[key]; reports a type error by pointer.
Status OptString(const json& obj, const char* key, const std::string& ptr, std::string* out) {
  auto it = obj.find(key);
  if (it == obj.end()) return Status::Ok();
  if (!it->is_string()) return Status::InvalidPack(ptr + "/" + key, std::string("expected a string, got ") + TypeName(*it));
  *out = it->get<std::string>();
  return Status::Ok();
}

Status OptNumber(const json& obj, const char* key, const std::string& ptr, double lo, double hi, double* out) {
  auto it = obj.find(key);
  if (it == obj.end()) return Status::Ok();
  if (!it->is_number()) return Status::InvalidPack(ptr + "/" + key, std::string("expected a number, got ") + TypeName(*it));
  const double v = it->get<double>();
  if (v < lo || v > hi)
    return Status::InvalidPack(ptr + "/" + key, "expected a number between " + Num(lo) + " and " + Num(hi));
  *out = v;
  return Status::Ok();
}

Status StringList(const json& v, const std::string& ptr, std::vector<std::string>* out, bool non_empty) {
  if (v.is_string()) {
    out->push_back(v.get<std::string>());
    return Status::Ok();
  }
  if (!v.is_array()) return Status::InvalidPack(ptr, std::string("expected an array of strings, got ") + TypeName(v));
  for (size_t i = 0; i < v.size(); ++i) {
    if (!v[i].is_string())
      return Status::InvalidPack(ptr + "/" + std::to_string(i), std::string("expected a string, got ") + TypeName(v[i]));
    out->push_back(v[i].get<std::string>());
  }
  if (non_empty && out->empty()) return Status::InvalidPack(ptr, "expected at least one string");
  return Status::Ok();
}

Status ParseResponse(const json& v, const std::string& ptr, Response* r) {
  if (v.is_string() || v.is_array()) return StringList(v, ptr, &r->variants["neutral"], true);
  if (!v.is_object()) return Status::InvalidPack(ptr, std::string("expected an object of tone variants, got ") + TypeName(v));
  const auto& tones = ToneNames();
  for (auto it = v.begin(); it != v.end(); ++it) {
    const std::string p = ptr + "/" + Esc(it.key());
    if (it.key() == "quick_replies") {
      if (Status s = StringList(it.value(), p, &r->quick_replies, false); !s.ok()) return s;
    } else if (std::find(tones.begin(), tones.end(), it.key()) != tones.end()) {
      if (Status s = StringList(it.value(), p, &r->variants[it.key()], true); !s.ok()) return s;
    }
    // Unknown keys are tolerated here; `attune check` warns about them.
  }
  if (!r->variants.count("neutral")) return Status::InvalidPack(ptr, "missing required tone \"neutral\"");
  return Status::Ok();
}

Status ParseHandoff(const json& v, const std::string& ptr, HandoffSettings* h) {
  if (!v.is_object()) return Status::InvalidPack(ptr, std::string("expected an object, got ") + TypeName(v));
  HandoffPolicy& p = h->policy;
  if (Status s = OptNumber(v, "threshold", ptr, 0, 1, &p.threshold); !s.ok()) return s;
  if (Status s = OptNumber(v, "release", ptr, 0, 1, &p.release); !s.ok()) return s;
  if (Status s = OptNumber(v, "smoothing", ptr, 0.05, 1, &p.smoothing); !s.ok()) return s;
  if (p.release > p.threshold) return Status::InvalidPack(ptr + "/release", "expected release <= threshold");
  double fb = p.fallbacks_before_offer;
  if (Status s = OptNumber(v, "fallbacks_before_offer", ptr, 1, 20, &fb); !s.ok()) return s;
  p.fallbacks_before_offer = static_cast<int>(fb);
  if (auto it = v.find("weights"); it != v.end()) {
    if (!it->is_object()) return Status::InvalidPack(ptr + "/weights", std::string("expected an object, got ") + TypeName(*it));
    for (auto w = it->begin(); w != it->end(); ++w) {
      if (!p.weights.count(w.key())) return Status::InvalidPack(ptr + "/weights/" + Esc(w.key()), "unknown cue name");
      double val = 0;
      if (Status s = OptNumber(*it, w.key().c_str(), ptr + "/weights", 0, 2, &val); !s.ok()) return s;
      p.weights[w.key()] = val;
    }
  }
  if (Status s = OptString(v, "consent_text", ptr, &h->consent_text); !s.ok()) return s;
  if (Status s = OptString(v, "no_agent_message", ptr, &h->no_agent_message); !s.ok()) return s;
  if (auto it = v.find("crisis_resources"); it != v.end()) {
    if (!it->is_array()) return Status::InvalidPack(ptr + "/crisis_resources", "expected an array");
    for (size_t i = 0; i < it->size(); ++i) {
      const json& r = (*it)[i];
      const std::string rp = ptr + "/crisis_resources/" + std::to_string(i);
      if (!r.is_object()) return Status::InvalidPack(rp, "expected an object");
      CrisisResource res;
      if (Status s = OptString(r, "name", rp, &res.name); !s.ok()) return s;
      if (res.name.empty()) return Status::InvalidPack(rp + "/name", "missing required string");
      if (Status s = OptString(r, "phone", rp, &res.phone); !s.ok()) return s;
      if (Status s = OptString(r, "url", rp, &res.url); !s.ok()) return s;
      h->crisis_resources.push_back(res);
    }
  }
  return Status::Ok();
}

}  // namespace

const std::vector<std::string>& ToneNames() {
  static const std::vector<std::string> kTones = {"neutral", "frustrated", "angry", "sad", "anxious", "happy", "crisis"};
  return kTones;
}

Status LoadPack(std::string_view text, Pack* out) {
  json doc = json::parse(text.begin(), text.end(), nullptr, /*allow_exceptions=*/false);
  if (doc.is_discarded()) {
    // Re-parse with a callback-free sax to find where it broke: nlohmann's
    // non-throwing parse does not report the position, so count it ourselves.
    struct Locator : nlohmann::json_sax<json> {
      size_t pos = 0;
      std::string what;
      bool null() override { return true; }
      bool boolean(bool) override { return true; }
      bool number_integer(number_integer_t) override { return true; }
      bool number_unsigned(number_unsigned_t) override { return true; }
      bool number_float(number_float_t, const string_t&) override { return true; }
      bool string(string_t&) override { return true; }
      bool binary(binary_t&) override { return true; }
      bool start_object(std::size_t) override { return true; }
      bool key(string_t&) override { return true; }
      bool end_object() override { return true; }
      bool start_array(std::size_t) override { return true; }
      bool end_array() override { return true; }
      bool parse_error(std::size_t p, const std::string&, const nlohmann::detail::exception& e) override {
        pos = p;
        what = e.what();
        return false;
      }
    } locator;
    json::sax_parse(text.begin(), text.end(), &locator, json::input_format_t::json, /*strict=*/true);
    size_t line = 1, col = 1;
    for (size_t i = 0; i + 1 < locator.pos && i < text.size(); ++i) {
      if (text[i] == '\n') { ++line; col = 1; } else { ++col; }
    }
    std::string what = locator.what;
    if (auto k = what.find("syntax error "); k != std::string::npos) what = what.substr(k);
    return Status::InvalidJson("line " + std::to_string(line) + ", column " + std::to_string(col) + ": " + what);
  }
  if (!doc.is_object()) return Status::InvalidPack("", std::string("expected an object, got ") + TypeName(doc));

  Pack pack;
  if (auto it = doc.find("version"); it != doc.end()) {
    if (!it->is_number_integer()) return Status::InvalidPack("/version", "expected an integer");
    pack.version = it->get<int>();
    if (pack.version != kPackFormatVersion)
      return Status::InvalidPack("/version", "unsupported pack version " + std::to_string(pack.version) + " (this build reads version " + std::to_string(kPackFormatVersion) + ")");
  }
  if (Status s = OptString(doc, "id", "", &pack.id); !s.ok()) return s;
  if (Status s = OptString(doc, "name", "", &pack.name); !s.ok()) return s;
  if (Status s = OptString(doc, "language", "", &pack.language); !s.ok()) return s;
  if (Status s = OptNumber(doc, "intent_threshold", "", 0, 1, &pack.intent_threshold); !s.ok()) return s;

  auto responses = doc.find("responses");
  if (responses == doc.end()) return Status::InvalidPack("", "missing required object \"responses\"");
  if (!responses->is_object()) return Status::InvalidPack("/responses", std::string("expected an object, got ") + TypeName(*responses));
  for (auto it = responses->begin(); it != responses->end(); ++it) {
    Response r;
    if (Status s = ParseResponse(it.value(), "/responses/" + Esc(it.key()), &r); !s.ok()) return s;
    pack.responses[it.key()] = std::move(r);
  }
  for (const char* required : {"greeting", "fallback"})
    if (!pack.responses.count(required)) return Status::InvalidPack("/responses", std::string("missing required response \"") + required + "\"");

  auto intents = doc.find("intents");
  if (intents == doc.end()) return Status::InvalidPack("", "missing required array \"intents\"");
  if (!intents->is_array()) return Status::InvalidPack("/intents", std::string("expected an array, got ") + TypeName(*intents));
  std::set<std::string> names;
  for (size_t i = 0; i < intents->size(); ++i) {
    const json& v = (*intents)[i];
    const std::string ptr = "/intents/" + std::to_string(i);
    if (!v.is_object()) return Status::InvalidPack(ptr, std::string("expected an object, got ") + TypeName(v));
    Intent intent;
    if (Status s = OptString(v, "name", ptr, &intent.name); !s.ok()) return s;
    if (intent.name.empty()) return Status::InvalidPack(ptr + "/name", "missing required string");
    if (!names.insert(intent.name).second) return Status::InvalidPack(ptr + "/name", "duplicate intent name \"" + intent.name + "\"");
    auto ex = v.find("examples");
    if (ex == v.end()) return Status::InvalidPack(ptr, "missing required array \"examples\"");
    if (Status s = StringList(*ex, ptr + "/examples", &intent.examples, true); !s.ok()) return s;
    intent.response = intent.name;
    if (Status s = OptString(v, "response", ptr, &intent.response); !s.ok()) return s;
    if (auto h = v.find("handoff"); h != v.end()) {
      if (!h->is_boolean()) return Status::InvalidPack(ptr + "/handoff", "expected a boolean");
      intent.handoff = h->get<bool>();
    }
    if (!pack.responses.count(intent.response))
      return Status::InvalidPack(ptr + (v.count("response") ? "/response" : "/name"), "no response named \"" + intent.response + "\" in /responses");
    pack.intents.push_back(std::move(intent));
  }

  if (auto h = doc.find("handoff"); h != doc.end())
    if (Status s = ParseHandoff(*h, "/handoff", &pack.handoff); !s.ok()) return s;

  *out = std::move(pack);
  return Status::Ok();
}

}  // namespace attune
