// Affect: valence and the per-message cue detectors. The golden cases live in
// tests/data/cues.json and are shared with tests/js/cues.test.mjs.
#include <doctest/doctest.h>

#include <chrono>
#include <cmath>
#include <nlohmann/json.hpp>

#include "core/affect.h"
#include "core/handoff.h"
#include "core/lexicon.h"
#include "core/text.h"
#include "test_util.h"

using namespace attune;
using json = nlohmann::json;

namespace {
const Cue* FindCue(const Affect& a, const std::string& name) {
  for (const Cue& c : a.cues)
    if (c.name == name) return &c;
  return nullptr;
}
}  // namespace

TEST_CASE("golden messages: cues fire, near-misses do not, evidence and valence as recorded") {
  const json doc = json::parse(testing::DataFile("cues.json"));
  REQUIRE(doc["messages"].size() > 50);
  for (const json& m : doc["messages"]) {
    const std::string text = m["text"];
    CAPTURE(text);
    Affect a = Analyze(text);
    for (const json& name : m.value("fires", json::array())) CHECK_MESSAGE(a.HasCue(name.get<std::string>()), name);
    for (const json& name : m.value("absent", json::array())) CHECK_MESSAGE(!a.HasCue(name.get<std::string>()), name);
    const json evidences = m.value("evidence", json::object());  // a named copy: items() must not outlive it
    for (const auto& item : evidences.items()) {
      // Plain names, not a structured binding: clang 14 (em++) cannot
      // capture those in doctest's assertion lambdas.
      const std::string name = item.key();
      const Cue* c = FindCue(a, name);
      REQUIRE_MESSAGE(c != nullptr, name);
      CHECK(c->evidence == item.value().get<std::string>());
    }
    if (m.contains("valence")) {
      const std::string want = m["valence"];
      CAPTURE(a.valence);
      if (want == "positive") CHECK(a.valence >= 0.05);
      else if (want == "negative") CHECK(a.valence <= -0.05);
      else CHECK(std::fabs(a.valence) < 0.05);
    }
    if (m.contains("handoff")) {
      Conversation conversation;
      CHECK(conversation.ObserveMessage(text, &a, false).handoff == m["handoff"].get<bool>());
    }
  }
}

TEST_CASE("evidence spans point into the cleaned message") {
  const std::string text = "Hi!! \xE2\x80\xAE can I please talk to a real person, this is URGENT";
  const Affect a = Analyze(text);
  const std::string cleaned = CleanForAnalysis(text);
  REQUIRE(a.HasCue(kCueHumanRequest));
  REQUIRE(a.HasCue(kCueUrgency));
  for (const Cue& c : a.cues) {
    REQUIRE(c.end <= cleaned.size());
    CHECK(cleaned.substr(c.begin, c.end - c.begin) == c.evidence);
  }
}

TEST_CASE("valence follows VADER's rules") {
  CHECK(Valence("good") > 0.3);
  CHECK(Valence("not good") < 0);                      // negation
  CHECK(Valence("very good") > Valence("good"));       // intensifier
  CHECK(Valence("somewhat good") < Valence("good"));   // hedge
  CHECK(Valence("good!!!") > Valence("good"));         // exclamation emphasis
  CHECK(Valence("it is GOOD") > Valence("it is good"));  // capitals, when not everything is shouted
  CHECK(Valence("gooood") > Valence("good"));          // elongation
  CHECK(Valence("I'm fed up") < 0);                    // two-word lexicon entry
  CHECK(Valence("\xF0\x9F\x98\xA1") < 0);              // emoji: pouting face
  CHECK(Valence("\xF0\x9F\x91\x8D\xF0\x9F\x8F\xBD") > 0);  // thumbs up with a skin tone
  CHECK(Valence(":)") > 0);
  // Negation stops at the clause: "not bad, great" keeps "great" positive.
  CHECK(Valence("not bad, great") > Valence("not bad great"));
  for (const char* s : {"", "   ", "qwerty", "12345"}) CHECK(Valence(s) == 0);
}

