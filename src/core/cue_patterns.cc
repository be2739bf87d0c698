// Cue patterns: word sequences for every cue, matched within a clause (cue_rules.h).
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

// ---------------------------------------------------------------------------
// Cue detectors. Each pattern is a sequence of word alternatives
// ("kill|killing myself"), matched on token norms within one clause.

// The kind of a near-miss that is only ever a figure of speech ("this price gave
// me a heart attack"): beside it, the model's unsure crisis is dropped too. Other
// near-misses ("il va me tuer si...") leave the model to judge.
constexpr const char* kFigureOfSpeech = "figure_of_speech";
// Below this, a model-only crisis beside such a figure is the figure.
constexpr double kUnsureBesideFigure = 0.9;
// A service cut off ("cortaram-me o telemóvel") is no cutting: the model's
// self-harm on those words is set aside; a violence ("cortaram a luz e tem
// gente no quintal") is not.
constexpr const char* kServiceCut = "service_cut";
// Moving away or a habit given up explains "I won't be around" and "I don't
// need it any more" in a cancellation ("me voy de mochilero a Perú, no voy a
// estar", "kündigen, schau eh nix mehr"): the model's crisis beside it, how
// sure soever, is that; a curated pattern or red flag still fires.
constexpr const char* kMovingOn = "moving_on";
// A device that died: the model's crisis of any kind on those very words is set aside.
constexpr const char* kDeviceDied = "device_died";
constexpr double kAnyProbability = 2.0;  // an unsure_below no probability reaches


