// Limits: how much one visitor may send, and how much of a conversation the
// core keeps, so that no visitor (or script posing as one) can make a turn
// expensive, flood the page or a live agent, or grow memory without bound.
//
// The core enforces them in Engine (engine.h):
//   - a message longer than max_message_bytes is cut there (at a code point
//     boundary) and answered; the turn result says so with `limit` {code
//     "message_too_long"} (a paste is never lost to an error, and nothing
//     past the limit is analysed, stored or sent to an agent);
//   - the message rate is a token bucket: burst_messages tokens to start
//     with, refilled at max_messages_per_minute; each admitted message takes
//     one. A message that finds the bucket empty is refused: the turn is not
//     taken, the reply is empty and the result carries `limit` {code
//     "rate_limited", retry_after_ms} (the widget keeps the message and sends
//     it then). A person typing fast, with pauses, never empties it; a script
//     sending hundreds a minute is held to the refill rate. (A rolling
//     window, as before, refused the 21st quick message and then locked the
//     visitor out until the first one was a minute old.)
//   - the transcript (visitor messages and bot replies, what a live agent
//     receives at handoff) keeps at most max_transcript_messages entries and
//     max_transcript_bytes of text, dropping the oldest first and counting
//     what it dropped.
// The relay enforces its own limits on what reaches it (relay/README.md).
// Analysis reads only the first kMaxAnalyzedBytes (text.h) of an admitted
// message, which bounds a turn's CPU cost independently of these.
#pragma once

#include <cstddef>
#include <cstdint>
#include <deque>
#include <string>
#include <string_view>
#include <vector>

#include "status.h"

namespace attune {

// 8 KiB of UTF-8: a widget input capped at 2 000 UTF-16 units (at most 6 000
// bytes) always fits, and a long, honest complaint (a few hundred words) too.
inline constexpr size_t kMaxMessageBytes = 8192;
// Refill: one message every 2 s, sustained, is faster than anyone types and
// reads replies; a script sending hundreds a minute is held to it.
inline constexpr int kMaxMessagesPerMinute = 30;
// Capacity: 20 quick messages in a row (the widget merges those typed while
// the bot answers into one turn, so a real burst costs a few) before any wait.
inline constexpr int kBurstMessages = 20;
// 200 entries (100 exchanges) covers any real support chat; an agent reads
// the latest ones first anyway.
inline constexpr size_t kMaxTranscriptMessages = 200;
// 128 KiB: 200 entries of ordinary length fit several times over, and the
// handoff payload stays small for the relay and the agent's browser.
inline constexpr size_t kMaxTranscriptBytes = 128 * 1024;

struct Limits {
  size_t max_message_bytes = kMaxMessageBytes;            // Default: 8192. Range 1..65536.
  int max_messages_per_minute = kMaxMessagesPerMinute;    // Default: 30 (refill rate). Range 0..600; 0 turns the rate limit off.
  int burst_messages = kBurstMessages;                    // Default: 20 (bucket capacity). Range 1..600.
  size_t max_transcript_messages = kMaxTranscriptMessages;  // Default: 200. Range 2..10000.
  size_t max_transcript_bytes = kMaxTranscriptBytes;      // Default: 131072. Range 1024..4194304.
};

// Parses limits from JSON such as {"max_messages_per_minute": 30}; missing
// fields keep their defaults. On success fills *limits and returns OK; on a
// non-object, an unknown key, a non-integer or an out-of-range value returns
// InvalidArgument naming the field and the allowed range, *limits unchanged.
Status LimitsFromJson(std::string_view json, Limits* limits);
std::string LimitsToJson(const Limits& limits);

// Admits or refuses each visitor message by length and rate (a token bucket,
// see above; it starts full).
class MessageGate {
 public:
  explicit MessageGate(const Limits& limits = {}) : limits_(limits) {}
  // OK and takes a token when the message may go ahead at `now_ms` (any
  // monotonic clock in milliseconds). Otherwise leaves the bucket as it was
  // and returns code "message_too_long" (for callers that refuse rather than
  // cut, e.g. a server) or "rate_limited", with a message that names the limit.
  Status Admit(std::string_view text, int64_t now_ms);
  // Milliseconds until one more message would be admitted; 0 if now.
  int64_t RetryAfterMs(int64_t now_ms) const;
  // Whole tokens left at `now_ms` (burst_messages when full).
  int Tokens(int64_t now_ms) const;
  // New limits; tokens above the new capacity are dropped.
  void set_limits(const Limits& limits);

 private:
  void Refill(int64_t now_ms) const;
  int64_t capacity() const;
  Limits limits_;
  // Fill level in token-milliseconds-per-minute units: one token is 60 000,
  // and each elapsed ms adds max_messages_per_minute, so refill is exact
  // integer arithmetic. -1: not yet used (full).
  mutable int64_t level_ = -1;
  mutable int64_t last_ms_ = 0;
};

struct TranscriptEntry {
  std::string role;  // "visitor" or "bot"
  std::string text;  // valid UTF-8, at most max_message_bytes
  int turn = 0;
};

// The conversation so far, bounded by Limits.
class Transcript {
 public:
  explicit Transcript(const Limits& limits = {}) : limits_(limits) {}
  // Appends an entry (text repaired to UTF-8 and cut to max_message_bytes at
  // a code point boundary), then drops the oldest entries while over either
  // transcript limit. Never fails.
  void Append(std::string_view role, std::string_view text, int turn);
  void Clear();
  // Replaces the entries with `entries` (each appended as by Append, so the
  // limits hold) and sets the dropped count to `dropped` plus any dropped now.
  void Restore(const std::vector<TranscriptEntry>& entries, size_t dropped);
  // Applies new limits, dropping the oldest entries if now over them.
  void set_limits(const Limits& limits);

  const std::deque<TranscriptEntry>& entries() const { return entries_; }
  size_t bytes() const { return bytes_; }       // text bytes held
  size_t dropped() const { return dropped_; }   // entries dropped since Clear()

  // {"entries":[{"role","text","turn"[,"redacted":["email",...]]}],"dropped":N}.
  // With `redact`, every entry's text goes through Redact() (redact.h) and
  // lists the kinds it hid: what a live agent may see.
  std::string ToJson(bool redact) const;

 private:
  void Trim();
  Limits limits_;
  std::deque<TranscriptEntry> entries_;
  size_t bytes_ = 0;
  size_t dropped_ = 0;
};

// Cuts valid UTF-8 `text` to at most `max_bytes` without splitting a code point.
std::string_view CutUtf8(std::string_view text, size_t max_bytes);

}  // namespace attune
