#include "intents.h"

#include <algorithm>
#include <cmath>
#include <cstring>
#include <functional>
#include <numeric>

#include "identity.h"
#include "pack.h"
#include "text.h"

namespace attune {
namespace {

// Feature kinds, kept apart in a key's high bits.
enum : uint64_t { kWordFeature = 1, kPairFeature = 2, kCharFeature = 3 };

// A table key: the 32-bit hash (HashString) shifted up, the kind above it and
// the low bit set, since 0 marks an empty slot in the table.
uint64_t Key(uint32_t hash, uint64_t kind) { return (kind << 33) | (uint64_t{hash} << 1) | 1; }

// Hash of an ordered pair of hashes (a word pair).
uint32_t Pair(uint32_t a, uint32_t b) { return a * 0x9E3779B1u ^ (b + 0x7F4A7C15u + (a << 6) + (a >> 2)); }

// The features of a text, as table keys, with repeats (counts matter). Each
// token of text.h's Tokenize becomes a word: accents folded (FoldAccents, so
// "envío" and "envio" are one word), apostrophes dropped ("dont", "don't"),
// numbers, emails and URLs as placeholders so "order 1234" and "order 9876"
// share evidence, "?" kept because it separates questions from statements.
// The features: each word and each pair of adjacent words, the text's start
// and end counting as words (both counted twice: weight 1.7 after sublinear
// scaling, so the many character n-grams do not drown them in the norm), and
// the character 3-, 4- and 5-grams of "<word>" (bytes: after folding, Latin
// text is mostly ASCII). JudgementFeatures has the same kinds of feature but
// builds a string per n-gram; trained on those, BANKING77 took 1.85x as long
// in wasm (600 ms against 325 in Node) for the same accuracy. Hashing views
// of one buffer allocates nothing.
void FeatureKeys(const std::vector<Token>& tokens, std::vector<uint64_t>* out) {
  out->clear();
  static const uint32_t kStart = HashString("<s>"), kEnd = HashString("</s>");
  std::string word, padded;
  uint32_t prev = kStart;
  bool any = false;
  // Who the writer is ("as a blind person", "mi chiamo Marco") says nothing
  // about what they want: each such span is one word "<who>" (identity.h).
  const std::vector<WhoSpan> who = FindWho(tokens);
  size_t next_who = 0;
  for (size_t i = 0; i < tokens.size(); ++i) {
    const Token& t = tokens[i];
    const bool span = next_who < who.size() && who[next_who].first == i;
    if (span) {
      word = WhoPlaceholder(who[next_who].kind);
      i = who[next_who++].last;
    } else switch (t.kind) {
      case TokenKind::kWord: {
        const bool ascii = std::all_of(t.norm.begin(), t.norm.end(), [](char c) { return static_cast<unsigned char>(c) < 0x80; });
        word = ascii ? t.norm : FoldAccents(t.norm);  // the norm is lower case already
        word.erase(std::remove(word.begin(), word.end(), '\''), word.end());
        if (word.empty()) continue;
        break;
      }
      case TokenKind::kNumber: word = "<num>"; break;
      case TokenKind::kEmail: word = "<email>"; break;
      case TokenKind::kUrl: word = "<url>"; break;
      case TokenKind::kEmoji:
      case TokenKind::kEmoticon: word = t.norm; break;
      case TokenKind::kPunct:
        if (t.text.find('?') == std::string::npos) continue;
        word = "?";
        break;
    }
    const uint32_t h = HashString(word);
    for (int r = 0; r < 2; ++r) {
      out->push_back(Key(h, kWordFeature));
      out->push_back(Key(Pair(prev, h), kPairFeature));
    }
    prev = h;
    any = true;
    if (!span && t.kind == TokenKind::kWord && word.size() >= 2) {
      padded.assign(1, '<');
      padded += word;
      padded += '>';
      const std::string_view sv(padded);
      for (size_t n = 3; n <= 5; ++n)
        for (size_t i = 0; i + n <= sv.size(); ++i) out->push_back(Key(HashString(sv.substr(i, n)), kCharFeature));
    }
  }
  if (any) out->push_back(Key(Pair(prev, kEnd), kPairFeature));
}

void FeatureKeys(std::string_view text, std::vector<uint64_t>* out) { FeatureKeys(Tokenize(CleanForAnalysis(text)), out); }

// A key's home slot in the table (its hash bits, without the low bit).
size_t Slot(uint64_t key, size_t mask) { return static_cast<size_t>(key >> 1) & mask; }

// Inverse document frequency, smoothed: ln((1 + n) / (1 + df)) + 1. Words and
// n-grams found in every other example ("my", "<th") weigh least.
float Idf(double n, double df) { return static_cast<float>(std::log((1 + n) / (1 + df)) + 1); }

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

using detail::PatternElement;

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

namespace {
// The words a pattern is matched against: the tokens' norms, punctuation apart.
std::vector<std::string> PatternWords(const std::vector<Token>& tokens) {
  std::vector<std::string> words;
  for (const Token& t : tokens)
    if (t.kind != TokenKind::kPunct) words.push_back(t.norm);
  return words;
}

bool MatchElements(const std::vector<PatternElement>& els, const std::vector<std::string>& words);
}  // namespace

bool PatternMatches(std::string_view pattern, std::string_view text) {
  std::vector<PatternElement> els;
  if (!ParsePattern(pattern, &els).empty()) return false;
  return MatchElements(els, PatternWords(Tokenize(CleanForAnalysis(text))));
}

namespace {
bool MatchElements(const std::vector<PatternElement>& els, const std::vector<std::string>& words) {
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
}  // namespace

// --- The model -------------------------------------------------------------

int32_t IntentRecognizer::Find(uint64_t key) const {
  if (slots_.empty()) return -1;
  const size_t mask = slots_.size() - 1;
  for (size_t i = Slot(key, mask);; i = (i + 1) & mask) {
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
      size_t i = Slot(old_keys[k], size - 1);
      while (slots_[i] != 0) i = (i + 1) & (size - 1);
      slots_[i] = old_keys[k];
      slot_index_[i] = static_cast<int32_t>(k);
    }
  }
  const size_t mask = slots_.size() - 1;
  size_t i = Slot(key, mask);
  for (;; i = (i + 1) & mask) {
    if (slots_[i] == key) return slot_index_[i];
    if (slots_[i] == 0) break;
  }
  slots_[i] = key;
  slot_index_[i] = static_cast<int32_t>(keys_.size());
  keys_.push_back(key);
  return slot_index_[i];
}

using detail::Model;
using detail::Neighbours;
using detail::Raw;
using detail::Sparse;

namespace {

// The weighted vector of `raw` (its features marked in `known`, or all):
// tf x IDF, scaled so that |x| = |known tf| / |all tf|. A message made of
// unseen words gets a short vector, so the model falls back to its priors and
// the confidence stays low; a training example (all its features known) gets
// unit length. Returns the known share |known tf| / |all tf|.
float Weigh(const Raw& raw, const std::vector<float>& idf, const std::vector<char>* known, Sparse* x) {
  x->index.clear();
  x->value.clear();
  double kn = 0, weighted = 0;
  for (size_t k = 0; k < raw.index.size(); ++k) {
    const int32_t f = raw.index[k];
    if (known && !(*known)[f]) continue;
    const float v = raw.tf[k], w = v * idf[f];
    kn += double(v) * v;
    weighted += double(w) * w;
    x->index.push_back(f);
    x->value.push_back(w);
  }
  if (weighted > 0) {
    const float s = static_cast<float>(std::sqrt(kn / (raw.norm * weighted)));
    for (float& v : x->value) v *= s;
  }
  return raw.norm > 0 ? static_cast<float>(std::sqrt(kn / raw.norm)) : 0.0f;
}

void Scores(const Model& m, const Sparse& x, std::vector<float>* out) {
  const size_t c = m.classes;
  out->assign(m.bias.begin(), m.bias.end());
  float* s = out->data();
  for (size_t k = 0; k < x.index.size(); ++k) {
    const float* w = &m.weights[static_cast<size_t>(x.index[k]) * c];
    const float v = x.value[k];
    for (size_t j = 0; j < c; ++j) s[j] += v * w[j];
  }
}

struct Example {
  Sparse x;
  int label;
  bool held_out;     // kept back to fit the temperature
  float margin = 0;  // p(label) when last seen
};

int AutoEpochs(const IntentRecognizerOptions& options, size_t examples) {
  return options.epochs > 0 ? options.epochs : (examples < 2000 ? 12 : 3);
}

// Fits `m` (classes given) on the examples by SGD; the held-out ones fit the
// softmax temperature first, then join training for the last epochs.
void Fit(std::vector<Example>* all, size_t classes, size_t features, const IntentRecognizerOptions& options, Model* m) {
  std::vector<Example>& examples = *all;
  m->classes = classes;
  m->temperature = 1.0;
  m->weights.assign(features * classes, 0.0f);
  m->bias.assign(classes, 0.0f);
  std::vector<float>& weights = m->weights;
  std::vector<float>& bias = m->bias;

  // Class priors as the starting bias, so unseen words yield the prior.
  std::vector<double> counts(classes, 0);
  for (const Example& e : examples) counts[e.label] += 1;
  for (size_t c = 0; c < classes; ++c) bias[c] = static_cast<float>(std::log(std::max(1.0, counts[c]) / examples.size()));

  std::vector<size_t> order;
  std::vector<size_t> held;
  for (size_t i = 0; i < examples.size(); ++i) (examples[i].held_out ? held : order).push_back(i);
  const int epochs = AutoEpochs(options, examples.size());
  const int calibrate_after = held.size() >= 20 ? std::max(1, epochs - 2) : -1;
  if (calibrate_after < 0) {
    order.insert(order.end(), held.begin(), held.end());
    held.clear();
  }

  Rng rng{0x2545F4914F6CDD1Dull ^ options.seed};
  std::vector<float> p(classes);
  std::vector<int> active;
  // L2 by lazy scaling: weights hold w / scale.
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
        Scores(*m, examples[i].x, &s);
        for (size_t c = 0; c < classes; ++c) s[c] = static_cast<float>((s[c] - bias[c]) * scale + bias[c]);
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
      m->temperature = std::exp((lo + hi) / 2);
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
        const float* w = &weights[static_cast<size_t>(e.x.index[k]) * classes];
        const float v = e.x.value[k];
        for (size_t c = 0; c < classes; ++c) p[c] += v * w[c];
      }
      for (size_t c = 0; c < classes; ++c) p[c] = static_cast<float>(p[c] * scale + bias[c]);
      SoftmaxFast(&p);
      e.margin = p[e.label];
      p[e.label] -= 1.0f;  // now the gradient of the loss w.r.t. the scores
      // Only classes with a non-negligible gradient are updated: on BANKING77
      // 12 of the 77 on average (45 at the former 1e-4, for the same 10-fold
      // accuracy), which pays for the 3-5-grams' extra features.
      active.clear();
      for (size_t c = 0; c < classes; ++c)
        if (p[c] > 3e-3f || p[c] < -3e-3f) active.push_back(static_cast<int>(c));
      scale *= (1.0 - lr * options.l2);
      const float step = static_cast<float>(lr / scale);
      for (size_t k = 0; k < e.x.index.size(); ++k) {
        float* w = &weights[static_cast<size_t>(e.x.index[k]) * classes];
        const float v = e.x.value[k] * step;
        for (int c : active) w[c] -= v * p[c];
      }
      for (int c : active) bias[c] -= static_cast<float>(lr * 0.1 * p[c]);
    }
    if (scale < 1e-3) {
      for (float& w : weights) w = static_cast<float>(w * scale);
      scale = 1.0;
    }
  }
  for (float& w : weights) w = static_cast<float>(w * scale);
}

