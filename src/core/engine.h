// Engine: one conversation with one visitor, turn by turn.
//
// An Engine is built from a pack's JSON (the intent model trains then, from
// the pack's examples). Respond() takes the visitor's message (and, when the
// emotion model ran, its probabilities) and returns a TurnResult: the reply
// and everything that explains it (intent, entities, flow, tone, the exact
// template used, affect, handoff decision). The same engine runs in the
// widget (wasm), the Node CLI and native tests.
#pragma once

#include <cstdint>
#include <functional>
#include <map>
#include <memory>
#include <set>
#include <string>
#include <string_view>
#include <vector>

#include "affect.h"
#include "context.h"
#include "dialogue.h"
#include "entities.h"
#include "flows.h"
#include "handoff.h"
#include "hours.h"
#include "judgement.h"
#include "limits.h"
#include "pack.h"
#include "status.h"

namespace attune {

struct TurnResult {
  int turn = 0;
  std::string reply;
  std::string intent;  // "none" when not understood
  double confidence = 0;
  std::string tone;
  std::string response;  // response key that produced the reply
  int variant = 0;
  std::vector<std::string> quick_replies;
  Affect affect;
  Decision decision;
  // Not OK when a limit (limits.h) applied to this message:
  //   "rate_limited"      refused: the turn was not taken, `turn` is the
  //                       previous turn's number and `reply` is empty;
  //   "message_too_long"  the message was cut to max_message_bytes and the
  //                       turn went ahead on that (reply as usual).
  Status limit;
  int64_t retry_after_ms = 0;  // for "rate_limited": when to try again
  // Packs (issue 5); JSON names in TurnResultToJson.
  std::string variant_tone;      // tone of the variant used ("neutral" when none fits)
  std::string template_pointer;  // "template": JSON pointer of the variant in the pack
  std::string acknowledgement;   // opener naming the feeling, or empty
  std::vector<Entity> entities;
  FlowTurn flow;                 // flow.status empty when no flow was involved
  // Set when the crisis response was used: the pack's resources for the
  // country given to SetCountry and the crisis kinds of the turn
  // (CrisisResourcesFor).
  std::vector<CrisisResource> crisis_resources;
  // When the decision hands off: the team it goes to (pack handoff.routing,
  // else "default"); empty otherwise.
  std::string team;
  // Agent assist: what a person answering this message could send, drafted
  // from the pack's templates in the turn's tone, best first (at most 3):
  // the answer to this message's intent, then to the conversation's topic,
  // then to the runner-up intent, then the pack's acknowledgement of the
  // feeling. Entities given anywhere in the conversation fill the templates,
  // and a response that asks for something already given ("What's your
  // order number?") is never suggested: the answer it leads to is.
  std::vector<std::string> suggestions;
  // How the message was read against what the bot had just asked or
  // offered (context.h): "yes", "no", "ordinal", "quick_reply",
  // "label_words", "follow_up" (a short question about the topic in hand,
  // "how do i do that": answered with the topic again), or empty
  // when it was read on its own.
  std::string context;
  // Languages (Engine::AddPack): the language of the pack that answered
  // ("reply_language"), and, on the turn the engine switched to another of
  // its languages because the visitor wrote in it, that language
  // ("language_switched"; empty otherwise).
  std::string reply_language;
  std::string language_switched;
};

// JSON form of a turn, the contract shared with the widget and the CLI.
std::string TurnResultToJson(const TurnResult& result);
// [{name, phone, url, countries?, kinds?}]: crisis resources as turns carry them.
std::string CrisisResourcesToJson(const std::vector<CrisisResource>& resources);

class Engine {
 public:
  // Builds an engine from pack JSON. On success sets *engine and returns OK;
  // on failure leaves *engine null and returns the pack error (see LoadPack).
  static Status Create(std::string_view pack_json, std::unique_ptr<Engine>* engine);

