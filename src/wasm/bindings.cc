// The one Embind binding file: the core's API as seen from JavaScript.
// Compiled twice (CMakeLists.txt): attune-core, the widget's module (engines,
// redact, featurize, emotion labels), and with ATTUNE_TOOLS attune-tools, the
// superset the CLI, tests and benchmarks load (valence, Analyzer, checkPack,
// IntentModel): the pack checker and tone check stay out of every page.
//
// Errors never cross as exceptions: an Engine built from a bad pack reports
// ok() == false with errorCode()/errorMessage(), and web/engine.js turns that
// into a JS Error with a `code`. Objects handed to JS must be freed with
// delete(); web/engine.js wraps that in dispose().
#include <emscripten/bind.h>
#include <emscripten/val.h>

#include <nlohmann/json.hpp>

#include <memory>
#include <string>
#include <vector>

#include "core/affect.h"
#include "core/context.h"
#include "core/engine.h"
#include "core/limits.h"
#include "core/redact.h"
#include "core/handoff.h"
#include "core/hours.h"
#include "core/judgement.h"
#include "core/pack.h"
#include "core/text.h"
#include "core/tone_check.h"

using emscripten::val;

namespace {

val ParseJson(const std::string& s) { return val::global("JSON").call<val>("parse", s); }

std::vector<float> ToFloats(const val& probs) {
  std::vector<float> out;
  if (probs.isNull() || probs.isUndefined()) return out;
  const unsigned n = probs["length"].as<unsigned>();
  out.reserve(n);
  for (unsigned i = 0; i < n; ++i) out.push_back(probs[i].as<float>());
  return out;
}

// A judgement model read from its bytes (models/judgement.bin, a Uint8Array
// from JS). Shared by every engine and analyzer given it; each keeps it alive.
class JudgementHandle {
 public:
  explicit JudgementHandle(const std::string& bytes) { status_ = attune::JudgementModel::Load(bytes, &model_); }
  bool ok() const { return status_.ok(); }
  std::string errorCode() const { return status_.code(); }
  std::string errorMessage() const { return status_.message(); }
  val languages() const {
    val out = val::array();
    if (model_)
      for (const std::string& l : model_->languages()) out.call<void>("push", l);
    return out;
  }
  const std::shared_ptr<const attune::JudgementModel>& model() const { return model_; }

