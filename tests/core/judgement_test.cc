// The judgement model: reading its bytes (every failure is a Status, never an
// abort), what the shipped model decides on messages written for this test
// (not from its corpus), evidence offsets JavaScript can slice, and language.
#include "core/judgement.h"

#include <doctest/doctest.h>
#include <nlohmann/json.hpp>

#include <functional>
#include <memory>
#include <string>
#include <utility>

#include "core/affect.h"
#include "core/engine.h"
#include "core/handoff.h"
#include "core/topic.h"
#include "test_util.h"

using namespace attune;

namespace {

std::shared_ptr<const JudgementModel> Shipped() {
  static const std::shared_ptr<const JudgementModel> model = [] {
    std::shared_ptr<const JudgementModel> m;
    const Status s = JudgementModel::Load(testing::ModelFile("judgement.bin"), &m);
    REQUIRE_MESSAGE(s.ok(), s.ToString());
    return m;
  }();
  return model;
}

Affect Judged(const std::string& text, const JudgementModel* model = nullptr) {
  AnalyzeOptions o;
  o.judgement = model ? model : Shipped().get();
  return Analyze(text, o);
}

// An engine on a shipped pack with the shipped model and no rate limit.
std::unique_ptr<Engine> JudgedEngine(const char* pack) {
  std::unique_ptr<Engine> e;
  const Status s = Engine::Create(testing::PackFile(pack), &e);
  REQUIRE_MESSAGE(s.ok(), s.ToString());
  e->SetJudgement(Shipped());
  Limits unlimited;
  unlimited.max_messages_per_minute = 0;
  e->SetLimits(unlimited);
  return e;
}

// UTF-16 length of a UTF-8 string, as JavaScript counts it.
size_t Utf16Length(const std::string& s) {
  size_t n = 0;
  for (size_t i = 0; i < s.size();) {
    const unsigned char c = s[i];
    const size_t len = c < 0x80 ? 1 : c < 0xE0 ? 2 : c < 0xF0 ? 3 : 4;
    n += len == 4 ? 2 : 1;
    i += len;
  }
  return n;
}

}  // namespace

TEST_CASE("a judgement model that is not one is an invalid_model status, not an abort") {
  std::shared_ptr<const JudgementModel> m;
  for (const std::string& bytes : {std::string(), std::string("ATJM"), std::string("XXXX\x01\0\0\0", 8),
                                   std::string("ATJM\x01\0\0\0", 8), std::string("ATJM\x02\0\0\0\xff\xff\0\0", 12),
                                   std::string("ATJM\x02\0\0\0\x02\0\0\0{}", 14)}) {
    const Status s = JudgementModel::Load(bytes, &m);
    CHECK_FALSE(s.ok());
    CHECK(s.code() == "invalid_model");
    CHECK(m == nullptr);
  }
  // The real model, cut anywhere, is refused with a reason.
  const std::string real = testing::ModelFile("judgement.bin");
  REQUIRE(real.size() > 1000);
  for (size_t cut : {size_t(10), real.size() / 3, real.size() / 2, real.size() - 1}) {
    const Status s = JudgementModel::Load(std::string_view(real).substr(0, cut), &m);
    CHECK_MESSAGE(s.code() == "invalid_model", cut);
  }
  CHECK(JudgementModel::Load(real + "x", &m).message().find("trailing") != std::string::npos);
}

TEST_CASE("the shipped model knows its languages") {
  const auto& langs = Shipped()->languages();
  for (const char* l : {"en", "es", "fr", "de", "pt", "it", "ar"})
    CHECK(std::find(langs.begin(), langs.end(), l) != langs.end());
  CHECK(Judged("hola, quería saber cuándo llega mi pedido, gracias").judgement.language == "es");
  CHECK(Judged("bonjour, je voudrais savoir quand ma commande arrive").judgement.language == "fr");
  CHECK(Judged("hallo, wann kommt meine Bestellung an? danke").judgement.language == "de");
  CHECK(Judged("olá, quando chega a minha encomenda? obrigado").judgement.language == "pt");
  CHECK(Judged("ciao, quando arriva il mio ordine? grazie").judgement.language == "it");
  CHECK(Judged("hi, when will my order arrive? thanks").judgement.language == "en");
  CHECK(Judged("متى يصل طلبي؟ شكرا").judgement.language == "ar");
  CHECK(Judged("").judgement.language == "und");
}

TEST_CASE("crisis is caught in every language, with its kind") {
  struct Case {
    const char* text;
    const char* kind;
  };
  // Written for this test, in the way visitors write, mostly without the clinical word.
  for (const Case& c : {Case{"i have a bottle of pills and tonight i'm taking all of them", kCrisisSelfHarm},
                        Case{"my grandad's face is drooping on one side and he can't lift his arm", kCrisisMedicalEmergency},
                        Case{"he is hitting me right now please help", kCrisisViolence},
                        Case{"mi hijo se tragó unas pastillas de mi bolso y está muy dormido", kCrisisMedicalEmergency},
                        Case{"je veux mourir ce soir, j'ai tout préparé", kCrisisSelfHarm},
                        Case{"mein Mann schlägt mich gerade, ich hab mich im Bad eingesperrt", kCrisisViolence},
                        Case{"a minha filha não está respirando direito, os lábios estão roxos", kCrisisMedicalEmergency},
                        Case{"voglio farla finita stanotte, ho già scritto le lettere", kCrisisSelfHarm}}) {
    const Affect a = Judged(c.text);
    const Cue* crisis = a.FindCue(kCueCrisis);
    REQUIRE_MESSAGE(crisis != nullptr, c.text);
    CHECK_MESSAGE(crisis->kind == c.kind, c.text << " -> " << crisis->kind);
  }
}

TEST_CASE("figurative, past and product talk is not a crisis") {
  for (const char* text : {"lol this price almost gave me a heart attack", "do you still sell the Suicide Squad blu-ray?",
                           "my mum had a stroke two years ago, can she get the senior discount", "I'm dying to get these boots",
                           "where is my order", "ok thanks", "tomorrow",
                           // a story's ending that "killed" (the model alone fired on these; written for this test)
                           "o final da novela me matou", "la fin de la série m'a tué, j'ai pleuré toute la soirée"}) {
    CHECK_MESSAGE(!Judged(text).HasCue(kCueCrisis), text);
  }
  // "The worst week of my life" is how some crises begin: no figure of speech
  // silences the model there (a near-miss for it lost these two).
  for (const char* text : {"this is the worst week of my life and i just want it all to be over",
                           "worst year of my life honestly, i dont think ill be here next week"}) {
    CHECK_MESSAGE(Judged(text).HasCue(kCueCrisis), text);
  }
}

TEST_CASE("a support-chat closing is not a crisis on its own; asking for someone is a person request") {
  // The crisis head heard self-harm in "goodbye" (0.85) and "merci, au revoir".
  for (const char* text : {"goodbye", "merci, au revoir", "ce sera tout pour aujourd'hui", "Thanks!! Bye",
                           "no eso es todo por hoy gracias adios", "não é tudo por hoje obrigado adeus",
                           "danke, das war's. tschüss", "grazie mille, arrivederci", "ok thats all for now, take care",
                           // ways shoppers close that the head heard as farewells (0.64-0.82)
                           "ok, por hoje é só", "me despido ya", "mehr wollt ich nicht wissen, ciao",
                           "pronto, vou andando, fiquem com Deus", "nichts weiter danke"}) {
    const Affect a = Judged(text);
    CHECK_MESSAGE(a.closing, text);
    CHECK_MESSAGE(!a.HasCue(kCueCrisis), text);
  }
  // Finality is not a closing phrase: these stay the judgement's.
  for (const char* text : {"goodbye everyone, I won't be here tomorrow", "thank you for everything. this is goodbye",
                           "adeus a todos, amanhã já não estou cá"}) {
    const Affect a = Judged(text);
    CHECK_MESSAGE(!a.closing, text);
    CHECK_MESSAGE(a.HasCue(kCueCrisis), text);
  }
  for (const char* text : {"je veux parler à quelqu'un", "I want to talk to someone"}) {
    const Affect a = Judged(text);
    CHECK_MESSAGE(a.HasCue(kCueHumanRequest), text);
    CHECK_MESSAGE(!a.HasCue(kCueCrisis), text);
  }
}

TEST_CASE("a crisis set aside on a closing counts again after a distressed turn") {
  auto closing = [] {
    Affect a;
    a.closing = true;
    Cue c;
    c.name = kCueCrisis;
    c.strength = 0.95;
    c.evidence = "goodbye";
    c.end = 7;
    c.layer = kLayerModel;
    c.probability = 0.85;
    c.kind = "self_harm";
    a.set_aside_crisis = c;
    return a;
  };
  // After a calm turn: a closing, no handoff.
  Conversation calm;
  Affect hello;
  hello.valence = 0.4;
  calm.Observe(&hello, false, false);
  Affect bye = closing();
  CHECK_FALSE(calm.Observe(&bye, false, false).handoff);
  CHECK_FALSE(bye.HasCue(kCueCrisis));
  // After a distressed turn: the crisis comes back, at once.
  Conversation low;
  const char* worst = "I'm really sad and disappointed, the gift didn't arrive for her birthday";
  Affect sad = Judged(worst);
  REQUIRE_FALSE(sad.HasCue(kCueCrisis));  // distressed, not a crisis
  low.ObserveMessage(worst, &sad, false);
  Affect bye2 = closing();
  const Decision d = low.Observe(&bye2, false, false);
  CHECK(bye2.HasCue(kCueCrisis));
  CHECK(d.handoff);
  CHECK(d.immediate);
}

TEST_CASE("an indirect request for a person is heard; a person merely mentioned is not") {
  for (const char* text : {"is there an actual human reading this", "stop. no more bot. someone real please",
                           "can your billing team give me a call back", "quiero hablar con un encargado ya",
                           "passez-moi un responsable s'il vous plaît"}) {
    CHECK_MESSAGE(Judged(text).HasCue(kCueHumanRequest), text);
  }
  for (const char* text : {"the courier left my parcel with the neighbour", "my travel agent booked the flights for me",
                           "do you deliver on saturdays?"}) {
    CHECK_MESSAGE(!Judged(text).HasCue(kCueHumanRequest), text);
  }
}

// The person-request categories the patterns carry on their own (no model),
// six languages; each line is written for this test, not taken from a corpus.
TEST_CASE("the patterns alone hear a person asked for in the visitor's own words") {
  struct Case { const char* category; const char* text; };
  const Case asks[] = {
      {"done with the bot", "enough of the canned answers, seriously"},
      {"done with the bot", "no más respuestas automáticas por favor"},
      {"done with the bot", "j'en ai marre de parler à un robot"},
      {"done with the bot", "keine automatischen antworten mehr bitte"},
      {"done with the bot", "chega de robô"},
      {"done with the bot", "basta con questo bot"},
      {"anyone there", "hello?? anybody there?"},
      {"anyone there", "hay alguien de verdad ahí?"},
      {"anyone there", "y a quelqu'un ?"},
      {"anyone there", "ist da jemand?"},
      {"anyone there", "tem alguém aí?"},
      {"anyone there", "c'è anima viva qui?"},
      {"callback", "could someone ring me back this afternoon"},
      {"callback", "que me llamen al fijo por favor"},
      {"callback", "rappelez-moi au 06 12 34 56 78"},
      {"callback", "bitte um Rückruf, ich bin ab 17 Uhr erreichbar"},
      {"callback", "podem me ligar amanhã cedo?"},
      {"callback", "richiamatemi appena potete"},
      {"to be contacted", "desidero essere contattata da un tecnico, non da un altro messaggio"},
      {"to be contacted", "I'd like to be called back about the broken dryer"},
      {"to be contacted", "ich möchte bitte zurückgerufen werden"},
      {"a role asked to act", "can the pharmacist check whether these two go together"},
      {"a role asked to act", "que me escriba el encargado de la tienda"},
      {"a role asked to act", "le responsable peut-il me répondre directement ?"},
      {"a role asked to act", "kann die Buchhaltung sich das mal anschauen?"},
      {"a role asked to act", "o financeiro pode verificar essa cobrança?"},
      {"a role asked to act", "il farmacista può rispondermi?"},
      {"who can, then", "you obviously can't. who can?"},
      {"who can, then", "no me sirves. con quién hablo entonces?"},
      {"who can, then", "tu ne comprends pas. à qui je parle alors ?"},
      {"escalation", "please escalate my case"},
      {"escalation", "bitte den Fall für eine Sachbearbeiterin zur Prüfung vormerken"},
      {"contact", "put me in touch with someone who knows"},
      {"contact", "que alguien se ponga en contacto conmigo"},
      {"transfer", "transférez-moi au service facturation"},
      {"sending someone", "send someone over, the display case fell on a customer"},
      {"handing over", "just put me through please"},
      {"someone who acts", "j'ai besoin de quelqu'un qui me rappelle"},
      {"someone from a team", "necesito a alguien de facturación"},
      {"a person free now", "ist ein Berater frei?"},
      {"a person free now", "c'è un farmacista disponibile adesso?"},
      {"a role asked", "is there a nurse I could ask?"},
      {"a role asked to act", "può controllare direttamente il farmacista?"},
      {"whoever is in charge", "get me whoever runs the warehouse"},
      {"whoever is in charge", "quiero a quien esté a cargo de los envíos"},
      {"whoever is in charge", "je veux la personne responsable des livraisons"},
      {"whoever is in charge", "wer ist hier zuständig?"},
      {"whoever is in charge", "preciso de quem gerencia as entregas"},
      {"whoever is in charge", "voglio chi si occupa dei resi"},
      {"whoever is in charge", "quién manda ahí, porque alguien me canceló la reserva sin avisar"},
      {"whoever is in charge", "who's in charge, cause someone needs to explain this"},
      {"another channel", "can a person from your team text me on whatsapp?"},
      {"another channel", "vous avez un telegram pour écrire à quelqu'un ?"},
      {"another channel", "tem whatsapp de algum atendente?"},
      {"the head of a team", "could the head of support look at my case"},
      {"time with a role", "could I have a quick chat with the pharmacist about my inhaler"},
      {"time with a role", "posso avere cinque minuti col farmacista?"},
      {"put through", "pásame con devoluciones"},
      {"put through", "me transfere pro suporte"},
      {"put through to customer service", "me comunica con servicio al cliente por favor"},
      {"put through to customer service", "comuníqueme con atención al cliente"},
      {"put through to customer service", "passez-moi le service client"},
      {"put through to customer service", "mi passi il servizio clienti"},
      {"put through to a service named by what it handles", "passez-moi le service contentieux svp"},
      {"put through to the switchboard", "mi passa il centralino, grazie"},
      {"a German department talked to", "ich will mit der Reklamationsabteilung reden"},
      {"the one in charge asked after as present", "la gérante est là aujourd'hui ?"},
      {"the one in charge asked after as present", "is the store manager in today?"},
      {"who to talk to, and what for", "con quién hablo para que me cambien la fecha?"},
      {"a consultant wanted", "I need a mortgage consultant on the phone"},
      {"summoned", "llamen a seguridad ya"},
      {"summoned", "schicken Sie bitte jemanden"},
      {"summoned", "pode sair alguém da loja?"},
      {"summoned", "podem passar uma técnica para ver a caldeira?"},
      {"summoned", "könnte eine Monteurin vorbeikommen, die Tür klemmt"},
      {"summoned", "potete mandare o far venire un tecnico? può passare qualcuno domani"},
      {"sent round", "can you send an electrician out today"},
      {"sent round", "¿me pueden enviar un fontanero?"},
      {"sent round", "envoyez-moi un plombier svp"},
      {"sent round", "könnten Sie einen Monteur vorbeischicken?"},
      {"sent round", "mandem um eletricista amanhã"},
      {"sent round", "ci mandate un idraulico?"},
      {"a colleague", "me passa pra uma colega sua, por favor"},
      {"a colleague", "passami un collega, grazie"},
      {"a colleague", "can you get me another colleague please"},
      {"on the phone, wanted", "i need someone on the phone about this"},
      {"on the phone, wanted", "je voudrais parler à un conseiller au téléphone"},
      {"on the phone, wanted", "ich brauche jemanden am Telefon"},
      {"the one from before, again", "puedo volver a hablar con Marta?"},
      {"the one from before, again", "queria falar de novo com o Rui"},
      {"a call wished", "me gustaría que un asesor me llamara"},
      {"a call wished", "me pueden marcar al celular?"},
      {"the switchboard", "Zentrale bitte"},
      {"done with the bot", "niente più risposte automatiche"},
      {"anyone there", "ist da wer?"},
      {"any people left", "is there a number with real people?"},
      {"any people left", "gibt es überhaupt noch Menschen bei euch?"},
      {"any people left", "ainda tem gente trabalhando aí?"},
      {"a real one", "quiero un asesor humano"},
      {"a real one", "voglio un operatore vero"},
      {"the direct line", "what's the direct number for the branch?"},
      {"the direct line", "me dan el número directo de la sucursal"},
      {"escalated", "I'd like this reviewed by a senior member of staff"},
      {"escalated", "ich möchte das an die nächsthöhere Stelle geben"},
      {"escalated", "quero que a ouvidoria veja isso"},
      {"wished in the subjunctive", "ich hätte gern die Apothekerin gesprochen, wegen einer Wechselwirkung"},
      {"a person wished to take it", "bon, j'aimerais que cette personne reprenne mon dossier"},
      {"put through, pt-PT", "passe-me a uma supervisora por favor"},
      {"the one who decides", "passe-moi celle qui gère les remboursements"},
      {"put in contact", "vous pouvez me mettre en contact avec la comptabilité ?"},
      {"escalated", "potete fare un'escalation della mia pratica?"},
      {"a department in one word", "Kündigungsabteilung bitte"},
      {"a person wished to take it", "je préférerais qu'un conseiller me rappelle demain"},
      {"any people left, German 'ne' for 'eine'", "gibts ne nummer wo echte menschen abheben?"},
      {"escalated", "this needs somebody above the chat team"},
      {"escalated", "alguien por encima de ti tiene que verlo"},
      {"escalated", "ok i need somebody more senior on this"},
      {"put through", "can I get through to the ward sister?"},
      {"put through", "¿podría pasarme con un asesor?"},
      {"put through", "passez moi le service client"},
      {"the one named, talked to", "is Tom in today? I want to talk to him"},
      {"one of them to answer", "quando mi risponde qualcuno?"},
      {"put through, bare", "me transfere"},
      {"put through, bare", "transfiéreme por favor"},
      {"needing someone", "ich brauch jemanden."},
      {"needing someone", "necesito a alguien"},
      {"done with the bot", "keine Botantworten mehr"},
      {"a callback", "me llamáis esta tarde?"},
      {"talked with", "je voudrais jaser avec une conseillère"},
      {"live chat named", "tem chat ao vivo?"},
      {"live chat named", "c'è una chat dal vivo?"},
      {"a role named alone", "billing department pls"},
      {"a role named alone", "supervisor!!"},
      {"a role named alone", "departamento de facturación por favor"},
      {"a role named alone", "la pharmacienne svp"},
      {"a role named alone", "Buchhaltung Abteilung bitte"},
      {"a role named alone", "reparto resi, grazie"},
      {"out of the bot's hands", "this is going nowhere, get me out of here"},
      {"out of the bot's hands", "no me entiendes, sácame de aquí"},
      {"out of the bot's hands", "bitte holt mich hier raus"},
      {"out of the bot's hands", "me tira daqui, pelo amor de deus"},
      {"help called for", "call an ambulance for the lady at the checkout"},
      {"help called for", "appelez la police, il casse tout"},
      {"help called for", "chiamate il 118 per favore"},
      {"done with the bot", "ich will nicht mit einem Bot chatten"},
      {"asked to act", "a human must look at my case"},
      {"asked to act", "could somebody telephone me after five?"},
      {"asked to act", "I'd rather the nurse checks it and rings me back"},
      {"asked to act", "kann eine Technikerin vorbeischauen und die Leitung prüfen?"},
      {"help called for", "policía ya, hay un tipo armado en la tienda"},
      {"help called for", "please get the police"},
      {"put in touch", "mettez-moi en relation avec un conseiller svp"},
      {"put in touch", "ponme en contacto con alguien de facturación"},
      {"a callback", "can I get a callback tomorrow morning?"},
      {"a callback", "é possível um retorno de ligação hoje?"},
      {"anyone there", "ma nu cristiano vero ce sta?"},
      {"put through", "mi passi un operatore, per favore"},
      {"put through", "me pasáis con alguien de devoluciones?"},
      {"put through", "pode me passar para o suporte?"},
      {"in charge, got", "holen Sie sofort den Filialleiter"},
      {"time with them", "can I book a video call with a nutritionist"},
      {"time with them", "quisiera concertar una reunión con mi asesora del banco"},
      {"time with them", "je voudrais un rendez-vous avec mon conseiller en agence"},
      {"time with them", "möchte einen Telefontermin mit einem Apotheker vereinbaren"},
      {"time with them", "posso marcar uma videochamada com um técnico?"},
      {"time with them", "vorrei prenotare una telefonata con la farmacista"},
      {"talked with", "speak to someone in French please"},
      // a role asked to act: the one who knows confirms
      {"a role asked to act", "need the pharmacist to confirm the dose before i give it to my daughter"},
      {"a role asked to act", "necesito que la enfermera me confirme si puedo ducharme"},
      {"a role asked to act", "ho bisogno che il farmacista mi confermi gli orari delle pastiglie"},
      // rather settled face to face
      {"settled face to face", "das kläre ich lieber persönlich in der Filiale"},
      {"settled face to face", "prefiro resolver isso no balcão"},
      {"settled face to face", "honestly id rather discuss it in person"},
      // the formal "your" boss asked for ("suo", "su", "seu" are also his or hers)
      {"your boss, formally", "mi passi il suo superiore, è la terza volta che scrivo"},
      {"your boss, formally", "páseme con su jefe, ya llevo una semana así"},
  };
  for (const Case& c : asks) {
    const Affect a = Analyze(c.text);
    CHECK_MESSAGE(a.HasCue(kCueHumanRequest), (std::string(c.category) + ": " + c.text));
    if (const Cue* cue = a.FindCue(kCueHumanRequest)) CHECK(cue->layer == kLayerPattern);
  }
  // The guards: a person mentioned or asked about, a negated request, a
  // product, a name, the visitor seen by a doctor (a booking).
  for (const char* text : {"please don't call me, email is fine", "no me llamen, prefiero el chat",
                           "bitte nicht anrufen", "my robot vacuum won't stop beeping", "stop the automatic renewal",
                           "je m'appelle Claire et j'ai une question", "mi chiamo Marco", "is anyone there on sundays",
                           "ich habe gestern mit der Apothekerin gesprochen, alles klar", "ich hätte gern den Katalog",
                           "j'aimerais que la livraison arrive avant vendredi",
                           "passe-me o link outra vez", "je voudrais mettre en contact mes deux comptes",
                           "can you check if the warehouse has it in blue", "quiero que me vea el médico esta semana",
                           "do your staff speak Polish?", "transfer my records to another clinic", "can you send my file to my new doctor",
                           "who can deliver to Spain?", "the nurse was lovely last time, thanks",
                           "zapatillas para escalar", "il faut remonter le store", "is the parking free?",
                           "je veux parler à personne, juste les horaires", "mi chiamo Giulia, ho un ordine",
                           // the new categories' look-alikes
                           "who is responsible for return postage?", "wer ist für die Rücksendung zuständig, DHL oder Hermes?",
                           "I need someone to sign for it, or can you leave it?", "I want to thank someone at your shop",
                           "how do I contact customer support about my card?", "can I speak with customer support?",
                           "como se chama a atendente de ontem?", "the head of the shower is loose, do you sell one?",
                           "I had a chat with your pharmacist yesterday, all sorted", "does the kit include a security camera?",
                           "quero um presente para a dona da casa", "mi serve un caricabatterie",
                           "who is responsible for the damage, the courier or you", "do you have whatsapp?",
                           "someone on whatsapp said you deliver on sundays",
                           // an appointment with a clinician is the booking itself; a call that was
                           "quiero pedir cita con la dermatóloga el jueves", "je voudrais un rendez-vous avec le dentiste",
                           // reviews by real people, whether real people read the chat, the ombudsman threatened
                           "avis de vraies personnes, les notes sont fausses ?", "do real people read these chats later?",
                           "je vais saisir le médiateur de la consommation", "me transfere o saldo pra conta nova",
                           "transfiéreme el dinero a la otra cuenta",
                           // nobody to call, the agent who was on the phone, a colleague coming by
                           "niemand muss mich anrufen, eine Mail reicht", "no hace falta que me llame nadie",
                           "não precisa ninguém me ligar", "the agent on the phone said 3-5 days, just confirming",
                           "la fattorina ha detto che domani passa un collega", "es para preguntar al médico luego",
                           // the visit already agreed, asked about
                           "o técnico pode vir amanhã? já marquei", "il tecnico può venire solo lunedì?",
                           "my video call with the adviser yesterday went fine", "ich hatte einen Termin mit meiner Beraterin, alles gut",
                           "in our family whatsapp group someone asked about your sale",
                           // giving, not putting through; the one in charge named, not asked for
                           "pfv me passa o horário da loja de Pinheiros", "what's the service charge on card payments?",
                           "la gérante m'a dit que c'était remboursable ?",
                           // a role named beside a wish that asks nothing of it
                           "i need the pharmacy to be open later on sundays", "i want the team to know the driver was great",
                           "quiero que el equipo sepa que todo fue genial",
                           // rather at the counter, to pay or collect
                           "prefiero recogerlo en la sucursal", "je préfère payer au guichet", "ich zahle lieber am Schalter",
                           // someone else's boss
                           "su jefe me dijo que estaba todo bien", "il suo superiore mi ha detto di scrivere qui"}) {
    CHECK_MESSAGE(!Analyze(text).HasCue(kCueHumanRequest), std::string(text));
  }
}

