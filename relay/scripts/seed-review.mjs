#!/usr/bin/env node
// Fills a relay store with a realistic review history, for the review page's demo and screenshots:
// a few hundred conversations over four weeks, two packs, five languages, several teams and
// agents, handoffs with their reasons and the agents' verdicts, CSAT, and fallbacks on the kind
// of questions visitors really ask that the packs do not cover. Deterministic (seeded).
//
//   node relay/scripts/seed-review.mjs --db /tmp/review-demo.db [--conversations 420] [--days 28] [--end 2026-12-02]
//   node relay/scripts/seed-review.mjs --redis redis://127.0.0.1:6379/0 [--redis-prefix attune:]
//
// It also creates accounts (printed once): admin "lea" and agents ana, ben, chloe, dario, emma.
import { parseArgs } from 'node:util';
import { SqliteStore } from '../src/store-sqlite.mjs';
import { RedisStore } from '../src/store-redis.mjs';
import { hashSecret } from '../src/accounts.mjs';

const { values: args } = parseArgs({ options: {
  db: { type: 'string' }, redis: { type: 'string' }, 'redis-prefix': { type: 'string', default: 'attune:' },
  conversations: { type: 'string', default: '420' }, days: { type: 'string', default: '28' }, end: { type: 'string' },
  password: { type: 'string', default: 'review-demo-password' }, seed: { type: 'string', default: '16' },
} });
if (!args.db && !args.redis) { console.error('seed-review: give --db FILE or --redis URL'); process.exit(2); }

let rs = Number(args.seed) >>> 0 || 1;
const rnd = () => { rs ^= rs << 13; rs >>>= 0; rs ^= rs >>> 17; rs ^= rs << 5; rs >>>= 0; return rs / 2 ** 32; };
const pick = (xs) => xs[Math.floor(rnd() * xs.length)];
const weighted = (pairs) => { let r = rnd() * pairs.reduce((a, [, w]) => a + w, 0); for (const [v, w] of pairs) { if ((r -= w) < 0) return v; } return pairs[0][0]; };

