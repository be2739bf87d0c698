// Pack: a template pack, the JSON a site owner edits to shape Attune.
//
// A pack holds intents (with examples the recognizer trains on at load,
// optional patterns and the entities they care about), responses (with tone
// variants, variables and quick replies), multi-step flows, acknowledgements
// for distress, fallback and handoff settings. The format is versioned
// (kPackFormatVersion) and described by packs/pack.schema.json, which a
// pack names in its "$schema" key.
//
// LoadPack() parses and validates without throwing: on failure the Status
// names the JSON pointer of the offending value and what was expected, and
// *pack is left unchanged. CheckPack() runs the same validation but collects
// every error and warning (unknown keys, unreachable flow steps, ...) with
// line and column, for `attune check`.
#pragma once

#include <map>
#include <string>
#include <string_view>
#include <vector>

#include "handoff.h"
#include "hours.h"
#include "status.h"

namespace attune {

inline constexpr int kPackFormatVersion = 1;
// The intent model trains in the visitor's browser, with memory ~ features x
// intents: beyond these a pack is refused at load rather than stalling or
// exhausting the page (BANKING77, 77 intents x 10 003 examples, is well
// inside both).
inline constexpr size_t kMaxIntents = 500;
inline constexpr size_t kMaxExamples = 50000;

// Tones a response may vary by; "neutral" is the one every response needs.
// "crisis" is used only by the crisis response.
const std::vector<std::string>& ToneNames();
// The tones that call for acknowledging the visitor's feeling first.
const std::vector<std::string>& DistressTones();

// What a quick reply does when the visitor sends it (its label), in a pack:
// {"text": "It hasn't moved", "intent": "complaint"} or {"text": "...",
// "response": "declined"}; a plain string label does nothing special (it is
// read like anything typed). Exactly one of intent/response is set.
struct QuickReplyAction {
  std::string intent;    // the intent the label means (confidence 1)
  std::string response;  // or the response that answers it directly
};

struct Response {
  // tone name -> variants; always has "neutral".
  std::map<std::string, std::vector<std::string>> variants;
  // tone name -> JSON pointer of each variant, for diagnostics and `template`.
  std::map<std::string, std::vector<std::string>> pointers;
  std::vector<std::string> quick_replies;  // labels, as the widget shows them
  std::vector<QuickReplyAction> quick_reply_actions;  // one per label (empty action for a plain string)
};

struct Intent {
  std::string name;
  std::vector<std::string> examples;
  std::vector<std::string> patterns;  // see PatternMatches() in intents.h
  std::string response;  // key into Pack::responses. Default: the intent's name.
  std::string flow;      // flow it starts, if any. Default: none.
  // slot -> entity type: an entity of that type in the message fills the
  // slot, usable as {slot} in this (and later) replies. Default: none.
  std::map<std::string, std::string> slots;
  bool handoff = false;  // Default: false. True for "ask for a person" intents.
  bool distress = false; // Default: false. True when visitors say it upset (complaints):
                         // every reply must acknowledge the feeling (checked by `check`).
  // How the bot names this topic in a quick reply when it is not sure what
  // the visitor meant ("Track an order"); sending it asks for the intent.
  // Only intents with a topic are offered. Default: none.
  std::string topic;
};

// A pack-defined entity: a safe pattern matched against whole words (see
// EntityPatternError in entities.h). It may redefine a built-in type such as
// "order_number" to the shop's own format.
struct EntityDefinition {
  std::string name;
  std::string pattern;
};

// One step of a flow: ask for a slot until the visitor gives a valid value.
struct FlowStep {
  std::string id;
  std::string ask;     // response asking for the value
  std::string slot;    // variable the value is stored in, e.g. "order_id"
  std::string entity;  // entity type that is a valid value, e.g. "order_number"
  std::string retry;   // response when the answer is not valid. Default: `ask`.
  int max_attempts = 2;  // Default: 2 invalid answers, then offer a person.
  std::string next;    // the following step, or empty when `done` is set
  std::string done;    // response that completes the flow (may use the slots)
  // Response asking again after the visitor asked about something else in
  // the middle ("Back to your order: what's the order number?"). Default: `ask`.
  std::string resume;
};

struct Flow {
  std::string name;
  std::string start;  // first step id
  std::vector<FlowStep> steps;
  const FlowStep* Step(const std::string& id) const;
};

struct CrisisResource {
  std::string name;
  std::string phone;
  std::string url;
  // ISO 3166-1 alpha-2 codes of the countries it serves ("US", "ES").
  // Default: none, which makes it a fallback (see CrisisResourcesFor).
  std::vector<std::string> countries;
  // The crisis kinds it is for (judgement.h: "self_harm",
  // "medical_emergency", "violence"). Default: none, i.e. every crisis. A
  // suicide line is no help to a parent whose child is having a seizure.
  std::vector<std::string> kinds;
};

// True for a team id the relay accepts: 1-64 of [A-Za-z0-9._-].
bool IsTeamId(std::string_view id);

// True for an officially assigned ISO 3166-1 alpha-2 code in upper case
// ("ES", "GB"; not "UK", "es" or "EU").
bool IsCountryCode(std::string_view code);

// The crisis resources to show a visitor in `country` (an ISO 3166-1
// alpha-2 code, any case): those whose `countries` include it, in pack
// order; when none does, or the country is unknown (empty or not a code),
// the fallback ones (no `countries`). A pack that names no countries at all
// therefore shows every resource to everyone, as before countries existed.
// Given the turn's crisis kinds, only the chosen lines for one of them (or
// for every crisis) are kept, unless none is: the card is never emptied.
std::vector<CrisisResource> CrisisResourcesFor(const std::vector<CrisisResource>& all, std::string_view country,
                                               const std::vector<std::string>& kinds = {});

// A team a conversation may be handed to (the relay's team id), with the
// label a visitor choosing one sees.
struct Team {
  std::string id;     // [A-Za-z0-9._-], 1-64 characters
  std::string label;
};

// handoff.routing: when a handoff fires for `reason` (a cue among the
// decision's reasons, e.g. "crisis") and/or about `intent` (this turn's
// intent or the conversation's topic, the last intent it asked about), the
// conversation goes to `team`. Rules are tried in order; the first match wins.
struct RoutingRule {
  std::string reason;  // empty: any
  std::string intent;  // empty: any
  std::string team;
};

// The team every conversation goes to when no rule matches.
inline constexpr const char* kDefaultTeam = "default";

struct HandoffSettings {
  HandoffPolicy policy;
  std::string consent_text;
  std::string no_agent_message;
  std::vector<CrisisResource> crisis_resources;
  // "mon-fri 09:00-17:00 Europe/Paris" (the relay's --hours syntax); empty
  // means always open.
  std::vector<std::string> business_hours;
  std::vector<Team> teams;            // Default: none (everyone goes to "default").
  std::vector<RoutingRule> routing;   // Default: none.
};

// The team for a handoff: the first routing rule whose reason is among
// `reasons` and whose intent is `intent` or `topic`; kDefaultTeam when none.
std::string ChooseTeam(const HandoffSettings& handoff, const std::vector<Reason>& reasons, std::string_view intent,
                       std::string_view topic);

// The policy's fields a pack can set, as a pack's "handoff" object:
// {"threshold", "release", "smoothing", "fallbacks_before_offer",
// "valence_weight", "emotion_weight", "trend_turns", "weights": {cue: w}}.
// A pack whose handoff block is this loads to the same policy, so tools
// (attune tune) see the values in effect, defaults included, without a copy
// of the defaults of their own.
std::string HandoffPolicyToJson(const HandoffPolicy& policy);

struct Pack {
  int version = kPackFormatVersion;
  std::string id;
  std::string name;
  std::string description;
  std::string language = "en";     // Default: "en" (BCP 47).
  double intent_threshold = 0.35;  // Default: below this confidence the intent is "none".
  std::map<std::string, std::string> variables;  // fixed values for {name} in templates
  std::vector<EntityDefinition> entities;
  std::map<std::string, std::vector<std::string>> acknowledgements;  // tone -> openers
  // term -> plain alternative: words of the trade the tone check flags in
  // replies, on top of its rules' list. Default: none.
  std::map<std::string, std::string> jargon;
  std::vector<Intent> intents;
  // Questions visitors ask that the pack does not cover ("do you sell car
  // insurance?" at a clinic): the recognizer learns them as a class of
  // their own and declines what resembles them. Default: none.
  std::vector<std::string> out_of_scope;
  std::map<std::string, Response> responses;  // must include "greeting" and "fallback"
  std::map<std::string, Flow> flows;
  HandoffSettings handoff;

