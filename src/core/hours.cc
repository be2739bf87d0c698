#include "hours.h"

#include <algorithm>
#include <cctype>

namespace attune {
namespace {

constexpr int64_t kMinuteMs = 60 * 1000;
constexpr int64_t kDayMs = 24 * 60 * kMinuteMs;
constexpr const char* kExample = "expected e.g. \"mon-fri 09:00-17:00 Europe/Paris\"";

int DayIndex(std::string_view d) {
  static const char* kDays[] = {"sun", "mon", "tue", "wed", "thu", "fri", "sat"};
  std::string l(d);
  for (char& c : l) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  for (int i = 0; i < 7; ++i)
    if (l == kDays[i]) return i;
  return -1;
}

// Days since the epoch of a (local) instant, and its weekday (0 = Sunday):
// 1970-01-01 was a Thursday.
int64_t FloorDiv(int64_t a, int64_t b) { return a / b - ((a % b != 0) && ((a < 0) != (b < 0))); }
int Weekday(int64_t day) { return static_cast<int>(((day + 4) % 7 + 7) % 7); }

std::optional<int> Offset(const HoursRule& r, int64_t utc_ms, const UtcOffsetFn& fn) {
  if (r.zone == "UTC" || r.zone == "GMT" || r.zone == "Etc/UTC" || r.zone == "Etc/GMT") return 0;
  if (!fn) return std::nullopt;
  return fn(r.zone, utc_ms);
}

// The UTC instant of local wall-clock time `local_ms` in the rule's zone.
// Offsets a day either side bracket any transition (they are months apart):
// a time valid under one of them is taken (the earlier if both, when clocks
// went back); a skipped time moves forward by the skip.
std::optional<int64_t> LocalToUtc(const HoursRule& r, int64_t local_ms, const UtcOffsetFn& fn) {
  const std::optional<int> before = Offset(r, local_ms - kDayMs, fn), after = Offset(r, local_ms + kDayMs, fn);
  if (!before || !after) return std::nullopt;
  std::optional<int64_t> best;
  for (int off : {*before, *after}) {
    const int64_t utc = local_ms - off * kMinuteMs;
    const std::optional<int> actual = Offset(r, utc, fn);
    if (actual && *actual == off && (!best || utc < *best)) best = utc;
  }
  if (best) return best;
  return local_ms - std::min(*before, *after) * kMinuteMs;
}

}  // namespace

Status ParseHoursRule(std::string_view spec, HoursRule* rule) {
  // Tokens: days, times, optional zone (the relay's /^([a-z]{3})(-[a-z]{3})? HH:MM-HH:MM( \S+)?$/i).
  std::vector<std::string_view> parts;
  for (size_t i = 0; i < spec.size();) {
    while (i < spec.size() && (spec[i] == ' ' || spec[i] == '\t')) ++i;
    size_t j = i;
    while (j < spec.size() && spec[j] != ' ' && spec[j] != '\t') ++j;
    if (j > i) parts.push_back(spec.substr(i, j - i));
    i = j;
  }
  if (parts.size() < 2 || parts.size() > 3) return Status::InvalidArgument(kExample);
  const std::string_view days = parts[0], times = parts[1];
  if (!(days.size() == 3 || (days.size() == 7 && days[3] == '-'))) return Status::InvalidArgument(kExample);
  auto digits = [&](size_t at) { return std::isdigit(static_cast<unsigned char>(times[at])) && std::isdigit(static_cast<unsigned char>(times[at + 1])); };
  if (times.size() != 11 || times[2] != ':' || times[5] != '-' || times[8] != ':' || !digits(0) || !digits(3) || !digits(6) || !digits(9))
    return Status::InvalidArgument(kExample);
  const int d0 = DayIndex(days.substr(0, 3)), d1 = days.size() == 7 ? DayIndex(days.substr(4, 3)) : d0;
  if (d0 < 0 || d1 < 0) return Status::InvalidArgument("days are sun mon tue wed thu fri sat");
  auto num = [&](size_t at) { return (times[at] - '0') * 10 + (times[at + 1] - '0'); };
  const int h0 = num(0), m0 = num(3), h1 = num(6), m1 = num(9);
  const int from = h0 * 60 + m0, to = h1 * 60 + m1;
  if (h0 > 23 || h1 > 24 || m0 > 59 || m1 > 59 || from >= to || to > 24 * 60)
    return Status::InvalidArgument("the opening time must be before the closing time");
  HoursRule r;
  for (int d = d0;; d = (d + 1) % 7) {  // "fri-mon" wraps over the weekend
    r.days |= 1u << d;
    if (d == d1) break;
  }
  r.from = from;
  r.to = to;
  if (parts.size() == 3) r.zone = std::string(parts[2]);
  *rule = std::move(r);
  return Status::Ok();
}

Status BusinessHoursOpen(const std::vector<std::string>& rules, int64_t utc_ms, const UtcOffsetFn& offset,
                         HoursStatus* out) {
  HoursStatus result;
  result.open = rules.empty();
  for (const std::string& spec : rules) {
    HoursRule r;
    if (Status s = ParseHoursRule(spec, &r); !s.ok()) return Status::InvalidArgument("\"" + spec + "\": " + s.message());
    const std::optional<int> now_offset = Offset(r, utc_ms, offset);
    if (!now_offset) return Status::InvalidArgument("\"" + spec + "\": unknown time zone \"" + r.zone + "\"");
    const int64_t local = utc_ms + *now_offset * kMinuteMs;
    const int64_t day = FloorDiv(local, kDayMs);
    const int minute = static_cast<int>((local - day * kDayMs) / kMinuteMs);
    if ((r.days >> Weekday(day) & 1u) && minute >= r.from && minute < r.to) result.open = true;
    // The next opening of this rule: today's (if still ahead) or a later day's.
    for (int64_t d = day; d <= day + 8; ++d) {
      if (!(r.days >> Weekday(d) & 1u)) continue;
      const std::optional<int64_t> at = LocalToUtc(r, d * kDayMs + r.from * kMinuteMs, offset);
      if (!at) return Status::InvalidArgument("\"" + spec + "\": unknown time zone \"" + r.zone + "\"");
      if (*at > utc_ms) {
        if (!result.next_open_ms || *at < *result.next_open_ms) result.next_open_ms = *at;
        break;
      }
    }
  }
  if (result.open) result.next_open_ms.reset();
  *out = result;
  return Status::Ok();
}

}  // namespace attune