void BuildNeighbours(const std::vector<Example>& examples, size_t features, Neighbours* nn) {
  nn->start.assign(features + 1, 0);
  nn->label.clear();
  for (const Example& e : examples) {
    nn->label.push_back(e.label);
    for (int32_t f : e.x.index) ++nn->start[f + 1];
  }
  for (size_t f = 0; f < features; ++f) nn->start[f + 1] += nn->start[f];
  nn->example.assign(nn->start.back(), 0);
  nn->value.assign(nn->start.back(), 0.0f);
  std::vector<uint32_t> fill(nn->start.begin(), nn->start.end() - 1);
  for (size_t i = 0; i < examples.size(); ++i) {
    const Sparse& x = examples[i].x;
    for (size_t k = 0; k < x.index.size(); ++k) {
      const uint32_t at = fill[x.index[k]]++;
      nn->example[at] = static_cast<int32_t>(i);
      nn->value[at] = x.value[k];
    }
  }
}

// The signals of one message for the in-scope combiner, and the calibrated
// probabilities over the model's classes in `probs`. Each one separates the
// pack's messages from others in its own way:
//   0 p1: the best intent's probability;   1 p1 - p2, its margin;
//   2 the log-sum-exp of the logits / T (large when some intent's evidence
//     is strong, whatever the others');
//   3 the known share of the message's features (|known tf| / |all tf|);
//   4 the share of its distinct words the pack's examples used;
//   5 the cosine to the nearest example, 6 the same within the best intent
//     (character n-grams dominate: it forgives typos and word forms);
//   7 ln(1 + distinct words): short messages score differently.
IntentRecognizer::Signals Measure(const Model& m, const Neighbours& nn, const std::vector<uint64_t>& keys, const Sparse& x,
                                  float known_share, int words, std::vector<float>* probs,
                                  std::vector<float>* nearest = nullptr) {
  IntentRecognizer::Signals s{};
  std::vector<float>& p = *probs;
  Scores(m, x, &p);
  float mx = -1e30f;
  for (float v : p) mx = std::max(mx, v);
  double z = 0;
  for (float& v : p) {
    v = static_cast<float>(std::exp((v - mx) / m.temperature));
    z += v;
  }
  for (float& v : p) v = static_cast<float>(v / z);
  size_t best = 0;
  float p1 = 0, p2 = 0;
  for (size_t c = 0; c < p.size(); ++c) {
    if (p[c] > p1) { p2 = p1; p1 = p[c]; best = c; }
    else if (p[c] > p2) p2 = p[c];
  }
  int words_known = 0;
  for (int32_t f : x.index) words_known += (keys[f] >> 33) == kWordFeature;
  std::vector<float> dot(nn.label.size(), 0.0f);
  double qn = 0;
  for (size_t k = 0; k < x.index.size(); ++k) {
    const float v = x.value[k];
    qn += double(v) * v;
    if (nn.start.empty()) continue;  // no neighbours kept (detection off)
    for (uint32_t at = nn.start[x.index[k]]; at < nn.start[x.index[k] + 1]; ++at) dot[nn.example[at]] += v * nn.value[at];
  }
  float any = 0, same = 0;
  for (size_t i = 0; i < dot.size(); ++i) {
    any = std::max(any, dot[i]);
    if (nn.label[i] == static_cast<int32_t>(best)) same = std::max(same, dot[i]);
  }
  const float inv = qn > 0 ? static_cast<float>(1 / std::sqrt(qn)) : 0.0f;
  if (nearest) {  // the cosine to each class's nearest example
    nearest->assign(p.size(), 0.0f);
    for (size_t i = 0; i < dot.size(); ++i) (*nearest)[nn.label[i]] = std::max((*nearest)[nn.label[i]], dot[i] * inv);
  }
  s[0] = p1;
  s[1] = p1 - p2;
  s[2] = static_cast<float>(mx / m.temperature + std::log(z));
  s[3] = known_share;
  s[4] = words > 0 ? static_cast<float>(words_known) / words : 1.0f;
  s[5] = any * inv;
  s[6] = same * inv;
  s[7] = static_cast<float>(std::log1p(words));
  return s;
}