  // The greeting, as a turn with intent "greeting".
  TurnResult Greet();
  // One visitor turn. `emotion_probs` may be empty (no model).
  TurnResult Respond(std::string_view text, const std::vector<float>& emotion_probs = {});
  // Starts a new conversation with the same pack (the transcript is cleared;
  // the rate limit keeps counting, so a reset cannot bypass it).
  void Reset();
  // The visitor declined the handoff offer (HandoffDeclined), or the
  // conversation with a person has ended (HandoffEnded). Either way the
  // handoff decision stays off, and "offer_human" is not offered, until
  // something new happens: a new crisis, a new explicit request for a person,
  // distress rising 0.15 above its level now, or 6 turns (see
  // Conversation::Decline). Those turns report handoff_suppressed; a crisis
  // is still a cue, with its resources, and gets the pack's
  // "crisis_no_handoff" reply (when it has one) instead of "crisis".
  void HandoffDeclined();
  void HandoffEnded();
  // The visitor's country (ISO 3166-1 alpha-2, any case: "ES", "gb"), which
  // chooses the crisis resources turns carry. Empty clears it (the pack's
  // fallback resources). Errors: InvalidArgument, country unchanged, when
  // `country` is not an assigned code ("UK", "EU", "Spain").
  Status SetCountry(std::string_view country);
  const std::string& country() const { return country_; }
  // The pack's crisis resources for `country` (CrisisResourcesFor in
  // pack.h): its own lines, else the fallback ones. Never fails.
  std::vector<CrisisResource> CrisisResources(std::string_view country, const std::vector<std::string>& kinds = {}) const;
  // Whether the pack's handoff.business_hours are open at `epoch_ms` (UTC)
  // and, when closed, the next opening (hours.h). `offset` answers the UTC
  // offset of the pack's time zones (web/engine.js passes one built on
  // Intl); empty knows UTC only. Errors: InvalidArgument for a time zone
  // `offset` does not know; *out unchanged.
  Status BusinessHoursOpen(int64_t epoch_ms, const UtcOffsetFn& offset, HoursStatus* out) const;
  // Sets a template variable for this conversation, e.g. the visitor's
  // {name} when the host page knows it. An empty value clears it.
  void SetVariable(const std::string& name, const std::string& value);

  // The conversation's place as a JSON string, to continue it in another
  // engine built from the same pack (a reload, another tab): turn number,
  // flow (active and paused, step, attempts, slots), known entities, topic,
  // last intent, what the bot just asked or offered, the responder's
  // rotation and acknowledgements, the handoff history (distress, turn
  // scores, fallbacks, a decline's suppression), the transcript, the host's
  // variables and country, and the pack it belongs to (id, format version
  // and a fingerprint of its intents, responses and flows). "language" is
  // the pack language answering. Limits, clock, judgement model and rate
  // limit are the engine's own and are not saved. Never fails.
  std::string SaveState() const;
  // Continues the conversation saved by SaveState(). Errors, with the engine
  // unchanged: InvalidArgument when `json` is larger than MaxStateBytes(),
  // is not JSON (or nests deeper than a state does), is not an Attune state,
  // belongs to another pack (id, version or fingerprint differ) or language,
  // or holds a value out of range (a flow or response the pack lacks, a
  // distress outside 0..1). A transcript longer than this engine's limits
  // is trimmed to them (oldest first, counted as dropped), not refused.
  Status RestoreState(std::string_view json);
  // Largest state RestoreState() reads: twice the transcript byte limit
  // (JSON escaping) plus 256 KiB for the rest.
  size_t MaxStateBytes() const { return 2 * limits_.max_transcript_bytes + 256 * 1024; }

  // The judgement model every turn is scored with (judgement.h), shared by
  // engines; null (the default) runs the patterns alone.
  void SetJudgement(std::shared_ptr<const JudgementModel> model) { judgement_ = std::move(model); }

  // Limits on visitor messages and the transcript (limits.h). Default: Limits{}.
  void SetLimits(const Limits& limits);
  const Limits& limits() const { return limits_; }
  // Milliseconds from a monotonic clock, for the rate limit. Default: std::chrono::steady_clock.
  void SetClock(std::function<int64_t()> now_ms) { clock_ = std::move(now_ms); }
  // Visitor messages and replies so far, bounded by limits().
  const Transcript& transcript() const { return transcript_; }