// What visitors ask, per pack and language: [intent, message]. Redacted as the widget's core would.
const ASK = {
  ecommerce: {
    en: [['track_order', 'where is my order [number]'], ['returns', 'how do I return these shoes'], ['refund_status', 'when will I get my refund'],
      ['shipping', 'do you deliver to Ireland'], ['billing', 'I was charged twice'], ['discount_code', 'my discount code is not working'],
      ['account', 'I cannot log in'], ['stock', 'will the blue jacket be back in size M'], ['cancel_order', 'cancel my order please'], ['invoice', 'I need an invoice with VAT']],
    es: [['track_order', '¿dónde está mi pedido?'], ['returns', 'quiero devolver un pantalón'], ['refund_status', '¿cuándo me devolvéis el dinero?'],
      ['shipping', '¿enviáis a Canarias?'], ['billing', 'me habéis cobrado dos veces'], ['discount_code', 'el código de descuento no funciona']],
    fr: [['track_order', 'où est ma commande'], ['returns', 'comment retourner un article'], ['refund_status', 'quand serai-je remboursé'],
      ['shipping', 'livrez-vous en Belgique'], ['billing', 'j\'ai été débité deux fois'], ['account', 'je n\'arrive pas à me connecter']],
    de: [['track_order', 'wo ist meine Bestellung'], ['returns', 'wie kann ich etwas zurückschicken'], ['refund_status', 'wann bekomme ich mein Geld zurück'],
      ['shipping', 'liefert ihr nach Österreich'], ['billing', 'mir wurde doppelt abgebucht'], ['payment_methods', 'kann ich mit Klarna zahlen']],
    pt: [['track_order', 'onde está a minha encomenda'], ['returns', 'como devolvo um artigo'], ['refund_status', 'quando recebo o reembolso'],
      ['shipping', 'entregam nos Açores'], ['billing', 'fui cobrado duas vezes'], ['payment_methods', 'aceitam MB Way']],
  },
  healthcare: {
    en: [['book_appointment', 'I need an appointment with Dr Patel'], ['cancel_appointment', 'can I move my appointment to Friday'],
      ['prescription_refill', 'I need a refill of my inhaler'], ['test_results', 'are my blood test results back'], ['opening_hours', 'are you open on Saturday'],
      ['insurance', 'do you accept Bupa'], ['location', 'is there parking'], ['billing', 'I got a bill I do not understand']],
    es: [['book_appointment', 'quiero pedir cita'], ['test_results', '¿tenéis ya mis análisis?'], ['opening_hours', '¿abrís los sábados?'], ['insurance', '¿aceptáis Sanitas?']],
    fr: [['book_appointment', 'je voudrais un rendez-vous'], ['test_results', 'mes résultats sont-ils arrivés'], ['opening_hours', 'êtes-vous ouverts samedi']],
    de: [['book_appointment', 'ich brauche einen Termin'], ['prescription_refill', 'ich brauche ein neues Rezept'], ['opening_hours', 'habt ihr samstags offen']],
    pt: [['book_appointment', 'queria marcar uma consulta'], ['test_results', 'já têm os resultados das análises'], ['location', 'onde fica a clínica']],
  },
};
// Questions the packs do not cover (the review page should group them): clusters of paraphrases.
const UNKNOWN = {
  ecommerce: {
    en: [['do you do gift wrapping', 'can you gift wrap my order', 'is gift wrap available', 'gift wrapping?', 'can I add a gift message and wrapping'],
      ['do you have a student discount', 'student discount?', 'any discounts for students', 'is there a student discount code'],
      ['do you price match', 'will you match a cheaper price', 'price match amazon?'],
      ['do you have a shop in London', 'where are your stores', 'can I try it on in a store', 'do you have a physical shop'],
      ['do you ship to PO boxes', 'can you deliver to a PO box']],
    es: [['¿hacéis envoltorio de regalo?', '¿podéis envolverlo para regalo?', 'envolver para regalo'],
      ['¿tenéis tienda física en Madrid?', '¿dónde están vuestras tiendas?', 'tienda física?'], ['descuento para estudiantes?', '¿hay descuento de estudiante?']],
    fr: [['faites-vous des emballages cadeaux', 'emballage cadeau possible ?', 'pouvez-vous emballer pour un cadeau'],
      ['avez-vous un magasin à Paris', 'où sont vos boutiques'], ['réduction étudiant ?', 'avez-vous une remise pour les étudiants']],
    de: [['macht ihr Geschenkverpackung', 'kann ich es als Geschenk verpacken lassen', 'Geschenkverpackung möglich?'],
      ['habt ihr einen Laden in Berlin', 'wo sind eure Filialen'], ['gibt es Studentenrabatt', 'Rabatt für Studenten?']],
    pt: [['fazem embrulho para oferta', 'podem embrulhar para presente', 'embrulho de presente?'],
      ['têm loja física em Lisboa', 'onde ficam as vossas lojas'], ['desconto de estudante?', 'há desconto para estudantes']],
  },
  healthcare: {
    en: [['do you do flu jabs', 'can I get a flu vaccine here', 'flu shot appointments?', 'are you doing covid boosters'],
      ['can I bring my dog', 'are dogs allowed in the waiting room'], ['do you do home visits', 'can a doctor come to my house'],
      ['is there wifi in the waiting room', 'wifi password?']],
    es: [['¿ponéis la vacuna de la gripe?', 'vacuna gripe?', '¿hacéis vacunación?'], ['¿hacéis visitas a domicilio?', '¿puede venir un médico a casa?']],
    fr: [['faites-vous le vaccin contre la grippe', 'vaccin grippe ?'], ['faites-vous des visites à domicile', 'un médecin peut-il venir chez moi']],
    de: [['macht ihr Grippeimpfungen', 'Grippeimpfung möglich?'], ['macht ihr Hausbesuche', 'kann ein Arzt zu mir nach Hause kommen']],
    pt: [['dão a vacina da gripe', 'vacina da gripe?'], ['fazem consultas ao domicílio', 'o médico pode vir a casa']],
  },
};
const HUMAN = { en: 'I want to talk to a person', es: 'quiero hablar con una persona', fr: 'je veux parler à quelqu\'un', de: 'ich möchte mit einem Menschen sprechen', pt: 'quero falar com uma pessoa' };
const ANGRY = { en: 'this is ridiculous, third time I ask', es: 'esto es ridículo, ya van tres veces', fr: 'c\'est ridicule, troisième fois que je demande', de: 'das ist lächerlich, ich frage zum dritten Mal', pt: 'isto é ridículo, terceira vez que pergunto' };
const BYE = { en: 'ok thanks, bye', es: 'vale gracias, adiós', fr: 'd\'accord merci, au revoir', de: 'ok danke, tschüss', pt: 'ok obrigado, adeus' };
const TEAMS = { ecommerce: ['care', 'billing', 'sales'], healthcare: ['clinic'] };
const AGENTS = { care: ['ana', 'ben'], billing: ['chloe'], sales: ['dario'], clinic: ['emma', 'ana'] };
const AGENT_SKILL = { ana: 0.5, ben: -0.2, chloe: 0.3, dario: 0, emma: 0.6 }; // nudges their CSAT
const TONES = ['neutral', 'warm', 'apologetic', 'reassuring'];
const LANG_WEIGHTS = [['en', 45], ['es', 20], ['fr', 13], ['de', 12], ['pt', 10]];

