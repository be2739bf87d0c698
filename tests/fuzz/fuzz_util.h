// Helpers shared by the libFuzzer targets. A violated invariant calls
// __builtin_trap() so libFuzzer records the input as a crash, the same as an
// ASan/UBSan report.
#pragma once

#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <fstream>
#include <sstream>
#include <string>
#include <string_view>

#include "core/text.h"

namespace attune::fuzz {

#define ATTUNE_FUZZ_CHECK(cond)                                                   \
  do {                                                                            \
    if (!(cond)) {                                                                \
      std::fprintf(stderr, "fuzz invariant failed: %s (%s:%d)\n", #cond, __FILE__, __LINE__); \
      __builtin_trap();                                                           \
    }                                                                             \
  } while (0)

inline std::string_view AsText(const uint8_t* data, size_t size) {
  return std::string_view(reinterpret_cast<const char*>(data), size);
}

inline bool IsValidUtf8(std::string_view s) { return RepairUtf8(s) == s; }

inline std::string ReadFile(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  std::stringstream buf;
  buf << in.rdbuf();
  return buf.str();
}

}  // namespace attune::fuzz
