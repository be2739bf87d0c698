#include <doctest/doctest.h>

#include <string>
#include <vector>

#include "core/identity.h"
#include "core/text.h"

using namespace attune;

namespace {

// The message with each span in brackets: "[a blind person]" for an
// identity, "{Mei}" for a name.
std::string Marked(const std::string& text) {
  const std::vector<Token> tokens = Tokenize(CleanForAnalysis(text));
  const std::vector<WhoSpan> spans = FindWho(tokens);
  std::string out;
  size_t k = 0;
  for (size_t i = 0; i < tokens.size(); ++i) {
    if (!out.empty()) out += ' ';
    const bool open = k < spans.size() && spans[k].first == i;
    if (open) out += spans[k].kind == WhoKind::kName ? "{" : "[";
    out += tokens[i].text;
    if (k < spans.size() && spans[k].last == i) {
      out += spans[k].kind == WhoKind::kName ? "}" : "]";
      ++k;
    }
  }
  return out;
}

std::vector<uint32_t> Hashes(const std::string& text) {
  std::vector<uint32_t> h;
  for (const HashedFeature& f : JudgementFeatures(Tokenize(CleanForAnalysis(text)))) h.push_back(f.hash);
  return h;
}

}  // namespace

TEST_CASE("identity noun phrases are one span, article and person noun included") {
  CHECK(Marked("I'm a deaf person and my order is late") == "I'm [a deaf person] and my order is late");
  CHECK(Marked("as an older Jewish man I expected better") == "as [an older Jewish man] I expected better");
  CHECK(Marked("soy una persona sorda y nadie me ayuda") == "soy [una persona sorda] y nadie me ayuda");
  CHECK(Marked("je suis une personne malvoyante") == "je suis [une personne malvoyante]");
  CHECK(Marked("ich bin eine gehörlose Person") == "ich bin [eine gehörlose Person]");
  CHECK(Marked("sou uma pessoa idosa") == "sou [uma pessoa idosa]");
  CHECK(Marked("sono una persona sorda") == "sono [una persona sorda]");
  // Linked: "with", "con", "mit", "en" + a term, a condition or a multiword term.
  CHECK(Marked("I'm a person with a disability") == "I'm [a person with a disability]");
  CHECK(Marked("soy una persona con diabetes") == "soy [una persona con diabetes]");
  CHECK(Marked("ich bin eine Person mit Behinderung") == "ich bin [eine Person mit Behinderung]");
  // German gender-neutral participles and phrases.
  CHECK(Marked("ich bin eine zugewanderte Person") == "ich bin [eine zugewanderte Person]");
  CHECK(Marked("als Auszubildende finde ich das") == "als [Auszubildende] finde ich das");
  CHECK(Marked("ich bin im Ruhestand") == "ich bin [im Ruhestand]");
  CHECK(Marked("sono una persona in sedia a rotelle") == "sono [una persona in sedia a rotelle]");
  CHECK(Marked("je suis en fauteuil roulant") == "je suis en [fauteuil roulant]");
  // Compounds and hyphenated forms.
  CHECK(Marked("ich bin arabischstämmig") == "ich bin [arabischstämmig]");
  CHECK(Marked("a proud afro-latina") == "a proud [afro-latina]");
  // Nationalities and demonyms, inflected, accents folded.
  CHECK(Marked("soy colombiana") == "soy [colombiana]");
  CHECK(Marked("je suis sénégalaise") == "je suis [sénégalaise]");
  CHECK(Marked("ich bin Türkin") == "ich bin [Türkin]");
  CHECK(IsIdentityTerm("musulmana"));
  CHECK(IsIdentityTerm("ukrainienne"));
  CHECK(IsIdentityTerm("schwule"));
}

TEST_CASE("ordinary words stay words") {
  // Beside words count only next to a person noun or a term.
  CHECK(Marked("the old address is wrong") == "the old address is wrong");
  CHECK(Marked("es el mayor problema") == "es el mayor problema");
  CHECK(Marked("ich weiß nicht") == "ich weiß nicht");
  CHECK(Marked("mein Arm ist taub") == "mein Arm ist taub");
  CHECK(Marked("go straight to the point") == "go straight to the point");
  CHECK(Marked("una persona mayor") == "[una persona mayor]");
  CHECK(Marked("eine ältere Person") == "[eine ältere Person]");
  // A person noun alone is not an identity: a person request must stay one.
  CHECK(Marked("can I speak to a real person") == "can I speak to a real person");
  CHECK(Marked("personne ne m'aide") == "personne ne m'aide");
  CHECK(Marked("mit einem echten Menschen sprechen") == "mit einem echten Menschen sprechen");
  // Conditions are what a message is about, unless they describe a person.
  CHECK(Marked("I have depression and I can't go on") == "I have depression and I can't go on");
  CHECK(Marked("mi sento male") == "mi sento male");
  CHECK(Marked("sinto-me mal, não sinto o braço") == "sinto-me mal , não sinto o braço");
  CHECK(Marked("sono nella vasca") == "sono nella vasca");
  // A nationality that is also a language is who someone is only as such.
  CHECK(Marked("do you even understand English") == "do you even understand English");
  CHECK(Marked("en español por favor") == "en español por favor");
  CHECK(Marked("bitte auf Deutsch") == "bitte auf Deutsch");
  CHECK(Marked("vous parlez le français ?") == "vous parlez le français ?");
  CHECK(Marked("soy español y nadie me ayuda") == "soy [español] y nadie me ayuda");
  CHECK(Marked("as an Italian I expected better") == "as [an Italian] I expected better");
  CHECK(Marked("je suis une personne française") == "je suis [une personne française]");
  // German nouns are capitalised: "im Laden" is no introduction.
  CHECK(Marked("ich bin im Laden") == "ich bin im Laden");
}

