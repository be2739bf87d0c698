#include "dialogue.h"

#include <algorithm>

namespace attune {

std::string ChooseTone(const Affect& affect) {
  if (affect.HasCue(kCueCrisis)) return "crisis";
  auto emo = [&](const char* k) {
    auto it = affect.emotions.find(k);
    return it == affect.emotions.end() ? 0.0 : it->second;
  };
  if (affect.HasCue(kCueAnger) || affect.HasCue(kCueProfanity) || emo("anger") > 0.5) return "angry";
  if (emo("fear") > 0.4 || emo("nervousness") > 0.4 || affect.HasCue(kCueUrgency)) return "anxious";
  if (emo("sadness") > 0.4 || emo("grief") > 0.3) return "sad";
  // A sure hardship (a death in the family, a job lost, an old man lost with
  // a letter; the head at kHardshipAtOnce, money named or not): "Of course,
  // I'll connect you" answers a request nobody made; the reply says sorry
  // first; so does one that handed off at once ("I was in hospital for three
  // weeks and missed the return window" read "I'm sorry this has been
  // frustrating"). Only a sure one: the model's milder hardship is heard in
  // routine questions too.
  if (const Cue* h = affect.FindCue(kCueHardship);
      h && (h->strength >= 0.8 || affect.hardship_at_once ||
            (affect.judged && affect.judgement.heads[4].probability >= kHardshipAtOnce)))
    return "sad";
  // The frustration head hears sarcasm ("brilliant, super useful") that
  // valence alone reads as happy.
  if (affect.valence <= -0.35 || emo("annoyance") > 0.4 || emo("disappointment") > 0.4 ||
      affect.HasCue(kCueFrustration))
    return "frustrated";
  if (affect.valence >= 0.5) return "happy";
  return "neutral";
}

std::string FillTemplate(std::string_view text, const std::map<std::string, std::string>& variables) {
  std::string out;
  out.reserve(text.size());
  for (size_t i = 0; i < text.size(); ++i) {
    // The text up to the next brace, appended at once (a call per byte in wasm).
    size_t stop = i;  // (find_first_of would search the set with memchr at every byte)
    while (stop < text.size() && text[stop] != '{' && text[stop] != '}') ++stop;
    out.append(text.data() + i, stop - i);
    i = stop;
    if (i == text.size()) break;
    const char c = text[i];
    if ((c == '{' || c == '}') && i + 1 < text.size() && text[i + 1] == c) {
      out += c;
      ++i;
      continue;
    }
    if (c != '{') {
      out += c;
      continue;
    }
    const size_t close = text.find('}', i);
    if (close == std::string_view::npos) {
      out += text.substr(i);
      break;
    }
    auto it = variables.find(std::string(text.substr(i + 1, close - i - 1)));
    if (it != variables.end() && !it->second.empty()) {
      out += it->second;
    } else if (!out.empty() && out.back() == ' ' && close + 1 < text.size() &&
               std::string_view(",.!?;:").find(text[close + 1]) != std::string_view::npos) {
      out.pop_back();  // "Hi {name}, ..." without a name reads "Hi, ..."
    }
    i = close;
  }
  return out;
}

int Responder::Pick(const std::string& key, size_t count, const std::vector<bool>& usable) {
  // Deterministic rotation (tests and transcripts are reproducible) that
  // never repeats the previous variant when there is a choice.
  std::vector<int> options;
  for (size_t i = 0; i < count; ++i)
    if (usable.empty() || usable[i]) options.push_back(static_cast<int>(i));
  if (options.empty())
    for (size_t i = 0; i < count; ++i) options.push_back(static_cast<int>(i));
  auto last = state_.last.find(key);
  if (last != state_.last.end() && options.size() > 1)
    options.erase(std::remove(options.begin(), options.end(), last->second), options.end());
  const int idx = options[state_.counter++ % options.size()];
  state_.last[key] = idx;
  return idx;
}

Reply Responder::Say(const Pack& pack, const std::string& response, const std::string& tone,
                     const std::map<std::string, std::string>& variables, bool acknowledge) {
  Reply r;
  auto it = pack.responses.find(response);
  if (it == pack.responses.end()) return r;
  const Response& resp = it->second;
  auto v = resp.variants.find(tone);
  if (v == resp.variants.end() || v->second.empty()) v = resp.variants.find("neutral");
  if (v == resp.variants.end() || v->second.empty()) return r;
  const std::vector<std::string>& options = v->second;

  std::map<std::string, std::string> vars = pack.variables;
  for (const auto& [k, val] : variables) vars[k] = val;
  std::vector<bool> usable(options.size(), true);
  for (size_t i = 0; i < options.size(); ++i)
    for (const std::string& name : TemplateVariables(options[i]))
      if (!vars.count(name) || vars[name].empty()) usable[i] = false;
  // The same words twice in a row read as a loop even when the tone moved
  // (fallback/neutral, then fallback/frustrated with the same sentence):
  // skip the text last said for this response when another will do.
  if (auto said = state_.last_text.find(response); said != state_.last_text.end()) {
    std::vector<bool> fresh = usable;
    bool any = false;
    for (size_t i = 0; i < options.size(); ++i) {
      if (fresh[i] && FillTemplate(options[i], vars) == said->second) fresh[i] = false;
      any |= fresh[i];
    }
    if (any) usable = std::move(fresh);
  }

  const int idx = Pick(response + "/" + v->first, options.size(), usable);
  r.text = FillTemplate(options[idx], vars);
  r.response = response;
  r.variant_tone = v->first;
  r.tone = v->first;
  r.variant = idx;
  const auto& ptrs = resp.pointers.find(v->first);
  if (ptrs != resp.pointers.end() && idx < static_cast<int>(ptrs->second.size())) r.template_pointer = ptrs->second[idx];
  r.quick_replies = resp.quick_replies;
  r.quick_reply_actions = resp.quick_reply_actions;
  state_.last_text[response] = r.text;
  if (!acknowledge) return r;

  const auto& distress = DistressTones();
  const bool in_distress = std::find(distress.begin(), distress.end(), tone) != distress.end();
  // Two replies running have named this feeling: a third would sound
  // scripted, so this one answers straight (a new feeling is named at once).
  const bool named_enough = state_.ack_streak >= kMaxAcknowledgementStreak && state_.last_ack_tone == tone;
  bool acknowledged = false;
  if (in_distress && v->first != tone && !named_enough) {
    auto ack = pack.acknowledgements.find(tone);
    if (ack != pack.acknowledgements.end() && !ack->second.empty()) {
      const int a = Pick("ack/" + tone, ack->second.size(), {});
      r.acknowledgement = FillTemplate(ack->second[a], vars);
      r.text = r.acknowledgement + " " + r.text;
      r.tone = tone;
      acknowledged = true;
    }
  }
  if (acknowledged) {
    state_.ack_streak = state_.last_ack_tone == tone ? state_.ack_streak + 1 : 1;
    state_.last_ack_tone = tone;
  } else {
    state_.ack_streak = 0;
  }
  return r;
}

}  // namespace attune
