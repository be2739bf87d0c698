#include "lexicon.h"

#include <algorithm>
#include <cstring>
#include <unordered_map>

namespace attune {
namespace {

bool Less(const LexiconEntry& e, std::string_view key) { return std::string_view(e.token) < key; }

// Hand-written emoji valences (-4..+4), chosen for customer conversations:
// the faces and hands people actually send to a support chat. Sorted by
// UTF-8 bytes at first use, so the order here is free.
LexiconEntry kEmoji[] = {
    {"\U0001F600", 2.2f},  {"\U0001F603", 2.2f},  {"\U0001F604", 2.4f},  {"\U0001F601", 2.2f},
    {"\U0001F606", 2.0f},  {"\U0001F605", 1.0f},  {"\U0001F923", 2.0f},  {"\U0001F602", 1.8f},
    {"\U0001F642", 1.4f},  {"\U0001F609", 1.5f},  {"\U0001F60A", 2.3f},  {"\U0001F607", 1.8f},
    {"\U0001F970", 3.0f},  {"\U0001F60D", 3.0f},  {"\U0001F929", 2.8f},  {"\U0001F618", 2.4f},
    {"\U0001F60B", 1.8f},  {"\U0001F61B", 1.2f},  {"\U0001F917", 2.0f},  {"\U0001F60E", 1.8f},
    {"\U0001F973", 2.8f},  {"\U0001F60C", 1.4f},  {"\U0001F44D", 1.8f},  {"\U0001F44C", 1.6f},
    {"\U0001F44F", 2.0f},  {"\U0001F64C", 2.2f},  {"\U0001F64F", 1.5f},  {"\u2764", 2.8f},
    {"\U0001F495", 2.6f},  {"\U0001F496", 2.6f},  {"\U0001F499", 2.2f},  {"\U0001F49A", 2.2f},
    {"\U0001F49C", 2.2f},  {"\U0001F49B", 2.2f},  {"\U0001F9E1", 2.2f},  {"\U0001F389", 2.6f},
    {"\U0001F38A", 2.2f},  {"\u2728", 1.5f},      {"\U0001F31F", 1.8f},  {"\u2B50", 1.6f},
    {"\U0001F525", 1.2f},  {"\U0001F4AF", 1.8f},  {"\u2705", 1.2f},      {"\U0001F60F", 0.4f},
    {"\U0001F610", -0.4f}, {"\U0001F611", -0.8f}, {"\U0001F636", -0.3f}, {"\U0001F644", -1.6f},
    {"\U0001F612", -1.8f}, {"\U0001F615", -1.2f}, {"\U0001F61F", -1.6f}, {"\U0001F641", -1.6f},
    {"\u2639", -1.8f},     {"\U0001F62E", -0.2f}, {"\U0001F62F", -0.4f}, {"\U0001F632", -0.2f},
    {"\U0001F633", -0.6f}, {"\U0001F97A", -1.0f}, {"\U0001F626", -1.6f}, {"\U0001F627", -2.0f},
    {"\U0001F628", -2.2f}, {"\U0001F630", -2.2f}, {"\U0001F625", -1.8f}, {"\U0001F622", -2.2f},
    {"\U0001F62D", -2.4f}, {"\U0001F631", -2.4f}, {"\U0001F616", -2.2f}, {"\U0001F623", -2.0f},
    {"\U0001F61E", -2.2f}, {"\U0001F613", -1.6f}, {"\U0001F629", -2.4f}, {"\U0001F62B", -2.4f},
    {"\U0001F971", -0.8f}, {"\U0001F624", -2.4f}, {"\U0001F621", -3.0f}, {"\U0001F620", -2.8f},
    {"\U0001F92C", -3.2f}, {"\U0001F480", -1.0f}, {"\U0001F4A9", -1.8f}, {"\U0001F44E", -2.0f},
    {"\U0001F494", -2.6f}, {"\U0001F92E", -2.6f}, {"\U0001F922", -2.2f}, {"\U0001F637", -1.0f},
    {"\U0001F912", -1.6f}, {"\U0001F915", -1.8f}, {"\U0001F92F", -1.0f}, {"\U0001F925", -1.4f},
    {"\U0001F926", -1.8f}, {"\U0001F937", -0.4f}, {"\u274C", -1.2f},     {"\u26A0", -0.8f},
    {"\U0001F595", -3.0f}, {"\U0001F608", -0.6f}, {"\U0001F47F", -2.2f}, {"\U0001F614", -1.8f},
    {"\U0001F62A", -1.0f}, {"\U0001F634", -0.4f}, {"\U0001F91D", 1.4f},  {"\U0001F64B", 0.4f},
};

}  // namespace

bool LexiconValence(std::string_view token, double* valence) {
  // A hash map over the generated table, built on first use: every word of
  // every message is looked up several times, and binary search over 7 500
  // strings was most of Analyze()'s time.
  static const std::unordered_map<std::string_view, float> kIndex = [] {
    std::unordered_map<std::string_view, float> m;
    m.reserve(kVaderLexiconSize * 2);
    for (size_t i = 0; i < kVaderLexiconSize; ++i) m.emplace(kVaderLexicon[i].token, kVaderLexicon[i].valence);
    return m;
  }();
  auto it = kIndex.find(token);
  if (it == kIndex.end()) return false;
  *valence = it->second;
  return true;
}

bool EmojiValence(std::string_view emoji, double* valence) {
  constexpr size_t n = sizeof(kEmoji) / sizeof(kEmoji[0]);
  static const bool sorted = [] {
    std::sort(kEmoji, kEmoji + n, [](const LexiconEntry& a, const LexiconEntry& b) { return std::strcmp(a.token, b.token) < 0; });
    return true;
  }();
  (void)sorted;
  const LexiconEntry* it = std::lower_bound(kEmoji, kEmoji + n, emoji, Less);
  if (it == kEmoji + n || std::string_view(it->token) != emoji) return false;
  *valence = it->valence;
  return true;
}

}  // namespace attune
