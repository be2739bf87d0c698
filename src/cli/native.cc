// attune-native: the core as a native command, for training tools and
// benchmarks (the same C++ the widget runs as wasm).
//
//   attune-native featurize        stdin lines -> {"ids":[...]} lines
//   attune-native judge-features   stdin lines -> "judgement hashes | language hashes"
//                                  lines (decimal, space-separated), for
//                                  models/judgement/train.py
//   attune-native judge MODEL      stdin lines -> analyze JSON lines, each
//                                  message on its own (judgement evaluation)
//   attune-native judge MODEL --conversation [--pack PACK]
//                                  stdin JSON arrays of visitor messages ->
//                                  JSON arrays of their turns' analyses
//                                  (with PACK's settings.handoff policy;
//                                  --signals: what the learnt handoff reads)
//   attune-native handoff-signals  the learnt handoff's signal names (JSON)
//   attune-native respond PACK [MODEL]
//                                  stdin lines -> turn JSON lines (with the
//                                  judgement model MODEL when given)
//   attune-native intents PACK     trains the intent model (time on stderr),
//                                  stdin lines -> {"intent","confidence"} lines
#include <chrono>
#include <cstdio>
#include <fstream>
#include <iostream>
#include <sstream>
#include <string>

#include <nlohmann/json.hpp>

#include "core/affect.h"
#include "core/engine.h"
#include "core/handoff.h"
#include "core/judgement.h"
#include "core/intents.h"
#include "core/text.h"

