#include <doctest/doctest.h>

#include <chrono>
#include <string>

#include <nlohmann/json.hpp>

#include "core/entities.h"
#include "core/pii.h"
#include "core/redact.h"
#include "core/text.h"
#include "test_util.h"

using namespace attune;

TEST_CASE("Redact matches every golden case in tests/data/redact.json") {
  const auto doc = nlohmann::json::parse(testing::DataFile("redact.json"));
  REQUIRE(doc["cases"].size() > 30);
  for (const auto& c : doc["cases"]) {
    const std::string input = c["input"];
    CAPTURE(input);
    const RedactedText r = Redact(input);
    CHECK(r.text == c["output"].get<std::string>());
    REQUIRE(r.redactions.size() == c["redactions"].size());
    for (size_t i = 0; i < r.redactions.size(); ++i) {
      const Redaction& got = r.redactions[i];
      CHECK(PiiKindName(got.kind) == c["redactions"][i]["kind"].get<std::string>());
      REQUIRE(got.end <= input.size());
      CHECK(input.substr(got.begin, got.end - got.begin) == c["redactions"][i]["match"].get<std::string>());
    }
  }
}

TEST_CASE("PassesLuhn and IsValidIban check single values") {
  CHECK(PassesLuhn("4111 1111 1111 1111"));
  CHECK(PassesLuhn("4111-1111-1111-1111"));
  CHECK_FALSE(PassesLuhn("4111 1111 1111 1112"));
  CHECK_FALSE(PassesLuhn("4111"));                  // too short
  CHECK_FALSE(PassesLuhn("41111111111111111111"));  // 20 digits
  CHECK_FALSE(PassesLuhn("4111x1111 1111 1111"));
  CHECK(IsValidIban("GB82 WEST 1234 5698 7654 32"));
  CHECK(IsValidIban("ch9300762011623852957"));
  CHECK_FALSE(IsValidIban("GB82 WEST 1234 5698 7654 33"));
  CHECK_FALSE(IsValidIban("GB82 WEST 1234 5698 7654"));  // GB is 22 characters
  CHECK_FALSE(IsValidIban(""));
  CHECK_FALSE(IsValidIban("GB82!WEST12345698765432"));
}

TEST_CASE("RedactOptions turn each kind off on its own") {
  const std::string text = "jo@ex.io 4111111111111111 +44 20 7946 0958 GB82WEST12345698765432";
  RedactOptions only_cards;
  only_cards.emails = only_cards.phones = only_cards.ibans = false;
  CHECK(Redact(text, only_cards).text == "jo@ex.io [card] +44 20 7946 0958 GB82WEST12345698765432");
  RedactOptions no_cards;
  no_cards.cards = false;
  // With cards off, a Luhn-valid number is still not a phone: 16 digits is too long for E.164.
  CHECK(Redact(text, no_cards).text == "[email] 4111111111111111 [phone] [iban]");
}

TEST_CASE("Redact repairs invalid UTF-8 and never cuts a code point") {
  const std::string bad = std::string("mail \xff\xfe jo@ex.io \xc3");
  const RedactedText r = Redact(bad);
  CHECK(r.text == "mail \xEF\xBF\xBD\xEF\xBF\xBD [email] \xEF\xBF\xBD");
  // A local part longer than the 64-byte cap, made of 2-byte letters: the
  // span must start on a code point boundary.
  std::string local;
  for (int i = 0; i < 50; ++i) local += "\xC3\xA9";  // é
  const RedactedText r2 = Redact(local + "@example.com");
  REQUIRE(r2.redactions.size() == 1);
  CHECK(r2.redactions[0].begin == 2 * 50 - 64);  // 64 bytes = 32 whole letters before '@'
  CHECK(r2.text.substr(0, 36) == std::string(local, 0, 36));
  CHECK(RepairUtf8(r2.text) == r2.text);
}

// "Bounded time on huge input": every scan is capped by the longest thing it
// looks for, so 1 MB of each worst-case shape is linear work. A quadratic
// slip would not finish before ctest's timeout; timing is measured by the
// fuzzers and benchmarks, not asserted here.
TEST_CASE("Redact handles 1 MB of hostile shapes") {
  const size_t kSize = 1 << 20;
  struct Shape {
    std::string unit;
    size_t redactions;
  };
  for (const Shape& shape : std::vector<Shape>{{"a@", 0}, {"1 ", 0}, {"DE89 ", 0}, {"+1-", 0}, {"@a.", 0},
                                               {"a.b@c.de ", kSize / 9 + 1}, {"4111111111111111 ", kSize / 17 + 1}}) {
    std::string big;
    while (big.size() < kSize) big += shape.unit;
    const RedactedText r = Redact(big);
    CAPTURE(shape.unit);
    CHECK(r.redactions.size() == shape.redactions);
    if (shape.redactions == 0) CHECK(r.text == big);
  }
}

// The invariant the shared detectors exist for: a phone, e-mail or address
// the bot reads as an entity is never sent to an agent in clear. Entities
// read the cleaned message; the transcript redacts the message as typed.
TEST_CASE("whatever entity extraction finds as phone, email or address, Redact hides") {
  const auto doc = nlohmann::json::parse(testing::DataFile("redact.json"));
  std::vector<std::string> inputs;
  for (const auto& c : doc["cases"]) inputs.push_back(c["input"]);
  for (const std::string extra : {"my number is 555 0100 123", "call 5551234567", "(555) 010-0123 please",
                                  "+44 20 7946 0958", "tel 123 4567", "write to Bob.Smith@Example.com",
                                  "５５５－１２３－４５６７", "555\xE2\x80\x8B" "1234567", "555\t123\t4567"})
    inputs.push_back(extra);
  int checked = 0;
  for (const std::string& input : inputs) {
    CAPTURE(input);
    const std::string redacted = Redact(input).text;
    for (const Entity& e : ExtractEntities(CleanForAnalysis(input))) {
      if (e.type != "phone" && e.type != "email" && e.type != "address") continue;
      ++checked;
      CAPTURE(e.text);
      CHECK(redacted.find(e.text) == std::string::npos);
    }
  }
  CHECK(checked > 40);
}

TEST_CASE("FindPii values are normalised and spans are in the input's bytes") {
  const std::string text = "ＴＥＬ ５５５ １２３ ４５６７ or JO@EX.IO";
  const std::vector<PiiMatch> found = FindPii(text);
  REQUIRE(found.size() == 2);
  CHECK(found[0].kind == PiiKind::kPhone);
  CHECK(found[0].value == "5551234567");
  CHECK(text.substr(found[0].begin, found[0].end - found[0].begin) == "５５５ １２３ ４５６７");
  CHECK(found[1].value == "jo@ex.io");
  CHECK(PassesLuhn("４１１１.１１１１.１１１１.１１１１"));
  PiiOptions no_addresses;
  no_addresses.addresses = false;
  CHECK(FindPii("Calle Mayor 5", no_addresses).empty());
  CHECK(FindPii("Calle Mayor 5").size() == 1);
}
