// Frustration rules: masked profanity, shouting, sarcasm, "the third time" (cue_rules.h).
#include "cue_rules.h"

#include <algorithm>
#include <array>
#include <cmath>
#include <cstdint>
#include <string>
#include <unordered_map>
#include <unordered_set>

#include "text.h"

namespace attune::rules {

// ---- profanity spelled with masks or digits: "f*ck", "sh1t", "f**king".
void DetectMaskedProfanity(const Message& m, Detector* d) {
  static const char* kRoots[] = {"fuck", "fucking", "fucked", "shit", "bullshit", "asshole", "bitch", "bastard", "cunt", "damn", "crap", "merde", "mierda", "scheisse", "cazzo", "merda"};
  const auto& toks = m.tokens;
  for (size_t i = 0; i < toks.size();) {
    // A chunk: tokens with no space between them.
    size_t j = i + 1;
    while (j < toks.size() && toks[j].begin == toks[j - 1].end) ++j;
    const size_t a = toks[i].begin, b = toks[j - 1].end;
    i = j;
    if (b - a < 3 || b - a > 24) continue;
    // Most chunks are plain words: look for a mask character before building anything.
    if (std::string_view(m.cleaned).substr(a, b - a).find_first_of("*#%10@$3!") == std::string_view::npos) continue;
    std::string s;
    bool masked = false;
    for (size_t k = a; k < b; ++k) {
      char c = m.cleaned[k];
      if (c >= 'A' && c <= 'Z') c += 32;
      switch (c) {
        case '*': case '#': case '%': masked = true; s.push_back('*'); break;
        case '1': case '!': masked = true; s.push_back('i'); break;
        case '0': masked = true; s.push_back('o'); break;
        case '@': masked = true; s.push_back('a'); break;
        case '$': masked = true; s.push_back('s'); break;
        case '3': masked = true; s.push_back('e'); break;
        default: s.push_back(c);
      }
    }
    if (!masked) continue;
    while (!s.empty() && (s.back() == '.' || s.back() == '?' || s.back() == ',' || s.back() == 'i')) {
      // trailing "!!!" was mapped to 'i': drop it unless it is part of the word
      if (s.back() == 'i' && m.cleaned[a + s.size() - 1] != '!') break;
      s.pop_back();
    }
    if (s.empty() || s[0] == '*') continue;
    for (const char* root : kRoots) {
      const std::string_view r(root);
      if (r.size() != s.size()) continue;
      bool ok = true;
      for (size_t k = 0; k < r.size() && ok; ++k) ok = s[k] == r[k] || s[k] == '*';
      // Plain spellings are the patterns' job; only masked ones count here.
      if (ok && Lower(std::string_view(m.cleaned).substr(a, s.size())) != r) {
        d->Add(kCueProfanity, 1.0, a, a + s.size());
        break;
      }
    }
  }
}

// ---- shouting: most words in capitals, and not a happy shout.
void DetectShouting(const Message& m, double valence, Detector* d) {
  int words = 0, caps = 0;
  size_t a = 0, b = 0;
  for (const Item& it : m.items) {
    if (!it.word) continue;
    ++words;
    if (it.tok->all_caps && it.tok->norm.size() >= 3) {
      if (!caps) a = it.tok->begin;
      b = it.tok->end;
      ++caps;
    }
  }
  if (caps >= 2 && words >= 3 && caps * 2 >= words && valence < 0.05)
    d->Add(kCueAnger, m.exclamations > 0 ? 0.8 : 0.6, a, b);
}

// Sarcasm the words alone hide: an eye-roll after "really helpful, thanks",
// or thanks for nothing. A floor under the model's frustration head, which
// learnt from closings that "really helpful, thanks" is calm (it is, without
// the eye-roll).
// Self-service tried again and again: "ya subí el pasaporte 3 veces", "ich hab
// sie dreimal geprüft", "j'ai déjà essayé deux fois": the visitor has done
// what the bot would say. "Already" and a count of two or more in one
// sentence; not a happy customer ("ya he comprado 3 veces, siempre bien").
void DetectTriedTimes(const Message& m, const std::vector<const Item*>& words, const std::vector<std::string>& f,
                      Detector* d) {
  static constexpr auto kAlready = Words("already", "ya", "deja", "schon", "bereits", "ja", "gia", "again",
                                         "otra", "encore", "nochmal", "novamente", "ancora");
  static constexpr auto kTimes = Words("times", "veces", "fois", "mal", "vezes", "volte");
  static constexpr auto kCounts = Words("two", "three", "four", "five", "several", "many", "dos", "tres", "cuatro",
                                        "cinco", "varias", "deux", "trois", "quatre", "cinq", "plusieurs", "zwei", "drei",
                                        "vier", "funf", "mehrere", "duas", "dois", "quatro", "varias", "due", "tre",
                                        "quattro", "cinque", "diverse", "molte");
  static constexpr auto kCountWords = Words("twice", "thrice", "zweimal", "dreimal", "viermal", "mehrmals", "x-mal");
  // Doing what self-service asks: trying, checking, sending, restarting (not buying, not taking a medicine).
  static constexpr auto kTried = Words(
      "tried", "try", "checked", "uploaded", "restarted", "rebooted", "reset", "called", "rang", "sent", "entered",
      "filled", "submitted", "clicked", "intentado", "intente", "probado", "probe", "subi", "subido", "reiniciado",
      "reinicie", "llamado", "llame", "enviado", "envie", "mandado", "mande", "revisado", "comprobado", "puesto",
      "essaye", "essayer", "verifie", "envoye", "appele", "redemarre", "rempli", "saisi", "relance", "versucht",
      "probiert", "gepruft", "geschickt", "angerufen", "gestartet", "hochgeladen", "eingegeben", "ausgefullt",
      "tentei", "testei", "enviei", "liguei", "reiniciei", "verifiquei", "mandei", "preenchi", "coloquei",
      "provato", "tentato", "controllato", "inviato", "chiamato", "riavviato", "caricato", "inserito", "compilato");
  if (d->affect->valence > 0.2) return;
  // "I've tried everything", "ya probé de todo", "j'ai tout essayé": the
  // self-service exhausted, said outright. Not "tried everything on" (a
  // fitting room), not "haven't tried everything".
  static constexpr auto kTriedAll = Words(
      "tried everything", "tried all of that", "tried all that", "tried all of it", "did all that", "did all of that",
      "done all that", "done all of that", "done everything you said", "did everything you said",
      "tried literally everything", "tried absolutely everything", "tried just about everything",
      "tried pretty much everything", "probe absolutamente todo", "probe literalmente de todo",
      "jai absolument tout essaye", "wirklich alles probiert", "echt alles probiert", "tentei literalmente tudo",
      "tentei absolutamente tudo", "provato davvero di tutto", "provato proprio di tutto",
      "probe de todo", "ya probe todo", "he probado de todo", "he probado todo", "intente de todo", "ya intente todo",
      "ya hice todo", "hice todo eso", "jai tout essaye", "deja tout essaye", "jai tout fait", "jai fait tout ca",
      "jai deja tout fait", "alles probiert", "alles versucht", "alles schon gemacht", "alles gemacht was",
      "tentei de tudo", "ja tentei tudo", "tentei tudo", "ja fiz tudo", "fiz tudo isso", "ja fiz isso tudo",
      "provato di tutto", "ho provato tutto", "ho gia fatto tutto", "ho fatto tutto");
  static const PhraseIndex kTriedAllIndex(kTriedAll);
  // What self-service is tried on. Beside one, the model's unsure crisis is
  // the hopelessness it learnt in "tried everything" ("i've tried everything
  // and it still wont let me log in": 0.84); the curated red flags still fire.
  static constexpr auto kServiceThings = Words(
      "login", "log", "app", "website", "site", "code", "password", "coupon", "voucher", "link", "button", "order",
      "payment", "card", "account", "reset", "email", "page", "checkout", "tracking", "router", "refund", "contrasena",
      "codigo", "cupon", "enlace", "boton", "pedido", "pago", "tarjeta", "cuenta", "web", "pagina", "correo",
      "reembolso", "lien", "bouton", "commande", "paiement", "carte", "compte", "appli", "mail", "remboursement",
      "passwort", "gutschein", "bestellung", "zahlung", "karte", "konto", "seite", "erstattung", "senha", "cupom",
      "botao", "pagamento", "cartao", "conta", "codice", "pulsante", "ordine", "carta", "sito", "rimborso");
  constexpr double kUnsureBesideService = 0.95;
  for (size_t i = 0; i < f.size(); ++i)
    if (const size_t len = kTriedAllIndex.At(f, i);
        len && !NegatedAt(words, i, 2) && !(i + len < f.size() && (f[i + len] == "on" || f[i + len] == "out"))) {
      const size_t begin = words[i]->tok->begin, end = words[i + len - 1]->tok->end;
      d->Add(kCueFrustration, 0.7, begin, end);
      if (std::any_of(f.begin(), f.end(), [](const std::string& w) { return In(kServiceThings, w); }))
        d->crisis_near_misses.push_back({begin, end, kUnsureBesideService, false});
      return;
    }
  // The tried-verb list is scanned only once a count is found (rare).
  bool tried = false, scanned = false;
  for (size_t i = 0; i < f.size(); ++i) {
    bool counted = In(kCountWords, f[i]);
    if (!counted && In(kTimes, f[i])) {
      const Token* before = words[i]->tok > m.tokens.data() ? words[i]->tok - 1 : nullptr;
      counted = (i > 0 && In(kCounts, f[i - 1])) ||
                (before && before->kind == TokenKind::kNumber && before->norm != "1" && before->norm != "0");
    }
    if (!counted) continue;
    if (!scanned) {
      tried = std::any_of(f.begin(), f.end(), [](const std::string& w) { return In(kTried, w); });
      scanned = true;
    }
    if (!tried) return;
    for (size_t k = 0; k < f.size(); ++k)
      if (k != i && words[k]->sentence == words[i]->sentence && In(kAlready, f[k])) {
        d->Add(kCueFrustration, 0.6, words[std::min(i, k)]->tok->begin, words[std::max(i, k)]->tok->end);
        return;
      }
  }
}

// A threat to take the money back through the bank, the card or PayPal:
// "I'll charge it back", "ich lass das über PayPal zurückbuchen", "je
// conteste le paiement auprès de ma banque", "apro una contestazione su
// PayPal". Words of disputing count beside a payment channel in the same
// sentence (a dispute with a landlord is not one); words of reversing also
// need the visitor's intent ("the bank reversed it by mistake" is not a
// threat). A question ("how do I dispute a charge?") is asking, not telling.
void DetectPaymentTakenBack(const Message& m, const std::vector<const Item*>& words,
                            const std::vector<std::string>& f, Detector* d) {
  static constexpr auto kTakeBack = Words(
      "chargeback", "chargebacks", "contracargo", "contracargos", "retrofacturation", "ruckbuchung",
      "ruckbuchungen", "zuruckbuchen", "zuruckbuchung", "zuruckgebucht", "ruckbuchen", "zuruckbuche");
  static constexpr auto kDispute = Words(
      "dispute", "disputing", "disputed", "disputa", "disputar", "litige", "contester", "conteste", "contesterai",
      "contestation", "contestar", "contesto", "contestacao", "contestare", "contestazione", "contestero",
      "desconocer", "desconozco", "desconocere", "widerspreche", "widersprechen", "widerspruch", "claim", "case");
  static constexpr auto kReverse = Words(
      "reverse", "reversed", "reversal", "estorno", "estornar", "storno", "stornare", "zuruckholen",
      "zuruckfordern", "revertir");
  static constexpr auto kChannels = Words(
      "bank", "banks", "banco", "banque", "banca", "paypal", "card", "tarjeta", "carte", "karte", "kreditkarte",
      "cartao", "carta", "visa", "mastercard", "amex", "klarna", "issuer", "lastschrift", "kauferschutz",
      "kreditkartenfirma", "bankkarte", "cb");
  static constexpr auto kIntent = Words(
      "ill", "im", "will", "going", "gonna", "get", "have", "voy", "vamos", "pido", "pedire", "hago", "vou",
      "peco", "pedir", "vais", "demande", "demander", "fais", "ferai", "werde", "lass", "lasse", "hol", "hole",
      "buche", "faccio", "faro", "chiedo", "vado", "chiedero", "then", "dann", "sonst", "otherwise", "luego",
      "entonces", "sinon", "senao", "altrimenti");
  // Claims and cases are PayPal's and the bank's words, not an insurer's.
  static constexpr auto kClaimChannels = Words("bank", "banks", "paypal", "klarna");
  const std::vector<std::string> bare = AfterElision(words);
  auto word = [&](size_t i) -> const std::string& { return bare[i].empty() ? f[i] : bare[i]; };
  for (size_t i = 0; i < f.size(); ++i) {
    const std::string_view w = word(i);
    // "charge it back", "ich buche das zurück": the separable forms.
    bool take_back = In(kTakeBack, w) || (w == "charge" && i + 2 < f.size() && f[i + 2] == "back");
    for (size_t k = i + 1; !take_back && w.substr(0, 4) == "buch" && k < f.size() && k < i + 5; ++k)
      take_back = f[k] == "zuruck";
    // A question ("why was my payment reversed?", "how do I dispute a
    // charge?") asks about it; only the words that are the threat itself count.
    if (!take_back && m.questions > 0) continue;
    const bool dispute = !take_back && In(kDispute, w);
    const bool reverse = !take_back && !dispute && In(kReverse, w);
    if (!take_back && !dispute && !reverse) continue;
    const bool claim = w == "claim" || w == "case";
    bool channel = false, intent = false;
    size_t nearest = i;  // the channel nearest the word, for the evidence
    for (size_t k = 0; k < f.size(); ++k) {
      if (words[k]->sentence != words[i]->sentence) continue;
      const std::string_view x = word(k);
      if (claim ? In(kClaimChannels, x) : In(kChannels, x)) {
        if (!channel || (k > i ? k - i : i - k) < (nearest > i ? nearest - i : i - nearest)) nearest = k;
        channel = true;
      }
      intent |= In(kIntent, x);
    }
    if (take_back || (dispute && channel) || (reverse && channel && intent)) {
      d->Add(kCueFrustration, 0.6, words[std::min(i, nearest)]->tok->begin, words[std::max(i, nearest)]->tok->end);
      return;
    }
  }
}

void DetectSarcasm(const Message& m, const std::vector<const Item*>& words, const std::vector<std::string>& folded,
                   Detector* d) {
  static const char* const kEyeRolls[] = {"\U0001F644", "\U0001F612"};  // 🙄 😒
  for (const Item& it : m.items)
    if (it.tok->kind == TokenKind::kEmoji)
      for (const char* e : kEyeRolls)
        if (it.tok->norm == e) d->Add(kCueFrustration, 0.7, it.tok->begin, it.tok->end);
  static constexpr auto kPhrases = Words(
      "thanks for nothing", "thank you for nothing", "gracias por nada", "merci pour rien", "danke fur nichts",
      "obrigado por nada", "obrigada por nada", "grazie per niente", "grazie per nulla");
  // Contempt said to the service's face: "yall are a joke fr", "ihr seid ein
  // Witz", "vocês são uma piada". Not a joke the visitor made ("kkk brincadeira").
  static constexpr auto kContempt = Words(
      "you are a joke", "youre a joke", "yall are a joke", "you guys are a joke", "you people are a joke",
      "what a joke", "such a joke", "absolute joke", "total joke", "complete joke", "service is a joke",
      "company is a joke", "support is a joke", "sois un chiste", "son un chiste", "son una broma", "sois una broma",
      "vaya chiste", "son un circo", "sois un circo", "vous etes une blague",
      "cest une blague ou quoi", "foutage de gueule", "ihr seid ein witz", "ihr seid eine lachnummer",
      "so ein witz", "was fur ein witz", "lachnummer", "voces sao uma piada", "voces sao piada",
      "isso e uma piada", "siete una barzelletta", "siete ridicoli", "siete dei pagliacci",
      "che barzelletta", "che pagliacciata", "pagliacciata");
  static const PhraseIndex kContemptIndex(kContempt);
  static const PhraseIndex kPhrasesIndex(kPhrases);
  // Every phrase of an index found in the message, kept when `keep` says so.
  const auto mark = [&](const PhraseIndex& index, double strength, auto keep, const char* kind = nullptr) {
    for (size_t i = 0; i < folded.size(); ++i)
      if (const size_t len = index.At(folded, i); len && keep(i, len))
        d->Add(kCueFrustration, strength, words[i]->tok->begin, words[i + len - 1]->tok->end, kind);
  };
  const auto always = [](size_t, size_t) { return true; };
  mark(kPhrasesIndex, 0.8, always);
  mark(kContemptIndex, 0.7, always);
  // Advice mocked as if new ("never thought of that"), being told to wait
  // "loved": sarcasm in so many words, in six languages.
  static constexpr auto kMocking = Words(
      "never thought of that", "never would have thought of that", "wouldnt have thought of that",
      "why didnt i think of that", "love being told", "love how you", "love that you keep", "love it when you tell",
      "no se me ocurrio", "no se me habia ocurrido", "como no se me ocurrio", "me encanta que me digan",
      "me encanta que me digas", "me encanta como", "jy aurais jamais pense", "jy aurais pas pense",
      "jy avais pas pense", "jadore me faire dire", "jadore quon me dise", "jadore quand on me dit",
      "da ware ich nie drauf gekommen", "da ware ich nie draufgekommen", "ware ich nie drauf gekommen",
      "ich liebe es wenn", "nunca me teria lembrado", "nunca teria pensado", "como nao pensei nisso",
      "nao tinha pensado nisso", "adoro que me digam", "adoro quando me dizem", "amo quando voces",
      "non ci avevo pensato", "non ci avrei mai pensato", "adoro sentirmi dire", "adoro quando mi dite");
  static const PhraseIndex kMockingIndex(kMocking);
  mark(kMockingIndex, 0.75, [&](size_t i, size_t) { return !NegatedAt(words, i, 2); });
  // Telling it again (issue 13: "I already told you", the Nth time), a
  // floor under the model in six languages. Dosage questions ("how many
  // times a day") are not it: the counting phrases need the visitor's own
  // telling or asking after them.
  static constexpr auto kAgain = Words(
      "already told you", "already said that", "i told you already", "already gave you", "already explained",
      "how many times do i", "how many times must i", "how many more times",
      "for the third time", "for the second time", "for the umpteenth time", "for the nth time",
      "third time im", "third time i", "3rd time", "fourth time i", "ya te lo dije", "ya te dije",
      "ya lo dije", "ya te he dicho", "ya se lo dije", "ya le dije", "te lo he dicho", "cuantas veces tengo", "cuantas veces te", "por tercera vez", "por segunda vez",
      "por enesima vez", "es la tercera vez", "jai deja dit", "je vous lai deja dit", "je te lai deja dit",
      "deja dit", "combien de fois faut", "combien de fois je dois", "combien de fois dois-je",
      "pour la troisieme fois", "pour la enieme fois", "pour lenieme fois", "cest la troisieme fois",
      "schon gesagt", "bereits gesagt", "schon geschrieben", "wie oft noch", "wie oft muss ich",
      "zum dritten mal", "zum zweiten mal", "zum x-ten mal", "das dritte mal", "ja disse", "ja te disse",
      "ja lhe disse", "ja falei", "ja expliquei", "quantas vezes tenho", "quantas vezes vou",
      "quantas vezes preciso", "pela terceira vez", "pela segunda vez", "e a terceira vez", "gia detto",
      "ho gia spiegato", "ho gia scritto", "quante volte devo", "quante volte te", "per la terza volta",
      "per la seconda volta", "per lennesima volta", "e la terza volta",
      // Saying it again: "te lo vuelvo a decir", "je vous le répète" (not
      // "I repeat my order" or "repetir o pedido", ordering again, nor "sorry
      // if I repeat myself").
      "let me repeat", "ill say it again", "ill repeat", "i repeat again", "te lo vuelvo a decir",
      "se lo vuelvo a decir", "lo vuelvo a decir", "te lo repito", "se lo repito", "lo repito", "vuelvo a repetir",
      "je vous le repete", "je te le repete", "je le repete", "ich wiederhole es", "ich wiederhole nochmal",
      "ich sag es nochmal", "ich sage es nochmal", "ich sags nochmal", "ich sage es noch einmal",
      "repito mais uma vez", "repito de novo", "te repito", "lhe repito", "te lo ripeto", "ve lo ripeto",
      "glielo ripeto", "lo ripeto", "ripeto ancora");
  static const PhraseIndex kAgainIndex(kAgain);
  mark(kAgainIndex, 0.7, [&](size_t i, size_t len) { return words[i]->clause == words[i + len - 1]->clause; },
       kFrustrationToldAgain);
  // ... said in passing ("as I said, the order is 4411"): frustration, not yet
  // the history that hands off on its own.
  static constexpr auto kAgainMild = Words("like i said", "as i said", "como ya te dije", "como ya dije");
  static const PhraseIndex kAgainMildIndex(kAgainMild);
  mark(kAgainMildIndex, 0.7, [&](size_t i, size_t len) { return words[i]->clause == words[i + len - 1]->clause; });
  // Asking it again in other words ("je reformule :", "a ver, otra vez:",
  // "let me rephrase"): the visitor has seen the answer miss. Not "once
  // again, thanks".
  static constexpr auto kRephrasing = Words(
      "let me rephrase", "ill rephrase", "i will rephrase", "to rephrase", "let me put it another way",
      "let me ask again", "im asking again", "i ask again", "asking again", "a ver otra vez", "lo pregunto otra vez",
      "te lo pregunto de nuevo", "se lo pregunto de nuevo", "pregunto de nuevo", "pregunto otra vez", "lo reformulo",
      "te lo reformulo", "reformulo", "je reformule", "je repose ma question", "je repose la question",
      "je redemande", "ich formuliere um", "ich formuliere es anders", "ich formuliere es um", "anders gefragt",
      "ich frage nochmal", "ich frag nochmal", "ich frage noch einmal", "vou reformular", "reformulando",
      "pergunto de novo", "pergunto outra vez", "vou perguntar de novo", "riformulo", "te lo richiedo",
      "ve lo richiedo", "lo richiedo", "ti rifaccio la domanda", "rifaccio la domanda");
  static const PhraseIndex kRephrasingIndex(kRephrasing);
  // ... unless the visitor blames their own wording ("porque não sei se me expliquei bem")
  // or asks pardon for asking again ("excusez-moi je redemande, c'est bien le numéro ?")
  static constexpr auto kOwnWording = Words("expliquei", "explique", "explained", "clear", "exprime", "exprimee",
                                            "ausgedruckt", "spiegato", "spiegata", "explicado", "expresse", "excusez", "excusez-moi", "excuse-moi",
                                            "pardon", "sorry", "disculpe", "disculpa", "perdon", "entschuldigung",
                                            "entschuldige", "desculpe", "desculpa", "scusi", "scusa", "scusate");
  const bool own_wording = std::any_of(folded.begin(), folded.end(), [](const std::string& w) { return In(kOwnWording, w); });
  mark(kRephrasingIndex, 0.6, [&](size_t, size_t) { return !own_wording; });
  // ... or trying again, announced with a colon ("Ok let me try again: order
  // placed yesterday, wrong address", "Riprovo: ritiro in negozio, sì o no?",
  // "nochmal: ..."): the question is coming back. Without the colon it is
  // mostly an action retried ("let me try again with another card").
  static constexpr auto kRetrying = Words(
      "let me try again", "try again", "trying again", "once more", "one more time", "again", "otra vez",
      "de nuevo", "lo intento de nuevo", "lo intento otra vez", "encore une fois", "je reessaie", "jessaie encore",
      "nochmal", "noch mal", "noch einmal", "ich versuchs nochmal", "de novo", "outra vez", "mais uma vez",
      "vou tentar de novo", "riprovo", "ci riprovo", "di nuovo", "ancora una volta");
  static const PhraseIndex kRetryingIndex(kRetrying);
  mark(kRetryingIndex, 0.6, [&](size_t i, size_t len) {
    size_t at = words[i + len - 1]->tok->end;
    while (at < m.cleaned.size() && m.cleaned[at] == ' ') ++at;
    return !own_wording && at < m.cleaned.size() && m.cleaned[at] == ':';
  });
  // The answer did not answer, the chat goes in circles: a visitor saying
  // the bot is failing them, in six languages. Each phrase carries its
  // negation ("doesn't answer my question"), so "that answers my question"
  // is not it; "same question" only with "still" or "it is", since "I have
  // the same question for my other order" is calm.
  static constexpr auto kNotAnswered = Words(
      "doesnt answer my question", "doesnt answer the question", "doesnt answer it", "doesnt answer anything",
      "didnt answer my question", "didnt answer the question", "not answering my question", "not answering the question",
      "you didnt answer", "youre not answering", "you are not answering", "thats not what i asked",
      "not what i asked", "that wasnt my question", "thats not my question", "that is not my question",
      "going in circles", "going round in circles", "going around in circles", "go round in circles",
      "this is going nowhere", "getting nowhere", "same question i asked", "still the same question",
      "its the same question", "just answer the question", "just answer my question",
      "no responde mi pregunta", "no responde a mi pregunta", "no contesta mi pregunta", "no contesta a mi pregunta",
      "no respondiste mi pregunta", "no contestaste mi pregunta", "eso no responde", "eso no contesta",
      "no es lo que pregunte", "no fue lo que pregunte", "no te pregunte eso", "no le pregunte eso",
      "estamos dando vueltas", "dando vueltas en circulo", "esto no lleva a nada", "no llegamos a nada",
      "es la misma pregunta", "sigue siendo la misma pregunta",
      "ne repond pas a ma question", "repond pas a ma question", "ca ne repond pas", "ca repond pas",
      "ce nest pas ce que jai demande", "cest pas ce que jai demande", "pas ce que jai demande",
      "on tourne en rond", "ca tourne en rond", "tourne en rond", "ca mene a rien", "ca mene nulle part",
      "ca ne mene a rien", "cest la meme question", "toujours la meme question",
      "beantwortet meine frage nicht", "beantwortet die frage nicht", "beantwortet nicht meine frage",
      "beantworten meine frage nicht", "beantworten die frage nicht", "beantwortest meine frage nicht",
      "keine antwort auf meine frage", "das ist nicht meine frage", "das war nicht meine frage",
      "das habe ich nicht gefragt", "hab ich nicht gefragt", "habe ich nicht gefragt", "drehen uns im kreis",
      "dreht sich im kreis", "drehen sich im kreis", "im kreis drehen", "fuhrt zu nichts", "immer noch dieselbe frage",
      "immer noch die gleiche frage", "ist dieselbe frage", "ist die gleiche frage",
      "nao responde minha pergunta", "nao responde a minha pergunta", "nao respondeu minha pergunta",
      "nao respondeu a minha pergunta", "isso nao responde", "nao foi isso que perguntei",
      "nao foi isso que eu perguntei", "nao e isso que eu perguntei", "andando em circulos", "rodando em circulos",
      "girando em circulos", "nao leva a lugar nenhum", "nao chega a lugar nenhum", "e a mesma pergunta",
      "continua a mesma pergunta", "non risponde alla mia domanda", "non rispondi alla mia domanda",
      "non ha risposto alla mia domanda", "non hai risposto alla mia domanda", "non e quello che ho chiesto",
      "non ho chiesto questo", "stiamo girando in tondo", "giriamo in tondo", "girando in tondo",
      "giriamo in cerchio", "non porta da nessuna parte", "non si arriva a niente", "e la stessa domanda",
      "sempre la stessa domanda");
  static const PhraseIndex kNotAnsweredIndex(kNotAnswered);
  mark(kNotAnsweredIndex, 0.7, always);
  // Correcting the bot: "I didn't ask about returns", "why do you keep
  // sending me the returns page", "otra vez el mismo link".
  static constexpr auto kCorrecting = Words(
      "i didnt ask about", "i did not ask about", "i never asked about", "i didnt ask you", "why do you keep",
      "you keep sending", "you keep giving", "you keep telling", "the same link", "the same answer", "the same page",
      "no he preguntado por", "no te he preguntado", "no pregunte por", "yo no pregunte eso", "me sigues mandando",
      "me sigues dando", "el mismo link", "el mismo enlace", "la misma respuesta", "je nai pas demande ca",
      "jai pas demande ca", "je vous ai pas demande", "vous me renvoyez", "tu me renvoies", "le meme lien",
      "la meme reponse", "ich habe nicht nach", "ich hab nicht nach", "hab nicht nach", "schickst mir immer",
      "schicken mir immer", "derselbe link", "denselben link", "den gleichen link", "dieselbe antwort",
      "die gleiche antwort", "nao perguntei sobre", "nao perguntei isso", "nao te perguntei", "voce continua me mandando",
      "o mesmo link", "a mesma resposta", "non ti ho chiesto", "non ho chiesto di", "continui a mandarmi",
      "mi mandi sempre", "lo stesso link", "la stessa risposta",
      // "não perguntei como recorrer da multa": the question the bot answered was not asked
      "i didnt ask how", "i didnt ask what", "i didnt ask when", "i didnt ask where", "i didnt ask if",
      "i didnt ask whether", "i did not ask how", "i did not ask what", "no pregunte como", "no pregunte cuando",
      "no pregunte donde", "no pregunte si", "no pregunte que", "no te pregunte como", "no te pregunte si",
      "jai pas demande comment", "jai pas demande quand", "jai pas demande si", "je nai pas demande comment",
      "je nai pas demande quand", "je nai pas demande si", "habe nicht gefragt wie", "habe nicht gefragt ob",
      "habe nicht gefragt wann", "hab nicht gefragt wie", "hab nicht gefragt ob", "nao perguntei como",
      "nao perguntei se", "nao perguntei quando", "nao perguntei onde", "nao perguntei o que", "nao perguntei qual",
      "non ho chiesto come", "non ho chiesto quando", "non ho chiesto dove", "non ho chiesto se");
  static const PhraseIndex kCorrectingIndex(kCorrecting);
  mark(kCorrectingIndex, 0.6, always);
  // Threats to take it further: a lawyer, a consumer body, a chargeback.
  // Not "my lawyer" alone: "my lawyer needs a copy of the contract" is routine.
  static constexpr auto kTakingFurther = Words(
      "legal action", "take you to court", "sue you", "trading standards", "ombudsman", "chargeback", "charge back",
      "trustpilot", "demandaros", "demandarles", "profeco", "facua", "la ocu", "hoja de reclamaciones", "contracargo",
      "porter plainte", "dgccrf", "que choisir", "meinen anwalt", "meinem anwalt", "verbraucherzentrale",
      "rechtliche schritte", "schlichtungsstelle", "processar voces", "procon", "reclame aqui", "reclameaqui",
      "livro de reclamacoes", "contestar no cartao", "vie legali", "altroconsumo", "codacons");
  static const PhraseIndex kTakingFurtherIndex(kTakingFurther);
  mark(kTakingFurtherIndex, 0.6, always);
  // Threats to leave or to go public: never buying again, a competitor, a
  // customer lost, a one-star review, the story on social media, the charge
  // disputed. Not a review or a cancellation asked about ("how do I leave a
  // review", "cancel my subscription, I'm moving"): those name no threat.
  static constexpr auto kLeaving = Words(
      "never ordering from you", "never order from you", "never buying from you", "never buy from you",
      "never shopping here", "never shop here", "never shopping with you", "never using you", "never use you again",
      "never again", "take my business elsewhere", "taking my business elsewhere", "take my money elsewhere",
      "taking my money elsewhere", "shop elsewhere", "shopping elsewhere", "go elsewhere", "going elsewhere",
      "to a competitor", "to your competitor", "to your competitors", "lost a customer", "lost my business",
      "lost me as a customer", "lost yourself a customer", "last time i order", "last time i buy",
      "last time i use", "last time i shop", "tell everyone i know", "tell all my friends", "warn everyone",
      "warn my friends", "1 star", "one star", "bad review", "negative review", "terrible review", "scathing review",
      "post this on", "post it on", "on social media", "all over social media", "dispute the charge",
      "dispute it with my bank", "dispute this with my bank", "get a lawyer", "call my lawyer", "contact my lawyer",
      "my solicitor", "better business bureau", "citizens advice",
      // es
      "nunca mas compro", "nunca mas os compro", "nunca mas les compro", "nunca mas te compro", "nunca mas pido",
      "nunca mas les pido", "no vuelvo a comprar", "no vuelvo a pedir", "no les vuelvo a comprar",
      "no os vuelvo a comprar", "ultima vez que compro", "ultima vez que pido", "me voy a la competencia",
      "me paso a la competencia", "a la competencia", "perdieron un cliente", "han perdido un cliente",
      "acaban de perder un cliente", "perdiste un cliente", "perdieron una clienta", "han perdido una clienta",
      "mala resena", "resena negativa", "una estrella", "1 estrella", "en redes sociales", "en las redes",
      "los voy a escrachar", "escrachar", "los voy a denunciar", "voy a denunciarlos", "desconocer el cargo",
      "desconocer la compra", "hablar con mi abogado", "defensa del consumidor", "sernac",
      // fr
      "plus jamais", "je commande plus chez vous", "je commanderai plus", "je ne commanderai plus",
      "jachete plus chez vous", "je vais voir ailleurs", "aller voir ailleurs", "chez la concurrence",
      "chez vos concurrents", "vous avez perdu un client", "vous avez perdu une cliente",
      "vous venez de perdre un client", "vous venez de perdre une cliente", "mauvais avis", "avis negatif",
      "une etoile", "1 etoile", "sur les reseaux", "reseaux sociaux", "faire opposition", "contester le prelevement",
      "contester le paiement", "mon avocat", "signal conso", "signalconso", "60 millions",
      // de
      "nie wieder", "nie mehr bei euch", "nie mehr bei ihnen", "bestelle nie wieder", "kaufe nie wieder",
      "zur konkurrenz", "bei der konkurrenz", "woanders kaufen", "woanders bestellen", "kauf ich woanders",
      "bestell ich woanders", "einen kunden verloren", "eine kundin verloren", "kunden weniger",
      "schlechte bewertung", "negative bewertung", "einen stern", "1 stern", "in den sozialen medien",
      "zuruckbuchen", "lastschrift zuruckgeben", "anwalt einschalten", "bundesnetzagentur",
      // pt
      "nunca mais compro", "nunca mais peco", "nunca mais", "nao compro mais", "nao volto a comprar",
      "vou pra concorrencia", "vou para a concorrencia", "para a concorrencia", "comprar em outro lugar",
      "comprar noutro sitio", "perderam um cliente", "perderam uma cliente", "acabaram de perder",
      "avaliacao negativa", "uma estrela", "1 estrela", "nas redes sociais", "vou expor", "portal da queixa",
      "contestar a compra", "meu advogado", "o meu advogado",
      // it
      "mai piu", "non compro piu", "non ordino piu", "non ordinero piu", "non comprero piu",
      "vado dalla concorrenza", "passo alla concorrenza", "alla concorrenza", "vado altrove", "compro altrove",
      "avete perso un cliente", "avete perso una cliente", "avete appena perso", "recensione negativa",
      "una stella", "1 stella", "sui social", "contestare laddebito", "disconoscere", "il mio avvocato", "agcom");
  static const PhraseIndex kLeavingIndex(kLeaving);
  mark(kLeavingIndex, 0.6, always);
  // The same, said other ways: switching, telling others, going public, a
  // court. (A second list: clang caps a fold at 256 words.)
  static constexpr auto kLeavingOtherWays = Words(
      "never booking with", "never flying with", "never booking", "never flying", "not renewing", "not for long",
      "move my money", "moving my money", "deleting the app", "delete the app", "uninstalling", "tell everyone",
      "telling everyone", "not to buy from", "not to fly with", "not to order from", "not to use you", "zero stars",
      "0 stars", "post on", "posting on", "posting this", "going public", "small claims", "me voy con otro",
      "me voy con otra", "me cambio de proveedor", "me cambio de compania", "me cambio a otra", "me paso a otra",
      "mi ultimo pedido", "no se los recomiendo", "no los recomiendo", "contarle a todo el mundo", "me borro",
      "borro la app", "desinstalo", "cero estrellas", "0 estrellas", "no compren", "je passe chez",
      "je me barre chez", "je pars chez", "derniere commande", "deconseiller", "je deconseille", "tout mon entourage",
      "dire adieu a", "mediateur", "petites creances", "zero etoile", "je desinstalle", "ne commandez pas",
      "ich wechsle zu", "ich wechsel zu", "anbieter wechseln", "abraten", "rate allen ab", "ich bin raus",
      "damit ist schluss", "damit ist jetzt schluss", "null sterne", "0 sterne", "konnen sie vergessen",
      "konnt ihr vergessen", "nicht mehr weiterempfehlen", "nicht mehr bestellen", "app geloscht", "losche die app",
      "entrar na justica", "vou processar", "todo mundo que eu conheco", "nao comprar aqui", "nao comprem",
      "levar meu dinheiro", "levar o meu dinheiro", "podem esquecer", "zero estrelas", "vou desinstalar",
      "allavvocato", "lo pubblico", "finisce su", "allagcom", "non ci metto piu piede", "disinstallo",
      "cambio operatore", "cambio gestore", "di non comprare", "di non ordinare", "zero stelle");
  static const PhraseIndex kLeavingOtherWaysIndex(kLeavingOtherWays);
  mark(kLeavingOtherWaysIndex, 0.6, always);
  // Sent elsewhere and refusing it: the visitor paid the shop, not the courier,
  // or is passed back and forth ("I paid YOU not them", "die Airline schickt
  // mich zu euch", "c'est à vous que j'ai payé").
  static constexpr auto kPassedOn = Words(
      "i paid you not", "i paid you guys not", "i bought it from you not", "i ordered from you not",
      "i paid you and not", "paid you not the", "why should i contact the", "why should i call the",
      "why do i have to contact the", "why do i have to call the", "sends me back to you", "sent me back to you",
      "send me back and forth", "back and forth between", "os pague a vosotros", "les pague a ustedes",
      "le pague a ustedes", "os lo compre a vosotros", "se lo compre a ustedes", "me manda con vosotros",
      "me mandan con ustedes", "me remiten a ustedes", "de un lado para otro", "cest a vous que jai paye",
      "cest vous que jai paye", "je vous ai paye vous", "jai achete chez vous pas", "me renvoie vers vous",
      "me renvoie chez vous", "on me renvoie", "je suis balade", "ich hab euch bezahlt", "ich habe euch bezahlt",
      "ich hab bei euch bestellt nicht", "ich habe bei euch bestellt nicht", "schickt mich zu euch",
      "schickt mich wieder zu euch", "von einem zum anderen", "hin und her geschickt", "paguei a voces",
      "paguei a voces e nao", "comprei de voces nao", "me manda falar com voces", "me mandam falar com voces",
      "jogando de um lado pro outro", "empurra pra la e pra ca", "ho pagato voi", "ho pagato a voi",
      "ho comprato da voi non", "mi rimanda da voi", "mi rimandano da voi", "palleggiando", "mi rimbalzano");
  static const PhraseIndex kPassedOnIndex(kPassedOn);
  mark(kPassedOnIndex, 0.6, always);
  // A day given up for a delivery or a visit that did not come, nobody there
  // or answering: "Ich habe extra einen Tag frei genommen. Das ist einfach nur
  // frech!!", "J'ai posé congé pour ça !!! Personne ne décroche au téléphone".
  static constexpr auto kLeftWaiting = Words(
      "took the day off", "took a day off", "took time off", "took a half day", "stayed home all day",
      "waited in all day", "nobody showed up", "no one showed up", "nobody came", "no one came",
      "me pedi el dia", "pedi el dia libre", "me tome el dia", "falte al trabajo", "nadie vino", "nadie aparecio",
      "pose conge", "pose un conge", "pose ma journee", "pris conge", "pris ma journee", "pris un jour de conge",
      "personne nest venu", "personne nest passe", "tag frei genommen", "urlaub genommen", "frei genommen",
      "niemand ist gekommen", "niemand kam", "tirei o dia", "tirei folga", "tirei um dia", "pedi o dia",
      "faltei ao trabalho", "ninguem apareceu", "ninguem veio", "ho preso un giorno", "preso un giorno di ferie",
      "preso ferie", "preso permesso", "nessuno e venuto", "nessuno e passato", "nessuno si e fatto vivo");
  // ... nobody answering: a complaint, weighed by the model and the turns, but
  // no crisis either ("nadie contesta a mis correos" read self-harm 0.32).
  static constexpr auto kNoAnswer = Words(
      "nobody called", "no one called", "nobody answers", "no one answers", "nobody picks up", "no one picks up",
      "nobody replies", "no one replies", "nadie contesta", "nadie llamo", "nadie responde", "nadie coge el telefono",
      "personne ne decroche", "personne ne repond", "niemand hat sich gemeldet", "niemand geht ran",
      "niemand meldet sich", "niemand antwortet", "ninguem atende", "ninguem ligou", "ninguem responde",
      "nessuno risponde", "nessuno mi ha chiamato");
  static const PhraseIndex kLeftWaitingIndex(kLeftWaiting);
  static const PhraseIndex kNoAnswerIndex(kNoAnswer);
  for (size_t i = 0; i < folded.size(); ++i) {
    const size_t waited = kLeftWaitingIndex.At(folded, i);
    const size_t len = waited ? waited : kNoAnswerIndex.At(folded, i);
    if (!len) continue;
    const size_t b = words[i]->tok->begin, e = words[i + len - 1]->tok->end;
    if (waited) d->Add(kCueFrustration, 0.6, b, e);
    // The model's unsure self-harm on "nobody" is that complaint ("I took the day off for
    // this and nobody showed up": 0.56); a crisis says more, in the patterns' words.
    d->crisis_near_misses.push_back({b, e, 0.6, false, kCrisisSelfHarm});
  }
  // Giving up in a word or two ("ok whatever", "toujours non", "egal"):
  // the replies that shorten as patience runs out. Only as the whole message
  // after an "ok": "never mind, found it", "still no parcel?" and "todavía
  // no" (not yet) are other things.
  static constexpr auto kGivingUp = Words(
      "whatever", "forget it", "still no", "still nothing", "da igual", "olvidalo", "olvidelo", "sigue sin",
      "sigue igual", "laisse tomber", "tant pis", "toujours non", "toujours pas", "toujours rien",
      "vergiss es", "egal", "immer noch nicht", "immer noch nichts", "esquece", "deixa pra la", "tanto faz",
      "continua nao", "continua igual", "lascia perdere", "lascia stare", "lasciamo perdere",
      "ancora niente", "niente ancora");
  static const PhraseIndex kGivingUpIndex(kGivingUp);
  static constexpr auto kLeadIns = Words("ok", "okay", "k", "fine", "yeah", "bueno", "vale", "bon", "ah", "na", "tja",
                                         "ta", "beleza", "va", "boh", "so", "well");
  size_t start = 0;
  while (start < folded.size() && In(kLeadIns, folded[start])) ++start;
  if (start < folded.size())
    if (const size_t len = kGivingUpIndex.At(folded, start); len && start + len == folded.size())
      d->Add(kCueFrustration, 0.6, words[start]->tok->begin, words[start + len - 1]->tok->end);
  // A question closed with "yes or no": an answer demanded after evasive
  // ones. Weaker: some visitors are just blunt.
  static constexpr auto kYesOrNo = Words("yes or no", "si o no", "oui ou non", "ja oder nein",
                                         "sim ou nao");
  static const PhraseIndex kYesOrNoIndex(kYesOrNo);
  if (folded.size() > 3)
    if (const size_t at = folded.size() - 3, len = kYesOrNoIndex.At(folded, at); len == 3)
      d->Add(kCueFrustration, 0.5, words[at]->tok->begin, words[at + 2]->tok->end);
  // Mock politeness: thanks for the bot's answer in praise nobody gives a
  // support bot ("je vous remercie infiniment pour ces précieux conseils",
  // "thank you ever so much for the link, most kind"), in one sentence: one
  // over-the-top word, or two of the fond ones a sincere thanks uses alone
  // ("merci infiniment pour votre aide", "thanks again for your help").
  static constexpr auto kThanks = Words("thanks", "thank", "thx", "cheers", "gracias", "agradezco", "merci", "remercie",
                                        "danke", "dank", "bedanke", "obrigado", "obrigada", "agradeco", "grazie",
                                        "ringrazio");
  static constexpr auto kBotOffers = Words(
      "link", "links", "answer", "answers", "reply", "replies", "response", "responses", "advice", "tip", "tips",
      "suggestion", "suggestions", "info", "information", "explanation", "help", "respuesta", "respuestas", "enlace",
      "enlaces", "consejo", "consejos", "sugerencia", "sugerencias", "informacion", "explicacion", "ayuda", "reponse",
      "reponses", "lien", "liens", "conseil", "conseils", "explication", "explications", "aide", "antwort",
      "antworten", "tipp", "tipps", "hinweis", "hinweise", "rat", "ratschlag", "ratschlage", "erklarung", "hilfe",
      "resposta", "respostas", "dica", "dicas", "conselho", "conselhos", "sugestao", "sugestoes", "informacao",
      "explicacao", "ajuda", "risposta", "risposte", "consiglio", "consigli", "suggerimento", "suggerimenti",
      "informazioni", "spiegazione", "aiuto");
  static constexpr auto kOverTheTop = Words(
      "enlightening", "illuminating", "invaluable", "precious", "precieux", "precieuse", "precieuses", "eclairant",
      "eclairante", "eclairants", "lumineux", "lumineuse", "passionnant", "passionnante", "uberaus", "ungemein",
      "erhellend", "erhellende", "erhellenden", "aufschlussreich", "aufschlussreiche", "esclarecedor",
      "esclarecedora", "iluminador", "iluminadora", "utilisimo", "utilisima", "valiosisimo", "valiosisima",
      "utilissimo", "utilissima", "valiosissimo", "valiosissima", "illuminante", "preziosi", "preziose",
      "preziosissimi", "preziosissimo");
  static constexpr auto kFond = Words(
      "ever so", "most kind", "so very", "infiniment", "herzlichen", "herzlichsten", "muchisimas", "muitissimo",
      "infinite", "again", "once more", "de nuevo", "otra vez", "encore", "une fois de plus", "nochmals", "wieder",
      "erneute", "erneuten", "ancora", "di nuovo", "de novo", "mais uma vez", "outra vez");
  static const PhraseIndex kOverTheTopIndex(kOverTheTop), kFondIndex(kFond);
  for (size_t a = 0; a < folded.size();) {
    size_t b = a;
    while (b < folded.size() && words[b]->sentence == words[a]->sentence) ++b;
    bool thanks = false, offer = false;
    for (size_t k = a; k < b; ++k) {
      thanks |= In(kThanks, folded[k]);
      offer |= In(kBotOffers, folded[k]);
    }
    int top = 0, fond = 0;
    for (size_t k = a; k < b && thanks && offer; ++k) {
      top += kOverTheTopIndex.At(folded, k) > 0;
      fond += kFondIndex.At(folded, k) > 0;
    }
    if (top > 0 || fond >= 2)
      d->Add(kCueFrustration, 0.7, words[a]->tok->begin, words[b - 1]->tok->end);
    a = b;
  }
}

}  // namespace attune::rules