TEST_CASE("the VADER lexicon is generated in, complete and sorted") {
  const std::vector<LexiconEntry>& lexicon = VaderLexicon();
  REQUIRE(lexicon.size() > 7000);
  for (size_t i = 1; i < lexicon.size(); ++i) REQUIRE(lexicon[i - 1].token < lexicon[i].token);
  for (const LexiconEntry& e : lexicon) REQUIRE((!e.token.empty() && e.valence >= -4 && e.valence <= 4));
  double v = 0;
  REQUIRE(LexiconValence("good", &v));
  CHECK(v == doctest::Approx(1.9));
  REQUIRE(LexiconValence("fed up", &v));  // two-word entries survive the packing
  CHECK(v < 0);
  REQUIRE(LexiconValence(":)", &v));
  CHECK(v == doctest::Approx(2.0));
  CHECK_FALSE(LexiconValence("qwertyuiop", &v));
}

TEST_CASE("emotion probabilities: wrong length ignored, out-of-range clamped, model anger becomes a cue") {
  AnalyzeOptions opts;
  opts.emotion_probs = {0.9f, 0.1f};
  CHECK(Analyze("fine", opts).emotions.empty());

  opts.emotion_probs.assign(EmotionLabels().size(), 0.0f);
  opts.emotion_probs[0] = 7.0f;
  opts.emotion_probs[1] = std::nanf("");
  opts.emotion_probs[2] = 0.8f;  // anger
  const Affect a = Analyze("third time I am asking about this", opts);
  CHECK(a.emotions.at("admiration") == 1.0);
  CHECK(a.emotions.at("amusement") == 0.0);
  const Cue* anger = FindCue(a, kCueAnger);
  REQUIRE(anger != nullptr);
  CHECK(anger->strength == doctest::Approx(0.8));
  CHECK(anger->evidence == "third time I am asking about this");
}

TEST_CASE("bad input: never a crash, bounded time, a sensible result") {
  std::vector<std::string> inputs = {
      std::string(1 << 20, 'a'),                       // 1 MB
      std::string("\0\0\0 hello \0", 11),              // NUL bytes
      std::string("\xff\xfe\xc0\xaf\xed\xa0\x80", 7),  // invalid UTF-8, overlong, surrogate
      "\xE2\x80\xAE\xE2\x80\xAD talk to an agent \xE2\x81\xA6",  // bidi controls
  };
  std::string flood = "a";
  for (int i = 0; i < 100000; ++i) flood += "\xCC\x81";  // combining acute accents
  inputs.push_back(flood);
  std::string binary;
  for (int i = 0; i < 300000; ++i) binary.push_back(static_cast<char>((i * 7919) & 0xFF));
  inputs.push_back(binary);
  std::string words;
  for (int i = 0; i < 100000; ++i) words += "not very fucking good but urgent agent !!! ";
  inputs.push_back(words);

  for (const std::string& in : inputs) {
    const auto start = std::chrono::steady_clock::now();
    const Affect a = Analyze(in);
    const double ms = std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - start).count();
    CHECK(ms < 500);  // generous: the analysed prefix is bounded by kMaxAnalyzedBytes
    CHECK(std::isfinite(a.valence));
    CHECK(a.valence >= -1);
    CHECK(a.valence <= 1);
    for (const Cue& c : a.cues) CHECK(RepairUtf8(c.evidence) == c.evidence);
  }
  CHECK(Analyze(inputs[3]).HasCue(kCueHumanRequest));  // bidi controls do not hide the words

  // A long shout keeps readable evidence.
  std::string shout;
  for (int i = 0; i < 200; ++i) shout += "WHERE IS MY ÖRDER ";
  const Affect a = Analyze(shout);
  REQUIRE(a.HasCue(kCueAnger));
  for (const Cue& c : a.cues) {
    CHECK(c.evidence.size() <= kMaxEvidenceBytes);
    CHECK(RepairUtf8(c.evidence) == c.evidence);
    CHECK(c.end - c.begin == c.evidence.size());
  }
}