const N = Number(args.conversations);
const DAYS = Number(args.days);
const end = args.end ? Date.parse(`${args.end}T18:00:00Z`) : Date.now();
const start = end - DAYS * 86400000;

function turnRecord(n, text, intent, language, o = {}) {
  const fallback = intent === 'none';
  const confidence = fallback ? 0.15 + rnd() * 0.25 : 0.62 + rnd() * 0.36;
  return { turn: n, text, intent, confidence: Math.round(confidence * 1000) / 1000, distress: Math.round((o.distress ?? rnd() * 0.25) * 1000) / 1000,
    valence: Math.round((o.valence ?? (rnd() * 0.6 - 0.2)) * 1000) / 1000, reasons: o.reasons ?? [], handoff: o.handoff === true, language, fallback,
    tone: o.tone ?? (fallback ? 'apologetic' : pick(TONES)) };
}

function conversation(i) {
  const pack = rnd() < 0.68 ? 'ecommerce' : 'healthcare';
  const language = weighted(LANG_WEIGHTS);
  const team = pick(TEAMS[pack]);
  // Later weeks see a little more traffic and slightly fewer handoffs (the pack was improved).
  const when = start + Math.floor(Math.sqrt(rnd()) * (end - start - 3600000));
  const week = Math.floor((when - start) / (7 * 86400000));
  const asks = ASK[pack][language];
  const unknown = UNKNOWN[pack][language];
  const turns = [];
  let t = 0;
  const story = weighted([['resolved', 46], ['unknown_left', 9], ['unknown_then_handoff', 11], ['human_request', 12], ['angry', 9], ['unknown_resolved', 9],
    ['crisis', 1 + (week === 0 ? 1 : 0)], ['late_repetition', 5 - Math.min(week, 3)]]);
  const [intent, text] = pick(asks);
  turns.push(turnRecord(++t, text, intent, language));
  let outcome = 'resolved';
  let handoff = false;
  let reasons = [];
  const fallbacks = (k) => { const c = pick(unknown); for (let j = 0; j < k; j++) turns.push(turnRecord(++t, c[(j + Math.floor(rnd() * c.length)) % c.length], 'none', language, { valence: -0.1 - rnd() * 0.3 })); };
  switch (story) {
    case 'resolved': if (rnd() < 0.5) turns.push(turnRecord(++t, pick(asks)[1], pick(asks)[0], language)); turns.push(turnRecord(++t, BYE[language], 'goodbye', language)); break;
    case 'unknown_resolved': fallbacks(1); turns.push(turnRecord(++t, pick(asks)[1], intent, language)); turns.push(turnRecord(++t, BYE[language], 'goodbye', language)); break;
    case 'unknown_left': fallbacks(1 + Math.floor(rnd() * 2)); outcome = 'abandoned'; break;
    case 'unknown_then_handoff': fallbacks(2); reasons = ['fallback', 'repetition']; handoff = true; break;
    case 'human_request': reasons = ['human_request']; handoff = true; break;
    case 'angry': turns.push(turnRecord(++t, ANGRY[language], intent, language, { distress: 0.55 + rnd() * 0.2, valence: -0.7 })); reasons = ['anger', 'negative_trend']; handoff = true; break;
    case 'late_repetition': turns.push(turnRecord(++t, text, intent, language, { distress: 0.4 })); turns.push(turnRecord(++t, ANGRY[language], intent, language, { distress: 0.6, valence: -0.6 }));
      reasons = ['repetition', 'anger']; handoff = true; break;
    case 'crisis': reasons = ['crisis']; handoff = true; break;
  }
  if (handoff) {
    const last = story === 'human_request' ? HUMAN[language] : story === 'crisis' ? '[crisis message]' : null;
    if (last) turns.push(turnRecord(++t, last, story === 'human_request' ? (pack === 'ecommerce' ? 'human_agent' : 'speak_to_staff') : 'none', language,
      { reasons, handoff: true, distress: story === 'crisis' ? 0.95 : 0.5, valence: -0.5 }));
    else { const lt = turns.at(-1); lt.handoff = true; lt.reasons = reasons; }
  }
  const minutes = 2 + turns.length * (1 + rnd() * 2) + (handoff ? 6 + rnd() * 15 : 0);
  const rec = { pack, language, team: handoff ? team : null, agent: null, started_at: when, ended_at: Math.round(when + minutes * 60000), outcome, csat: null, verdict: null, turns };
  let score = null;
  if (handoff) {
    const agent = pick(AGENTS[team]);
    rec.agent = agent;
    rec.outcome = rnd() < 0.2 ? 'returned_to_bot' : 'agent_closed';
    if (rnd() < 0.7) {
      const kind = story === 'human_request' ? weighted([['on_time', 6], ['not_needed', 3]])
        : story === 'unknown_then_handoff' ? weighted([['on_time', 3], ['late', 6]])
        : story === 'late_repetition' ? 'late' : story === 'crisis' ? 'on_time' : weighted([['on_time', 8], ['late', 2]]);
      const before = turns.filter((x) => !x.handoff);
      const v = { kind, by: agent, at: rec.ended_at + 30000 };
      if (kind === 'late') { if (!before.length) v.kind = 'on_time'; else v.turn = (before.length > 1 ? before.at(-2) : before.at(-1)).turn; }
      rec.verdict = v;
    }
    if (rnd() < 0.55) score = Math.round(Math.min(5, Math.max(1, 3.6 + AGENT_SKILL[agent] + (story === 'angry' ? -0.6 : 0) + (rnd() * 2.4 - 1.2))));
  } else if (rnd() < (outcome === 'abandoned' ? 0.25 : 0.4)) {
    const hadFallback = turns.some((x) => x.fallback);
    score = Math.round(Math.min(5, Math.max(1, (outcome === 'abandoned' ? 1.6 : hadFallback ? 3.2 : 4.3) + (rnd() * 2 - 1))));
  }
  if (score) rec.csat = { score, at: rec.ended_at };
  return { id: `seed-${String(i).padStart(4, '0')}`, rec };
}