  // Languages: one engine can hold several languages of one pack set
  // (packs/<pack>.<lang>.json: same id, intents, flows and responses). The
  // active language's pack answers; the conversation (flow and slots, known
  // entities, topic, distress and handoff history, transcript, turn count,
  // variant rotation) carries over a switch. The handoff policy stays the
  // first pack's.
  //
  // Adds another language. Errors (engine unchanged): InvalidJson /
  // InvalidPack as Create; InvalidArgument when the pack's "language" is
  // already held. (That it is the same pack set, e.g. ids "ecommerce-en" and
  // "ecommerce-es", is the caller's to know.)
  Status AddPack(std::string_view pack_json);
  // Makes `language` the active one (the visitor chose it). No note is said.
  // Errors: InvalidArgument, language unchanged, for a language not held.
  Status SetLanguage(std::string_view language);
  // The languages held, sorted ("en", "es", ...), and the active one.
  std::vector<std::string> languages() const;
  const std::string& language() const { return pack_.language; }
  // The language `text` is clearly written in, by the judgement model and
  // the switching rule Respond uses (enough words and letters, confident):
  // any language the model knows, held or not, so a caller can add that
  // pack before responding. Empty without a model or when unsure ("ok",
  // "no", an order number).
  std::string MessageLanguage(std::string_view text) const;

  const Pack& pack() const { return pack_; }
  // The pack's handoff.teams, for a visitor choosing one.
  const std::vector<Team>& teams() const { return pack_.handoff.teams; }

 private:
  Status RestoreStateIn(std::string_view json);  // RestoreState in the active language
  // The reply for `response`; not the words of the last turn's reply again
  // when `previous` (that turn's response) is the same.
  Reply SayAgainOtherwise(const std::string& response, const std::string& previous, const std::string& tone,
                          const std::map<std::string, std::string>& vars);
  Engine() = default;
  // The active language's pack and intent model are pack_ and recognizer_;
  // the other languages wait here, swapped in by SetLanguage.
  struct Language {
    Pack pack;
    IntentRecognizer recognizer;
  };
  Pack pack_;
  IntentRecognizer recognizer_;
  std::map<std::string, Language> parked_;
  std::set<std::string> announced_;  // languages switched to in this conversation (their note said)
  // The turn's automatic switch: the held language the judged message is
  // clearly in, else empty.
  std::string SwitchTarget(const Affect& affect, std::string_view cleaned) const;
  // Prefixes the pack's "language_switched" note to the first reply in a
  // language the engine switched to (once per language per conversation).
  void AnnounceSwitch(TurnResult* r);
  Responder responder_;
  FlowRunner flows_;
  std::map<std::string, std::string> variables_;
  Conversation conversation_;
  std::shared_ptr<const JudgementModel> judgement_;
  std::string country_;      // ISO 3166-1 alpha-2, upper case; empty when unknown
  std::string last_intent_;
  std::string topic_;        // the last intent the visitor asked about (not greetings or asking for a person)
  // The quick replies that do something under the last answer on a topic
  // ("It hasn't moved" under the order's status), and that topic: typed in
  // other words after a detour, while the topic holds, they still do it.
  PendingContext topic_offer_;
  std::string topic_offer_topic_;
  std::map<std::string, std::string> known_entities_;  // entity type -> the latest value given, as typed
  // Agent assist: up to kMaxSuggestions replies drafted from the pack for
  // what the visitor needs now (see TurnResult::suggestions).
  std::vector<std::string> Suggest(const TurnResult& r, std::string_view cleaned);
  // The response that answers `intent` given what is known, and its variables.
  std::pair<std::string, std::map<std::string, std::string>> Answer(const Intent& intent) const;  // the intent answered last turn, to notice an answer that did not help
  int turn_ = 0;
  // What the last reply asked or offered, read against the next message.
  PendingContext pending_;
  // The response keys of the last two turns: a third turn running on the
  // same one offers a person instead of repeating it.
  std::vector<std::string> recent_responses_;
  std::string PackFingerprint() const;
  Limits limits_;
  MessageGate gate_;
  Transcript transcript_;
  std::function<int64_t()> clock_;
};

}  // namespace attune
