#include <doctest/doctest.h>

#include "core/entities.h"
#include "core/text.h"

using namespace attune;

namespace {
std::vector<std::string> Found(const std::string& text, const std::vector<EntityDefinition>& custom = {}) {
  std::vector<std::string> out;
  for (const Entity& e : ExtractEntities(CleanForAnalysis(text), custom)) out.push_back(e.type + "=" + e.value);
  return out;
}
using V = std::vector<std::string>;
}  // namespace

TEST_CASE("built-in entities: order numbers, emails, phones, dates, amounts") {
  CHECK(Found("where is order #A12345?") == V{"order_number=A12345"});
  CHECK(Found("my order number is 55512345") == V{"order_number=55512345"});
  CHECK(Found("pedido 99812") == V{"order_number=99812"});
  CHECK(Found("write to Bob.Smith@Example.com") == V{"email=bob.smith@example.com"});
  CHECK(Found("call me on +44 20 7946 0958") == V{"phone=+442079460958"});
  CHECK(Found("my number is 555 0100 123") == V{"phone=5550100123"});
  CHECK(Found("(555) 010-0123 please") == V{"phone=5550100123"});
  CHECK(Found("on 2026-11-25") == V{"date=2026-11-25"});
  CHECK(Found("on 25/11/2026") == V{"date=2026-11-25"});
  CHECK(Found("on 11/25/2026") == V{"date=2026-11-25"});  // day > 12: month first
  CHECK(Found("Nov 25 works") == V{"date=--11-25"});
  CHECK(Found("el 3 de mayo") == V{"date=--05-03"});
  CHECK(Found("tomorrow please") == V{"date=tomorrow"});
  CHECK(Found("I paid $12.50") == V{"amount=12.50 USD"});
  CHECK(Found("cobrado 12,50 €") == V{"amount=12.50 EUR"});
  CHECK(Found("30 dollars") == V{"amount=30 USD"});
}

TEST_CASE("dates as French, German, Portuguese and Italian visitors write them, and a day without its year") {
  CHECK(Found("le 25 novembre svp") == V{"date=--11-25"});
  CHECK(Found("am 3. Dezember") == V{"date=--12-03"});
  CHECK(Found("dia 5 de março") == V{"date=--03-05"});
  CHECK(Found("il 12 giugno") == V{"date=--06-12"});
  CHECK(Found("mardi si possible") == V{"date=mardi"});
  CHECK(Found("lieber dienstag") == V{"date=dienstag"});
  CHECK(Found("pode ser amanhã") == V{"date=amanhã"});
  CHECK(Found("quinta-feira de manhã") == V{"date=quinta-feira"});
  CHECK(Found("domani va bene") == V{"date=domani"});
  CHECK(Found("on 25/11") == V{"date=--11-25"});
  CHECK(Found("am 25.11. bitte") == V{"date=--11-25"});
  CHECK(Found("le 03.12") == V{"date=--12-03"});
  // Not dates: a rating, a fraction of a size, a name beside no day.
  CHECK(Found("I give it 3.5") == V{});
  CHECK(Found("size 9/44") == V{});
  CHECK(Found("ask Marco please") == V{});
}

TEST_CASE("near misses are not entities") {
  CHECK(Found("I may come").empty());            // "may" alone is not a month
  CHECK(Found("I have 2 items").empty());
  CHECK(Found("call 123").empty());              // too few digits for a phone
  CHECK(Found("version 1.2.3").empty());
}

TEST_CASE("a pack entity pattern matches whole words and can replace a built-in type") {
  const std::vector<EntityDefinition> custom = {{"order_number", "#?[A-Z]{2}-[0-9]{4,6}"}, {"sku", "SKU[0-9]{3}"}};
  CHECK(Found("it's AB-1234, item sku123", custom) == V{"order_number=AB-1234", "sku=sku123"});
  CHECK(Found("order 12345", custom).empty());  // the pack's format wins over the built-in rule
}

