#include "limits.h"

#include <algorithm>

#include <nlohmann/json.hpp>

#include "redact.h"
#include "text.h"

namespace attune {
namespace {

using json = nlohmann::json;
constexpr int64_t kUnit = 60 * 1000;  // one token, in level units (see MessageGate::level_)

struct Field {
  const char* name;
  int64_t min;
  int64_t max;
};
constexpr Field kFields[] = {
    {"max_message_bytes", 1, 65536},
    {"max_messages_per_minute", 0, 600},
    {"burst_messages", 1, 600},
    {"max_transcript_messages", 2, 10000},
    {"max_transcript_bytes", 1024, 4 << 20},
};

}  // namespace

Status LimitsFromJson(std::string_view text, Limits* limits) {
  const json j = json::parse(text, nullptr, false);
  if (j.is_discarded() || !j.is_object()) return Status::InvalidArgument("limits: expected a JSON object");
  Limits out = *limits;
  for (const auto& [key, value] : j.items()) {
    const Field* field = nullptr;
    for (const Field& f : kFields)
      if (key == f.name) field = &f;
    if (!field) return Status::InvalidArgument("limits: unknown field \"" + key + "\"");
    const std::string range = std::to_string(field->min) + ".." + std::to_string(field->max);
    if (!value.is_number_integer() && !value.is_number_unsigned())
      return Status::InvalidArgument("limits: " + key + " must be an integer in " + range);
    // Read as double first: an unsigned value above INT64_MAX must not wrap.
    const double d = value.get<double>();
    if (d < double(field->min) || d > double(field->max))
      return Status::InvalidArgument("limits: " + key + " must be in " + range);
    const int64_t v = value.get<int64_t>();
    if (key == "max_message_bytes") out.max_message_bytes = size_t(v);
    if (key == "max_messages_per_minute") out.max_messages_per_minute = int(v);
    if (key == "burst_messages") out.burst_messages = int(v);
    if (key == "max_transcript_messages") out.max_transcript_messages = size_t(v);
    if (key == "max_transcript_bytes") out.max_transcript_bytes = size_t(v);
  }
  *limits = out;
  return Status::Ok();
}

std::string LimitsToJson(const Limits& l) {
  return json{{"max_message_bytes", l.max_message_bytes},
              {"max_messages_per_minute", l.max_messages_per_minute},
              {"burst_messages", l.burst_messages},
              {"max_transcript_messages", l.max_transcript_messages},
              {"max_transcript_bytes", l.max_transcript_bytes}}
      .dump();
}

int64_t MessageGate::capacity() const { return int64_t(limits_.burst_messages) * kUnit; }

void MessageGate::Refill(int64_t now_ms) const {
  if (level_ < 0 || now_ms < last_ms_) {
    // First use, or a clock that went backwards (a changed system time):
    // full, so a visitor is never locked out by a clock.
    level_ = capacity();
  } else {
    // Elapsed time is capped so the product cannot overflow after days idle.
    const int64_t elapsed = std::min<int64_t>(now_ms - last_ms_, 24 * 3600 * 1000);
    level_ = std::min(capacity(), level_ + elapsed * limits_.max_messages_per_minute);
  }
  last_ms_ = now_ms;
}

void MessageGate::set_limits(const Limits& limits) {
  limits_ = limits;
  if (level_ > capacity()) level_ = capacity();
}

Status MessageGate::Admit(std::string_view text, int64_t now_ms) {
  if (text.size() > limits_.max_message_bytes)
    return Status::MessageTooLong("messages are limited to " + std::to_string(limits_.max_message_bytes) +
                                          " bytes of UTF-8; this one has " + std::to_string(text.size()));
  if (limits_.max_messages_per_minute > 0) {
    Refill(now_ms);
    if (level_ < kUnit)
      return Status::RateLimited("at most " + std::to_string(limits_.max_messages_per_minute) +
                                 " messages a minute after a burst of " + std::to_string(limits_.burst_messages) +
                                 "; try again in " + std::to_string((RetryAfterMs(now_ms) + 999) / 1000) + " s");
    level_ -= kUnit;
  }
  return Status::Ok();
}

int64_t MessageGate::RetryAfterMs(int64_t now_ms) const {
  if (limits_.max_messages_per_minute <= 0) return 0;
  Refill(now_ms);
  if (level_ >= kUnit) return 0;
  const int64_t rate = limits_.max_messages_per_minute;
  return (kUnit - level_ + rate - 1) / rate;  // ceil: never say "now" a millisecond early
}

int MessageGate::Tokens(int64_t now_ms) const {
  if (limits_.max_messages_per_minute <= 0) return limits_.burst_messages;
  Refill(now_ms);
  return int(level_ / kUnit);
}

std::string_view CutUtf8(std::string_view text, size_t max_bytes) {
  if (text.size() <= max_bytes) return text;
  size_t n = max_bytes;
  while (n > 0 && (static_cast<unsigned char>(text[n]) & 0xC0) == 0x80) --n;
  return text.substr(0, n);
}

void Transcript::Append(std::string_view role, std::string_view text, int turn) {
  const std::string repaired = RepairUtf8(text);
  TranscriptEntry e;
  e.role = std::string(role);
  e.text = std::string(CutUtf8(repaired, limits_.max_message_bytes));
  e.turn = turn;
  bytes_ += e.text.size();
  entries_.push_back(std::move(e));
  Trim();
}

void Transcript::Trim() {
  // Keeps at least the newest entry, even if it alone exceeds the byte limit
  // (it is already cut to max_message_bytes).
  while (entries_.size() > 1 &&
         (entries_.size() > limits_.max_transcript_messages || bytes_ > limits_.max_transcript_bytes)) {
    bytes_ -= entries_.front().text.size();
    entries_.pop_front();
    ++dropped_;
  }
}

void Transcript::Clear() {
  entries_.clear();
  bytes_ = 0;
  dropped_ = 0;
}

void Transcript::Restore(const std::vector<TranscriptEntry>& entries, size_t dropped) {
  Clear();
  for (const TranscriptEntry& e : entries) Append(e.role, e.text, e.turn);
  dropped_ += dropped;
}

void Transcript::set_limits(const Limits& limits) {
  limits_ = limits;
  Trim();
}

std::string Transcript::ToJson(bool redact) const {
  json list = json::array();
  for (const TranscriptEntry& e : entries_) {
    json item = {{"role", e.role}, {"turn", e.turn}};
    if (redact) {
      const RedactedText r = Redact(e.text);
      item["text"] = r.text;
      json kinds = json::array();
      for (const Redaction& x : r.redactions) kinds.push_back(PiiKindName(x.kind));
      item["redacted"] = kinds;
    } else {
      item["text"] = e.text;
    }
    list.push_back(std::move(item));
  }
  return json{{"entries", list}, {"dropped", dropped_}}.dump(-1, ' ', false, json::error_handler_t::replace);
}

}  // namespace attune
