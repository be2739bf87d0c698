// Status: the result of an operation that can fail, as a value.
//
// The core never throws across its API and never aborts on bad input. A
// function that can fail returns a Status (or fills an out-parameter and
// returns one). ok() is true on success; otherwise code() names the failure
// in a stable, machine-readable way (it becomes the `code` of the JS Error at
// the wasm boundary) and message() says what went wrong for a person.
#pragma once

#include <string>
#include <utility>

namespace attune {

class Status {
 public:
  // Default: success.
  Status() = default;

  static Status Ok() { return Status(); }
  // The pack is not valid JSON. message() carries line and column.
  static Status InvalidJson(std::string msg) { return Status("invalid_json", std::move(msg)); }
  // The pack is JSON but its shape is wrong. `pointer` is the JSON pointer
  // of the offending value ("" for the document root).
  static Status InvalidPack(const std::string& pointer, const std::string& msg) {
    return Status("invalid_pack", (pointer.empty() ? std::string("/") : pointer) + ": " + msg);
  }
  // A judgement model's bytes are not a model this core can read.
  static Status InvalidModel(std::string msg) { return Status("invalid_model", std::move(msg)); }
  static Status InvalidArgument(std::string msg) { return Status("invalid_argument", std::move(msg)); }
  // A visitor message refused by a limit (limits.h).
  static Status MessageTooLong(std::string msg) { return Status("message_too_long", std::move(msg)); }
  static Status RateLimited(std::string msg) { return Status("rate_limited", std::move(msg)); }

  bool ok() const { return code_.empty(); }
  // "" on success, otherwise e.g. "invalid_json", "invalid_pack".
  const std::string& code() const { return code_; }
  const std::string& message() const { return message_; }
  std::string ToString() const { return ok() ? "OK" : code_ + ": " + message_; }

 private:
  Status(std::string code, std::string msg) : code_(std::move(code)), message_(std::move(msg)) {}
  std::string code_;
  std::string message_;
};

}  // namespace attune
