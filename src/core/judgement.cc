#include "judgement.h"

#include <algorithm>
#include <cmath>
#include <cstring>

#include <nlohmann/json.hpp>

#include "identity.h"

namespace attune {
namespace {

constexpr char kMagic[4] = {'A', 'T', 'J', 'M'};
// 2: weights and language table row by row (a bucket's outputs together),
// the table in 4 bits; 1 (output by output) is no longer read.
constexpr uint32_t kVersion = 2;

double Sigmoid(double z) { return 1.0 / (1.0 + std::exp(-z)); }

// Language confidence from which a language's own calibration is used.
constexpr double kSureOfLanguage = 0.8;

// A little-endian reader over the model's bytes that never reads past the end.
class Reader {
 public:
  explicit Reader(std::string_view b) : b_(b) {}
  bool U32(uint32_t* v) {
    if (b_.size() - at_ < 4) return false;
    *v = 0;
    for (int k = 3; k >= 0; --k) *v = (*v << 8) | static_cast<unsigned char>(b_[at_ + k]);
    at_ += 4;
    return true;
  }
  bool Varint(uint32_t* v) {
    *v = 0;
    for (int shift = 0; shift < 35; shift += 7) {
      if (at_ >= b_.size()) return false;
      const unsigned char c = b_[at_++];
      *v |= static_cast<uint32_t>(c & 0x7F) << shift;
      if (!(c & 0x80)) return true;
    }
    return false;
  }
  bool Bytes(size_t n, std::string_view* out) {
    if (b_.size() - at_ < n) return false;
    *out = b_.substr(at_, n);
    at_ += n;
    return true;
  }
  bool done() const { return at_ == b_.size(); }