namespace {

int Usage() {
  std::cerr << "usage: attune-native featurize | judge-features | judge MODEL [--conversation [--pack PACK] [--signals]] | handoff-signals | respond PACK.json [MODEL] | intents PACK.json\n";
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

// The judgement heads' training input: the same features JudgementModel
// scores in the widget, so the model never sees a second tokenizer.
int JudgeFeatures() {
  std::string line, out;
  while (std::getline(std::cin, line)) {
    const std::vector<attune::Token> tokens = attune::Tokenize(attune::CleanForAnalysis(line));
    out.clear();
    for (const attune::HashedFeature& f : attune::JudgementFeatures(tokens)) out += std::to_string(f.hash) + ' ';
    out += '|';
    for (uint32_t h : attune::LanguageFeatures(tokens)) out += ' ' + std::to_string(h);
    std::cout << out << '\n';
  }
  return 0;
}

bool ReadFile(const char* path, std::string* out) {
  std::ifstream in(path, std::ios::binary);
  if (!in) return false;
  std::stringstream buf;
  buf << in.rdbuf();
  *out = buf.str();
  return true;
}

// With --signals, a conversation's turn is what the learnt handoff reads
// (models/judgement/train_handoff.py fits it on these): the signals, the
// rules' decision and the learnt probability.
std::string SignalsJson(const attune::Decision& d, bool rules_handoff) {
  std::string out = "{\"signals\":[";
  char buf[32];
  for (int k = 0; k < attune::kHandoffSignalCount; ++k) {
    std::snprintf(buf, sizeof buf, "%s%.6g", k ? "," : "", d.signals[k]);
    out += buf;
  }
  std::snprintf(buf, sizeof buf, "%.6g", d.learnt);
  return out + "],\"rules\":" + (rules_handoff ? "true" : "false") + ",\"handoff\":" + (d.handoff ? "true" : "false") +
         ",\"learnt\":" + buf + "}";
}

int Judge(const char* path, bool conversations, const char* pack_path, bool signals) {
  std::string bytes;
  if (!ReadFile(path, &bytes)) {
    std::cerr << "attune-native: cannot read " << path << '\n';
    return 1;
  }
  std::shared_ptr<const attune::JudgementModel> model;
  if (attune::Status s = attune::JudgementModel::Load(bytes, &model); !s.ok()) {
    std::cerr << path << ": " << s.ToString() << '\n';
    return 1;
  }
  attune::AnalyzeOptions options;
  options.judgement = model.get();
  // A pack's settings.handoff, to try a policy on the conversations.
  attune::HandoffPolicy policy;
  if (pack_path) {
    std::string text;
    attune::Pack pack;
    if (!ReadFile(pack_path, &text)) {
      std::cerr << "attune-native: cannot read " << pack_path << '\n';
      return 1;
    }
    if (attune::Status s = attune::LoadPack(text, &pack); !s.ok()) {
      std::cerr << pack_path << ": " << s.ToString() << '\n';
      return 1;
    }
    policy = pack.handoff.policy;
  }
  std::string line;
  while (std::getline(std::cin, line)) {
    if (!conversations) {
      attune::Conversation conversation;
      attune::Affect a = attune::Analyze(line, options);
      const attune::Decision d = conversation.ObserveMessage(line, &a, false);
      std::cout << attune::AnalysisToJson(a, d) << '\n';
      continue;
    }
    const nlohmann::json turns = nlohmann::json::parse(line, nullptr, false);
    if (turns.is_discarded() || !turns.is_array()) {
      std::cout << "null\n";
      continue;
    }
    attune::Conversation conversation(policy);
    std::string out = "[";
    for (const auto& t : turns) {
      const std::string text = t.is_string() ? t.get<std::string>() : "";
      attune::Affect a = attune::Analyze(text, options);
      const attune::Decision d = conversation.ObserveMessage(text, &a, false);
      if (out.size() > 1) out += ',';
      if (signals) {
        bool learnt_only = false;
        for (const attune::Reason& r : d.reasons) learnt_only |= r.name == attune::kReasonEscalation;
        out += SignalsJson(d, d.handoff && !learnt_only);
      } else {
        out += attune::AnalysisToJson(a, d);
      }
    }
    std::cout << out << "]\n";
  }
  return 0;
}

int Respond(const char* path, const char* model_path) {
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
  if (model_path) {
    std::string bytes;
    std::shared_ptr<const attune::JudgementModel> model;
    if (!ReadFile(model_path, &bytes)) {
      std::cerr << "attune-native: cannot read " << model_path << '\n';
      return 1;
    }
    if (attune::Status s = attune::JudgementModel::Load(bytes, &model); !s.ok()) {
      std::cerr << model_path << ": " << s.ToString() << '\n';
      return 1;
    }
    engine->SetJudgement(model);
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
  recognizer.Train(pack.intents, {}, pack.out_of_scope);
  const double ms = std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - t0).count();
  std::cerr << nlohmann::json{{"train_ms", ms},
                              {"features", recognizer.feature_count()},
                              {"out_of_scope_threshold", recognizer.out_of_scope_threshold()}}
                   .dump()
            << '\n';
  std::string line;
  while (std::getline(std::cin, line)) {
    const attune::IntentMatch m = recognizer.Recognize(line, pack.intent_threshold);
    std::cout << nlohmann::json{{"intent", m.intent},          {"confidence", m.confidence},
                                {"best", m.best},              {"in_scope", m.in_scope},
                                {"out_of_scope", m.out_of_scope}, {"runner_up", m.runner_up},
                                {"runner_up_confidence", m.runner_up_confidence}, {"clarify", m.clarify}}
                     .dump(-1, ' ', false, nlohmann::json::error_handler_t::replace) << '\n';
  }
  return 0;
}

int main(int argc, char** argv) {
  std::ios::sync_with_stdio(false);
  if (argc < 2) return Usage();
  const std::string cmd = argv[1];
  if (cmd == "featurize") return Featurize();
  if (cmd == "judge-features") return JudgeFeatures();
  if (cmd == "handoff-signals") {
    std::string out = "[";
    for (int k = 0; k < attune::kHandoffSignalCount; ++k)
      out += std::string(k ? ",\"" : "\"") + attune::kHandoffSignalNames[k] + "\"";
    std::cout << out << "]\n";
    return 0;
  }
  if (cmd == "judge" && argc >= 3 && argc <= 6) {
    bool conversation = false, signals = false;
    const char* pack = nullptr;
    for (int i = 3; i < argc; ++i) {
      const std::string a = argv[i];
      if (a == "--conversation") conversation = true;
      else if (a == "--signals") signals = true;
      else if (a == "--pack" && i + 1 < argc) pack = argv[++i];
      else return Usage();
    }
    return Judge(argv[2], conversation, pack, signals);
  }
  if (cmd == "respond" && (argc == 3 || argc == 4)) return Respond(argv[2], argc == 4 ? argv[3] : nullptr);
  if (cmd == "intents" && argc == 3) return Intents(argv[2]);
  return Usage();
}