// Solves a x = b (n x n, row-major) by Gaussian elimination with partial
// pivoting; a is symmetric positive definite here (a ridge Hessian).
std::vector<double> Solve(std::vector<double> a, std::vector<double> b) {
  const size_t n = b.size();
  for (size_t i = 0; i < n; ++i) {
    size_t piv = i;
    for (size_t r = i + 1; r < n; ++r)
      if (std::fabs(a[r * n + i]) > std::fabs(a[piv * n + i])) piv = r;
    if (piv != i) {
      for (size_t c = 0; c < n; ++c) std::swap(a[i * n + c], a[piv * n + c]);
      std::swap(b[i], b[piv]);
    }
    const double d = a[i * n + i];
    if (std::fabs(d) < 1e-12) continue;
    for (size_t r = i + 1; r < n; ++r) {
      const double f = a[r * n + i] / d;
      for (size_t c = i; c < n; ++c) a[r * n + c] -= f * a[i * n + c];
      b[r] -= f * b[i];
    }
  }
  std::vector<double> x(n, 0);
  for (size_t i = n; i-- > 0;) {
    double v = b[i];
    for (size_t c = i + 1; c < n; ++c) v -= a[i * n + c] * x[c];
    x[i] = std::fabs(a[i * n + i]) < 1e-12 ? 0 : v / a[i * n + i];
  }
  return x;
}

