// Topic: what a visitor's message is about, as hashed content words.
//
// A visitor the bot is not helping asks the same thing again in other words
// ("gibt es heute noch einen Termin" / "gibt es einen Notfalltermin" / "kann
// ich ohne Termin vorbeikommen"): the words differ too much for IsRepeat
// (handoff.h), but the same content word comes back. A message's topic is
// the set of its content words (five letters or more, not a function word),
// each cut to its first five letters so inflections meet ("factura",
// "facturas"); in German, a long compound also gives its last six letters,
// so "Notfalltermin" meets "Termin". Numbers of four digits or more (an
// order, a reference) count as content words whole.
#pragma once
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace attune {

// Sorted, distinct hashes of the content words in `folded` (accent-folded,
// lower-case words, as FoldWord makes them). `language` is the message's
// language when known ("de" adds compound heads), else empty.
std::vector<uint32_t> TopicHashes(const std::vector<std::string>& folded, std::string_view language);

// True when `folded` contains a word that takes an answer in: "ok",
// "thanks", "got it", "d'accord", "entendido", "verstanden", "capito"...
bool Acknowledges(const std::vector<std::string>& folded);

// `now` and those of `recent` (at most kTopicWindow) that share a topic hash
// with it: 1 when it shares nothing, up to recent.size() + 1.
size_t TopicRun(const std::vector<std::vector<uint32_t>>& recent, const std::vector<uint32_t>& now);

// TopicRun looks back this many messages.
inline constexpr size_t kTopicWindow = 3;

}  // namespace attune