 private:
  attune::Status status_;
  std::shared_ptr<const attune::JudgementModel> model_;
};

// A JS function (zone, epochMs) -> minutes east of UTC or null as the core's
// UtcOffsetFn (hours.h); anything else gives an empty one (UTC only). The
// function must not throw (web/engine.js catches inside it): a JS exception
// may not unwind through the wasm frames.
attune::UtcOffsetFn OffsetFn(const val& fn) {
  if (fn.typeOf().as<std::string>() != "function") return {};
  return [fn](std::string_view zone, int64_t ms) -> std::optional<int> {
    const val r = fn(std::string(zone), static_cast<double>(ms));
    if (!r.isNumber()) return std::nullopt;
    return static_cast<int>(r.as<double>());
  };
}

// {code, message} of a failed Status, for web/engine.js to throw as an AttuneError.
val ErrorObject(const attune::Status& s) {
  val o = val::object();
  o.set("code", s.code());
  o.set("message", s.message());
  return o;
}

class EngineHandle {
 public:
  explicit EngineHandle(const std::string& pack_json) { status_ = attune::Engine::Create(pack_json, &engine_); }
  bool ok() const { return status_.ok(); }
  std::string errorCode() const { return status_.code(); }
  std::string errorMessage() const { return status_.message(); }
  val greet() { return engine_ ? ParseJson(attune::TurnResultToJson(engine_->Greet())) : val::null(); }
  // `probs`: emotion probabilities in emotionLabels() order, or null.
  val respond(const std::string& text, const val& probs) {
    if (!engine_) return val::null();
    return ParseJson(attune::TurnResultToJson(engine_->Respond(text, ToFloats(probs))));
  }
  void reset() {
    if (engine_) engine_->Reset();
  }
  // The visitor declined the handoff / the handoff with a person ended
  // (Engine::HandoffDeclined, HandoffEnded).
  void handoffDeclined() {
    if (engine_) engine_->HandoffDeclined();
  }
  void handoffEnded() {
    if (engine_) engine_->HandoffEnded();
  }
  void setJudgement(const JudgementHandle& j) {
    if (engine_) engine_->SetJudgement(j.model());
  }
  // The visitor's country for crisis resources: "" on success, else the
  // invalid_argument message (country unchanged).
  std::string setCountry(const std::string& country) {
    if (!engine_) return "no engine";
    return engine_->SetCountry(country).message();
  }
  // [{name, phone, url, countries?}] for `country` ("" = the fallback lines).
  val crisisResources(const std::string& country) const {
    return engine_ ? ParseJson(attune::CrisisResourcesToJson(engine_->CrisisResources(country))) : val::array();
  }
  std::string country() const { return engine_ ? engine_->country() : std::string(); }
  // The pack's handoff.teams: [{id, label}].
  val teams() const {
    val out = val::array();
    if (engine_)
      for (const attune::Team& t : engine_->teams()) {
        val o = val::object();
        o.set("id", t.id);
        o.set("label", t.label);
        out.call<void>("push", o);
      }
    return out;
  }
  // The pack's business hours at `epoch_ms`: {open, nextOpen (ms or null)},
  // or {error} for a time zone `utc_offset` does not know. `utc_offset` is a
  // JS function (zone, epochMs) -> minutes east of UTC or null, which must
  // not throw (web/engine.js builds it on Intl), since no JS exception may
  // unwind through the wasm frames.
  val businessHoursOpen(double epoch_ms, val utc_offset) const {
    val out = val::object();
    if (!engine_) return out;
    attune::HoursStatus status;
    const attune::Status s = engine_->BusinessHoursOpen(static_cast<int64_t>(epoch_ms), OffsetFn(utc_offset), &status);
    if (!s.ok()) {
      out.set("error", s.message());
      return out;
    }
    out.set("open", status.open);
    out.set("nextOpen", status.next_open_ms ? val(static_cast<double>(*status.next_open_ms)) : val::null());
    return out;
  }
  // A template variable for this conversation, e.g. the visitor's {name}.
  void setVariable(const std::string& name, const std::string& value) {
    if (engine_) engine_->SetVariable(name, value);
  }
  // The transcript so far, {entries:[{role, text, turn[, redacted]}], dropped},
  // with personal data redacted when `redact` (what may go to an agent).
  val transcript(bool redact) const { return engine_ ? ParseJson(engine_->transcript().ToJson(redact)) : val::null(); }
  // Replaces limits from JSON such as {"max_messages_per_minute": 0}: "" on
  // success, else the invalid_argument message (limits unchanged).
  std::string setLimits(const std::string& json) {
    if (!engine_) return "no engine";
    attune::Limits limits = engine_->limits();
    const attune::Status s = attune::LimitsFromJson(json, &limits);
    if (s.ok()) engine_->SetLimits(limits);
    return s.message();
  }
  val limits() const { return engine_ ? ParseJson(attune::LimitsToJson(engine_->limits())) : val::null(); }
  // The conversation's place as JSON text (Engine::SaveState).
  std::string saveState() const { return engine_ ? engine_->SaveState() : std::string(); }
  // Continues a saved conversation (Engine::RestoreState): null on success,
  // else {code, message} with the engine unchanged.
  val restoreState(const std::string& json) {
    if (!engine_) return ErrorObject(attune::Status::InvalidArgument("no engine"));
    const attune::Status s = engine_->RestoreState(json);
    return s.ok() ? val::null() : ErrorObject(s);
  }
  // Languages (Engine::AddPack, SetLanguage): null on success, else
  // {code, message} (engine unchanged); web/engine.js throws it.
  val addPack(const std::string& pack_json) { return StatusVal(engine_ ? engine_->AddPack(pack_json) : NoEngine()); }
  val setLanguage(const std::string& language) { return StatusVal(engine_ ? engine_->SetLanguage(language) : NoEngine()); }
  val languages() const {
    val out = val::array();
    if (engine_)
      for (const std::string& l : engine_->languages()) out.call<void>("push", l);
    return out;
  }
  std::string language() const { return engine_ ? engine_->language() : std::string(); }
  // The language `text` is clearly in ("" when unsure or without a model).
  std::string messageLanguage(const std::string& text) const { return engine_ ? engine_->MessageLanguage(text) : std::string(); }

