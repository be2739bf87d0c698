#include <doctest/doctest.h>

#include "core/text.h"

using namespace attune;

TEST_CASE("RepairUtf8 replaces each invalid byte with U+FFFD") {
  CHECK(RepairUtf8("ok") == "ok");
  CHECK(RepairUtf8(std::string("a\xff" "b", 3)) == "a\xEF\xBF\xBD" "b");
  CHECK(RepairUtf8("\xC0\xAF") == "\xEF\xBF\xBD\xEF\xBF\xBD");  // overlong '/'
  CHECK(RepairUtf8("\xED\xA0\x80").find("\xEF\xBF\xBD") == 0);   // surrogate
  CHECK(RepairUtf8("caf\xC3\xA9") == "caf\xC3\xA9");
}

TEST_CASE("CleanForAnalysis drops NUL, controls and bidi overrides and bounds length") {
  CHECK(CleanForAnalysis(std::string("a\0b", 3)) == "ab");
  CHECK(CleanForAnalysis("a\tb\nc") == "a b c");
  CHECK(CleanForAnalysis("x\xE2\x80\xAEy") == "xy");  // U+202E RIGHT-TO-LEFT OVERRIDE
  const std::string huge(1 << 20, 'a');
  CHECK(CleanForAnalysis(huge).size() == kMaxAnalyzedBytes);
  std::string flood = "e";
  for (int i = 0; i < 500; ++i) flood += "\xCC\x81";  // U+0301 combining acute
  CHECK(CleanForAnalysis(flood).size() == 1 + 2 * kMaxCombiningMarks);
}

TEST_CASE("Tokenize types tokens and keeps emoji, emoticons and contractions") {
  const auto t = Tokenize("I don't LOVE this soooo much :( \xF0\x9F\x98\xA1!!! see https://x.io/a, mail me@ex.com 42.50");
  REQUIRE(t.size() == 15);
  CHECK(t[1].norm == "don't");
  CHECK(t[2].all_caps);
  CHECK(t[2].norm == "love");
  CHECK(t[4].elongated);
  CHECK(t[4].norm == "soo");
  CHECK(t[6].kind == TokenKind::kEmoticon);
  CHECK(t[7].kind == TokenKind::kEmoji);
  CHECK(t[8].kind == TokenKind::kPunct);
  CHECK(t[8].text == "!!!");
  CHECK(t[10].kind == TokenKind::kUrl);
  CHECK(t[10].text == "https://x.io/a");
  CHECK(t[14].kind == TokenKind::kNumber);
  CHECK(t[14].text == "42.50");
  bool email = false;
  for (const auto& x : t) email |= x.kind == TokenKind::kEmail && x.text == "me@ex.com";
  CHECK(email);
}

TEST_CASE("Featurize is deterministic, bounded and in range") {
  FeaturizerOptions o;
  const auto a = Featurize("Where is my order?!", o);
  CHECK(a == Featurize("Where is my order?!", o));
  CHECK(!a.empty());
  for (int id : a) CHECK((id >= 1 && id < o.buckets));
  CHECK(Featurize("").empty());
  CHECK(Featurize(std::string(100000, 'x') + " y z").size() <= static_cast<size_t>(o.max_ids));
}