TEST_CASE("a call someone else will make is reported, not asked for") {
  // Written for this test: the callback words after a third person's will / would.
  for (const char* text : {"he said he'd ring me tomorrow", "the driver will call me when he's outside",
                           "my GP is going to phone me today about the bloods", "she'll call me back, all good",
                           "my bank said they would ring me at 3"}) {
    CHECK_MESSAGE(!Analyze(text).HasCue(kCueHumanRequest), std::string(text));
    CHECK_MESSAGE(!Judged(text).HasCue(kCueHumanRequest), std::string(text));
  }
  // Asked of the shop, whoever else is named: still requests.
  for (const char* text : {"will you call me tomorrow?", "can someone ring me today", "please ring me tomorrow, he won't",
                           "you'll phone me back?", "call me asap", "he said you would call me today",
                           // the promised call chased or missed
                           "Ms Ortiz said she'd call me back on Friday, could you remind her?",
                           "she said she'd ring me back today, still waiting", "he was supposed to call me today"}) {
    CHECK_MESSAGE(Analyze(text).HasCue(kCueHumanRequest), std::string(text));
  }
}

TEST_CASE("the person from before asked for again is a person request, without a model") {
  // Written for this test.
  for (const char* text : {"can I get the guy I talked to last week again, Mark", "could I speak to the same lady as yesterday",
                           "me pasas con la chica que me atendió ayer?", "je peux avoir la dame à qui j'ai parlé hier ?",
                           "Könnte ich nochmal den Kollegen von vorhin haben?", "posso falar com a moça que me atendeu ontem?",
                           "mi passi la signora con cui ho parlato ieri?",
                           // asked after, or handling the case
                           "I talked to Priya on Monday about the leak, is she around?",
                           "hab vorhin mit Herrn Kaya gesprochen, ist er erreichbar?",
                           "j'ai parlé à Mme Roux hier, est-elle disponible ?", "can I speak to the adjuster handling my claim",
                           "me pasas con la tramitadora que lleva mi caso"}) {
    CHECK_MESSAGE(Analyze(text).HasCue(kCueHumanRequest), std::string(text));
  }
  // Mentioned, not asked for; the same thing again; someone for a job.
  for (const char* text : {"the lady I spoke to yesterday said the refund was on its way", "can I have the same size as last time",
                           "could I get the same delivery man again? he was great",
                           "I spoke to your colleague yesterday, can I have a refund now?",
                           "I ordered the lamp yesterday, is it available in white?",
                           "my wife ordered yesterday, is she in your system?"}) {
    CHECK_MESSAGE(!Analyze(text).HasCue(kCueHumanRequest), std::string(text));
  }
}

TEST_CASE("a person asked for in a sentence of its own inside a longer message") {
  // Written for this test.
  for (const char* text : {"I've had enough of this. Human. Now.", "ya no aguanto más. un agente, por favor.",
                           "ça suffit. un responsable. maintenant.", "nichts klappt hier. einen Menschen bitte."}) {
    CHECK_MESSAGE(Analyze(text).HasCue(kCueHumanRequest), std::string(text));
  }
  for (const char* text : {"The pharmacist. She said to ask here about the dose.", "The manager was lovely. Thanks!"}) {
    CHECK_MESSAGE(!Analyze(text).HasCue(kCueHumanRequest), std::string(text));
  }
}

// The model reads each sentence of a longer message when the whole did not
// fire (a bag of n-grams drowns one sentence in the rest); curiosity and a
// reason given at once keep a question about people a question. Written for
// this test; the first line fires no person cue when only the whole is read.
TEST_CASE("the model hears a request in one sentence of a longer message; a curious question stays one") {
  // German's "someone asked to look at it, a place between" is also a rule since the person head was
  // refitted (2026-12-06), which reads that sentence at 0.89, under kSureSentence; either layer may hear it.
  struct Case { const char* text; bool by_model; };
  for (const Case& t : {Case{"Guten Tag, ich habe die Garantiekarte vom Fahrrad verloren und der Händler sagt, ohne Stempel geht "
                             "gar nichts, und die Hotline hat mich zweimal weggeschickt. Kann heute jemand im Laden in Graz draufschauen?", false},
                        Case{"buongiorno, ho perso la ricevuta della bici e il negozio dice che senza timbro non si può fare "
                             "niente, il numero verde mi ha già rimandata indietro due volte. c'è qualcuno in sede oggi?", true},
                        Case{"hola, perdí el ticket de la bici y en la tienda dicen que sin sello no se puede hacer nada, y en "
                             "el teléfono ya me mandaron de vuelta dos veces. hay alguien hoy en la oficina de Sevilla?", true}}) {
    const std::string text = t.text;
    const Affect a = Judged(text);
    REQUIRE_MESSAGE(a.HasCue(kCueHumanRequest), text);
    const Cue* c = a.FindCue(kCueHumanRequest);
    if (t.by_model) CHECK(c->layer == kLayerModel);
    // The evidence lies in the last sentence, the request's (found in the text as given: `begin` is an
    // offset into the cleaned text, which may be shorter).
    const size_t at = text.rfind(c->evidence);
    CHECK_MESSAGE(at != std::string::npos, c->evidence);
    CHECK_MESSAGE(at > text.rfind('.'), c->evidence);
  }
  for (const char* text : {"eres una persona? solo por curiosidad, respondes genial",
                           "Is the chat answered by people or automatically? Just wondering how long it'll take.",
                           "Tem algum humano aí no fim de semana? Pergunto porque quero saber se o reembolso sai no sábado."}) {
    CHECK_MESSAGE(!Judged(text).HasCue(kCueHumanRequest), std::string(text));
  }
}

TEST_CASE("help called or sent for through the business is a person request; the visitor's own call is not") {
  // Written for this test.
  for (const char* text : {"can you send the police to 4 Elm Road", "mandad una ambulancia a la calle Mayor 3",
                           "envoyez la police au 12 rue des Lilas", "bitte ruft die 110 für mich an",
                           "liga pro 192 por favor", "chiamate il 118 vi prego"}) {
    CHECK_MESSAGE(Analyze(text).HasCue(kCueHumanRequest), std::string(text));
  }
  for (const char* text : {"I'll call the police if this parcel doesn't turn up", "should I call 911 or drive him in?",
                           "do I need to call the police to report a stolen parcel?", "send the invoice to my email",
                           "voy a llamar a la policía si no aparece"}) {
    CHECK_MESSAGE(!Analyze(text).HasCue(kCueHumanRequest), std::string(text));
  }
}

TEST_CASE("a department needed, who decides, someone who can see my account: person requests without a model") {
  // Written for this test.
  for (const char* text : {"i need the fraud department, someone used my card", "necesito el departamento de reclamaciones",
                           "j'ai besoin du service facturation", "ich brauche die Beschwerdeabteilung",
                           "preciso do setor de reembolsos", "who decides this then??", "wer entscheidet das eigentlich?",
                           "I need someone who can actually see my account", "quelqu'un qui puisse voir mon dossier svp"}) {
    CHECK_MESSAGE(Analyze(text).HasCue(kCueHumanRequest), std::string(text));
  }
  // Things to buy or rent, contact details, a question about the process.
  for (const char* text : {"quiero el equipo de música en negro", "necesito el departamento de 2 habitaciones",
                           "ich brauche die Abteilung für Herrenmode", "we need a new team kit for our club",
                           "I need the billing department opening hours", "who decides the delivery date?",
                           "I don't need the returns department, just a label"}) {
    CHECK_MESSAGE(!Analyze(text).HasCue(kCueHumanRequest), std::string(text));
  }
}

TEST_CASE("a school's teacher talked to, a branch visit to see an adviser: person requests without a model") {
  // Written for this test.
  for (const char* text : {"how can I talk to my daughter's teacher?", "quiero hablar con la maestra de mi hijo",
                           "je voudrais parler à la maîtresse de ma fille", "kann ich mit der Klassenlehrerin sprechen?",
                           "could I come into the branch to see an adviser?", "puedo ir a la sucursal a ver a un asesor?",
                           "ich hätte gern einen Termin mit einer Anlageberaterin in der Filiale"}) {
    CHECK_MESSAGE(Analyze(text).HasCue(kCueHumanRequest), std::string(text));
  }
  // A teacher mentioned, a branch asked about, a booster or a reminder ("rappel").
  for (const char* text : {"the teacher said we need the blue notebook", "which branch is open on saturday?",
                           "I saw an adviser at the branch last week", "le rappel du vaccin est-il inclus ?",
                           "j'ai reçu un rappel de paiement, c'est normal ?"}) {
    CHECK_MESSAGE(!Analyze(text).HasCue(kCueHumanRequest), std::string(text));
  }
}

TEST_CASE("a department named alone asks to be put through; asked about, or how to reach it, it does not (no model)") {
  // Written for this test.
  for (const char* text : {"accounting", "customer care please", "atención al cliente por favor", "SAV svp",
                           "le service des retours svp", "servizio resi per favore",
                           "Rechnungsabteilung bitte", "apoio ao cliente", "ufficio fatturazione grazie"}) {
    CHECK_MESSAGE(Analyze(text).HasCue(kCueHumanRequest), std::string(text));
  }
  for (const char* text : {"accounting?", "contact customer service", "customer care opening hours",
                           "your customer care is a joke", "la facturación de marzo está mal", "Rechnungsabteilung Adresse",
                           "how do I contact customer service", "el servicio al cliente me dijo que esperara",
                           "le numéro du service client ?", "service des retours ?"}) {
    CHECK_MESSAGE(!Analyze(text).HasCue(kCueHumanRequest), std::string(text));
  }
}

TEST_CASE("someone from a team, a human, a person who helps or speaks my language, asked for without a request verb (no model)") {
  // Written for this test.
  for (const char* text : {"il faudrait que quelqu'un du service comptabilité corrige la facture",
                           "jemand aus der Rechnungsabteilung muss das korrigieren", "someone from billing must fix this",
                           "sería más fácil si alguien de devoluciones lo tramita", "can a human just unlock my account",
                           "bitte kann ein Mensch das Konto freischalten", "que lo revise un humano, por favor",
                           "um humano pode ver isso?", "is there someone who speaks Ukrainian? my English is bad",
                           "c'è qualcuno che parla inglese?", "¿me puede ayudar una persona? no entiendo la app",
                           "un client crie dans le magasin. que quelqu'un de la sécurité vienne vite",
                           "que alguien de facturación me llame hoy", "seria mais fácil alguém da troca resolver isso",
                           "hol mir wen der antworten kann"}) {
    CHECK_MESSAGE(Analyze(text).HasCue(kCueHumanRequest), std::string(text));
  }
  // Reported, guessed at, a product, a privacy question, a human declined.
  for (const char* text : {"quelqu'un du service client m'a appelé hier", "someone from your team must have typed it wrong",
                           "jemand aus der Buchhaltung hat mir geschrieben", "can a human hair wig be dyed?",
                           "could a human access this conversation later?", "I don't need a human, just the link",
                           "is it a human error or a bug?", "do your staff speak Polish?",
                           "can a person come and help me carry the sofa upstairs?", "una persona me dijo que llegaba hoy",
                           "je pense que quelqu'un du service a oublié mon colis",
                           "¿puedo pasar por el arco de seguridad con marcapasos?", "como faço a troca na loja física?",
                           "wen soll ich als Empfänger eintragen?"}) {
    CHECK_MESSAGE(!Analyze(text).HasCue(kCueHumanRequest), std::string(text));
  }
}

TEST_CASE("asking whether a person has read the message is a person request; a product's readers are not") {
  for (const char* text : {"has a real person even looked at my ticket?", "did anybody actually read my emails",
                           "alguien leyó mi reclamo o no?", "quelqu'un a lu ma réclamation ?",
                           "alguem viu meu pedido de verdade?", "qualcuno ha guardato la mia richiesta?"})
    CHECK_MESSAGE(Analyze(text).HasCue(kCueHumanRequest), std::string(text));
  for (const char* text : {"has anyone seen the new winter collection?", "my husband read the message and laughed",
                           "did anyone read the reviews of this jacket"})
    CHECK_MESSAGE(!Analyze(text).HasCue(kCueHumanRequest), std::string(text));
  // Others' experience with a product asks for nobody, not even through the model.
  for (const char* text : {"quelqu'un a testé ce manteau ?", "alguien ha probado estas zapatillas?",
                           "has anybody washed this sweater yet?", "hat jemand die Jacke schon getragen?"})
    CHECK_MESSAGE(!Judged(text).HasCue(kCueHumanRequest), std::string(text));
}

TEST_CASE("telling the bot again is frustration without a model; counting doses is not") {
  for (const char* text : {"i already told you the order number", "ya te lo dije, es el pedido 4411",
                           "je vous l'ai déjà dit deux fois", "das hab ich schon gesagt",
                           "já te disse o meu nome", "te l'ho già detto", "for the third time, it's the blue one",
                           "es la tercera vez que escribo"}) {
    const Affect a = Analyze(text);
    CHECK_MESSAGE(a.HasCue(kCueFrustration), std::string(text));
  }
  for (const char* text : {"how many times a day should I take it?", "cuántas veces al día la tomo?",
                           "it's my second order with you"}) {
    CHECK_MESSAGE(!Analyze(text).HasCue(kCueFrustration), std::string(text));
  }
}

TEST_CASE("the model's person head is silenced on its hard negatives, not on a request beside them") {
  for (const char* text : {"no need for a person, the chat is fine", "¿su personal habla francés?",
                           "c'est pour deux personnes ?", "preferisco non parlare con nessuno, grazie",
                           // French "à personne" (à folds to the article "a"), "sans ... personne ?"
                           "j'ai pas besoin de parler à personne, donnez-moi juste le suivi",
                           "on peut tout régler sans appeler personne ?",
                           // someone who took something, someone else collecting, a product's
                           // "real" or "human", a scam asked about, "niemandem" before the verb
                           "someone nicked the parcel from my porch", "alguém roubou a encomenda do portão",
                           "can another person sign for the parcel?", "darf jemand anderes das Paket abholen?",
                           "is the wallet real leather?", "avete extension di capelli umani?",
                           "me llegó un correo de que un agente revisará mi cuenta, ¿es fraude?",
                           "ich will mit niemandem reden, nur die Lieferzeit bitte",
                           // whether a person reads the chat, asked for privacy (both layers heard a request)
                           "can a human see my chat messages?", "quick question, do staff read my messages?",
                           "¿los empleados pueden leer esta conversación? me preocupa la privacidad",
                           "liest ein Mitarbeiter meine Nachrichten mit? Datenschutz ist mir wichtig",
                           // ... someone reading, with what is stored or an ID number to send
                           "speichert ihr das und liest jemand die nachrichten?",
                           "alguien lee estos mensajes? me da cosa poner mi dni",
                           // someone who did something on the visitor's card or account, told
                           "alguien hizo compras con mi tarjeta", "alguém fez compras com o meu cartão",
                           "qualcuno ha usato la mia carta",
                           // a person declined, which the head read as asked for (0.89-0.99)
                           "no hace falta hablar con una persona, tú me vales",
                           "pas besoin de parler à un conseiller, tu me suffis",
                           "don't transfer me to an agent please",
                           "i dont want to talk to a person, just tell me the price",
                           // the bot accepted, or put above a person
                           "t'es un bot ? ok pas de souci, t'es plus rapide de toute façon",
                           "sei un bot? ok nessun problema, sei anche più veloce",
                           "me encanta que el bot responda rápido, mejor que esperar a un agente"}) {
    CHECK_MESSAGE(!Judged(text).HasCue(kCueHumanRequest), std::string(text));
  }
  for (const char* text : {"no i want a real person", "someone senior please, not another first-line agent",
                           // a machine declined, a person asked for
                           "no quiero hablar con una máquina, quiero una persona",
                           "I don't want a bot, I want a human", "non voglio parlare con il bot voglio un operatore",
                           "es un bot? esta bien pero necesito hablar con alguien", "i'd rather talk to a person than a bot",
                           "are you a bot? i want a real person",
                           "je veux parler à une personne", "je peux parler à quelqu'un ?",
                           // a visitor left waiting, or asking a reader to act
                           "has a person read my message yet?", "can a human read my messages and answer me?",
                           // an English negative question asks, "?" or not
                           "cant we just call someone about this", "couldnt i just ring someone",
                           // someone asked to look at what was done
                           "alguien puede revisar quien uso mi tarjeta?", "can someone check who used my card"}) {
    CHECK_MESSAGE(Judged(text).HasCue(kCueHumanRequest), std::string(text));
  }
}

TEST_CASE("evidence offsets are UTF-16 offsets into the message as given") {
  // Emoji (surrogate pairs), accents, a dropped zero-width character and a
  // tab before the evidence: JavaScript's slice must give the evidence back.
  const std::string text = "😭😭 \u200bhola\t… quiero hablar con una persona real por favor";
  const Affect a = Judged(text);
  const Cue* c = a.FindCue(kCueHumanRequest);
  REQUIRE(c != nullptr);
  // The evidence begins after "😭😭 " (5 units) + the dropped ZWSP (1) + "hola\t… " (7).
  CHECK(c->begin16 >= 13);
  CHECK(c->end16 - c->begin16 == Utf16Length(c->evidence));
  CHECK(c->layer.size() > 0);
}

TEST_CASE("a model-fired cue says so, with its probability, and analyze prints language, kind and heads") {
  // No pattern floor in it ("third time i'm asking" has one): the model alone hears the sarcasm.
  const Affect a = Judged("oh brilliant, another week of waiting, just love it. still nothing");
  Conversation conversation;
  Affect copy = a;
  const Decision d = conversation.ObserveMessage("x", &copy, false);
  const std::string json = AnalysisToJson(a, d);
  for (const char* key : {"\"language\":\"en\"", "\"heads\":{\"crisis\":{", "\"human_request\":{", "\"frustration\":{",
                          "\"negativity\":{", "\"crisis_kind\":null"})
    CHECK_MESSAGE(json.find(key) != std::string::npos, key);
  const Cue* f = a.FindCue(kCueFrustration);
  REQUIRE(f != nullptr);
  CHECK(f->layer == kLayerModel);
  CHECK(f->probability >= a.judgement.heads[2].threshold);
  // Sarcastic praise is not positive any more.
  CHECK(a.valence < 0);
}

static void CheckCrisis(const char* text, const char* kind);

// Warning signs put as account admin: a pet given away, the balance donated,
// "nothing left", "nobody will read it", "it will be me". Written for this
// test; each sign alone is routine, so the negatives have one sign each, or a
// complaint, or a pet rehomed with its food subscription.
// Not living to see a date, outliving one's card, nobody left to answer:
// written for this test, with the look-alikes each rule names.
TEST_CASE("not wanting to live, in the visitor's own words, is a self-harm crisis without a model") {
  // Written for this test: a negated wish of the visitor's own, perhaps to
  // keep on, then living; and the ways to live somewhere, with or without.
  for (const char* text : {"honestly i don't want to keep living like this", "ya no quiero seguir viviendo así",
                           "je ne veux plus continuer à vivre", "ich möchte nicht mehr am Leben sein",
                           "não quero mais estar viva", "non voglio più stare al mondo, scusate",
                           "don't want to be alive anymore"}) {
    const Affect a = Analyze(text);
    REQUIRE_MESSAGE(a.HasCue(kCueCrisis), std::string(text));
    CHECK(a.FindCue(kCueCrisis)->kind == kCrisisSelfHarm);
  }
  for (const char* text : {"my son doesn't want to live with us anymore, can I change the delivery address?",
                           "I don't want to live without my coffee lol, when does it ship?",
                           "no quiero vivir otra vez esto con ustedes, devuélvanme el dinero",
                           "je ne veux pas vivre à Paris, livrez-vous à Lyon ?", "non voglio vivere senza wifi",
                           "i don't want live chat, email me"}) {
    CHECK_MESSAGE(!Analyze(text).HasCue(kCueCrisis), std::string(text));
  }
}

