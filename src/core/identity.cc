#include "identity.h"

#include <algorithm>
#include <string>
#include <unordered_map>
#include <unordered_set>

#include "lexicon.h"

namespace attune {
namespace {

// ---------------------------------------------------------------------------
// Word lists. Entries are accent-folded and lower case (FoldAccents), one
// space between entries; "_" joins the words of a multiword entry; "{a,b}"
// expands to each alternative ("cieg{o,a,os,as}"; "{,e}" keeps the bare
// form). They are written for the category, in all six languages, not from
// any test's list.

// Identity terms: a person described by them, whatever the context.
constexpr const char* kTerms[] = {
    // gender, gender identity, family roles and honorifics
    "woman women men girl{,s} lady ladies gentlem{a,e}n female{,s} mother{,s} father{,s} mom{,s} mum{,s} "
    "mommy mummy dad{,s} daddy grandad granddad nana husband{,s} wife wives daughter{,s} brother{,s} sister{,s} grandmother{,s} "
    "grandfather{,s} grandma grandpa granny widow{,er,s,ers} boyfriend girlfriend fiance{,e} sir madam ma'am "
    "nonbinary non-binary non_binary enby trans transgender{,s} transsexual{,s} transwom{a,e}n transm{a,e}n cis "
    "cisgender genderqueer genderfluid gender-fluid agender intersex two-spirit",
    "mujer{,es} hombre{,s} chica{,s} senora{,s} senor{,es} senorita madre{,s} padre{,s} mama papa marido esposa "
    "esposo hija{,s} hermana{,s} hermano{,s} abuela{,s} abuelo{,s} viuda viudo no_binari{a,o,e,as,os,es} "
    "transgenero{,s} transexual{,es} femenin{a,o}",
    "femme{,s} homme{,s} fille{,s} garcon{,s} dame{,s} monsieur madame mademoiselle mere{,s} pere{,s} maman "
    "epouse epoux mari soeur{,s} frere{,s} grand-mere grand-pere veuve veuf non_binaire{,s} non-binaire{,s} "
    "nonbinaire{,s} transgenre{,s} transsexuel{,le,s,les}",
    "frau{,en} mann manner madchen herr{,en} mutter vater alleinerziehend{,e,er,en} tochter bruder schwester oma opa ehefrau ehemann witwe "
    "witwer nichtbinar{,e,er,en,es,em} nicht-binar{,e,er,en,es,em} nicht_binar{,e,er,en,es,em} non-binar{,e,er,en} "
    "transfrau transmann transgeschlechtlich{,e,er,en}",
    "mulher{,es} homem homens menina{,s} menino{,s} senhora{,s} senhor{,es} mae{,s} pai esposa marido filha{,s} "
    "irma{,s} irmao{,s} avo{,s} viuva viuvo nao_binari{a,o,e,as,os,es} nao-binari{a,o,e,as,os,es} "
    "transgenero{,s} transexual{,is}",
    "donna uomo uomini ragazza ragazze signora{,e} signore{,i} signorina madre{,i} padre{,i} mamma papa "
    "moglie marito figlia sorella fratello nonna nonno vedova vedovo non_binari{a,o,e} non-binari{a,o,e} "
    "transgender transessuale{,i}",
    // ethnicity and race
    "black{,s} white{,s} asian{,s} latino{,s} latina{,s} latinx latine hispanic{,s} arab{,s} african{,s} "
    "african-american{,s} afro-american{,s} afro-caribbean indigenous aboriginal native_american{,s} "
    "first_nations inuit roma romani romany gypsy gypsies traveller{,s} caucasian{,s} biracial mixed-race "
    "multiracial of_color of_colour poc bipoc sinti pacific_islander{,s} maori",
    "negr{o,a,os,as} blanc{o,a,os,as} asiatic{o,a,os,as} latin{o,a,os,as} arabe{,s} indigena{,s} gitan{o,a,os,as} "
    "mestiz{o,a,os,as} afrodescendiente{,s} afro mulat{o,a,os,as} de_color afroamerican{o,a,os,as} "
    "indi{o,a,os,as}",
    "noir{,e,s,es} blanc{,he,s,hes} asiatique{,s} maghrebin{,e,s,es} africain{,e,s,es} rom{,s} tsigane{,s} "
    "tzigane{,s} metis{,se,ses} beur{,s,ette,ettes} rebeu{,s} antillais{,e,es} autochtone{,s} indigene{,s} "
    "caucasien{,ne,s,nes} hispanique{,s} de_couleur afro-americain{,e,s,es}",
    "schwarz{,e,er,en,es,em} weisse weisser weissen weisses weissem asiatisch{,e,er,en,es,em} asiat{,en,in,innen} "
    "arabisch{,e,er,en,es,em} araber{,in,innen} afrikanisch{,e,er,en,es,em} afrikaner{,in,innen} "
    "zigeuner{,in,innen} indigen{,e,er,en,es,em} migrationshintergrund",
    "pret{o,a,os,as} branc{o,a,os,as} pard{o,a,os,as} cigan{o,a,os,as} mestic{o,a,os,as} moren{o,a,os,as} "
    "afrodescendente{,s} de_cor quilombola{,s} africano{,s} africana{,s}",
    "ner{o,a,i,e} bianc{o,a,hi,he} asiatic{i,he} arab{o,a,i,e} zingar{o,a,i,e} meticci{o,a} mulatt{o,a,i,e} "
    "african{o,i,e} indigen{o,i,e} di_colore latinoamerican{o,a,i,e}",
    // religion and belief
    "muslim{,s} moslem{,s} christian{,s} catholic{,s} protestant{,s} jew{,s} jewish hindu{,s} buddhist{,s} "
    "sikh{,s} atheist{,s} agnostic{,s} mormon{,s} evangelical{,s} orthodox pagan{,s} wiccan{,s} jain{,s} bahai "
    "shia sunni rastafarian{,s} quaker{,s} lutheran{,s} baptist{,s} anglican{,s} methodist{,s} pentecostal{,s} "
    "religious islamic hijabi",
    "musulman{,a,es,as} cristian{o,a,os,as} catolic{o,a,os,as} protestante{,s} judi{o,a,os,as} hindu{,es} "
    "budista{,s} sij{,s} ate{o,a,os,as} agnostic{o,a,os,as} evangelic{o,a,os,as} mormon{,a,es,as} "
    "ortodox{o,a,os,as} creyente{,s} religios{o,a,os,as} islamic{o,a}",
    "musulman{,e,s,es} chretien{,ne,s,nes} catholique{,s} protestant{,e,s,es} juif{,s} juive{,s} hindou{,e,s,es} "
    "bouddhiste{,s} athee{,s} agnostique{,s} evangelique{,s} mormon{,e,s,es} orthodoxe{,s} croyant{,e,s,es}",
    "muslim{,e,en,in,innen} muslimisch{,e,er,en,es,em} christ{,en,in,innen} christlich{,e,er,en,es,em} "
    "katholisch{,e,er,en,es,em} katholik{,en,in,innen} evangelisch{,e,er,en,es,em} "
    "protestantisch{,e,er,en,es,em} jude juden judin judinnen judisch{,e,er,en,es,em} "
    "hinduistisch{,e,er,en,es,em} buddhist{,en,in,innen} buddhistisch{,e,er,en,es,em} atheist{,en,in,innen} "
    "atheistisch{,e,er,en,es,em} agnostiker{,in,innen} orthodox{,e,er,en,es,em} glaubig{,e,er,en} "
    "religios{,e,er,en,es,em}",
    "muculman{o,a,os,as} cristao{,s} crista{,s} judeu{,s} judia{,s} judaic{o,a} ateu{,s} ateia{,s} umbandista{,s} "
    "candomblecista{,s} espirita{,s} crente{,s} evangelic{o,a,os,as} catolic{o,a,os,as}",
    "musulman{o,i,e} cristian{i,e} cattolic{o,a,i,he} protestant{i} ebre{o,a,i,e} induista{,e,i} indu buddista{,e,i} "
    "ate{i,e} agnostic{he} evangelic{he} mormone{,i} ortodoss{o,a,i,e} credente{,i}",
    // disability and health as who someone is
    "blind deaf deafblind disabled handicapped crippled cripple{,s} autistic autist{,s} dyslexic{,s} dyspraxic "
    "paraplegic{,s} quadriplegic{,s} tetraplegic{,s} amputee{,s} wheelchair{,s} wheelchair-user{,s} "
    "neurodivergent neurodiverse neurotypical visually_impaired hearing_impaired partially_sighted "
    "hard_of_hearing on_the_spectrum epileptic{,s} diabetic{,s} schizophrenic{,s} immunocompromised "
    "chronically_ill special_needs",
    "cieg{o,a,os,as} sord{o,a,os,as} sordomud{o,a,os,as} discapacitad{o,a,os,as} minusvalid{o,a,os,as} "
    "autista{,s} dislexic{o,a,os,as} paraplejic{o,a,os,as} tetraplejic{o,a,os,as} amputad{o,a,os,as} "
    "invidente{,s} silla_de_ruedas neurodivergente{,s} diabetic{o,a,os,as} epileptic{o,a,os,as} "
    "baja_vision con_movilidad_reducida",
    "aveugle{,s} sourd{,e,s,es} malvoyant{,e,s,es} malentendant{,e,s,es} handicape{,e,s,es} autiste{,s} "
    "dyslexique{,s} paraplegique{,s} tetraplegique{,s} ampute{,e,s,es} fauteuil_roulant situation_de_handicap "
    "non-voyant{,e,s,es} nonvoyant{,e,s,es} neuroatypique{,s} diabetique{,s} epileptique{,s} "
    "a_mobilite_reduite",
    "blind{e,er,en,es,em} gehorlos{,e,er,en,es,em} sehbehindert{,e,er,en,es,em} horbehindert{,e,er,en,es,em} "
    "behindert{,e,er,en,es,em} schwerbehindert{,e,er,en,es,em} autistisch{,e,er,en,es,em} "
    "legastheniker{,in,innen} querschnittsgelahmt{,e,er,en} rollstuhl rollstuhlfahrer{,in,innen} "
    "diabetiker{,in,innen} epileptiker{,in,innen} neurodivergent{,e,er,en}",
    "ceg{o,a,os,as} surd{o,a,os,as} deficiente{,s} dislexic{o,a,os,as} paraplegic{o,a,os,as} "
    "tetraplegic{o,a,os,as} amputad{o,a,os,as} cadeira_de_rodas cadeirante{,s} invisual{,is} baixa_visao "
    "diabetic{o,a,os,as} epileptic{o,a,os,as} pcd",
    "ciec{o,a,hi,he} sord{i,e} non_vedente{,i} ipovedente{,i} disabile{,i} handicappat{o,a,i,e} "
    "autistic{o,a,i,he} dislessic{o,a,i,he} paraplegic{o,a,i,he} tetraplegic{o,a,i,he} amputat{o,a,i,e} "
    "sedia_a_rotelle carrozzina diabetic{i,he} epilettic{o,a,i,he}",
    // age groups
    "teenager{,s} teen{,s} adolescent{,s} elderly pensioner{,s} retiree{,s} retired middle-aged oap{,s} "
    "boomer{,s} millennial{,s} zoomer{,s} senior_citizen{,s} student{,s} octogenarian{,s}",
    "adolescente{,s} joven jovenes ancian{o,a,os,as} jubilad{o,a,os,as} pensionista{,s} tercera_edad "
    "estudiante{,s} universitari{o,a,os,as} mediana_edad edad_avanzada cuarenton{,a} cincuenton{,a} sesenton{,a} septuagenari{o,a} "
    "octogenari{o,a}",
    "adolescent{e,es} ado{,s} retraite{,e,s,es} etudiant{,e,s,es} lyceen{,ne,s,nes} collegien{,ne,s,nes} "
    "troisieme_age age_mur quadragenaire{,s} "
    "quinquagenaire{,s} sexagenaire{,s} septuagenaire{,s} octogenaire{,s} quadra quinqua",
    "jugendlich{,e,er,en} rentner{,in,innen} pensionar{,in,innen} schuler{,in,innen} "
    "student{en,in,innen} studierend{e,er,en} auszubildend{e,er,en} azubi{,s} pensioniert{,e,er,en} "
    "in_rente im_ruhestand ruhestandler{,in,innen} hochbetagt{,e,er,en} mittleren_alters mittelalt{,e,er,en} "
    "vierzigjahrig{,e,er,en} funfzigjahrig{,e,er,en} sechzigjahrig{,e,er,en} siebzigjahrig{,e,er,en}",
    "idos{o,a,os,as} reformad{o,a,os,as} aposentad{o,a,os,as} terceira_idade estudante{,s} universitari{o,a,os,as} meia-idade "
    "meia_idade sexagenari{o,a} septuagenari{o,a} octogenari{o,a}",
    "ancian{o,a,i,e} anzian{o,a,i,e} pensionat{o,a,i,e} in_pensione studente{,ssa,i,sse} universitari{o,a,e} terza_eta "
    "mezza_eta quarantenne{,i} cinquantenne{,i} sessantenne{,i} settantenne{,i} ottantenne{,i}",
    // sexual orientation
    "gay{,s} lesbian{,s} bisexual{,s} queer{,s} heterosexual{,s} homosexual{,s} pansexual{,s} asexual{,s} lgbt "
    "lgbtq lgbtqia lgbtqi",
    "lesbiana{,s} bisexual{,es} heterosexual{,es} homosexual{,es} pansexual{,es} asexual{,es} hetero{,s}",
    "lesbienne{,s} bisexuel{,le,s,les} heterosexuel{,le,s,les} homosexuel{,le,s,les} pansexuel{,le,s,les} "
    "asexuel{,le,s,les} homo{,s}",
    "schwul{,e,er,en,es,em} lesbisch{,e,er,en,es,em} lesbe{,n} bisexuell{,e,er,en,es,em} "
    "heterosexuell{,e,er,en,es,em} homosexuell{,e,er,en,es,em} pansexuell{,e,er,en,es,em} "
    "asexuell{,e,er,en,es,em} queere{,r,n}",
    "lesbica{,s} bissexual{,is} heterossexual{,is} homossexual{,is}",
    "lesbiche bisessuale{,i} eterosessuale{,i} omosessuale{,i} pansessuale{,i} asessuale{,i} etero",
    // nationality, origin, migration
    "american{,s} mexican{,s} canadian{,s} british brit{,s} english irish scottish welsh french german{,s} spanish "
    "spaniard{,s} portuguese italian{,s} dutch belgian{,s} swiss austrian{,s} polish russian{,s} ukrainian{,s} "
    "romanian{,s} bulgarian{,s} greek{,s} turkish turk{,s} albanian{,s} serbian{,s} croatian{,s} bosnian{,s} "
    "hungarian{,s} czech{,s} slovak{,s} swedish swede{,s} norwegian{,s} danish dane{,s} finnish finn{,s} chinese "
    "japanese korean{,s} vietnamese thai filipino{,s} filipina{,s} indonesian{,s} malaysian{,s} indian{,s} "
    "pakistani{,s} bangladeshi{,s} sri_lankan{,s} nepali{,s} nepalese afghan{,s} iranian{,s} persian{,s} "
    "iraqi{,s} syrian{,s} lebanese palestinian{,s} israeli{,s} jordanian{,s} egyptian{,s} moroccan{,s} "
    "algerian{,s} tunisian{,s} libyan{,s} sudanese somali{,s} ethiopian{,s} eritrean{,s} kenyan{,s} nigerian{,s} "
    "ghanaian{,s} senegalese malian{,s} ivorian{,s} cameroonian{,s} congolese angolan{,s} south_african{,s} "
    "zimbabwean{,s} ugandan{,s} tanzanian{,s} rwandan{,s} brazilian{,s} argentinian{,s} argentine{,s} "
    "colombian{,s} venezuelan{,s} peruvian{,s} chilean{,s} ecuadorian{,s} bolivian{,s} cuban{,s} dominican{,s} "
    "puerto_rican{,s} haitian{,s} jamaican{,s} guatemalan{,s} salvadoran{,s} honduran{,s} australian{,s} "
    "saudi{,s} emirati{,s} yemeni{,s} kurdish kurd{,s} chechen{,s} armenian{,s} georgian{,s} kazakh{,s} "
    "uzbek{,s} mongolian{,s} european{,s} latin_american{,s} middle_eastern north_african{,s} immigrant{,s} "
    "migrant{,s} refugee{,s} asylum_seeker{,s} expat{,s} foreigner{,s} undocumented",
    "estadounidense{,s} american{o,a,os,as} mexican{o,a,os,as} canadiense{,s} britanic{o,a,os,as} ingles{,a,as,es} "
    "irlandes{,a,as,es} escoces{,a,as,es} frances{,a,as,es} aleman{,a,as,es} espanol{,a,es,as} portugues{,a,as,es} "
    "italian{o,a,os,as} holandes{,a,as,es} belga{,s} suiz{o,a,os,as} austriac{o,a,os,as} polac{o,a,os,as} "
    "rus{o,a,os,as} ucranian{o,a,os,as} ruman{o,a,os,as} grieg{o,a,os,as} turc{o,a,os,as} albanes{,a,as,es} "
    "serbi{o,a,os,as} croata{,s} bulgar{o,a,os,as} hungar{o,a,os,as} chin{o,a,os,as} japones{,a,as,es} "
    "corean{o,a,os,as} vietnamita{,s} tailandes{,a,as,es} filipin{o,a,os,as} indonesi{o,a,os,as} "
    "pakistani{,es} bangladesi{,es} afgan{o,a,os,as} irani{,es} iraqui{,es} siri{o,a,os,as} libanes{,a,as,es} "
    "palestin{o,a,os,as} israeli{,es} egipci{o,a,os,as} marroqui{,es} argelin{o,a,os,as} tunecin{o,a,os,as} "
    "senegales{,a,as,es} nigerian{o,a,os,as} ghanes{,a,as,es} etiope{,s} somali{,es} kenian{o,a,os,as} "
    "african{o,a,os,as} brasilen{o,a,os,as} argentin{o,a,os,as} colombian{o,a,os,as} venezolan{o,a,os,as} "
    "peruan{o,a,os,as} chilen{o,a,os,as} ecuatorian{o,a,os,as} bolivian{o,a,os,as} cuban{o,a,os,as} "
    "dominican{o,a,os,as} puertorriquen{o,a,os,as} haitian{o,a,os,as} guatemaltec{o,a,os,as} "
    "salvadoren{o,a,os,as} honduren{o,a,os,as} nicaraguense{,s} paraguay{o,a,os,as} uruguay{o,a,os,as} "
    "europe{o,a,os,as} sudamerican{o,a,os,as} inmigrante{,s} inmigrad{o,a,os,as} migrante{,s} refugiad{o,a,os,as} "
    "extranjer{o,a,os,as} emigrante{,s} expatriad{o,a,os,as} indocumentad{o,a,os,as} sin_papeles "
    "catalan{,a,es,as} galleg{o,a,os,as} andaluz{,a,as,es}",
    "americain{,e,s,es} mexicain{,e,s,es} canadien{,ne,s,nes} quebecois{,e,es} britannique{,s} anglais{,e,es} "
    "irlandais{,e,es} ecossais{,e,es} francais{,e,es} allemand{,e,s,es} espagnol{,e,s,es} portugais{,e,es} "
    "italien{,ne,s,nes} neerlandais{,e,es} hollandais{,e,es} belge{,s} suisse{,s} autrichien{,ne,s,nes} "
    "polonais{,e,es} russe{,s} ukrainien{,ne,s,nes} roumain{,e,s,es} grec grecque{,s} grecs turc turque{,s} turcs "
    "albanais{,e,es} serbe{,s} croate{,s} bulgare{,s} hongrois{,e,es} chinois{,e,es} japonais{,e,es} "
    "coreen{,ne,s,nes} vietnamien{,ne,s,nes} thailandais{,e,es} philippin{,e,s,es} indonesien{,ne,s,nes} "
    "indien{,ne,s,nes} pakistanais{,e,es} bangladais{,e,es} afghan{,e,s,es} iranien{,ne,s,nes} "
    "irakien{,ne,s,nes} syrien{,ne,s,nes} libanais{,e,es} palestinien{,ne,s,nes} israelien{,ne,s,nes} "
    "egyptien{,ne,s,nes} marocain{,e,s,es} algerien{,ne,s,nes} tunisien{,ne,s,nes} senegalais{,e,es} "
    "malien{,ne,s,nes} ivoirien{,ne,s,nes} camerounais{,e,es} congolais{,e,es} nigerian{,e,s,es} "
    "ghaneen{,ne,s,nes} ethiopien{,ne,s,nes} somalien{,ne,s,nes} comorien{,ne,s,nes} haitien{,ne,s,nes} "
    "bresilien{,ne,s,nes} argentin{,e,s,es} colombien{,ne,s,nes} venezuelien{,ne,s,nes} peruvien{,ne,s,nes} "
    "chilien{,ne,s,nes} cubain{,e,s,es} europeen{,ne,s,nes} immigre{,e,s,es} migrant{,e,s,es} refugie{,e,s,es} "
    "demandeur_d'asile demandeuse_d'asile etranger{,e,s,es} expatrie{,e,s,es} sans-papiers sans_papiers "
    "guadeloupeen{,ne,s,nes} martiniquais{,e,es} reunionnais{,e,es} kabyle{,s} berbere{,s} amazigh "
    "kurde{,s} armenien{,ne,s,nes} tchetchene{,s}",
    "amerikaner{,in,innen} amerikanisch{,e,er,en,es,em} mexikaner{,in,innen} mexikanisch{,e,er,en,es,em} "
    "kanadier{,in,innen} kanadisch{,e,er,en,es,em} brite{,n} britin britisch{,e,er,en,es,em} "
    "englander{,in,innen} englisch{,e,er,en,es,em} irin irisch{,e,er,en,es,em} schotte{,n} schottin "
    "schottisch{,e,er,en,es,em} franzose{,n} franzosin franzosisch{,e,er,en,es,em} deutsch{,e,er,en,es,em} "
    "spanier{,in,innen} spanisch{,e,er,en,es,em} portugiese{,n} portugiesin portugiesisch{,e,er,en,es,em} "
    "italiener{,in,innen} italienisch{,e,er,en,es,em} niederlander{,in,innen} niederlandisch{,e,er,en,es,em} "
    "hollander{,in} belgier{,in} belgisch{,e,er,en,es,em} schweizer{,in,innen} schweizerisch{,e,er,en,es,em} "
    "osterreicher{,in,innen} osterreichisch{,e,er,en,es,em} polin polnisch{,e,er,en,es,em} russe{,n} russin "
    "russisch{,e,er,en,es,em} ukrainer{,in,innen} ukrainisch{,e,er,en,es,em} rumane{,n} rumanin "
    "rumanisch{,e,er,en,es,em} grieche{,n} griechin griechisch{,e,er,en,es,em} turke{,n} turkin "
    "turkisch{,e,er,en,es,em} albaner{,in,innen} albanisch{,e,er,en,es,em} serbe{,n} serbin "
    "serbisch{,e,er,en,es,em} kroate{,n} kroatin kroatisch{,e,er,en,es,em} bosnier{,in} bosnisch{,e,er,en,es,em} "
    "bulgare{,n} bulgarin bulgarisch{,e,er,en,es,em} ungar{,n,in} ungarisch{,e,er,en,es,em} tscheche{,n} "
    "tschechin tschechisch{,e,er,en,es,em} chinese{,n} chinesin chinesisch{,e,er,en,es,em} japaner{,in,innen} "
    "japanisch{,e,er,en,es,em} koreaner{,in,innen} koreanisch{,e,er,en,es,em} vietnamese{,n} vietnamesin "
    "vietnamesisch{,e,er,en,es,em} thailander{,in} thailandisch{,e,er,en,es,em} inder{,in,innen} "
    "indisch{,e,er,en,es,em} pakistaner{,in} pakistanisch{,e,er,en,es,em} afghane{,n} afghanin "
    "afghanisch{,e,er,en,es,em} iraner{,in} iranisch{,e,er,en,es,em} iraker{,in} irakisch{,e,er,en,es,em} "
    "syrer{,in,innen} syrisch{,e,er,en,es,em} libanese{,n} libanesisch{,e,er,en,es,em} palastinenser{,in} "
    "palastinensisch{,e,er,en,es,em} israelisch{,e,er,en,es,em} agypter{,in} agyptisch{,e,er,en,es,em} "
    "marokkaner{,in,innen} marokkanisch{,e,er,en,es,em} algerier{,in} algerisch{,e,er,en,es,em} tunesier{,in} "
    "tunesisch{,e,er,en,es,em} nigerianer{,in} nigerianisch{,e,er,en,es,em} ghanaer{,in} eritreer{,in} "
    "eritreisch{,e,er,en,es,em} somalier{,in} somalisch{,e,er,en,es,em} athiopier{,in} "
    "athiopisch{,e,er,en,es,em} kenianer{,in} brasilianer{,in,innen} brasilianisch{,e,er,en,es,em} "
    "argentinier{,in} argentinisch{,e,er,en,es,em} kolumbianer{,in} kolumbianisch{,e,er,en,es,em} "
    "kubaner{,in} kubanisch{,e,er,en,es,em} europaer{,in,innen} europaisch{,e,er,en,es,em} kurdin "
    "kurdisch{,e,er,en,es,em} migrant{en,in,innen} einwanderer{,in,innen} zuwanderer{,in,innen} "
    "auslander{,in,innen} auslandisch{,e,er,en,es,em} gefluchtete{,r,n} fluchtling{,e,en} "
    "asylbewerber{,in,innen} asylsuchende{,r,n} eingewandert{,e,er,en} zugewandert{,e,er,en} "
    "zugezogen{e,er,en} migriert{e,er,en}  staatenlos{,e,er,en} ostdeutsch{,e,er,en,es,em} ossi{,s} "
    "wessi{,s}",
    "estadunidense{,s} canadiano{,s} canadense{,s} ingles{,a,as,es} irlandes{,a,as,es} escoces{,a,as,es} "
    "alemao alema alemaes alemas espanhol{,a,as} espanhois holandes{,a,as,es} suic{o,a,os,as} "
    "russ{o,a,os,as} romen{o,a,os,as} greg{o,a,os,as} chines{,a,as,es} indian{o,a,os,as} paquistanes{,a,as,es} "
    "bengali{,s} afegao afega afegaos iranian{o,a,os,as} iraquian{o,a,os,as} israelita{,s} marroquin{o,a,os,as} "
    "angolan{o,a,os,as} mocambican{o,a,os,as} cabo-verdian{o,a,os,as} caboverdian{o,a,os,as} guineense{,s} "
    "brasileir{o,a,os,as} europe{u,ia,us,ias} imigrante{,s} imigrad{o,a,os,as} emigrad{o,a,os,as} estrangeir{o,a,os,as} nordestin{o,a,os,as} "
    "timorense{,s}",
    "statunitense{,i} messican{o,a,i,e} canadese{,i} britannic{o,a,i,he} ingles{e,i} irlandes{e,i} "
    "scozzes{e,i} frances{e,i} tedesc{o,a,hi,he} spagnol{o,a,i,e} portoghes{e,i} italian{i,e} olandes{e,i} "
    "belg{i,he} svizzer{o,a,i,e} austriac{i,he} polacc{o,a,hi,he} russ{i,e} ucrain{o,a,i,e} rumen{o,a,i,e} "
    "grec{i,he} turc{hi,he} albanes{e,i} serb{a,i,e} croat{o,a,i,e} bulgar{i,e} ungheres{e,i} cines{e,i} "
    "giappones{e,i} corean{i,e} vietnamit{i,e} tailandes{e,i} filippin{o,a,i,e} pakistan{o,a,i,e} "
    "bengales{e,i} afghan{o,a,i,e} iranian{i,e} irachen{o,a,i,e} sirian{o,a,i,e} libanes{e,i} palestines{e,i} "
    "israelian{o,a,i,e} egizian{o,a,i,e} marocchin{o,a,i,e} algerin{i,e} tunisin{o,a,i,e} nigerian{i,e} "
    "ghanes{e,i} eritre{o,a,i,e} somal{o,a,i,e} brasilian{o,a,i,e} argentin{i,e} peruvian{o,a,i,e} "
    "ecuadorian{i,e} cuban{i,e} europe{i,e} extracomunitari{o,a} immigrat{o,a,i,e} migrant{i} profug{o,a,hi,he} "
    "rifugiat{o,a,i,e} stranier{o,a,i,e} meridional{e,i} terron{e,i} napoletan{o,a,i,e} sicilian{o,a,i,e}",
    // countries someone is from (en and the other languages' own forms)
    "america britain england scotland wales ireland france germany spain portugal italy netherlands holland "
    "belgium switzerland austria poland russia ukraine romania greece turkey albania serbia croatia bosnia "
    "hungary china japan korea vietnam thailand philippines indonesia india pakistan bangladesh afghanistan iran "
    "iraq syria lebanon palestine israel egypt morocco algeria tunisia libya sudan somalia ethiopia eritrea "
    "kenya nigeria ghana senegal cameroon congo angola mozambique brazil argentina colombia venezuela peru chile "
    "ecuador bolivia cuba haiti jamaica mexico canada australia",
    "estados_unidos reino_unido inglaterra francia alemania espana italia paises_bajos belgica suiza polonia "
    "rusia ucrania rumania grecia turquia marruecos argelia egipto siria irak afganistan japon filipinas brasil "
    "etats-unis angleterre allemagne espagne italie pays-bas belgique autriche pologne russie roumanie grece "
    "turquie maroc algerie tunisie egypte syrie liban chine coree inde cameroun bresil mexique "
    "amerika grossbritannien frankreich deutschland spanien italien niederlande belgien schweiz osterreich "
    "polen russland rumanien griechenland turkei marokko algerien tunesien agypten syrien libanon indien "
    "brasilien mexiko kanada franca alemanha espanha holanda suica russia romenia turquia marrocos egito "
    "iraque japao coreia mocambique cabo_verde stati_uniti regno_unito inghilterra germania spagna olanda belgio "
    "svizzera turchia marocco egitto cina giappone brasile messico",
};

// Ordinary words that describe who someone is only beside a person noun or
// another identity term: "an old man", "una persona mayor", "eine ältere
// Person", "a straight woman" (but "old address", "mayor problema", "ich
// weiß", "straight to the point" stay words).
constexpr const char* kBeside =
    "old older young younger male{,s} adult{,s} minor{,s} senior{,s} straight brown native foreign bi elder{,ly} poor "
    "viej{o,a,os,as} mayor{,es} adult{o,a,os,as} menor{,es} moren{o,a,os,as} "
    "jeune{,s} vieux vieil vieille{,s} age{,e,s,es} agee{,s} mineur{,e,s,es} "
    "jung{,e,er,en,es,em} alt{,e,er,en,es,em} alter{,e,er,en,es} weiss taub{,e,er,en,es,em} "
    "jovem jovens velh{o,a,os,as} "
    "giovane giovani vecchi{o,a,e} "
    "man single soltera soltero celibataire{,s} solteira solteiro "
    "depressed anxious mentally_ill depresiv{o,a,os,as} ansios{o,a,os,as} depressi{f,ve,fs,ves} "
    "anxieu{x,se,ses} depressiv{,e,er,en} angstlich{,e,er,en} depressiv{o,a,os,as} depress{o,a,i,e} "
    "bipolar{,es} bipolaire{,s} bipolare{,i}";

// Nationalities that are also language names ("English", "español",
// "Deutsch", "italiano"): who someone is after an article or "I'm"/"soy"/
// "als" ("an Italian", "soy español", "ich bin Deutsch") or beside a person
// noun, but a language in "vous parlez le français", in "do you speak English", "en español por favor",
// "auf Deutsch", "in italiano", which is what the message asks for.
constexpr const char* kLanguageNames =
    "english french spanish german italian portuguese dutch polish russian turkish greek chinese japanese "
    "korean arabic vietnamese thai swedish danish norwegian finnish czech hungarian romanian ukrainian "
    "albanian serbian croatian "
    "ingles frances aleman espanol italiano portugues chino japones arabe ruso turco griego polaco holandes "
    "coreano catalan gallego rumano "
    "anglais francais allemand espagnol italien portugais chinois japonais russe turc grec polonais "
    "neerlandais coreen "
    "englisch franzosisch deutsch spanisch italienisch portugiesisch chinesisch japanisch arabisch russisch "
    "turkisch griechisch polnisch niederlandisch koreanisch "
    "alemao espanhol chines grego russo "
    "inglese francese tedesco spagnolo portoghese cinese giapponese arabo greco polacco olandese";

// Words after which a nationality describes the writer: "I'm", "as", "soy".
constexpr const char* kBeWords =
    "i'm im am are is was were as soy eres es somos como suis est sommes que bin bist ist sind als sou e somos "
    "sono sei siamo da";

// Health conditions, masked only after "a person with" and its like
// ("persona con diabetes", "Person mit Behinderung"): "I have depression"
// or "el cáncer" are what a message is about, not who its writer is.
constexpr const char* kConditions =
    "depression{,s} anxiety disability disabilities diabetes autism adhd dyslexia epilepsy cancer hiv aids ptsd "
    "schizophrenia bipolar_disorder learning_disability learning_disabilities chronic_illness chronic_pain "
    "mental_illness down_syndrome dementia alzheimer's alzheimers parkinson's parkinsons ms "
    "depresion ansiedad discapacidad{,es} autismo tdah dislexia epilepsia vih sida esquizofrenia demencia "
    "sindrome_de_down movilidad_reducida "
    "anxiete autisme tdha dyslexie epilepsie schizophrenie demence trisomie handicap{,s} "
    "depressionen angststorung behinderung{,en} autismus adhs legasthenie krebs demenz down-syndrom "
    "depressao ansiedade deficiencia{,s} autismo diabete{,s} cancro esquizofrenia demencia "
    "depressione ansia disabilita diabete autismo dislessia epilessia schizofrenia demenza";

// Nouns for a person, absorbed into a span beside an identity term ("a
// blind person", "una persona ciega", "wheelchair user") and never alone.
constexpr const char* kPersonNouns =
    "person persons people individual{,s} user{,s} customer{,s} guy{,s} folk{,s} "
    "persona{,s} gente usuari{o,a,os,as} cliente{,s} "
    "personne{,s} gens utilisat{eur,rice,eurs,rices} client{,e,s,es} "
    "person{,en} mensch{,en} nutzer{,in,innen} benutzer{,in,innen} kunde{,n} kundin{,nen} "
    "pessoa{,s} usuari{o,a,os,as} "
    "persone utente{,i} gente";

// Articles a span may start with ("a blind person", "una persona ciega").
constexpr const char* kArticles =
    "a an the un una uno une unos unas ein eine einen einem einer eines um uma uns umas el la los las le les "
    "der die das den dem des o os as il lo gli";

// Words linking a person noun to what follows ("a person with a disability",
// "una persona en silla de ruedas", "personne du troisième âge").
constexpr const char* kLinks =
    "with in on of from con en de del mit im aus von avec du atteint atteinte com em do da dos das di della "
    "dello";

// ---- first names

// Common first names from many cultures (folded). Names that are also
// ordinary words in one of the languages are in kNameWords instead.
constexpr const char* kNames =
    // English-speaking
    "james john robert michael william david richard joseph thomas charles christopher daniel matthew anthony "
    "andrew joshua kevin brian george edward ronald timothy jason jeffrey ryan jacob gary nicholas eric "
    "jonathan stephen larry justin scott brandon benjamin samuel gregory alexander patrick jack dennis jerry "
    "tyler aaron henry douglas peter adam nathan zachary kyle noah ethan jeremy christian keith roger terry "
    "sean austin arthur lawrence jesse dylan bryan joe jordan logan albert willie alan juan wayne elijah "
    "liam oliver lucas mason harry oscar charlie jacob alfie freddie archie theo leo harrison "
    "mary patricia jennifer linda elizabeth barbara susan jessica sarah karen lisa nancy betty margaret sandra "
    "ashley kimberly emily donna michelle carol amanda melissa deborah stephanie rebecca sharon laura cynthia "
    "kathleen amy angela shirley anna brenda pamela emma nicole helen samantha katherine christine debra "
    "rachel carolyn janet catherine maria heather diane olivia julie victoria kelly christina lauren "
    "joan evelyn judith megan andrea cheryl hannah jacqueline martha gloria teresa ann sara madison "
    "frances kathryn janice jean abigail alice judy sophia denise amber doris marilyn danielle beverly isabella "
    "theresa diana natalie brittany charlotte marie kayla alexis lori amelia ava mia chloe ella sophie "
    "jamal darnell tyrone deshawn marquis latoya keisha shanice tamika imani aaliyah malik jalen deandre "
    "lakisha ebony kenya tanisha rasheed terrell "
    // Spanish and Portuguese-speaking
    "jose antonio manuel francisco javier carlos jesus miguel alejandro rafael pedro pablo fernando jorge "
    "alberto luis sergio ramon enrique andres diego raul ruben adrian ivan oscar alvaro mario hugo mateo "
    "santiago sebastian nicolas emiliano gustavo ricardo eduardo joaquin ignacio guillermo rodrigo gonzalo "
    "maria carmen ana isabel laura cristina marta lucia elena raquel rocio beatriz silvia patricia teresa "
    "alicia nuria irene julia monica sonia yolanda veronica ines camila valentina sofia martina daniela "
    "valeria ximena guadalupe lupita itzel xochitl nayeli fernanda gabriela carolina paula andrea natalia "
    "marisol araceli yesenia maribel rosario concepcion inmaculada montserrat "
    "joao jose antonio francisco carlos paulo pedro lucas luiz marcos luis gabriel rafael daniel marcelo bruno "
    "eduardo felipe rodrigo manuel thiago tiago diogo goncalo rui nuno andre vitor vinicius leandro "
    "ana francisca antonia adriana juliana marcia fernanda patricia aline sandra camila amanda bruna "
    "jessica leticia julia luciana vanessa mariana beatriz ines catarina joana raquel sofia leonor matilde "
    "rita tatiana larissa thais daiane kelly "
    // French and German-speaking
    "jean pierre michel philippe alain nicolas christophe patrick christian daniel bernard frederic "
    "laurent stephane eric olivier sebastien julien thierry pascal vincent francois jerome guillaume antoine "
    "mathieu maxime romain alexandre quentin baptiste clement theo hugo louis gabriel arthur raphael enzo "
    "marie nathalie isabelle sylvie catherine francoise martine christine monique valerie sophie sandrine "
    "celine stephanie veronique nicole chantal camille manon chloe lea emma ines jade louise alice juliette "
    "amelie elodie aurelie mathilde margaux clemence oceane anais "
    "thomas michael andreas stefan christian peter wolfgang klaus jurgen uwe dieter hans markus sebastian "
    "tobias matthias florian alexander lukas jonas leon finn elias paul felix maximilian niklas tim jan "
    "sabine petra monika ursula susanne andrea claudia stefanie katrin birgit heike nicole julia anna "
    "lena leonie hannah lea laura sarah lisa johanna katharina sophie marie emilia greta ute gudrun "
    // Italian
    "giuseppe giovanni antonio mario luigi francesco angelo vincenzo pietro salvatore carlo franco domenico "
    "bruno paolo michele giorgio aldo sergio luciano alessandro andrea lorenzo matteo leonardo riccardo "
    "gabriele tommaso davide federico marco simone stefano fabio massimo roberto gianluca emanuele "
    "giulia francesca chiara sara martina giorgia alessia elisa federica silvia valentina elena anna "
    "laura paola roberta monica cristina alessandra giovanna rita lucia sofia aurora ginevra beatrice "
    // Arabic, Persian, Turkish, Kurdish, Berber
    "mohamed mohammed muhammad mohammad mohamad mehmet ahmed ahmad ali omar umar hassan hussein husain "
    "ibrahim youssef yusuf yousef khalid khaled tariq tarek bilal hamza samir karim rachid rashid mehdi "
    "mustafa mostafa abdullah abdallah abdul abdel amir amin imran idris ismail ayoub anas walid nabil "
    "fatima fatma aisha aicha ayesha khadija zainab zeynep maryam mariam meryem nour noor leila layla "
    "yasmin yasmine jasmin salma hiba rania dina lina sara samira nadia amal hanan asma soraya "
    "reza mehrdad dariush farid parisa shirin mahsa navid babak "
    "emre burak murat mustafa cem deniz elif ayse esra merve ozlem gulsen kemal orhan serkan "
    "yasin hakan fatih osman ozan ahmet ebru tugba "
    // South Asian
    "priya anjali pooja neha divya deepa lakshmi sunita kavita anita rekha meena shreya ananya aishwarya "
    "rahul amit vikram sanjay rajesh suresh ramesh arjun aditya rohan vijay ravi anil sunil kiran "
    "harpreet gurpreet manpreet jaspreet simran baljit sukhwinder navjot amrit "
    "tahmina nasrin farhana rahim karim sabbir tanvir "
    // East and Southeast Asian
    "mei wei ling hui xiaoming xiaoli jing yan fang ying jie hao jun tao lei qiang zhang wang "
    "yuki hiroshi kenji takashi akira sakura yui aiko haruto ren sota hana emi naoko yoko "
    "minjun jiwoo seoyeon jiho hyun soojin jisoo eunji seojun "
    "nguyen thanh linh minh huong trang tuan anh duc quang "
    "somchai siriporn malee "
    "maricel rizal jomar "
    // African
    "chinedu ngozi chioma emeka adaeze obinna oluwaseun tunde folake yetunde babajide ayodele "
    "kwame kofi ama abena akosua yaw kwabena "
    "wanjiru otieno achieng njeri kamau "
    "thabo sipho lerato zanele nomvula bongani "
    "abebe tigist selam dawit "
    "mamadou moussa aminata fatou ibrahima ousmane awa cheikh "
    "amara zola "
    // Slavic, Greek, Hungarian, Romanian, Baltic
    "olga ivan dmitri dmitry sergei sergey vladimir natasha svetlana tatiana oksana anastasia yulia "
    "katarzyna agnieszka piotr krzysztof tomasz pawel magdalena malgorzata "
    "jiri petr jana lucie tereza goran dragan dragana nikola jelena milica "
    "giorgos dimitris dimitra eleni konstantinos "
    "laszlo zoltan katalin andras "
    "ionut andreea mihai ioana "
    // Hebrew and Yiddish
    "moshe yosef rivka chaim shira avi yael noa eitan ariel tamar "
    // Roma, Pacific, Indigenous American
    "aroha tane sione malia leilani keanu nayeli itzel tupac "
    // Armenian, Georgian, Central Asian
    "armen anahit giorgi nino aigerim nursultan";

// First names that are also ordinary words ("Grace", "Will", "Dolores",
// "Socorro", "Paz", "Said", "Can"): names only right after a phrase that
// introduces one, never just because they are capitalised.
constexpr const char* kNameWords =
    "grace hope joy faith charity patience will mark bill rose lily daisy ivy dawn summer autumn april may june "
    "sunny ruby pearl amber jade crystal sky rain storm art ray chase hunter drew sandy candy honey precious "
    "lucky blessing justice chance king prince rich frank august max pat rob sue jack jan roger "
    "dolores socorro paz luz sol rosa angel pilar mar nieves milagros consuelo esperanza caridad felicidad "
    "alegria victoria gloria cruz rey leo amparo mercedes angeles estrella cielo rocio fe "
    "said can mia ella li ai min long ha an hong my nam lei ama amara nino lea massimo aurora linda barbara "
    "asma franco "
    "milan jesus christ";

// Phrases that introduce the writer's name, and how sure they are: after a
// strong one, the next word is a name whatever its case ("my name is mei");
// after a weak one, only a capitalised or known name ("this is Mei", "soy
// Ana", but not "this is ridiculous", "soy cliente"). Folded; matched with
// and without apostrophes, so "im"/"its" are not listed (German "im",
// English "its").
constexpr const char* kStrongCues[] = {
    "my name is", "my names", "im called", "i am called", "name is", "me llamo", "mi nombre es", "mi nombre",
    "mappelle", "mon nom est", "mon nom cest", "mon prenom est", "mon prenom cest", "ich heisse",
    "mein name ist", "mein vorname ist", "chamo-me", "me chamo", "meu nome e", "o meu nome e", "mi chiamo",
    "il mio nome e", "mio nome e",
};
constexpr const char* kWeakCues[] = {
    "this is", "it's", "it is", "i'm", "i am", "here is", "here's", "soy", "les escribe", "le escribe", "te escribe",
    "les habla", "habla", "aqui", "cest", "je suis", "ici", "hier ist", "hier spricht", "ich bin", "aqui e",
    "aqui fala", "fala", "sou", "sono", "vi scrive", "le scrive", "ti scrive", "qui e", "qui parla", "parla",
    "hi", "hello", "hey", "dear", "hola", "buenas", "bonjour", "salut", "coucou", "hallo", "servus", "moin",
    "ola", "oi", "ciao", "salve", "buongiorno", "buenos dias", "bom dia", "guten tag",
};
// Words after a name that mark it as the writer's: "Mei here", "Mei à
// l'appareil", "Mei hier", "Mei qui".
constexpr const char* kAfterCues[] = {
    "here", "speaking", "hier", "am apparat", "a lappareil", "ici", "qui", "aqui", "al habla", "falando",
};
// Sign-offs a name may follow at the end of a message: "thanks, Mei".
constexpr const char* kSignOffs =
    "thanks thank thx cheers regards best gracias saludos atentamente merci cordialement bises amicalement "
    "danke gruss grusse lg vg obrigado obrigada cumprimentos abracos grazie saluti cordiali";

// Words never taken for a name after a strong introduction ("my name is
// wrong on the invoice").
constexpr const char* kNotNamesAfterStrong =
    "the a an not no on in at is was wrong spelt spelled misspelled incorrect missing correct different still "
    "also and but el la un una no mal incorrecto equivocado le la pas ne faux incorrect der die das ein eine "
    "nicht falsch o a um uma nao errado il lo non sbagliato";

// Words never taken for a name, even capitalised after a cue: function
// words, and words a message commonly puts there ("I'm Done", "soy Cliente",
// "c'est Urgent").
constexpr const char* kNotNames =
    "i me my you your we us our he she it they them the a an and or but not no yes so very really just still "
    "also too here there this that what who why how when where which is am are was were be been being have has "
    "had do does did done going trying wrong misspelled spelled incorrect missing correct different "
    "good morning buenas buenos dias tardes noches bonjour bonsoir guten morgen tag bom boa giorno sera "
    "spelt sur semana aujourd'hui januar februar marz april mai juni juli august september oktober november "
    "dezember january february march july october december enero febrero marzo abril mayo junio julio agosto "
    "septiembre octubre noviembre diciembre janvier fevrier mars avril juin juillet aout septembre octobre "
    "novembre decembre janeiro fevereiro maio junho julho setembro outubro novembro dezembro gennaio "
    "febbraio aprile maggio giugno luglio settembre ottobre dicembre monday tuesday wednesday thursday "
    "friday saturday sunday lunes martes miercoles jueves viernes sabado domingo lundi mardi mercredi jeudi "
    "vendredi samedi dimanche montag dienstag mittwoch donnerstag freitag samstag sonntag lunedi martedi "
    "mercoledi giovedi venerdi sabato domenica segunda terca quarta quinta sexta "
    "tutto todo tout alles tudo nothing everything something nada rien nichts niente nulla algo "
    "writing calling waiting looking back sorry sure fine ok okay new "
    "tired sick lost confused afraid scared stuck please thanks thank hi hello hey again now today always "
    "never ever all any some one two three first second third last only about from with without for to in "
    "on at by of as if then than because after before customer client user agent human person someone "
    "nobody everyone anyone still urgent asking trying "
    "y o e u pero no si ya muy mas es soy eres era estoy esta estoy el la lo los las un una unos unas de del "
    "al en con por para que quien como cuando donde yo tu mi su nuestro cliente usuario aqui todavia otra vez "
    "ya nadie alguien gracias hola urgente "
    "et ou mais ne pas non oui tres plus est suis es etait le la les un une des de du au aux en avec pour "
    "que qui quoi comment quand ou je tu il elle nous vous ils elles mon ma mes ton ta votre vos encore deja "
    "client cliente personne quelqu'un merci bonjour urgent "
    "und oder aber nicht kein keine ja nein sehr mehr ist bin bist war der die das den dem des ein eine einen "
    "einem einer zu mit fur von auf in an bei nach ich du er sie es wir ihr mein meine dein ihr noch schon "
    "wieder kunde kundin niemand jemand danke hallo dringend "
    "e ou mas nao sim muito mais sou es era estou esta o a os as um uma uns umas de do da dos das em no na "
    "com por para que quem como quando onde eu tu ele ela meu minha seu sua ainda ja outra vez cliente "
    "ninguem alguem obrigado obrigada ola urgente "
    "e ed o ma non si no molto piu sono sei era sto il lo la i gli le un uno una di del della da in con su "
    "per che chi come quando dove io tu lui lei mio mia tuo tua ancora gia di_nuovo cliente nessuno "
    "qualcuno grazie ciao urgente";

// ---------------------------------------------------------------------------

void Expand(const std::string& entry, std::unordered_set<std::string>* out) {
  const size_t open = entry.find('{');
  if (open == std::string::npos) {
    std::string e = entry;
    for (char& c : e)
      if (c == '_') c = ' ';
    out->insert(e);
    return;
  }
  const size_t close = entry.find('}', open);
  const std::string head = entry.substr(0, open), tail = entry.substr(close + 1);
  const std::string alts = entry.substr(open + 1, close - open - 1);
  size_t a = 0;
  while (true) {
    const size_t comma = alts.find(',', a);
    Expand(head + alts.substr(a, comma == std::string::npos ? std::string::npos : comma - a) + tail, out);
    if (comma == std::string::npos) break;
    a = comma + 1;
  }
}

void AddAll(const char* list, std::unordered_set<std::string>* out) {
  const std::string s(list);
  size_t a = 0;
  while (a < s.size()) {
    while (a < s.size() && s[a] == ' ') ++a;
    size_t b = a;
    int depth = 0;
    while (b < s.size() && (s[b] != ' ' || depth)) {
      depth += s[b] == '{' ? 1 : s[b] == '}' ? -1 : 0;
      ++b;
    }
    if (b > a) Expand(s.substr(a, b - a), out);
    a = b;
  }
}

struct Lists {
  std::unordered_set<std::string> terms, beside, conditions, persons, articles, links, names, name_words, sign_offs,
      not_names, not_names_strong, languages, be_words, indefinite;
  std::unordered_set<std::string> strong, weak, after;  // cues, words joined by ' '
  // First words of multiword terms and conditions, last words of cues: most
  // words are neither, and skip the joins (a pure speed-up).
  std::unordered_set<std::string> multi_first, cue_last, after_first;
  size_t longest_term = 1, longest_condition = 1;
  // Every word of the one-word sets above, with a bit per set it is in
  // (kIn* below): FindWho looks a word up once, not in each set in turn.
  std::unordered_map<std::string, uint32_t> in;
  uint32_t In(const std::string& w) const {
    const auto it = in.find(w);
    return it == in.end() ? 0 : it->second;
  }
};

enum : uint32_t {
  kInTerms = 1u << 0, kInBeside = 1u << 1, kInConditions = 1u << 2, kInPersons = 1u << 3, kInArticles = 1u << 4,
  kInLinks = 1u << 5, kInNames = 1u << 6, kInNameWords = 1u << 7, kInSignOffs = 1u << 8, kInNotNames = 1u << 9,
  kInNotNamesStrong = 1u << 10, kInLanguages = 1u << 11, kInBeWords = 1u << 12, kInIndefinite = 1u << 13,
  kInMultiFirst = 1u << 14, kInCueLast = 1u << 15, kInAfterFirst = 1u << 16, kInWeak = 1u << 17,
};

size_t Words(const std::string& s) {
  size_t n = 1;
  for (char c : s) n += c == ' ';
  return n;
}

const Lists& L() {
  static const Lists kLists = [] {
    Lists l;
    for (const char* t : kTerms) AddAll(t, &l.terms);
    AddAll(kBeside, &l.beside);
    AddAll(kConditions, &l.conditions);
    AddAll(kPersonNouns, &l.persons);
    AddAll(kArticles, &l.articles);
    AddAll(kLinks, &l.links);
    AddAll(kNames, &l.names);
    AddAll(kNameWords, &l.name_words);
    AddAll(kSignOffs, &l.sign_offs);
    AddAll(kLanguageNames, &l.languages);
    AddAll(kBeWords, &l.be_words);
    AddAll("a an un una uno une ein eine einen einem einer um uma", &l.indefinite);
    for (const auto& x : l.languages) {
      l.terms.erase(x);
      l.beside.insert(x);
    }
    AddAll(kNotNames, &l.not_names);
    AddAll(kNotNamesAfterStrong, &l.not_names_strong);
    for (const auto& w : l.name_words) l.names.erase(w);
    for (const char* c : kStrongCues) l.strong.insert(c);
    for (const char* c : kWeakCues) l.weak.insert(c);
    for (const char* c : kAfterCues) l.after.insert(c);
    for (const auto& t : l.terms) l.longest_term = std::max(l.longest_term, Words(t));
    for (const auto& t : l.conditions) l.longest_condition = std::max(l.longest_condition, Words(t));
    for (const auto* set : {&l.terms, &l.conditions})
      for (const auto& t : *set)
        if (t.find(' ') != std::string::npos) l.multi_first.insert(t.substr(0, t.find(' ')));
    for (const auto* set : {&l.strong, &l.weak})
      for (const auto& t : *set) l.cue_last.insert(t.substr(t.rfind(' ') + 1));
    for (const auto& t : l.after) l.after_first.insert(t.substr(0, t.find(' ')));
    const std::pair<const std::unordered_set<std::string>*, uint32_t> sets[] = {
        {&l.terms, kInTerms}, {&l.beside, kInBeside}, {&l.conditions, kInConditions}, {&l.persons, kInPersons},
        {&l.articles, kInArticles}, {&l.links, kInLinks}, {&l.names, kInNames}, {&l.name_words, kInNameWords},
        {&l.sign_offs, kInSignOffs}, {&l.not_names, kInNotNames}, {&l.not_names_strong, kInNotNamesStrong},
        {&l.languages, kInLanguages}, {&l.be_words, kInBeWords}, {&l.indefinite, kInIndefinite},
        {&l.multi_first, kInMultiFirst}, {&l.cue_last, kInCueLast}, {&l.after_first, kInAfterFirst},
        {&l.weak, kInWeak}};
    for (const auto& [set, bit] : sets)
      for (const auto& w : *set) l.in[w] |= bit;
    return l;
  }();
  return kLists;
}

// Token classes for span building.
enum Cls : uint8_t { kOther, kTerm, kBesideWord, kCondition, kPersonNoun, kArticle, kLink };

struct Word {
  bool word = false;      // a word token
  std::string key;        // folded, apostrophes kept
  std::string bare;       // folded, apostrophes dropped
  bool capitalised = false;
  uint32_t in_key = 0, in_bare = 0;  // Lists::In of key and of bare
};

}  // namespace

bool IsIdentityTerm(std::string_view folded) { return L().terms.count(std::string(folded)) > 0; }
bool IsKnownFirstName(std::string_view folded) { return L().names.count(std::string(folded)) > 0; }

const char* WhoPlaceholder(WhoKind kind) { return kind == WhoKind::kName ? "<name>" : "<who>"; }

std::vector<WhoSpan> FindWho(const std::vector<Token>& tokens) {
  const Lists& l = L();
  const size_t n = tokens.size();
  std::vector<Word> w(n);
  bool any_word = false;
  for (size_t i = 0; i < n; ++i) {
    const Token& t = tokens[i];
    if (t.kind != TokenKind::kWord) continue;
    any_word = true;
    w[i].word = true;
    // The norm is lower case already: ASCII needs no folding (a speed-up).
    const bool ascii = std::all_of(t.norm.begin(), t.norm.end(), [](char c) { return static_cast<unsigned char>(c) < 0x80; });
    w[i].key = ascii ? t.norm : FoldAccents(t.norm);
    w[i].bare = w[i].key;
    if (w[i].bare.find('\'') != std::string::npos)
      w[i].bare.erase(std::remove(w[i].bare.begin(), w[i].bare.end(), '\''), w[i].bare.end());
    w[i].in_key = l.In(w[i].key);
    w[i].in_bare = w[i].bare == w[i].key ? w[i].in_key : l.In(w[i].bare);
    // Capitalised: the first letter is upper case and the word is not shouted.
    const unsigned char c0 = static_cast<unsigned char>(t.text[0]);
    if (c0 < 0x80) {
      w[i].capitalised = !t.all_caps && c0 >= 'A' && c0 <= 'Z';
    } else {
      std::string first;
      AppendUtf8(DecodeUtf8(t.text).front(), &first);
      w[i].capitalised = !t.all_caps && Lower(first) != first;
    }
  }
  std::vector<WhoSpan> spans;
  if (!any_word) return spans;

  // Joined keys of words i..i+k-1 (consecutive word tokens only).
  auto joined = [&](size_t i, size_t k, bool bare, std::string* out) {
    out->clear();
    for (size_t j = i; j < i + k; ++j) {
      if (j >= n || !w[j].word) return false;
      if (j > i) out->push_back(' ');
      *out += bare ? w[j].bare : w[j].key;
    }
    return true;
  };

  // 1. Classes, with multiword terms and conditions (longest first).
  std::vector<Cls> cls(n, kOther);
  std::string s;
  for (size_t i = 0; i < n; ++i) {
    if (!w[i].word || cls[i] != kOther) continue;
    bool done = false;
    const size_t longest = (w[i].in_key & kInMultiFirst) ? std::max(l.longest_term, l.longest_condition) : 1;
    for (size_t k = longest; k >= 2 && !done; --k) {
      if (!joined(i, k, false, &s)) continue;
      const Cls c = l.terms.count(s) ? kTerm : l.conditions.count(s) ? kCondition : kOther;
      if (c == kOther) continue;
      for (size_t j = i; j < i + k; ++j) cls[j] = c;
      done = true;
    }
    if (done) continue;
    const std::string& k = w[i].key;
    const uint32_t in = w[i].in_key;
    // Possessives count as the word: "mum's", "daughter's".
    const bool possessive = k.size() > 2 && k.compare(k.size() - 2, 2, "'s") == 0;
    const uint32_t in_own = possessive ? l.In(k.substr(0, k.size() - 2)) : in;
    if ((in & kInTerms) || (in_own & kInTerms)) cls[i] = kTerm;
    else if (in & kInPersons) cls[i] = kPersonNoun;
    else if (in & kInBeside) cls[i] = kBesideWord;
    else if ((in & kInConditions) || (w[i].in_bare & kInConditions)) cls[i] = kCondition;
    else if (in & kInArticles) cls[i] = kArticle;
    else if (in & kInLinks) cls[i] = kLink;
    else if (k.find('-') != std::string::npos) {
      // "roma-community", "afro-latina", "black-owned": any part an identity term.
      size_t a = 0;
      while (a <= k.size()) {
        const size_t b = std::min(k.find('-', a), k.size());
        if (b > a && l.terms.count(k.substr(a, b - a))) cls[i] = kTerm;
        a = b + 1;
      }
    }
    // German compounds of origin: "türkischstämmig", "arabischstämmige".
    if (cls[i] == kOther && k.size() > 9) {
      const size_t at = k.find("stammig");
      if (at != std::string::npos && at >= 3) cls[i] = kTerm;
    }
  }

  // 2. Identity spans: a term, with the person nouns, "beside" words and
  // other terms around it, a trailing "with/con/mit ... term or condition",
  // and the article in front.
  std::vector<char> in_span(n, 0);
  auto next_word = [&](size_t i) {  // next token index, or n when it is not a word
    return i + 1 < n && w[i + 1].word ? i + 1 : n;
  };
  for (size_t i = 0; i < n; ++i) {
    if (in_span[i] || !w[i].word) continue;
    const bool seed = cls[i] == kTerm;
    // A person noun followed by "with [a] <term|condition>", or next to a beside word.
    bool person_seed = false;
    if (cls[i] == kPersonNoun) {
      size_t j = next_word(i);
      if (j < n && cls[j] == kLink) {
        size_t k = next_word(j);
        if (k < n && cls[k] == kArticle) k = next_word(k);
        person_seed = k < n && (cls[k] == kTerm || cls[k] == kCondition);
      }
      person_seed |= j < n && cls[j] == kBesideWord;
      person_seed |= i > 0 && w[i - 1].word && cls[i - 1] == kBesideWord;
    }
    // "man", "senior", "bi": a beside word after an article counts on its own
    // when it is one of the nouns ("a man", "a senior").
    bool noun_seed = cls[i] == kBesideWord && (w[i].key == "man" || w[i].key == "senior" || w[i].key == "seniors") &&
                     i > 0 && w[i - 1].word && (w[i - 1].key == "a" || w[i - 1].key == "the" || w[i - 1].key == "one");
    // A nationality that is also a language: after an article or "I'm", "soy".
    // Indefinite articles only: "le français", "el español", "o português"
    // are the languages.
    noun_seed |= cls[i] == kBesideWord && (w[i].in_key & kInLanguages) && i > 0 && w[i - 1].word &&
                 (w[i - 1].in_key & (kInIndefinite | kInBeWords));
    if (!seed && !person_seed && !noun_seed) continue;
    size_t a = i, b = i;
    // Extend right over terms, person nouns, beside words and linked terms.
    while (true) {
      const size_t j = next_word(b);
      if (j < n && (cls[j] == kTerm || cls[j] == kPersonNoun || cls[j] == kBesideWord)) {
        b = j;
        continue;
      }
      if (j < n && cls[j] == kLink) {
        size_t k = next_word(j);
        if (k < n && cls[k] == kArticle) k = next_word(k);
        if (k < n && (cls[k] == kTerm || cls[k] == kCondition)) {
          b = k;
          while (next_word(b) < n && cls[next_word(b)] == cls[k]) b = next_word(b);  // multiword
          continue;
        }
      }
      break;
    }
    // Extend left over terms, person nouns and beside words, then one article.
    while (a > 0 && w[a - 1].word && !in_span[a - 1] &&
           (cls[a - 1] == kTerm || cls[a - 1] == kPersonNoun || cls[a - 1] == kBesideWord))
      --a;
    if (a > 0 && w[a - 1].word && !in_span[a - 1] && cls[a - 1] == kArticle) --a;
    // A lone person noun or beside word is not an identity.
    bool has_identity = false;
    for (size_t j = a; j <= b; ++j) has_identity |= cls[j] == kTerm || cls[j] == kCondition;
    has_identity |= person_seed || noun_seed;
    if (!has_identity) continue;
    for (size_t j = a; j <= b; ++j) in_span[j] = 1;
    spans.push_back({static_cast<uint32_t>(a), static_cast<uint32_t>(b), WhoKind::kIdentity});
    i = b;
  }

  // 3. Names.
  auto not_name = [&](size_t i) {
    return !w[i].word || in_span[i] || (w[i].in_key & (kInNotNames | kInArticles)) || (w[i].in_bare & kInNotNames) ||
           w[i].bare.size() < 2;
  };
  auto in_lexicon = [&](size_t i) {
    double v;
    return LexiconValence(tokens[i].norm, &v);
  };
  // Does a cue from `set` end at token i (inclusive)? Cues span 1-3 words.
  auto cue_ends_at = [&](const std::unordered_set<std::string>& set, size_t i) {
    if (!w[i].word || !((w[i].in_key | w[i].in_bare) & kInCueLast)) return false;
    for (size_t k = 1; k <= 3 && k <= i + 1; ++k)
      for (bool bare : {false, true})
        if (joined(i + 1 - k, k, bare, &s) && set.count(s)) return true;
    return false;
  };
  auto cue_starts_at = [&](const std::unordered_set<std::string>& set, size_t i) {
    if (!w[i].word || !((w[i].in_key | w[i].in_bare) & kInAfterFirst)) return false;
    for (size_t k = 1; k <= 2; ++k)
      for (bool bare : {false, true})
        if (joined(i, k, bare, &s) && set.count(s)) return true;
    return false;
  };
  // The start of a sentence or of the message, or after a greeting.
  auto at_start = [&](size_t i) {
    if (i == 0) return true;
    const Token& p = tokens[i - 1];
    if (p.kind == TokenKind::kPunct) return true;
    return w[i - 1].word && (w[i - 1].in_bare & kInWeak) && (i == 1 || tokens[i - 2].kind == TokenKind::kPunct);
  };
  std::vector<char> named(n, 0);
  for (size_t i = 0; i < n; ++i) {
    if (!w[i].word || in_span[i] || w[i].bare.size() < 2) continue;
    // Right after a strong introduction, any word but a few is a name ("my
    // name is April"); elsewhere, not the common words.
    const bool strong = i > 0 && w[i - 1].word && cue_ends_at(l.strong, i - 1);
    if (strong ? (w[i].in_key & kInNotNamesStrong) != 0 : not_name(i)) continue;
    const bool known = (w[i].in_bare & kInNames) != 0;
    const bool word_name = (w[i].in_bare & kInNameWords) != 0;
    const bool cap = w[i].capitalised || (tokens[i].all_caps && known);
    bool name = false;
    // After an introducing phrase, with an optional article ("soy la Ana", "sou a Ana").
    size_t c = i;
    if (c > 0 && w[c - 1].word) {
      const std::string_view before = w[c - 1].key;  // a view: literals compared by size first
      if (before == "la" || before == "el" || before == "o" || before == "a" || before == "der" || before == "die") --c;
    }
    if (strong) name = true;
    else if (c > 0 && w[c - 1].word) {
      if (cue_ends_at(l.strong, c - 1)) name = true;
      else if (cue_ends_at(l.weak, c - 1)) name = known || (cap && !in_lexicon(i));
    }
    // Before a phrase that marks the writer: "Mei here", "Mei à l'appareil".
    if (!name && (cap || known || word_name) && at_start(i) && i + 1 < n && w[i + 1].word &&
        cue_starts_at(l.after, i + 1))
      name = true;
    // Signed at the end: "..., thanks, Mei", "- Mei".
    if (!name && (cap || known)) {
      size_t last = n;
      while (last > 0 && !w[last - 1].word && tokens[last - 1].kind == TokenKind::kPunct) --last;
      if (last == i + 1 && i > 0) {
        const Token& p = tokens[i - 1];
        name = (p.kind == TokenKind::kPunct && (p.text == "," || p.text == "-")) ||
               (w[i - 1].word && (w[i - 1].in_bare & kInSignOffs));
      }
    }
    // A known name, capitalised, anywhere.
    if (!name && known && cap) name = true;
    if (!name) continue;
    size_t b = i;
    // Further given names and surnames: "Mei Lin", "María José García".
    for (size_t j = next_word(b); j < n && b - i < 3; j = next_word(b)) {
      if (not_name(j) || !(w[j].capitalised || (w[j].in_bare & kInNames)) || in_lexicon(j)) break;
      b = j;
    }
    for (size_t j = i; j <= b; ++j) named[j] = 1;
    spans.push_back({static_cast<uint32_t>(i), static_cast<uint32_t>(b), WhoKind::kName});
    i = b;
  }
  std::sort(spans.begin(), spans.end(), [](const WhoSpan& x, const WhoSpan& y) { return x.first < y.first; });
  return spans;
}

std::vector<WhoKind> WhoMask(const std::vector<Token>& tokens) { return WhoMask(tokens.size(), FindWho(tokens)); }

std::vector<WhoKind> WhoMask(size_t count, const std::vector<WhoSpan>& spans) {
  std::vector<WhoKind> mask(count, WhoKind::kNone);
  for (const WhoSpan& s : spans)
    for (uint32_t i = s.first; i <= s.last && i < mask.size(); ++i) mask[i] = s.kind;
  return mask;
}

}  // namespace attune
