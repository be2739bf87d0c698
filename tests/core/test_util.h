// Helpers shared by the core's tests: reading the repository's data files.
#pragma once

#include <fstream>
#include <sstream>
#include <string>

namespace attune::testing {

inline std::string ReadFile(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  std::stringstream buf;
  buf << in.rdbuf();
  return buf.str();
}
inline std::string DataFile(const std::string& name) { return ReadFile(std::string(ATTUNE_TEST_DATA) + "/" + name); }
inline std::string ModelFile(const std::string& name) { return ReadFile(std::string(ATTUNE_MODELS) + "/" + name); }
inline std::string PackFile(const std::string& name) { return ReadFile(std::string(ATTUNE_PACKS) + "/" + name); }

}  // namespace attune::testing
