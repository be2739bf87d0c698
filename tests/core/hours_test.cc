// Business hours (hours.h): open/closed and the next opening, across DST
// changes. The core has no tz database, so these tests give it the EU and US
// DST rules for two zones, the way web/engine.js gives it Intl's.
#include <doctest/doctest.h>

#include "core/engine.h"
#include "core/hours.h"
#include "test_util.h"

using namespace attune;

namespace {

constexpr int64_t kMin = 60 * 1000;

// Days since 1970-01-01 of a civil date (H. Hinnant's days_from_civil).
int64_t Days(int y, int m, int d) {
  y -= m <= 2;
  const int64_t era = (y >= 0 ? y : y - 399) / 400;
  const int64_t yoe = y - era * 400;
  const int64_t doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
  const int64_t doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
  return era * 146097 + doe - 719468;
}
int64_t Utc(int y, int m, int d, int h, int mi) { return (Days(y, m, d) * 24 * 60 + h * 60 + mi) * kMin; }
int Weekday(int64_t days) { return static_cast<int>(((days + 4) % 7 + 7) % 7); }
int64_t LastSunday(int y, int m) {
  int64_t d = Days(y, m + 1, 1) - 1;
  while (Weekday(d) != 0) --d;
  return d;
}
int64_t NthSunday(int y, int m, int n) {
  int64_t d = Days(y, m, 1);
  while (Weekday(d) != 0) ++d;
  return d + 7 * (n - 1);
}

// Europe/Madrid: CET +60, CEST +120 from the last Sunday of March 01:00 UTC
// to the last Sunday of October 01:00 UTC. America/New_York: EST -300, EDT
// -240 from the second Sunday of March 02:00 local (07:00 UTC) to the first
// Sunday of November 02:00 local (06:00 UTC).
std::optional<int> TestOffset(std::string_view zone, int64_t ms) {
  for (int y = 2024; y <= 2028; ++y) {
    if (zone == "Europe/Madrid") {
      if (ms >= (LastSunday(y, 3) * 24 * 60 + 60) * kMin && ms < (LastSunday(y, 10) * 24 * 60 + 60) * kMin) return 120;
    } else if (zone == "America/New_York") {
      if (ms >= (NthSunday(y, 3, 2) * 24 * 60 + 7 * 60) * kMin && ms < (NthSunday(y, 11, 1) * 24 * 60 + 6 * 60) * kMin) return -240;
    } else {
      return std::nullopt;
    }
  }
  return zone == "Europe/Madrid" ? 60 : -300;
}

HoursStatus At(const std::vector<std::string>& rules, int64_t ms) {
  HoursStatus s;
  const Status st = BusinessHoursOpen(rules, ms, TestOffset, &s);
  REQUIRE_MESSAGE(st.ok(), st.ToString());
  return s;
}

}  // namespace

TEST_CASE("open and closed in winter and summer time, with the next opening") {
  const std::vector<std::string> madrid = {"mon-fri 09:00-17:00 Europe/Madrid"};
  // Monday 2026-03-23, winter (UTC+1): 09:00 local is 08:00 UTC.
  CHECK(At(madrid, Utc(2026, 3, 23, 8, 0)).open);
  HoursStatus s = At(madrid, Utc(2026, 3, 23, 7, 59));
  CHECK_FALSE(s.open);
  CHECK(s.next_open_ms == Utc(2026, 3, 23, 8, 0));
  CHECK_FALSE(At(madrid, Utc(2026, 3, 23, 16, 0)).open);  // 17:00 local: closed (closing is exclusive)
  // Monday 2026-03-30, summer (UTC+2): 09:00 local is 07:00 UTC.
  CHECK(At(madrid, Utc(2026, 3, 30, 7, 0)).open);
  CHECK_FALSE(At(madrid, Utc(2026, 3, 30, 6, 59)).open);
  CHECK(At(madrid, Utc(2026, 3, 30, 7, 0)).next_open_ms == std::nullopt);  // open: no next opening
}

TEST_CASE("the next opening across a DST change is in the new offset") {
  const std::vector<std::string> madrid = {"mon-fri 09:00-17:00 Europe/Madrid"};
  // Friday 2026-03-27 after closing (winter); clocks go forward on Sunday the
  // 29th, so Monday 09:00 is 07:00 UTC, not 08:00.
  CHECK(At(madrid, Utc(2026, 3, 27, 16, 30)).next_open_ms == Utc(2026, 3, 30, 7, 0));
  // Friday 2026-10-23 after closing (summer); clocks go back on the 25th.
  CHECK(At(madrid, Utc(2026, 10, 23, 15, 30)).next_open_ms == Utc(2026, 10, 26, 8, 0));
  const std::vector<std::string> ny = {"mon-fri 09:00-17:00 America/New_York"};
  // Friday 2026-03-06 after closing (EST); DST starts Sunday the 8th.
  CHECK(At(ny, Utc(2026, 3, 6, 22, 30)).next_open_ms == Utc(2026, 3, 9, 13, 0));
  CHECK(At(ny, Utc(2026, 3, 9, 13, 0)).open);
  CHECK_FALSE(At(ny, Utc(2026, 3, 9, 12, 59)).open);
  // First Sunday of November 2026 is the 1st: Monday the 2nd opens at 14:00 UTC.
  CHECK(At(ny, Utc(2026, 10, 30, 21, 30)).next_open_ms == Utc(2026, 11, 2, 14, 0));
}

