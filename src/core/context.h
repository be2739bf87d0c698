// Context: replies that only mean something after what the bot just said.
//
// "yes", "no thanks", "the second one", "2" answer the bot's last question:
// an offer of a person, a "did you mean A or B?", a yes/no question, the
// quick replies it showed. The engine keeps a PendingContext for the reply
// it just gave and reads the next message against it (ResolveInContext)
// before the intent model sees it. The words come from one table per
// language in context.cc (en, es, fr, de, pt, it), the only copy: packs and
// the widget never list them. Outside a pending question these words mean
// nothing special, so a bare "yes" is never misread as an intent.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "pack.h"

namespace attune {

enum class ContextWord { kNone, kYes, kNo, kOrdinal };

struct ContextReading {
  ContextWord kind = ContextWord::kNone;
  int ordinal = 0;  // kOrdinal: 1-based position; -1 = the last one
};

// What a whole short message says on its own: "yes" / "ja gerne" / "claro"
// (kYes), "no thanks" / "non merci" / "não" (kNo), "the second one" / "2" /
// "el segundo" / "das zweite" (kOrdinal). Anything longer (7+ words), mixed
// ("no, yes") or with other words is kNone: "no, I want a refund" is a
// request, not an answer.
ContextReading ReadContextReply(std::string_view message);

// The message thanks, in any of the six languages ("ok thanks", "vale
// gracias", "danke schön").
bool SaysThanks(std::string_view message);

// A message that only greets: "hi", "hello there", "hola buenas", "bonjour",
// "guten Tag", "olá, tudo bem?", "ciao". A greeting with a question ("hi,
// where is my order") is not.
bool IsGreeting(std::string_view message);

// A message that only announces a question, after a greeting or none and
// before what it is about: "I have a question", "hi, quick question about my
// order", "una pregunta", "j'ai une petite question", "kurze Frage zur
// Lieferung", "posso fazer uma pergunta?", "ho una domanda". The bot says
// "go ahead"; it matched "goodbye" ("have a ...") or nothing.
bool AnnouncesQuestion(std::string_view message);

// A short question that points back at the bot's last answer: "ok how do i
// do that", "where is that", "¿y cómo lo hago?", "comment on fait ça ?",
// "wie geht das?", "e onde fica isso?" (a question word and a word for
// "that", at most seven words), in `language` (en, es, fr, de, pt, it;
// false for any other). The caller asks it of a message no intent matched,
// in the language of the pack answering, and answers the topic in hand again.
bool AsksAboutThat(std::string_view message, std::string_view language);

// "what do i do now?", "so what now", "y ahora qué hago", "et maintenant je
// fais quoi", "was soll ich jetzt machen", "e agora o que eu faço": a
// question for the next step made only of words that name no topic (a
// question word and at most seven words, all from `language`'s short list).
// The intent model guesses a topic from such words ("so what do i do":
// returns, 0.90); the caller answers the topic in hand again instead.
bool AsksWhatNow(std::string_view message, std::string_view language);

// kYes for a label that says yes ("Yes, connect me"), kNo for one that says
// no ("No, thanks"), else kNone: by its first word.
ContextWord LabelPolarity(std::string_view label);

// The replies that ask outright whether to connect a person: offer_human
// (the bot is not understanding) and offer_human_repeated (it understood,
// but gave the same answer a third time).
inline bool IsPersonOffer(std::string_view response) {
  return response == "offer_human" || response == "offer_human_repeated";
}

// What the bot's last reply left open. Empty when it asked nothing.
struct PendingContext {
  std::string response;  // the response that asked (the resumed step's when a flow was resumed)
  // It offered a person (IsPersonOffer, out_of_scope with a person among its
  // quick replies, or a quick reply that says yes to a person): yes hands
  // off, no declines.
  bool offers_person = false;
  std::string flow_step;  // "flow/step" when it asked for a flow's value
  std::vector<std::string> labels;        // quick replies shown, in order
  std::vector<QuickReplyAction> actions;  // one per label (empty: read like typed text)
  bool empty() const { return response.empty() && labels.empty() && flow_step.empty(); }
};

// How a message reads against the pending context.
struct ContextResolution {
  // "" (nothing to do with the context), "yes", "no", "ordinal",
  // "quick_reply" (a label the bot just offered, sent as is) or
  // "label_words" (a label that does something, typed in the visitor's own
  // words around it: "it still hasnt moved since monday").
  std::string kind;
  int index = -1;             // the label chosen, when one was
  std::string label;          // ... and its text
  QuickReplyAction action;    // what that label does, when it says
  std::string text;           // a plain label chosen: read it as if typed
  bool person = false;        // yes to an offer of a person: hand off
  bool decline = false;       // no to an offer of a person
  bool stop_flow = false;     // no to a flow's question: stop asking
};

// Reads `message` against `pending`. A label sent as is or typed around
// with an action, a yes or no that answers the offer/question, or an ordinal within the
// labels resolves; anything else (including a yes/no nothing asked for)
// returns kind "".
ContextResolution ResolveInContext(const PendingContext& pending, std::string_view message);

}  // namespace attune