  const Intent* FindIntent(const std::string& name) const;
};

// Parses and validates `json`. On success fills *pack and returns OK.
// Errors: InvalidJson (with line:column) when `json` does not parse;
// InvalidPack (with JSON pointer) for the first problem found: a value of the
// wrong type, a missing required field, a repeated intent name, an unknown
// response, a template variable no one defines, a flow that loops or
// dead-ends, a malformed pattern.
Status LoadPack(std::string_view json, Pack* pack);

struct Diagnostic {
  std::string severity;  // "error" or "warning"
  std::string pointer;   // JSON pointer ("" = the document)
  std::string message;
  int line = 0;          // 1-based position of the value (or its nearest
  int column = 0;        // existing parent); 0 when unknown
  std::string suggestion;  // tone check: a kinder alternative; else empty
};

// Everything wrong with a pack: all errors LoadPack would report (not just
// the first), plus warnings: unknown keys (with "did you mean"), unreachable
// flow steps, responses no intent or flow uses. If `tone_rules_json` is not
// empty, also the tone check (see tone_check.h). Never fails.
std::vector<Diagnostic> CheckPack(std::string_view json, std::string_view tone_rules_json = {});
// The same, and every business_hours time zone `zones` does not know is an
// error (the core has no tz database: web/engine.js passes Intl's).
std::vector<Diagnostic> CheckPack(std::string_view json, std::string_view tone_rules_json, const UtcOffsetFn& zones);
// The same with rules already parsed (ParseToneRules), to check many packs.
struct ToneRules;
std::vector<Diagnostic> CheckPack(std::string_view json, const ToneRules& tone_rules);

// Byte offset of the value at `pointer` in JSON `text`, or of its nearest
// existing ancestor; 0 for "" or when `text` is not JSON.
size_t LocatePointer(std::string_view text, std::string_view pointer);
// LocatePointer for many pointers in one pass over `text` (pointers as
// CheckPack writes them: array indexes without leading zeros).
std::vector<size_t> LocatePointers(std::string_view text, const std::vector<std::string>& pointers);
// 1-based line and column (in code points) of byte `offset` in `text`.
void LineColumn(std::string_view text, size_t offset, int* line, int* column);

// Placeholders "{name}" used in a template, in order of appearance. "{{" is
// a literal brace.
std::vector<std::string> TemplateVariables(std::string_view text);

}  // namespace attune