TEST_CASE("to disappear for good, everything to stop, better off without me, cutting, never waking: self-harm without a model") {
  // Written for this test.
  for (const char* text : {"honestly i just wanna disappear forever", "quisiera desaparecer para siempre",
                           "je voudrais disparaître à jamais", "ich möchte nur für immer verschwinden",
                           "só quero sumir pra sempre", "vorrei scomparire per sempre", "i want everything to end",
                           "quero que tudo acabe", "sie wären alle besser dran ohne mich",
                           "mi familia estaría mejor si yo no existiera", "je me suis encore scarifiée, je sais plus quoi faire",
                           "je voudrais m'endormir et ne jamais me réveiller", "einfach einschlafen und nie wieder aufwachen"}) {
    const Affect a = Analyze(text);
    REQUIRE_MESSAGE(a.HasCue(kCueCrisis), std::string(text));
    CHECK(a.FindCue(kCueCrisis)->kind == kCrisisSelfHarm);
  }
  for (const char* text : {"will this colour disappear forever from the shop?", "i want the emails to stop",
                           "quero que tudo isso acabe logo, já paguei a multa", "je veux disparaître, j'ai envoyé le mail à toute la boîte",
                           "das Angebot wird für immer verschwinden?"}) {
    CHECK_MESSAGE(!Analyze(text).HasCue(kCueCrisis), std::string(text));
  }
}

TEST_CASE("a dose asked for to end it is self-harm; a dosage, a child's or a pest's poisoning question is not (no model)") {
  // Written for this test.
  for (const char* text : {"how many tylenol before it's fatal", "¿cuántas pastillas de diazepam para no despertar?",
                           "combien de cachets de lithium pour que le coeur s'arrête", "wie viel insulin damit das herz stehen bleibt",
                           "quantos comprimidos de tramadol pra não ter volta", "quante compresse di xanax per non svegliarsi più",
                           "cuánto veneno para ratas para que funcione en una persona de 70 kilos"}) {
    const Affect a = Analyze(text);
    REQUIRE_MESSAGE(a.HasCue(kCueCrisis), std::string(text));
    CHECK(a.FindCue(kCueCrisis)->kind == kCrisisSelfHarm);
  }
  for (const char* text : {"how much ibuprofen can I take for a headache", "cuánto veneno para ratas necesito para que funcione",
                           "wie viele Tabletten darf man maximal nehmen?", "quanti grammi di paracetamolo al giorno per la febbre",
                           "what's the most melatonin my dog's vet says is fatal for a cat?"}) {
    CHECK_MESSAGE(!Analyze(text).HasCue(kCueCrisis), std::string(text));
  }
}

TEST_CASE("a robbery under way is violence now; one that was, a film or a price is not (no model)") {
  // Written for this test.
  for (const char* text : {"there's an armed robbery in the bank right now", "nos están asaltando en la sucursal",
                           "braquage en cours à l'agence, ils ont des armes", "Überfall in der Filiale, die sind bewaffnet",
                           "tão assaltando a loja agora", "c'è una rapina in corso in farmacia"}) {
    const Affect a = Analyze(text);
    REQUIRE_MESSAGE(a.HasCue(kCueCrisis), std::string(text));
    CHECK(a.FindCue(kCueCrisis)->kind == kCrisisViolence);
  }
  for (const char* text : {"I was robbed yesterday, can I block my card now?", "is my phone insured against robbery?",
                           "that robbery film, is it on sale now?", "these prices are daylight robbery right now",
                           "ho fatto un corso di primo soccorso, cosa fare se uno sviene?"}) {
    CHECK_MESSAGE(!Analyze(text).HasCue(kCueCrisis), std::string(text));
  }
}

TEST_CASE("gas smelled at home is an emergency; a detector or a car is not (no model)") {
  // Written for this test.
  for (const char* text : {"there's a gas smell in the hallway, quite strong", "huele a gas en la cocina",
                           "ça sent le gaz dans tout l'appart", "es riecht nach Gas im Keller", "tá com cheiro de gás aqui em casa",
                           "c'è puzza di gas in cucina"}) {
    const Affect a = Analyze(text);
    REQUIRE_MESSAGE(a.HasCue(kCueCrisis), std::string(text));
    CHECK(a.FindCue(kCueCrisis)->kind == kCrisisMedicalEmergency);
  }
  for (const char* text : {"do you sell a gas leak detector?", "my car smells like gas, is that the fuel pump?",
                           "hubo una fuga de gas ayer, ya está arreglado, ¿me devolvéis la factura?"}) {
    CHECK_MESSAGE(!Analyze(text).HasCue(kCueCrisis), std::string(text));
  }
}

TEST_CASE("an asthma attack the inhaler does not stop, a diabetic's low described: emergencies without a model") {
  // Written for this test.
  for (const char* text : {"she's having an asthma attack and the inhaler isn't helping", "ataque de asma, el inhalador no funciona",
                           "crise d'asthme et la ventoline marche pas", "Asthmaanfall, Notfallspray wirkt nicht",
                           "ele é diabético, está tremendo e confuso", "sono diabetica, sto sudando e sono da sola"}) {
    const Affect a = Analyze(text);
    REQUIRE_MESSAGE(a.HasCue(kCueCrisis), std::string(text));
    CHECK(a.FindCue(kCueCrisis)->kind == kCrisisMedicalEmergency);
  }
  for (const char* text : {"my asthma inhaler isn't working any more, can I order a refill?",
                           "what are the signs of a hypo? shaking, sweating, confusion?",
                           "my diabetic cat is shaking and alone at home while I work"}) {
    CHECK_MESSAGE(!Analyze(text).HasCue(kCueCrisis), std::string(text));
  }
}

TEST_CASE("self-service tried again and again is frustration; buying or dosing three times is not (no model)") {
  // Written for this test.
  for (const char* text : {"I've already reset it three times", "ya lo reinicié 4 veces", "j'ai déjà rempli le formulaire deux fois",
                           "hab das schon zweimal hochgeladen", "já enviei o comprovante 3 vezes", "ho già inviato la foto due volte"}) {
    CHECK_MESSAGE(Analyze(text).HasCue(kCueFrustration), std::string(text));
  }
  for (const char* text : {"ya he comprado 3 veces aquí y siempre bien", "I take it 3 times a day already",
                           "already ordered twice, love the tea"}) {
    CHECK_MESSAGE(!Analyze(text).HasCue(kCueFrustration), std::string(text));
  }
}

TEST_CASE("veiled farewells: nothing mattering after a date, letters written, a last message, affairs and passwords, a life policy (no model)") {
  // Written for this test.
  for (const char* text : {"cancel the newsletter, after friday none of this will matter", "a partir del lunes ya nada importa, cancelad todo",
                           "les lettres sont déjà écrites, merci pour tout", "das ist meine letzte Nachricht an irgendwen",
                           "quero deixar tudo em ordem antes de sábado, como passo as senhas pro meu filho?",
                           "la polizza vita paga anche se mi tolgo... se è suicidio?"}) {
    const Affect a = Analyze(text);
    REQUIRE_MESSAGE(a.HasCue(kCueCrisis), std::string(text));
    CHECK(a.FindCue(kCueCrisis)->kind == kCrisisSelfHarm);
  }
  for (const char* text : {"wrote the letter for the insurance, sending it tomorrow", "the letters for Santa are written, do you sell stamps?",
                           "after the sale nothing matters more than stock, lol", "I want everything in order before the move, how do I pass my passwords to my wife?",
                           "does the life insurance pay out if I die abroad?"}) {
    CHECK_MESSAGE(!Analyze(text).HasCue(kCueCrisis), std::string(text));
  }
}

TEST_CASE("intruders heard at home now are violence; the neighbours' party is not (no model)") {
  // Written for this test.
  for (const char* text : {"i can hear someone downstairs, i'm upstairs with the baby", "oigo pasos abajo y estoy sola",
                           "j'entends quelqu'un dans la maison", "ich höre Stimmen im Keller", "estou ouvindo alguém lá embaixo",
                           "sento qualcuno di sotto"}) {
    const Affect a = Analyze(text);
    REQUIRE_MESSAGE(a.HasCue(kCueCrisis), std::string(text));
    CHECK(a.FindCue(kCueCrisis)->kind == kCrisisViolence);
  }
  for (const char* text : {"i can hear the neighbours' party downstairs, so annoying", "ich höre Musik im Keller, ist das der Lautsprecher?"}) {
    CHECK_MESSAGE(!Analyze(text).HasCue(kCueCrisis), std::string(text));
  }
}

TEST_CASE("not living to see a date is a self-harm crisis without a model; a party missed or a shop closed is not") {
  for (const char* text : {"please cancel the advent calendar. i won't see christmas", "no llego a navidad, anulen todo",
                           "je ne verrai pas mon anniversaire, annulez la commande du cadeau",
                           "den Geburtstag erlebe ich nicht mehr, bitte stornieren", "não chego ao natal, cancelem",
                           "the membership runs till 2026 but i wont be", "la carta scade nel 2028 ma io no",
                           "delete my number. after tomorrow nobody will answer it",
                           "borrad mi correo. a partir de mañana nadie va a contestar"}) {
    const Affect a = Analyze(text);
    REQUIRE_MESSAGE(a.HasCue(kCueCrisis), std::string(text));
    CHECK(a.FindCue(kCueCrisis)->kind == kCrisisSelfHarm);
  }
  for (const char* text : {"i won't see christmas with my family this year, working abroad, can you ship the gifts?",
                           "I won't make it to my birthday party, can I move the cake delivery?",
                           "no llego a fin de mes, ¿puedo pagar el pedido en dos veces?",
                           "the parcel won't make it to christmas, will it?", "my card is valid till 2027, why is it declined?",
                           "after today nobody will answer the phone, the shop is closed for the holidays",
                           "no one will be home on monday to sign, can you deliver tuesday?"}) {
    CHECK_MESSAGE(!Analyze(text).HasCue(kCueCrisis), std::string(text));
  }
}

TEST_CASE("a means with its everyday use denied, a rope to hold one's weight, all of them tonight: self-harm without a model") {
  // Written for this test, with the look-alikes each rule names.
  for (const char* text : {"got the rope today. it's not for climbing", "compré carbón y cinta. no es para una barbacoa",
                           "j'ai reçu les couteaux, c'est pas pour cuisiner", "hält das Seil mein Gewicht? ist nicht zum Klettern",
                           "a corda aguenta o meu peso?", "voglio prenderle tutte stanotte", "i'm going to take them all"}) {
    const Affect a = Analyze(text);
    REQUIRE_MESSAGE(a.HasCue(kCueCrisis), std::string(text));
    CHECK(a.FindCue(kCueCrisis)->kind == kCrisisSelfHarm);
  }
  for (const char* text : {"the rope is not for climbing, it's for my boat", "will this hammock rope hold my weight?",
                           "la cuerda del columpio aguanta mi peso?", "el cuchillo no es para cocinar, es un regalo",
                           "can I take them all at once or one by one? the vitamins", "charcoal for the bbq and some tape please"}) {
    CHECK_MESSAGE(!Analyze(text).HasCue(kCueCrisis), std::string(text));
  }
}

TEST_CASE("'they will kill me if' is the model's to judge: a threat is a crisis, a joke about a parcel is not") {
  // Written for this test. The reflexive pattern "me tuer" (kill myself) no
  // longer reads someone else's "va me tuer si" as self-harm.
  for (const char* text : {"mes gosses vont me tuer si la ps5 arrive pas", "ma femme va me tuer si elle voit la facture"}) {
    CHECK_MESSAGE(!Analyze(text).HasCue(kCueCrisis), std::string(text));
    CHECK_MESSAGE(!Judged(text).HasCue(kCueCrisis), std::string(text));
  }
  CHECK_FALSE(Analyze("ça va me tuer ce délai").HasCue(kCueCrisis));  // the pattern's part; the model still hears it
  for (const char* text : {"mon mari a dit qu'il va me tuer si je commande encore", "je vais me tuer"}) {
    CHECK_MESSAGE(Judged(text).HasCue(kCueCrisis), std::string(text));
  }
  // "kill me if" a delivery fails or a bill is seen is a shopper's hyperbole
  // (MarkKillMeIfHyperbole); a sure model still hears what else is said.
  for (const char* text : {"my kids will kill me if the ps5 doesn't arrive", "mi mujer me mata si ve la factura",
                           "mi moglie mi ammazza se vede la fattura", "mein Mann bringt mich um, wenn er die Rechnung sieht"}) {
    CHECK_MESSAGE(!Judged(text).HasCue(kCueCrisis), std::string(text));
  }
  for (const char* text : {"my husband will kill me if he sees the bill, he already hit me last night",
                           "il va me tuer s'il me trouve", "he said he will kill me if i call the police"}) {
    CHECK_MESSAGE(Judged(text).HasCue(kCueCrisis), std::string(text));
  }
  CHECK(Analyze("je vais me tuer ce soir").HasCue(kCueCrisis));
}

TEST_CASE("a farewell dressed as account admin is a self-harm crisis without a model; one sign alone is not") {
  for (const char* text : {"please shut my account and donate the balance to the dogs trust, i gave my dog to my brother, nothing left to sort",
                           "le di la gata a mi vecina y ya no me queda nada que arreglar, cierren la cuenta",
                           "annulez tout, j'ai donné mon chien à ma cousine, personne ne lira vos mails de toute façon",
                           "Meine Katze habe ich verschenkt und alles geregelt. Das Konto kann weg.",
                           "cancelem tudo, não vou mais precisar depois de sexta. ninguém vai ler os e-mails mesmo",
                           "che succede all'abbonamento se il titolare muore? lo chiedo perché sarò io, presto",
                           "what happens to the points if the member dies? asking because that will be me soon",
                           "é o meu último pedido, não preciso dos pontos"}) {
    const Affect a = Analyze(text);
    REQUIRE_MESSAGE(a.HasCue(kCueCrisis), std::string(text));
    CHECK(a.FindCue(kCueCrisis)->kind == kCrisisSelfHarm);
  }
  for (const char* text : {"we rehomed our dog last week, please cancel the dog food box",
                           "I gave my cat to my sister so I won't need the cat litter subscription after Friday",
                           "this is my last order, I'm moving to Canada",
                           "worst service ever, this is my last order and nobody will read this complaint anyway",
                           "this is my last order, nobody will read this feedback anyway",
                           "my father died, what happens to his account?",
                           "who will sign for the parcel? it will be me, I'm home all day",
                           "ist mit der Rücksendung alles geregelt?", "what happens to my order if the courier dies lol",
                           "no me queda nada de saldo, ¿cómo recargo?"}) {
    CHECK_MESSAGE(!Analyze(text).HasCue(kCueCrisis), std::string(text));
  }
}

TEST_CASE("violence against someone else now, and a lethal dose asked for, are crises without a model") {
  for (const char* text : {"two men are beating him outside your shop right now", "están golpeando a una señora en la caja",
                           "ils le tabassent devant la pharmacie", "da wird gerade jemand verprügelt",
                           "estão espancando o segurança", "stanno picchiando un ragazzo qui fuori"}) {
    const Affect a = Analyze(text);
    REQUIRE_MESSAGE(a.HasCue(kCueCrisis), std::string(text));
    CHECK(a.FindCue(kCueCrisis)->kind == kCrisisViolence);
  }
  for (const char* text : {"how many of the sleeping tablets all at once would be enough",
                           "cuántas pastillas de una vez para estar segura de que es suficiente",
                           "what is the lethal dose of paracetamol"}) {
    const Affect a = Analyze(text);
    REQUIRE_MESSAGE(a.HasCue(kCueCrisis), std::string(text));
    CHECK(a.FindCue(kCueCrisis)->kind == kCrisisSelfHarm);
  }
  for (const char* text : {"is two tablets at once enough for a migraine?", "my team is beating the record",
                           "our prices are beating the competition"}) {
    CHECK_MESSAGE(!Analyze(text).HasCue(kCueCrisis), std::string(text));
  }
  // Someone hit now, a threat closing in, someone armed threatening people;
  // written for this test.
  for (const char* text : {"the nanny is hitting my son right now, I see it on the baby monitor",
                           "il est en train de frapper ma soeur", "er ohrfeigt gerade meine Mutter im Flur",
                           "he texted that he knows where I live and he's on his way",
                           "sabe onde eu moro e disse que vem pra cá agora",
                           "hay un hombre con un machete amenazando a los clientes", "un tizio con una pistola minaccia il cassiere",
                           "mein Ex schreibt mir ständig von neuen Nummern und steht jetzt vor meiner Wohnung",
                           "the driver ran me over on purpose and says he's coming back", "il corriere ha forzato l'ingresso e non se ne va",
                           "my boyfriend said he will beat me if I order again and he's on his way",
                           "mi marido me va a pegar cuando vea la factura, ya está llegando"}) {
    CheckCrisis(text, kCrisisViolence);
  }
  for (const char* text : {"my heart is beating fast now, is that the caffeine pills?", "der Upload schlägt gerade fehl",
                           "knock knock, someone is hitting the door right now, is that the courier?",
                           "the baby is kicking a lot now, which pregnancy pillow?",
                           "the courier keeps calling me, he says he is outside my house with the parcel",
                           "my sister will beat me at this game when it arrives, is it coming tomorrow?"}) {
    CHECK_MESSAGE(!Analyze(text).HasCue(kCueCrisis), std::string(text));
  }
}

// A crisis cue on `text`, without a model, of kind `kind`.
static void CheckCrisis(const char* text, const char* kind) {
  const Affect a = Analyze(text);
  CHECK_MESSAGE(a.HasCue(kCueCrisis), std::string(text));
  if (a.HasCue(kCueCrisis)) CHECK_MESSAGE(a.FindCue(kCueCrisis)->kind == kind, std::string(text));
}

// Harm done to the visitor by someone else is violence, whether the model or
// a reflexive pattern ("me matar", "me tuer") heard the crisis: the kind picks
// the lines shown (the emergency number and the line for violence at home,
// not a suicide line). Written for this test; the visitor's own intent stays
// self-harm.
TEST_CASE("harm done to the visitor by another is a violence crisis, their own intent stays self-harm") {
  for (const char* text : {"he hurt me again last night and i dont know what to do",
                           "my husband keeps hitting me when he drinks, hes asleep now",
                           "meu ex tá no portão gritando que vai me matar", "il dit qu'il va me tuer ce soir",
                           "mi novio me pegó anoche y tengo miedo de volver", "mi ha picchiata di nuovo stanotte"}) {
    const Affect a = Judged(text);
    REQUIRE_MESSAGE(a.HasCue(kCueCrisis), std::string(text));
    CHECK_MESSAGE(a.FindCue(kCueCrisis)->kind == kCrisisViolence, std::string(text));
  }
  CheckCrisis("o entregador ta na minha porta ameaçando me matar", kCrisisViolence);
  for (const char* text : {"vou me matar hoje a noite", "je vais me tuer ce soir", "i hurt myself again last night, deeper this time"}) {
    const Affect a = Judged(text);
    REQUIRE_MESSAGE(a.HasCue(kCueCrisis), std::string(text));
    CHECK_MESSAGE(a.FindCue(kCueCrisis)->kind == kCrisisSelfHarm, std::string(text));
  }
}

// Pills running out, asked about for a refill: the model's unsure self-harm on the pills'
// words (0.50-0.73) showed the crisis card to clinic visitors. Written for this test; the
// plans beside pills keep theirs.
TEST_CASE("nobody showing up for a delivery is a complaint, not a crisis; nobody in one's life still can be") {
  // Written for this test. The model read self-harm (0.56) into "nobody showed up".
  const Affect a = Judged("I took the day off for this and nobody showed up");
  CHECK(a.HasCue(kCueFrustration));
  CHECK_FALSE(a.HasCue(kCueCrisis));
  CHECK(Judged("nobody came to see me, nobody ever does, i want to end it").HasCue(kCueCrisis));
}

// Written for this test, in the shapes of the read probe misses (2026-12-06), not copied.
TEST_CASE("a trip one way for a last look, ending it tonight, insulin stopped on purpose, an inhaler that does nothing, an armed robbery (no model)") {
  for (const char* text : {"one way train ticket to the coast please, dont need a return, want to see the sea one last time",
                           "billete solo de ida a cadiz, quiero ver el mar una ultima vez",
                           "passagem só de ida pra salvador, quero ver minha praia uma última vez",
                           "i'm ending it tonight, you can cancel the order", "ich hab beschlossen schluss zu machen. mit allem.",
                           "stopped my insulin on purpose three days ago", "hab das Insulin absichtlich abgesetzt",
                           "how many sleeping pills so i dont wake up", "combien de cachets pour ne plus se réveiller"}) {
    CheckCrisis(text, kCrisisSelfHarm);
  }
  for (const char* text : {"my inhaler isn't doing anything and i can barely breathe", "el inhalador no me hace nada, me ahogo",
                           "ventoline ne fait rien, j'arrive plus à parler"}) {
    CheckCrisis(text, kCrisisMedicalEmergency);
  }
  for (const char* text : {"there's a robbery in your store right now, a man with a gun at the till",
                           "atraco en la tienda, un tipo con un cuchillo"}) {
    CheckCrisis(text, kCrisisViolence);
  }
  // Look-alikes: a move, a code tried again, a broken inhaler, a breakup, a robbery long past.
  for (const char* text : {"I need a one way ticket to Lisbon, I'm moving there for work",
                           "can I try one last time to enter the code? one way or another I need in",
                           "my inhaler isn't working, the button is stuck, can I get a replacement?",
                           "were ending it with the old supplier today", "we were robbed at knife point last year, does the policy cover it?",
                           "ich mache schluss mit meinem freund, kann ich die bestellung stornieren?"}) {
    CHECK_MESSAGE(!Analyze(text).HasCue(kCueCrisis), std::string(text));
  }
}

TEST_CASE("asking whether anyone has even opened the visitor's case is asking for a person; others' experience is not") {
  // Written for this test, in the shapes of the read probe misses (2026-12-06).
  for (const char* text : {"has anyone even looked at my claim? its been 3 weeks", "quelqu'un a seulement regardé ma réclamation ?",
                           "alguien ha siquiera abierto mi expediente?", "alguém chegou a abrir o meu pedido?",
                           "ho mandato tutto a marzo, qualcuno l'ha almeno letta?"}) {
    CHECK_MESSAGE(Analyze(text).HasCue(kCueHumanRequest), std::string(text));
  }
  for (const char* text : {"has anyone ever looked at the reviews for this blender?", "alguém viu meu cachorro? fugiu ontem",
                           "quelqu'un a vu mon colis chez le voisin ?"}) {
    CHECK_MESSAGE(!Analyze(text).HasCue(kCueHumanRequest), std::string(text));
  }
}

TEST_CASE("pills running out is a refill, not a crisis; pills saved up or all taken still are") {
  for (const char* text : {"os comprimidos estão a acabar", "se me acaban las pastillas", "im down to my last few tablets",
                           "running low on my sertraline, what do I do"}) {
    CHECK_MESSAGE(!Judged(text).HasCue(kCueCrisis), std::string(text));
  }
  for (const char* text : {"i only have 3 pills left and im going to take them all tonight",
                           "ich hab noch 40 tabletten gesammelt, heute nacht nehm ich alle"}) {
    CHECK_MESSAGE(Judged(text).HasCue(kCueCrisis), std::string(text));
  }
}