TEST_CASE("first names in context") {
  CHECK(Marked("my name is zeynep and this is the third time") == "my name is {zeynep} and this is the third time");
  CHECK(Marked("Hi, this is Chidi. Where is my order?") == "Hi , this is {Chidi} . Where is my order ?");
  CHECK(Marked("Tomasz here, I was charged twice") == "{Tomasz} here , I was charged twice");
  CHECK(Marked("me llamo Xiomara") == "me llamo {Xiomara}");
  CHECK(Marked("Hola, soy Ngozi") == "Hola , soy {Ngozi}");
  CHECK(Marked("je m'appelle Yasmine") == "je m'appelle {Yasmine}");
  CHECK(Marked("c'est Thuy, merci") == "c'est {Thuy} , merci");
  CHECK(Marked("Kemal à l'appareil") == "{Kemal} à l'appareil");
  CHECK(Marked("ich heiße Svetlana") == "ich heiße {Svetlana}");
  CHECK(Marked("hier ist Björn") == "hier ist {Björn}");
  CHECK(Marked("chamo-me Adaeze") == "chamo-me {Adaeze}");
  CHECK(Marked("aqui é Thabo") == "aqui é {Thabo}");
  CHECK(Marked("mi chiamo Ayşe") == "mi chiamo {Ayşe}");
  CHECK(Marked("vi scrive Rohan") == "vi scrive {Rohan}");
  CHECK(Marked("thanks so much, Wanjiru") == "thanks so much , {Wanjiru}");
  CHECK(Marked("my name is Mei Lin") == "my name is {Mei Lin}");
  // Known names wherever they are capitalised.
  CHECK(Marked("I ordered it for Aisha last week") == "I ordered it for {Aisha} last week");
  CHECK(IsKnownFirstName("oluwaseun"));
}

TEST_CASE("names that are ordinary words count only where a name is introduced") {
  CHECK(Marked("Hope you can help me") == "Hope you can help me");
  CHECK(Marked("Will you refund me?") == "Will you refund me ?");
  CHECK(Marked("Can I speak to someone") == "Can I speak to someone");
  CHECK(Marked("Dolores de cabeza muy fuertes") == "Dolores de cabeza muy fuertes");
  CHECK(Marked("Socorro, no puedo respirar") == "Socorro , no puedo respirar");
  CHECK(Marked("my name is Grace") == "my name is {Grace}");
  CHECK(Marked("Hola, soy Dolores") == "Hola , soy {Dolores}");
  CHECK(!IsKnownFirstName("grace"));
  // Weak introductions need a capitalised word that is not a feeling.
  CHECK(Marked("this is ridiculous") == "this is ridiculous");
  CHECK(Marked("I'm Done with this") == "I'm Done with this");
  CHECK(Marked("I'm so tired") == "I'm so tired");
}

TEST_CASE("judgement features do not see who the writer is") {
  // Every variant gives the same features.
  const auto a = Hashes("I'm a blind person and this is the third time I ask, nobody helps");
  CHECK(a == Hashes("I'm an atheist and this is the third time I ask, nobody helps"));
  CHECK(a == Hashes("I'm a Nigerian woman and this is the third time I ask, nobody helps"));
  CHECK(Hashes("mi chiamo Giulia ed è la terza volta") == Hashes("mi chiamo Oluwaseun ed è la terza volta"));
  CHECK(Hashes("c'est Mei, merci beaucoup") == Hashes("c'est Bernadette, merci beaucoup"));
  CHECK(Hashes("soy una persona gitana") == Hashes("soy una persona con discapacidad"));
  // ... and the language features neither.
  const auto la = LanguageFeatures(Tokenize("je suis une personne malvoyante et j'attends"));
  const auto lb = LanguageFeatures(Tokenize("je suis un homme et j'attends"));
  CHECK(la == lb);
  // The emotion model's ids leave them out.
  CHECK(Featurize("I'm a gay man and I'm upset") == Featurize("I'm a Muslim and I'm upset"));
  CHECK(Featurize("I'm a gay man and I'm upset") != Featurize("I'm upset"));
}
