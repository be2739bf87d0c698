// Pack: a template pack, the JSON a site owner edits to shape Attune.
//
// A pack holds intents (with examples the recognizer trains on at load),
// responses (with tone variants), fallback and handoff settings. LoadPack()
// parses and validates it without throwing: on failure the Status names the
// JSON pointer of the offending value and what was expected, and *pack is
// left unchanged. The format is described by packs/pack.schema.json.
#pragma once

#include <map>
#include <string>
#include <string_view>
#include <vector>

#include "handoff.h"
#include "status.h"

namespace attune {

inline constexpr int kPackFormatVersion = 1;

// Tones a response may vary by; "neutral" is the one every response needs.
const std::vector<std::string>& ToneNames();

struct Response {
  // tone name -> variants; always has "neutral".
  std::map<std::string, std::vector<std::string>> variants;
  std::vector<std::string> quick_replies;
};

struct Intent {
  std::string name;
  std::vector<std::string> examples;
  std::string response;  // key into Pack::responses. Default: the intent's name.
  bool handoff = false;  // Default: false. True for "ask for a person" intents.
};

struct CrisisResource {
  std::string name;
  std::string phone;
  std::string url;
};

struct HandoffSettings {
  HandoffPolicy policy;
  std::string consent_text;
  std::string no_agent_message;
  std::vector<CrisisResource> crisis_resources;
};

struct Pack {
  int version = kPackFormatVersion;
  std::string id;
  std::string name;
  std::string language = "en";     // Default: "en".
  double intent_threshold = 0.35;  // Default: below this confidence the intent is "none".
  std::vector<Intent> intents;
  std::map<std::string, Response> responses;  // must include "greeting" and "fallback"
  HandoffSettings handoff;
};

// Parses and validates `json`. On success fills *pack and returns OK.
// Errors: InvalidJson (with line:column) when `json` does not parse;
// InvalidPack (with JSON pointer) when a value has the wrong type, a required
// field is missing, an intent name repeats or an intent's response is unknown.
Status LoadPack(std::string_view json, Pack* pack);

}  // namespace attune