// The categories a retrained model stopped carrying on its own (2026-12-05):
// written for this test, in the shapes of the read probe halves, not copied.
TEST_CASE("stabbed a moment ago, a way forced in, a beating on the ground, an armed patient, meningitis signs, an end planned (no model)") {
  for (const char* text : {"a guy just got stabbed in your car park", "acaban de acuchillar a un señor en la entrada",
                           "ils viennent de poignarder un client devant le magasin",
                           "vor eurer Filiale wurde gerade jemand niedergestochen",
                           "acabaram de esfaquear um rapaz na porta da loja", "hanno appena accoltellato un ragazzo fuori dal bar",
                           "he forced his way into my flat and won't leave", "se metió a la fuerza en mi casa y no se va",
                           "mio cognato è entrato con la forza in casa", "a lad is getting beaten up in your car park",
                           "a patient has a knife in the waiting room"}) {
    CheckCrisis(text, kCrisisViolence);
  }
  for (const char* text : {"my daughter has a fever and a stiff neck and she's very sleepy",
                           "il a de la fièvre et des taches violettes sur les jambes", "mein Sohn hat Fieber und einen steifen Nacken",
                           "she fell and the blood from her head won't stop", "o meu pai está a falar arrastado",
                           "mia madre si è accasciata in cucina"}) {
    CheckCrisis(text, kCrisisMedicalEmergency);
  }
  for (const char* text : {"wie viele von denen braucht man, damit das Herz stehen bleibt", "sabato la faccio finita",
                           "not planning on being around after christmas, cancel the subscription",
                           "i really dont see the point in living anymore"}) {
    CheckCrisis(text, kCrisisSelfHarm);
  }
  for (const char* text : {"I just got shot down by your refunds team", "the courier forced the parcel into the letterbox",
                           "oggi la faccio finita con queste pratiche", "la faccio finita con la burocrazia entro venerdì",
                           "I have a stiff neck from sleeping badly, do you sell heat patches?",
                           "after the meningitis vaccine he had a fever and a stiff neck, is that normal?",
                           "my gums bleeding doesn't stop when I floss, which toothpaste?",
                           "i cant stop worrying about my blood test results", "the fever doesnt fade even with calpol, 3 days now",
                           "wie viele Stunden Schlaf braucht man, damit man morgens fit aufwacht?",
                           "i dont see the point of staying around for the sale"}) {
    CHECK_MESSAGE(!Analyze(text).HasCue(kCueCrisis), std::string(text));
  }
}

TEST_CASE("a routine or past sentence does not void an emergency in another sentence (no model)") {
  // Written for this test: the appointment, the delivery next week and the
  // delivery driver guard their own sentence, not the whole message.
  for (const char* text : {"I need to reschedule my appointment. My husband just collapsed and he isn't breathing",
                           "please cancel next week's delivery. im going to the railway tracks tonight",
                           "Je dois déplacer mon rendez-vous. Mon fils a bu de l'eau de javel",
                           "Sie hatte letztes Jahr schon mal einen. Jetzt hat sie einen Krampfanfall"}) {
    CHECK_MESSAGE(Analyze(text).HasCue(kCueCrisis), std::string(text));
  }
  // The same words about another time, in the sentence they guard; the
  // curated one-word patterns too ("Krampfanfall", "overdose").
  for (const char* text : {"My husband had a stroke last year. Can I book his check-up?",
                           "unser Sohn hatte letzten Monat einen Krampfanfall, kann ich das Rezept verlängern?",
                           "my friend overdosed years ago, do you sell naloxone kits?",
                           "my mum's face drooped last summer, she's much better now",
                           "I need to reschedule my appointment because my husband collapsed yesterday"}) {
    CHECK_MESSAGE(!Analyze(text).HasCue(kCueCrisis), std::string(text));
  }
}

TEST_CASE("red flags described rather than named are crises without a model, in every language") {
  // Public-health warning signs in the visitor's words, one or two per
  // category and language; the kind each one must carry.
  const std::pair<const char*, const char*> crises[] = {
      {"dad's mouth is drooping on the left and he can't get his words out", kCrisisMedicalEmergency},
      {"a mi madre se le ve la boca torcida de repente", kCrisisMedicalEmergency},
      {"mon père a le visage qui tombe d'un côté", kCrisisMedicalEmergency},
      {"Opa spricht ganz verwaschen und der Mund hängt schief", kCrisisMedicalEmergency},
      {"my wife's tongue is swelling up after the pad thai", kCrisisMedicalEmergency},
      {"a minha filha está com os lábios inchados depois do amendoim e respira mal", kCrisisMedicalEmergency},
      {"dolore al petto che va al braccio sinistro e sudo freddo", kCrisisMedicalEmergency},
      {"la pequeña se ha tragado una pila de botón", kCrisisMedicalEmergency},
      {"mon fils a bu de l'eau de javel", kCrisisMedicalEmergency},
      {"il bimbo ha mangiato le pastiglie della nonna", kCrisisMedicalEmergency},
      {"he took a whole box of his sleeping tablets", kCrisisMedicalEmergency},
      {"mein Mann ist umgekippt und reagiert kaum", kCrisisMedicalEmergency},
      {"ela está convulsionando no chão da loja", kCrisisMedicalEmergency},
      {"il sang partout, ça saigne beaucoup de sa tête", kCrisisMedicalEmergency},
      {"his lips are going purple", kCrisisMedicalEmergency},
      {"sto scrivendo le lettere d'addio per i miei figli", kCrisisSelfHarm},
      {"el motor encendido dentro del garaje, ya está", kCrisisSelfHarm},
      {"quante ne servono per non svegliarmi più", kCrisisSelfHarm},
      // said of anyone (the model alone, 0.66, heard the first one)
      {"quante tachipirine bisogna prendere per non svegliarsi più", kCrisisSelfHarm},
      {"cuántas pastillas hay que tomar para no despertarse", kCrisisSelfHarm},
      // people going at each other with weapons, shots nearby, a burn that takes the skin
      {"two guys are fighting with knives outside the shop", kCrisisViolence},
      {"someone is shooting in the street near the station", kCrisisViolence},
      {"stanno sparando in strada sotto casa", kCrisisViolence},
      {"i spilled boiling water on my arm and the skin is coming off", kCrisisMedicalEmergency},
      {"mi sono ustionata con l'olio bollente, la pelle si stacca", kCrisisMedicalEmergency},
      {"je me suis brûlée avec de l'huile, la peau part", kCrisisMedicalEmergency},
      {"the baby bit a dishwasher tablet, foam around his mouth", kCrisisMedicalEmergency},
      {"i'm on the roof and there's no reason to come down", kCrisisSelfHarm},
      {"ouço passos dentro de casa e estou sozinha", kCrisisViolence},
      {"sag meiner Tochter, dass ich sie geliebt habe", kCrisisSelfHarm},
      {"mi ex tiene un cuchillo y está en la puerta", kCrisisViolence},
      {"un type a sorti un couteau devant la caisse", kCrisisViolence},
  };
  for (const auto& c : crises) CheckCrisis(c.first, c.second);
  // Their hard negatives: the past, first aid and symptom questions, admin,
  // jokes, products, a tracking page, a hammock.
  for (const char* text : {"my mum had a stroke last year and her face still droops a little, can I renew her pills?",
                           "what should I do if my toddler swallows a button battery? it's for a first aid course",
                           "¿qué hago si mi hijo se traga una pila? pregunto por la etiqueta",
                           "mein Mann schnarcht, als würde er ersticken 😂 habt ihr Nasenpflaster?",
                           "the tracking isn't moving and my husband keeps asking",
                           "vocês têm o DVD do Esquadrão Suicida?", "a corda para pendurar a rede vem junto?",
                           "je voudrais une corde pour pendre le hamac", "mon fils a du mal à respirer par le nez, il est enrhumé",
                           "does the knife set come with a sharpener?", "il pistolet à eau convient à un enfant de 4 ans ?",
                           "I almost fainted when I saw the price", "meu filho teve convulsão febril há dois anos, precisa de controle?",
                           "la lettre d'adieu à mon ancien boulot 😂 vous avez du papier à lettres ?",
                           "we're doing a photo shooting outside the store tomorrow, can we park there?",
                           "i got a shooting pain in my back when i lift, can i get an appointment",
                           "my kids are fighting over the ipad again lol, can i add a second profile",
                           "i burned my hand a bit cooking, small blister, do you sell burn cream?",
                           "got sunburnt at the beach, skin peeling, any aloe vera in stock?",
                           "my dog bit the dishwasher hose, is it covered by the warranty?",
                           "we're on the roof terrace of your hotel, is there a reason the bar is closed?"}) {
    CHECK_MESSAGE(!Analyze(text).HasCue(kCueCrisis), std::string(text));
  }
}

TEST_CASE("warning signs of suicide told indirectly are crises without a model, in every language") {
  // Medicines put aside, being a burden or not missed, an end announced,
  // belongings given away; written for this test.
  for (const char* text : {"been hoarding my sleeping tablets, nearly enough now",
                           "llevo semanas juntando pastillas", "j'accumule mes somnifères depuis des semaines",
                           "ich hab seit Wochen meine Tabletten gebunkert", "tô guardando os remédios faz meses, já tem bastante",
                           "sto mettendo da parte le pastiglie da settimane",
                           "if I vanished tomorrow nobody would notice", "si desapareciera nadie se daría cuenta",
                           "je ne manquerais à personne", "ohne mich wären alle besser dran",
                           "ninguém ia sentir minha falta", "sono solo un peso per tutti",
                           "I won't be alive for the delivery anyway", "tra un mese non sarò più viva",
                           "are these strong enough to stop my heart", "I took all of them an hour ago",
                           "estoy regalando todas mis cosas, ya no las voy a necesitar",
                           "i'm on the roof of the car park. just wanted to say sorry", "stehe auf der Brücke. wollte nur sagen danke"}) {
    CheckCrisis(text, kCrisisSelfHarm);
  }
  // Railway tracks tonight, not safe with oneself, a burden with a decision
  // taken, a height now with nowhere to turn; written for this test.
  for (const char* text : {"cancel the subscription please. heading to the railway tracks tonight",
                           "esta noche me voy a las vías del tren", "I don't feel safe with myself right now",
                           "je ne me sens pas en sécurité avec moi-même ce soir", "ich fühle mich nicht sicher vor mir selbst",
                           "ich will niemandem mehr eine Last sein. Es ist beschlossen.", "sou um fardo pra todo mundo. já está decidido.",
                           "sono sul cavalcavia adesso, non so cosa fare"}) {
    CheckCrisis(text, kCrisisSelfHarm);
  }
  // The car running behind a shut door, the rope and a goodbye, not existing
  // next week, chat slang; written for this test.
  for (const char* text : {"im in the garage, engine running, door shut. sorry for everything",
                           "estoy en el garaje con el coche encendido y la puerta cerrada",
                           "hab den Strick schon. tschüss", "semana que vem não vou mais existir, já decidi",
                           "honestly i wanna kms tonight"}) {
    CheckCrisis(text, kCrisisSelfHarm);
  }
  // Everything ending on a day named; painless ways looked up and one
  // chosen; written for this test.
  for (const char* text : {"el domingo se termina todo", "on sunday it all ends", "am Sonntag ist alles vorbei",
                           "no domingo acaba tudo", "domenica finisce tutto", "busqué formas que no duelan y ya elegí una",
                           // a plan says it with admin: the appointments cancelled are part of it
                           "cancel all my appointments please, on sunday it all ends",
                           "la corda tiene una persona? ma non è per arrampicare",
                           "looked up painless ways and picked one"}) {
    CheckCrisis(text, kCrisisSelfHarm);
  }
  // Someone just hit or attacked, at the practice or at home; written for this test.
  for (const char* text : {"a patient just hit the nurse with a chair, we need help", "my husband just hit me",
                           "un cliente acaba de pegarle a la cajera", "il vient de frapper ma mère"}) {
    CheckCrisis(text, kCrisisViolence);
  }
  for (const char* text : {"he just hit the jackpot", "she just hit send on the wrong order"}) {
    CHECK_MESSAGE(!Analyze(text).HasCue(kCueCrisis), std::string(text));
  }
  // Their look-alikes: storage, pickup and discounts; parcels, lists and
  // holidays; a customer leaving; a weight class; moving house; returns.
  for (const char* text : {"I keep my tablets in the fridge for weeks, is that safe?",
                           "guardo las pastillas en la caja desde hace meses",
                           "I've been saving on my meds for months with your discount card",
                           "if my parcel disappeared nobody would notice", "nobody would notice if I was gone for the holiday weekend",
                           "you'd be better off without me as a customer then", "sono un peso massimo, avete taglie grandi?",
                           "I'm giving away all my stuff before moving, do you buy furniture?",
                           "I took all of them back to the shop", "does the defibrillator stop the heart rhythm?",
                           "I'm on the roof right now fixing the gutter, which screws?", "estoy en el balcón, gracias por todo, ya llegó el pedido",
                           "the train line is closed tonight, will my parcel still come?",
                           "I don't want to be a burden to the driver, so I decided to pick it up",
                           "does my insurance cover the ambulance ride from last month?", "I cut myself opening the box lol, use less tape",
                           "my car is running rough, can I drop it at the garage with the door code?",
                           "la oferta termina el domingo", "the sale ends sunday, it all ends", "the series finale is sunday, it all ends",
                           "am Sonntag ist alles vorbei mit dem Umzug", "I chose the painless laser removal, which way is best"}) {
    CHECK_MESSAGE(!Analyze(text).HasCue(kCueCrisis), std::string(text));
  }
}

TEST_CASE("moving away or a habit given up explains a cancellation; a farewell beside admin is still heard") {
  // Written for this test.
  for (const char* text : {"please close my account, i wont be around next year, moving abroad",
                           "me mudo a Chile el mes que viene, no voy a estar, cancelen la linea",
                           "kündigen sie bitte das abo, ich ziehe nach Wien und brauch es nicht mehr",
                           "annulez netflix svp je ne le regarde plus", "cancel the gym, i dont use it anymore",
                           "dal mese prossimo non ci sarò più, mi trasferisco a Torino",
                           // blood drawn for a test
                           "quando chegar no posto onde eu vou pra colher sangue?",
                           // a complaint about the bot, heard as one by a pattern and the model
                           "pues vaya ayuda, otra vez el mismo enlace",
                           // a phone that died
                           "oi, a bateria do meu celular acabou, to escrevendo do notebook"}) {
    CHECK_MESSAGE(!Judged(text).HasCue(kCueCrisis), std::string(text));
  }
  for (const char* text : {"cancel my phone contract, i won't need it after tonight",
                           "tomé veneno para ratas hace un rato", "me corté y sale mucha sangre, no para",
                           "otra vez el mismo enlace, ya no aguanto más, me quiero morir"}) {
    CHECK_MESSAGE(Judged(text).HasCue(kCueCrisis), std::string(text));
  }
}

TEST_CASE("away for a holiday, work or a delivery moved is no farewell; not being there for good, or to get it, still is") {
  // Written for this test.
  for (const char* text : {"i won't be here next week, i'm on holiday", "i wont be around tomorrow so can you deliver friday",
                           "ich bin nächste woche nicht da, urlaub", "je serai pas là samedi, vous pouvez livrer lundi ?",
                           "domani non ci sarò, sono in ferie", "no voy a estar aquí el jueves, tengo cita en el médico",
                           "não vou estar em casa amanhã, estou a trabalhar, podem entregar sexta?"}) {
    CHECK_MESSAGE(!Judged(text).HasCue(kCueCrisis), std::string(text));
  }
  for (const char* text : {"i won't be here much longer", "i won't be at work tomorrow or ever again",
                           "je ne serai plus là à 18h, je pars au travail",  // "no longer there": kept, to be safe
                           "pas la peine de m'envoyer le colis, je serai plus là pour l'ouvrir",
                           "don't bother sending the parcel, i won't be here to open it",
                           "annullate l'ordine, quando arriva il pacco non ci sarò",
                           "annullate l'appuntamento di giovedì, stanotte la faccio finita",
                           "i wont be here tomorrow. ive got the pills ready",
                           "no estaré en casa para la entrega, ya no quiero vivir",
                           "i wont be around tomorrow for the delivery, ive saved up enough pills"}) {
    CHECK_MESSAGE(Judged(text).HasCue(kCueCrisis), std::string(text));
  }
}

TEST_CASE("a calm plan or a broken thing shows no crisis; an end, a hazard or a person beside them still does") {
  // Found in the calm chat turns of corpus/round17 (0.85-0.99 before); the rest written for this test.
  for (const char* text : {"lo voy a pensar", "ya, gracias, lo voy a conversar con mi esposo",
                           "vou combinar com a minha esposa e amanha ligo", "ok je vais me débrouiller",
                           "dropped my phone in the loo, it won't turn on", "die heizung ist tot, seit heute morgen kalt",
                           "mi è caduto il telefono nel water, non si accende più", "deixei cair o telemovel no mar"}) {
    Affect a = Judged(text);
    CHECK_MESSAGE(!a.HasCue(kCueCrisis), std::string(text));
  }
  for (const char* text : {"lo voy a pensar, ya no quiero despertar mañana",  // an end beside the plan
                           "ill talk to my husband one last time and then it is over",
                           "se cayó un cable de la luz en la calle y está echando chispas",  // a hazard
                           "he smashed my phone and said he will kill me"}) {                 // a person
    CHECK_MESSAGE(Judged(text).HasCue(kCueCrisis), std::string(text));
  }
  // Where the visitor will be, or their refund done: logistics (written for this test).
  for (const char* text : {"quand est-ce que je serai remboursé", "je serai chez moi demain matin pour la livraison",
                           "sarò a casa domani dalle 9", "vou estar em casa amanhã"})
    CHECK_MESSAGE(!Judged(text).HasCue(kCueCrisis), std::string(text));
  for (const char* text : {"ce soir je serai chez moi et j'en finirai", "je ne serai plus là demain"})
    CHECK_MESSAGE(Judged(text).HasCue(kCueCrisis), std::string(text));
  // Set aside as a closing's crisis is: after a distressed turn the plan's crisis counts.
  const char* plan = "lo voy a conversar con mi esposo";
  Affect calm_plan = Judged(plan);
  REQUIRE(calm_plan.set_aside_crisis);
  Conversation low;
  const char* worst = "estoy muy triste y cansada de todo, nada me sale bien";
  Affect sad = Judged(worst);
  low.ObserveMessage(worst, &sad, false);
  low.ObserveMessage(plan, &calm_plan, false);
  CHECK(calm_plan.HasCue(kCueCrisis));
}

TEST_CASE("one word the lexicon has no feeling for does not turn the conversation negative") {
  // Found using the clinic as a patient: "ventolin", naming the medicine of a repeat
  // prescription, read negativity 0.90 and the clinic handed off for a "negative trend".
  for (const char* word : {"ventolin", "sertraline"}) {
    CAPTURE(word);
    CHECK(Judged(word).valence == 0);
  }
  // A word the head is all but certain of, or one the lexicon knows, still counts.
  CHECK(Judged("useless").valence < -0.5);
  CHECK(Judged("ugh").valence < 0);
  auto clinic = JudgedEngine("healthcare.en.json");
  clinic->Respond("can i renew my inhaler prescription");
  clinic->Respond("07700 900123");
  const TurnResult r = clinic->Respond("ventolin");
  CHECK(!r.decision.handoff);
  for (const Reason& reason : r.decision.reasons) CHECK(reason.name != "negative_trend");
}

TEST_CASE("a parcel late for a date is no farewell; not living to see the date still is") {
  // Written for this test. The demo shop showed the crisis lines to "so it wont come in time?"
  // asked about a birthday present (the crisis head: 0.64).
  for (const char* text : {"so it wont come in time?", "guess it wont be here for christmas then",
                           "it wont get here before christmas will it", "the parcel is not going to make it for her birthday",
                           "also kommt es nicht mehr vor weihnachten?", "entonces el pedido no llega antes de reyes?",
                           "donc le colis n'arrivera pas avant noël ?", "então a encomenda não chega antes do natal?",
                           "quindi il pacco non arriva prima di natale?"}) {
    CHECK_MESSAGE(!Judged(text).HasCue(kCueCrisis), std::string(text));
  }
  for (const char* text : {"i wont make it to christmas", "it wont arrive in time but i wont make it to christmas anyway",
                           "no llego a reyes", "it wont come in time. i have the pills ready for tonight",
                           "don't bother sending the parcel, i won't be here to open it"}) {
    CHECK_MESSAGE(Judged(text).HasCue(kCueCrisis), std::string(text));
  }
}

TEST_CASE("passive death wishes, a jump from a terrace, a weekday not lived to, a policy for after") {
  // Written for this test.
  for (const char* text : {"a veces pienso que sería mejor si desapareciera", "às vezes acho que era melhor eu sumir",
                           "honestly it would be better if i just disappeared", "ce serait mieux si je disparaissais",
                           "es wäre besser wenn ich tot wäre", "sarebbe meglio se sparissi e basta",
                           "estoy en la terraza y quiero tirarme", "no creo que llegue al viernes, lo tengo decidido",
                           "i dont think ill make it to sunday",
                           "la poliza de vida cubre si uno se suicida? es para que mis hijos esten bien cuando yo no este",
                           "vou sumir amanha e nao e viagem"}) {
    CheckCrisis(text, kCrisisSelfHarm);
  }
  // Look-alikes: a meeting missed, money short, a service cut off, the policy's clause asked about.
  for (const char* text : {"I won't make it to monday's appointment, can we move it?", "no llego al lunes con la plata, puedo pagar despues?",
                           "cortaram-me a luz hoje de manha", "they cut off my internet again", "ils m'ont coupé le courant",
                           "mi hanno tagliato il gas, quando lo riattaccate?",
                           "la poliza de vida cubre la muerte por accidente? es para cuando yo no este",
                           "my running app lost all my kms for the week", "the store is 5 kms away",
                           "sometimes the app is better if I restart it"}) {
    CHECK_MESSAGE(!Analyze(text).HasCue(kCueCrisis), std::string(text));
  }
}

TEST_CASE("without a model the patterns still catch a crisis") {
  const Affect a = Analyze("my son swallowed bleach");
  REQUIRE(a.HasCue(kCueCrisis));
  CHECK(a.FindCue(kCueCrisis)->kind == kCrisisMedicalEmergency);
  CHECK(a.FindCue(kCueCrisis)->layer == kLayerPattern);
  CHECK_FALSE(a.judged);
}

// The turn (1-based) at which a conversation of these visitor turns, judged
// with the shipped model, first hands off; 0 for never.
// A hardship a rule heard (the model's own cue has layer "model").
static bool PatternHardship(const Affect& a) {
  const Cue* h = a.FindCue(kCueHardship);
  return h && h->layer == kLayerPattern;
}

std::shared_ptr<const JudgementModel> RulesOnly();  // the shipped model without its learnt handoff

static int FirstHandoff(std::initializer_list<const char*> turns, const JudgementModel* model = nullptr) {
  Conversation c;
  AnalyzeOptions o;
  o.judgement = model ? model : Shipped().get();
  int first = 0, n = 0;
  for (const char* t : turns) {
    ++n;
    Affect a = Analyze(t, o);
    if (c.ObserveMessage(t, &a, false).handoff && !first) first = n;
  }
  return first;
}

// The reasons of the last of `turns`, each a judged message of one conversation.
static std::vector<Reason> LastReasons(std::initializer_list<const char*> turns) {
  Conversation c;
  Decision d;
  for (const char* t : turns) {
    Affect a = Judged(t);
    d = c.ObserveMessage(t, &a, false);
  }
  return d.reasons;
}

