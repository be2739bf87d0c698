// Engine::SaveState / RestoreState: a conversation's place as JSON, so a
// reload or another tab continues it (engine.h). Restore parses and checks
// everything into temporaries first and only then replaces the engine's
// state, so a bad state changes nothing. The core is built without
// exceptions: every value is type-checked before it is read.
#include <algorithm>
#include <cinttypes>
#include <cstdio>
#include <set>

#include <nlohmann/json.hpp>

#include "engine.h"
#include "text.h"

namespace attune {
namespace {

using json = nlohmann::json;

// Names the format, so a foreign JSON document is refused by its first key.
constexpr const char* kStateFormat = "attune_state";
constexpr int kStateVersion = 1;
// A state nests objects at most 4 deep; anything much deeper is not one
// (and a parser must not recurse without bound on hostile input).
constexpr int kMaxStateDepth = 16;
// Bounds on the small maps and strings a state holds.
constexpr size_t kMaxMapEntries = 64;
constexpr size_t kMaxNameBytes = 1024;
constexpr size_t kMaxValueBytes = 8192;
constexpr size_t kMaxQuickReplies = 16;
constexpr size_t kMaxHashesPerMessage = 4096;
// The widest transcript limits a Limits may set (limits.h ranges).
constexpr size_t kMaxStateTranscriptMessages = 10000;
constexpr size_t kMaxStateMessageBytes = 65536;

bool TooDeep(std::string_view text) {
  int depth = 0;
  bool in_string = false;
  for (size_t i = 0; i < text.size(); ++i) {
    const char c = text[i];
    if (in_string) {
      if (c == '\\') ++i;
      else if (c == '"') in_string = false;
    } else if (c == '"') {
      in_string = true;
    } else if (c == '{' || c == '[') {
      if (++depth > kMaxStateDepth) return true;
    } else if (c == '}' || c == ']') {
      --depth;
    }
  }
  return false;
}

std::string Hex64(uint64_t v) {
  char buf[17];
  std::snprintf(buf, sizeof buf, "%016" PRIx64, v);
  return buf;
}

// Reads typed values out of a state, remembering the first problem as
// "pointer: what was expected".
class StateReader {
 public:
  bool ok() const { return error_.empty(); }
  const std::string& error() const { return error_; }
  void Fail(const std::string& ptr, const std::string& msg) {
    if (error_.empty()) error_ = (ptr.empty() ? "/" : ptr) + ": " + msg;
  }
  const json* Field(const json& obj, const char* key, const std::string& ptr) {
    auto it = obj.find(key);
    if (it == obj.end()) {
      Fail(ptr, std::string("missing \"") + key + "\"");
      return nullptr;
    }
    return &*it;
  }
  bool Object(const json* v, const std::string& ptr) {
    if (v && v->is_object()) return true;
    if (v) Fail(ptr, "expected an object");
    return false;
  }
  bool Array(const json* v, const std::string& ptr, size_t max) {
    if (!v) return false;
    if (!v->is_array()) return Fail(ptr, "expected an array"), false;
    if (v->size() > max) return Fail(ptr, "more than " + std::to_string(max) + " items"), false;
    return true;
  }
  std::string String(const json& obj, const char* key, const std::string& ptr, size_t max = kMaxNameBytes) {
    const json* v = Field(obj, key, ptr);
    return v ? StringValue(*v, ptr + "/" + key, max) : std::string();
  }
  std::string StringValue(const json& v, const std::string& ptr, size_t max = kMaxNameBytes) {
    if (!v.is_string()) return Fail(ptr, "expected a string"), std::string();
    const std::string& s = v.get_ref<const std::string&>();
    if (s.size() > max) return Fail(ptr, "longer than " + std::to_string(max) + " bytes"), std::string();
    return s;
  }
  int64_t Int(const json& obj, const char* key, const std::string& ptr, int64_t lo, int64_t hi) {
    const json* v = Field(obj, key, ptr);
    return v ? IntValue(*v, ptr + "/" + key, lo, hi) : lo;
  }
  int64_t IntValue(const json& v, const std::string& ptr, int64_t lo, int64_t hi) {
    int64_t n = 0;
    if (v.is_number_unsigned()) {
      const uint64_t u = v.get<uint64_t>();
      if (u > static_cast<uint64_t>(hi)) return Fail(ptr, "out of range"), lo;
      n = static_cast<int64_t>(u);
    } else if (v.is_number_integer()) {
      n = v.get<int64_t>();
    } else {
      return Fail(ptr, "expected an integer"), lo;
    }
    if (n < lo || n > hi) return Fail(ptr, "expected " + std::to_string(lo) + ".." + std::to_string(hi)), lo;
    return n;
  }
  double Number(const json& obj, const char* key, const std::string& ptr, double lo, double hi) {
    const json* v = Field(obj, key, ptr);
    if (!v) return lo;
    if (!v->is_number()) return Fail(ptr + "/" + key, "expected a number"), lo;
    const double d = v->get<double>();
    if (!(d >= lo && d <= hi)) return Fail(ptr + "/" + key, "out of range"), lo;
    return d;
  }
  bool Bool(const json& obj, const char* key, const std::string& ptr) {
    const json* v = Field(obj, key, ptr);
    if (!v) return false;
    if (!v->is_boolean()) return Fail(ptr + "/" + key, "expected true or false"), false;
    return v->get<bool>();
  }
  std::map<std::string, std::string> StringMap(const json& obj, const char* key, const std::string& ptr) {
    std::map<std::string, std::string> out;
    const json* v = Field(obj, key, ptr);
    const std::string p = ptr + "/" + key;
    if (!Object(v, p)) return out;
    if (v->size() > kMaxMapEntries) return Fail(p, "more than " + std::to_string(kMaxMapEntries) + " entries"), out;
    for (auto it = v->begin(); it != v->end(); ++it) {
      if (it.key().empty() || it.key().size() > kMaxNameBytes) Fail(p, "a name is empty or too long");
      out[it.key()] = StringValue(it.value(), p + "/" + it.key(), kMaxValueBytes);
    }
    return out;
  }