double Sigmoid(double z) { return 1 / (1 + std::exp(-z)); }

}  // namespace

Raw IntentRecognizer::RawFeatures(std::string_view text, bool grow) {
  return RawFeatures(Tokenize(CleanForAnalysis(text)), grow);
}

Raw IntentRecognizer::RawFeatures(const std::vector<Token>& tokens, bool grow) {
  std::vector<uint64_t> keys;
  FeatureKeys(tokens, &keys);
  std::sort(keys.begin(), keys.end());
  Raw r;
  for (size_t i = 0; i < keys.size();) {
    size_t j = i;
    while (j < keys.size() && keys[j] == keys[i]) ++j;
    // log(1) is exactly 0: most keys occur once, and skip the call.
    const float v = j - i == 1 ? 1.0f : 1.0f + std::log(static_cast<float>(j - i));
    r.norm += double(v) * v;
    if ((keys[i] >> 33) == kWordFeature) ++r.words;
    const int32_t f = grow ? Insert(keys[i]) : Find(keys[i]);
    if (f >= 0) {
      r.index.push_back(f);
      r.tf.push_back(v);
    }
    i = j;
  }
  return r;
}

double IntentRecognizer::InScope(const Signals& s) const {
  double z = combiner_[kSignals];
  for (int i = 0; i < kSignals; ++i) z += combiner_[i] * (s[i] - signal_mean_[i]) / signal_scale_[i];
  return Sigmoid(z);
}