TEST_CASE("entity patterns: exact syntax errors and linear-time matching") {
  CHECK(EntityPatternError("[0-9]{5,8}") == "");
  CHECK(EntityPatternError("(ab)+") == "\"(\" is not supported (no groups, alternation or anchors; the pattern matches a whole word)");
  CHECK(EntityPatternError("*a") == "quantifier \"*\" at position 0 has nothing to repeat");
  CHECK(EntityPatternError("[a-") == "unclosed \"[\"");
  CHECK(EntityPatternError("a{3,1}") == "repeat {3,1} must have 0 <= m <= n <= 32");
  CHECK(EntityPatternError("\\q") == "unknown escape \"\\q\"");
  CHECK(EntityPatternMatches("a*a*a*a*a*b", std::string(60, 'a')) == false);  // the classic backtracking bomb
  CHECK(EntityPatternMatches("a?b+", "abbb"));
  CHECK(EntityPatternMatches("A.C", "abc"));  // case-insensitive
  CHECK(!EntityPatternMatches("abc", "abcd"));
}

TEST_CASE("hostile text yields entities safely") {
  std::string s;
  for (int i = 0; i < 2000; ++i) s += "1-";
  CHECK_NOTHROW(ExtractEntities(CleanForAnalysis(s)));
  CHECK(ExtractEntities("").empty());
}

TEST_CASE("phones, emails and addresses come from the shared detectors in every written form") {
  CHECK(Found("call 5551234567") == V{"phone=5551234567"});
  CHECK(Found("móvil ６１２ ３４５ ６７８") == V{"phone=612345678"});
  CHECK(Found("mi pedido 612345678") == V{"order_number=612345678"});
  CHECK(Found("it costs 1 299 000 in total").empty());  // thousands, not a phone
  CHECK(Found("send it to 221B Baker Street, London NW1 6XE") == V{"address=221B Baker Street, London NW1 6XE"});
  CHECK(Found("Calle Mayor 5, 3º izq") == V{"address=Calle Mayor 5, 3º izq"});
  CHECK(Found("I have 12 items for 5 days").empty());
  CHECK(Found("card 4111 1111 1111 1111").empty());  // a card is never an entity, nor a phone
}

// Read back in the clinic's flow: "I've passed on your request for tuesday" (as typed).
TEST_CASE("English and German weekdays are read back as names; other languages' as typed") {
  auto text = [](const char* s) {
    const std::string cleaned = CleanForAnalysis(s);
    const std::vector<Entity> e = ExtractEntities(cleaned);
    if (e.empty()) return std::string();
    // The entity's own text stays what was typed (its span); only the read-back changes.
    CHECK(e.front().text == cleaned.substr(e.front().begin, e.front().end - e.front().begin));
    return ReadBack(e.front());
  };
  CHECK(text("next tuesday if possible") == "Tuesday");
  CHECK(text("am dienstag bitte") == "Dienstag");
  CHECK(text("el martes por la mañana") == "martes");
  CHECK(text("tomorrow please") == "tomorrow");
}

TEST_CASE("a week or month asked for as a whole is a date a request can carry") {
  // From the clinic used as a patient: "next week if possible" was refused as no date, three times.
  CHECK(Found("next week if possible") == V{"date=next week"});
  CHECK(Found("para la semana que viene si puede ser") == V{"date=semana que viene"});
  CHECK(Found("la semaine prochaine si possible") == V{"date=semaine prochaine"});
  CHECK(Found("nächste Woche wäre gut") == V{"date=nächste woche"});
  CHECK(Found("semana que vem") == V{"date=semana que vem"});
  CHECK(Found("la prossima settimana") == V{"date=prossima settimana"});
  // A day still reads as the day; a week that is no request date is no date.
  CHECK(Found("next tuesday") == V{"date=tuesday"});
  CHECK(Found("it took a week").empty());
  CHECK(Found("next").empty());
}
