// Flows: multi-step exchanges such as "track my order" -> "what's the order
// number?" -> (checks it) -> the answer.
//
// A FlowRunner holds where one conversation is in a pack's flows. Start()
// begins a flow when its intent is recognised (taking any value the same
// message already carries, e.g. "where is order #12345"); Continue() reads
// each later message: a valid value fills the step's slot and moves on, an
// invalid one is asked again (up to the step's max_attempts, then the flow
// gives up and the visitor is offered a person), and a message that is
// clearly about something else pauses the flow so the visitor can change
// topic midway: the engine answers that, then Resume() asks the waiting step
// again ("Back to your order: what's the order number?"). Slot values stay
// available to templates as {slot}, and a value given once (an order number)
// answers any later step wanting the same entity type: it is never asked for
// or refused again.
#pragma once

#include <map>
#include <string>
#include <vector>

#include "entities.h"
#include "pack.h"

namespace attune {

struct FlowTurn {
  // "started", "continued", "retry", "completed", "failed", "abandoned",
  // "paused" (the visitor asked something else: the caller answers that,
  // then resumes), "resumed" (the paused step asked again); empty when no
  // flow was involved in this turn.
  std::string status;
  std::string flow;
  std::string step;      // the step now waiting for an answer ("" when over)
  std::string response;  // what to say; empty when the caller should answer
                         // normally (abandoned)
  std::map<std::string, std::string> slots;
};

// Leaving a flow for another topic needs a clear signal: half the
// probability mass on one other intent.
inline constexpr double kFlowSwitchConfidence = 0.5;

// Where a conversation is in a pack's flows, as plain data (for
// Engine::SaveState). `paused_*` hold a flow set aside by a change of topic.
struct FlowState {
  std::string flow, step, trigger;
  int attempts = 0;
  std::string paused_flow, paused_step, paused_trigger;
  int pauses = 0;  // times the current/paused flow has been set aside
  std::map<std::string, std::string> slots;
  std::map<std::string, std::string> known;  // entity type -> value accepted by a step
};

// A flow set aside this many times is dropped rather than asked again: the
// visitor has clearly moved on.
inline constexpr int kMaxFlowPauses = 2;

class FlowRunner {
 public:
  bool active() const { return !flow_.empty(); }
  const std::string& flow() const { return flow_; }
  const std::string& step() const { return step_; }
  // A flow set aside by a change of topic, waiting for Resume().
  bool paused() const { return !paused_flow_.empty(); }

  // Begins `flow` of `pack` (dropping any paused flow). Entities of the
  // triggering message fill slots right away, and a step whose slot is
  // already filled, or whose entity type was accepted before, is skipped.
  FlowTurn Start(const Pack& pack, const std::string& flow, const std::vector<Entity>& entities);

  // One message while a flow is active. `intent` and `confidence` are what
  // the recognizer made of the message: an intent other than the one that
  // started this flow, recognised with confidence >= kFlowSwitchConfidence
  // and with no valid value in the message, pauses the flow ("paused", no
  // response: the caller answers the intent, then calls Resume); a hesitant
  // "I don't know" does not. A flow paused kMaxFlowPauses times is abandoned
  // instead. `fallback` is the response used when attempts run out.
  // `without_value`: the message holds nothing like a value (no digit). The
  // flow's own intent asked again so ("where is my order?" when asked for
  // its number) is no invalid answer: the step asks again ("retry" with its
  // `ask`) and no attempt is counted.
  FlowTurn Continue(const Pack& pack, const std::vector<Entity>& entities, const std::string& intent, double confidence,
                    const std::string& fallback,
                    bool without_value = false);

  // Ends the active flow (crisis, handoff) and any paused one, keeping the
  // slots. Returns an "abandoned" FlowTurn, or an empty one when no flow
  // was active or paused.
  FlowTurn Abandon();

  // Makes the paused flow active again, attempts reset: "resumed" with the
  // step's `resume` response (else its `ask`). Empty FlowTurn when nothing
  // is paused.
  FlowTurn Resume(const Pack& pack);

  FlowState State() const;
  // Puts a state back; the caller checks that its flows and steps exist in
  // the pack.
  void Restore(FlowState state);

  // True when the active step would accept one of `entities`.
  bool WouldAccept(const Pack& pack, const std::vector<Entity>& entities) const;

  // Records a value heard outside a flow (an intent's slots), so templates
  // and later flows can use it.
  void SetSlot(const std::string& name, const std::string& value) { slots_[name] = value; }

  // Values collected so far, across flows (a later flow may reuse them).
  const std::map<std::string, std::string>& slots() const { return slots_; }
  void Reset();

 private:
  // Fills steps from `entities` starting at step_, then asks the next
  // unanswered step or finishes.
  FlowTurn Advance(const Pack& pack, const std::vector<Entity>& entities, const std::string& status);
  std::string flow_;
  std::string step_;
  std::string trigger_;  // intent that started the flow
  int attempts_ = 0;
  std::string paused_flow_, paused_step_, paused_trigger_;
  int pauses_ = 0;
  std::map<std::string, std::string> slots_;
  std::map<std::string, std::string> known_;  // entity type -> value a step accepted
};

}  // namespace attune
