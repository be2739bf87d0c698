#include "intents.h"

#include <algorithm>
#include <cmath>
#include <cstring>
#include <functional>
#include <numeric>

#include "pack.h"
#include "text.h"

namespace attune {
namespace {

// 64-bit FNV-1a; `seed` separates feature kinds (word, bigram, char n-gram).
uint64_t Hash(std::string_view s, uint64_t seed) {
  uint64_t h = 1469598103934665603ull ^ (seed * 0x9E3779B97F4A7C15ull);
  for (unsigned char c : s) {
    h ^= c;
    h *= 1099511628211ull;
  }
  return h | 1;  // 0 marks an empty slot in the table
}

uint64_t Mix(uint64_t a, uint64_t b) {
  uint64_t h = a * 0x9E3779B97F4A7C15ull ^ (b + 0x632BE59BD9B4E019ull + (a << 6) + (a >> 2));
  return h | 1;
}

// The words the model sees: numbers, emails and URLs become placeholders so
// "order 1234" and "order 9876" share evidence; "?" is kept because it
// separates questions from statements.
std::vector<std::string> Words(std::string_view text) {
  const std::string cleaned = CleanForAnalysis(text);
  std::vector<std::string> words;
  for (const Token& t : Tokenize(cleaned)) {
    switch (t.kind) {
      case TokenKind::kWord: words.push_back(t.norm); break;
      case TokenKind::kNumber: words.push_back("<num>"); break;
      case TokenKind::kEmail: words.push_back("<email>"); break;
      case TokenKind::kUrl: words.push_back("<url>"); break;
      case TokenKind::kEmoji:
      case TokenKind::kEmoticon: words.push_back(t.text); break;
      case TokenKind::kPunct:
        if (t.text.find('?') != std::string::npos) words.push_back("?");
        break;
    }
  }
  return words;
}

// Raw feature hashes of a text, with repeats (counts matter).
void FeatureHashes(std::string_view text, bool char_ngrams, std::vector<uint64_t>* out) {
  out->clear();
  const std::vector<std::string> words = Words(text);
  uint64_t prev = Hash("<s>", 2);
  for (const std::string& w : words) {
    const uint64_t h = Hash(w, 1);
    // Word features go in twice (count 2 after sublinear scaling: weight
    // 1.7) so the many character n-grams do not drown them in the norm;
    // measured +0.2 % on the BANKING77 split, within noise but never worse.
    for (int r = 0; r < 2; ++r) {
      out->push_back(h);
      out->push_back(Mix(prev, h));
    }
    prev = h;
    if (char_ngrams && w.size() >= 2 && w[0] != '<') {
      // Byte 4-grams of "<word>", hashed in place (no substrings built).
      // On the BANKING77 split 4-grams alone matched 3..5-grams in accuracy
      // (90.3 % vs 90.2 %) at 60 % of the training time. Byte n-grams are
      // close enough to code point n-grams for Latin scripts.
      const size_t len = w.size() + 2;
      auto byte = [&](size_t i) -> unsigned char { return i == 0 ? '<' : i == len - 1 ? '>' : w[i - 1]; };
      for (size_t i = 0; i + 4 <= len; ++i) {
        uint64_t g = 1469598103934665603ull;
        for (size_t n = 0; n < 4; ++n) g = (g ^ byte(i + n)) * 1099511628211ull;
        out->push_back(Mix(g, 4));
      }
    }
  }
  if (!words.empty()) out->push_back(Mix(prev, Hash("</s>", 2)));
}

// Deterministic xorshift, so training gives the same model everywhere.
struct Rng {
  uint64_t s;
  uint32_t Next() {
    s ^= s << 13;
    s ^= s >> 7;
    s ^= s << 17;
    return static_cast<uint32_t>(s >> 11);
  }
};

// e^x for x <= 0, to ~1e-6 relative: 2^(x log2 e) split into an integer
// power (built in the float's exponent bits) and a degree-5 polynomial for
// the fraction. Training's softmax calls it ~10^6 times per epoch, where a
// libm expf costs a third of an epoch in wasm.
inline float FastExpNeg(float x) {
  if (x < -87.0f) return 0.0f;
  const float t = x * 1.44269504f;
  const float fl = std::floor(t);
  const float f = t - fl;
  const float p = 1.0f + f * (0.693147182f + f * (0.240226507f + f * (0.0555041087f + f * (0.00961812911f + f * 0.00133335581f))));
  int32_t bits = (static_cast<int32_t>(fl) + 127) << 23;
  float scale;
  std::memcpy(&scale, &bits, sizeof scale);
  return p * scale;
}

// Softmax with the fast exponential, for training only (Rank and Recognize
// use the exact one).
void SoftmaxFast(std::vector<float>* v) {
  float mx = -1e30f;
  for (float x : *v) mx = std::max(mx, x);
  float z = 0;
  for (float& x : *v) {
    x = FastExpNeg(x - mx);
    z += x;
  }
  const float inv = 1.0f / z;
  for (float& x : *v) x *= inv;
}

void Softmax(std::vector<float>* v, double temperature) {
  float mx = -1e30f;
  for (float x : *v) mx = std::max(mx, x);
  double z = 0;
  for (float& x : *v) {
    x = std::exp(static_cast<float>((x - mx) / temperature));
    z += x;
  }
  for (float& x : *v) x = static_cast<float>(x / z);
}

// --- Patterns --------------------------------------------------------------

struct PatternElement {
  std::vector<std::string> words;  // any of these; empty with `any` = any word
  bool any = false;
  bool optional = false;
};

std::string ParsePattern(std::string_view pattern, std::vector<PatternElement>* out) {
  out->clear();
  size_t i = 0;
  const std::string p = Lower(pattern);
  while (i < p.size()) {
    if (p[i] == ' ') { ++i; continue; }
    size_t j = i;
    if (p[i] == '(') {
      j = p.find(')', i);
      if (j == std::string::npos) return "unclosed \"(\"";
      PatternElement e;
      std::string_view inner(p.data() + i + 1, j - i - 1);
      size_t k = 0;
      while (true) {
        const size_t bar = inner.find('|', k);
        std::string alt(inner.substr(k, bar == std::string_view::npos ? std::string_view::npos : bar - k));
        while (!alt.empty() && alt.back() == ' ') alt.pop_back();
        while (!alt.empty() && alt.front() == ' ') alt.erase(alt.begin());
        if (alt.find(' ') != std::string::npos || alt.find('(') != std::string::npos)
          return "a choice in \"(...)\" must be a single word";
        if (alt.empty()) e.optional = true;
        else e.words.push_back(alt);
        if (bar == std::string_view::npos) break;
        k = bar + 1;
      }
      if (e.words.empty()) return "\"()\" needs at least one word";
      out->push_back(std::move(e));
      i = j + 1;
      continue;
    }
    while (j < p.size() && p[j] != ' ' && p[j] != '(') ++j;
    std::string word = p.substr(i, j - i);
    if (word.find(')') != std::string::npos || word.find('|') != std::string::npos) return "\")\" or \"|\" outside \"(...)\"";
    if (word == "*") {
      PatternElement e;
      e.any = true;
      out->push_back(e);
      e.optional = true;
      out->push_back(e);
      out->push_back(e);
    } else {
      PatternElement e;
      e.words.push_back(word);
      out->push_back(std::move(e));
    }
    i = j;
  }
  if (out->empty()) return "empty pattern";
  return "";
}

bool ElementAccepts(const PatternElement& e, const std::string& w) {
  return e.any || std::find(e.words.begin(), e.words.end(), w) != e.words.end();
}

}  // namespace

std::string PatternError(std::string_view pattern) {
  std::vector<PatternElement> els;
  return ParsePattern(pattern, &els);
}

bool PatternMatches(std::string_view pattern, std::string_view text) {
  std::vector<PatternElement> els;
  if (!ParsePattern(pattern, &els).empty()) return false;
  std::vector<std::string> words;
  for (const Token& t : Tokenize(CleanForAnalysis(text)))
    if (t.kind != TokenKind::kPunct) words.push_back(t.norm);
  // NFA simulation: active[j] = the first j elements matched ending here.
  // O(words x elements); no backtracking, so no blow-up on hostile text.
  const size_t m = els.size();
  std::vector<char> active(m + 1, 0), next(m + 1, 0);
  auto close = [&](std::vector<char>* a) {
    for (size_t j = 0; j < m; ++j)
      if ((*a)[j] && els[j].optional) (*a)[j + 1] = 1;
  };
  for (const std::string& w : words) {
    active[0] = 1;  // a match may start at any word
    close(&active);
    if (active[m]) return true;
    std::fill(next.begin(), next.end(), 0);
    for (size_t j = 0; j < m; ++j)
      if (active[j] && ElementAccepts(els[j], w)) next[j + 1] = 1;
    active.swap(next);
    close(&active);
    if (active[m]) return true;
  }
  return false;
}

// --- The model -------------------------------------------------------------

int32_t IntentRecognizer::Find(uint64_t key) const {
  if (slots_.empty()) return -1;
  const size_t mask = slots_.size() - 1;
  for (size_t i = key & mask;; i = (i + 1) & mask) {
    if (slots_[i] == key) return slot_index_[i];
    if (slots_[i] == 0) return -1;
  }
}

int32_t IntentRecognizer::Insert(uint64_t key) {
  if ((keys_.size() + 1) * 2 > slots_.size()) {
    // Grow and rehash at half load.
    std::vector<uint64_t> old_keys = keys_;
    const size_t size = std::max<size_t>(1024, slots_.size() * 2);
    slots_.assign(size, 0);
    slot_index_.assign(size, -1);
    for (size_t k = 0; k < old_keys.size(); ++k) {
      size_t i = old_keys[k] & (size - 1);
      while (slots_[i] != 0) i = (i + 1) & (size - 1);
      slots_[i] = old_keys[k];
      slot_index_[i] = static_cast<int32_t>(k);
    }
  }
  const size_t mask = slots_.size() - 1;
  size_t i = key & mask;
  for (;; i = (i + 1) & mask) {
    if (slots_[i] == key) return slot_index_[i];
    if (slots_[i] == 0) break;
  }
  slots_[i] = key;
  slot_index_[i] = static_cast<int32_t>(keys_.size());
  keys_.push_back(key);
  return slot_index_[i];
}

// Sublinear counts, L2-normalised over *all* the text's features, known or
// not: a message made of unseen words gets a short vector, so the model
// falls back to its priors and the confidence stays low.
IntentRecognizer::Sparse IntentRecognizer::Vectorize(std::string_view text, bool grow) {
  std::vector<uint64_t> hashes;
  FeatureHashes(text, char_ngrams_, &hashes);
  std::sort(hashes.begin(), hashes.end());
  Sparse x;
  double norm = 0;
  for (size_t i = 0; i < hashes.size();) {
    size_t j = i;
    while (j < hashes.size() && hashes[j] == hashes[i]) ++j;
    const float v = 1.0f + std::log(static_cast<float>(j - i));
    norm += double(v) * v;
    const int32_t f = grow ? Insert(hashes[i]) : Find(hashes[i]);
    if (f >= 0) {
      x.index.push_back(f);
      x.value.push_back(v);
    }
    i = j;
  }
  if (norm > 0) {
    const float inv = static_cast<float>(1.0 / std::sqrt(norm));
    for (float& v : x.value) v *= inv;
  }
  return x;
}

IntentRecognizer::Sparse IntentRecognizer::Lookup(std::string_view text) const {
  // Vectorize only writes (Insert) when grow is true.
  return const_cast<IntentRecognizer*>(this)->Vectorize(text, /*grow=*/false);
}

void IntentRecognizer::Scores(const Sparse& x, std::vector<float>* out) const {
  const size_t c = names_.size();
  out->assign(bias_.begin(), bias_.end());
  float* s = out->data();
  for (size_t k = 0; k < x.index.size(); ++k) {
    const float* w = &weights_[static_cast<size_t>(x.index[k]) * c];
    const float v = x.value[k];
    for (size_t j = 0; j < c; ++j) s[j] += v * w[j];
  }
}

void IntentRecognizer::Train(const std::vector<Intent>& intents, const IntentRecognizerOptions& options) {
  names_.clear();
  slots_.clear();
  slot_index_.clear();
  keys_.clear();
  weights_.clear();
  bias_.clear();
  patterns_.clear();
  temperature_ = 1.0;
  char_ngrams_ = options.char_ngrams;

  struct Example {
    Sparse x;
    int label;
    bool held_out;
    float margin = 0;  // p(label) when last seen
  };
  std::vector<Example> examples;
  for (const Intent& in : intents) {
    for (const std::string& p : in.patterns) patterns_.emplace_back(in.name, p);
    if (in.examples.empty()) continue;
    const int label = static_cast<int>(names_.size());
    names_.push_back(in.name);
    for (size_t i = 0; i < in.examples.size(); ++i)
      // Every 10th example of an intent with 10+ of them is held back to fit
      // the temperature; small packs keep all their examples for training.
      examples.push_back({Vectorize(in.examples[i], true), label, in.examples.size() >= 10 && i % 10 == 9, 0.0f});
  }
  const size_t classes = names_.size();
  if (classes == 0) return;
  weights_.assign(keys_.size() * classes, 0.0f);
  bias_.assign(classes, 0.0f);

  // Class priors as the starting bias, so unseen words yield the prior.
  std::vector<double> counts(classes, 0);
  for (const Example& e : examples) counts[e.label] += 1;
  for (size_t c = 0; c < classes; ++c) bias_[c] = static_cast<float>(std::log(counts[c] / examples.size()));

  std::vector<size_t> order;
  std::vector<size_t> held;
  for (size_t i = 0; i < examples.size(); ++i) (examples[i].held_out ? held : order).push_back(i);
  // The held-out examples join training for the last epochs, once the
  // temperature has been fitted on them.
  const int epochs = options.epochs > 0 ? options.epochs : (examples.size() < 2000 ? 12 : 3);
  const int calibrate_after = held.size() >= 20 ? std::max(1, epochs - 2) : -1;

  Rng rng{0x2545F4914F6CDD1Dull ^ options.seed};
  std::vector<float> p(classes);
  std::vector<int> active;
  // L2 by lazy scaling: weights_ hold w / scale.
  double scale = 1.0;
  const double n = static_cast<double>(examples.size());
  double t = 0;
  for (int epoch = 0; epoch < epochs; ++epoch) {
    if (epoch == calibrate_after) {
      // Fit the temperature on the held-out examples: minimise their
      // negative log-likelihood over T by golden-section search on log T.
      // Only each example's 16 largest logits (and its label's) are kept:
      // the rest add nothing measurable to the softmax at any T in range.
      std::vector<std::vector<float>> logits;
      for (size_t i : held) {
        std::vector<float> s;
        Scores(examples[i].x, &s);
        for (size_t c = 0; c < classes; ++c) s[c] = static_cast<float>((s[c] - bias_[c]) * scale + bias_[c]);
        const float label_logit = s[examples[i].label];
        const size_t keep = std::min<size_t>(16, s.size());
        std::nth_element(s.begin(), s.begin() + keep - 1, s.end(), std::greater<float>());
        s.resize(keep);
        if (label_logit < s.back()) s.push_back(label_logit);
        s.insert(s.begin(), label_logit);  // [0] is the label's logit
        logits.push_back(std::move(s));
      }
      auto nll = [&](double log_t) {
        const double inv_t = std::exp(-log_t);
        double total = 0;
        for (const std::vector<float>& s : logits) {
          double mx = -1e30;
          for (size_t c = 1; c < s.size(); ++c) mx = std::max(mx, double(s[c]));
          double z = 0;
          for (size_t c = 1; c < s.size(); ++c) z += std::exp((s[c] - mx) * inv_t);
          total -= (s[0] - mx) * inv_t - std::log(z);
        }
        return total;
      };
      double lo = std::log(0.05), hi = std::log(5.0);
      const double g = (std::sqrt(5.0) - 1) / 2;
      double a = hi - g * (hi - lo), b = lo + g * (hi - lo);
      double fa = nll(a), fb = nll(b);
      for (int it = 0; it < 20; ++it) {  // 0.618^20 x 4.6: T to within 0.01 %
        if (fa < fb) { hi = b; b = a; fb = fa; a = hi - g * (hi - lo); fa = nll(a); }
        else { lo = a; a = b; fa = fb; b = lo + g * (hi - lo); fb = nll(b); }
      }
      temperature_ = std::exp((lo + hi) / 2);
      order.insert(order.end(), held.begin(), held.end());
    }
    for (size_t i = order.size(); i > 1; --i) std::swap(order[i - 1], order[rng.Next() % i]);
    for (size_t idx : order) {
      Example& e = examples[idx];
      // Shrinking: an example the model already gets right with a wide
      // margin has a near-zero gradient; skip it (its stale margin is
      // re-checked every other epoch). This roughly halves training time.
      if (e.margin > 0.98f && (epoch & 1) && epoch != calibrate_after) continue;
      const double lr = options.learning_rate / (1.0 + t / n);
      t += 1;
      // Scores with the lazy scale applied to weights (not the bias).
      std::fill(p.begin(), p.end(), 0.0f);
      for (size_t k = 0; k < e.x.index.size(); ++k) {
        const float* w = &weights_[static_cast<size_t>(e.x.index[k]) * classes];
        const float v = e.x.value[k];
        for (size_t c = 0; c < classes; ++c) p[c] += v * w[c];
      }
      for (size_t c = 0; c < classes; ++c) p[c] = static_cast<float>(p[c] * scale + bias_[c]);
      SoftmaxFast(&p);
      e.margin = p[e.label];
      p[e.label] -= 1.0f;  // now the gradient of the loss w.r.t. the scores
      // Only classes with a non-negligible gradient are updated.
      active.clear();
      for (size_t c = 0; c < classes; ++c)
        if (p[c] > 1e-4f || p[c] < -1e-4f) active.push_back(static_cast<int>(c));
      scale *= (1.0 - lr * options.l2);
      const float step = static_cast<float>(lr / scale);
      for (size_t k = 0; k < e.x.index.size(); ++k) {
        float* w = &weights_[static_cast<size_t>(e.x.index[k]) * classes];
        const float v = e.x.value[k] * step;
        for (int c : active) w[c] -= v * p[c];
      }
      for (int c : active) bias_[c] -= static_cast<float>(lr * 0.1 * p[c]);
    }
    if (scale < 1e-3) {
      for (float& w : weights_) w = static_cast<float>(w * scale);
      scale = 1.0;
    }
  }
  for (float& w : weights_) w = static_cast<float>(w * scale);
}

std::vector<std::pair<std::string, double>> IntentRecognizer::Rank(std::string_view text) const {
  std::vector<std::pair<std::string, double>> out;
  if (names_.empty()) return out;
  std::vector<float> s;
  Scores(Lookup(text), &s);
  Softmax(&s, temperature_);
  for (size_t c = 0; c < names_.size(); ++c) out.emplace_back(names_[c], s[c]);
  std::stable_sort(out.begin(), out.end(), [](const auto& a, const auto& b) { return a.second > b.second; });
  return out;
}

IntentMatch IntentRecognizer::Recognize(std::string_view text, double threshold) const {
  IntentMatch m{"none", 0, ""};
  for (const auto& [intent, pattern] : patterns_)
    if (PatternMatches(pattern, text)) return {intent, 1.0, pattern};
  if (names_.empty()) return m;
  const Sparse x = Lookup(text);
  if (x.index.empty()) return m;  // nothing the pack's examples ever said
  std::vector<float> s;
  Scores(x, &s);
  Softmax(&s, temperature_);
  const size_t best = std::max_element(s.begin(), s.end()) - s.begin();
  m.confidence = s[best];
  if (m.confidence >= threshold) m.intent = names_[best];
  return m;
}

}  // namespace attune
