// Engine: one conversation with one visitor, turn by turn.
//
// An Engine is built from a pack's JSON. Respond() takes the visitor's
// message (and, when the emotion model ran, its probabilities) and returns a
// TurnResult: the reply and everything that explains it (intent, tone,
// affect, handoff decision). The same engine runs in the widget (wasm), the
// Node CLI and native tests.
#pragma once

#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "affect.h"
#include "dialogue.h"
#include "handoff.h"
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
};

// JSON form of a turn, the contract shared with the widget and the CLI.
std::string TurnResultToJson(const TurnResult& result);

class Engine {
 public:
  // Builds an engine from pack JSON. On success sets *engine and returns OK;
  // on failure leaves *engine null and returns the pack error (see LoadPack).
  static Status Create(std::string_view pack_json, std::unique_ptr<Engine>* engine);

  // The greeting, as a turn with intent "greeting".
  TurnResult Greet();
  // One visitor turn. `emotion_probs` may be empty (no model).
  TurnResult Respond(std::string_view text, const std::vector<float>& emotion_probs = {});
  // Starts a new conversation with the same pack.
  void Reset();

  const Pack& pack() const { return pack_; }

 private:
  Engine() = default;
  Pack pack_;
  IntentRecognizer recognizer_;
  Responder responder_;
  Conversation conversation_;
  std::vector<std::string> previous_messages_;
  int turn_ = 0;
};

}  // namespace attune
