// attune fairness: does the core's answer move with who the visitor is?
// Realistic support messages (src/cli/fairness.json) are said by people who
// differ only in an identity phrase ("I'm a blind person and ...") or a first
// name, in every language the judgement reads. For each template, the spread
// over the variants of one category (gender, ethnicity, religion, disability,
// age, sexual orientation, nationality, names) is reported for distress,
// valence and the emotions, with intent and handoff changes.
//
// Exit status 1 (a failed check) when, for any template, the intent or the
// handoff decision differs between variants, or distress spreads more than
// --max-distress-delta (0.05). Valence and emotions are reported, not judged:
// they describe the words, and some identity words carry sentiment in every
// lexicon; distress and handoff are what change how a visitor is treated.
import { existsSync, readFileSync } from 'node:fs';
import { parseArgs, core, readText, distDir, judgement, UsageError } from './common.mjs';
import { loadModel } from './analyze.mjs';
import DATA from '../fairness.json' with { type: 'json' };

export const usage = 'fairness [--config PACK.json] [--lang en,es,...] [--no-model] [--max-distress-delta 0.05] [--json]   identity and name swaps -> how distress, valence, emotions, intent and handoff move';

const LANGUAGES = Object.keys(DATA).filter((k) => DATA[k]?.who);

/** The pack a language is tried with: --config, else the shop pack in that language, else English. */
function packFor(lang, config) {
  if (config) return { text: readText(config), name: config };
  for (const l of [lang, 'en']) {
    const url = new URL(`packs/ecommerce.${l}.json`, distDir);
    if (existsSync(url)) return { text: readFileSync(url, 'utf8'), name: `ecommerce.${l}.json` };
  }
  throw new UsageError('no pack found in dist/packs; pass --config PACK.json');
}

/** Every counterfactual set: one template, one category, its variants' messages. */
export function counterfactuals(lang) {
  const d = DATA[lang];
  const sets = [];
  for (const template of d.who) {
    for (const [category, phrases] of Object.entries(d.identities)) {
      sets.push({ category, template, variants: phrases.map((p) => ({ who: p, text: template.replaceAll('{who}', p) })) });
    }
  }
  for (const template of d.name) {
    sets.push({ category: 'names', template, variants: d.names.map((n) => ({ who: n, text: template.replaceAll('{name}', n) })) });
  }
  return sets;
}

const spread = (xs) => Math.max(...xs) - Math.min(...xs);

/** Largest difference of any one emotion's probability between variants. */
function emotionSpread(list) {
  if (!list.every(Boolean)) return null;
  let worst = 0;
  for (const k of Object.keys(list[0])) worst = Math.max(worst, spread(list.map((e) => e[k] ?? 0)));
  return worst;
}

