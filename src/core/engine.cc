#include "engine.h"

#include <algorithm>
#include <chrono>
#include <set>

#include <nlohmann/json.hpp>

#include "text.h"

namespace attune {
namespace {

// Removes the model's frustration cue, which context shows was no frustration
// (a curt answer to the bot's question, thanks after an answer). True if one went.
bool DropModelFrustration(Affect* a) {
  const size_t before = a->cues.size();
  a->cues.erase(std::remove_if(a->cues.begin(), a->cues.end(),
                               [](const Cue& c) { return c.name == kCueFrustration && c.layer == kLayerModel; }),
                a->cues.end());
  return a->cues.size() != before;
}

using json = nlohmann::json;

}  // namespace

Status Engine::Create(std::string_view pack_json, std::unique_ptr<Engine>* engine) {
  engine->reset();
  std::unique_ptr<Engine> e(new Engine());
  if (Status s = LoadPack(pack_json, &e->pack_); !s.ok()) return s;
  e->recognizer_.Train(e->pack_.intents, {}, e->pack_.out_of_scope);
  e->conversation_ = Conversation(e->pack_.handoff.policy);
  *engine = std::move(e);
  return Status::Ok();
}

void Engine::SetLimits(const Limits& limits) {
  limits_ = limits;
  gate_.set_limits(limits);
  transcript_.set_limits(limits);
}

void Engine::Reset() {
  transcript_.Clear();
  conversation_.Reset();
  responder_.Reset();
  flows_.Reset();
  last_intent_.clear();
  topic_.clear();
  known_entities_.clear();
  pending_ = {};
  topic_offer_ = {};
  topic_offer_topic_.clear();
  recent_responses_.clear();
  announced_.clear();
  turn_ = 0;
}

Status Engine::SetCountry(std::string_view country) {
  std::string code(country);
  for (char& c : code) c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
  if (!code.empty() && !IsCountryCode(code))
    return Status::InvalidArgument("\"" + std::string(country) + "\" is not an ISO 3166-1 alpha-2 country code (e.g. \"US\", \"GB\", \"ES\")");
  country_ = code;
  return Status::Ok();
}

namespace {
constexpr size_t kMaxSuggestions = 3;
// A runner-up intent this likely is worth a draft of its own.
constexpr double kRunnerUpConfidence = 0.25;
}  // namespace

std::pair<std::string, std::map<std::string, std::string>> Engine::Answer(const Intent& intent) const {
  std::map<std::string, std::string> vars = flows_.slots();
  for (const auto& [slot, type] : intent.slots)
    if (auto it = known_entities_.find(type); it != known_entities_.end()) vars[slot] = it->second;
  auto flow = pack_.flows.find(intent.flow);
  if (flow == pack_.flows.end()) return {intent.response, vars};
  // Walk the flow with what is known: the first step still missing its
  // value is what to ask; with every value known, the flow's answer.
  const FlowStep* step = flow->second.Step(flow->second.start);
  for (size_t guard = 0; step && guard <= flow->second.steps.size(); ++guard) {
    if (vars[step->slot].empty())
      if (auto it = known_entities_.find(step->entity); it != known_entities_.end()) vars[step->slot] = it->second;
    if (vars[step->slot].empty()) return {step->ask, vars};
    if (!step->done.empty()) return {step->done, vars};
    step = flow->second.Step(step->next);
  }
  return {intent.response, vars};
}

std::vector<std::string> Engine::Suggest(const TurnResult& r, std::string_view cleaned) {
  for (const Entity& e : r.entities) known_entities_[e.type] = e.text;
  // Responses that ask for a value (flow steps' ask and retry), by the
  // entity type they want: not to be suggested once it is known.
  auto asks_for_known = [&](const std::string& response) {
    for (const auto& [name, flow] : pack_.flows)
      for (const FlowStep& step : flow.steps) {
        if (step.ask != response && step.retry != response) continue;
        const auto slot = flows_.slots().find(step.slot);
        if (known_entities_.count(step.entity) || (slot != flows_.slots().end() && !slot->second.empty())) return true;
      }
    return false;
  };
  std::vector<std::string> out;
  std::set<std::string> used;  // one draft per response
  // Drafts never advance the bot's own rotation of variants.
  Responder draft = responder_;
  auto add = [&](const std::string& response, std::map<std::string, std::string> vars) {
    if (out.size() >= kMaxSuggestions || response.empty() || !pack_.responses.count(response) || asks_for_known(response) ||
        !used.insert(response).second)
      return;
    for (const auto& [k, v] : variables_) vars[k] = v;
    const std::string text = draft.Say(pack_, response, r.tone, vars).text;
    if (!text.empty() && std::find(out.begin(), out.end(), text) == out.end()) out.push_back(text);
  };
  auto add_intent = [&](const std::string& name) {
    const Intent* intent = pack_.FindIntent(name);
    if (!intent || intent->handoff) return;  // "I'll connect you with a person" is no draft for the person
    auto [response, vars] = Answer(*intent);
    add(response, std::move(vars));
  };
  // A crisis, or a flow that moved this turn (an order number given, the
  // answer reached): the bot's own reply is the draft.
  const bool flow_moved = !r.flow.status.empty() && r.flow.status != "abandoned" && r.response != "handoff";
  if ((r.affect.HasCue(kCueCrisis) || flow_moved) && !asks_for_known(r.response) && used.insert(r.response).second &&
      !r.reply.empty())
    out.push_back(r.reply);
  // In a crisis nothing else is worth drafting.
  if (r.affect.HasCue(kCueCrisis)) return out;
  add_intent(r.intent);
  if (topic_ != r.intent) add_intent(topic_);
  if (r.intent != "none" && r.confidence < 0.8) {
    const auto ranked = recognizer_.Rank(cleaned);
    for (size_t i = 0; i < ranked.size() && i < 3; ++i)
      if (ranked[i].first != r.intent && ranked[i].first != topic_ && ranked[i].second >= kRunnerUpConfidence) {
        add_intent(ranked[i].first);
        break;
      }
  }
  // The feeling named on its own, for an agent to open with.
  if (out.size() < kMaxSuggestions)
    if (auto ack = pack_.acknowledgements.find(r.tone); ack != pack_.acknowledgements.end() && !ack->second.empty()) {
      const std::string text = FillTemplate(ack->second.front(), variables_);
      bool opens = false;
      for (const std::string& s : out) opens |= s.rfind(text, 0) == 0;
      if (!opens && !text.empty()) out.push_back(text);
    }
  return out;
}

std::vector<CrisisResource> Engine::CrisisResources(std::string_view country, const std::vector<std::string>& kinds) const {
  return CrisisResourcesFor(pack_.handoff.crisis_resources, country, kinds);
}

Status Engine::BusinessHoursOpen(int64_t epoch_ms, const UtcOffsetFn& offset, HoursStatus* out) const {
  return attune::BusinessHoursOpen(pack_.handoff.business_hours, epoch_ms, offset, out);
}

void Engine::HandoffDeclined() { conversation_.Decline(); }

void Engine::HandoffEnded() { conversation_.Decline(); }

void Engine::SetVariable(const std::string& name, const std::string& value) {
  if (value.empty()) variables_.erase(name);
  else variables_[name] = value;
}

namespace {
// The `topic` of each named intent that has one (not those asking for a
// person: every pack offers that already), in order, without repeats.
std::vector<std::string> Topics(const Pack& pack, std::initializer_list<std::string> names) {
  std::vector<std::string> out;
  for (const std::string& n : names) {
    const Intent* in = n.empty() ? nullptr : pack.FindIntent(n);
    if (in && !in->topic.empty() && !in->handoff && std::find(out.begin(), out.end(), in->topic) == out.end())
      out.push_back(in->topic);
  }
  return out;
}

// The intent whose topic the message is, as sent by its quick reply.
const Intent* IntentByTopic(const Pack& pack, std::string_view cleaned) {
  const std::string said = Lower(FoldAccents(cleaned));
  // An ASCII topic folds to its ASCII lower case: compared in place, with no
  // string folded per intent per turn.
  auto folds_to_said = [&](const std::string& topic) {
    if (!std::all_of(topic.begin(), topic.end(), [](char c) { return static_cast<unsigned char>(c) < 0x80; }))
      return Lower(FoldAccents(topic)) == said;
    return topic.size() == said.size() && std::equal(topic.begin(), topic.end(), said.begin(), [](char a, char b) {
             return (a >= 'A' && a <= 'Z' ? a + 32 : a) == b;
           });
  };
  for (const Intent& in : pack.intents)
    if (!in.topic.empty() && folds_to_said(in.topic)) return &in;
  return nullptr;
}

// The pack's intent that asks for a person, or null: one that hands off with
// the pack's own handoff reply ("talk to a person"), before one with its own
// reply (a situation that needs a person, such as someone using the account).
const Intent* HandoffIntent(const Pack& pack) {
  const Intent* any = nullptr;
  for (const Intent& in : pack.intents) {
    if (in.handoff && in.response == "handoff") return &in;
    if (in.handoff && !any) any = &in;
  }
  return any;
}

// Responses that may come three turns running without offering a person:
// the handoff and crisis replies themselves, the offer, and a "no thanks".
bool MayRepeat(const std::string& response) {
  return response == "handoff" || response == "crisis" || response == "crisis_no_handoff" ||
         IsPersonOffer(response) || response == "declined" || response == "greeting" || response == "ask_away";
}

void ApplyReply(const Reply& reply, TurnResult* r) {
  r->reply = reply.text;
  r->response = reply.response;
  if (!reply.tone.empty()) r->tone = reply.tone;
  r->variant = reply.variant;
  r->variant_tone = reply.variant_tone;
  r->template_pointer = reply.template_pointer;
  r->acknowledgement = reply.acknowledgement;
  r->quick_replies = reply.quick_replies;
}
}  // namespace

TurnResult Engine::Greet() {
  TurnResult r;
  r.turn = turn_;
  r.intent = "greeting";
  r.confidence = 1;
  r.tone = "neutral";
  const Reply said = responder_.Say(pack_, "greeting", "neutral", variables_);
  ApplyReply(said, &r);
  // "the second one" after the greeting picks its second quick reply.
  pending_ = {};
  pending_.response = "greeting";
  pending_.labels = said.quick_replies;
  pending_.actions = said.quick_reply_actions;
  r.reply_language = pack_.language;
  transcript_.Append("bot", r.reply, r.turn);
  return r;
}

Reply Engine::SayAgainOtherwise(const std::string& response, const std::string& previous, const std::string& tone,
                                const std::map<std::string, std::string>& vars) {
  const auto last = responder_.State().last_text.find(response);
  if (previous != response || last == responder_.State().last_text.end()) return responder_.Say(pack_, response, tone, vars);
  // Only here is the responder's state copied (a turn that follows itself).
  const std::string before = last->second;
  const Responder kept = responder_;
  Reply said = responder_.Say(pack_, response, tone, vars);
  if (said.variant_tone == "neutral" || said.text.find(before) == std::string::npos) return said;
  // The same response two turns running, and the tone has only the words
  // just said ("just get me a human" under the consent card got the
  // frustrated offer twice, word for word): the neutral words instead, so
  // the bot does not read as a loop.
  Responder trial = kept;
  Reply other = trial.Say(pack_, response, "neutral", vars);
  if (other.text.empty() || other.text.find(before) != std::string::npos) return said;
  responder_ = std::move(trial);
  return other;
}

TurnResult Engine::Respond(std::string_view text, const std::vector<float>& emotion_probs) {
  TurnResult r;
  // Limits first (limits.h): a refused message costs nothing and changes nothing.
  const int64_t now = clock_ ? clock_()
                             : std::chrono::duration_cast<std::chrono::milliseconds>(
                                   std::chrono::steady_clock::now().time_since_epoch()).count();
  const size_t full_size = text.size();
  text = CutUtf8(text, limits_.max_message_bytes);  // a huge paste is cut, never refused
  if (Status s = gate_.Admit(text, now); !s.ok()) {
    r.turn = turn_;
    r.intent = "none";
    r.limit = s;
    r.retry_after_ms = gate_.RetryAfterMs(now);
    r.reply_language = pack_.language;
    return r;
  }
  if (text.size() < full_size)
    r.limit = Status::MessageTooLong("the message was cut to its first " + std::to_string(text.size()) + " of " +
                                     std::to_string(full_size) + " bytes");
  r.turn = ++turn_;
  const std::string cleaned = CleanForAnalysis(text);
  AnalyzeOptions opts;
  opts.emotion_probs = emotion_probs;
  opts.judgement = judgement_.get();
  // The message as given, so evidence offsets slice what the visitor typed.
  r.affect = Analyze(text, opts);
  // Written in another language the engine holds: answered from its pack.
  if (const std::string to = SwitchTarget(r.affect, cleaned); !to.empty() && SetLanguage(to).ok()) r.language_switched = to;

  r.entities = ExtractEntities(cleaned, pack_.entities);
  // A message that answers the active flow's question (an order number) is
  // understood even though it matches no intent.
  const bool answers_flow = flows_.WouldAccept(pack_, r.entities);
  // "yes", "no thanks", "the second one" answer what the bot just asked or
  // offered (context.h); a value the flow's step wants comes first ("2" as
  // a quantity, not a choice).
  ContextResolution ctx = answers_flow ? ContextResolution{} : ResolveInContext(pending_, cleaned);
  // A label offered earlier on the topic in hand, after a detour ("so it
  // wont come in time?" between the order's status and "it still hasnt
  // moved"): only the label itself or its words, never a bare yes or "2".
  if (ctx.kind.empty() && !answers_flow && !topic_.empty() && topic_offer_topic_ == topic_) {
    ContextResolution earlier = ResolveInContext(topic_offer_, cleaned);
    if (earlier.kind == "quick_reply" || earlier.kind == "label_words") ctx = std::move(earlier);
  }
  const PendingContext asked = std::move(pending_);
  pending_ = {};
  r.context = ctx.kind;
  // "no" or "yes" answering the bot's own question is an answer, not the
  // frustration the model hears in a curt word on its own.
  if (ctx.kind == "yes" || ctx.kind == "no") DropModelFrustration(&r.affect);
  // A plain label chosen by number or yes/no is read as if it had been typed.
  const std::string understood = ctx.text.empty() ? cleaned : CleanForAnalysis(ctx.text);
  IntentMatch match = recognizer_.Recognize(understood, pack_.intent_threshold);
  // "thanks. also do you do flu jabs?": the thanks is said in passing, the
  // question after it is what wants an answer.
  if ((match.intent == "thanks" || match.intent == "goodbye") && ctx.kind.empty()) {
    const size_t cut = understood.find_first_of(".!?,;");
    const std::string rest = cut == std::string::npos ? "" : understood.substr(cut + 1);
    if (std::count(rest.begin(), rest.end(), ' ') >= 3) {
      const IntentMatch then = recognizer_.Recognize(rest, pack_.intent_threshold);
      // ... and a question the pack does not cover is declined honestly,
      // not met with "you're welcome".
      const bool asks_elsewhere = then.intent == "none" && (then.out_of_scope || then.clarify) &&
                                  rest.find('?') != std::string::npos;
      if ((then.intent != "none" && then.intent != "thanks" && then.intent != "goodbye") || asks_elsewhere) match = then;
    }
  }
  // "ok I'll think about it and talk to my husband, thanks": a plan told at a
  // chat's end is a goodbye, not a message the bot failed to follow (it
  // counted as a fallback).
  if (match.intent == "none" && ctx.kind.empty() && r.affect.plan && pack_.FindIntent("goodbye")) {
    match.intent = "goodbye";
    match.out_of_scope = false;
    match.clarify = false;
  }
  // "no need for a human, just tell me when my order arrives": the person's
  // words pulled the request out of scope (or onto the person intent); the
  // parts beside the refusal say what is wanted.
  const Intent* person_intent = r.affect.declines_person ? HandoffIntent(pack_) : nullptr;
  if (r.affect.declines_person && ctx.kind.empty() &&
      (match.intent == "none" || (person_intent && match.intent == person_intent->name))) {
    for (size_t from = 0; from < understood.size();) {
      const size_t to = std::min(understood.find_first_of(".!?,;", from), understood.size());
      const std::string part = understood.substr(from, to - from);
      from = to + 1;
      if (std::count(part.begin(), part.end(), ' ') < 2) continue;
      const IntentMatch then = recognizer_.Recognize(part, pack_.intent_threshold);
      const Intent* in = then.intent == "none" ? nullptr : pack_.FindIntent(then.intent);
      if (in && !in->handoff && then.intent != "thanks" && then.intent != "goodbye") {
        match = then;
        break;
      }
    }
  }
  auto choose_intent = [&](const Intent& chosen, const std::string& how) {
    match = IntentMatch{};
    match.intent = match.best = chosen.name;
    match.confidence = 1;
    match.pattern = how;
  };
  // A topic the bot itself offered as a quick reply means that intent.
  if (const Intent* chosen = IntentByTopic(pack_, understood)) choose_intent(*chosen, chosen->topic);
  std::string forced;  // a response the context decided
  if (const Intent* chosen = ctx.action.intent.empty() ? nullptr : pack_.FindIntent(ctx.action.intent))
    choose_intent(*chosen, ctx.label);
  if (!ctx.action.response.empty()) {
    match = IntentMatch{};
    forced = ctx.action.response;
  }
  if (ctx.person) {
    // Yes to "shall I connect you?" is as clear a request as typing it.
    if (const Intent* person = HandoffIntent(pack_)) choose_intent(*person, "yes");
    Cue yes;
    yes.name = kCueHumanRequest;
    yes.strength = 1;
    // Like the conversation's own cues, the evidence is a description (no span).
    yes.evidence = "yes to the offer of a person";
    yes.layer = kLayerConversation;
    r.affect.cues.push_back(std::move(yes));
  }
  if (ctx.decline || ctx.stop_flow) {
    match = IntentMatch{};
    // "No problem, what else can I do?": the pack's `declined`, else its
    // greeting (which says what the bot can help with).
    forced = pack_.responses.count("declined") ? "declined" : "greeting";
    // No to a person after a crisis: the crisis reply that offers one later,
    // not "what else can I help with?".
    if (ctx.decline && asked.response == "crisis" && pack_.responses.count("crisis_no_handoff")) {
      forced = "crisis_no_handoff";
      r.crisis_resources = CrisisResources(country_);
    }
  }
  // "ok how do i do that" after the answer on changing an order: no intent
  // matches, but it asks about the topic in hand, which is answered again
  // (in its other wording; as asked again, it counts as the answer not
  // having helped).
  // "so what do i do now?" names no topic: the model's guess from those
  // words is set aside for the topic in hand.
  bool follow_up = false;
  const bool what_now = AsksWhatNow(cleaned, pack_.language);
  if ((match.intent == "none" || what_now) && ctx.kind.empty() && forced.empty() && !answers_flow &&
      !flows_.active() && !topic_.empty() && (what_now || AsksAboutThat(cleaned, pack_.language)))
    if (const Intent* topic = pack_.FindIntent(topic_)) {
      choose_intent(*topic, "follow_up");
      follow_up = true;
    }
  // With no topic in hand there is nothing to guess from: not understood.
  if (what_now && topic_.empty() && ctx.kind.empty() && forced.empty() && !answers_flow && !flows_.active()) {
    match.intent = "none";
    match.clarify = match.out_of_scope = false;
  }
  // Outside a question, a bare "yes" or "2" is nothing the model should
  // guess at: say so plainly.
  const bool bare_answer = ctx.kind.empty() && ReadContextReply(cleaned).kind != ContextWord::kNone;
  if (bare_answer) match = IntentMatch{};
  // ... except thanks: "ok thanks", "vale gracias", "oui merci" are the
  // pack's thanks, not a failure to understand.
  if (bare_answer && SaysThanks(cleaned))
    if (const Intent* thanks = pack_.FindIntent("thanks")) choose_intent(*thanks, "thanks");
  // A bare "hi" / "hola" / "bonjour" is greeted back with what the bot can
  // do, not told "I'm not sure I can help with that".
  // Greetings double as farewells ("buenas", "ciao", "boa noite"): a
  // greeting wins over goodbye only while the visitor has only greeted.
  const bool unanswered =
      match.intent == "none" || (match.intent == "goodbye" && (turn_ <= 1 || last_intent_ == "greeting"));
  if (unanswered && forced.empty() && !answers_flow && !flows_.active() && !bare_answer &&
      pack_.responses.count("greeting") && IsGreeting(cleaned)) {
    forced = "greeting";
    match.intent = "greeting";
    match.confidence = 1;
  } else if (unanswered && forced.empty() && !answers_flow && !flows_.active() && !bare_answer &&
             pack_.responses.count("ask_away") && AnnouncesQuestion(cleaned)) {
    // "I have a question" (heard as "goodbye": "have a ..."), "quick question
    // about my order": an opener, answered "go ahead", not "I can't help with that".
    forced = "ask_away";
    match.intent = "greeting";
    match.confidence = 1;
  }
  if (follow_up) r.context = "follow_up";
  r.intent = match.intent;
  r.confidence = match.confidence;
  // The bot failed when it understood nothing, and also when the visitor
  // asks again what it just answered (outside a flow): the answer did not help.
  const bool asked_again = match.intent != "none" && match.intent == last_intent_ && !flows_.active() &&
                           match.intent != "greeting" && match.intent != "thanks";
  // Thanks or goodbye said with frustration is sarcasm ("brilliant, super
  // useful, thanks a lot"): the last answer failed, and "glad that helped!"
  // would make it worse.
  // But thanks right after an answer, in a calm chat, is thanks: the model
  // hears sarcasm in "merci vraiment", "súper útil", "das hilft mir", which
  // only the conversation tells apart. A sarcasm pattern ("thanks for
  // nothing", an eye-roll) or a failed answer before keeps it.
  const bool thanking = match.intent == "thanks" || match.intent == "goodbye";
  if (thanking && turn_ > 1 && last_intent_ != "none" && conversation_.consecutive_fallbacks() == 0 &&
      conversation_.distress() < Conversation::kDistressedTurn) {
    // The valence the sarcasm pulled down goes with it: no "sorry this was so hard" to a thank-you.
    if (DropModelFrustration(&r.affect)) r.affect.valence = std::max(r.affect.valence, 0.0);
  }
  const bool sarcastic = thanking && r.affect.HasCue(kCueFrustration);
  // A crisis gets the crisis reply whatever the intent: the bot did not fail
  // there (the console listed "1 fallback(s) in a row" among a crisis turn's reasons).
  const bool crisis_reply = r.affect.HasCue(kCueCrisis) && pack_.responses.count("crisis");
  // "bist du ein bot?" lies near the person intent's "ist da ein echter
  // mensch": asked whether a program answers, the visitor is told so and
  // offered a person (bot_identity, below), unless they asked for one in
  // words ("are you a bot? i want a real person": an explicit cue). That
  // plain answer is no failure to understand (fell_back below).
  const bool bot_question = r.affect.asks_if_bot && pack_.responses.count("bot_identity");
  if (bot_question && ctx.kind.empty()) {
    const Intent* near = pack_.FindIntent(match.intent);
    const Cue* person = r.affect.FindCue(kCueHumanRequest);
    if (near && near->handoff && (!person || person->strength < 0.8)) {
      match.intent = "none";
      match.out_of_scope = false;
      match.clarify = false;
    }
  }
  const bool fell_back =
      (match.intent == "none" && !answers_flow && forced.empty() && !crisis_reply && !bot_question) || asked_again ||
      sarcastic;
  last_intent_ = match.intent;
  // An intent that asks for a person is an explicit request: it ends a
  // suppression after a decline like a typed "I want a human" does.
  const Intent* recognised = pack_.FindIntent(match.intent);
  if (!sarcastic && recognised && recognised->handoff) {
    conversation_.RequestedPerson();
    // Said in the pack's own words or chosen as a quick reply ("It hasn't
    // moved" -> a person) when the judgement's head did not hear it: the
    // handoff still names its reason, so an agent sees why it came.
    if (!r.affect.HasCue(kCueHumanRequest)) {
      Cue asked_for;
      asked_for.name = kCueHumanRequest;
      asked_for.strength = 1;
      asked_for.evidence = ctx.kind == "quick_reply" || ctx.kind == "ordinal" ? "chose \"" + match.pattern + "\""
                           : ctx.kind == "label_words" ? "said \"" + match.pattern + "\" in other words"
                                                       : "the pack's intent \"" + recognised->name + "\"";
      asked_for.layer = kLayerConversation;
      r.affect.cues.push_back(std::move(asked_for));
    }
  }
  if (recognised && !recognised->handoff && match.intent != "greeting" && match.intent != "thanks" && match.intent != "goodbye")
    topic_ = match.intent;
  // The conversation checks for repetition itself (handoff.h: IsRepeat over
  // the last messages), so there is one definition of "said it again".
  r.decision = conversation_.ObserveMessage(cleaned, &r.affect, fell_back, /*bot_answers=*/true);
  // "Try again" or "No, thanks" under an offer of a person is a no to it too.
  if (ctx.decline || (forced == "declined" && asked.offers_person)) {
    // Same as the host calling HandoffDeclined(), from this turn on.
    conversation_.Decline();
    if (r.decision.handoff) r.decision.suppressed = true;
    r.decision.handoff = false;
  }
  r.tone = ChooseTone(r.affect);
  // A bare "no" scores negative valence; as an answer it is not a complaint.
  if ((ctx.kind == "yes" || ctx.kind == "no") && r.tone == "frustrated" && !r.affect.HasCue(kCueFrustration))
    r.tone = "neutral";

  const Intent* intent = sarcastic ? nullptr : pack_.FindIntent(match.intent);
  std::vector<std::string> topics;  // quick replies naming the nearest topics
  std::string resume;               // a paused flow's question, asked after the answer
  const std::string give_up = pack_.responses.count("offer_human") ? "offer_human" : "fallback";
  std::string response;
  bool handing_off = false;  // the handoff reply (the pack's or the intent's own)
  if (r.affect.HasCue(kCueCrisis) && pack_.responses.count("crisis")) {
    // Safety first: whatever the flow or intent, a visitor in crisis gets
    // the crisis response, the resources and a person.
    // A visitor who declined a person while in crisis gets the crisis reply
    // without the promise of one, when the pack words it.
    response = r.decision.suppressed && pack_.responses.count("crisis_no_handoff") ? "crisis_no_handoff" : "crisis";
    // The lines for the kinds of crisis this message shows (every kind a
    // crisis cue names: an overdose may read as self-harm and as medical).
    std::vector<std::string> kinds;
    for (const Cue& c : r.affect.cues)
      if (c.name == kCueCrisis && !c.kind.empty() && std::find(kinds.begin(), kinds.end(), c.kind) == kinds.end())
        kinds.push_back(c.kind);
    r.crisis_resources = CrisisResources(country_, kinds);
    r.flow = flows_.Abandon();
  } else if ((r.decision.handoff || (intent && intent->handoff)) && pack_.responses.count("handoff")) {
    // An intent that hands off may word its own handoff reply ("someone
    // ordered on my account": what to do meanwhile), else the pack's.
    const bool own = intent && intent->handoff && intent->response != "handoff" && pack_.responses.count(intent->response);
    response = own ? intent->response : "handoff";
    handing_off = true;
    r.decision.handoff = true;
    r.flow = flows_.Abandon();  // the person takes it from here
  } else if (!forced.empty()) {
    if (ctx.stop_flow) r.flow = flows_.Abandon();
    response = forced;
  } else {
    if (flows_.active()) {
      // "where is my order?" again when asked for its number is asked again,
      // not told "that doesn't look like an order number" (flows.h).
      const bool without_value = std::none_of(cleaned.begin(), cleaned.end(), [](char c) { return c >= '0' && c <= '9'; });
      r.flow = flows_.Continue(pack_, r.entities, match.intent, match.confidence, give_up, without_value);
      response = r.flow.response;
    }
    // "Are you a bot?" gets a plain yes (the pack's `bot_identity`), not an
    // intent the words happen to resemble nor "tell me more".
    if (response.empty() && bot_question) response = "bot_identity";
    // A retry keeps the flow going; only an abandoned (or no) flow lets
    // the recognised intent answer.
    if (response.empty() && intent) {
      for (const auto& [slot, type] : intent->slots)
        for (const Entity& e : r.entities)
          if (e.type == type) {
            flows_.SetSlot(slot, e.text);
            break;
          }
      if (!intent->flow.empty()) {
        r.flow = flows_.Start(pack_, intent->flow, r.entities);
        response = r.flow.response;
      }
      if (response.empty() && pack_.responses.count(intent->response)) response = intent->response;
    }
    if (response.empty()) {
      const bool offer = sarcastic || conversation_.consecutive_fallbacks() >= conversation_.policy().fallbacks_before_offer;
      // The visitor just said no to a person: do not ask again next turn.
      const bool held_back = offer && give_up == "offer_human" && conversation_.suppressed();
      if (held_back) r.decision.suppressed = true;
      response = offer && !held_back ? give_up : "fallback";
      // Not sure what was meant: say so and name the pack's nearest topics
      // (two close ones: "did you mean"), instead of a bare "rephrase that".
      if (response == "fallback") {
        const char* honest = match.clarify ? "clarify" : match.out_of_scope ? "out_of_scope" : nullptr;
        if (honest && pack_.responses.count(honest)) {
          topics = Topics(pack_, {match.best, match.runner_up});
          if (topics.size() == 2 || !match.clarify) response = honest;
          else topics.clear();
        }
      }
    }
    if (bare_answer && match.intent == "none") {
      response = "fallback";
      topics.clear();
    }
    // The same reply a third turn running is a loop: offer a person
    // instead (not while a flow is asking: its attempts decide that, nor
    // after the visitor said no to a person).
    const bool third_time = recent_responses_.size() == 2 && recent_responses_[0] == response &&
                            recent_responses_[1] == response;
    if (third_time && !MayRepeat(response) && r.flow.status.empty() && match.intent != "thanks" &&
        match.intent != "goodbye" && pack_.responses.count("offer_human") && !conversation_.suppressed()) {
      // An answer the bot understood but that does not settle the matter is
      // not "I'm not understanding this": say the answer may not fit, when
      // the pack words it.
      const bool understood = response != "fallback" && response != "clarify" && response != "out_of_scope";
      response = understood && pack_.responses.count("offer_human_repeated") ? "offer_human_repeated" : "offer_human";
    }
    // A flow set aside for this question comes back after the answer,
    // unless the visitor is leaving or declined it.
    if (flows_.paused() && !flows_.active()) {
      if (match.intent == "goodbye" || match.intent == "thanks" || IsPersonOffer(response)) {
        r.flow = flows_.Abandon();
      } else {
        r.flow = flows_.Resume(pack_);
        resume = r.flow.response;
      }
    }
  }
  if (r.decision.handoff) r.team = ChooseTeam(pack_.handoff, r.decision.reasons, match.intent, topic_);
  std::map<std::string, std::string> vars = flows_.slots();
  for (const auto& [k, v] : variables_) vars[k] = v;
  Reply said = SayAgainOtherwise(response, asked.response, r.tone, vars);
  ApplyReply(said, &r);
  // Quick replies and what each does: the clarify topics mean their intents.
  std::vector<std::string> labels;
  std::vector<QuickReplyAction> actions;
  auto offer = [&](const std::string& label, QuickReplyAction action) {
    if (std::find(labels.begin(), labels.end(), label) != labels.end()) return;
    labels.push_back(label);
    actions.push_back(std::move(action));
  };
  for (const std::string& t : topics)
    if (const Intent* in = IntentByTopic(pack_, t)) offer(t, QuickReplyAction{in->name, ""});
  for (size_t i = 0; i < said.quick_replies.size(); ++i)
    offer(said.quick_replies[i], i < said.quick_reply_actions.size() ? said.quick_reply_actions[i] : QuickReplyAction{});
  if (!resume.empty()) {
    // "Back to your order: what's the order number?" after the answer,
    // without a second acknowledgement.
    const Reply again = responder_.Say(pack_, resume, r.tone, vars, false);
    if (!again.text.empty()) r.reply += (r.reply.empty() ? "" : " ") + again.text;
    for (size_t i = 0; i < again.quick_replies.size(); ++i)
      offer(again.quick_replies[i], i < again.quick_reply_actions.size() ? again.quick_reply_actions[i] : QuickReplyAction{});
  }
  r.quick_replies = labels;
  // What this reply leaves open, for the next message (none once a person
  // or the crisis reply takes over).
  if ((handing_off || response == "crisis") && r.decision.handoff) {
    // The host now asks the visitor's consent to share the conversation
    // (the widget's consent card): a typed "no thanks" answers that offer.
    pending_.response = response;
    pending_.offers_person = true;
  } else if (!handing_off && response != "crisis" && response != "crisis_no_handoff") {
    pending_.response = resume.empty() ? response : resume;
    pending_.labels = std::move(labels);
    pending_.actions = std::move(actions);
    if (flows_.active()) pending_.flow_step = flows_.flow() + "/" + flows_.step();
    const Intent* person = HandoffIntent(pack_);
    auto means_person = [&](size_t i) {
      if (!person) return false;
      if (!pending_.actions[i].intent.empty()) return pending_.actions[i].intent == person->name;
      if (!pending_.actions[i].response.empty()) return pending_.actions[i].response == "handoff";
      return recognizer_.Recognize(CleanForAnalysis(pending_.labels[i]), pack_.intent_threshold).intent == person->name;
    };
    bool person_label = false, yes_person = false;
    for (size_t i = 0; i < pending_.labels.size(); ++i)
      if (means_person(i)) {
        person_label = true;
        yes_person |= LabelPolarity(pending_.labels[i]) == ContextWord::kYes;
      }
    pending_.offers_person = IsPersonOffer(response) || (response == "out_of_scope" && person_label) || yes_person;
    // An answer on the topic (not a fallback, a greeting, thanks or a
    // question back) keeps the labels that do something for later.
    static const std::set<std::string> kNotAnAnswer = {"fallback", "out_of_scope", "clarify", "offer_human", "bot_identity",
                                                       "offer_human_repeated", "greeting", "ask_away", "declined", "thanks",
                                                       "goodbye"};
    const bool acts = std::any_of(pending_.actions.begin(), pending_.actions.end(),
                                  [](const QuickReplyAction& a) { return !a.intent.empty() || !a.response.empty(); });
    if (acts && !topic_.empty() && !kNotAnAnswer.count(response)) {
      topic_offer_ = PendingContext{};
      topic_offer_.response = pending_.response;
      topic_offer_.labels = pending_.labels;
      topic_offer_.actions = pending_.actions;
      topic_offer_topic_ = topic_;
    }
  }
  recent_responses_.push_back(response);
  if (recent_responses_.size() > 2) recent_responses_.erase(recent_responses_.begin());
  r.suggestions = Suggest(r, cleaned);
  AnnounceSwitch(&r);
  transcript_.Append("visitor", text, r.turn);
  transcript_.Append("bot", r.reply, r.turn);
  return r;
}

static nlohmann::json CrisisResourceToJson(const CrisisResource& c) {
  json j = {{"name", c.name}, {"phone", c.phone}, {"url", c.url}};
  if (!c.countries.empty()) j["countries"] = c.countries;
  if (!c.kinds.empty()) j["kinds"] = c.kinds;
  return j;
}

std::string CrisisResourcesToJson(const std::vector<CrisisResource>& list) {
  json j = json::array();
  for (const CrisisResource& c : list) j.push_back(CrisisResourceToJson(c));
  return j.dump(-1, ' ', false, json::error_handler_t::replace);
}

std::string TurnResultToJson(const TurnResult& r) {
  json j;
  j["turn"] = r.turn;
  j["reply"] = r.reply;
  j["intent"] = r.intent;
  j["confidence"] = r.confidence;
  j["tone"] = r.tone;
  j["response"] = r.response;
  j["variant"] = r.variant;
  j["quick_replies"] = r.quick_replies;
  j["language"] = r.affect.judged ? r.affect.judgement.language : "und";
  j["reply_language"] = r.reply_language;
  if (!r.language_switched.empty()) j["language_switched"] = r.language_switched;
  j["valence"] = r.affect.valence;
  if (r.affect.judged) {
    json heads = json::object();
    for (int k = 0; k < kHeadCount; ++k) {
      const HeadScore& h = r.affect.judgement.heads[k];
      heads[HeadName(k)] = {{"probability", h.probability}, {"threshold", h.threshold}, {"fired", h.fired}};
    }
    if (r.affect.judgement.crisis_check >= 0) heads[kHeadCrisis]["check"] = r.affect.judgement.crisis_check;
    j["heads"] = heads;
  } else {
    j["heads"] = nullptr;
  }
  const Cue* crisis = r.affect.FindCue(kCueCrisis);
  j["crisis_kind"] = crisis && !crisis->kind.empty() ? json(crisis->kind) : json(nullptr);
  j["emotions"] = r.affect.emotions.empty() ? json(nullptr) : json(r.affect.emotions);
  json cues = json::array();
  for (const Cue& c : r.affect.cues) {
    // begin/end: UTF-16 offsets into the visitor's message, for slicing in JS.
    json cj = {{"name", c.name}, {"strength", c.strength}, {"evidence", c.evidence}, {"begin", c.begin16},
               {"end", c.end16}, {"layer", c.layer}, {"probability", c.probability}};
    if (!c.kind.empty()) cj["kind"] = c.kind;
    cues.push_back(std::move(cj));
  }
  j["cues"] = cues;
  j["distress"] = r.decision.score;
  j["handoff"] = r.decision.handoff;
  j["handoff_suppressed"] = r.decision.suppressed;
  j["team"] = r.team.empty() ? json(nullptr) : json(r.team);
  j["suggestions"] = r.suggestions;
  j["context"] = r.context.empty() ? json(nullptr) : json(r.context);
  json reasons = json::array();
  for (const Reason& re : r.decision.reasons) {
    json rj = {{"name", re.name}, {"weight", re.weight}, {"evidence", re.evidence}, {"begin", re.begin},
               {"end", re.end}, {"layer", re.layer}, {"probability", re.probability}};
    if (!re.kind.empty()) rj["kind"] = re.kind;
    reasons.push_back(std::move(rj));
  }
  j["reasons"] = reasons;
  j["variant_tone"] = r.variant_tone;
  j["template"] = r.template_pointer;
  j["acknowledgement"] = r.acknowledgement;
  json entities = json::array();
  for (const Entity& e : r.entities)
    entities.push_back({{"type", e.type}, {"value", e.value}, {"text", e.text}, {"begin", e.begin}, {"end", e.end}});
  j["entities"] = entities;
  j["flow"] = r.flow.status.empty() ? json(nullptr)
                                    : json{{"name", r.flow.flow}, {"status", r.flow.status}, {"step", r.flow.step}, {"slots", r.flow.slots}};
  json resources = json::array();
  for (const CrisisResource& c : r.crisis_resources) resources.push_back(CrisisResourceToJson(c));
  j["crisis_resources"] = resources;
  j["limit"] = r.limit.ok() ? json(nullptr)
                            : json{{"code", r.limit.code()}, {"message", r.limit.message()}, {"retry_after_ms", r.retry_after_ms}};
  // Pack strings are validated UTF-8 and message evidence is repaired, but
  // never let a stray byte turn into an abort at the boundary.
  return j.dump(-1, ' ', false, json::error_handler_t::replace);
}

}  // namespace attune
