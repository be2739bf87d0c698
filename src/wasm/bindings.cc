// The one Embind binding file: the core's API as seen from JavaScript.
//
// Errors never cross as exceptions: an Engine built from a bad pack reports
// ok() == false with errorCode()/errorMessage(), and web/engine.js turns that
// into a JS Error with a `code`. Objects handed to JS must be freed with
// delete(); web/engine.js wraps that in dispose().
#include <emscripten/bind.h>
#include <emscripten/val.h>

#include <memory>
#include <string>
#include <vector>

#include "core/affect.h"
#include "core/engine.h"
#include "core/text.h"

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

 private:
  attune::Status status_;
  std::unique_ptr<attune::Engine> engine_;
};

val Featurize(const std::string& text) {
  const std::vector<int32_t> ids = attune::Featurize(text);
  val out = val::global("Int32Array").new_(ids.size());
  for (size_t i = 0; i < ids.size(); ++i) out.set(i, ids[i]);
  return out;
}

val EmotionLabels() {
  val out = val::array();
  for (const std::string& l : attune::EmotionLabels()) out.call<void>("push", l);
  return out;
}

}  // namespace

EMSCRIPTEN_BINDINGS(attune) {
  emscripten::class_<EngineHandle>("Engine")
      .constructor<const std::string&>()
      .function("ok", &EngineHandle::ok)
      .function("errorCode", &EngineHandle::errorCode)
      .function("errorMessage", &EngineHandle::errorMessage)
      .function("greet", &EngineHandle::greet)
      .function("respond", &EngineHandle::respond)
      .function("reset", &EngineHandle::reset);
  emscripten::function("featurize", &Featurize);
  emscripten::function("emotionLabels", &EmotionLabels);
}