 private:
  static attune::Status NoEngine() { return attune::Status::InvalidArgument("no engine"); }
  static val StatusVal(const attune::Status& s) {
    if (s.ok()) return val::null();
    val out = val::object();
    out.set("code", s.code());
    out.set("message", s.message());
    return out;
  }
  attune::Status status_;
  std::unique_ptr<attune::Engine> engine_;
};

#ifdef ATTUNE_TOOLS
// One conversation's affect analysis without intents or replies (the CLI's
// `analyze`). Built from a pack's JSON to take its settings.handoff, or from
// "" for the default policy; a bad pack reports ok() == false like Engine.
class AnalyzerHandle {
 public:
  explicit AnalyzerHandle(const std::string& pack_json) {
    attune::HandoffPolicy policy;
    if (!pack_json.empty()) {
      attune::Pack pack;
      status_ = attune::LoadPack(pack_json, &pack);
      if (status_.ok()) policy = pack.handoff.policy;
    }
    conversation_ = attune::Conversation(policy);
  }
  bool ok() const { return status_.ok(); }
  std::string errorCode() const { return status_.code(); }
  std::string errorMessage() const { return status_.message(); }
  // `probs`: emotion probabilities in emotionLabels() order, or null.
  // Returns the JSON text; web/engine.js parses it (cheaper than building
  // the object through val on every message).
  std::string analyzeJson(const std::string& text, const val& probs) {
    attune::AnalyzeOptions opts;
    opts.emotion_probs = ToFloats(probs);
    opts.judgement = judgement_.get();
    attune::Affect affect = attune::Analyze(text, opts);
    const attune::Decision d = conversation_.ObserveMessage(text, &affect, false);
    return attune::AnalysisToJson(affect, d);
  }
  void reset() { conversation_.Reset(); }
  void setJudgement(const JudgementHandle& j) { judgement_ = j.model(); }

 private:
  attune::Status status_;
  attune::Conversation conversation_;
  std::shared_ptr<const attune::JudgementModel> judgement_;
};

double Valence(const std::string& text) { return attune::Valence(text); }

// The handoff policy a pack puts in effect, defaults included (attune tune
// reads it instead of keeping its own copy of the defaults): the policy
// object, or {"error": {"code", "message"}} for a pack that does not load.
val PackHandoffPolicy(const std::string& pack_json) {
  attune::Pack pack;
  const attune::Status s = attune::LoadPack(pack_json, &pack);
  if (!s.ok()) {
    val err = val::object();
    err.set("code", s.code());
    err.set("message", s.message());
    val out = val::object();
    out.set("error", err);
    return out;
  }
  return ParseJson(attune::HandoffPolicyToJson(pack.handoff.policy));
}

// The intent model alone, trained from a pack's intents (for benchmarks and
// tools: no affect, flows or limits). recognize() returns
// {"intent", "confidence"} as JSON text.
class IntentModelHandle {
 public:
  explicit IntentModelHandle(const std::string& pack_json) {
    attune::Pack pack;
    status_ = attune::LoadPack(pack_json, &pack);
    if (status_.ok()) {
      recognizer_.Train(pack.intents, {}, pack.out_of_scope);
      threshold_ = pack.intent_threshold;
    }
  }
  bool ok() const { return status_.ok(); }
  std::string errorCode() const { return status_.code(); }
  std::string errorMessage() const { return status_.message(); }
  std::string recognize(const std::string& text) const {
    const attune::IntentMatch m = recognizer_.Recognize(text, threshold_);
    return "{\"intent\":" + nlohmann::json(m.intent).dump(-1, ' ', false, nlohmann::json::error_handler_t::replace) +
           ",\"confidence\":" + std::to_string(m.confidence) + "}";
  }
  int featureCount() const { return static_cast<int>(recognizer_.feature_count()); }