// clang-format off
const Pattern kPatterns[] = {
    // crisis: curated red flags (public-health lists: suicide warning signs,
    // stroke FAST, anaphylaxis, cardiac, poisoning/overdose, unconsciousness,
    // seizures, heavy bleeding, violence in progress), en es fr de pt it.
    // Each is a phrase people use for an emergency now; hyperbole and past
    // events are near-misses below, and the model covers the indirect rest.
    // -- self-harm: intent, plans, means, farewells
    {kCueCrisis, "kill|killing|hurt|hurting|cut|cutting|harm|harming myself", 1, false, false, kCrisisSelfHarm},
    {kCueCrisis, "suicide|suicidal|self-harm|selfharm", 1, false, false, kCrisisSelfHarm},
    {kCueCrisis, "self harm", 1, false, false, kCrisisSelfHarm},
    {kCueCrisis, "unalive|sewerslide", 1, false, false, kCrisisSelfHarm},  // chat slang
    // "wanna kms"; not kilometres ("lost all my kms", "5 kms away")
    {kCueCrisis, "wanna|gonna|to|ill|i'll|will|just|might|literally|abt|about|could kms", 1, false, false, kCrisisSelfHarm},
    {kCueCrisis, "kms rn|now|tonight|fr", 1, false, false, kCrisisSelfHarm},
    {kCueCrisis, "end|ending|take|taking my life", 1, false, false, kCrisisSelfHarm},
    {kCueCrisis, "take|taking my own life", 1, false, false, kCrisisSelfHarm},
    {kCueCrisis, "end it all", 1, false, false, kCrisisSelfHarm},
    {kCueCrisis, "want|wanted|going to die", 1, false, false, kCrisisSelfHarm},
    {kCueCrisis, "wanna die", 1, false, false, kCrisisSelfHarm},
    {kCueCrisis, "better off dead", 1, false, false, kCrisisSelfHarm},
    {kCueCrisis, "better off without me", 1, false, false, kCrisisSelfHarm},
    {kCueCrisis, "besser dran ohne mich", 1, false, false, kCrisisSelfHarm},
    {kCueCrisis, "mejor si yo? no estuviera|existiera|estuviese|existiese", 1, false, false, kCrisisSelfHarm},
    // ... better if the visitor were gone ("seria melhor eu sumir de vez", "it'd be better if i just disappeared")
    {kCueCrisis, "mejor si yo? desapareciera|desapareciese|muriera|muriese", 1, false, false, kCrisisSelfHarm},
    {kCueCrisis, "mejor si me muriera|muriese", 1, false, false, kCrisisSelfHarm},
    {kCueCrisis, "mejor que yo? desaparezca", 1, false, false, kCrisisSelfHarm},
    {kCueCrisis, "better if i just? wasnt|wasn't|werent|weren't around|here|alive", 1, false, false, kCrisisSelfHarm},
    {kCueCrisis, "better if i just? disappeared|vanished|died", 1, false, false, kCrisisSelfHarm},
    {kCueCrisis, "mieux si je disparaissais|mourais", 1, false, false, kCrisisSelfHarm},
    {kCueCrisis, "mieux que je disparaisse|meure", 1, false, false, kCrisisSelfHarm},
    {kCueCrisis, "besser wenn|wann ich einfach? verschwinde|verschwände|verschwande|stürbe|sturbe", 1, false, false, kCrisisSelfHarm},
    {kCueCrisis, "besser wenn|wann ich einfach? verschwinden|sterben würde|wurde", 1, false, false, kCrisisSelfHarm},
    {kCueCrisis, "besser wenn|wann ich tot wäre|ware", 1, false, false, kCrisisSelfHarm},
    {kCueCrisis, "melhor eu sumir|desaparecer|morrer", 1, false, false, kCrisisSelfHarm},
    {kCueCrisis, "melhor se eu sumisse|desaparecesse|morresse", 1, false, false, kCrisisSelfHarm},
    {kCueCrisis, "meglio se io? sparissi|morissi|scomparissi", 1, false, false, kCrisisSelfHarm},
    {kCueCrisis, "meglio sparire|morire per sempre?", 1, false, false, kCrisisSelfHarm},
    // ... to disappear for good, wished by the visitor ("will this colour disappear forever?" asks about stock)
    {kCueCrisis, "want|wanna|i'll|ill to? just? disappear|vanish forever|permanently", 1, false, false, kCrisisSelfHarm},
    {kCueCrisis, "quiero|quisiera|voy a? desaparecer para siempre", 1, false, false, kCrisisSelfHarm},
    {kCueCrisis, "veux|voudrais|vais disparaître|disparaitre pour toujours", 1, false, false, kCrisisSelfHarm},
    {kCueCrisis, "veux|voudrais|vais disparaître|disparaitre à|a jamais", 1, false, false, kCrisisSelfHarm},
    {kCueCrisis, "will|möchte|mochte|werde einfach|nur? für|fuer immer verschwinden", 1, false, false, kCrisisSelfHarm},
    {kCueCrisis, "quero|vou desaparecer|sumir para|pra sempre", 1, false, false, kCrisisSelfHarm},
    {kCueCrisis, "voglio|vorrei sparire|scomparire per sempre", 1, false, false, kCrisisSelfHarm},
    // ... everything to stop ("i want it all to stop", "quero que tudo pare")
    {kCueCrisis, "want|wanna it? all|everything to stop|end", 1, false, false, kCrisisSelfHarm},
    {kCueCrisis, "quero|quiero que tudo|todo pare|acabe|termine", 1, false, false, kCrisisSelfHarm},
    {kCueCrisis, "voglio che tutto finisca", 1, false, false, kCrisisSelfHarm},
    // ... cutting, in French ("je me suis encore scarifiée")
    {kCueCrisis, "me suis encore? scarifiée|scarifié|scarifiee|scarifie", 1, false, false, kCrisisSelfHarm},
    {kCueCrisis, "me scarifie|scarifier|scarifiais", 1, false, false, kCrisisSelfHarm},
    {kCueCrisis, "without me as a|your customer|client", 0, false, true, nullptr},  // leaving the shop
    {kCueCrisis, "wish i was|were dead", 1, false, false, kCrisisSelfHarm},
    {kCueCrisis, "don't|dont want to live|exist", 1, false, false, kCrisisSelfHarm},
    {kCueCrisis, "don't|dont want to be here|alive anymore", 1, false, false, kCrisisSelfHarm},
    {kCueCrisis, "no reason to live", 1, false, false, kCrisisSelfHarm},
    {kCueCrisis, "took|swallowed all my|the pills|tablets", 1, false, false, kCrisisSelfHarm},
    {kCueCrisis, "took|swallowed|taken all of them|those", 1, false, false, kCrisisSelfHarm},
    {kCueCrisis, "took|swallowed them all", 1, false, false, kCrisisSelfHarm},
    {kCueCrisis, "before it becomes|gets|turns fatal|lethal|deadly", 1, false, false, kCrisisSelfHarm},
    {kCueCrisis, "all of them|those back", 0, false, true, nullptr},  // taken back to the shop
    {kCueCrisis, "them all back", 0, false, true, nullptr},
    {kCueCrisis, "saving|saved|stockpiling|hoarding my? pills|tablets|meds", 1, false, false, kCrisisSelfHarm},
    {kCueCrisis, "won't|wont be around|here tomorrow", 1, false, false, kCrisisSelfHarm},
    {kCueCrisis, "this is goodbye", 1, false, false, kCrisisSelfHarm},
    {kCueCrisis, "suicidarme|suicidio|suicida|matarme|suicider|suicidaire|selbstmord|suizid|suizidal|uccidermi|suicídio|suicidar|ammazzarmi", 1, false, false, kCrisisSelfHarm},
    {kCueCrisis, "quiero|quero|voglio morir|morirme|morrer|morire", 1, false, false, kCrisisSelfHarm},
    {kCueCrisis, "quitarme|togliermi la vida|vita", 1, false, false, kCrisisSelfHarm},
    {kCueCrisis, "me matar|tuer", 1, false, false, kCrisisSelfHarm},
    // ... someone else "will kill me if": hyperbole ("mes gosses vont me tuer si la
    // ps5 arrive pas") or a threat ("il va me tuer si je pars"); the model tells them
    // apart (0.12-0.18 against 0.72-0.88), the reflexive pattern cannot
    {kCueCrisis, "va|vont me tuer si", 0, false, true, nullptr},
    {kCueCrisis, "ca|ça va me tuer", 0, false, true, nullptr},
    {kCueCrisis, "veux|envie de? mourir", 1, false, false, kCrisisSelfHarm},
    {kCueCrisis, "mich umbringen|töten|ritzen", 1, false, false, kCrisisSelfHarm},
    {kCueCrisis, "will nicht mehr leben", 1, false, false, kCrisisSelfHarm},
    {kCueCrisis, "will sterben", 1, false, false, kCrisisSelfHarm},
    {kCueCrisis, "farla finita", 1, false, false, kCrisisSelfHarm},
    {kCueCrisis, "la faccio|farò|faro finita", 1, false, false, kCrisisSelfHarm},
    // ... but done with the paperwork ("oggi la faccio finita con queste pratiche")
    {kCueCrisis, "finita con|coi|col queste|questa|questo|questi|sta|sto|ste|le|il|lo|gli|i|tutte|tutti", 0, false, true, nullptr},
    {kCueCrisis, "finita coi|col", 0, false, true, nullptr},
    {kCueCrisis, "finita con la pratica|burocrazia|storia|dieta|scuola|faccenda|bolletta|banca|compagnia", 0, false, true, nullptr},
    {kCueCrisis, "not planning on|to being|be around|alive", 1, false, false, kCrisisSelfHarm},
    {kCueCrisis, "don't|dont|cant|can't see the point in|of being|staying|living around|alive|anymore|here", 1, false, false, kCrisisSelfHarm},
    {kCueCrisis, "see no point in|of being|staying|living around|alive|anymore", 1, false, false, kCrisisSelfHarm},
    {kCueCrisis, "point in|of being|staying around|here for|till|until|while|when|if|to", 0, false, true, nullptr},  // "... staying around for the sale"
    {kCueCrisis, "acabar con todo", 1, false, false, kCrisisSelfHarm},
    {kCueCrisis, "no|não quiero|quero vivir|viver", 1, false, false, kCrisisSelfHarm},
    // ... but living somewhere, with or without something, or through something again
    {kCueCrisis, "want to live in|on|at|with|near|there|here|without|alone|abroad", 0, false, true, nullptr},
    {kCueCrisis, "quiero|quero vivir|viver en|con|sin|cerca|aqui|aquí|ahi|ahí|alli|allí|otra|otro|esto|eso|solo|sola|em|com|sem|perto|isso|na|no|sozinho|sozinha", 0, false, true, nullptr},
    // -- medical emergencies happening now
    {kCueCrisis, "having a heart attack", 1, false, false, kCrisisMedicalEmergency},
    {kCueCrisis, "having a stroke|seizure", 1, false, false, kCrisisMedicalEmergency},
    {kCueCrisis, "can't|cant|cannot|couldn't breathe", 1, false, false, kCrisisMedicalEmergency},
    {kCueCrisis, "not breathing|responding", 1, false, false, kCrisisMedicalEmergency},
    {kCueCrisis, "stopped breathing", 1, false, false, kCrisisMedicalEmergency},
    {kCueCrisis, "won't|wont wake up", 1, false, false, kCrisisMedicalEmergency},
    // "help him pls hes not waking up": the model alone heard it (and in a calm chat its check doubted it)
    {kCueCrisis, "not|isn't|isnt waking up", 1, false, false, kCrisisMedicalEmergency},
    {kCueCrisis, "can't|cant|cannot wake him|her|them up", 1, false, false, kCrisisMedicalEmergency},
    // ... but a machine that sleeps ("my laptop wont wake up from sleep")
    {kCueCrisis, "laptop|computer|pc|mac|macbook|phone|screen|monitor|tablet|ipad|tv|console|display won't|wont|isn't|isnt|not wake|waking", 0, false, true, nullptr},
    {kCueCrisis, "unconscious|overdose|overdosed|overdosing|anaphylaxis|anaphylactic|seizing", 1, false, false, kCrisisMedicalEmergency},
    {kCueCrisis, "throat is? closing|swelling", 1, false, false, kCrisisMedicalEmergency},
    {kCueCrisis, "lips|face|tongue turning|going|are|is blue", 1, false, false, kCrisisMedicalEmergency},
    {kCueCrisis, "face is? drooping", 1, false, false, kCrisisMedicalEmergency},
    {kCueCrisis, "speech is? slurred", 1, false, false, kCrisisMedicalEmergency},
    {kCueCrisis, "swallowed|drank|ate a|some|the? bleach|pills|battery|batteries|detergent|poison|antifreeze", 1, false, false, kCrisisMedicalEmergency},
    {kCueCrisis, "bleeding badly|heavily|everywhere", 1, false, false, kCrisisMedicalEmergency},
    {kCueCrisis, "bleeding a lot", 1, false, false, kCrisisMedicalEmergency},
    {kCueCrisis, "won't|wont stop bleeding", 1, false, false, kCrisisMedicalEmergency},
    {kCueCrisis, "call an ambulance", 1, false, false, kCrisisMedicalEmergency},
    {kCueCrisis, "medical emergency", 1, false, false, kCrisisMedicalEmergency},
    // Bare "heart attack" / "infarto" / "Herzinfarkt" are not patterns: they
    // fire on past events and hyperbole ("my dad had an infarto last year");
    // the model reads them in context ("having a heart attack" stays).
    {kCueCrisis, "no puedo|puede respirar", 1, false, false, kCrisisMedicalEmergency},
    {kCueCrisis, "no respira|reacciona|despierta", 1, false, false, kCrisisMedicalEmergency},
    {kCueCrisis, "se tragó|trago|tomó|tomo unas|las|la|una? pastillas|lejía|lejia|pila", 1, false, false, kCrisisMedicalEmergency},
    {kCueCrisis, "peux|arrive|peut pas à? respirer", 1, false, false, kCrisisMedicalEmergency},
    {kCueCrisis, "respire plus", 1, false, false, kCrisisMedicalEmergency},
    {kCueCrisis, "kann|bekomme nicht|keine atmen|luft", 1, false, false, kCrisisMedicalEmergency},
    {kCueCrisis, "atmet nicht", 1, false, false, kCrisisMedicalEmergency},
    {kCueCrisis, "wacht nicht auf", 1, false, false, kCrisisMedicalEmergency},
    {kCueCrisis, "bewusstlos|krampfanfall|notarzt|krankenwagen|ambulancia|ambulance|ambulanza|ambulância|inconsciente|inconscient|incosciente|desmayado|desmaiado|svenuto", 1, false, false, kCrisisMedicalEmergency},
    {kCueCrisis, "não|nao consigo respirar", 1, false, false, kCrisisMedicalEmergency},
    {kCueCrisis, "não|nao está|esta respirando", 1, false, false, kCrisisMedicalEmergency},
    {kCueCrisis, "não|nao acorda", 1, false, false, kCrisisMedicalEmergency},
    {kCueCrisis, "non riesco a respirare", 1, false, false, kCrisisMedicalEmergency},
    {kCueCrisis, "non respira", 1, false, false, kCrisisMedicalEmergency},
    // -- violence now
    {kCueCrisis, "he's|hes|she's|shes|they're|theyre hitting|beating|choking|strangling|attacking me", 1, false, false, kCrisisViolence},
    {kCueCrisis, "is hitting|beating|choking|strangling|attacking me", 1, false, false, kCrisisViolence},
    {kCueCrisis, "threatening to kill me", 1, false, false, kCrisisViolence},
    {kCueCrisis, "someone|somebody is? breaking|broke in|into", 1, false, false, kCrisisViolence},
    {kCueCrisis, "has a gun|knife|weapon", 1, false, false, kCrisisViolence},
    // ... someone stabbed or shot a moment ago ("lad just got stabbed outside your pharmacy")
    {kCueCrisis, "just got|been stabbed|shot|knifed", 1, false, false, kCrisisViolence},
    {kCueCrisis, "shot down", 0, false, true, nullptr},  // "just got shot down by your refunds team"
    {kCueCrisis, "acaban de apuñalar|apunalar|acuchillar|balear|disparar", 1, false, false, kCrisisViolence},
    {kCueCrisis, "vient|viennent de poignarder|tirer", 1, false, false, kCrisisViolence},
    {kCueCrisis, "wurde|ist gerade jemand|einer|eine|ein? niedergestochen|erstochen|angeschossen|abgestochen", 1, false, false, kCrisisViolence},
    {kCueCrisis, "acabaram|acabou de esfaquear|balear", 1, false, false, kCrisisViolence},
    {kCueCrisis, "hanno|ha appena accoltellato|sparato", 1, false, false, kCrisisViolence},
    // ... forcing a way into the home ("tried to push his way in", "entrou à força na minha casa")
    {kCueCrisis, "push|pushed|pushing|force|forced|forcing his|her|their|its way in|into", 1, false, false, kCrisisViolence},
    {kCueCrisis, "entró|entro|entraron a la fuerza", 1, false, false, kCrisisViolence},
    {kCueCrisis, "se metió|metio|metieron a la fuerza", 1, false, false, kCrisisViolence},
    {kCueCrisis, "entré|entre|entrés|entres de force", 1, false, false, kCrisisViolence},
    {kCueCrisis, "entrou|entraram à|a força", 1, false, false, kCrisisViolence},
    {kCueCrisis, "entrato|entrati|entrata con la forza", 1, false, false, kCrisisViolence},
    {kCueCrisis, "entrato|entrati|entrata a forza", 1, false, false, kCrisisViolence},
    {kCueCrisis, "hat|haben sich reingedrängt|reingedraengt|hineingedrängt|reingedrückt", 1, false, false, kCrisisViolence},
    // ... someone beaten where the visitor is ("one's on the floor getting stamped on")
    {kCueCrisis, "getting|being beaten|battered|kicked up", 1, false, false, kCrisisViolence},
    {kCueCrisis, "getting|being stamped|stomped on", 1, false, false, kCrisisViolence},
    {kCueCrisis, "hiding from him|her|them", 1, false, false, kCrisisViolence},
    {kCueCrisis, "me está|esta pegando|golpeando", 1, false, false, kCrisisViolence},
    {kCueCrisis, "me frappe", 1, false, false, kCrisisViolence},
    {kCueCrisis, "schlägt|schlaegt mich", 1, false, false, kCrisisViolence},
    {kCueCrisis, "está|esta me batendo", 1, false, false, kCrisisViolence},
    {kCueCrisis, "mi sta picchiando", 1, false, false, kCrisisViolence},
    // ... against someone else, now ("they're beating the cashier in your shop")
    {kCueCrisis, "is|are|she's|he's|they're beating|stabbing|punching|strangling|choking someone|somebody|him|her|my", 1, false, false, kCrisisViolence},
    {kCueCrisis, "están|estan|está|esta pegando|golpeando|apuñalando|apunalando|pegándole|pegandole|golpeándole|golpeandole a|al", 1, false, false, kCrisisViolence},
    {kCueCrisis, "en train de frapper|tabasser|poignarder|battre", 1, false, false, kCrisisViolence},
    {kCueCrisis, "il|ils la|le|les frappe|frappent|tabasse|tabassent", 1, false, false, kCrisisViolence},
    {kCueCrisis, "schlägt|schlagen|verprügelt|verprügeln|sticht gerade", 1, false, false, kCrisisViolence},
    {kCueCrisis, "wird|werden gerade jemand|einer|eine|ein? verprügelt|geschlagen|angegriffen|niedergestochen", 1, false, false, kCrisisViolence},
    {kCueCrisis, "está|esta|estão|estao batendo|espancando|esfaqueando|agredindo", 1, false, false, kCrisisViolence},
    {kCueCrisis, "sta|stanno picchiando|pestando|accoltellando|aggredendo", 1, false, false, kCrisisViolence},
    // -- a lethal dose asked for ("how many of these sleeping pills to be sure it's enough")
    {kCueCrisis, "lethal|deadly|fatal dose|amount", 1, false, false, kCrisisSelfHarm},
    {kCueCrisis, "dosis letal|mortal", 1, false, false, kCrisisSelfHarm},
    {kCueCrisis, "dose mortelle|létale|letale|letal|mortal", 1, false, false, kCrisisSelfHarm},
    {kCueCrisis, "tödliche|toedliche|tödlichen dosis|menge", 1, false, false, kCrisisSelfHarm},
    // near-misses: hyperbole, past events, names
    {kCueCrisis, "gave|give|giving|gives me a heart attack", 0, false, true, kFigureOfSpeech},
    {kCueCrisis, "almost|nearly having|had a heart attack", 0, false, true, kFigureOfSpeech},
    {kCueCrisis, "suicide squad", 0, false, true, nullptr},
    // moving away, a habit given up (kMovingOn); not pests: rat poison is a means
    // (not "moving to": "moving to a better place" is said of dying)
    {kCueCrisis, "moving|relocating|emigrating abroad|overseas|house|countries", 0, false, true, kMovingOn},
    {kCueCrisis, "me mudo|mudamos|mudo a|al|de", 0, false, true, kMovingOn},
    {kCueCrisis, "de mochilero|mochilera|intercambio|erasmus", 0, false, true, kMovingOn},
    {kCueCrisis, "je déménage|demenage|m'expatrie", 0, false, true, kMovingOn},
    {kCueCrisis, "zieh|ziehe|ziehen nach|um|weg", 0, false, true, kMovingOn},
    {kCueCrisis, "vou me mudar|morar", 0, false, true, kMovingOn},
    {kCueCrisis, "mudo-me|mudar-me|mudei-me", 0, false, true, kMovingOn},
    {kCueCrisis, "mi trasferisco|trasferirò|trasferiro|trasloco", 0, false, true, kMovingOn},
    {kCueCrisis, "don't|dont watch|use it|them anymore", 0, false, true, kMovingOn},
    {kCueCrisis, "schau|schaue|nutze eh|sowieso? nix|nichts|nicht mehr", 0, false, true, kMovingOn},
    {kCueCrisis, "no lo|la uso|veo más|mas", 0, false, true, kMovingOn},
    {kCueCrisis, "non lo|la guardo|uso più|piu", 0, false, true, kMovingOn},
    {kCueCrisis, "je ne le|la regarde|utilise plus", 0, false, true, kMovingOn},
    {kCueCrisis, "não|nao assisto|uso mais", 0, false, true, kMovingOn},
    // blood drawn for a test is no bleeding: the model's self-harm on those very words
    // ("pra onde vou pra colher sangue?") is set aside (kServiceCut: inside the words only)
    {kCueCrisis, "colher|tirar|tiro|sacar|sacarme|extraer|extraccion|extracción|prise|prelievo|prelievi|análise|analise|análisis|analisis|analyse|analisi|exame|exames de|do|del|di|ao|al|du? sangue|sangre|sang", 0, false, true, kServiceCut},
    {kCueCrisis, "blut abnehmen|abnahme", 0, false, true, kServiceCut},
    {kCueCrisis, "blutabnahme|bluttest|blutbild", 0, false, true, kServiceCut},
    // a phone's battery that died ("a bateria do meu cel acabou": 0.35 self-harm, "a bateria acabou": 0.72
    // violence): the model's crisis of any kind on those very words
    {kCueCrisis, "bateria|batería|batteria do|da|de|del|della? meu|minha|mi|mio? cel|celular|telemóvel|telemovel|telefone|móvil|movil|telefono|telefonino? acabou|acabó|acabo|morreu|murió|murio|finita|scarica", 0, false, true, kDeviceDied},
    {kCueCrisis, "blood draw|test|tests|sample", 0, false, true, kServiceCut},
    // a service cut off is no cut ("cortaram-me o telemóvel", "me cortaron la luz", "they cut off my internet")
    {kCueCrisis, "cortaram-me|cortaram|cortaron|cortou|cortó|corto|corten|cortan|cortam|cortar|cortaran|cortado|cortada o|a|el|la|mi|meu|minha|os|as|los|las|nos? luz|agua|água|gas|gás|internet|net|telemóvel|telemovel|celular|telefone|teléfono|telefono|línea|linea|linha|servicio|serviço|servico|wifi|fibra|electricidad|energia|energía|luce|corrente|cable|cabo|suministro|fornecimento", 0, false, true, kServiceCut},
    {kCueCrisis, "cut|cutting|cuts off? my|the|our? power|electricity|water|gas|internet|phone|line|service|wifi|broadband|supply|heating", 0, false, true, kServiceCut},
    {kCueCrisis, "coupé|coupe|coupée|coupee|couper|coupent|coupés le|la|l|mon|ma|mes|les? courant|électricité|electricite|eau|gaz|internet|ligne|téléphone|telephone|box|wifi|chauffage", 0, false, true, kServiceCut},
    {kCueCrisis, "tagliato|tagliata|tagliano|tagliare|staccato|staccata|staccano il|la|l|la|mia|mio? luce|gas|acqua|linea|internet|telefono|corrente|riscaldamento", 0, false, true, kServiceCut},
    // a story's ending that "killed" its viewer: "o final da novela me matou", "la fin de la série m'a tué"
    {kCueCrisis, "novela|série|serie|film|filme|episodio|episódio|épisode|episode|capítulo|capitulo|finale|final|libro|livre|livro|buch|folge|staffel me|m'a|mi|mich matou|mató|mato|tué|tuée|tue|tuee|ucciso|uccisa|umgebracht|fertiggemacht", 0, false, true, kFigureOfSpeech},
    {kCueCrisis, "schlägt|schlaegt gerade fehl", 0, false, true, nullptr},
    {kCueCrisis, "ambulance cost|costs|bill|bills|ride|fee|fees|charge|charges|invoice|cover|coverage", 0, false, true, nullptr},
    {kCueCrisis, "cover|covers|covered ambulance", 0, false, true, nullptr},
    {kCueCrisis, "traslado|factura|gastos|costo|costos|coste en|de|del? ambulancia", 0, false, true, nullptr},
    {kCueCrisis, "cut|cutting myself opening|shaving|cooking|chopping|slicing|peeling", 0, false, true, nullptr},
    {kCueCrisis, "escuadrón|escuadron|esquadrão|esquadrao|squadra suicida", 0, false, true, nullptr},
    {kCueCrisis, "dying to", 0, false, true, nullptr},
    {kCueCrisis, "kill|killing myself laughing", 0, false, true, nullptr},
    {kCueCrisis, "killing me", 0, false, true, nullptr},

    // anger (en, es, fr, de, pt, it)
    {kCueAnger, "furious|livid|enraged|infuriated|infuriating|seething", 1, true, false},
    {kCueAnger, "outraged|outrageous|disgraceful|unacceptable|disgusting|incompetent|scam|scammed|fraud|ripoff|rip-off", 0.8, true, false},
    {kCueAnger, "angry|pissed|pathetic", 0.8, true, false},
    {kCueAnger, "ridiculous|useless|absurd|hate", 0.7, true, false},
    {kCueAnger, "annoyed|annoying|frustrated|frustrating|fuming|mad", 0.6, true, false},
    {kCueAnger, "worst", 0.45, true, false},  // weak: "one of the worst types"
    {kCueAnger, "sick|tired of", 0.7, false, false},
    {kCueAnger, "fed up", 0.7, false, false},
    {kCueAnger, "had enough", 0.7, false, false},
    {kCueAnger, "what the hell|heck|fuck", 0.7, false, false},
    {kCueAnger, "are you kidding|joking", 0.6, false, false},
    {kCueAnger, "this is a joke", 0.7, false, false},
    {kCueAnger, "waste of time|money", 0.6, false, false},
    {kCueAnger, "furioso|furiosa|furieux|furieuse|wütend|indignado|indignada|revoltado|revoltada", 1, true, false},
    {kCueAnger, "enojado|enojada|enfadado|enfadada|harto|harta|énervé|énervée|fâché|fâchée|verärgert|sauer|irritado|irritada|arrabbiato|arrabbiata|stufo|stufa", 0.8, true, false},
    {kCueAnger, "einfach|echt|total|ganz nur? frech", 0.7, false, false},
    {kCueAnger, "inaceptable|inacceptable|inakzeptabel|inaceitável|inaceitavel|inaccettabile|unverschämt|frechheit|scandaleux|vergognoso|estafa|arnaque|betrug|truffa", 0.8, true, false},
    {kCueAnger, "ridículo|ridiculo|ridicule|lächerlich|ridicolo|vergüenza|vergonha|vergogna|honteux", 0.7, true, false},
    {kCueAnger, "en ai marre", 0.7, false, false},
    {kCueAnger, "die nase voll", 0.7, false, false},
    {kCueAnger, "saco cheio", 0.7, false, false},
    {kCueAnger, "worst case", 0, false, true},
    {kCueAnger, "mad about|for", 0, false, true},  // "mad about this jacket"

    // urgency
    {kCueUrgency, "urgent|urgently|asap|emergency|urgente|urgencia|urgência|urgence|dringend|notfall|urgenza", 0.8, true, false},
    {kCueUrgency, "immediately|inmediatamente|immédiatement|sofort|imediatamente|immediatamente", 0.7, true, false},
    {kCueUrgency, "right now|away", 0.4, false, false},  // weak: "listening to it right now"
    {kCueUrgency, "as soon as possible", 0.7, false, false},
    {kCueUrgency, "time sensitive|critical", 0.7, false, false},
    {kCueUrgency, "hurry", 0.6, true, false},
    {kCueUrgency, "cuanto antes", 0.7, false, false},
    {kCueUrgency, "lo antes posible", 0.7, false, false},
    {kCueUrgency, "ya mismo", 0.7, false, false},
    {kCueUrgency, "tout de suite", 0.6, false, false},
    {kCueUrgency, "au plus vite", 0.7, false, false},
    {kCueUrgency, "so schnell wie möglich", 0.7, false, false},
    {kCueUrgency, "agora mesmo", 0.6, false, false},
    {kCueUrgency, "o mais rápido|rapido possível|possivel", 0.7, false, false},
    {kCueUrgency, "al più presto", 0.7, false, false},
    {kCueUrgency, "il prima possibile", 0.7, false, false},
    {kCueUrgency, "subito", 0.6, true, false},

    // profanity (plain spellings; masked ones like "f*ck" are matched separately)
    {kCueProfanity, "fuck|fucking|fucked|fucker|fuckin|fck|fuk|motherfucker|shit|shitty|bullshit|asshole|bitch|bastard|cunt|dick|prick|twat|wanker|bollocks|wtf|stfu|fml", 1, false, false},
    {kCueProfanity, "damn|dammit|goddamn|crap|crappy|piss|ass|bloody", 0.5, false, false},
    {kCueProfanity, "mierda|joder|puta|puto|coño|cabrón|cabron|gilipollas|carajo|pendejo|chingada|verga", 1, false, false},
    {kCueProfanity, "merde|putain|connard|connasse|salaud|enculé|bordel", 1, false, false},
    {kCueProfanity, "scheiße|scheisse|scheiß|scheiss|arschloch|wichser|kacke|verdammt", 0.9, false, false},
    {kCueProfanity, "merda|porra|caralho|foda|foda-se|cazzo|vaffanculo|stronzo|minchia|coglione", 1, false, false},
    {kCueProfanity, "bad ass", 0, false, true},

    // human_request: a callback, asked for (a person calling is a person).
    // Negatable: "please don't call me", "no me llamen", "bitte nicht anrufen".
    {kCueHumanRequest, "please|pls|plz|someone|somebody|anyone|you call|ring|phone me", 0.85, true, false},
    {kCueHumanRequest, "call|ring|phone me back", 0.85, true, false},
    {kCueHumanRequest, "call|ring|phone me asap|today|tomorrow|now|please|pls|on|at", 0.85, true, false},
    {kCueHumanRequest, "give me a call|ring|callback", 0.85, true, false},
    // "can the surgery call me about my results" (a call asked for alone: PersonAskedOtherwise)
    {kCueHumanRequest, "can|could the|your surgery|practice|clinic|office|pharmacy|branch|store|shop|team|doctor|gp call|ring|phone me", 0.85, true, false},
    {kCueHumanRequest, "request|want|need|get|arrange|book|schedule a callback|call-back|call", 0.85, true, false},
    {kCueHumanRequest, "callback|call-back please|pls|asap", 0.85, true, false},
    {kCueHumanRequest, "llámenme|llamenme|llámeme|llameme|llamadme|llámame|llamame|contáctenme|contactenme", 0.85, true, false},
    {kCueHumanRequest, "me pueden|puede|puedes|podrían|podrian|podéis|podeis llamar|contactar", 0.85, true, false},
    // ... but not the courier's call: "el repartidor me puede llamar antes?"
    {kCueHumanRequest, "repartidor|repartidora|mensajero|transportista|conductor|cartero me puede|pueden|podría|podria llamar|contactar|marcar", 0, false, true},
    {kCueHumanRequest, "entregador|entregadora|motorista|estafeta|carteiro pode|podem|poderia me ligar|contactar", 0, false, true},
    {kCueHumanRequest, "que me llamen|llame|contacten|contacte", 0.85, true, false},
    {kCueHumanRequest, "devolver|devuelvan la llamada", 0.85, true, false},
    {kCueHumanRequest, "appelez-moi|rappelez-moi|appelle-moi|rappelle-moi|contactez-moi|recontactez-moi", 0.85, true, false},
    {kCueHumanRequest, "qu'on|quelqu'un m'appelle|m'appeler|m'appellent|m'appeller", 0.85, true, false},
    {kCueHumanRequest, "qu'on|quelqu'un me rappelle|rappeler|contacte|contacter|recontacte", 0.85, true, false},
    {kCueHumanRequest, "vous pouvez|pourriez m'appeler", 0.85, true, false},
    {kCueHumanRequest, "vous pouvez|pourriez me rappeler|recontacter|contacter", 0.85, true, false},
    {kCueHumanRequest, "pouvez-vous|pourriez-vous|peut-on|pouvez-vous m'appeler", 0.85, true, false},
    {kCueHumanRequest, "pouvez-vous|pourriez-vous|peut-on me rappeler|recontacter|contacter", 0.85, true, false},
    {kCueHumanRequest, "être|etre rappelé|rappelée|rappele|rappelee|recontacté|recontactée", 0.85, true, false},
    {kCueHumanRequest, "demande de rappel", 0.85, true, false},
    {kCueHumanRequest, "rappel téléphonique|telephonique", 0.85, true, false},
    {kCueHumanRequest, "ruft|ruf mich an|zurück", 0.85, true, false},
    {kCueHumanRequest, "rufen sie mich an|zurück", 0.85, true, false},
    {kCueHumanRequest, "mich anrufen|zurückrufen|zurueckrufen|kontaktieren|anruft|zurückruft", 0.85, true, false},
    {kCueHumanRequest, "um|bitte rückruf|rueckruf", 0.85, true, false},
    {kCueHumanRequest, "rückruf|rueckruf bitte|erwünscht|gewünscht", 0.85, true, false},
    {kCueHumanRequest, "me liguem|ligue|liga|ligar|ligarem|contatem|contactem", 0.85, true, false},
    {kCueHumanRequest, "liguem-me|ligue-me|ligar-me|contactem-me|contatem-me", 0.85, true, false},
    {kCueHumanRequest, "retornar|retornem a ligação|ligacao|chamada", 0.85, true, false},
    {kCueHumanRequest, "chiamatemi|richiamatemi|chiamami|richiamami|contattatemi|ricontattatemi", 0.85, true, false},
    {kCueHumanRequest, "mi chiamate|richiamate|chiamiate|richiamiate|chiami|richiami|contattate|contattiate", 0.85, true, false},
    {kCueHumanRequest, "chiamarmi|richiamarmi|contattarmi|ricontattarmi", 0.85, true, false},
    {kCueHumanRequest, "fatemi|fammi chiamare|richiamare|contattare|ricontattare", 0.85, true, false},
    {kCueHumanRequest, "mi faccia chiamare|richiamare|contattare", 0.85, true, false},
    {kCueHumanRequest, "hacedme|hágame|hagame llamar", 0.85, true, false},
    {kCueHumanRequest, "essere richiamato|richiamata|ricontattato|ricontattata|contattato|contattata", 0.85, true, false},
    // ... or to be contacted: "voglio essere contattato dal servizio clienti"
    {kCueHumanRequest, "to be contacted|phoned", 0.85, true, false},
    {kCueHumanRequest, "to be called back", 0.85, true, false},
    {kCueHumanRequest, "ser contactado|contactada|contatado|contatada", 0.85, true, false},
    {kCueHumanRequest, "être|etre contacté|contactée|contacte|contactee", 0.85, true, false},
    {kCueHumanRequest, "kontaktiert|angerufen|zurückgerufen|zurueckgerufen werden", 0.85, true, false},
    // ... or any contact with someone: "put me in touch with someone", "que alguien se ponga en contacto conmigo"
    {kCueHumanRequest, "in touch with someone|somebody|anyone|me", 0.85, true, false},
    {kCueHumanRequest, "reach out to me", 0.85, true, false},
    {kCueHumanRequest, "get back to me", 0.7, true, false},
    {kCueHumanRequest, "en contacto con alguien|conmigo", 0.85, true, false},
    {kCueHumanRequest, "contacto conmigo", 0.85, true, false},
    {kCueHumanRequest, "en contact avec quelqu'un|moi", 0.85, true, false},
    {kCueHumanRequest, "in kontakt mit jemandem|mir", 0.85, true, false},
    {kCueHumanRequest, "bei mir melden|meldet|melde", 0.85, true, false},
    {kCueHumanRequest, "em contato|contacto com alguém|alguem|comigo", 0.85, true, false},
    {kCueHumanRequest, "contato|contacto comigo", 0.85, true, false},
    {kCueHumanRequest, "in contatto con qualcuno|me", 0.85, true, false},
    // anyone read it: "has a person even seen my message?", "alguien ha leído mi queja?"
    {kCueHumanRequest, "has|did|have anyone|anybody|someone|somebody|a actually|even|really|person|human|real? read|seen|looked|checked|reviewed at? my|this|the message|messages|email|emails|complaint|request|ticket|case|chat", 0.85, true, false},
    {kCueHumanRequest, "alguien ha? leído|leido|leyó|leyo|visto|revisado mi|mis|el mensaje|mensajes|queja|correo|reclamo|caso", 0.85, true, false},
    {kCueHumanRequest, "quelqu'un a lu|vu|regardé|regarde mon|ma|mes message|messages|réclamation|reclamation|mail|demande|dossier", 0.85, true, false},
    {kCueHumanRequest, "alguém|alguem leu|viu|olhou a|o? minha|meu|minhas|meus mensagem|mensagens|reclamação|reclamacao|email|pedido|caso", 0.85, true, false},
    {kCueHumanRequest, "qualcuno ha letto|visto|guardato il|la|i|le? mio|mia|miei|mie messaggio|messaggi|reclamo|email|richiesta|caso", 0.85, true, false},
    // ... or opened it at all: "est-ce que quelqu'un a seulement ouvert mon dossier?", "has anyone
    // even looked at my claim?", "alguém chegou a abrir o processo?", "qualcuno l'ha almeno guardata?"
    {kCueHumanRequest, "has|did|have anyone|anybody|someone|somebody even|actually|ever? looked|opened|read|seen|checked|touched at? my|the|this claim|claims|application|file|case|query|enquiry|inquiry|letter|form|report", 0.85, true, false},
    {kCueHumanRequest, "quelqu'un a seulement|même|meme|vraiment|déjà|deja? lu|vu|regardé|regarde|ouvert|traité|traite mon|ma|mes|le|la message|messages|réclamation|reclamation|mail|mails|demande|dossier|sinistre|courrier|déclaration|declaration", 0.85, true, false},
    {kCueHumanRequest, "alguien ha? siquiera|realmente? leído|leido|leyó|leyo|visto|revisado|abierto|mirado mi|mis|el|la mensaje|mensajes|queja|correo|reclamo|caso|expediente|solicitud|siniestro", 0.85, true, false},
    {kCueHumanRequest, "alguém|alguem chegou? a? leu|viu|olhou|abriu|ler|ver|olhar|abrir a|o? minha|meu|minhas|meus? mensagem|mensagens|reclamação|reclamacao|email|e-mail|pedido|caso|processo|sinistro", 0.85, true, false},
    {kCueHumanRequest, "qualcuno l'ha almeno|mai|già|gia? letto|letta|visto|vista|guardato|guardata|aperto|aperta", 0.85, true, false},
    // handing over: "hand me over", "put me through", "transfer me"
    {kCueHumanRequest, "hand|pass|put|patch me over|through", 0.85, true, false},
    {kCueHumanRequest, "transfer|connect me", 0.85, true, false},
    // sending someone: "send someone, anyone", "que venga alguien", "mandate qualcuno"
    {kCueHumanRequest, "send someone|somebody|anyone", 0.85, true, false},
    {kCueHumanRequest, "manden|mande|mandad|envíen|envien|envíe|envie alguien", 0.85, true, false},
    {kCueHumanRequest, "que venga alguien", 0.85, true, false},
    {kCueHumanRequest, "envoyez|envoyer quelqu'un", 0.85, true, false},
    {kCueHumanRequest, "schickt|schicken|schicke jemanden", 0.85, true, false},
    {kCueHumanRequest, "mandem|mande|enviem|envie alguém|alguem", 0.85, true, false},
    {kCueHumanRequest, "venha alguém|alguem", 0.85, true, false},
    {kCueHumanRequest, "mandate|mandi|inviate qualcuno", 0.85, true, false},
    {kCueHumanRequest, "manden|mande|mandad|envíen|envien|envíe|envie a alguien", 0.85, true, false},
    {kCueHumanRequest, "manda|mandem|mande alguém|alguem", 0.85, true, false},
    {kCueHumanRequest, "schickt|schicken|schicke|schick sie|uns|mir? bitte|mal|doch|schnell? jemanden|jemand", 0.85, true, false},
    {kCueHumanRequest, "get|send someone|somebody here|over|now|please|asap", 0.85, true, false},
    {kCueHumanRequest, "send help", 0.85, true, false},
    // security called: "get security", "llamen a seguridad", "chama o segurança"
    {kCueHumanRequest, "get|call|llamen|llamad|llame|llamar|chama|chamem|chame|chamar|appelez|appelle|appeler|ruft|rufen|holt|holen|chiamate|chiama|chiamare the|a|la|o|os|den|die|el|le|il|i? security|seguridad|segurança|seguranca|seguranças|segurancas|sécurité|securite|sicherheitsdienst|security|wachschutz|sicurezza|vigilanza|vigilante|vigilantes", 0.85, true, false},
    // someone coming out to the visitor: "que salga alguien", "può uscire qualcuno?"
    {kCueHumanRequest, "que salga|venga|baje alguien", 0.85, true, false},
    {kCueHumanRequest, "puede|pode|può|puo|peut|kann salir|sair|uscire|sortir|rauskommen|herauskommen alguien|alguém|alguem|qualcuno|quelqu'un|jemand", 0.85, true, false},
    {kCueHumanRequest, "someone|somebody|staff please|pls? come out|here|quick|quickly|now|asap|down", 0.85, true, false},
    {kCueHumanRequest, "staff please|pls come", 0.85, true, false},
    // a case marked for a person to review: "den Fall für einen Mitarbeiter zur Prüfung markieren"
    {kCueHumanRequest, "für|fuer einen|eine mitarbeiter|mitarbeiterin|menschen|sachbearbeiter|sachbearbeiterin zur prüfung|pruefung|ansicht|bearbeitung|durchsicht", 0.8, true, false},
    {kCueHumanRequest, "for a|an human|person|agent|manager|supervisor|staff to review|check|look", 0.8, true, false},
    // put through, bare: "me transfere", "transfiéreme por favor" (not money transferred: "me transfere o saldo")
    {kCueHumanRequest, "me transfere|transfira|transfiram|transferem", 0.85, true, false},
    {kCueHumanRequest, "transfiéreme|transfiereme|transfiérame|transfierame|transfiéranme|transfieranme", 0.85, true, false},
    {kCueHumanRequest, "me transfere|transfira|transfiram|transferem o|a|os|as|dinheiro|saldo|valor|pix|grana", 0, true, true},
    {kCueHumanRequest, "transfiéreme|transfiereme|transfiérame|transfierame el|la|los|las|dinero|saldo|importe|plata", 0, true, true},
    // any people left at all, asked in scorn or doubt: "gibts bei euch überhaupt noch menschen",
    // "ainda tem gente trabalhando ai", "is there a helpline with real people"
    {kCueHumanRequest, "helpline|hotline|number|line|phone with real|actual people|humans|persons", 0.85, true, false},
    {kCueHumanRequest, "any real|actual people|humans left|working|there", 0.85, true, false},
    {kCueHumanRequest, "carbon based|carbon-based lifeform|life|lifeforms|being", 0.85, true, false},
    {kCueHumanRequest, "encore des humains|employés|employes", 0.85, true, false},
    {kCueHumanRequest, "echte|echten leute|menschen|personen", 0.85, true, false},
    {kCueHumanRequest, "überhaupt|ueberhaupt|uberhaupt noch menschen|leute|mitarbeiter", 0.85, true, false},
    {kCueHumanRequest, "ainda tem|existe|há|ha gente|pessoas|alguém|alguem trabalhando|trabalhar|ai|aí|aqui|ou", 0.85, true, false},
    // a real clerk asked to take it: "leiten sie das an einen echten sachbearbeiter weiter",
    // "vorrei che se ne occupasse un operatore vero"
    {kCueHumanRequest, "echten|echte|echter sachbearbeiter|sachbearbeiterin|mitarbeiter|mitarbeiterin|menschen", 0.85, true, false},
    {kCueHumanRequest, "operatore|operatrice|persona|impiegato|consulente vero|vera|reale|umano|umana", 0.85, true, false},
    {kCueHumanRequest, "agente|asesor|asesora|operador|operadora|ejecutivo real|humano|humana", 0.85, true, false},
    {kCueHumanRequest, "conseiller|conseillère|agent|opérateur réel|réelle|humain|humaine", 0.85, true, false},
    {kCueHumanRequest, "atendente|operador|operadora|funcionário|funcionario real|humano|humana|de verdade", 0.85, true, false},
    {kCueHumanRequest, "real|actual agent|operator|advisor|adviser|employee|staff", 0.85, true, false},
    // the direct line of a branch or person, not the hotline: "qual o telefone direto da agencia, nao o 0800"
    {kCueHumanRequest, "direct number|line|phone", 0.8, true, false},
    {kCueHumanRequest, "número|numero|teléfono|telefono directo", 0.8, true, false},
    {kCueHumanRequest, "numéro|numero|ligne direct|directe", 0.8, true, false},
    {kCueHumanRequest, "direkte nummer|durchwahl|telefonnummer", 0.8, true, false},
    {kCueHumanRequest, "telefone|número|numero direto", 0.8, true, false},
    {kCueHumanRequest, "numero|telefono diretto", 0.8, true, false},
    // escalated above the first line: "reviewed by a senior member of staff", "an die nächsthöhere stelle",
    // "encaminhado à direção", "quelqu'un au dessus du service client", "che arrivi all'ufficio reclami"
    {kCueHumanRequest, "senior member|members of? staff|the|your", 0.85, true, false},
    {kCueHumanRequest, "someone|somebody more? senior", 0.85, true, false},
    {kCueHumanRequest, "someone|somebody higher up", 0.85, true, false},
    {kCueHumanRequest, "someone|somebody above", 0.85, true, false},
    {kCueHumanRequest, "reviewed|looked|checked by a|an|the senior|manager|supervisor|person|human", 0.85, true, false},
    {kCueHumanRequest, "nächsthöhere|nächsthöheren|naechsthoehere|hohere|höhere stelle|instanz", 0.85, true, false},
    {kCueHumanRequest, "encaminhado|encaminhada|encaminhar à|a|para direção|direcao|gerência|gerencia|ouvidoria", 0.85, true, false},
    {kCueHumanRequest, "que|a ouvidoria veja|analise|resolva", 0.85, true, false},
    {kCueHumanRequest, "quelqu'un au dessus|au-dessus", 0.85, true, false},
    {kCueHumanRequest, "all'ufficio reclami", 0.85, true, false},
    // one phrase per pattern: a position's alternatives are single words
    {kCueHumanRequest, "alguien|alguno superior", 0.85, true, false},
    {kCueHumanRequest, "alguien|alguno por encima", 0.85, true, false},
    {kCueHumanRequest, "alguien|alguno de más|mas arriba", 0.85, true, false},
    // put through, in other words: "can i get through to the head nurse", "pasarme con un asesor",
    // "passez moi le service fraude", "me pueden pasar con la doctora ruiz?"
    {kCueHumanRequest, "get|put through to", 0.85, true, false},
    {kCueHumanRequest, "pasarme|pásenme|pasenme con", 0.85, true, false},
    // pt-PT "passe-me a um supervisor", "passa-me ao gerente"
    {kCueHumanRequest, "passe-me|passa-me|passem-me a|ao|à|para um|uma|o|a? supervisor|supervisora|gerente|responsável|responsavel|colega|atendente|operador|operadora|humano|pessoa|alguém|alguem|assistente|técnico|tecnico", 0.85, true, false},
    // "passez-moi celui qui décide chez vous"
    {kCueHumanRequest, "passez-moi|passe-moi|passez|passe moi? celui|celle qui|qu'", 0.85, true, false},
    // "pouvez-vous me mettre en contact avec le service paiements ?"
    {kCueHumanRequest, "mettre|mettez-moi|mets-moi|mettez|mets moi? en contact avec", 0.85, true, false},
    // "fate un'escalation del mio caso", "escalade mon dossier"
    {kCueHumanRequest, "un'escalation|escalation|escalade|escalader del|della|de|mon|ma|mio|mia mio|mia|caso|pratica|ticket|reclamo|dossier|plainte|réclamation|reclamation", 0.85, true, false},
    {kCueHumanRequest, "pasar con el|la doctor|doctora|médico|médica|medico|medica|enfermera|enfermero|encargado|encargada|responsable", 0.85, true, false},
    {kCueHumanRequest, "passez|passe moi le|la|un|une service|responsable|conseiller|conseillère|direction|gérant|gerant", 0.85, true, false},
    // in touch with a member of the team: "put in touch with a member of your team"
    {kCueHumanRequest, "in touch with a member|person|human|agent|colleague", 0.85, true, false},
    // the named staff member, talked to: "is greg the PT in today? i want to talk to him"
    {kCueHumanRequest, "want|like to? talk|speak to|with him|her", 0.85, true, false},
    {kCueHumanRequest, "can|could i talk|speak to|with him|her", 0.85, true, false},
    // when one of them will answer: "quando mi risponde qualcuno di voi?", "cuándo me responde alguien?"
    {kCueHumanRequest, "mi risponde qualcuno", 0.85, true, false},
    {kCueHumanRequest, "me responde|contesta alguien|alguém|alguem", 0.85, true, false},
    {kCueHumanRequest, "me répond|repond quelqu'un", 0.85, true, false},
    {kCueHumanRequest, "antwortet mir jemand|endlich", 0.85, true, false},
    // a technician or someone sent round: "pode vir um técnico ver o modem?", "kann ein Monteur vorbeikommen?"
    {kCueHumanRequest, "send|sending an|a? engineer|technician|plumber|electrician|repairman|fitter out|round|over|here|to|please|asap|today|tomorrow", 0.85, true, false},
    {kCueHumanRequest, "need|want|get an|a engineer|technician|plumber|electrician|repairman out|round|over", 0.85, true, false},
    {kCueHumanRequest, "mandar|mandarme|manden|mande|mandame|envíen|envien|enviar|enviarme un|una técnico|tecnico|técnica|tecnica|fontanero|plomero|electricista", 0.85, true, false},
    {kCueHumanRequest, "envoyer|envoyez|envoyez-moi|m'envoyer un|une technicien|technicienne|plombier|électricien|electricien|réparateur|reparateur", 0.85, true, false},
    {kCueHumanRequest, "techniker|technikerin|monteur|monteurin|handwerker|elektriker|installateur vorbeischicken|schicken|vorbeikommen|rausschicken", 0.85, true, false},
    {kCueHumanRequest, "chönd|könnt|koennt|können|koennen|könnten|koennten sie|ihr|si mir? en|nen|einen|eine techniker|technikerin|monteur vorbischicke|vorbeischicken|schicken", 0.85, true, false},
    {kCueHumanRequest, "manda|mande|mandem|mandar|enviem|envie|enviar um|uma técnico|tecnico|técnica|tecnica|eletricista|canalizador|encanador", 0.85, true, false},
    {kCueHumanRequest, "mandate|mandatemi|mandare|mandi|inviate|inviare|mandarmi un|una tecnico|tecnica|idraulico|elettricista|operaio", 0.85, true, false},
    // someone real there, colloquial German: "ist da wer??"
    {kCueHumanRequest, "ist da wer|einer", 0.85, true, false},
    // done with the bot, Italian: "niente più bot"
    {kCueHumanRequest, "niente|basta più|piu bot|robot|chatbot", 0.85, true, false},
    {kCueHumanRequest, "niente|basta più|piu risposte automatiche", 0.85, true, false},
    // the person from before, by name: "queria voltar a falar com a Joana"
    {kCueHumanRequest, "voltar a falar com", 0.85, true, false},
    {kCueHumanRequest, "volver a hablar con", 0.85, true, false},
    {kCueHumanRequest, "reparler avec|à|a", 0.85, true, false},
    {kCueHumanRequest, "riparlare con", 0.85, true, false},
    {kCueHumanRequest, "falar de novo com", 0.85, true, false},
    {kCueHumanRequest, "hablar de nuevo con", 0.85, true, false},
    {kCueHumanRequest, "parlare di nuovo con", 0.85, true, false},
    // a colleague of the bot's: "me passa pra um colega seu que entenda", "passami un collega che ne sa"
    {kCueHumanRequest, "passa|passe|passar pra|para um|uma colega", 0.85, true, false},
    {kCueHumanRequest, "passami|passatemi un|una collega", 0.85, true, false},
    {kCueHumanRequest, "mi passi|passa un|una collega", 0.85, true, false},
    {kCueHumanRequest, "passez-moi|passe-moi|passer un|une collègue|collegue", 0.85, true, false},
    {kCueHumanRequest, "pásame|pasame|pásenme|pasenme|pasas|pasa con un|una compañero|compañera|companero|companera|colega", 0.85, true, false},
    {kCueHumanRequest, "get|give me a|an|another colleague|coworker", 0.85, true, false},
    {kCueHumanRequest, "put me through to a|an|another colleague|coworker", 0.85, true, false},
    {kCueHumanRequest, "mit einem|einer kollegen|kollegin verbinden|sprechen", 0.85, true, false},
    // a call asked for in Latin American and imperfect-subjunctive Spanish: "me pueden marcar?",
    // "me gustaría que un gestor me llamara"
    {kCueHumanRequest, "me pueden|puede|podrían|podrian|podés|podes|podrías|podrias marcar", 0.85, true, false},
    {kCueHumanRequest, "me llamara|llamaran|llamase|llamasen|contactara|contactaran|contactase", 0.85, true, false},
    {kCueHumanRequest, "me llame|llamen hoy|mañana|manana|ya|urgente|cuanto|cuánto|lo|al|por|a", 0.8, true, false},
    // who to talk to for it: "mit wem muss ich sprechen"
    {kCueHumanRequest, "mit wem muss|kann|soll ich sprechen|reden", 0.85, true, false},
    // a role asked the question directly: "quisiera consultarle al farmacéutico", "poser la question au pharmacien"
    // (the visitor's own doctor, "es para preguntar al médico", is not asked for)
    {kCueHumanRequest, "consultarle|preguntarle al farmacéutico|farmaceutico|enfermero|técnico|tecnico", 0.85, true, false},
    {kCueHumanRequest, "consultarle|preguntarle a la farmacéutica|farmaceutica|enfermera", 0.85, true, false},
    {kCueHumanRequest, "quiero|quisiera|puedo|podría|podria consultar|preguntar al farmacéutico|farmaceutico|enfermero|técnico|tecnico", 0.85, true, false},
    // a person wished to take the file: "j'aimerais que cette personne regarde mon dossier",
    // "je voudrais qu'un conseiller me rappelle", "je préférerais que quelqu'un vérifie"
    {kCueHumanRequest, "aimerais|j'aimerais|voudrais|souhaite|souhaiterais|préférerais|prefererais que cette personne|conseillère|conseillere|responsable|employée|employee|pharmacienne|infirmière|infirmiere", 0.85, true, false},
    {kCueHumanRequest, "aimerais|j'aimerais|voudrais|souhaite|souhaiterais|préférerais|prefererais que la conseillère|conseillere|responsable|pharmacienne|infirmière|infirmiere", 0.85, true, false},
    {kCueHumanRequest, "aimerais|j'aimerais|voudrais|souhaite|souhaiterais|préférerais|prefererais qu'un|qu'une conseiller|conseillère|conseillere|responsable|humain|agent|employé|employe|technicien|pharmacien|pharmacienne|infirmier|infirmière|infirmiere", 0.85, true, false},
    {kCueHumanRequest, "aimerais|j'aimerais|voudrais|souhaite|souhaiterais|préférerais|prefererais que quelqu'un|qqn", 0.85, true, false},
    {kCueHumanRequest, "question directement? au|à pharmacien|pharmacienne|médecin|medecin|conseiller|conseillère|infirmier|infirmière", 0.85, true, false},
    // talking to a department: "faut que je parle au service fraude"
    {kCueHumanRequest, "parle|parler au service", 0.85, true, false},
    // someone on the phone, wanted: "je peux avoir un agent au téléphone", "ich will jemanden am telefon"
    // (not "the agent on the phone said 3-5 days")
    {kCueHumanRequest, "need|want|get someone|somebody on the phone|line", 0.85, true, false},
    {kCueHumanRequest, "need|want|get a|an person|human|agent|adviser|advisor on the phone|line", 0.85, true, false},
    {kCueHumanRequest, "avoir|parler à|a un|une agent|conseiller|conseillère|humain au téléphone|telephone", 0.85, true, false},
    {kCueHumanRequest, "jemanden am telefon|apparat", 0.85, true, false},
    {kCueHumanRequest, "pode|podem|poderia|poderiam vir|passar um|uma técnico|tecnico|técnica|tecnica|funcionário|funcionario|funcionária|funcionaria", 0.85, true, false},
    {kCueHumanRequest, "pode|podem|poderia|poderiam vir|passar alguém|alguem|aqui", 0.85, true, false},
    {kCueHumanRequest, "kann|könnte|koennte|können|koennen ein|eine techniker|technikerin|monteur|monteurin|mitarbeiter|mitarbeiterin vorbeikommen|kommen|vorbeischauen|rauskommen", 0.85, true, false},
    {kCueHumanRequest, "può|puo|potete|potrebbe|potreste venire|passare un|una|qualche tecnico|tecnica|operatore|operatrice|incaricato|incaricata", 0.85, true, false},
    {kCueHumanRequest, "può|puo|potete|potrebbe venire|passare qualcuno", 0.85, true, false},
    {kCueHumanRequest, "me llamáis|llamais|llamaréis|llamareis|llamarán|llamaran|llamarías|llamarias|llamaríais|llamariais", 0.85, true, false},
};
// clang-format on