const store = args.redis ? new RedisStore(args.redis, args['redis-prefix']) : new SqliteStore(args.db);
await store.init();
const now = Date.now();
const passwords = {};
for (const [name, role, teams, display] of [['lea', 'admin', [], 'Léa M.'], ['ana', 'agent', ['care', 'clinic'], 'Ana P.'], ['ben', 'agent', ['care'], 'Ben K.'],
  ['chloe', 'agent', ['billing'], 'Chloé R.'], ['dario', 'agent', ['sales'], 'Dario V.'], ['emma', 'agent', ['clinic'], 'Emma S.']]) {
  await store.putAccount({ name, display, role, teams, maxChats: role === 'admin' ? 0 : 3, secret: await hashSecret(args.password) }, now);
  passwords[name] = args.password;
}
const counts = { conversations: 0, handoffs: 0, verdicts: 0, csat: 0 };
for (let i = 0; i < N; i++) {
  const { id, rec } = conversation(i);
  await store.mergeReview(id, rec);
  counts.conversations++;
  if (rec.agent) counts.handoffs++;
  if (rec.verdict) counts.verdicts++;
  if (rec.csat) counts.csat++;
}
await store.close();
console.log(JSON.stringify({ event: 'seeded', store: args.redis ? 'redis' : args.db, from: new Date(start).toISOString(), to: new Date(end).toISOString(), ...counts,
  accounts: Object.keys(passwords), password: args.password }));
