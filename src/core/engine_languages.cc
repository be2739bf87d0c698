// Engine's languages (engine.h: AddPack, SetLanguage, MessageLanguage): the
// other languages of the pack set wait parked beside the active one, and a
// switch swaps them, so Respond keeps reading pack_ and recognizer_.
#include <algorithm>

#include "engine.h"
#include "text.h"

namespace attune {
namespace {

// When a message is clearly written in a language (measured on realistic
// shop messages in en/es/fr/de/pt and 30 short ones, tests/core/
// languages_test.cc): three words or more with 12 letters or more, and the
// judgement model at least this sure. Shorter messages ("ok", "no", "si",
// "gracias", "pedido 12345678") never switch: one word says too little, and a
// visitor writing "merci" in English has not changed language.
constexpr int kMinWords = 3;
constexpr int kMinLetters = 12;
constexpr double kMinLanguageConfidence = 0.6;

bool LongEnough(std::string_view cleaned) {
  int words = 0, letters = 0;
  for (const Token& t : Tokenize(cleaned))
    if (t.kind == TokenKind::kWord) {
      ++words;
      letters += static_cast<int>(DecodeUtf8(t.text).size());
    }
  return words >= kMinWords && letters >= kMinLetters;
}

bool Sure(const ModelJudgement& j) { return j.language != "und" && j.language_confidence >= kMinLanguageConfidence; }

}  // namespace

Status Engine::AddPack(std::string_view pack_json) {
  Language added;
  if (Status s = LoadPack(pack_json, &added.pack); !s.ok()) return s;
  const std::string& lang = added.pack.language;
  if (lang == pack_.language || parked_.count(lang))
    return Status::InvalidArgument("the engine already holds a pack in \"" + lang + "\"");
  added.recognizer.Train(added.pack.intents, {}, added.pack.out_of_scope);
  parked_.emplace(lang, std::move(added));
  return Status::Ok();
}

Status Engine::SetLanguage(std::string_view language) {
  if (language == pack_.language) return Status::Ok();
  auto it = parked_.find(std::string(language));
  if (it == parked_.end()) {
    std::string held;
    for (const std::string& l : languages()) held += (held.empty() ? "" : ", ") + l;
    return Status::InvalidArgument("the engine holds no pack in \"" + std::string(language) + "\" (it holds " + held + ")");
  }
  Language active{std::move(pack_), std::move(recognizer_)};
  pack_ = std::move(it->second.pack);
  recognizer_ = std::move(it->second.recognizer);
  parked_.erase(it);
  std::string old = active.pack.language;
  parked_.emplace(std::move(old), std::move(active));
  return Status::Ok();
}

std::vector<std::string> Engine::languages() const {
  std::vector<std::string> out{pack_.language};
  for (const auto& [lang, held] : parked_) out.push_back(lang);
  std::sort(out.begin(), out.end());
  return out;
}

std::string Engine::MessageLanguage(std::string_view text) const {
  if (!judgement_) return {};
  const std::string cleaned = CleanForAnalysis(text);
  if (!LongEnough(cleaned)) return {};
  const ModelJudgement j = judgement_->Judge(Tokenize(cleaned));
  return Sure(j) ? j.language : std::string();
}

std::string Engine::SwitchTarget(const Affect& affect, std::string_view cleaned) const {
  const ModelJudgement& j = affect.judgement;
  if (!affect.judged || !Sure(j) || j.language == pack_.language || !parked_.count(j.language)) return {};
  return LongEnough(cleaned) ? j.language : std::string();
}

void Engine::AnnounceSwitch(TurnResult* r) {
  r->reply_language = pack_.language;
  // A crisis reply stays first and whole; the note waits for a calmer turn.
  if (r->language_switched.empty() || r->affect.HasCue(kCueCrisis) || !pack_.responses.count("language_switched") ||
      !announced_.insert(r->language_switched).second)
    return;
  const std::string note = responder_.Say(pack_, "language_switched", "neutral", variables_).text;
  if (!note.empty()) r->reply = note + (r->reply.empty() ? "" : " " + r->reply);
}

}  // namespace attune