std::vector<std::string> Split(std::string_view s, char sep) {
  std::vector<std::string> out;
  size_t a = 0;
  for (size_t i = 0; i <= s.size(); ++i)
    if (i == s.size() || s[i] == sep) {
      if (i > a) out.emplace_back(s.substr(a, i - a));
      a = i + 1;
    }
  return out;
}

// Patterns indexed by the alternatives of their first position, so a message
// costs one hash lookup per word, not one scan per pattern.
const std::unordered_map<std::string, PatternList>& PatternIndex() {
  static const auto kIndex = [] {
    std::unordered_map<std::string, PatternList> idx;
    for (const Pattern& p : kPatterns) {
      CompiledPattern cp{&p, {}, {}};
      for (std::string pos : Split(p.words, ' ')) {
        const bool opt = !pos.empty() && pos.back() == '?';
        if (opt) pos.pop_back();
        cp.seq.push_back(Split(pos, '|'));
        cp.optional.push_back(opt);
      }
      for (const std::string& first : cp.seq[0]) idx[first].list.push_back(cp);
    }
    return idx;
  }();
  return kIndex;
}

// Matches cp at word index i (words = the message's word items); returns the
// index one past the last matched word, or 0 when it does not match.
size_t MatchAt(const CompiledPattern& cp, const std::vector<const Item*>& words, size_t i) {
  size_t k = i;
  for (size_t pos = 0; pos < cp.seq.size(); ++pos) {
    const bool ok = k < words.size() && words[k]->clause == words[i]->clause &&
                    std::find(cp.seq[pos].begin(), cp.seq[pos].end(), words[k]->key) != cp.seq[pos].end();
    if (ok) ++k;
    else if (!cp.optional[pos]) return 0;
  }
  return k;
}