TEST_CASE("a skipped local time opens after the skip; a repeated one at its first occurrence") {
  // 2026-03-29 02:30 does not exist in Madrid (02:00 -> 03:00): 03:30 CEST = 01:30 UTC.
  CHECK(At({"sun 02:30-04:00 Europe/Madrid"}, Utc(2026, 3, 29, 0, 0)).next_open_ms == Utc(2026, 3, 29, 1, 30));
  // 2026-10-25 02:30 happens twice (CEST then CET): the first is 00:30 UTC.
  CHECK(At({"sun 02:30-03:00 Europe/Madrid"}, Utc(2026, 10, 25, 0, 0)).next_open_ms == Utc(2026, 10, 25, 0, 30));
}

TEST_CASE("several rules, ranges over the weekend, UTC without tz data, and errors") {
  // The shipped ecommerce.en hours: weekdays and Saturday morning, UTC.
  const std::vector<std::string> shop = {"mon-fri 09:00-18:00 UTC", "sat 10:00-14:00 UTC"};
  CHECK(At(shop, Utc(2026, 3, 28, 11, 0)).open);  // Saturday
  HoursStatus s = At(shop, Utc(2026, 3, 28, 15, 0));
  CHECK_FALSE(s.open);
  CHECK(s.next_open_ms == Utc(2026, 3, 30, 9, 0));  // Monday: nothing on Sunday
  CHECK(At({"fri-mon 10:00-12:00"}, Utc(2026, 3, 29, 11, 0)).open);  // Sunday, inside the wrapped range; UTC by default
  CHECK_FALSE(At({"fri-mon 10:00-12:00"}, Utc(2026, 3, 31, 11, 0)).open);  // Tuesday
  CHECK(At({}, Utc(2026, 3, 31, 3, 0)).open);  // no hours: always open

  HoursStatus out;
  out.open = false;
  CHECK(BusinessHoursOpen({"mon-fri 09:00-17:00 UTC"}, Utc(2026, 3, 30, 10, 0), nullptr, &out).ok());
  CHECK(out.open);
  const Status unknown = BusinessHoursOpen({"mon-fri 09:00-17:00 Mars/Olympus"}, 0, TestOffset, &out);
  CHECK(unknown.code() == "invalid_argument");
  CHECK(unknown.message() == "\"mon-fri 09:00-17:00 Mars/Olympus\": unknown time zone \"Mars/Olympus\"");
  CHECK(BusinessHoursOpen({"mon-fri 09:00-17:00 Europe/Madrid"}, 0, nullptr, &out).code() == "invalid_argument");
  HoursRule rule;
  CHECK(ParseHoursRule("weekdays 9-5", &rule).message() == "expected e.g. \"mon-fri 09:00-17:00 Europe/Paris\"");
  CHECK(ParseHoursRule("mon-fry 09:00-17:00", &rule).message() == "days are sun mon tue wed thu fri sat");
  CHECK(ParseHoursRule("mon 18:00-09:00", &rule).message() == "the opening time must be before the closing time");
  REQUIRE(ParseHoursRule("Sat-Mon 08:30-24:00 Europe/Madrid", &rule).ok());
  CHECK(rule.days == ((1u << 6) | (1u << 0) | (1u << 1)));
  CHECK(rule.from == 8 * 60 + 30);
  CHECK(rule.to == 24 * 60);
  CHECK(rule.zone == "Europe/Madrid");
}

TEST_CASE("Engine::BusinessHoursOpen reads the pack's business_hours") {
  std::unique_ptr<Engine> e;
  REQUIRE(Engine::Create(testing::PackFile("ecommerce.es.json"), &e).ok());  // mon-fri 09:00-18:00 Europe/Madrid
  HoursStatus s;
  REQUIRE(e->BusinessHoursOpen(Utc(2026, 3, 27, 17, 30), TestOffset, &s).ok());  // Friday 18:30 CET
  CHECK_FALSE(s.open);
  CHECK(s.next_open_ms == Utc(2026, 3, 30, 7, 0));  // Monday 09:00 CEST
}

TEST_CASE("CheckPack reports business-hours time zones the caller's tz data does not know") {
  const std::string pack = R"({"responses": {"greeting": "Hi", "fallback": "?"}, "intents": [],
    "handoff": {"business_hours": ["mon-fri 09:00-17:00 Europe/Madrid", "sat 10:00-14:00 Mars/Olympus", "sun 10:00-12:00"]}})";
  std::vector<Diagnostic> d;
  for (const Diagnostic& x : CheckPack(pack, "", TestOffset))
    if (x.severity == "error") d.push_back(x);
  REQUIRE(d.size() == 1);
  CHECK(d[0].pointer == "/handoff/business_hours/1");
  CHECK(d[0].message == "unknown time zone \"Mars/Olympus\" (expected an IANA name such as \"Europe/Madrid\")");
  CHECK(d[0].line == 2);
  for (const Diagnostic& x : CheckPack(pack)) CHECK(x.severity != "error");  // without tz data the zones are not judged
}
