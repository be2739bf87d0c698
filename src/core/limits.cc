#include "limits.h"

#include <nlohmann/json.hpp>

#include "redact.h"
#include "text.h"

namespace attune {
namespace {

using json = nlohmann::json;
constexpr int64_t kWindowMs = 60 * 1000;

struct Field {
  const char* name;
  int64_t min;
  int64_t max;
};
constexpr Field kFields[] = {
    {"max_message_bytes", 1, 65536},
    {"max_messages_per_minute", 0, 600},
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
    if (key == "max_transcript_messages") out.max_transcript_messages = size_t(v);
    if (key == "max_transcript_bytes") out.max_transcript_bytes = size_t(v);
  }
  *limits = out;
  return Status::Ok();
}

std::string LimitsToJson(const Limits& l) {
  return json{{"max_message_bytes", l.max_message_bytes},
              {"max_messages_per_minute", l.max_messages_per_minute},
              {"max_transcript_messages", l.max_transcript_messages},
              {"max_transcript_bytes", l.max_transcript_bytes}}
      .dump();
}

void MessageGate::Expire(int64_t now_ms) const {
  // A clock that goes backwards (a changed system time) must not lock the
  // visitor out: entries "in the future" are forgotten too.
  while (!recent_.empty() && (now_ms - recent_.front() >= kWindowMs || recent_.front() > now_ms)) recent_.pop_front();
}

Status MessageGate::Admit(std::string_view text, int64_t now_ms) {
  if (text.size() > limits_.max_message_bytes)
    return Status::MessageTooLong("messages are limited to " + std::to_string(limits_.max_message_bytes) +
                                          " bytes of UTF-8; this one has " + std::to_string(text.size()));
  if (limits_.max_messages_per_minute > 0) {
    Expire(now_ms);
    if (recent_.size() >= size_t(limits_.max_messages_per_minute))
      return Status::RateLimited("at most " + std::to_string(limits_.max_messages_per_minute) +
                                        " messages a minute; try again in " +
                                        std::to_string((RetryAfterMs(now_ms) + 999) / 1000) + " s");
    recent_.push_back(now_ms);
  }
  return Status::Ok();
}

int64_t MessageGate::RetryAfterMs(int64_t now_ms) const {
  if (limits_.max_messages_per_minute <= 0) return 0;
  Expire(now_ms);
  if (recent_.size() < size_t(limits_.max_messages_per_minute)) return 0;
  // The oldest admissions must leave the window until one slot is free.
  const size_t excess = recent_.size() - size_t(limits_.max_messages_per_minute);
  return recent_[excess] + kWindowMs - now_ms;
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