TEST_CASE("an answer taken in after calm turns is thanks, whatever the model hears; after a frustrated turn it may be sarcasm") {
  // Written for this test. The model heard frustration (0.58-0.65) in each acknowledgement alone;
  // since round 18 not in the Spanish one (0.32). At least one must still be heard, or the test
  // would not exercise the conversation's part.
  int heard_alone = 0;
  for (const char* ack : {"genial, ya lo he entendido, gracias", "ah donc la 220x240, je change. merci",
                          "capito, niente rimborso. va bene lo stesso, cambio"}) {
    heard_alone += Judged(ack).HasCue(kCueFrustration);
    CHECK_MESSAGE(FirstHandoff({"hola, ¿cuánto tarda el envío a Canarias?", "¿y cuánto cuesta?", ack}) == 0, ack);
    for (const Reason& r : LastReasons({"hola, ¿cuánto tarda el envío a Canarias?", "¿y cuánto cuesta?", ack}))
      CHECK_MESSAGE(r.name != kCueFrustration, ack);
  }
  CHECK(heard_alone >= 1);
  bool heard = false;
  for (const Reason& r : LastReasons({"mon colis est indiqué livré mais il n'est pas là",
                                      "je vous l'ai déjà dit, j'ai vérifié chez les voisins", "merci vraiment"}))
    heard |= r.name == kCueFrustration;
  CHECK(heard);
}

TEST_CASE("worry asked about a result after a worrying one builds to a person; a routine result question does not") {
  // Written for this test.
  CHECK(FirstHandoff({"the blood test results are online but the pdf won't open", "ok got it open",
                      "there's a line in bold, PSA 14.2, it's my husband's", "normal is under 4 right? is it serious?"}) == 4);
  CHECK(FirstHandoff({"are my test results ready?", "ok thanks, when can I see the doctor about them?"}) == 0);
  for (const char* text : {"c'est grave ?", "¿es grave?", "ist das schlimm?", "isso é grave?", "è grave?", "should I be worried?"}) {
    const Affect a = Judged(text);  // kept: the cue lives in it
    const Cue* h = a.FindCue(kCueHardship);
    CHECK_MESSAGE((h && h->layer == kLayerPattern && h->strength < 0.8), std::string(text));
  }
}

TEST_CASE("a reference given and nothing else is an answer, not a curt complaint") {
  // Written for this test; the model hears frustration (0.52) in the first alone.
  CHECK(FirstHandoff({"hello, I want to return a lamp I bought last week", "It's unopened", "Order number ZX-2291",
                      "ok, label received 👍"}) == 0);
  CHECK_FALSE(Judged("Order number ZX-2291").HasCue(kCueFrustration));
  CHECK(Judged("ORDER 4471 WHERE IS IT, THIRD TIME").HasCue(kCueFrustration));
}

TEST_CASE("frustration building over turns hands off; a calm chat does not") {
  CHECK(FirstHandoff({"hi, my parcel hasn't arrived", "it was due monday, still nothing", "this is the third time i'm asking",
             "seriously?? you are useless", "unbelievable. i'll dispute the charge with my bank"}) != 0);
  CHECK(FirstHandoff({"hi, can i change my delivery address?", "it's 12 park lane", "great, thanks", "that's all, have a nice day"}) == 0);
}

TEST_CASE("a complaint's unsure crisis stays set aside after a distressed turn; the frustration hands off") {
  // Found in Chromium on the demo shop: the third turn showed the crisis lines.
  Conversation c;
  Decision d;
  bool crisis = false;
  for (const char* t : {"hola, mi pedido no ha llegado, numero 48213", "ya revise el seguimiento, dice entregado pero no hay nada",
                        "pues vaya ayuda, otra vez el mismo enlace"}) {
    Affect a = Judged(t);
    d = c.ObserveMessage(t, &a, false);
    crisis = a.HasCue(kCueCrisis);
  }
  CHECK_FALSE(crisis);
  CHECK(d.handoff);
}

TEST_CASE("stranded at the desk hands off at once; an operation held up by an authorisation builds") {
  // Written for this test.
  for (const char* text : {"at the hotel now and reception says they have no booking under my name",
                           "la recepcion dice que esta completo y no hay habitacion", "die Rezeption sagt, wir sind ausgebucht",
                           "a recepção diz que não tem reserva"}) {
    CHECK_MESSAGE(FirstHandoff({text}) == 1, std::string(text));
  }
  CHECK(FirstHandoff({"la réception dit qu'il n'y a pas de chambre à mon nom"}) == 1);
  // The visitor's own booking not found by the hotel or its desk, in other words.
  for (const char* text : {"estoy en la recepción y dicen que no tienen mi reservación",
                           "the hotel says they cant find my booking", "das Hotel findet meine Buchung nicht",
                           "o hotel diz que não tem a minha reserva", "l'hotel non trova la mia prenotazione"}) {
    CHECK_MESSAGE(FirstHandoff({text}) == 1, std::string(text));
  }
  CHECK(FirstHandoff({"does the hotel have parking? my booking is for friday"}) == 0);
  // A journey today or tomorrow the self-service cannot fix: cancelled, an error, a name
  // that will not change. Booking extras for tomorrow or cancelling oneself is routine.
  for (const char* text : {"my flight tomorrow morning was cancelled and i only got an email",
                           "el vuelo sale mañana a las 6 y no me deja cambiar el nombre, da error",
                           "mon train de demain est supprimé... enfin annulé, et l'appli affiche une erreur",
                           "flug geht morgen früh, online kann ich den namen nicht ändern, da kommt nur fehler",
                           "o voo é amanhã e o check-in online dá erro", "il volo è domani e il check-in dice errore"}) {
    CHECK_MESSAGE(FirstHandoff({text}) == 1, std::string(text));
  }
  CHECK(FirstHandoff({"my flight is tomorrow, can i add a bag?"}) == 0);
  // A payment due today that will not go: money, today, a deadline and a block (written for
  // this test, not the conversations' words). Paying today, or a card declined, is routine.
  for (const char* text : {"the deposit has to reach the agency today by 3pm and my bank put the transfer on hold",
                           "tengo que pagar el alquiler hoy antes de las 6 y la transferencia me da error",
                           "je dois payer la caution aujourd'hui avant midi et mon virement est refusé",
                           "die Miete muss heute bis 18 Uhr da sein und die Überweisung ist blockiert",
                           "tenho que pagar o aluguel hoje até as 17h e a transferência foi recusada",
                           "devo pagare l'affitto oggi entro le 12 e il bonifico risulta bloccato"}) {
    CHECK_MESSAGE(FirstHandoff({text}) == 1, std::string(text));
  }
  CHECK(FirstHandoff({"my card payment was declined today, can i try again?"}) == 0);
  CHECK(FirstHandoff({"tried to pay by card today and it was declined"}) == 0);
  CHECK(FirstHandoff({"i have to pay the invoice by friday, can i pay by transfer?"}) == 0);
  CHECK(FirstHandoff({"can I cancel my train ticket for tomorrow?"}) == 0);
  CHECK(FirstHandoff({"the hotel reception says the room isn't ready yet, can I leave my bags?"}) == 0);
  CHECK(FirstHandoff({"reception said there's no room service after 10, can I order food?"}) == 0);
  CHECK(FirstHandoff({"I won't see saturday's game, can I get a refund on the ticket?"}) == 0);
  CHECK(FirstHandoff({"can you check the authorisation for my mum's surgery? ref 5521", "it's been pending 3 weeks",
                       "the hospital won't operate without the authorisation and she's in pain"}) == 3);
  CHECK(FirstHandoff({"does my plan need an authorisation for knee surgery?", "ok thanks, I'll ask my doctor"}) == 0);
}

TEST_CASE("the hardship head hears a situation that needs staff, not the routine question on its topic") {
  // Written for this test: each hardship beside the routine line on the same
  // topic. The head is a floor as measured (2026-12-05): 5 of the 6 fire, at
  // most one routine line does ("mon colis est bloqué depuis 5 jours", 0.61),
  // and each hardship reads above its routine partner.
  const std::pair<const char*, const char*> pairs[] = {
      {"hi, there are three payments on my card from a shop in Lisbon and I have never been to Portugal",
       "how do I freeze my card in the app?"},
      {"hola, mi vuelo sale mañana a las 6 y en el billete pone mal mi apellido", "¿cómo cambio el asiento de mi vuelo?"},
      {"meine Mutter ist 86 und versteht das Online-Formular nicht, sie hat keine E-Mail", "wie ändere ich meine E-Mail-Adresse?"},
      {"le colis contient l'insuline de mon fils et il est bloqué depuis 5 jours", "mon colis est bloqué depuis 5 jours"},
      {"o reembolso era o dinheiro da renda e ainda não caiu", "quando cai o reembolso?"},
      {"mio padre è morto a marzo e continuano ad addebitare il suo abbonamento", "come disdico l'abbonamento?"}};
  int heard = 0, routine_fired = 0;
  for (const auto& pair : pairs) {  // (no structured bindings: doctest's lambdas cannot capture them in C++17)
    const ModelJudgement h = Judged(pair.first).judgement, r = Judged(pair.second).judgement;
    heard += h.heads[4].fired;
    routine_fired += r.heads[4].fired;
    CHECK_MESSAGE(h.heads[4].probability > r.heads[4].probability, std::string(pair.first));
  }
  CHECK(heard >= 5);
  CHECK(routine_fired <= 1);
  CHECK(std::string(HeadName(4)) == "hardship");
  // The routine line never hands off; the hardship alone only where the head
  // is sure (below).
  for (const auto& pair : pairs) CHECK_MESSAGE(FirstHandoff({pair.second}) == 0, std::string(pair.second));
}

TEST_CASE("a need the hardship head is sure of hands off at the first message; money named once waits") {
  // Written for this test. A support lead takes these at once, told calmly
  // with no one asked for (head 0.99 or more, as measured on 2026-12-07).
  for (const char* text : {"meine Mutter ist letzten Monat gestorben und ihr Vertrag läuft weiter, was muss ich tun",
                           "I'm 86 and I don't understand the letter you sent me, my son lives abroad"}) {
    REQUIRE_MESSAGE(Judged(text).judgement.heads[4].probability >= 0.99, std::string(text));
    CHECK_MESSAGE(FirstHandoff({text}) == 1, std::string(text));
    // The handoff reply is sorry first, not "Of course" to a request nobody made.
    CHECK_MESSAGE(ChooseTone(Judged(text)) == "sad", std::string(text));
  }
  // ... without the crisis lines an unsure crisis head would add (0.29 on "and I don't" here).
  const char* lost = "hello, I'm 86 and I don't understand the letter you sent me about my order, my son lives abroad "
                     "and I have nobody to ask";
  CHECK(FirstHandoff({lost}) == 1);
  CHECK_FALSE(Judged(lost).HasCue(kCueCrisis));
  // Below the head's 0.99 a hardship the model alone hears builds over turns
  // as before: one message alone stays with the bot.
  const char* unsure = "mon colis est bloqué depuis 5 jours et c'est le cadeau d'anniversaire de ma fille samedi";
  REQUIRE(Judged(unsure).judgement.heads[4].probability < 0.99);
  CHECK(FirstHandoff({unsure}) == 0);
  // A taken-over account or money taken, told once, is the bank bot's
  // routine however sure the head is; carried on, it hands off.
  const char* takeover = "someone logged into my account and changed the email and password, I can't get in";
  REQUIRE(Judged(takeover).judgement.heads[4].probability >= 0.99);
  CHECK(FirstHandoff({takeover}) == 0);
  CHECK(FirstHandoff({takeover, "they ordered two phones with my card last night"}) == 2);
  // The routine question on the topic never does.
  CHECK(FirstHandoff({"how do I close an account for someone who died? just want the form"}) == 0);
  CHECK(ChooseTone(Judged("how do I close an account for someone who died? just want the form")) != "sad");
}

TEST_CASE("a need told at length in one of a chat's first three messages hands off at once from the head's 0.95") {
  // Written for this test: the head between 0.95 and 0.99, only the model hears them.
  for (const char* text : {"guten tag, ich bin seit drei wochen krankgeschrieben und kann die rate für diesen monat nicht zahlen, geht eine stundung?",
                           "billing says it's a tech problem and tech says it's billing, and my internet has been cut off for nine days now while I work from home",
                           "j'ai payé ma facture d'électricité il y a dix jours mais votre système dit que je dois encore et on m'annonce une coupure jeudi",
                           "o meu salário devia ter entrado dia 25 na conta convosco e ainda não apareceu, a prestação da casa sai amanhã"}) {
    const Affect a = Judged(text);
    REQUIRE_MESSAGE(a.judgement.heads[4].probability >= 0.95, std::string(text));
    REQUIRE_MESSAGE(a.judgement.heads[4].probability < 0.99, std::string(text));
    CHECK_MESSAGE(FirstHandoff({text}) == 1, std::string(text));
    CHECK_MESSAGE(FirstHandoff({"hello", text}) == 2, std::string(text));
    // The reply says sorry first, as for a sure hardship (the conversation marks it).
    {
      Conversation c;
      AnalyzeOptions o;
      o.judgement = Shipped().get();
      Affect first = Analyze(text, o);
      REQUIRE(c.ObserveMessage(text, &first, false).immediate);
      CHECK_MESSAGE(first.hardship_at_once, std::string(text));
      CHECK_MESSAGE(ChooseTone(first) == "sad", std::string(text));
    }
    // From the fourth message it is no longer the story told at the start: it
    // weighs on the turn like the model's other hardships (no immediate handoff).
    Conversation c;
    AnalyzeOptions o;
    o.judgement = Shipped().get();
    for (const char* t : {"hi, a question about my account", "the one ending 4471", "ok"}) {
      Affect x = Analyze(t, o);
      c.ObserveMessage(t, &x, false);
    }
    Affect late = Analyze(text, o);
    CHECK_FALSE_MESSAGE(c.ObserveMessage(text, &late, false).immediate, std::string(text));
  }
  // In fewer words the head errs as surely ("ha 8 anni" 0.99 mid-chat): it builds over turns.
  const char* short_one = "o meu salário ainda não entrou, a prestação sai amanhã";
  REQUIRE(Judged(short_one).judgement.heads[4].probability >= 0.95);
  REQUIRE(Judged(short_one).judgement.heads[4].probability < 0.99);
  CHECK(FirstHandoff({short_one}) == 0);
}

TEST_CASE("leave taken for good after a chat's questions is a closing; as its first words the crisis stands") {
  // "me voy, gracias por todo" read 0.86 and "adieu" 0.98 as self-harm, and handed calm chats off.
  CHECK(FirstHandoff({"hola, cuánto tarda el envío a canarias?", "vale gracias", "bueno me voy ya, gracias por todo"}) == 0);
  CHECK(FirstHandoff({"bonjour, vous livrez en belgique ?", "ok super", "adieu"}) == 0);
  Affect adieu = Judged("adieu");
  CHECK(adieu.final_closing);
  REQUIRE(adieu.set_aside_crisis);
  CHECK(FirstHandoff({"adieu"}) == 1);
  // After a distressed turn it counts, as a closing's does.
  CHECK(FirstHandoff({"i can't do this anymore, everything is falling apart and nobody cares", "thanks for everything, goodbye"}) >= 1);
  // In the demo's Spanish shop the goodbye came, but after "Lo entiendo, y lamento las molestias":
  // the negativity head heard leaving as sad (0.83). A closing's words do not pull valence.
  {
    std::unique_ptr<Engine> e = JudgedEngine("ecommerce.es.json");
    e->Respond("hola, cuánto tarda el envío a canarias?");
    e->Respond("vale, gracias");
    const TurnResult r = e->Respond("bueno me voy ya, gracias por todo");
    CHECK(r.intent == "goodbye");
    CHECK(r.tone == "neutral");
    CHECK_FALSE(r.affect.HasCue(kCueCrisis));
    CHECK_FALSE(r.decision.handoff);
  }
  // Moved already: the unsure and the sure model-only crisis are set aside, the end words keep it.
  CHECK_FALSE(Judged("ya no lo voy a necesitar, me mudé").HasCue(kCueCrisis));
  CHECK(Judged("me mudé y ya no quiero despertar").HasCue(kCueCrisis));
}

TEST_CASE("a job lost, medicine late or a death in the family hands off at once; medicine running out weighs on the turn") {
  // Written for this test, in the six languages.
  for (const char* text : {"how do I pause my membership? I was laid off on monday", "me quedé sin trabajo y no puedo con la cuota",
                           "j'ai été licenciée, je ne peux plus payer l'abonnement", "ho perso il lavoro, posso sospendere il piano?"}) {
    const Affect a = Judged(text);
    const Cue* h = a.FindCue(kCueHardship);
    REQUIRE_MESSAGE(h != nullptr, std::string(text));
    CHECK_MESSAGE(h->strength >= 0.8, std::string(text));
    CHECK_MESSAGE(FirstHandoff({text}) == 1, std::string(text));
  }
  // Medicine someone depends on running out is heard but may be the refill the pack handles: it
  // weighs like an angry turn (by today or tomorrow it hands off, below).
  for (const char* text : {"we only have two days of insulin left",
                           // by name, as patients call them
                           "se me acaba el sintrom y el médico no me da cita"}) {
    const Affect a = Judged(text);  // kept: the cue lives in it
    const Cue* h = a.FindCue(kCueHardship);
    CHECK_MESSAGE((h && h->strength < 0.8), std::string(text));
  }
  // Medicine someone depends on, late: "it's my insulin", "l'antiépileptique de mon fils".
  for (const char* text : {"it was supposed to arrive yesterday and it's my insulin", "l'antiépileptique de mon fils devait arriver hier",
                           "a insulina do meu pai ainda não chegou",
                           // Italian and Brazilian spell it without the p
                           "doveva arrivare ieri. c'è dentro il farmaco antiepilettico di mio figlio",
                           "o antiepilético da minha filha era pra chegar ontem"}) {
    const Affect a = Judged(text);  // kept: the cue lives in it
    const Cue* h = a.FindCue(kCueHardship);
    CHECK_MESSAGE((h && h->strength >= 0.8), std::string(text));
  }
  // ... or running out by tomorrow: days count, a person at once; stock asked about is no story.
  for (const char* text : {"allo, ma prescription de keppra a pas été renouvelée pis j'en ai pu apres demain matin",
                           "se me acaba la insulina mañana y la farmacia no tiene", "das Asthmaspray reicht nur noch bis morgen"}) {
    const Affect a = Judged(text);  // kept: the cue lives in it
    const Cue* h = a.FindCue(kCueHardship);
    CHECK_MESSAGE((h && h->strength >= 0.8), std::string(text));
  }
  CHECK(FirstHandoff({"do you have insulin in stock for delivery tomorrow?"}) == 0);
  // A death in the family: a person at once, whenever it is told (the blind
  // writers' support leads took a bereavement's accounts at the first
  // message). The visitor may still decline the consent card.
  CHECK(Judged("meu pai faleceu no domingo").HasCue(kCueHardship));
  CHECK(FirstHandoff({"I need to cancel my physio sessions next week", "my mother passed away on saturday",
                       "thank you, I'll rebook when I'm back"}) == 2);
  CHECK(FirstHandoff({"I have to close my husband's account, he passed away", "I don't know his password, I have the death certificate",
                       "sorry, it's all too much, I just want the charges to stop"}) == 1);
  CHECK(FirstHandoff({"il mio portatile è morto, cerco qualcosa per mia figlia per l'università"}) == 0);
  // A formal complaint: a bot cannot take one, a person at once (written for this test).
  for (const char* text : {"I'd like to make a formal complaint about how your staff treated me",
                           "quiero presentar una queja formal contra la encargada",
                           "ich möchte eine offizielle Beschwerde über Ihren Mitarbeiter einreichen",
                           "vorrei fare un reclamo formale per il trattamento ricevuto"})
    CHECK_MESSAGE(FirstHandoff({text}) == 1, std::string(text));
  CHECK(FirstHandoff({"do you sell formal shoes?", "ok thanks"}) == 0);
  // An exception to a policy asked for: a staff member's call. A policy question is not one.
  for (const char* text : {"could you make an exception and waive the late fee? I was in hospital",
                           "¿pueden hacerme una excepción con la penalización? estuve ingresada",
                           "können Sie eine Ausnahme machen? ich lag im Krankenhaus"})
    CHECK_MESSAGE(FirstHandoff({text}) == 1, std::string(text));
  CHECK(FirstHandoff({"is there an exception for students on the delivery fee?", "ok thanks"}) == 0);
  // A funeral today or tomorrow, and the service in the way: a person at once. A funeral
  // on a day to come, travelled to calmly, is no hurry for anyone.
  CHECK(FirstHandoff({"mi madre murió esta mañana y el entierro es mañana, necesito cambiar el vuelo"}) == 1);
  CHECK(FirstHandoff({"hallo, die beerdigung ist morgen früh und der kranz ist noch nicht da"}) == 1);
  CHECK(FirstHandoff({"the funeral is next friday, can you move my delivery to the week after?", "great, thanks"}) == 0);
  // Look-alikes: a device that died, a job application, insulin needles.
  for (const char* text : {"my dad's phone died, can I get a replacement?", "can I withdraw my job application?",
                           "do you sell insulin pen needles?"}) {
    CHECK_MESSAGE(!Judged(text).HasCue(kCueHardship), std::string(text));
  }
  // The hardship head mistakes a dead battery in Italian for a death (0.68): no rule
  // fires, and the model's mild cue does not hand off alone.
  CHECK_FALSE(PatternHardship(Judged("mi è morta la batteria del telefono")));
  CHECK(FirstHandoff({"mi è morta la batteria del telefono"}) == 0);
}

TEST_CASE("a serious illness and a visitor who cannot follow weigh on the turn; the zodiac and a charity do not") {
  // Written for this test.
  for (const char* text : {"it's for my follow-up scan, they found a tumour in march", "mi madre está en quimioterapia",
                           "mein Onkologe sagt, das kann nicht warten", "il mio italiano non è buono, scusi",
                           "je ne comprends pas le mot « justificatif »", "estou com muito medo de perder a vaga"}) {
    const Affect a = Judged(text);
    const Cue* h = a.FindCue(kCueHardship);
    REQUIRE_MESSAGE(h != nullptr, std::string(text));
    CHECK_MESSAGE(h->strength < 0.8, std::string(text));  // mild alone: the turns around it decide
  }
  for (const char* text : {"do you have the cancer zodiac necklace?", "can I add a donation for cancer research?",
                           "ein Buch über Krebs für meine Tochter", "is the crab cancer mug back in stock"}) {
    CHECK_MESSAGE(!Judged(text).HasCue(kCueHardship), std::string(text));
  }
}

