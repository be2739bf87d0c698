// Dialogue: choosing what to say, and in which register.
//
// ChooseTone() maps a message's affect to the emotional register of the
// reply. Responder picks a variant of a response for that tone (never the
// same one twice in a row, nor the same words twice in a row when the tone
// changed), fills its {variables}, and, when the visitor is in distress but
// the response has no variant for their tone, opens with one of the pack's
// acknowledgements so the feeling is named before the answer: at most two
// replies running for the same feeling (a third "I'm sorry to hear that"
// reads scripted; a new feeling is named at once).
// Intent recognition lives in intents.h, entities in entities.h, multi-step
// flows in flows.h.
#pragma once

#include <map>
#include <string>
#include <string_view>
#include <vector>

#include "affect.h"
#include "intents.h"
#include "pack.h"

namespace attune {

// The tone of the reply for this affect: "neutral", "frustrated", "angry",
// "sad", "anxious", "happy" or "crisis".
std::string ChooseTone(const Affect& affect);

struct Reply {
  std::string text;            // acknowledgement (if any) + the variant, variables filled
  std::string response;        // which response produced it
  std::string tone;            // the register the reply is in (see Responder::Say)
  std::string variant_tone;    // the tone of the variant used (falls back to neutral)
  int variant = 0;             // index of the variant within variant_tone
  std::string template_pointer;  // JSON pointer of the variant in the pack
  std::string acknowledgement;   // the opener added for distress, or empty
  std::vector<std::string> quick_replies;
  std::vector<QuickReplyAction> quick_reply_actions;  // one per quick reply
};

// What a Responder remembers between replies, as plain data (Engine::SaveState).
struct ResponderState {
  std::map<std::string, int> last;              // "response/tone" -> last variant index
  std::map<std::string, std::string> last_text; // response -> the text last said for it
  unsigned counter = 0;
  int ack_streak = 0;         // replies running that opened with an acknowledgement
  std::string last_ack_tone;  // the feeling they named
};

// Acknowledgements for the same feeling in consecutive replies, at most.
inline constexpr int kMaxAcknowledgementStreak = 2;

// Fills "{name}" placeholders from `variables`; "{{" and "}}" are literal
// braces. A variable without a value becomes "" and the space before it is
// tidied away.
std::string FillTemplate(std::string_view text, const std::map<std::string, std::string>& variables);

class Responder {
 public:
  // Picks a variant of pack.responses[response] for `tone`, falling back to
  // "neutral"; never repeats the previous variant of the same response and
  // tone, nor the text last said for the response (in whatever tone), when
  // another exists, and prefers variants whose variables all have values.
  // When `tone` is a distress tone and the variant is not written for it,
  // prepends an acknowledgement from pack.acknowledgements[tone] (never the
  // same twice in a row, and not a third reply running for the same tone);
  // Reply::tone is then `tone`. `acknowledge` false never prepends one (a
  // second part of the same turn's reply). An unknown response yields an
  // empty Reply.
  Reply Say(const Pack& pack, const std::string& response, const std::string& tone,
            const std::map<std::string, std::string>& variables = {}, bool acknowledge = true);
  void Reset() { state_ = {}; }
  const ResponderState& State() const { return state_; }
  void Restore(ResponderState state) { state_ = std::move(state); }

 private:
  int Pick(const std::string& key, size_t count, const std::vector<bool>& usable);
  ResponderState state_;
};

}  // namespace attune