 private:
  std::string error_;
};

json QuickRepliesJson(const std::vector<std::string>& labels, const std::vector<QuickReplyAction>& actions) {
  json out = json::array();
  for (size_t i = 0; i < labels.size(); ++i) {
    json q = {{"text", labels[i]}};
    if (i < actions.size() && !actions[i].intent.empty()) q["intent"] = actions[i].intent;
    if (i < actions.size() && !actions[i].response.empty()) q["response"] = actions[i].response;
    out.push_back(std::move(q));
  }
  return out;
}

}  // namespace

std::string Engine::PackFingerprint() const {
  // What a saved place refers to: intent, response, flow and step names and
  // the entity types steps want. Wording may change between pack versions;
  // a renamed response or step would leave a restored conversation nowhere.
  std::string s;
  for (const Intent& in : pack_.intents) s += "i:" + in.name + "\n";
  for (const auto& [name, resp] : pack_.responses) {
    s += "r:" + name;
    for (const auto& [tone, variants] : resp.variants) s += " " + tone + "=" + std::to_string(variants.size());
    s += "\n";
  }
  for (const auto& [name, flow] : pack_.flows)
    for (const FlowStep& st : flow.steps) s += "f:" + name + "/" + st.id + ":" + st.entity + "\n";
  char buf[9];
  std::snprintf(buf, sizeof buf, "%08x", HashString(s));
  return buf;
}

std::string Engine::SaveState() const {
  json j;
  j[kStateFormat] = kStateVersion;
  j["pack"] = {{"id", pack_.id}, {"version", pack_.version}, {"fingerprint", PackFingerprint()}};
  j["language"] = pack_.language;
  j["announced"] = announced_;  // languages whose switch note was said
  j["turn"] = turn_;
  j["last_intent"] = last_intent_;
  j["topic"] = topic_;
  j["known_entities"] = known_entities_;
  j["variables"] = variables_;
  j["country"] = country_;

  const FlowState f = flows_.State();
  j["flow"] = {{"name", f.flow},       {"step", f.step},   {"trigger", f.trigger}, {"attempts", f.attempts},
               {"paused", {{"name", f.paused_flow}, {"step", f.paused_step}, {"trigger", f.paused_trigger}}},
               {"pauses", f.pauses}, {"slots", f.slots}, {"known", f.known}};
  j["pending"] = {{"response", pending_.response},
                  {"offers_person", pending_.offers_person},
                  {"flow_step", pending_.flow_step},
                  {"quick_replies", QuickRepliesJson(pending_.labels, pending_.actions)}};
  j["topic_offer"] = {{"topic", topic_offer_topic_},
                      {"response", topic_offer_.response},
                      {"quick_replies", QuickRepliesJson(topic_offer_.labels, topic_offer_.actions)}};
  j["recent_responses"] = recent_responses_;

  const ResponderState& rs = responder_.State();
  j["responder"] = {{"last", rs.last},
                    {"last_text", rs.last_text},
                    {"counter", rs.counter},
                    {"ack_streak", rs.ack_streak},
                    {"last_ack_tone", rs.last_ack_tone}};

  const ConversationState cs = conversation_.State();
  json history = json::array();
  for (const TurnAffect& t : cs.history) history.push_back({{"valence", t.valence}, {"distress", t.distress}, {"cues", t.cues}});
  json words = json::array();
  for (const auto& set : cs.recent_words) {
    // 64-bit hashes as hex: a JavaScript number would round them.
    json hs = json::array();
    for (uint64_t h : set) hs.push_back(Hex64(h));
    words.push_back(std::move(hs));
  }
  j["conversation"] = {{"history", history},
                       {"recent_words", words},
                       {"recent_features", cs.recent_features},
                       {"distress", cs.distress},
                       {"pending", cs.pending},
                       {"consecutive_fallbacks", cs.consecutive_fallbacks},
                       {"suppress_turns_left", cs.suppress_turns_left},
                       {"distress_at_decline", cs.distress_at_decline},
                       {"crisis_ongoing", cs.crisis_ongoing}};

  json entries = json::array();
  for (const TranscriptEntry& e : transcript_.entries())
    entries.push_back({{"role", e.role}, {"text", e.text}, {"turn", e.turn}});
  j["transcript"] = {{"entries", entries}, {"dropped", transcript_.dropped()}};
  return j.dump(-1, ' ', false, json::error_handler_t::replace);
}

Status Engine::RestoreState(std::string_view text) {
  // A state saved while another held language was answering is checked
  // against, and continues in, that language's pack (each language's pack
  // has its own id); on refusal the engine goes back to where it was.
  const std::string before = pack_.language;
  if (text.size() <= MaxStateBytes() && !TooDeep(text)) {
    const json peek = json::parse(text, nullptr, false);
    if (peek.is_object() && peek.contains("language") && peek["language"].is_string()) {
      const std::string lang = peek["language"].get<std::string>();
      if (lang != before && parked_.count(lang)) SetLanguage(lang);
    }
  }
  Status s = RestoreStateIn(text);
  if (!s.ok() && pack_.language != before) SetLanguage(before);
  return s;
}

Status Engine::RestoreStateIn(std::string_view text) {
  auto refuse = [](const std::string& msg) { return Status::InvalidArgument("cannot restore the conversation: " + msg); };
  if (text.size() > MaxStateBytes())
    return refuse("the state is " + std::to_string(text.size()) + " bytes, more than the " +
                  std::to_string(MaxStateBytes()) + " a state can be");
  if (TooDeep(text)) return refuse("not an Attune state (nested deeper than one)");
  const json j = json::parse(text, nullptr, false);
  if (j.is_discarded()) return refuse("not JSON");
  if (!j.is_object() || !j.contains(kStateFormat)) return refuse("not an Attune state (no \"attune_state\")");
  StateReader rd;
  if (rd.IntValue(j[kStateFormat], "/attune_state", 1, 1000) != kStateVersion || !rd.ok())
    return refuse("unsupported state version (this build reads " + std::to_string(kStateVersion) + ")");
  static const std::set<std::string> kKeys = {kStateFormat, "pack", "language", "turn", "last_intent", "topic",
                                              "known_entities", "variables", "country", "flow", "pending",
                                              "recent_responses", "responder", "conversation", "transcript",
                                              "announced", "topic_offer"};
  for (auto it = j.begin(); it != j.end(); ++it)
    if (!kKeys.count(it.key())) return refuse("unknown field \"" + it.key() + "\"");

  // The pack it belongs to.
  const json* pk = rd.Field(j, "pack", "");
  if (!rd.Object(pk, "/pack")) return refuse(rd.error());
  const std::string pack_id = rd.String(*pk, "id", "/pack");
  const int64_t pack_version = rd.Int(*pk, "version", "/pack", 0, 1000);
  const std::string fingerprint = rd.String(*pk, "fingerprint", "/pack");
  if (!rd.ok()) return refuse(rd.error());
  if (pack_id != pack_.id || pack_version != pack_.version)
    return refuse("the state belongs to pack \"" + pack_id + "\" version " + std::to_string(pack_version) +
                  ", not \"" + pack_.id + "\" version " + std::to_string(pack_.version));
  if (fingerprint != PackFingerprint())
    return refuse("the pack's intents, responses or flows have changed since the state was saved");
  // The pack language that was answering (RestoreState switched to it when held).
  const std::string language = rd.String(j, "language", "");
  if (rd.ok() && language != pack_.language)
    return refuse("the state is in language \"" + language + "\", this engine's pack is \"" + pack_.language + "\"");

  const int turn = static_cast<int>(rd.Int(j, "turn", "", 0, 1000000000));
  auto intent_name = [&](const char* key) {
    std::string name = rd.String(j, key, "");
    if (rd.ok() && !name.empty() && name != "none" && name != "greeting" && !pack_.FindIntent(name))
      rd.Fail(std::string("/") + key, "no intent \"" + name + "\" in the pack");
    return name;
  };
  const std::string last_intent = intent_name("last_intent");
  const std::string topic = intent_name("topic");
  const auto known_entities = rd.StringMap(j, "known_entities", "");
  const auto variables = rd.StringMap(j, "variables", "");
  const std::string country = rd.String(j, "country", "");
  if (rd.ok() && !country.empty() && !IsCountryCode(country)) rd.Fail("/country", "not an ISO 3166-1 alpha-2 code");
  auto need_response = [&](const std::string& name, const std::string& ptr) {
    if (!name.empty() && !pack_.responses.count(name)) rd.Fail(ptr, "no response \"" + name + "\" in the pack");
  };

  // Flow.
  FlowState fs;
  if (const json* f = rd.Field(j, "flow", ""); rd.Object(f, "/flow")) {
    fs.flow = rd.String(*f, "name", "/flow");
    fs.step = rd.String(*f, "step", "/flow");
    fs.trigger = rd.String(*f, "trigger", "/flow");
    fs.attempts = static_cast<int>(rd.Int(*f, "attempts", "/flow", 0, 10));
    fs.pauses = static_cast<int>(rd.Int(*f, "pauses", "/flow", 0, kMaxFlowPauses));
    if (const json* p = rd.Field(*f, "paused", "/flow"); rd.Object(p, "/flow/paused")) {
      fs.paused_flow = rd.String(*p, "name", "/flow/paused");
      fs.paused_step = rd.String(*p, "step", "/flow/paused");
      fs.paused_trigger = rd.String(*p, "trigger", "/flow/paused");
    }
    fs.slots = rd.StringMap(*f, "slots", "/flow");
    fs.known = rd.StringMap(*f, "known", "/flow");
    auto check_place = [&](const std::string& flow, const std::string& step, const std::string& trigger,
                           const std::string& ptr) {
      if (!rd.ok() || (flow.empty() && step.empty() && trigger.empty())) return;
      auto it = pack_.flows.find(flow);
      if (it == pack_.flows.end()) return rd.Fail(ptr + "/name", "no flow \"" + flow + "\" in the pack");
      if (!it->second.Step(step)) return rd.Fail(ptr + "/step", "no step \"" + step + "\" in flow \"" + flow + "\"");
      if (!trigger.empty() && !pack_.FindIntent(trigger)) rd.Fail(ptr + "/trigger", "no intent \"" + trigger + "\" in the pack");
    };
    // States saved before a finished flow forgot its trigger carry one alone: it means nothing.
    if (fs.flow.empty() && fs.step.empty()) fs.trigger.clear();
    check_place(fs.flow, fs.step, fs.trigger, "/flow");
    check_place(fs.paused_flow, fs.paused_step, fs.paused_trigger, "/flow/paused");
    if (rd.ok() && !fs.flow.empty() && !fs.paused_flow.empty()) rd.Fail("/flow", "a flow cannot be active and paused at once");
  }

  // Pending context, and the quick replies kept from the last answer on a topic.
  auto read_quick_replies = [&](const json& p, const std::string& at, PendingContext* out) {
    const json* qr = rd.Field(p, "quick_replies", at);
    if (rd.Array(qr, at + "/quick_replies", kMaxQuickReplies))
      for (size_t i = 0; i < qr->size() && rd.ok(); ++i) {
        const std::string ip = at + "/quick_replies/" + std::to_string(i);
        const json& q = (*qr)[i];
        if (!rd.Object(&q, ip)) break;
        out->labels.push_back(rd.String(q, "text", ip, kMaxValueBytes));
        QuickReplyAction a;
        if (q.contains("intent")) a.intent = rd.StringValue(q["intent"], ip + "/intent");
        if (q.contains("response")) a.response = rd.StringValue(q["response"], ip + "/response");
        if (rd.ok() && !a.intent.empty() && !pack_.FindIntent(a.intent)) rd.Fail(ip + "/intent", "no such intent in the pack");
        need_response(a.response, ip + "/response");
        out->actions.push_back(std::move(a));
      }
  };
  PendingContext pending;
  if (const json* p = rd.Field(j, "pending", ""); rd.Object(p, "/pending")) {
    pending.response = rd.String(*p, "response", "/pending");
    need_response(pending.response, "/pending/response");
    pending.offers_person = rd.Bool(*p, "offers_person", "/pending");
    pending.flow_step = rd.String(*p, "flow_step", "/pending");
    read_quick_replies(*p, "/pending", &pending);
  }
  // (Optional: states saved before it lack it.)
  PendingContext topic_offer;
  std::string topic_offer_topic;
  if (j.contains("topic_offer")) {
    if (const json* p = rd.Field(j, "topic_offer", ""); rd.Object(p, "/topic_offer")) {
      topic_offer_topic = rd.String(*p, "topic", "/topic_offer");
      if (rd.ok() && !topic_offer_topic.empty() && !pack_.FindIntent(topic_offer_topic))
        rd.Fail("/topic_offer/topic", "no intent \"" + topic_offer_topic + "\" in the pack");
      topic_offer.response = rd.String(*p, "response", "/topic_offer");
      need_response(topic_offer.response, "/topic_offer/response");
      read_quick_replies(*p, "/topic_offer", &topic_offer);
    }
  }
  std::vector<std::string> recent_responses;
  if (const json* rr = rd.Field(j, "recent_responses", ""); rd.Array(rr, "/recent_responses", 2))
    for (size_t i = 0; i < rr->size() && rd.ok(); ++i) {
      recent_responses.push_back(rd.StringValue((*rr)[i], "/recent_responses/" + std::to_string(i)));
      need_response(recent_responses.back(), "/recent_responses/" + std::to_string(i));
    }
  // Languages whose switch note was said (optional: states from before languages lack it).
  std::set<std::string> announced;
  if (j.contains("announced")) {
    const json* an = rd.Field(j, "announced", "");
    if (rd.Array(an, "/announced", 16))
      for (size_t i = 0; i < an->size() && rd.ok(); ++i)
        announced.insert(rd.StringValue((*an)[i], "/announced/" + std::to_string(i)));
  }

  // Responder: every remembered variant must exist in this pack.
  ResponderState rs;
  if (const json* r = rd.Field(j, "responder", ""); rd.Object(r, "/responder")) {
    const json* last = rd.Field(*r, "last", "/responder");
    if (rd.Object(last, "/responder/last")) {
      if (last->size() > pack_.responses.size() * ToneNames().size() + ToneNames().size())
        rd.Fail("/responder/last", "more entries than the pack has responses");
      for (auto it = last->begin(); it != last->end() && rd.ok(); ++it) {
        const std::string ptr = "/responder/last/" + it.key();
        const size_t slash = it.key().find('/');
        const std::string head = it.key().substr(0, slash);
        const std::string tone = slash == std::string::npos ? "" : it.key().substr(slash + 1);
        size_t count = 0;
        if (head == "ack") {
          if (auto a = pack_.acknowledgements.find(tone); a != pack_.acknowledgements.end()) count = a->second.size();
        } else if (auto resp = pack_.responses.find(head); resp != pack_.responses.end()) {
          if (auto v = resp->second.variants.find(tone); v != resp->second.variants.end()) count = v->second.size();
        }
        if (count == 0) {
          rd.Fail(ptr, "no such response and tone in the pack");
          break;
        }
        rs.last[it.key()] = static_cast<int>(rd.IntValue(it.value(), ptr, 0, static_cast<int64_t>(count) - 1));
      }
    }
    rs.last_text = rd.StringMap(*r, "last_text", "/responder");
    for (const auto& [name, said] : rs.last_text) need_response(name, "/responder/last_text");
    rs.counter = static_cast<unsigned>(rd.Int(*r, "counter", "/responder", 0, UINT32_MAX));
    rs.ack_streak = static_cast<int>(rd.Int(*r, "ack_streak", "/responder", 0, kMaxAcknowledgementStreak));
    rs.last_ack_tone = rd.String(*r, "last_ack_tone", "/responder");
    const auto& tones = ToneNames();
    if (rd.ok() && !rs.last_ack_tone.empty() && std::find(tones.begin(), tones.end(), rs.last_ack_tone) == tones.end())
      rd.Fail("/responder/last_ack_tone", "not a tone");
  }

  // Conversation (handoff history).
  ConversationState cs;
  if (const json* c = rd.Field(j, "conversation", ""); rd.Object(c, "/conversation")) {
    const json* h = rd.Field(*c, "history", "/conversation");
    if (rd.Array(h, "/conversation/history", Conversation::kMaxHistory))
      for (size_t i = 0; i < h->size() && rd.ok(); ++i) {
        const std::string ip = "/conversation/history/" + std::to_string(i);
        const json& t = (*h)[i];
        if (!rd.Object(&t, ip)) break;
        TurnAffect ta;
        ta.valence = rd.Number(t, "valence", ip, -1, 1);
        ta.distress = rd.Number(t, "distress", ip, 0, 1);
        const json* cues = rd.Field(t, "cues", ip);
        if (rd.Array(cues, ip + "/cues", 32))
          for (size_t k = 0; k < cues->size() && rd.ok(); ++k) ta.cues.push_back(rd.StringValue((*cues)[k], ip + "/cues"));
        cs.history.push_back(std::move(ta));
      }
    const json* w = rd.Field(*c, "recent_words", "/conversation");
    if (rd.Array(w, "/conversation/recent_words", Conversation::kRecentMessages))
      for (size_t i = 0; i < w->size() && rd.ok(); ++i) {
        const std::string ip = "/conversation/recent_words/" + std::to_string(i);
        if (!rd.Array(&(*w)[i], ip, kMaxHashesPerMessage)) break;
        std::vector<uint64_t> set;
        for (const json& hv : (*w)[i]) {
          const std::string hex = rd.StringValue(hv, ip, 16);
          if (!rd.ok() || hex.size() != 16 || hex.find_first_not_of("0123456789abcdef") != std::string::npos) {
            rd.Fail(ip, "expected 16 lower-case hex digits");
            break;
          }
          set.push_back(std::stoull(hex, nullptr, 16));
        }
        // Overlap() reads sorted, distinct hashes.
        if (!std::is_sorted(set.begin(), set.end()) || std::adjacent_find(set.begin(), set.end()) != set.end())
          rd.Fail(ip, "expected sorted, distinct hashes");
        cs.recent_words.push_back(std::move(set));
      }
    const json* fe = rd.Field(*c, "recent_features", "/conversation");
    if (rd.Array(fe, "/conversation/recent_features", Conversation::kRecentMessages))
      for (size_t i = 0; i < fe->size() && rd.ok(); ++i) {
        const std::string ip = "/conversation/recent_features/" + std::to_string(i);
        if (!rd.Array(&(*fe)[i], ip, kMaxHashesPerMessage)) break;
        std::vector<uint32_t> set;
        for (const json& hv : (*fe)[i]) set.push_back(static_cast<uint32_t>(rd.IntValue(hv, ip, 0, UINT32_MAX)));
        if (!std::is_sorted(set.begin(), set.end()) || std::adjacent_find(set.begin(), set.end()) != set.end())
          rd.Fail(ip, "expected sorted, distinct hashes");
        cs.recent_features.push_back(std::move(set));
      }
    if (rd.ok() && cs.recent_words.size() != cs.recent_features.size())
      rd.Fail("/conversation", "recent_words and recent_features describe different messages");
    cs.distress = rd.Number(*c, "distress", "/conversation", 0, 1);
    cs.pending = rd.Bool(*c, "pending", "/conversation");
    cs.consecutive_fallbacks = static_cast<int>(rd.Int(*c, "consecutive_fallbacks", "/conversation", 0, 1000000));
    cs.suppress_turns_left = static_cast<int>(rd.Int(*c, "suppress_turns_left", "/conversation", 0, Conversation::kSuppressTurns));
    cs.distress_at_decline = rd.Number(*c, "distress_at_decline", "/conversation", 0, 1);
    cs.crisis_ongoing = rd.Bool(*c, "crisis_ongoing", "/conversation");
  }

  // Transcript: a tab with other limits may have saved it, so anything
  // within the widest limits is taken and then trimmed to this engine's
  // (oldest entries dropped and counted, long texts cut), as Append does.
  std::vector<TranscriptEntry> entries;
  size_t dropped = 0;
  if (const json* t = rd.Field(j, "transcript", ""); rd.Object(t, "/transcript")) {
    const json* es = rd.Field(*t, "entries", "/transcript");
    if (rd.Array(es, "/transcript/entries", kMaxStateTranscriptMessages))
      for (size_t i = 0; i < es->size() && rd.ok(); ++i) {
        const std::string ip = "/transcript/entries/" + std::to_string(i);
        const json& e = (*es)[i];
        if (!rd.Object(&e, ip)) break;
        TranscriptEntry te;
        te.role = rd.String(e, "role", ip);
        if (rd.ok() && te.role != "visitor" && te.role != "bot") rd.Fail(ip + "/role", "expected \"visitor\" or \"bot\"");
        te.text = rd.String(e, "text", ip, kMaxStateMessageBytes);
        te.turn = static_cast<int>(rd.Int(e, "turn", ip, 0, 1000000000));
        entries.push_back(std::move(te));
      }
    dropped = static_cast<size_t>(rd.Int(*t, "dropped", "/transcript", 0, 1000000000));
  }
  if (!rd.ok()) return refuse(rd.error());

  // Everything checked: replace the state in one go.
  turn_ = turn;
  last_intent_ = last_intent;
  topic_ = topic;
  known_entities_ = known_entities;
  variables_ = variables;
  country_ = country;
  flows_.Restore(std::move(fs));
  pending_ = std::move(pending);
  topic_offer_ = std::move(topic_offer);
  topic_offer_topic_ = std::move(topic_offer_topic);
  recent_responses_ = std::move(recent_responses);
  announced_ = std::move(announced);
  responder_.Restore(std::move(rs));
  conversation_.Restore(std::move(cs));
  transcript_.Restore(entries, dropped);
  return Status::Ok();
}

}  // namespace attune