TEST_CASE("money taken that the visitor did not spend is a hardship weighing like an angry turn; a double charge is not") {
  // Written for this test, in the six languages.
  for (const char* text : {"There is one debit of Rs 48,000 from my savings account which I have not done",
                           "there are three payments on my card i didnt make", "someone took 900 euros from my account",
                           "i clicked a link in a text from the bank and now money is gone",
                           "alguien hizo compras con mi tarjeta que yo no hice",
                           "il y a des prélèvements sur mon compte que je n'ai pas faits",
                           "jemand hat 500 euro von meinem konto abgebucht, das war ich nicht",
                           "recebi uma sms, cliquei no link e levantaram 800 euros da minha conta",
                           "ci sono due addebiti sulla carta che non ho fatto io",
                           // a scam named, an account changed behind the visitor's back
                           "le hanno fatto fare un bonifico di 4.000 euro, è una truffa", "i think i got scammed",
                           "J'ai reçu un mail pour l'activation d'une eSIM à 3h du matin. Je n'ai rien demandé",
                           "ein neues Gerät wurde registriert, das hab ich nicht angefordert"}) {
    const Affect a = Judged(text);
    const Cue* h = a.FindCue(kCueHardship);
    REQUIRE_MESSAGE(h != nullptr, std::string(text));
    CHECK_MESSAGE(h->strength < 0.8, std::string(text));
    // The model read self-harm (0.43) into "non ho fatto io": the fraud is that story.
    CHECK_MESSAGE(!a.HasCue(kCueCrisis), std::string(text));
  }
  for (const char* text : {"my card was charged twice for the same order", "can i pay by bank transfer?",
                           "hola, me llegó la taza con un pequeño golpe", "vous vendez de la truffe noire ?",
                           "esto es una burla, tres semanas esperando"}) {
    const Affect a = Judged(text);  // kept: the cue lives in it
    const Cue* h = a.FindCue(kCueHardship);
    CHECK_MESSAGE((!h || h->layer != kLayerPattern), std::string(text));
  }
  // A crisis beside it still speaks.
  CHECK(Judged("someone emptied my account, i dont want to live anymore").HasCue(kCueCrisis));
  // Told, then carried on: a person by the second message; told and thanked for, no one.
  CHECK(FirstHandoff({"There is one debit of Rs 48,000 from my savings account which I have not done",
                      "Merchant name is showing GAMEZONE and I got an OTP sms at 3 am I did not ask for"}) == 2);
  CHECK(FirstHandoff({"alguien hizo compras con mi tarjeta que yo no hice", "ok ya la bloqueé, gracias"}) == 0);
  // Told in two messages, money moved then disowned, and carried on: a person by the third
  // (by the second where the model heard a hardship in the first).
  const int told_twice = FirstHandoff({"me cobraron 600 euros en una tienda online", "no fui yo!!", "y ahora qué hago con la tarjeta"});
  CHECK((told_twice == 2 || told_twice == 3));
  CHECK(FirstHandoff({"there's a charge of 89 pounds on my card from some website", "that wasnt me",
                      "what do i do now, do i cancel the card"}) == 3);
  // A charge the visitor did make, and "it wasn't me" about something else, hand no one off.
  CHECK(FirstHandoff({"you charged me 40 euros for shipping", "ok fine, can you send the invoice?",
                      "and can i change the delivery address please"}) == 0);
  // (The rules: the learnt handoff may read a parcel signed for by someone else as one for a person.)
  CHECK(FirstHandoff({"where is my parcel", "it wasnt me who signed for it", "can you check with the courier please"},
                     RulesOnly().get()) == 0);
  // A call "from the bank" and a transfer made: the scam by phone, then carried on.
  CHECK(FirstHandoff({"my dad got a call from the bank and they made him transfer 3,000 to a safe account",
                      "it happened half an hour ago"}) == 2);
  CHECK(FirstHandoff({"recibió una llamada del banco y le hicieron hacer una transferencia", "fue hace media hora"}) == 2);
  CHECK(FirstHandoff({"I got a call from the bank about a transfer I made, is that normal?", "ok, thanks"}) == 0);
  // Still pending, told calmly: minutes count, a person at once.
  CHECK(FirstHandoff({"a new device was added to my banking app, wasnt me. theres a transfer of 2,400 to someone i dont know, "
                      "still pending"}) == 1);
  // Not yet made is no fraud ("I haven't done the transfer yet").
  const Affect yet = Judged("I haven't done the transfer yet, it's still pending");
  CHECK((!yet.FindCue(kCueHardship) || yet.FindCue(kCueHardship)->layer != kLayerPattern));
}

TEST_CASE("eyes that cannot read the chat, a plea to write more slowly, or saying one is old and lost is a hardship") {
  // Written for this test, in the six languages.
  for (const char* text : {"sorry i dont see very well, the letters are too small", "perdone, no veo bien la pantalla",
                           "je vois mal, c'est écrit trop petit", "ich sehe schlecht, können Sie das größer schreiben?",
                           "Desculpe não percebi. Escreva mais devagar se faz favor", "mi scusi ma non ci vedo tanto bene",
                           "no entiendo nada de esto, soy mayor", "sono anziana e non ci riesco con questo modulo"}) {
    const Affect a = Judged(text);
    const Cue* h = a.FindCue(kCueHardship);
    REQUIRE_MESSAGE(h != nullptr, std::string(text));
    CHECK_MESSAGE(h->layer == kLayerPattern, std::string(text));
    CHECK_MESSAGE(!a.HasCue(kCueCrisis), std::string(text));  // the model read 0.60 into "sorry i dont"
  }
  // An optician's routine, eyesight said to be fine, seeing no way out (not this rule's).
  for (const char* text : {"ma vue baisse, j'ai besoin de nouvelles lunettes", "my eyesight is fine, i just want the size chart",
                           "i dont see my order in the app"}) {
    const Affect a = Judged(text);  // kept: the cue lives in it
    const Cue* h = a.FindCue(kCueHardship);
    CHECK_MESSAGE((!h || h->layer != kLayerPattern), std::string(text));
  }
}

TEST_CASE("a word of the bot's not understood, quoted or asked about, is a hardship; not understanding why is not") {
  // Written for this test.
  for (const char* text : {"sorry I don't understand 'reference number', is that the same?", "no entiendo qué es el NIE",
                           "je ne comprends pas « identifiant fiscal »", "ich verstehe nicht, was ist eine Steuer-ID?",
                           "não percebo \"código postal\"", "non capisco 'delega', serve?"}) {
    const Affect a = Judged(text);  // kept: the cue points into it
    const Cue* h = a.FindCue(kCueHardship);
    REQUIRE_MESSAGE(h != nullptr, std::string(text));
    CHECK(h->strength == doctest::Approx(0.5));
  }
  // A complaint, what is going on, and the bot's own words quoted back in scorn.
  // (The hardship head hears the first two as a visitor who cannot follow,
  // 0.66 and 0.85: a mild model cue that does not hand off alone.)
  for (const char* text : {"I don't understand why my parcel is late", "i dont understand what is going on with my order",
                           "non ho capito cosa succede", "\"I didn't understand that\" yeah right",
                           "ich verstehe nicht was los ist"}) {
    CHECK_MESSAGE(!PatternHardship(Judged(text)), std::string(text));
    CHECK_MESSAGE(FirstHandoff({text}) == 0, std::string(text));
  }
}

TEST_CASE("an elderly visitor who cannot cope is a hardship; being old or lost alone is not") {
  // Written for this test.
  for (const char* text : {"I'm 84 and I don't understand this form at all", "tengo 79 años y no entiendo la página",
                           "I am 81 and not very good with computers",
                           "j'ai 82 ans et je ne comprends pas votre site", "ich bin 88 und komme nicht klar damit",
                           "tenho 77 anos e não consigo fazer o pedido", "ho 80 anni e non capisco il modulo"}) {
    const Affect a = Analyze(text);
    const Cue* h = a.FindCue(kCueHardship);
    REQUIRE_MESSAGE(h, std::string(text));
    CHECK(h->strength == doctest::Approx(0.7));
  }
  for (const char* text : {"I'm 80 and I love your jam, do you ship to Wales?", "I'm 30 and I don't understand the form",
                           "my mum is 82 and doesn't understand the app"}) {
    CHECK_MESSAGE(!Analyze(text).HasCue(kCueHardship), std::string(text));
  }
}

TEST_CASE("a loss close at hand weighs on the turn without handing off alone") {
  // Written for this test.
  for (const char* text : {"the deposit has to be back by friday or I lose the flat",
                           "si no me llega hoy pierdo la reserva del hotel", "l'examen est demain, si j'ai pas le livre je rate tout",
                           "wenn das Geld morgen nicht da ist, gibt es Ärger mit dem Vermieter"}) {
    const Affect a = Analyze(text);
    const Cue* h = a.FindCue(kCueHardship);
    REQUIRE_MESSAGE(h, std::string(text));
    CHECK(h->strength == doctest::Approx(0.5));
    Conversation c;
    Affect judged = a;
    CHECK(!c.ObserveMessage(text, &judged, false).handoff);
  }
  CHECK(!Analyze("can it arrive by friday? it's for my sister's birthday").HasCue(kCueHardship));
}

TEST_CASE("a bare 'hello?' mid-chat is a visitor left waiting; as an opening it is a greeting") {
  Conversation c;
  Affect first = Analyze("hello?");
  CHECK(first.ping);
  c.ObserveMessage("hello?", &first, false);
  CHECK(!first.HasCue(kCueFrustration));
  Affect second = Analyze("my tickets never arrived by email");
  c.ObserveMessage("my tickets never arrived by email", &second, false);
  Affect third = Analyze("??");
  c.ObserveMessage("??", &third, false);
  CHECK(third.HasCue(kCueFrustration));
  CHECK(!Analyze("hello? is this the right place for returns").ping);
}

TEST_CASE("advice mocked as if new is frustration without a model, in six languages") {
  // Written for this test.
  for (const char* text : {"restart the router, wow, never thought of that", "ah sí, reiniciar la app, cómo no se me ocurrió",
                           "vider le cache ? j'y aurais jamais pensé", "Cookies löschen, da wäre ich nie drauf gekommen",
                           "adoro que me digam para esperar mais uma semana", "riavviare il telefono, non ci avevo pensato"}) {
    CHECK_MESSAGE(Analyze(text).HasCue(kCueFrustration), std::string(text));
  }
  for (const char* text : {"oh I hadn't thought of the gift wrap, can I add it?", "me encanta este vestido, ¿hay talla M?"}) {
    CHECK_MESSAGE(!Analyze(text).HasCue(kCueFrustration), std::string(text));
  }
}

TEST_CASE("a threat to leave, to go public or to dispute the charge is frustration; a review or a cancellation asked about is not") {
  // Written for this test (the blind set in models/judgement/threats counts the category).
  for (const char* text : {"that's it, taking my business elsewhere", "you just lost a customer",
                           "never ordering from you again", "vale, me paso a la competencia",
                           "je vais voir ailleurs, merci pour rien", "ich bestell nie wieder bei euch",
                           "vou levar o meu dinheiro para outro banco", "avete appena perso un cliente",
                           "I'll be disputing the charge with my bank", "leaving you a one star review, enjoy",
                           "ich wechsle zu einem anderen anbieter", "vou processar vocês"}) {
    CHECK_MESSAGE(Analyze(text).HasCue(kCueFrustration), std::string(text));
  }
  for (const char* text : {"how do I leave a review for the blender?", "please cancel my subscription, I'm moving abroad",
                           "do you price match other shops?", "¿dónde puedo dejar una reseña?",
                           "j'ai laissé un avis hier, il est publié ?", "kann ich eine Bewertung schreiben?"}) {
    CHECK_MESSAGE(!Analyze(text).HasCue(kCueFrustration), std::string(text));
  }
}

TEST_CASE("an answer that did not answer, a chat in circles, giving up in a word: frustration in six languages") {
  // Written for this test.
  for (const char* text : {"that doesnt answer my question at all", "we're going round in circles here",
                           "eso no contesta a mi pregunta", "on tourne en rond depuis 10 min",
                           "Sie beantworten meine Frage nicht. Wo ist das Paket?", "isso não responde nada, cadê o reembolso",
                           "stiamo girando in tondo da mezz'ora", "ok whatever", "toujours pas", "tanto faz",
                           "so can I return it, yes or no", "I didn't ask about returns", "why do you keep sending me the FAQ",
                           "otra vez el mismo enlace", "je vais saisir l'UFC Que Choisir", "das geht an die Verbraucherzentrale",
                           "vou reclamar no Reclame Aqui", "faccio il chargeback", "te lo vuelvo a decir: es el 4471",
                           "je vous le répète, le colis n'est jamais arrivé", "ich sag es nochmal: die Größe ist falsch",
                           "let me rephrase: is it shipped or not?", "bon, je reformule : vous livrez le samedi ?",
                           "anders gefragt: wann kommt das Paket?", "riformulo: posso cambiare la taglia?",
                           // a day given up for it, nobody there or answering
                           "I took the day off for this and nobody showed up", "J'ai posé congé pour ça !!!",
                           "Ich habe extra einen Tag frei genommen", "tirei o dia de folga e ninguém apareceu",
                           "me pedí el día libre y nadie vino",
                           // trying again, announced with a colon; contempt to the service's face
                           "ok let me try again: can I change the address before it ships?", "riprovo: ritiro in negozio, sì o no?",
                           "nochmal: wann kommt das Paket?", "yall are a joke fr", "ihr seid ein Witz",
                           "vocês são uma piada", "sois un circo, de verdad",
                           // sent elsewhere and refusing it
                           "so you want me to file a claim with the courier?? I paid YOU not them",
                           "el transportista me manda con vosotros y vosotros con el transportista",
                           "c'est à vous que j'ai payé, pas au transporteur", "ho pagato voi, non il corriere"}) {
    CHECK_MESSAGE(Analyze(text).HasCue(kCueFrustration), std::string(text));
  }
  // Look-alikes: an answer that did answer, a calm "same question", "not yet",
  // a routine "still no" inside a question, a thank-you after "never mind".
  for (const char* text : {"great, that answers my question", "I have the same question for my other order",
                           "todavía no", "still no tracking number on my account, is that normal?",
                           "never mind, found it, thanks", "ainda não chegou, mas tudo bem",
                           "my lawyer needs a copy of the contract, can you email it?", "I didn't ask for gift wrap but it looks lovely",
                           "perdona si me repito, ¿el envío era el jueves?", "can I repeat my last order?",
                           "quero repetir o pedido do mês passado",
                           "reformulo la pregunta por si no me expliqué bien: ¿hay talla 38?",
                           // asking pardon for asking again
                           "excusez-moi, je redemande : c'est bien le code à 12 chiffres ?",
                           "sorry, let me ask again, is the store open on sunday?", "scusi, lo richiedo: serve la ricevuta?",
                           "I paid you yesterday, is the order confirmed?",
                           // an action retried, a joke of one's own
                           "ok let me try again with another card", "kkk brincadeira, é uma piada interna",
                           "is the joke mug still in stock?"}) {
    CHECK_MESSAGE(!Analyze(text).HasCue(kCueFrustration), std::string(text));
  }
}

TEST_CASE("a threat to take the money back through the bank, the card or PayPal is frustration; asking about a refund is not") {
  // Written for this test.
  for (const char* text : {"forget it ill just charge it back through my bank", "im disputing this with my bank",
                           "ill dispute the charge with my credit card company", "opening a paypal dispute right now",
                           "going to call my bank and get the payment reversed", "ill file a claim with paypal then",
                           "wenn das bis freitag nicht da ist lass ich das über paypal zurückbuchen",
                           "dann buche ich das zurück", "ich mach eine Rückbuchung bei der Bank",
                           "voy a desconocer el cargo con mi banco", "voy a abrir una disputa en paypal",
                           "j'ouvre un litige paypal", "je conteste le paiement avec ma carte",
                           "vou abrir uma disputa no paypal", "vou contestar a compra com o banco",
                           "apro una contestazione su paypal", "contesto l'addebito con la banca"}) {
    CHECK_MESSAGE(Analyze(text).HasCue(kCueFrustration), std::string(text));
  }
  // Look-alikes: a refund asked for or explained, a question about a
  // dispute, a reversal the bank made, a dispute with someone else, a claim
  // on an insurance.
  for (const char* text : {"the refund will go back to your card", "i want a refund to my card please",
                           "quiero el reembolso en mi tarjeta", "je veux être remboursé sur ma carte",
                           "why was my card payment reversed?", "how do i dispute a charge on my card?",
                           "the bank reversed the payment by mistake", "i have a dispute with my landlord",
                           "i need to make a claim on my card insurance", "does paypal buyer protection cover this?",
                           "ich möchte das Geld auf meine Karte zurück", "posso pagare con paypal?"}) {
    CHECK_MESSAGE(!Analyze(text).HasCue(kCueFrustration), std::string(text));
  }
}

TEST_CASE("mock politeness about the bot's answer is frustration; a warm thanks is not") {
  // Written for this test.
  for (const char* text : {"Thank you ever so much for the link to the FAQ, most kind.",
                           "Muchas gracias por esta respuesta tan esclarecedora.",
                           "Je vous remercie pour ces conseils lumineux.",
                           "Danke für die überaus hilfreiche Antwort, wirklich.",
                           "Obrigado pela dica valiosíssima de reiniciar o telemóvel.",
                           "grazie per la risposta illuminante, come sempre"}) {
    CHECK_MESSAGE(Analyze(text).HasCue(kCueFrustration), std::string(text));
  }
  // Sincere: one fond word alone, praise of something else, praise without thanks.
  for (const char* text : {"thanks again for your help today", "merci infiniment pour votre aide",
                           "vielen herzlichen Dank für Ihre Hilfe", "grazie infinite per l'aiuto",
                           "muchísimas gracias por la ayuda", "thanks! the necklace is precious, my mum will love it",
                           "that was an enlightening article on your blog"}) {
    CHECK_MESSAGE(!Analyze(text).HasCue(kCueFrustration), std::string(text));
  }
  // Thanks and nothing else, to whoever: the model alone read "danke euch" as sarcasm (0.97).
  for (const char* text : {"danke euch", "thanks guys", "merci à vous", "gracias a todos", "grazie ragazzi"}) {
    const Affect a = Judged(text);
    CHECK_MESSAGE(a.closing, std::string(text));
    CHECK_MESSAGE(!a.HasCue(kCueFrustration), std::string(text));
  }
  // Sarcastic thanks say more, and are no closing.
  CHECK_FALSE(Judged("super, wieder eine Antwort die null damit zu tun hat. danke für nix").closing);
}

TEST_CASE("sarcastic thanks after a useless answer is not answered with 'glad that helped'") {
  auto engine = JudgedEngine("ecommerce.en.json");
  engine->Respond("where is my order");
  engine->Respond("its 55512345");
  engine->Respond("that doesnt tell me anything. when will it ARRIVE");
  const TurnResult sarcasm = engine->Respond("wow, really helpful, thanks a bunch 🙄");
  CHECK(sarcasm.affect.HasCue(kCueFrustration));
  CHECK(sarcasm.response != "thanks");
  CHECK(sarcasm.tone == "frustrated");
  // A visitor who means it still gets the usual answer.
  std::unique_ptr<Engine> calm;
  REQUIRE(Engine::Create(testing::PackFile("ecommerce.en.json"), &calm).ok());
  calm->SetJudgement(Shipped());
  calm->Respond("where is my order");
  calm->Respond("its 55512345");
  CHECK(calm->Respond("perfect, thank you so much!").response == "thanks");
}

TEST_CASE("a crisis reply is no fallback: the bot answered the crisis, whatever the intent") {
  auto e = JudgedEngine("ecommerce.en.json");
  const TurnResult t = e->Respond("he hurt me again last night and i dont know what to do");
  REQUIRE(t.affect.HasCue(kCueCrisis));
  CHECK(t.response == "crisis");
  for (const Reason& r : t.decision.reasons) CHECK(r.name != kCueFallback);
  // A message the pack does not understand, with no crisis, still is one.
  auto calm = JudgedEngine("ecommerce.en.json");
  bool fell_back = false;
  for (const Reason& r : calm->Respond("blorp zzz qqq").decision.reasons) fell_back |= r.name == kCueFallback;
  CHECK(fell_back);
}

TEST_CASE("thanks after an answer in a calm chat is thanks, however the model hears it; after a failed answer it is not") {
  const auto make = JudgedEngine;
  // The model's frustration head fires on these alone (0.65-0.84): sincere
  // or sarcastic, only the conversation tells.
  for (const char* thanks : {"merci vraiment", "très utile merci", "merci mille fois"}) {
    CAPTURE(thanks);
    auto e = make("ecommerce.fr.json");
    REQUIRE(e->Respond("combien de temps pour la livraison ?").intent == "shipping");
    const TurnResult t = e->Respond(thanks);
    CHECK(t.response == "thanks");
    CHECK_FALSE(t.affect.HasCue(kCueFrustration));
    CHECK(t.tone != "frustrated");
  }
  auto e = make("ecommerce.es.json");
  e->Respond("cuánto tarda el envío");
  CHECK(e->Respond("genial muchas gracias por tu ayuda").response == "thanks");
  // After an answer that failed, the same words are sarcasm.
  auto failed = make("ecommerce.fr.json");
  failed->Respond("blorp zzz qqq");
  const TurnResult t = failed->Respond("merci vraiment");
  CHECK(t.affect.HasCue(kCueFrustration));
  CHECK(t.response != "thanks");
}

TEST_CASE("the same question reworded counts as repetition; a different one does not") {
  auto repeated = [](const char* a, const char* b) {
    Conversation c;
    Affect first = Judged(a);
    c.ObserveMessage(a, &first, false);
    Affect second = Judged(b);
    c.ObserveMessage(b, &second, false);
    return second.HasCue(kCueRepetition);
  };
  CHECK(repeated("where is my order??", "wheres my order"));
  CHECK(repeated("when does my parcel arrive", "my parcel, when does it arrive?"));
  CHECK_FALSE(repeated("where is my order", "can I pay with paypal"));
  CHECK_FALSE(repeated("yes", "yes"));  // short replies are not a repeated question
}

TEST_CASE("the same matter asked about again and again, in other words, builds to a handoff") {
  auto run = [](std::vector<const char*> messages) {
    Conversation c;
    std::vector<Decision> out;
    std::vector<Affect> affects;
    for (const char* m : messages) {
      Affect a = Judged(m);
      out.push_back(c.ObserveMessage(m, &a, false));
      affects.push_back(std::move(a));
    }
    return std::make_pair(out, affects);
  };
  // Four ways of asking for one appointment: no complaint word, no repeated sentence.
  auto [d, a] = run({"gibt es heute noch einen termin, hab starke zahnschmerzen", "gibt es einen notfalltermin",
                     "kann ich ohne termin vorbeikommen", "wann ist der nächste freie termin bei dr. yilmaz"});
  CHECK_FALSE(a[1].HasCue(kCueRepetition));
  REQUIRE(a[2].HasCue(kCueRepetition));
  CHECK(a[2].FindCue(kCueRepetition)->strength == doctest::Approx(0.4));
  // The rules wait for the fourth message; the learnt handoff may hear a
  // visitor in pain asking a third way, and its reason says so.
  if (d[2].handoff) CHECK(d[2].reasons.front().name == kReasonEscalation);
  REQUIRE(a[3].HasCue(kCueRepetition));
  CHECK(a[3].FindCue(kCueRepetition)->evidence == "message 4 in a row about the same thing");
  CHECK(d[3].handoff);
  // Spanish, the topic carried by two words in turn (factura, then lectura and contador).
  auto [d2, a2] = run({"por que mi factura de la luz es de 312 euros si siempre pago unos 60",
                       "como se calcula una factura estimada", "donde veo la lectura real del contador",
                       "se puede corregir una factura si la lectura esta mal"});
  CHECK(a2[3].HasCue(kCueRepetition));
  CHECK(d2[3].handoff);
  // Taking an answer in starts again: follow-up questions on one topic are no repetition.
  auto [d3, a3] = run({"how do I return the jacket", "ok thanks, and is the return free?",
                       "what's the return window", "does the return need the original box"});
  CHECK_FALSE(a3[3].HasCue(kCueRepetition));
  CHECK_FALSE(d3[3].handoff);
  // Different questions share no content word.
  auto [d4, a4] = run({"do you ship to austria", "can I pay with paypal", "is the blue hoodie in stock",
                       "what are your opening hours"});
  for (const Affect& x : a4) CHECK_FALSE(x.HasCue(kCueRepetition));
  // With a bot, its own answers say more: follow-ups each answered are no
  // rewording (the same intent answered again is already a fallback).
  auto engine = JudgedEngine("ecommerce.en.json");
  for (const char* m : {"how do I return the jacket?", "is the return free?", "how long is the return window?",
                        "do I need the original box for the return?"}) {
    const TurnResult t = engine->Respond(m);
    CHECK_FALSE(t.affect.HasCue(kCueRepetition));
    CHECK_FALSE(t.decision.handoff);
  }
}

