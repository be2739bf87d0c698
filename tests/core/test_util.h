// Helpers shared by the core's tests: reading the repository's data files.
#pragma once

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>
#include <vector>

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
// Every shipped pack (packs/<pack>.<language>.json), sorted, optionally only
// those whose name starts with `prefix` ("healthcare."): a pack added in a new
// language is tested without editing each test.
inline std::vector<std::string> ShippedPacks(const std::string& prefix = "") {
  std::vector<std::string> out;
  for (const auto& entry : std::filesystem::directory_iterator(ATTUNE_PACKS)) {
    const std::string name = entry.path().filename().string();
    const size_t dot = name.find('.');
    if (entry.is_regular_file() && dot != std::string::npos && name.size() == dot + 8 && name.compare(dot + 3, 5, ".json") == 0 &&
        name.rfind(prefix, 0) == 0)
      out.push_back(name);
  }
  std::sort(out.begin(), out.end());
  return out;
}

}  // namespace attune::testing