 private:
  std::string_view b_;
  size_t at_ = 0;
};

Status Bad(const std::string& what) { return Status::InvalidModel("judgement model: " + what); }

template <typename T>
bool ReadFloats(const nlohmann::json& j, const char* key, size_t n, std::vector<T>* out) {
  auto it = j.find(key);
  if (it == j.end() || !it->is_array() || it->size() != n) return false;
  out->clear();
  for (const auto& v : *it) {
    if (!v.is_number()) return false;
    out->push_back(static_cast<T>(v.get<double>()));
  }
  return true;
}

// `count` values of `bits` (8: int8; 4: two signed nibbles a byte, low
// nibble first), in order.
bool ReadPacked(Reader* r, size_t count, int bits, std::vector<int8_t>* out) {
  std::string_view b;
  if (!r->Bytes(bits == 8 ? count : (count + 1) / 2, &b)) return false;
  out->resize(count);
  for (size_t i = 0; i < count; ++i) {
    int v;
    if (bits == 8) {
      v = static_cast<int8_t>(b[i]);
    } else {
      const unsigned char byte = static_cast<unsigned char>(b[i / 2]);
      v = (i % 2 == 0) ? (byte & 0x0F) : (byte >> 4);
      if (v >= 8) v -= 16;  // two's complement nibble
    }
    (*out)[i] = static_cast<int8_t>(v);
  }
  return true;
}

// `n` delta-coded varint keys, strictly increasing, each below `buckets`.
bool ReadKeys(Reader* r, uint32_t n, uint32_t buckets, std::vector<uint32_t>* keys) {
  keys->resize(n);
  uint32_t key = 0;
  for (uint32_t i = 0; i < n; ++i) {
    uint32_t delta = 0;
    if (!r->Varint(&delta)) return false;
    key += delta;
    if ((i > 0 && delta == 0) || key >= buckets) return false;
    (*keys)[i] = key;
  }
  return true;
}

bool ReadStrings(const nlohmann::json& j, const char* key, std::vector<std::string>* out) {
  auto it = j.find(key);
  if (it == j.end() || !it->is_array() || it->empty()) return false;
  for (const auto& v : *it) {
    if (!v.is_string()) return false;
    out->push_back(v.get<std::string>());
  }
  return true;
}

}  // namespace

const char* HeadName(int head) {
  static const char* kNames[kHeadCount] = {kHeadCrisis, kHeadHumanRequest, kHeadFrustration, kHeadNegativity,
                                           kHeadHardship};
  return head >= 0 && head < kHeadCount ? kNames[head] : "";
}

const char* const kHandoffSignalNames[kHandoffSignalCount] = {
    // The heads' probabilities (0 without a model).
    "crisis", "human_request", "frustration", "negativity", "hardship",
    // The turn: negative valence, distress after it and before it, its
    // place (0 first, 1 from the seventh), frustrated and hardship turns
    // before it (/3, at most 2), whether it was immediate.
    "negative_valence", "distress", "previous_distress", "turn", "frustrated_turns", "hardship_turns", "immediate",
    // The strongest cue of each name and layer this turn (its strength).
    "cue_frustration", "cue_frustration_model", "cue_frustration_conversation", "cue_anger", "cue_profanity",
    "cue_urgency", "cue_repetition", "cue_fallback", "cue_negative_trend", "cue_hardship", "cue_hardship_model",
    "cue_hardship_conversation", "cue_human_request", "cue_crisis",
    // Frustration lasting: the head's and a pattern's, times `turn`.
    "frustration_x_turn", "cue_frustration_x_turn",
    // Replies flattening: turns before that were clearly negative (valence
    // <= -0.25, /3, at most 2); a reply of three words or fewer; one under
    // half as long as the visitor's message before (of six words or more).
    "negative_turns", "short_reply", "shorter",
    // The message takes an answer in ("ok", "thanks", "got it") or is only a
    // closing ("thanks, bye"): affect.h Affect::acknowledges, ::closing.
    "acknowledges", "closing"};

void KeyIndex::Build(const std::vector<uint32_t>& sorted_keys, uint32_t buckets) {
  bits_.assign((static_cast<size_t>(buckets) + 63) / 64, 0);
  for (uint32_t k : sorted_keys) bits_[k >> 6] |= uint64_t{1} << (k & 63);
  rank_.assign(bits_.size(), 0);
  uint32_t before = 0;
  for (size_t w = 0; w < bits_.size(); ++w) {
    rank_[w] = before;
    before += static_cast<uint32_t>(__builtin_popcountll(bits_[w]));
  }
}

double HandoffModel::Probability(const HandoffSignals& s, double words) const {
  if (!ready()) return 0;
  double z = bias + words;
  for (int k = 0; k < kHandoffSignalCount; ++k) z += weights[k] * s[k];
  return 1 / (1 + std::exp(-z));
}

Status JudgementModel::Load(std::string_view bytes, std::shared_ptr<const JudgementModel>* model) {
  model->reset();
  Reader r(bytes);
  std::string_view magic, header;
  uint32_t version = 0, header_len = 0;
  if (!r.Bytes(4, &magic) || std::memcmp(magic.data(), kMagic, 4) != 0) return Bad("not a judgement model (bad magic)");
  if (!r.U32(&version) || version != kVersion) return Bad("unsupported version " + std::to_string(version));
  if (!r.U32(&header_len) || !r.Bytes(header_len, &header)) return Bad("truncated header");
  const nlohmann::json h = nlohmann::json::parse(header, nullptr, false);
  if (h.is_discarded() || !h.is_object()) return Bad("header is not a JSON object");

  std::unique_ptr<JudgementModel> m(new JudgementModel());
  std::vector<std::string> heads;
  if (!ReadStrings(h, "heads", &heads) || heads.size() != kHeadCount) return Bad("/heads must list the 5 heads");
  for (int k = 0; k < kHeadCount; ++k)
    if (heads[k] != HeadName(k)) return Bad("/heads/" + std::to_string(k) + " must be " + HeadName(k));
  if (!ReadStrings(h, "kinds", &m->kinds_)) return Bad("/kinds missing");
  if (!ReadStrings(h, "languages", &m->languages_)) return Bad("/languages missing");
  m->outputs_ = kHeadCount + static_cast<int>(m->kinds_.size());
  const size_t langs = m->languages_.size();
  if (!h.contains("buckets") || !h["buckets"].is_number_unsigned() || !h.contains("lang_buckets") ||
      !h["lang_buckets"].is_number_unsigned())
    return Bad("/buckets and /lang_buckets must be positive integers");
  m->buckets_ = h["buckets"].get<uint32_t>();
  m->lang_buckets_ = h["lang_buckets"].get<uint32_t>();
  if (m->buckets_ == 0 || m->lang_buckets_ == 0 || m->lang_buckets_ > (1u << 20)) return Bad("bucket counts out of range");
  if (!ReadFloats(h, "scales", m->outputs_, &m->scales_) || !ReadFloats(h, "bias", m->outputs_, &m->bias_))
    return Bad("/scales and /bias need one number per output");
  if (!ReadFloats(h, "lang_scales", langs, &m->lang_scales_) || !ReadFloats(h, "lang_bias", langs, &m->lang_bias_))
    return Bad("/lang_scales and /lang_bias need one number per language");

  // Calibration per language and head; "*" is the pooled fallback.
  m->calibration_.assign((langs + 1) * kHeadCount, Calibration{});
  const auto cal = h.find("calibration");
  if (cal == h.end() || !cal->is_object() || !cal->contains("*")) return Bad("/calibration needs at least \"*\"");
  for (const auto& [lang, per_head] : cal->items()) {
    size_t li = langs;
    if (lang != "*") {
      li = std::find(m->languages_.begin(), m->languages_.end(), lang) - m->languages_.begin();
      if (li == langs) return Bad("/calibration/" + lang + ": not one of /languages");
    }
    for (int k = 0; k < kHeadCount; ++k) {
      const auto it = per_head.find(HeadName(k));
      if (it == per_head.end()) {
        if (lang == "*") return Bad("/calibration/*/" + std::string(HeadName(k)) + " missing");
        continue;  // resolved after "*" is read, below
      }
      std::vector<double> abt;
      if (!it->is_array() || it->size() != 3 || !ReadFloats(per_head, HeadName(k), 3, &abt))
        return Bad("/calibration/" + lang + "/" + HeadName(k) + " must be [a, b, threshold]");
      m->calibration_[li * kHeadCount + k] = Calibration{abt[0], abt[1], abt[2]};
    }
  }
  // Languages without their own calibration of a head use the pooled one.
  for (size_t li = 0; li < langs; ++li) {
    const auto it = cal->find(m->languages_[li]);
    for (int k = 0; k < kHeadCount; ++k)
      if (it == cal->end() || !it->contains(HeadName(k)))
        m->calibration_[li * kHeadCount + k] = m->calibration_[langs * kHeadCount + k];
  }

  // The learnt handoff (optional): its signals must be the core's, in order.
  int handoff_word_bits = 0;  // 0: no learnt handoff
  uint32_t extra_words = 0, extra_bytes = 0;
  if (const auto ho = h.find("handoff"); ho != h.end()) {
    std::vector<std::string> names;
    if (!ho->is_object() || !ReadStrings(*ho, "signals", &names) || names.size() != kHandoffSignalCount)
      return Bad("/handoff/signals must list the " + std::to_string(kHandoffSignalCount) + " signals");
    for (int k = 0; k < kHandoffSignalCount; ++k)
      if (names[k] != kHandoffSignalNames[k])
        return Bad("/handoff/signals/" + std::to_string(k) + " must be " + kHandoffSignalNames[k]);
    std::vector<double> bt;
    if (!ReadFloats(*ho, "weights", kHandoffSignalCount, &m->handoff_.weights) ||
        !ReadFloats(*ho, "bias_threshold", 2, &bt) || !(bt[1] > 0 && bt[1] <= 1))
      return Bad("/handoff needs a weight per signal and bias_threshold [bias, threshold in (0, 1]]");
    m->handoff_.bias = bt[0];
    m->handoff_.threshold = bt[1];
    const auto ws = ho->find("word_scale");
    const auto wb = ho->find("word_bits");
    if (ws == ho->end() || !ws->is_number() || !(ws->get<double>() > 0) || wb == ho->end() || !wb->is_number_integer() ||
        (wb->get<int>() != 4 && wb->get<int>() != 8))
      return Bad("/handoff needs word_scale (> 0) and word_bits (4 or 8)");
    handoff_word_bits = wb->get<int>();
    for (const char* key : {"extra_words", "extra_bytes"}) {
      const auto it = ho->find(key);
      if (it == ho->end() || !it->is_number_unsigned() || it->get<uint64_t>() > (1u << 24))
        return Bad(std::string("/handoff/") + key + " must be a count");
    }
    extra_words = (*ho)["extra_words"].get<uint32_t>();
    extra_bytes = (*ho)["extra_bytes"].get<uint32_t>();
    if (extra_words > extra_bytes) return Bad("/handoff/extra_words: more keys than /handoff/extra_bytes hold");
    m->handoff_.word_scale = ws->get<double>();
  }

  // The crisis check (optional): its numbers here, its keys and weights after the language table.
  uint32_t check_keys = 0, check_bytes = 0;
  if (const auto cc = h.find("crisis_check"); cc != h.end()) {
    CrisisCheck& c = m->check_;
    std::vector<double> v;
    for (const char* key : {"screen", "scale", "bias", "prior", "threshold"}) {
      const auto it = cc->is_object() ? cc->find(key) : cc->end();
      if (it == cc->end() || !it->is_number()) return Bad(std::string("/crisis_check/") + key + " must be a number");
      v.push_back(it->get<double>());
    }
    c.screen = v[0], c.scale = v[1], c.bias = v[2], c.prior = v[3], c.threshold = v[4];
    for (const char* key : {"keys", "key_bytes"}) {
      const auto it = cc->find(key);
      if (it == cc->end() || !it->is_number_unsigned() || it->get<uint64_t>() > (1u << 24))
        return Bad(std::string("/crisis_check/") + key + " must be a count");
    }
    check_keys = (*cc)["keys"].get<uint32_t>();
    check_bytes = (*cc)["key_bytes"].get<uint32_t>();
    if (!(c.screen > 0 && c.screen <= 1) || !(c.scale > 0) || !(c.threshold > 0 && c.threshold < 1) ||
        check_keys == 0 || check_keys > check_bytes)
      return Bad("/crisis_check needs screen in (0, 1], scale > 0, a threshold in (0, 1) and keys in key_bytes");
  }

  uint32_t n = 0;
  if (!r.U32(&n) || n > m->buckets_) return Bad("bad weight count");
  if (!ReadKeys(&r, n, m->buckets_, &m->keys_)) return Bad("keys must be increasing buckets (truncated?)");
  m->key_index_.Build(m->keys_, m->buckets_);
  // Stored row by row as in memory, in int8 or, with "bits": 4, nibbles;
  // the language table likewise ("lang_bits").
  const auto bits_of = [&](const char* key) {
    const auto it = h.find(key);
    return it != h.end() && it->is_number_integer() ? it->get<int>() : 8;
  };
  const int bits = bits_of("bits"), lang_bits = bits_of("lang_bits");
  if ((bits != 8 && bits != 4) || (lang_bits != 8 && lang_bits != 4)) return Bad("/bits and /lang_bits must be 8 or 4");
  if (!ReadPacked(&r, static_cast<size_t>(n) * m->outputs_, bits, &m->weights_)) return Bad("truncated weights");
  if (!ReadPacked(&r, static_cast<size_t>(m->lang_buckets_) * langs, lang_bits, &m->lang_weights_))
    return Bad("truncated language table");
  if (check_keys) {
    std::string_view kb;
    if (!r.Bytes(check_bytes, &kb)) return Bad("truncated crisis check");
    Reader kr(kb);
    if (!ReadKeys(&kr, check_keys, m->buckets_, &m->check_.keys) || !kr.done())
      return Bad("crisis check keys must be /crisis_check/key_bytes of increasing buckets");
    if (!ReadPacked(&r, check_keys, 8, &m->check_.weights)) return Bad("truncated crisis check");
  }
  // The learnt handoff's word weights: one per key, then the extra ones'
  // delta-coded keys and weights.
  if (handoff_word_bits) {
    std::string_view extra;
    HandoffModel& ho = m->handoff_;
    if (!ReadPacked(&r, n, handoff_word_bits, &ho.word_weights) || !r.Bytes(extra_bytes, &extra))
      return Bad("truncated handoff word weights");
    Reader kr(extra);
    if (!ReadKeys(&kr, extra_words, m->buckets_, &ho.extra_keys) || !kr.done())
      return Bad("handoff extra keys must be /handoff/extra_bytes of increasing buckets");
    if (!ReadPacked(&r, extra_words, handoff_word_bits, &ho.extra_weights)) return Bad("truncated handoff word weights");
  }
  if (!r.done()) return Bad("trailing bytes after the model's tables");
  *model = std::move(m);
  return Status::Ok();
}

const JudgementModel::Calibration& JudgementModel::CalibrationFor(int lang, int head) const {
  const size_t li = lang < 0 ? languages_.size() : static_cast<size_t>(lang);
  return calibration_[li * kHeadCount + head];
}

// With a crisis check, the crisis head screens: it fires from its threshold
// times the check's `screen`, and the check weighs what it raised.
double JudgementModel::ThresholdFor(int lang, int head) const {
  const double t = CalibrationFor(lang, head).threshold;
  return head == 0 && check_.ready() ? t * check_.screen : t;
}

ModelJudgement JudgementModel::Judge(const std::vector<Token>& tokens, const std::vector<HashedFeature>& features) const {
  return Judge(tokens, features, FindWho(tokens));
}

ModelJudgement JudgementModel::Judge(const std::vector<Token>& tokens, const std::vector<HashedFeature>& features,
                                     const std::vector<WhoSpan>& who) const {
  ModelJudgement out;
  if (handoff_.ready()) out.handoff = &handoff_;
  // Language first: it picks the calibration.
  int lang = -1;
  const std::vector<uint32_t> lf = LanguageFeatures(tokens, who);
  const size_t langs = languages_.size();
  if (!lf.empty()) {
    // int8 weights summed as integers: exact, as the sum in doubles was, and
    // a plain integer loop.
    std::vector<int32_t> sums(langs, 0);
    for (uint32_t f : lf) {
      const int8_t* row = &lang_weights_[static_cast<size_t>(f % lang_buckets_) * langs];
      for (size_t l = 0; l < langs; ++l) sums[l] += row[l];
    }
    std::vector<double> z(langs, 0.0);
    const double norm = 1.0 / std::sqrt(static_cast<double>(lf.size()));
    double best = -1e300, sum = 0;
    for (size_t l = 0; l < langs; ++l) {
      z[l] = lang_bias_[l] + static_cast<double>(sums[l]) * lang_scales_[l] * norm;
      if (z[l] > best) { best = z[l]; lang = static_cast<int>(l); }
    }
    for (size_t l = 0; l < langs; ++l) sum += std::exp(z[l] - best);
    out.language = languages_[lang];
    out.language_confidence = 1.0 / sum;
  }
  // A short message ("tomorrow", "ok") says little about its language: it
  // is reported, but scored with the pooled calibration, not a guessed one's.
  const int cal = out.language_confidence >= kSureOfLanguage ? lang : -1;

  if (features.empty()) {
    for (int k = 0; k < kHeadCount; ++k) out.heads[k].threshold = ThresholdFor(cal, k);
    return out;
  }
  // Each feature's weights, found once, with its learnt handoff weight.
  std::vector<const int8_t*> rows(features.size(), nullptr);
  int64_t word_sum = 0;
  for (size_t i = 0; i < features.size(); ++i) {
    const uint32_t b = features[i].hash % buckets_;
    const int32_t at = key_index_.Find(b);
    if (at < 0) {
      const auto& ek = handoff_.extra_keys;  // a few thousand: a binary search
      const auto e = std::lower_bound(ek.begin(), ek.end(), b);
      if (e != ek.end() && *e == b) word_sum += handoff_.extra_weights[e - ek.begin()];
      continue;
    }
    rows[i] = &weights_[static_cast<size_t>(at) * outputs_];
    if (!handoff_.word_weights.empty()) word_sum += handoff_.word_weights[at];
  }
  const double norm = 1.0 / std::sqrt(static_cast<double>(features.size()));
  out.handoff_words = static_cast<double>(word_sum) * handoff_.word_scale * norm;
  // Summed as integers, exactly as in doubles (see the language's above).
  std::vector<int32_t> sums(outputs_, 0);
  for (const int8_t* row : rows)
    if (row)
      for (int o = 0; o < outputs_; ++o) sums[o] += row[o];
  std::vector<double> z(outputs_, 0.0);
  for (int o = 0; o < outputs_; ++o) z[o] = bias_[o] + static_cast<double>(sums[o]) * scales_[o] * norm;

  for (int k = 0; k < kHeadCount; ++k) {
    const Calibration& c = CalibrationFor(cal, k);
    HeadScore& h = out.heads[k];
    h.probability = Sigmoid(c.a * z[k] + c.b);
    h.threshold = ThresholdFor(cal, k);
    h.fired = h.probability >= h.threshold;
    if (!h.fired) continue;
    // Evidence: the window of up to three adjacent tokens whose features
    // pushed this head up most (a pair's weight is shared by its words),
    // beginning and ending on a word: ". c'è qualcuno" showed the full stop.
    std::vector<double> per_token(tokens.size(), 0.0);
    for (size_t i = 0; i < features.size(); ++i) {
      if (!rows[i]) continue;
      const HashedFeature& f = features[i];
      const double share = rows[i][k] * double(scales_[k]) / double(f.last - f.first + 1);
      for (uint32_t t = f.first; t <= f.last && t < tokens.size(); ++t) per_token[t] += share;
    }
    double best = 0;
    for (size_t a = 0; a < tokens.size(); ++a) {
      if (tokens[a].kind == TokenKind::kPunct) continue;
      double sum = 0;
      for (size_t b = a; b < tokens.size() && b < a + 3; ++b) {
        sum += per_token[b];
        if (tokens[b].kind != TokenKind::kPunct && sum > best) {
          best = sum;
          h.begin = tokens[a].begin;
          h.end = tokens[b].end;
        }
      }
    }
  }
  if (!kinds_.empty()) {
    double best = -1e300, sum = 0;
    size_t arg = 0;
    for (size_t i = 0; i < kinds_.size(); ++i)
      if (z[kHeadCount + i] > best) { best = z[kHeadCount + i]; arg = i; }
    for (size_t i = 0; i < kinds_.size(); ++i) sum += std::exp(z[kHeadCount + i] - best);
    if (out.heads[0].fired) {
      out.crisis_kind = kinds_[arg];
      out.crisis_kind_probability = 1.0 / sum;
    }
  }
  if (check_.ready() && out.heads[0].fired) {
    int64_t sum = 0;
    const auto& ck = check_.keys;  // a few thousand: a binary search, only when crisis fired
    for (const HashedFeature& f : features) {
      const uint32_t b = f.hash % buckets_;
      const auto e = std::lower_bound(ck.begin(), ck.end(), b);
      if (e != ck.end() && *e == b) sum += check_.weights[e - ck.begin()];
    }
    const double p = std::clamp(out.heads[0].probability, 1e-4, 1 - 1e-4);
    out.crisis_check = Sigmoid(check_.bias + check_.prior * std::log(p / (1 - p)) +
                               static_cast<double>(sum) * check_.scale * norm);
    out.crisis_doubted = out.crisis_check < check_.threshold;
    out.crisis_screened = out.heads[0].probability < CalibrationFor(cal, 0).threshold;
  }
  return out;
}

}  // namespace attune