void IntentRecognizer::Train(const std::vector<Intent>& intents, const IntentRecognizerOptions& options,
                             const std::vector<std::string>& out_of_scope) {
  names_.clear();
  slots_.clear();
  slot_index_.clear();
  keys_.clear();
  patterns_.clear();
  parsed_patterns_.clear();
  idf_.clear();
  model_ = Model{};
  neighbours_ = Neighbours{};
  signal_mean_.clear();
  signal_scale_.clear();
  combiner_.clear();
  oos_threshold_ = 0;
  oos_class_ = -1;
  clarify_margin_ = options.clarify_margin;
  clarify_plausible_ = options.clarify_plausible;

  std::vector<Raw> raws;
  std::vector<int> labels, position, sizes;
  auto add_class = [&](const std::string& name, const std::vector<std::string>& examples) {
    const int label = static_cast<int>(names_.size());
    names_.push_back(name);
    sizes.push_back(static_cast<int>(examples.size()));
    for (size_t i = 0; i < examples.size(); ++i) {
      raws.push_back(RawFeatures(examples[i], true));
      labels.push_back(label);
      position.push_back(static_cast<int>(i));
    }
  };
  for (const Intent& in : intents) {
    for (const std::string& p : in.patterns) {
      patterns_.emplace_back(in.name, p);
      parsed_patterns_.emplace_back();
      if (!ParsePattern(p, &parsed_patterns_.back()).empty()) parsed_patterns_.back().clear();
    }
    if (!in.examples.empty()) add_class(in.name, in.examples);
  }
  // The pack's out-of-scope examples are one more class, trained and
  // cross-fitted like an intent (left out, they are unknowns too); "none"
  // is reserved, so no intent of a pack has its name.
  if (!out_of_scope.empty()) {
    oos_class_ = static_cast<int>(names_.size());
    add_class("none", out_of_scope);
  }
  const size_t classes = names_.size();
  if (classes == 0) return;
  const size_t features = keys_.size();
  // TF-IDF (see Idf), the document frequencies counted over the examples a
  // model trains on: +1 % accuracy on BANKING77 (10-fold and the bench
  // split), the largest single gain measured. `known` marks the features
  // those examples have.
  auto idf_of = [&](const std::vector<size_t>& rows, std::vector<float>* idf, std::vector<char>* known) {
    std::vector<float> df(features, 0.0f);
    for (size_t i : rows)
      for (int32_t f : raws[i].index) df[f] += 1;
    idf->resize(features);
    for (size_t f = 0; f < features; ++f)
      (*idf)[f] = Idf(static_cast<double>(rows.size()), df[f]);
    if (known) {
      known->resize(features);
      for (size_t f = 0; f < features; ++f) (*known)[f] = df[f] > 0;
    }
  };

  // The model on all the examples. Every 10th example of an intent with 10+
  // of them fits the temperature first (small packs keep all theirs).
  {
    std::vector<size_t> rows(raws.size());
    std::iota(rows.begin(), rows.end(), size_t{0});
    idf_of(rows, &idf_, nullptr);
    std::vector<Example> examples;
    examples.reserve(raws.size());
    for (size_t i = 0; i < raws.size(); ++i) {
      Example e{{}, labels[i], sizes[labels[i]] >= 10 && position[i] % 10 == 9};
      Weigh(raws[i], idf_, nullptr, &e.x);
      examples.push_back(std::move(e));
    }
    Fit(&examples, classes, features, options, &model_);
    if (!options.detect_out_of_scope || classes < 3) {
      oos_threshold_ = std::max(0.0, options.out_of_scope_threshold);
      return;
    }
    BuildNeighbours(examples, features, &neighbours_);
  }

  // Cross-fitting: in fold k, the intents c with c % K == k are left out
  // ("unknown") and so is every 5th example of the others (from the k-th:
  // "known", held out); a model trained on the rest, with only the rest's
  // vocabulary, gives both kinds their signals.
  const size_t folds = std::min<size_t>(5, classes);
  // The combiner's rows: a left-out intent's example is negative, and so is
  // a known one the model gets wrong (for the visitor a wrong answer is as
  // bad as one to a question the pack does not cover); a known one it gets
  // right is positive. Rejecting the doubtful in-scope messages costs no
  // accuracy, so the rule learns to reject them too.
  std::vector<Signals> rows;
  std::vector<char> positive;
  for (size_t k = 0; k < folds; ++k) {
    std::vector<int> remap(classes, -1);
    int kept = 0;
    for (size_t c = 0; c < classes; ++c)
      if (c % folds != k) remap[c] = kept++;
    auto held = [&](size_t i) { return sizes[labels[i]] >= 3 && static_cast<size_t>(position[i]) % 5 == k % 5; };
    std::vector<size_t> train;
    for (size_t i = 0; i < raws.size(); ++i)
      if (remap[labels[i]] >= 0 && !held(i)) train.push_back(i);
    std::vector<float> idf;
    std::vector<char> known;
    idf_of(train, &idf, &known);
    std::vector<Example> examples;
    examples.reserve(train.size());
    for (size_t i : train) {
      Example e{{}, remap[labels[i]], sizes[labels[i]] >= 10 && position[i] % 10 == 9};
      Weigh(raws[i], idf, nullptr, &e.x);
      examples.push_back(std::move(e));
    }
    // Half the epochs a small pack's own model gets (12): the signals need
    // a model like the final one, not its last 0.1 %, and this is most of
    // the load time.
    IntentRecognizerOptions fold_options = options;
    if (fold_options.epochs <= 0 && examples.size() < 2000) fold_options.epochs = 6;
    Model m;
    Fit(&examples, static_cast<size_t>(kept), features, fold_options, &m);
    Neighbours nn;
    BuildNeighbours(examples, features, &nn);
    // At most kRowsPerKind of each kind per fold, spread over the intents:
    // enough for a combiner of 9 weights (600 gave the same BANKING77
    // validation curve), and the time spent on them stays bounded however
    // many examples the pack has.
    constexpr size_t kRowsPerKind = 300;
    std::vector<size_t> unknown_rows, known_rows;
    for (size_t i = 0; i < raws.size(); ++i) {
      if (remap[labels[i]] < 0) unknown_rows.push_back(i);
      else if (held(i)) known_rows.push_back(i);
    }
    std::vector<float> probs;
    Sparse x;
    for (const std::vector<size_t>* kind : {&unknown_rows, &known_rows}) {
      const size_t n = kind->size(), take = std::min(n, kRowsPerKind);
      for (size_t j = 0; j < take; ++j) {
        const size_t i = (*kind)[j * n / take];
        const bool unknown = kind == &unknown_rows;
        const float share = Weigh(raws[i], idf, &known, &x);
        if (x.index.empty()) continue;  // nothing known: rejected before any signal
        rows.push_back(Measure(m, nn, keys_, x, share, raws[i].words, &probs));
        const int best = static_cast<int>(std::max_element(probs.begin(), probs.end()) - probs.begin());
        positive.push_back(!unknown && best == remap[labels[i]]);
      }
    }
  }
  size_t pos = 0;
  for (char c : positive) pos += c;
  if (pos == 0 || pos == rows.size()) {
    oos_threshold_ = std::max(0.0, options.out_of_scope_threshold);
    return;
  }

  // The combiner: logistic regression on the standardised signals, the two
  // kinds weighted equally (so 0.5 is where a wrong answer and a wrongly
  // declined question cost the same), a ridge keeping it smooth; Newton's
  // method. Fitted with 1/4 or 1/2 of the rows, or with 3 folds instead of
  // 5, BANKING77's validation curve moved by under a point.
  signal_mean_.assign(kSignals, 0);
  signal_scale_.assign(kSignals, 0);
  for (const Signals& s : rows)
    for (int j = 0; j < kSignals; ++j) signal_mean_[j] += s[j];
  for (double& v : signal_mean_) v /= rows.size();
  for (const Signals& s : rows)
    for (int j = 0; j < kSignals; ++j) signal_scale_[j] += (s[j] - signal_mean_[j]) * (s[j] - signal_mean_[j]);
  for (double& v : signal_scale_) v = std::max(1e-6, std::sqrt(v / rows.size()));
  const size_t d = kSignals + 1;
  const double w_pos = rows.size() / (2.0 * pos), w_neg = rows.size() / (2.0 * (rows.size() - pos));
  combiner_.assign(d, 0);
  std::vector<double> z(d);
  for (int it = 0; it < 25; ++it) {
    std::vector<double> grad(d, 0), hess(d * d, 0);
    for (size_t r = 0; r < rows.size(); ++r) {
      for (int j = 0; j < kSignals; ++j) z[j] = (rows[r][j] - signal_mean_[j]) / signal_scale_[j];
      z[kSignals] = 1;
      double a = 0;
      for (size_t j = 0; j < d; ++j) a += combiner_[j] * z[j];
      const double p = Sigmoid(a), w = positive[r] ? w_pos : w_neg;
      const double g = w * (p - (positive[r] ? 1 : 0)), h = w * std::max(1e-9, p * (1 - p));
      for (size_t i = 0; i < d; ++i) {
        grad[i] += g * z[i];
        for (size_t j = 0; j < d; ++j) hess[i * d + j] += h * z[i] * z[j];
      }
    }
    for (int j = 0; j < kSignals; ++j) {
      grad[j] += 1.0 * combiner_[j];
      hess[j * d + j] += 1.0;
    }
    const std::vector<double> step = Solve(hess, grad);
    double change = 0;
    for (size_t j = 0; j < d; ++j) {
      combiner_[j] -= step[j];
      change = std::max(change, std::fabs(step[j]));
    }
    if (change < 1e-6) break;
  }
  oos_threshold_ = options.out_of_scope_threshold >= 0 ? options.out_of_scope_threshold : 0.5;
}

