#include "flows.h"

namespace attune {
namespace {

const Entity* Find(const std::vector<Entity>& entities, const std::string& type) {
  for (const Entity& e : entities)
    if (e.type == type) return &e;
  return nullptr;
}

}  // namespace

void FlowRunner::Reset() {
  flow_.clear();
  step_.clear();
  trigger_.clear();
  attempts_ = 0;
  paused_flow_.clear();
  paused_step_.clear();
  paused_trigger_.clear();
  pauses_ = 0;
  slots_.clear();
  known_.clear();
}

FlowState FlowRunner::State() const {
  return {flow_, step_, trigger_, attempts_, paused_flow_, paused_step_, paused_trigger_, pauses_, slots_, known_};
}

void FlowRunner::Restore(FlowState s) {
  flow_ = std::move(s.flow);
  step_ = std::move(s.step);
  trigger_ = std::move(s.trigger);
  attempts_ = s.attempts;
  paused_flow_ = std::move(s.paused_flow);
  paused_step_ = std::move(s.paused_step);
  paused_trigger_ = std::move(s.paused_trigger);
  pauses_ = s.pauses;
  slots_ = std::move(s.slots);
  known_ = std::move(s.known);
}

FlowTurn FlowRunner::Resume(const Pack& pack) {
  if (!paused()) return {};
  const auto f = pack.flows.find(paused_flow_);
  const FlowStep* s = f == pack.flows.end() ? nullptr : f->second.Step(paused_step_);
  flow_ = std::move(paused_flow_);
  step_ = std::move(paused_step_);
  trigger_ = std::move(paused_trigger_);
  paused_flow_.clear();
  paused_step_.clear();
  paused_trigger_.clear();
  attempts_ = 0;
  FlowTurn t;
  if (!s) {  // unreachable with a validated pack and state
    flow_.clear();
    step_.clear();
    trigger_.clear();
    return t;
  }
  t.status = "resumed";
  t.flow = flow_;
  t.step = step_;
  t.response = s->resume.empty() ? s->ask : s->resume;
  t.slots = slots_;
  return t;
}

FlowTurn FlowRunner::Start(const Pack& pack, const std::string& flow, const std::vector<Entity>& entities) {
  auto it = pack.flows.find(flow);
  if (it == pack.flows.end()) return {};
  flow_ = flow;
  step_ = it->second.start;
  attempts_ = 0;
  pauses_ = 0;
  paused_flow_.clear();
  paused_step_.clear();
  paused_trigger_.clear();
  trigger_.clear();
  for (const Intent& in : pack.intents)
    if (in.flow == flow) trigger_ = in.name;
  return Advance(pack, entities, "started");
}

FlowTurn FlowRunner::Abandon() {
  if (!active() && !paused()) return {};
  FlowTurn t;
  t.status = "abandoned";
  t.flow = active() ? flow_ : paused_flow_;
  t.slots = slots_;
  flow_.clear();
  step_.clear();
  trigger_.clear();
  paused_flow_.clear();
  paused_step_.clear();
  paused_trigger_.clear();
  attempts_ = 0;
  pauses_ = 0;
  return t;
}

bool FlowRunner::WouldAccept(const Pack& pack, const std::vector<Entity>& entities) const {
  if (!active()) return false;
  const Flow& f = pack.flows.at(flow_);
  const FlowStep* s = f.Step(step_);
  return s && Find(entities, s->entity);
}

FlowTurn FlowRunner::Advance(const Pack& pack, const std::vector<Entity>& entities, const std::string& status) {
  FlowTurn t;
  t.flow = flow_;
  t.status = status;
  const Flow& f = pack.flows.at(flow_);
  // Steps are validated at load never to loop, so this walk ends; the bound
  // is belt and braces.
  for (size_t guard = 0; guard <= f.steps.size(); ++guard) {
    const FlowStep* s = f.Step(step_);
    if (!s) break;
    // The value: in this message, else already in the slot, else a value
    // of the same type a step accepted before (one order number per
    // conversation is asked for once, and never refused later).
    const Entity* e = Find(entities, s->entity);
    std::string value = e ? ReadBack(*e) : std::string();  // as typed: it is read back to the visitor
    if (value.empty())
      if (auto slot = slots_.find(s->slot); slot != slots_.end()) value = slot->second;
    if (value.empty())
      if (auto k = known_.find(s->entity); k != known_.end()) value = k->second;
    if (value.empty()) {
      t.step = s->id;
      t.response = s->ask;
      t.slots = slots_;
      return t;
    }
    slots_[s->slot] = value;
    known_[s->entity] = value;
    attempts_ = 0;
    if (!s->done.empty()) {
      t.status = "completed";
      t.response = s->done;
      t.slots = slots_;
      flow_.clear();
      step_.clear();
      trigger_.clear();
      return t;
    }
    step_ = s->next;
  }
  // Unreachable with a validated pack.
  flow_.clear();
  step_.clear();
  trigger_.clear();
  t.status = "failed";
  return t;
}

FlowTurn FlowRunner::Continue(const Pack& pack, const std::vector<Entity>& entities, const std::string& intent,
                              double confidence, const std::string& fallback, bool without_value) {
  if (!active()) return {};
  const Flow& f = pack.flows.at(flow_);
  const FlowStep* s = f.Step(step_);
  if (s && Find(entities, s->entity)) return Advance(pack, entities, "continued");
  FlowTurn t;
  t.flow = flow_;
  if (intent != "none" && intent != trigger_ && confidence >= kFlowSwitchConfidence) {
    // The visitor changed topic: let them, and keep the flow (and its
    // slots) to come back to, unless they keep leaving it.
    t.slots = slots_;
    if (++pauses_ >= kMaxFlowPauses + 1) {
      t.status = "abandoned";
      flow_.clear();
      step_.clear();
      trigger_.clear();
      pauses_ = 0;
      return t;
    }
    t.status = "paused";
    t.step = step_;
    paused_flow_ = std::move(flow_);
    paused_step_ = std::move(step_);
    paused_trigger_ = std::move(trigger_);
    flow_.clear();
    step_.clear();
    trigger_.clear();
    attempts_ = 0;
    return t;
  }
  if (s && without_value && intent == trigger_) {
    t.status = "retry";
    t.step = s->id;
    t.response = s->ask;
    t.slots = slots_;
    return t;
  }
  if (!s || ++attempts_ >= s->max_attempts) {
    t.status = "failed";
    t.response = fallback;
    t.slots = slots_;
    flow_.clear();
    step_.clear();
    trigger_.clear();
    attempts_ = 0;
    return t;
  }
  t.status = "retry";
  t.step = s->id;
  t.response = s->retry.empty() ? s->ask : s->retry;
  t.slots = slots_;
  return t;
}

}  // namespace attune