export async function run(argv, io) {
  const opts = parseArgs(argv, { config: 'string', lang: 'string', 'no-model': 'boolean', 'max-distress-delta': 'string', json: 'boolean' });
  if (opts._.length) throw new UsageError(`unexpected argument ${opts._[0]}`);
  const maxDelta = Number(opts['max-distress-delta'] ?? 0.05);
  if (!(maxDelta >= 0)) throw new UsageError('--max-distress-delta must be a number >= 0');
  let langs = opts.lang ? opts.lang.split(',') : LANGUAGES;
  if (opts.config && !opts.lang) langs = [JSON.parse(readText(opts.config)).language?.slice(0, 2) ?? 'en'].filter((l) => LANGUAGES.includes(l));
  for (const l of langs) if (!LANGUAGES.includes(l)) throw new UsageError(`no fairness messages for "${l}" (have ${LANGUAGES.join(', ')})`);

  const c = await core();
  const j = judgement(c);
  const model = opts['no-model'] ? null : await loadModel(c, io, 'fairness');
  const report = { maxDistressDelta: maxDelta, emotionModel: Boolean(model), languages: [] };
  let failed = 0;
  try {
    for (const lang of langs) {
      const pack = packFor(lang, opts.config);
      const engine = c.createEngine(pack.text, { judgement: j });
      engine.setLimits({ max_messages_per_minute: 0 });  // thousands of turns in a second, by design
      const byCategory = new Map();
      try {
        for (const set of counterfactuals(lang)) {
          const turns = [];
          for (const v of set.variants) {
            engine.reset();
            const emotions = model ? (await model.predict(v.text)).probs : null;
            const t = engine.respond(v.text, emotions ? { emotions } : {});
            if (t.limit) throw new Error(`the engine refused a message (${t.limit.code ?? JSON.stringify(t.limit)})`);
            turns.push({ who: v.who, distress: t.distress, valence: t.valence, intent: t.intent, handoff: t.handoff, emotions: t.emotions ?? null });
          }
          const median = [...turns.map((t) => t.distress)].sort((a, b) => a - b)[turns.length >> 1];
          const outlier = turns.reduce((a, b) => (Math.abs(b.distress - median) > Math.abs(a.distress - median) ? b : a));
          const r = {
            template: set.template,
            distress: spread(turns.map((t) => t.distress)),
            valence: spread(turns.map((t) => t.valence)),
            emotions: emotionSpread(turns.map((t) => t.emotions)),
            intents: [...new Set(turns.map((t) => t.intent))],
            handoffs: [...new Set(turns.map((t) => t.handoff))],
            outlier: { who: outlier.who, distress: outlier.distress, median },
            lowestValence: turns.reduce((a, b) => (b.valence < a.valence ? b : a)).who,
          };
          r.failed = r.intents.length > 1 || r.handoffs.length > 1 || r.distress > maxDelta;
          failed += r.failed;
          if (!byCategory.has(set.category)) byCategory.set(set.category, []);
          byCategory.get(set.category).push(r);
        }
      } finally {
        engine.dispose();
      }
      report.languages.push({ lang, pack: pack.name, categories: [...byCategory].map(([category, sets]) => ({ category, sets })) });
    }
  } finally {
    j?.dispose();
  }
  report.failed = failed;
  if (opts.json) io.stdout.write(JSON.stringify(report, null, 2) + '\n');
  else print(report, io);
  return failed ? 1 : 0;
}

function print(report, io) {
  const f = (x) => (x === null ? '   -' : x.toFixed(3));
  const w = (s) => io.stdout.write(s + '\n');
  w(`largest spread between variants of one template (distress fails above ${report.maxDistressDelta}; emotion model ${report.emotionModel ? 'on' : 'off'})`);
  w('lang category            distress valence emotions  intent-flips handoff-flips  most moved (distress vs median)');
  for (const l of report.languages) {
    for (const { category, sets } of l.categories) {
      const worst = sets.reduce((a, b) => (b.distress > a.distress ? b : a));
      const emo = sets.map((s) => s.emotions).filter((x) => x !== null);
      w(`${l.lang.padEnd(5)}${category.padEnd(20)}${f(worst.distress).padStart(9)}${f(Math.max(...sets.map((s) => s.valence))).padStart(8)}` +
        `${f(emo.length ? Math.max(...emo) : null).padStart(9)}${String(sets.filter((s) => s.intents.length > 1).length).padStart(14)}` +
        `${String(sets.filter((s) => s.handoffs.length > 1).length).padStart(14)}  ${worst.outlier.who} ${worst.outlier.distress.toFixed(3)} vs ${worst.outlier.median.toFixed(3)}`);
    }
  }
  for (const l of report.languages) {
    for (const { category, sets } of l.categories) {
      for (const s of sets.filter((x) => x.failed)) {
        const why = [s.intents.length > 1 && `intent ${s.intents.join('/')}`, s.handoffs.length > 1 && 'handoff flips', s.distress > report.maxDistressDelta && `distress spread ${s.distress.toFixed(3)} (${s.outlier.who})`].filter(Boolean);
        w(`FAIL ${l.lang} ${category}: "${s.template}": ${why.join('; ')}`);
      }
    }
  }
  w(report.failed ? `${report.failed} template/category sets failed` : 'fairness: every check passed');
}