std::vector<std::pair<std::string, double>> IntentRecognizer::Rank(std::string_view text) const {
  std::vector<std::pair<std::string, double>> out;
  if (names_.empty()) return out;
  Sparse x;
  Weigh(const_cast<IntentRecognizer*>(this)->RawFeatures(text, /*grow=*/false), idf_, nullptr, &x);
  std::vector<float> s;
  Scores(model_, x, &s);
  Softmax(&s, model_.temperature);
  for (size_t c = 0; c < names_.size(); ++c)
    if (static_cast<int>(c) != oos_class_) out.emplace_back(names_[c], s[c]);
  std::stable_sort(out.begin(), out.end(), [](const auto& a, const auto& b) { return a.second > b.second; });
  return out;
}

IntentMatch IntentRecognizer::Recognize(std::string_view text, double threshold) const {
  IntentMatch m;
  if (patterns_.empty() && names_.empty()) return m;
  // Tokenized once for the patterns and the model alike.
  const std::vector<Token> tokens = Tokenize(CleanForAnalysis(text));
  if (!patterns_.empty()) {
    const std::vector<std::string> words = PatternWords(tokens);
    for (size_t k = 0; k < patterns_.size(); ++k) {
      if (!parsed_patterns_[k].empty() && MatchElements(parsed_patterns_[k], words)) {
        m.intent = m.best = patterns_[k].first;
        m.confidence = 1.0;
        m.pattern = patterns_[k].second;
        return m;
      }
    }
  }
  if (names_.empty()) return m;
  // RawFeatures only writes (Insert) when grow is true.
  const Raw raw = const_cast<IntentRecognizer*>(this)->RawFeatures(tokens, /*grow=*/false);
  Sparse x;
  const float share = Weigh(raw, idf_, nullptr, &x);
  if (x.index.empty()) {  // nothing the pack's examples ever said
    m.in_scope = 0;
    m.out_of_scope = true;
    return m;
  }
  std::vector<float> p, nearest;
  const Signals s = Measure(model_, neighbours_, keys_, x, share, raw.words, &p, &nearest);
  std::vector<size_t> order(p.size());
  std::iota(order.begin(), order.end(), size_t{0});
  const size_t top = std::min<size_t>(4, p.size());
  std::partial_sort(order.begin(), order.begin() + top, order.end(), [&](size_t a, size_t b) { return p[a] > p[b]; });
  // The pack's out-of-scope class is never an answer nor a topic: when it
  // wins, the message is declined with the nearest intents as topics.
  bool declined = false;
  if (oos_class_ >= 0) {
    declined = order[0] == static_cast<size_t>(oos_class_);
    order.erase(std::find(order.begin(), order.end(), static_cast<size_t>(oos_class_)));
    if (order.empty()) {
      m.in_scope = 0;
      m.out_of_scope = true;
      return m;
    }
  }
  const size_t best = order[0];
  m.best = names_[best];
  m.confidence = p[best];
  if (order.size() > 1) {
    m.runner_up = names_[order[1]];
    m.runner_up_confidence = p[order[1]];
  }
  if (combiner_.empty()) {
    m.in_scope = 1;
  } else {
    m.in_scope = InScope(s);
    // Would the message be in scope if the two best were one intent? Then
    // it is one of the two: ask which rather than answer or decline.
    if (order.size() > 1) {
      Signals pair = s;
      const float p12 = p[order[0]] + p[order[1]];
      pair[0] = p12;
      pair[1] = p12 - (order.size() > 2 ? p[order[2]] : 0.0f);
      pair[6] = std::max(nearest[order[0]], nearest[order[1]]);
      const bool doubtful = m.in_scope < oos_threshold_ || m.confidence - m.runner_up_confidence <= clarify_margin_;
      m.clarify = doubtful && m.runner_up_confidence >= clarify_plausible_ * m.confidence && InScope(pair) >= oos_threshold_;
    }
  }
  if (declined) {
    m.in_scope = 0;
    m.clarify = false;
  }
  m.out_of_scope = (declined || m.in_scope < oos_threshold_) && !m.clarify;
  if (!declined && m.in_scope >= oos_threshold_ && m.confidence >= threshold) m.intent = m.best;
  return m;
}

