// attune-native: the core as a native command, for training tools and
// benchmarks (the same C++ the widget runs as wasm).
//
//   attune-native featurize        stdin lines -> {"ids":[...]} lines
//   attune-native respond PACK     stdin lines -> turn JSON lines
//   attune-native intents PACK     trains the intent model (time on stderr),
//                                  stdin lines -> {"intent","confidence"} lines
#include <chrono>
#include <fstream>
#include <iostream>
#include <sstream>
#include <string>

#include <nlohmann/json.hpp>

#include "core/engine.h"
#include "core/intents.h"
#include "core/text.h"

namespace {

int Usage() {
  std::cerr << "usage: attune-native featurize | respond PACK.json | intents PACK.json\n";
  return 2;
}

int Featurize() {
  std::string line;
  while (std::getline(std::cin, line)) {
    nlohmann::json j;
    j["ids"] = attune::Featurize(line);
    std::cout << j.dump() << '\n';
  }
  return 0;
}

int Respond(const char* path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) {
    std::cerr << "attune-native: cannot read " << path << '\n';
    return 1;
  }
  std::stringstream buf;
  buf << in.rdbuf();
  std::unique_ptr<attune::Engine> engine;
  if (attune::Status s = attune::Engine::Create(buf.str(), &engine); !s.ok()) {
    std::cerr << path << ": " << s.ToString() << '\n';
    return 1;
  }
  std::string line;
  while (std::getline(std::cin, line)) std::cout << attune::TurnResultToJson(engine->Respond(line)) << '\n';
  return 0;
}

}  // namespace

// The intent model alone, for tests/bench/intents.mjs: training time is
// printed to stderr as {"train_ms": ..., "features": ...}.
int Intents(const char* path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) {
    std::cerr << "attune-native: cannot read " << path << '\n';
    return 1;
  }
  std::stringstream buf;
  buf << in.rdbuf();
  attune::Pack pack;
  if (attune::Status s = attune::LoadPack(buf.str(), &pack); !s.ok()) {
    std::cerr << path << ": " << s.ToString() << '\n';
    return 1;
  }
  attune::IntentRecognizer recognizer;
  const auto t0 = std::chrono::steady_clock::now();
  recognizer.Train(pack.intents);
  const double ms = std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - t0).count();
  std::cerr << nlohmann::json{{"train_ms", ms}, {"features", recognizer.feature_count()}}.dump() << '\n';
  std::string line;
  while (std::getline(std::cin, line)) {
    const attune::IntentMatch m = recognizer.Recognize(line, pack.intent_threshold);
    std::cout << nlohmann::json{{"intent", m.intent}, {"confidence", m.confidence}}.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace) << '\n';
  }
  return 0;
}

int main(int argc, char** argv) {
  std::ios::sync_with_stdio(false);
  if (argc < 2) return Usage();
  const std::string cmd = argv[1];
  if (cmd == "featurize") return Featurize();
  if (cmd == "respond" && argc == 3) return Respond(argv[2]);
  if (cmd == "intents" && argc == 3) return Intents(argv[2]);
  return Usage();
}