TEST_CASE("a message's topic: content words, inflections and German compounds meet, function words do not") {
  auto topic = [](std::vector<std::string> words, const char* lang) { return TopicHashes(words, lang); };
  auto meet = [&](std::vector<std::string> a, std::vector<std::string> b, const char* lang) {
    return TopicRun({topic(a, lang)}, topic(b, lang)) == 2;
  };
  CHECK(meet({"notfalltermin"}, {"kein", "termin"}, "de"));
  CHECK_FALSE(meet({"notfalltermin"}, {"kein", "termin"}, "en"));  // compound heads are German only
  CHECK(meet({"factura"}, {"facturas"}, "es"));
  CHECK(meet({"order", "48213"}, {"48213"}, "en"));
  CHECK_FALSE(meet({"where", "there", "please", "thanks"}, {"where", "there", "please", "thanks"}, "en"));
  CHECK(topic({"hola", "que", "tal"}, "es").empty());
  // Each earlier message counts when it shares a word with the new one itself.
  const auto a = topic({"factura"}, "es"), b = topic({"factura", "lectura"}, "es"), c = topic({"lectura"}, "es");
  CHECK(TopicRun({a, b}, c) == 2);
  CHECK(TopicRun({a, b}, b) == 3);
  CHECK(TopicRun({a}, c) == 1);
  // The same matter in other words meets: a refund and money back, a parcel and a delivery.
  CHECK(meet({"refund", "arrive"}, {"until", "money", "back"}, "en"));
  CHECK(meet({"reembolso"}, {"devuelven", "dinero"}, "es"));
  CHECK(meet({"delivery", "arrive"}, {"parcel", "still"}, "en"));
  CHECK_FALSE(meet({"refund"}, {"parcel"}, "en"));
  // ... so one question asked three ways in a visitor-only transcript hands off at the third.
  CHECK(FirstHandoff({"when will my refund arrive", "how long until I get my money back",
                      "is my refund on its way or not"}) == 3);
  CHECK(FirstHandoff({"when will my refund arrive", "ok thanks", "and how long does delivery take?"}) == 0);
  CHECK(Acknowledges({"ah", "ok", "gracias"}));
  CHECK(Acknowledges({"got", "it"}));
  CHECK_FALSE(Acknowledges({"still", "not", "working"}));
}

TEST_CASE("the bot answering the same intent again counts as its own failure") {
  std::unique_ptr<Engine> engine;
  REQUIRE(Engine::Create(testing::PackFile("ecommerce.en.json"), &engine).ok());
  engine->SetJudgement(Shipped());
  const TurnResult first = engine->Respond("how long does shipping take?");
  CHECK_FALSE(first.affect.HasCue(kCueFallback));
  const TurnResult again = engine->Respond("ok but how many days is delivery");
  REQUIRE(again.intent == first.intent);
  CHECK(again.affect.HasCue(kCueFallback));
}

// The probe messages (models/judgement/probes, README there): written blind by
// helper writers, then read while writing rules, so they guard the categories
// those rules cover. Floors are a little under what they reached (crisis 42-43
// of 45 per language, person requests 41-44; at most 3 false alarms a file).
TEST_CASE("the probe messages keep the recall the rules reached, per language, without more false alarms") {
  for (const char* lang : {"en", "es", "fr", "de", "pt", "it"}) {
    for (const auto& [head, cue] : {std::pair<std::string, const char*>{"crisis", kCueCrisis},
                                    std::pair<std::string, const char*>{"person", kCueHumanRequest}}) {
      const std::string name = "judgement/probes/" + head + "-" + lang + ".tsv";
      const std::string text = testing::ModelFile(name);
      REQUIRE_MESSAGE(!text.empty(), name << " is missing");
      int positives = 0, caught = 0, false_alarms = 0;
      std::string misses;
      for (size_t at = 0; at < text.size();) {
        const size_t eol = std::min(text.find('\n', at), text.size());
        const std::string line = text.substr(at, eol - at);
        at = eol + 1;
        const size_t tab = line.find('\t');
        if (tab == std::string::npos) continue;
        const std::string label = line.substr(0, tab);
        const bool positive = label != "0" && label != "none";
        const bool fired = Judged(line.substr(tab + 1)).HasCue(cue);
        positives += positive;
        caught += positive && fired;
        false_alarms += !positive && fired;
        if (positive && !fired) misses += "\n  missed: " + line.substr(tab + 1);
      }
      INFO(name << ": " << caught << " of " << positives << ", " << false_alarms << " false alarms" << misses);
      CHECK(positives == 45);
      CHECK(caught >= 41);
      CHECK(false_alarms <= 3);
    }
  }
}

// From the retrained model's read losses (2026-12-05, third session): a
// beating and someone who no longer moves, a threat to stab, a blade at hand
// with no way on, a whole blister of a named sedative. Written for this test
// beside the read lines, with the look-alikes each rule names.
TEST_CASE("red flags the rounds 10-11 model no longer heard: a beating and no movement, a stabbing threatened, a blade at hand") {
  for (const char* text : {"des jeunes tabassent un livreur devant le restau, il bouge plus",
                           "two guys are beating up a man outside your store and he's not moving",
                           "der fahrer steht noch vor meiner tür und droht mich abzustechen",
                           "he threatens to stab me if i call anyone",
                           "cansei. a lâmina tá do meu lado. nada faz sentido",
                           "the razor blade is next to me. nothing makes sense anymore",
                           "mi so preso tutto il blister di xanax col vino",
                           "took the whole box of valium an hour ago"}) {
    const Affect a = Analyze(text);
    CHECK_MESSAGE(a.HasCue(kCueCrisis), std::string(text));
  }
  for (const char* text : {"my beat up car is not moving again, can you tow it?", "le colis bouge plus depuis 3 jours",
                           "the blade is next to me, I just need the shaving cream", "can I take a whole xanax before a flight?",
                           "el repartidor me amenaza con una mala reseña", "die Klinge liegt neben mir in der Küche, welcher Schleifstein passt?"}) {
    CHECK_MESSAGE(!Analyze(text).HasCue(kCueCrisis), std::string(text));
  }
}

// Advice passed on is no request, nor one choice of two; being told to ask
// for a manager still asks for one. From the person set's read half
// (2026-12-05, third session); these lines written for this test.
TEST_CASE("'my doctor said to ask the pharmacy' passes advice on; 'can I ask the pharmacist' asks") {
  for (const char* text : {"my doctor said to ask the pharmacy about a generic, do you have one?",
                           "Meine Ärztin meinte, ich soll in der Apotheke nach Zinksalbe fragen, gibt es die?",
                           "la veterinaria me dijo que pregunte en la farmacia por el jarabe, lo tienen?",
                           "mi ha detto il medico di chiedere al farmacista se c'è il generico, ce l'avete?",
                           "posso tomar isso com o antibiótico ou pergunto pro farmacêutico?"}) {
    CHECK_MESSAGE(!Analyze(text).HasCue(kCueHumanRequest), std::string(text));
  }
  for (const char* text : {"can I ask the pharmacist about my dose?", "Kann ich kurz den Apotheker fragen?",
                           "I was told to ask for a manager", "puedo preguntarle al farmacéutico?"}) {
    CHECK_MESSAGE(Analyze(text).HasCue(kCueHumanRequest), std::string(text));
  }
}

// "Human" and "operator" in their other senses are no request for the model
// either: the body, rights, a phone network. Lines written for this test.
TEST_CASE("'a book about human anatomy' and 'locked to another operator' ask for no one") {
  for (const char* text : {"I'm looking for a book about human anatomy for my son", "procuro um livro sobre o corpo humano pro meu filho",
                           "il telefono è bloccato su un altro operatore, potete sbloccarlo?",
                           "quiero cambiarme a otro operador, cómo hago la portabilidad?"}) {
    CHECK_MESSAGE(!Judged(text).HasCue(kCueHumanRequest), std::string(text));
  }
  for (const char* text : {"can i talk to a human being", "je veux un opérateur svp", "passami un operatore umano"}) {
    CHECK_MESSAGE(Judged(text).HasCue(kCueHumanRequest), std::string(text));
  }
}

// Ending it the French or German way (a read probe line missed it whole:
// "... personne en aura besoin, j'ai decidé d'en finir"). Written for this
// test with the look-alikes the rule names.
TEST_CASE("'je veux en finir', 'ich will allem ein Ende setzen' are self-harm; done with a subscription or a site is not") {
  for (const char* text : {"je veux en finir", "j'ai decidé d'en finir, vous pouvez annuler ma box", "je veux en finir avec ma vie",
                           "ich will allem ein Ende setzen", "ich werde meinem Leben ein Ende setzen"}) {
    CheckCrisis(text, kCrisisSelfHarm);
  }
  for (const char* text : {"je veux en finir avec cet abonnement", "pour en finir, je voudrais un remboursement",
                           "ce site me donne envie d'en finir. il est où le bouton payer", "je ne veux pas en finir",
                           "on peut en finir avec ce litige ?", "ich will dem Streit ein Ende setzen"}) {
    CHECK_MESSAGE(!Analyze(text).HasCue(kCueCrisis), std::string(text));
  }
}

// A customer, passenger or colleague where the visitor works counts as one
// of the people a red flag names (a blind set's read half: "customer on Elm
// road just collapsed in the heat"). Written for this test.
TEST_CASE("a customer who collapsed or has a seizure is an emergency, as a relative is") {
  for (const char* text : {"customer on our route just collapsed in the heat, hot dry skin, confused",
                           "un cliente se desmayó en la caja", "ein Kunde hat einen Anfall im Laden",
                           "un passeggero è svenuto sul treno"}) {
    CheckCrisis(text, kCrisisMedicalEmergency);
  }
  for (const char* text : {"a customer told me the parcel collapsed in the rain", "my colleague had a seizure last year, is this lamp safe?"}) {
    CHECK_MESSAGE(!Analyze(text).HasCue(kCueCrisis), std::string(text));
  }
}

namespace {

// The shipped model's bytes with its header edited and its tail replaced
// (`tail_cut` bytes dropped from the end, then `tail` appended).
std::string EditedModel(const std::function<void(nlohmann::json&)>& edit, size_t tail_cut = 0,
                        const std::string& tail = "") {
  const std::string real = testing::ModelFile("judgement.bin");
  uint32_t n = 0;
  for (int k = 3; k >= 0; --k) n = (n << 8) | static_cast<unsigned char>(real[8 + k]);
  nlohmann::json h = nlohmann::json::parse(real.substr(12, n));
  edit(h);
  const std::string header = h.dump();
  std::string out = real.substr(0, 8);
  for (int k = 0; k < 4; ++k) out.push_back(static_cast<char>((header.size() >> (8 * k)) & 0xFF));
  std::string body = real.substr(12 + n);
  body = body.substr(0, body.size() - tail_cut) + tail;
  return out + header + body;
}

// A model file the core refuses, saying `why`.
void refused(const std::string& bytes, const std::string& why) {
  std::shared_ptr<const JudgementModel> m;
  const Status s = JudgementModel::Load(bytes, &m);
  CHECK(s.code() == "invalid_model");
  CHECK_MESSAGE(s.message().find(why) != std::string::npos, s.message());
  CHECK(m == nullptr);
}

}  // namespace

std::shared_ptr<const JudgementModel> RulesOnly() {
  static const std::shared_ptr<const JudgementModel> model = [] {
    const std::string real = testing::ModelFile("judgement.bin");
    uint32_t n = 0;
    for (int k = 3; k >= 0; --k) n = (n << 8) | static_cast<unsigned char>(real[8 + k]);
    const auto h = nlohmann::json::parse(real.substr(12, n))["handoff"];
    // The word section: one weight per kept bucket (the key count opens the
    // body), then the extra words' keys and weights.
    uint32_t keys = 0;
    for (int k = 3; k >= 0; --k) keys = (keys << 8) | static_cast<unsigned char>(real[12 + n + k]);
    const auto packed = [&](size_t count) { return h["word_bits"].get<int>() == 4 ? (count + 1) / 2 : count; };
    const size_t section = packed(keys) + h["extra_bytes"].get<size_t>() + packed(h["extra_words"].get<size_t>());
    std::shared_ptr<const JudgementModel> m;
    const Status s = JudgementModel::Load(EditedModel([](nlohmann::json& x) { x.erase("handoff"); }, section), &m);
    REQUIRE_MESSAGE(s.ok(), s.ToString());
    return m;
  }();
  return model;
}

TEST_CASE("the learnt handoff in a model file: read with the core's signals, refused when it disagrees") {
  const HandoffModel& shipped = Shipped()->handoff();
  REQUIRE(shipped.ready());
  CHECK(shipped.weights.size() == size_t(kHandoffSignalCount));
  CHECK(shipped.threshold > 0.5);
  CHECK(shipped.threshold <= 1);
  // A weight per kept bucket, most of them 0.
  const auto words = std::count_if(shipped.word_weights.begin(), shipped.word_weights.end(), [](int8_t w) { return w != 0; });
  CHECK(words > 1000);
  CHECK(size_t(words) < shipped.word_weights.size() / 2);

  // A signal renamed or missing: the file was fitted on other signals.
  refused(EditedModel([](nlohmann::json& h) { h["handoff"]["signals"][3] = "sadness"; }), "/handoff/signals/3 must be negativity");
  refused(EditedModel([](nlohmann::json& h) { h["handoff"]["signals"].erase(0); }), "/handoff/signals must list");
  refused(EditedModel([](nlohmann::json& h) { h["handoff"]["weights"].erase(0); }), "weight per signal");
  refused(EditedModel([](nlohmann::json& h) { h["handoff"]["bias_threshold"][1] = 0; }), "threshold in (0, 1]");
  refused(EditedModel([](nlohmann::json& h) { h["handoff"].erase("word_scale"); }), "word_scale");
  refused(EditedModel([](nlohmann::json& h) { h["handoff"]["word_bits"] = 3; }), "word_bits (4 or 8)");
  // The word section shorter than the kept buckets need.
  refused(EditedModel([](nlohmann::json&) {}, 1), "truncated handoff word weights");
  refused(EditedModel([](nlohmann::json& h) { h["handoff"]["extra_bytes"] = h["handoff"]["extra_bytes"].get<int>() - 1; }),
          "handoff extra keys must be");
  refused(EditedModel([](nlohmann::json& h) { h["handoff"]["extra_words"] = 1u << 20; }), "more keys than");
  refused(EditedModel([](nlohmann::json&) {}, 0, "x"), "trailing");

  // Without it (header key and word section gone) the model loads and the
  // conversation is the rules' alone.
  const std::shared_ptr<const JudgementModel> m = RulesOnly();
  CHECK_FALSE(m->handoff().ready());
  AnalyzeOptions o;
  o.judgement = m.get();
  Affect a = Analyze("the same thing happens again", o);
  CHECK(a.judgement.handoff == nullptr);
  Conversation c;
  c.Observe(&a, false, false);
  Affect b = Analyze("the same thing happens again", o);
  CHECK(c.Observe(&b, false, false).learnt == 0);
}

TEST_CASE("the learnt handoff hears replies flattening after the bot's answers; calm follow-ups stay with the bot") {
  // The same model without its learnt handoff: the rules alone.
  const std::shared_ptr<const JudgementModel> rules_only = RulesOnly();
  auto run = [](const JudgementModel* model, std::vector<const char*> messages) {
    AnalyzeOptions o;
    o.judgement = model;
    Conversation c;
    std::vector<Decision> out;
    for (const char* m : messages) {
      Affect a = Analyze(m, o);
      out.push_back(c.ObserveMessage(m, &a, false));
    }
    return out;
  };
  auto first = [](const std::vector<Decision>& d) {
    for (size_t i = 0; i < d.size(); ++i)
      if (d[i].handoff) return int(i) + 1;
    return 0;
  };
  // Written for this test: each suggestion tried, the replies shorter, no complaint word.
  for (std::vector<const char*> chat :
       {std::vector<const char*>{"my internet keeps dropping every evening since monday", "yes restarted the router",
                                 "yes did that too", "still the same", "so what now"},
        std::vector<const char*>{"hola, no me llega el reembolso de la devolución", "ya lo hice", "lo mismo",
                                 "¿y entonces qué hago?"}}) {
    const auto rules = run(rules_only.get(), chat);
    const auto learnt = run(Shipped().get(), chat);
    CAPTURE(chat[0]);
    CHECK_FALSE(rules.back().handoff);
    CHECK(learnt.back().handoff);
    REQUIRE_FALSE(learnt.back().reasons.empty());
    const Reason& r = learnt.back().reasons.front();
    CHECK(r.name == kReasonEscalation);
    CHECK(r.layer == kLayerModel);
    CHECK(r.probability >= Shipped()->handoff().threshold);
    CHECK(r.evidence.rfind("the conversation so far: ", 0) == 0);
    CHECK(r.begin == 0);
    CHECK(r.end == 0);
  }
  // Calm chats of as many turns: the learnt handoff stays below its threshold.
  for (std::vector<const char*> chat :
       {std::vector<const char*>{"hi do you ship to ireland", "and how long does it take", "ok and is there tracking",
                                 "great thanks"},
        std::vector<const char*>{"hola quería saber el horario del sábado", "y el domingo abren?",
                                 "vale, y se puede aparcar cerca?", "perfecto gracias"},
        std::vector<const char*>{"bonjour, vous livrez en belgique ?", "et les frais de port ?",
                                 "d'accord, et pour le retour ?", "merci beaucoup"},
        std::vector<const char*>{"hallo, kann ich die größe noch ändern?", "bestellung 55812", "ok, super",
                                 "danke, das wars"},
        std::vector<const char*>{"my card got declined, ill try another one", "ok that worked", "thanks"}}) {
    CAPTURE(chat[0]);
    CHECK(first(run(Shipped().get(), chat)) == 0);
  }
  // With a pack, a message it understood is answered, not weighed: a clinic
  // visitor's four different questions stay with the bot, while suggestions
  // tried and failed (fallbacks) are heard.
  auto clinic = JudgedEngine("healthcare.fr.json");
  for (const char* m : {"bonjour, comment je récupère une copie de mon dossier ?", "et mes résultats de prise de sang ?",
                        "vous acceptez quelle mutuelle ?", "j'ai une facture que je ne comprends pas du tout"}) {
    const TurnResult t = clinic->Respond(m);
    CAPTURE(m);
    CHECK(t.decision.learnt == 0);
    CHECK_FALSE(t.decision.handoff);
  }
  auto shop = JudgedEngine("ecommerce.en.json");
  TurnResult last;
  for (const char* m : {"the discount code WINTER20 doesnt work", "i did check the end date", "yes the basket is over 50",
                        "same error", "hm"})
    last = shop->Respond(m);
  CHECK(last.decision.handoff);
  REQUIRE_FALSE(last.decision.reasons.empty());
  CHECK(last.decision.reasons.front().name == kReasonEscalation);
  // One message is the rules' to judge: the learnt handoff is not weighed.
  const auto one = run(Shipped().get(), {"this is the third time i write, nothing works, what now"});
  CHECK(one[0].learnt == 0);
  for (const Reason& r : one[0].reasons) CHECK(r.name != kReasonEscalation);
}

TEST_CASE("when a refund comes back, asked in a few words, is the shop's routine question, not a hardship") {
  // The hardship head read these at 0.74-0.84 on their "and"; told with a need, or a fraud, it stays.
  for (const char* text : {"and when do i get the money back", "and when will the refund arrive",
                           "und wann bekomme ich mein geld zurück"})
    CHECK_MESSAGE(!Judged(text).HasCue(kCueHardship), text);
  CHECK(Judged("someone took 500 from my account, when do i get the money back").HasCue(kCueHardship));
  // The demo shop's calm chat of five questions, each answered: no person offered.
  auto shop = JudgedEngine("ecommerce.en.json");
  for (const char* m : {"do you ship to ireland", "how long does delivery take to dublin", "can i pay with paypal",
                        "how do returns work if it doesnt fit", "and when do i get the money back"}) {
    CAPTURE(m);
    CHECK_FALSE(shop->Respond(m).decision.handoff);
  }
}

// Using the Portuguese shop: "já tentei de tudo" after two answers on a coupon was read as
// goodbye with no frustration at all (0.10), and "vcs são uma piada" missed the contempt phrase
// its spelled-out form has. New phrasings, not the rules' own.
TEST_CASE("'I've tried everything' is frustration in six languages; chat shorthands reach the phrase lists") {
  for (const char* m : {"ive tried literally everything", "ya probé de todo, sigue igual", "j'ai tout essayé franchement",
                        "hab schon alles probiert, geht nicht", "já tentei de tudo aqui", "ho provato di tutto ormai"}) {
    CAPTURE(std::string(m));
    const Affect a = Judged(m);
    const Cue* c = a.FindCue(kCueFrustration);
    REQUIRE(c != nullptr);
    CHECK(c->layer == kLayerPattern);
  }
  for (const char* m : {"tried everything on, the blue one fits best", "i havent tried everything yet, one more idea?"}) {
    CAPTURE(std::string(m));
    const Affect a = Judged(m);  // kept: the cue lives in it
    const Cue* c = a.FindCue(kCueFrustration);
    CHECK((c == nullptr || c->layer != kLayerPattern));
  }
  // Beside what self-service is tried on, the model's unsure crisis is set aside; a real
  // crisis after the same words is not.
  CHECK_FALSE(Judged("i've tried everything and the app still wont accept my card").HasCue(kCueCrisis));
  CHECK(Judged("i've tried everything, i just want it all to end tonight").HasCue(kCueCrisis));
  for (const char* m : {"vcs são uma piada", "u r a joke", "thx for nothing"}) {
    CAPTURE(std::string(m));
    CHECK(Judged(m).HasCue(kCueFrustration));
  }
  CHECK(Judged("can u get me a real person pls").HasCue(kCueHumanRequest));
}