bool NegatedAt(const std::vector<const Item*>& words, size_t i, size_t window) {
  for (size_t back = 1; back <= window && back <= i; ++back) {
    const Item* w = words[i - back];
    if (w->clause != words[i]->clause) break;
    if (w->negates) return true;
  }
  return false;
}

// A request with "nobody" just before or after it asks for no one: "niemand
// muss mich anrufen", "no hace falta que me llame nadie", "não precisa
// ninguém me ligar".
bool NobodyNear(const std::vector<const Item*>& words, size_t a, size_t b) {
  for (size_t k = a > 3 ? a - 3 : 0; k < words.size() && k <= b; ++k) {
    const std::string& w = words[k]->tok->norm;
    if (words[k]->clause == words[a]->clause &&
        (w == "nadie" || w == "niemand" || w == "ninguém" || w == "ninguem" || w == "nessuno" || w == "nobody" ||
         w == "noone"))
      return true;
  }
  return false;
}

void DetectPatterns(const std::vector<const Item*>& words, Detector* d) {
  struct Hit { const Pattern* p; size_t a, b; };
  std::vector<Hit> hits, excluded;
  for (size_t i = 0; i < words.size(); ++i) {
    if (!words[i]->patterns) continue;
    for (const CompiledPattern& cp : words[i]->patterns->list) {
      const size_t end = MatchAt(cp, words, i);
      if (!end) continue;
      if (cp.p->exclude) {
        excluded.push_back({cp.p, i, end});
        if (cp.p->cue == kCueCrisis && cp.p->kind == kFigureOfSpeech)
          d->crisis_near_misses.push_back({words[i]->tok->begin, words[end - 1]->tok->end, kUnsureBesideFigure, true});
        if (cp.p->cue == kCueCrisis && cp.p->kind == kMovingOn)
          d->crisis_near_misses.push_back({words[i]->tok->begin, words[end - 1]->tok->end, kAnyProbability, false});
        if (cp.p->cue == kCueCrisis && cp.p->kind == kDeviceDied)
          d->crisis_near_misses.push_back({words[i]->tok->begin, words[end - 1]->tok->end, 0, true});
        if (cp.p->cue == kCueCrisis && cp.p->kind == kServiceCut)
          d->crisis_near_misses.push_back({words[i]->tok->begin, words[end - 1]->tok->end, 0, true, kCrisisSelfHarm});
      }
      else if (!(cp.p->negatable && (NegatedAt(words, i) || (cp.p->cue == kCueHumanRequest && NobodyNear(words, i, end)))))
        hits.push_back({cp.p, i, end});
    }
  }
  for (const Hit& h : hits) {
    const bool near_miss = std::any_of(excluded.begin(), excluded.end(), [&](const Hit& x) {
      return std::string_view(x.p->cue) == h.p->cue && x.a < h.b && h.a < x.b;
    });
    if (!near_miss) d->Add(h.p->cue, h.p->strength, words[h.a]->tok->begin, words[h.b - 1]->tok->end, h.p->kind);
  }
}

}  // namespace attune::rules