namespace {
// A sparse unit vector: sorted feature keys with their weights.
struct KeyVector {
  std::vector<uint64_t> key;
  std::vector<float> value;
};

double Dot(const KeyVector& a, const std::vector<std::pair<uint64_t, double>>& centroid) {
  double dot = 0;
  size_t i = 0, j = 0;
  while (i < a.key.size() && j < centroid.size()) {
    if (a.key[i] < centroid[j].first) ++i;
    else if (a.key[i] > centroid[j].first) ++j;
    else dot += a.value[i++] * centroid[j++].second;
  }
  return dot;
}
}  // namespace

std::vector<SimilarityGroup> GroupBySimilarity(const std::vector<std::string>& texts, double threshold) {
  threshold = std::clamp(threshold, 0.0, 1.0);
  // Sublinear counts per text, and document frequencies over the texts.
  std::vector<KeyVector> vecs(texts.size());
  std::vector<uint64_t> keys;
  std::vector<uint64_t> all;
  for (size_t t = 0; t < texts.size(); ++t) {
    FeatureKeys(texts[t], &keys);
    std::sort(keys.begin(), keys.end());
    for (size_t i = 0; i < keys.size();) {
      size_t j = i;
      while (j < keys.size() && keys[j] == keys[i]) ++j;
      vecs[t].key.push_back(keys[i]);
      vecs[t].value.push_back(1.0f + std::log(static_cast<float>(j - i)));
      all.push_back(keys[i]);
      i = j;
    }
  }
  std::sort(all.begin(), all.end());
  const double n = static_cast<double>(texts.size());
  for (KeyVector& v : vecs) {
    double norm = 0;
    for (size_t i = 0; i < v.key.size(); ++i) {
      const auto range = std::equal_range(all.begin(), all.end(), v.key[i]);
      v.value[i] *= Idf(n, static_cast<double>(range.second - range.first));
      norm += double(v.value[i]) * v.value[i];
    }
    if (norm > 0)
      for (float& x : v.value) x = static_cast<float>(x / std::sqrt(norm));
  }
  // Greedy clustering against centroids (sum of members, kept sorted by key;
  // its length is tracked so the cosine needs no renormalising pass).
  struct Cluster {
    SimilarityGroup group;
    std::vector<std::pair<uint64_t, double>> sum;
    double norm2 = 0;
  };
  std::vector<Cluster> clusters;
  for (size_t t = 0; t < vecs.size(); ++t) {
    const KeyVector& v = vecs[t];
    int best = -1;
    double best_cos = 0;
    if (!v.key.empty()) {
      for (size_t c = 0; c < clusters.size(); ++c) {
        if (clusters[c].norm2 <= 0) continue;
        const double cos = Dot(v, clusters[c].sum) / std::sqrt(clusters[c].norm2);
        if (cos > best_cos + 1e-12) { best_cos = cos; best = static_cast<int>(c); }
      }
    }
    if (best < 0 || best_cos < threshold) {
      clusters.emplace_back();
      best = static_cast<int>(clusters.size() - 1);
    }
    Cluster& c = clusters[best];
    c.group.members.push_back(t);
    std::vector<std::pair<uint64_t, double>> merged;
    merged.reserve(c.sum.size() + v.key.size());
    size_t i = 0, j = 0;
    while (i < c.sum.size() || j < v.key.size()) {
      if (j == v.key.size() || (i < c.sum.size() && c.sum[i].first < v.key[j])) merged.push_back(c.sum[i++]);
      else if (i == c.sum.size() || v.key[j] < c.sum[i].first) { merged.emplace_back(v.key[j], v.value[j]); ++j; }
      else { merged.emplace_back(v.key[j], c.sum[i].second + v.value[j]); ++i; ++j; }
    }
    c.sum = std::move(merged);
    c.norm2 = 0;
    for (const auto& kv : c.sum) c.norm2 += kv.second * kv.second;
  }
  std::vector<SimilarityGroup> out;
  out.reserve(clusters.size());
  for (Cluster& c : clusters) {
    double best_cos = -1;
    for (size_t m : c.group.members) {
      const double cos = c.norm2 > 0 ? Dot(vecs[m], c.sum) / std::sqrt(c.norm2) : 0;
      if (cos > best_cos + 1e-12) { best_cos = cos; c.group.representative = m; }
    }
    out.push_back(std::move(c.group));
  }
  std::stable_sort(out.begin(), out.end(), [](const SimilarityGroup& a, const SimilarityGroup& b) {
    return a.members.size() > b.members.size();
  });
  return out;
}

}  // namespace attune