 private:
  attune::Status status_;
  attune::IntentRecognizer recognizer_;
  double threshold_ = 0;
};

// Every diagnostic for a pack (attune::CheckPack): [{severity, pointer,
// message, line, column, suggestion}], so `attune check` runs the same
// validator as the engine. `tone_rules` is a tone rules JSON or "".
val CheckPack(const std::string& pack_json, const std::string& tone_rules, val utc_offset) {
  val out = val::array();
  for (const attune::Diagnostic& d : attune::CheckPack(pack_json, tone_rules, OffsetFn(utc_offset))) {
    val o = val::object();
    o.set("severity", d.severity);
    o.set("pointer", d.pointer);
    o.set("message", d.message);
    o.set("line", d.line);
    o.set("column", d.column);
    o.set("suggestion", d.suggestion);
    out.call<void>("push", o);
  }
  return out;
}

// How every reply of a pack reads (attune::ToneReport), for `attune check`:
// [{pointer, line, column, tone, language, formula, score, band, words,
// sentences, syllables, letters, chars, lines, rated}] (score/formula/band empty
// when the language has no formula), in the pack's order of responses then
// acknowledgements. `tone_rules` is a tone rules JSON or "" (defaults, the
// pack's language). Empty when the pack or the rules do not load: the
// diagnostics of checkPack say why.
val ToneReport(const std::string& pack_json, const std::string& tone_rules) {
  val out = val::array();
  attune::Pack pack;
  attune::ToneRules rules;
  if (!attune::LoadPack(pack_json, &pack).ok()) return out;
  if (!tone_rules.empty() && !attune::ParseToneRules(tone_rules, &rules).ok()) return out;
  const std::vector<attune::ReplyReport> replies = attune::ToneReport(pack, rules);
  std::vector<std::string> pointers;
  for (const auto& r : replies) pointers.push_back(r.pointer);
  const std::vector<size_t> offsets = attune::LocatePointers(pack_json, pointers);
  for (size_t i = 0; i < replies.size(); ++i) {
    const attune::ReplyReport& r = replies[i];
    int line = 0, column = 0;
    attune::LineColumn(pack_json, offsets[i], &line, &column);
    val o = val::object();
    o.set("pointer", r.pointer);
    o.set("line", line);
    o.set("column", column);
    o.set("tone", r.tone);
    o.set("language", r.readability.language);
    o.set("formula", r.readability.ok ? r.readability.formula : std::string());
    o.set("score", r.readability.ok ? val(r.readability.score) : val::null());
    o.set("band", r.readability.band);
    o.set("words", r.readability.counts.words);
    o.set("sentences", r.readability.counts.sentences);
    o.set("syllables", r.readability.counts.syllables);
    o.set("letters", r.readability.counts.letters);
    o.set("chars", static_cast<double>(r.chars));
    o.set("lines", r.lines);
    o.set("rated", r.rated);
    out.call<void>("push", o);
  }
  return out;
}

#endif  // ATTUNE_TOOLS

val Featurize(const std::string& text) {
  const std::vector<int32_t> ids = attune::Featurize(text);
  val out = val::global("Int32Array").new_(ids.size());
  for (size_t i = 0; i < ids.size(); ++i) out.set(i, ids[i]);
  return out;
}

// What a short message says on its own: "yes" ("ok", "sí, por favor"),
// "no" ("no thanks", "non merci") or "" (anything else), by the core's one
// table of these words (context.h). The widget asks while its consent card
// is open, so a typed "yes" consents like the button does.
std::string ContextReply(const std::string& text) {
  switch (attune::ReadContextReply(attune::CleanForAnalysis(text)).kind) {
    case attune::ContextWord::kYes: return "yes";
    case attune::ContextWord::kNo: return "no";
    default: return "";
  }
}

// Redact() for JS: {text, redactions:[{kind, begin, end}]}. Offsets are in
// UTF-16 code units of the input (JS string indices), so
// input.slice(begin, end) is exactly what was hidden; web/engine.js passes
// well-formed strings, for which the repaired UTF-8 maps 1:1 back.
val RedactText(const std::string& text) {
  const attune::RedactedText r = attune::Redact(text);
  const std::string in = attune::RepairUtf8(text);
  val list = val::array();
  size_t byte = 0, unit = 0;
  auto advance_to = [&](size_t target) {
    while (byte < target && byte < in.size()) {
      const unsigned char c = static_cast<unsigned char>(in[byte]);
      const size_t len = c < 0x80 ? 1 : c < 0xE0 ? 2 : c < 0xF0 ? 3 : 4;
      unit += len == 4 ? 2 : 1;  // astral code points are surrogate pairs
      byte += len;
    }
    return unit;
  };
  for (const attune::Redaction& x : r.redactions) {
    val item = val::object();
    item.set("kind", std::string(attune::PiiKindName(x.kind)));
    item.set("begin", advance_to(x.begin));
    item.set("end", advance_to(x.end));
    list.call<void>("push", item);
  }
  val out = val::object();
  out.set("text", r.text);
  out.set("redactions", list);
  return out;
}

// GroupBySimilarity() for JS: texts (an array of strings) -> [{members:
// [indices], representative}], largest group first (src/core/intents.h).
val GroupBySimilarity(const val& texts, double threshold) {
  const std::vector<std::string> list = emscripten::vecFromJSArray<std::string>(texts);
  val out = val::array();
  for (const attune::SimilarityGroup& g : attune::GroupBySimilarity(list, threshold)) {
    val members = val::array();
    for (size_t m : g.members) members.call<void>("push", static_cast<double>(m));
    val o = val::object();
    o.set("members", members);
    o.set("representative", static_cast<double>(g.representative));
    out.call<void>("push", o);
  }
  return out;
}

val EmotionLabels() {
  val out = val::array();
  for (const std::string& l : attune::EmotionLabels()) out.call<void>("push", l);
  return out;
}

}  // namespace

