// The intent model's featurization and generalisation (the rest of its tests,
// patterns included, are in dialogue_test.cc).
#include <doctest/doctest.h>

#include "core/intents.h"
#include "core/pack.h"
#include "test_util.h"

using namespace attune;

namespace {
std::vector<Intent> PackIntents(const char* file) {
  Pack p;
  const Status s = LoadPack(testing::PackFile(file), &p);
  REQUIRE_MESSAGE(s.ok(), s.ToString());
  return p.intents;
}
}  // namespace

TEST_CASE("intent features fold accents and apostrophes, so visitors need not type them") {
  IntentRecognizer es;
  es.Train(PackIntents("ecommerce.es.json"));
  const auto a = es.Rank("Dónde está mi pedido");
  const auto b = es.Rank("donde esta mi pedido");
  REQUIRE(a.size() == b.size());
  for (size_t i = 0; i < a.size(); ++i) {
    CHECK(a[i].first == b[i].first);
    CHECK(a[i].second == b[i].second);
  }
  CHECK(a[0].first == "track_order");

  IntentRecognizer en;
  en.Train(PackIntents("ecommerce.en.json"));
  CHECK(en.Rank("I can't log in")[0].second == en.Rank("i cant log in")[0].second);
  CHECK(en.Recognize("i cant log in", 0.3).intent == "account");
}

TEST_CASE("words the pack never used lower the confidence but do not change the answer") {
  IntentRecognizer r;
  r.Train(PackIntents("ecommerce.en.json"));
  const IntentMatch plain = r.Recognize("where is my order", 0.0);
  const IntentMatch noisy = r.Recognize("where is my order qwxz plmkj vbntr", 0.0);
  CHECK(plain.intent == "track_order");
  CHECK(noisy.intent == "track_order");
  CHECK(noisy.confidence < plain.confidence);
}

// Every 5th example of each intent held out in turn (5-fold), patterns
// ignored: what tests/bench/intents.mjs prints for the packs, as a floor.
// Measured 2026-12-02: ecommerce en 71 % / es 73 %, healthcare en 64 % / es
// 62 %; chance is 9-11 %.
TEST_CASE("the shipped packs recognise most of their own held-out examples") {
  for (const char* file : {"ecommerce.en.json", "ecommerce.es.json", "healthcare.en.json", "healthcare.es.json"}) {
    CAPTURE(file);
    const std::vector<Intent> intents = PackIntents(file);
    int right = 0, total = 0;
    for (size_t fold = 0; fold < 5; ++fold) {
      std::vector<Intent> train;
      std::vector<std::pair<std::string, std::string>> test;  // (text, intent)
      for (const Intent& in : intents) {
        Intent t;
        t.name = in.name;
        for (size_t i = 0; i < in.examples.size(); ++i) {
          if (i % 5 == fold) test.emplace_back(in.examples[i], in.name);
          else t.examples.push_back(in.examples[i]);
        }
        train.push_back(t);
      }
      IntentRecognizer r;
      r.Train(train);
      for (const auto& [text, intent] : test) {
        right += r.Recognize(text, 0.0).intent == intent;
        ++total;
      }
    }
    CHECK(total > 50);
    CHECK(right >= total / 2);
  }
}
