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
  slots_.clear();
}

FlowTurn FlowRunner::Start(const Pack& pack, const std::string& flow, const std::vector<Entity>& entities) {
  auto it = pack.flows.find(flow);
  if (it == pack.flows.end()) return {};
  flow_ = flow;
  step_ = it->second.start;
  attempts_ = 0;
  trigger_.clear();
  for (const Intent& in : pack.intents)
    if (in.flow == flow) trigger_ = in.name;
  return Advance(pack, entities, "started");
}

FlowTurn FlowRunner::Abandon() {
  if (!active()) return {};
  FlowTurn t;
  t.status = "abandoned";
  t.flow = flow_;
  t.slots = slots_;
  flow_.clear();
  step_.clear();
  attempts_ = 0;
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
    const Entity* e = Find(entities, s->entity);
    if (!e) {
      t.step = s->id;
      t.response = s->ask;
      t.slots = slots_;
      return t;
    }
    slots_[s->slot] = e->text;  // as typed: it is read back to the visitor
    attempts_ = 0;
    if (!s->done.empty()) {
      t.status = "completed";
      t.response = s->done;
      t.slots = slots_;
      flow_.clear();
      step_.clear();
      return t;
    }
    step_ = s->next;
  }
  // Unreachable with a validated pack.
  flow_.clear();
  step_.clear();
  t.status = "failed";
  return t;
}

FlowTurn FlowRunner::Continue(const Pack& pack, const std::vector<Entity>& entities, const std::string& intent,
                              double confidence, const std::string& fallback) {
  if (!active()) return {};
  const Flow& f = pack.flows.at(flow_);
  const FlowStep* s = f.Step(step_);
  if (s && Find(entities, s->entity)) return Advance(pack, entities, "continued");
  FlowTurn t;
  t.flow = flow_;
  if (intent != "none" && intent != trigger_ && confidence >= kFlowSwitchConfidence) {
    // The visitor changed topic: let them. The collected slots are kept.
    t.status = "abandoned";
    t.slots = slots_;
    flow_.clear();
    step_.clear();
    return t;
  }
  if (!s || ++attempts_ >= s->max_attempts) {
    t.status = "failed";
    t.response = fallback;
    t.slots = slots_;
    flow_.clear();
    step_.clear();
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