EMSCRIPTEN_BINDINGS(attune) {
  emscripten::class_<JudgementHandle>("Judgement")
      .constructor<const std::string&>()
      .function("ok", &JudgementHandle::ok)
      .function("errorCode", &JudgementHandle::errorCode)
      .function("errorMessage", &JudgementHandle::errorMessage)
      .function("languages", &JudgementHandle::languages);
  emscripten::class_<EngineHandle>("Engine")
      .constructor<const std::string&>()
      .function("ok", &EngineHandle::ok)
      .function("errorCode", &EngineHandle::errorCode)
      .function("errorMessage", &EngineHandle::errorMessage)
      .function("greet", &EngineHandle::greet)
      .function("respond", &EngineHandle::respond)
      .function("reset", &EngineHandle::reset)
      .function("handoffDeclined", &EngineHandle::handoffDeclined)
      .function("handoffEnded", &EngineHandle::handoffEnded)
      .function("setJudgement", &EngineHandle::setJudgement)
      .function("setCountry", &EngineHandle::setCountry)
      .function("crisisResources", &EngineHandle::crisisResources)
      .function("country", &EngineHandle::country)
      .function("businessHoursOpen", &EngineHandle::businessHoursOpen)
      .function("teams", &EngineHandle::teams)
      .function("setVariable", &EngineHandle::setVariable)
      .function("transcript", &EngineHandle::transcript)
      .function("setLimits", &EngineHandle::setLimits)
      .function("limits", &EngineHandle::limits)
      .function("saveState", &EngineHandle::saveState)
      .function("restoreState", &EngineHandle::restoreState)
      .function("addPack", &EngineHandle::addPack)
      .function("setLanguage", &EngineHandle::setLanguage)
      .function("languages", &EngineHandle::languages)
      .function("language", &EngineHandle::language)
      .function("messageLanguage", &EngineHandle::messageLanguage);
#ifdef ATTUNE_TOOLS
  emscripten::class_<AnalyzerHandle>("Analyzer")
      .constructor<const std::string&>()
      .function("ok", &AnalyzerHandle::ok)
      .function("errorCode", &AnalyzerHandle::errorCode)
      .function("errorMessage", &AnalyzerHandle::errorMessage)
      .function("analyzeJson", &AnalyzerHandle::analyzeJson)
      .function("reset", &AnalyzerHandle::reset)
      .function("setJudgement", &AnalyzerHandle::setJudgement);
  emscripten::function("valence", &Valence);
  emscripten::function("handoffPolicy", &PackHandoffPolicy);
  emscripten::function("checkPack", &CheckPack);
  emscripten::function("toneReport", &ToneReport);
  emscripten::class_<IntentModelHandle>("IntentModel")
      .constructor<const std::string&>()
      .function("ok", &IntentModelHandle::ok)
      .function("errorCode", &IntentModelHandle::errorCode)
      .function("errorMessage", &IntentModelHandle::errorMessage)
      .function("recognize", &IntentModelHandle::recognize)
      .function("featureCount", &IntentModelHandle::featureCount);
#endif
  emscripten::function("featurize", &Featurize);
  emscripten::function("redact", &RedactText);
  emscripten::function("contextReply", &ContextReply);
  emscripten::function("emotionLabels", &EmotionLabels);
  emscripten::function("groupBySimilarity", &GroupBySimilarity);
}