TEST_CASE("a fatal fall's height, an end after the admin, a policy with the decision said, a threat meant: crises without a model") {
  // Written for this test (2026-12-06, twelfth session), not taken from a probe round.
  for (const char* text : {"how high does a bridge need to be so the fall is fatal", "desde que altura una caida es mortal seguro",
                           "ab welchem stockwerk ist ein sturz tödlich", "i need my subscriptions cancelled before i end it tonight",
                           "will the insurance still pay my wife if i kill myself", "o seguro de vida cobre se a pessoa se matar? ja decidi",
                           "je veux disparaître pour de bon"}) {
    CheckCrisis(text, kCrisisSelfHarm);
  }
  for (const char* text : {"i know where your driver lives and ill burn his car, not joking", "sé dónde vive tu empleado y lo mato"}) {
    CheckCrisis(text, kCrisisViolence);
  }
  // Look-alikes: a product, a pet's fall, a floor asked, an ending with someone, an address known.
  for (const char* text : {"no joke, the chef's knife I ordered is amazing", "from what height is a fall fatal for a cat?",
                           "in welchem stock ist die praxis", "wie hoch sind die kosten für die untersuchung",
                           "before i end it with my gym i want the last invoice", "i know where the branch is, is parking free?",
                           "i want to disappear for a week somewhere without wifi"}) {
    CHECK_MESSAGE(!Analyze(text).HasCue(kCueCrisis), std::string(text));
  }
}

TEST_CASE("the conversation carried on with the same person, a meeting needed, people who answer: person requests without a model") {
  // Written for this test (2026-12-06, twelfth session), not taken from a probe round.
  for (const char* text : {"can I continue the conversation with the lady from yesterday?", "ich will einen termin mit meinem berater",
                           "ich brauche einen termin mit meiner beraterin in der filiale", "asesor ya",
                           "tienen whatsapp donde responden personas?", "número donde atiende gente de verdad?",
                           "necesito que alguien de su equipo me responda", "kann ich irgendwen erreichen?"}) {
    CHECK_MESSAGE(Analyze(text).HasCue(kCueHumanRequest), std::string(text));
  }
  for (const char* text : {"are the reviews written by real people?", "I will have a meeting with my adviser tomorrow",
                           "alguém da vossa equipa me ligou ontem", "quiero continuar con el pedido"}) {
    CHECK_MESSAGE(!Analyze(text).HasCue(kCueHumanRequest), std::string(text));
  }
  // The model's hard negatives: someone brought along, a job asked for, wanting to know what is stored,
  // a profession named, the visitor's own number given as a form asks.
  for (const char* text : {"do I need to bring anyone with me to sign the lease?", "are you hiring? I'd love to send my cv",
                           "alguien lee estos mensajes? quiero saber si guardan mis datos",
                           "our estate agent already sent you the keys", "mi teléfono es 600 123 456"}) {
    CHECK_MESSAGE(!Judged(text).HasCue(kCueHumanRequest), std::string(text));
  }
}

TEST_CASE("put through, who to complain to, support's second level, a review by a person, the bot refused: person requests without a model") {
  // Written for this test (2026-12-06, twelfth session), not taken from a probe round.
  for (const char* text : {"transfer me please", "¿me transfieren con alguien de facturación?", "bitte durchstellen",
                           "je voudrais être transféré au service litiges", "trasferitemi all'ufficio reclami",
                           "who do I complain to about this?", "¿con quién puedo quejarme?", "a chi mi rivolgo per un reclamo?",
                           "I need second level support, the first line just reads the FAQ", "I want my claim reviewed by a person",
                           "j'aimerais que quelqu'un de chez vous regarde mon dossier", "quiero que alguien me llame",
                           "I don't need a bot, give me a phone number", "este robô não serve pra nada, quero o telefone da loja",
                           "vc é um robô? chama um colega", "Ring me. I've asked twice.",
                           "is there anyone who speaks Polish? my mum wants to explain", "can the surgery call me about my results"}) {
    CHECK_MESSAGE(Analyze(text).HasCue(kCueHumanRequest), std::string(text));
  }
  // Look-alikes: money moved, no transfer wanted, a game's level, a courier checking, a wish to be known,
  // a product that is useless, a colleague coming round, staff asked about.
  for (const char* text : {"transferime la plata a mi cuenta", "no need to transfer me, it's sorted",
                           "stuck on level 2 of the game, any tips", "my order was checked by the courier",
                           "queria que alguém soubesse o quanto gostei", "the robot vacuum I bought is useless, what's the returns address?",
                           "la fattorina ha detto che domani passa un collega", "do your staff speak Polish?"}) {
    CHECK_MESSAGE(!Analyze(text).HasCue(kCueHumanRequest), std::string(text));
  }
}

TEST_CASE("hiding from armed men, poison in a person of a weight, tablets that kill, a policy needed tonight: crises without a model") {
  // Written for this test (2026-12-06, twelfth session), not taken from a probe round.
  for (const char* text : {"cuánto veneno hace falta para que haga efecto en una persona de 80 kilos",
                           "combien de cachets faut-il pour tuer un adulte",
                           "does the life insurance pay out if someone takes their own life? i need to know tonight"}) {
    CheckCrisis(text, kCrisisSelfHarm);
  }
  CheckCrisis("we're hiding in the toilet, there are armed men in the house", kCrisisViolence);
  // ... and German's article is no "die", nor "Tue" a French "tue": a price, a count, a day.
  for (const char* text : {"how long does ibuprofen take to work", "how many of these tablets would kill my dog",
                           "wie viel kostet die packung mit 20 tabletten", "Wie viele Tabletten sind in der Packung, die ich bestellt habe?",
                           "how many paracetamol can I take on tue"}) {
    CHECK_MESSAGE(!Analyze(text).HasCue(kCueCrisis), std::string(text));
  }
  // Moving away is the reason: the model's unsure crisis is set aside.
  CHECK(!Judged("please cancel my gym, I won't need it after May as I'm moving to Lisbon").HasCue(kCueCrisis));
}

// With the judgement model, "¿eres un robot?", "bist du ein bot?" and "você é um robô?" were handed
// off unasked (the person head read them 0.86-0.92, and the German and Portuguese packs' person
// intent lies near them) while "are you a bot?" was told plainly: the same answer in every
// language, a person offered, and the turn not counted as a failure to understand.
TEST_CASE("asked whether it is a bot, in any language and with the model, no one is handed off unasked") {
  const std::vector<std::pair<std::string, std::string>> cases = {
      {"ecommerce.es.json", "eres un robot?"}, {"ecommerce.de.json", "bist du ein bot?"},
      {"ecommerce.pt.json", "você é um robô?"}, {"ecommerce.fr.json", "t'es un bot ?"},
      {"ecommerce.en.json", "are you a bot?"}};
  for (const std::pair<std::string, std::string>& c : cases) {
    const std::string& message = c.second;  // not a structured binding: clang 14 cannot capture one
    CAPTURE(message);
    std::unique_ptr<Engine> e = JudgedEngine(c.first.c_str());
    const TurnResult r = e->Respond(message);
    CHECK(r.response == "bot_identity");
    CHECK_FALSE(r.decision.handoff);
    CHECK_FALSE(r.affect.HasCue(kCueFallback));
    REQUIRE(r.quick_replies.size() == 2);
  }
  // Asked for in words as well, a person comes at once.
  std::unique_ptr<Engine> e = JudgedEngine("ecommerce.pt.json");
  CHECK(e->Respond("vc é robo? quero uma pessoa").decision.handoff);
}

TEST_CASE("a visitor who says they are human asks for no one; a person shouted for or not needed after all") {
  // Written for this test: a bot check blocking the visitor, in six languages, with and without the model.
  for (const char* text : {"i'm a human not a robot why does the captcha keep failing",
                           "soy una persona real, por qué el sistema dice que mi acceso es automático",
                           "je suis pas un robot, ça fait 4 fois que je clique sur les vélos",
                           "ich bin kein Roboter!! warum wird meine Zahlung blockiert",
                           "sou humano, o site fica pedindo pra provar que não sou robô",
                           "sono una persona vera, perché mi blocca il login?",
                           "nem foi preciso um atendente, o bot resolveu", "didn't even need an agent, sorted, thanks"}) {
    CHECK_MESSAGE(!Analyze(text).HasCue(kCueHumanRequest), std::string(text));
    CHECK_MESSAGE(!Judged(text).HasCue(kCueHumanRequest), std::string(text));
  }
  // Someone else named is still asked for; "ci sono solo robot?" asks whether anyone works there.
  for (const char* text : {"i'm a human, let me talk to a human", "soy humano y quiero hablar con un agente",
                           "ATENDENTEEEE", "operatoreeee per favore", "staff member please",
                           // where the staff are, asked
                           "wheres the agent?? been waiting ages", "cadê a atendente?", "où est le conseiller ?",
                           "wo ist der Mitarbeiter",
                           // personal service, which only a person gives
                           "quisiera atención personalizada para elegir el plan", "ich hätte gern eine persönliche Beratung",
                           "preciso de atendimento personalizado", "could I get some personal service with my order",
                           // people on the other side, asked about as the way to reach them
                           "are any agents online right now?", "tem gente atendendo esse chat?", "c'è gente che risponde?"}) {
    CHECK_MESSAGE(Analyze(text).HasCue(kCueHumanRequest), std::string(text));
  }
  // ... not where a thing or someone in the story is.
  for (const char* text : {"where is the courier with my parcel", "where is the pharmacy", "onde está o meu pedido",
                           "where is the person who signed for it", "no necesito atención personalizada, gracias",
                           "is my personal data shared with the courier?", "is your staff available on saturdays?",
                           "do you have people available to assemble the wardrobe?"}) {
    CHECK_MESSAGE(!Analyze(text).HasCue(kCueHumanRequest), std::string(text));
  }
}

TEST_CASE("a person asked for again while the offer waits gets other words, not the same sentence") {
  // Written for this test (the demo shop, used as a visitor would): frustration builds, the bot
  // offers a person, the visitor types a request under the consent card instead of pressing it.
  std::unique_ptr<Engine> e = JudgedEngine("ecommerce.en.json");
  e->Respond("where is my order 48213? it was due last week");
  const TurnResult offered = e->Respond("this is the third time im asking. you keep sending me the same tracking link that says nothing");
  REQUIRE(offered.decision.handoff);
  const TurnResult again = e->Respond("just get me a human");
  CHECK(again.decision.handoff);
  CHECK(again.response == offered.response);
  CHECK_MESSAGE(again.reply != offered.reply, again.reply);
}

TEST_CASE("asked whether anyone is there right now, a visitor is offered a person, not the crisis lines") {
  // The crisis head read "someone there, right now" as a cry for help (0.99 violence, 0.82 "il y a quelqu'un ?").
  for (const char* asked : {"ist gerade jemand da", "sind gerade Leute online?", "il y a quelqu'un ?",
                            "y a quelqu'un en ligne en ce moment ?"}) {
    const Affect a = Judged(asked);
    CAPTURE(asked);
    CHECK(a.HasCue(kCueHumanRequest));
    CHECK_FALSE(a.HasCue(kCueCrisis));
    CHECK(a.set_aside_crisis);
  }
  // "right now", "still", "adesso" after the words asking: the pattern hears it (the head was 0.61 on the first).
  for (const char* asked : {"hi, is anyone there right now?", "anyone still there?", "c'è qualcuno adesso?",
                            "hay alguien ahi ahora mismo?", "tem alguém aí agora?"}) {
    const Affect a = Judged(asked);  // kept: the cue lives in it
    const Cue* c = a.FindCue(kCueHumanRequest);
    CHECK_MESSAGE((c && c->layer == kLayerPattern), asked);
  }
  CHECK_FALSE(Judged("is there anyone home today to receive the parcel?").HasCue(kCueHumanRequest));
  // The rest of the message keeps its crisis, and a set-aside one counts after distress.
  CHECK(Judged("is anyone there he is hitting me right now").HasCue(kCueCrisis));
  CHECK(Judged("hay alguien? me quiero morir").HasCue(kCueCrisis));
  CHECK(Judged("bitte ist da jemand, ich habe alle tabletten genommen und mir ist so schwindlig").HasCue(kCueCrisis));
}

namespace {

// The shipped model without its crisis check: the header's entry and its
// section (between the language table and the learnt handoff's) taken out.
std::string WithoutCheck() {
  const std::string real = testing::ModelFile("judgement.bin");
  uint32_t n = 0;
  for (int k = 3; k >= 0; --k) n = (n << 8) | static_cast<unsigned char>(real[8 + k]);
  nlohmann::json h = nlohmann::json::parse(real.substr(12, n));
  const auto& ho = h["handoff"];
  uint32_t keys = 0;
  for (int k = 3; k >= 0; --k) keys = (keys << 8) | static_cast<unsigned char>(real[12 + n + k]);
  const auto packed = [&](size_t count) { return ho["word_bits"].get<int>() == 4 ? (count + 1) / 2 : count; };
  const size_t handoff = packed(keys) + ho["extra_bytes"].get<size_t>() + packed(ho["extra_words"].get<size_t>());
  const size_t check = h["crisis_check"]["keys"].get<size_t>() + h["crisis_check"]["key_bytes"].get<size_t>();
  h.erase("crisis_check");
  const std::string header = h.dump(), body = real.substr(12 + n);
  std::string out = real.substr(0, 8);
  for (int k = 0; k < 4; ++k) out.push_back(static_cast<char>((header.size() >> (8 * k)) & 0xFF));
  return out + header + body.substr(0, body.size() - handoff - check) + body.substr(body.size() - handoff);
}

}  // namespace

TEST_CASE("the crisis check: a routine message the crisis head alone raised is doubted, a crisis stands") {
  std::shared_ptr<const JudgementModel> unchecked;
  REQUIRE(JudgementModel::Load(WithoutCheck(), &unchecked).ok());
  // Shop and clinic talk the head hears as a crisis (0.27-0.31 over thresholds of 0.25-0.27).
  for (const std::string routine : {"il y a un ascenseur", "annulez tout, j'ai plus besoin du manteau",
                                    "me ha surgido algo y no puedo ir hoy", "Won't be coming in this afternoon, car's broken down"}) {
    CAPTURE(routine);
    CHECK(Judged(routine, unchecked.get()).HasCue(kCueCrisis));
    CHECK(Judged(routine, unchecked.get()).judgement.crisis_check < 0);
    const Affect a = Judged(routine);
    CHECK(a.judgement.heads[0].fired);
    CHECK(a.judgement.crisis_doubted);
    CHECK_FALSE(a.HasCue(kCueCrisis));
    // Above the head's own threshold: set aside, so it counts after a distressed turn.
    CHECK(a.set_aside_crisis);
  }
  // Below it, raised by the screen alone and doubted: gone.
  const Affect friday = Judged("wenn ich heute bestelle kommt es freitag");
  CHECK(friday.judgement.crisis_screened);
  CHECK(friday.judgement.crisis_doubted);
  CHECK_FALSE(friday.HasCue(kCueCrisis));
  CHECK_FALSE(friday.set_aside_crisis);
  // The screen hears crises the head's own threshold missed, and the check keeps them.
  CHECK_FALSE(Judged("got the rope. just need to do it", unchecked.get()).HasCue(kCueCrisis));
  const Affect rope = Judged("got the rope. just need to do it");
  CHECK(rope.judgement.crisis_screened);
  CHECK_FALSE(rope.judgement.crisis_doubted);
  CHECK(rope.HasCue(kCueCrisis));
  // Crises the patterns or a sure head hear are not the check's to doubt.
  for (const char* crisis : {"i took all my pills", "he is hitting me right now", "mein kind hat tabletten geschluckt",
                             "je vais en finir ce soir, j'ai tout préparé"})
    CHECK_MESSAGE(Judged(crisis).HasCue(kCueCrisis), crisis);
}

TEST_CASE("a crisis check that does not add up is refused, not half read") {
  refused(EditedModel([](nlohmann::json& h) { h["crisis_check"]["screen"] = 0; }), "screen in (0, 1]");
  refused(EditedModel([](nlohmann::json& h) { h["crisis_check"]["threshold"] = 1.5; }), "a threshold in (0, 1)");
  refused(EditedModel([](nlohmann::json& h) { h["crisis_check"].erase("prior"); }), "/crisis_check/prior must be a number");
  refused(EditedModel([](nlohmann::json& h) { h["crisis_check"]["keys"] = -1; }), "/crisis_check/keys must be a count");
  refused(EditedModel([](nlohmann::json& h) { h["crisis_check"]["key_bytes"] = h["crisis_check"]["key_bytes"].get<int>() + 1; }),
          "crisis check keys must be");
  refused(EditedModel([](nlohmann::json& h) { h["crisis_check"] = "yes"; }), "/crisis_check/screen must be a number");
}

TEST_CASE("a question announced after a filler is answered 'go ahead', whatever the model hears in it") {
  // Written for this test, from the demo shop used as a visitor: "actually, can i ask something?"
  // was handed to a person (the person head 0.92), "ok one more question" got "Take care".
  const Affect actually = Judged("actually, can i ask something?");
  CHECK(actually.judgement.heads[1].fired);
  CHECK_FALSE(actually.HasCue(kCueHumanRequest));
  for (const char* m : {"ho una domanda", "eine frage noch", "ok one more question"}) {
    const Affect a = Judged(m);
    for (const Cue& c : a.cues) CHECK_MESSAGE(c.layer != kLayerModel, m, " ", c.name);
  }
  std::unique_ptr<Engine> e = JudgedEngine("ecommerce.en.json");
  const TurnResult first = e->Respond("actually, can i ask something?");
  CHECK(first.response == "ask_away");
  CHECK_FALSE(first.decision.handoff);
  // Asked twice, the reply is not the same sentence again.
  const TurnResult second = e->Respond("ok one more question");
  CHECK(second.response == "ask_away");
  CHECK(second.reply != first.reply);
  CHECK(e->Respond("where is my parcel?").intent == "track_order");
  // Words after the opener are read as ever: a crisis or a request stands.
  CHECK(Judged("ok one more thing, i want to die").HasCue(kCueCrisis));
  CHECK(Judged("one more question, can i talk to a person").HasCue(kCueHumanRequest));
}

TEST_CASE("a call asked of the courier, or a number given, is no request for a person and no hardship") {
  // Written for this test, from the demo used as a visitor and an agent: "can the courier call me"
  // was handed to a person at once (person head 0.89-1.00); a phone number given to the agent read
  // hardship 0.95-0.99 and showed the agent "need 1.00".
  int heard = 0;
  for (const char* m : {"can the courier call me before delivery?", "le livreur peut m'appeler avant de passer ?",
                        "el repartidor me puede llamar antes?"}) {
    const Affect a = Judged(m);
    heard += a.judgement.heads[1].fired;
    CHECK_FALSE_MESSAGE(a.HasCue(kCueHumanRequest), m);
  }
  CHECK(heard >= 2);  // the head hears them: the rule is what keeps them calm
  CHECK(Judged("can someone call me? my number is 07700 900123").HasCue(kCueHumanRequest));
  CHECK(Judged("can you ask the courier to call me, or can i talk to someone there").HasCue(kCueHumanRequest));
  for (const char* m : {"mon numéro c'est le 06 12 34 56 78", "sí, es maria.lopez@example.com y mi teléfono 612 345 678"}) {
    const Affect a = Judged(m);
    CHECK(a.judgement.heads[4].probability >= 0.9);
    CHECK_FALSE_MESSAGE(a.HasCue(kCueHardship), m);
  }
  // A story told beside the number still weighs.
  CHECK(Judged("mi teléfono es 612 345 678, estoy sin luz desde ayer con un bebé de 2 meses y nadie me dice nada")
            .HasCue(kCueHardship));
}

TEST_CASE("with a pack that answers it, a story told at length is answered first; in a transcript it hands off at once") {
  // Written for this test, from the demo shop: a late birthday present with its order number read
  // hardship 0.98 and went to a person before the tracking answer was given.
  const char* late = "my order 48213 hasnt arrived and it was meant to be a birthday present for my daughter on saturday";
  REQUIRE(Judged(late).judgement.heads[4].probability >= 0.95);
  CHECK(FirstHandoff({late}) == 1);
  std::unique_ptr<Engine> e = JudgedEngine("ecommerce.en.json");
  const TurnResult r = e->Respond(late);
  CHECK(r.intent == "track_order");
  CHECK_FALSE(r.decision.handoff);
  // ... and when the answer does not help, the person comes.
  CHECK(e->Respond("this is the second time im asking, i emailed twice and nobody answers").decision.handoff);
  // A need the pack cannot answer still hands off at once.
  std::unique_ptr<Engine> f = JudgedEngine("ecommerce.en.json");
  CHECK(f->Respond("i lost my job last month and cant pay the instalment for the sofa this month, what can i do").decision.handoff);
}

TEST_CASE("'is there ...?' and 'I'll order it tonight' are calm, whatever the heads hear in them") {
  // Written for this test, from the French shop used as a visitor: "et il y a des frais de retour ?"
  // (hardship 0.79, negativity 0.75) handed a calm chat off, and "ok merci, je commande ce soir"
  // then showed the crisis lines (0.29, "ce soir").
  int heard = 0;
  for (const char* m : {"et il y a un parking ?", "et il y a le wifi ?", "et il y a des lits bébé?", "et y a une appli ?"}) {
    const Affect a = Judged(m);
    heard += a.judgement.heads[0].fired || a.judgement.heads[4].probability >= 0.9;
    CHECK(a.asks_if_there);
    CHECK_FALSE_MESSAGE(a.HasCue(kCueCrisis), m);
    CHECK_FALSE_MESSAGE(a.HasCue(kCueHardship), m);
  }
  CHECK(heard >= 3);
  for (const char* m : {"ok merci, je commande ce soir", "thanks, i'll order it tonight"}) {
    const Affect a = Judged(m);
    CHECK(a.judgement.heads[0].fired);
    CHECK(a.plan);
    CHECK_FALSE_MESSAGE(a.HasCue(kCueCrisis), m);
  }
  // A means bought, an end named, a pattern's crisis: they stand.
  CHECK(Judged("ill buy the rope tonight").HasCue(kCueCrisis));
  CHECK(Judged("i'll order the pills tonight and then it's over").HasCue(kCueCrisis));
  CHECK(Judged("il y a du sang partout ?").HasCue(kCueCrisis));
  CHECK(Judged("il y a un homme armé dans le magasin, vous pouvez appeler la police ?").HasCue(kCueCrisis));
  // After a distressed turn, a plan's crisis counts again.
  CHECK(FirstHandoff({"i cant do this anymore, everything is falling apart", "ill order it tonight"}) >= 1);
  // The French shop's calm chat, end to end.
  std::unique_ptr<Engine> e = JudgedEngine("ecommerce.fr.json");
  for (const char* m : {"bonjour, vous livrez en belgique ?", "combien de temps ?", "et il y a des frais de retour ?",
                        "ok merci, je commande ce soir"}) {
    const TurnResult r = e->Respond(m);
    CHECK_FALSE_MESSAGE(r.decision.handoff, m);
    CHECK_MESSAGE(r.response != "crisis", m);
  }
}
