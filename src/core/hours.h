// Business hours: whether a pack's team is open at an instant, and when it
// next opens.
//
// A pack's handoff.business_hours lists rules in the relay's --hours syntax,
// "mon-fri 09:00-17:00 Europe/Madrid" (one day or a range that may wrap,
// "fri-mon"; opening and closing times in the zone's local time; the zone
// optional, UTC by default). The team is open when any rule is; no rules
// means always open.
//
// Time zones: the core carries no tz database (the wasm build has no OS to
// ask, and a copy would go stale), so the caller supplies a UtcOffsetFn that
// answers "what is the UTC offset of zone Z at instant T". In the browser
// and Node, web/engine.js answers from Intl.DateTimeFormat, the same tz data
// the relay's hours use, so widget and relay agree on every IANA zone and
// DST rule. Without a function only "UTC" (and "GMT", "Etc/UTC", "Etc/GMT")
// are known. Local times that do not exist (the hour skipped when clocks go
// forward) open at the same wall-clock time after the skip, 02:30 -> 03:30;
// local times that happen twice (clocks go back) use the first.
#pragma once

#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "status.h"

namespace attune {

// One parsed rule.
struct HoursRule {
  unsigned days = 0;   // bit d set: open on weekday d (0 = Sunday ... 6 = Saturday)
  int from = 0;        // opening, minutes after local midnight
  int to = 0;          // closing (exclusive), minutes after local midnight, <= 1440
  std::string zone = "UTC";
};

// Parses "mon-fri 09:00-17:00 Europe/Paris". Errors: InvalidArgument with
// what is wrong (the same texts `attune check` reports); *rule unchanged.
Status ParseHoursRule(std::string_view spec, HoursRule* rule);

// Minutes east of UTC of `zone` at UTC instant `utc_ms` (Madrid in summer:
// 120), or nullopt when the zone is unknown.
using UtcOffsetFn = std::function<std::optional<int>(std::string_view zone, int64_t utc_ms)>;

struct HoursStatus {
  bool open = true;
  // When closed: the next opening instant (ms since the Unix epoch, UTC)
  // within the coming 8 days; nullopt when open or when no rule ever opens.
  std::optional<int64_t> next_open_ms;
};

// Evaluates `rules` (spec strings) at `utc_ms`. `offset` may be empty (UTC
// zones only). Errors: InvalidArgument naming the rule that does not parse
// or the time zone `offset` does not know; *out unchanged.
Status BusinessHoursOpen(const std::vector<std::string>& rules, int64_t utc_ms, const UtcOffsetFn& offset,
                         HoursStatus* out);

}  // namespace attune
