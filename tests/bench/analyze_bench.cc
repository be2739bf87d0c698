// attune-bench: the native side of the analyze benchmark and of the valence
// evaluation. Reads UTF-8 lines (one message each) from a file or stdin.
//
//   attune-bench --jsonl < lines.txt        one analyze JSON object per line
//                                           (every line a fresh conversation)
//   attune-bench --time lines.txt [--min-seconds S]
//                                           analyze all lines repeatedly for at
//                                           least S seconds (default 2), print
//                                           {"messages":N,"seconds":T,"per_second":R}
#include <chrono>
#include <cstdio>
#include <cstring>
#include <fstream>
#include <iostream>
#include <string>
#include <vector>

#include "core/affect.h"
#include "core/handoff.h"

namespace {

std::vector<std::string> ReadLines(std::istream& in) {
  std::vector<std::string> lines;
  std::string line;
  while (std::getline(in, line)) lines.push_back(line);
  return lines;
}

int Usage() {
  std::fprintf(stderr, "usage: attune-bench --jsonl < lines.txt | attune-bench --time lines.txt [--min-seconds S]\n");
  return 2;
}

}  // namespace

int main(int argc, char** argv) {
  if (argc >= 2 && std::strcmp(argv[1], "--jsonl") == 0) {
    attune::Conversation conversation;
    for (const std::string& line : ReadLines(std::cin)) {
      conversation.Reset();
      attune::Affect affect = attune::Analyze(line);
      const attune::Decision d = conversation.ObserveMessage(line, &affect, false);
      std::cout << attune::AnalysisToJson(affect, d) << '\n';
    }
    return 0;
  }
  if (argc >= 3 && std::strcmp(argv[1], "--time") == 0) {
    double min_seconds = 2;
    if (argc == 5 && std::strcmp(argv[3], "--min-seconds") == 0) min_seconds = std::atof(argv[4]);
    else if (argc != 3) return Usage();
    std::ifstream in(argv[2], std::ios::binary);
    if (!in) {
      std::fprintf(stderr, "attune-bench: cannot read %s\n", argv[2]);
      return 1;
    }
    const std::vector<std::string> lines = ReadLines(in);
    if (lines.empty()) return Usage();
    // The same work as the wasm benchmark: Analyze + one conversation turn
    // + the JSON the CLI would print.
    attune::Conversation conversation;
    size_t messages = 0, bytes = 0;
    const auto start = std::chrono::steady_clock::now();
    double seconds = 0;
    do {
      for (const std::string& line : lines) {
        attune::Affect affect = attune::Analyze(line);
        const attune::Decision d = conversation.ObserveMessage(line, &affect, false);
        bytes += attune::AnalysisToJson(affect, d).size();
      }
      messages += lines.size();
      seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
    } while (seconds < min_seconds);
    std::printf("{\"messages\":%zu,\"seconds\":%.3f,\"per_second\":%.0f,\"json_bytes\":%zu}\n", messages, seconds,
                messages / seconds, bytes);
    return 0;
  }
  return Usage();
}
