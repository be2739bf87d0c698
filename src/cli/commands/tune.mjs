// attune tune: what handoff settings would have done on conversations agents
// reviewed. Reads a review export (web/review/format.js: the relay's
// /api/review/export, or the widget's local review), replays each
// conversation's visitor messages through the core's Engine built from the
// pack with candidate settings in its "handoff" block (the core's own
// Conversation decides; nothing here re-implements it), and scores each
// candidate:
//   - needed: a conversation marked on_time (due by the turn its handoff
//     happened) or late (due by the turn the agent named); on time when the
//     replay hands off by then, late when after, never when not at all;
//   - unneeded: a replay handoff in a conversation marked not_needed, or in a
//     calm one (no verdict and no handoff recorded).
// Conversations handed off but not reviewed teach nothing and are left out,
// and so are on_time ones without a turn the core handed off at (the
// visitor asked with the "talk to a person" button).
// The search is coordinate descent over a grid (threshold, valence_weight,
// emotion_weight with the emotion model, fallbacks_before_offer, the cue
// weights but crisis and human_request, which stay as the pack has them:
// a person for someone in crisis or asking for one is not traded off).
// The cost of a candidate is late_cost x (late + never) + unneeded; ties go
// to the fewest and smallest changes. It prints the trade-off (the candidates
// no other beats on both late and unneeded, and the current settings) and
// writes the proposed pack (the pack's text with only handoff values
// changed) for review; nothing changes by itself.
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { parseArgs, core, readText, judgement, UsageError, AttuneError } from './common.mjs';
import { loadModel } from './analyze.mjs';
import { parseReviewExport, ReviewFormatError } from '../../../web/review/format.js';
import { setValues } from '../json-edit.mjs';

export const usage = 'tune --reviews FILE --pack PACK.json [--out FILE] [--only threshold,weights.anger,...] [--late-cost 2] [--no-model] [--json]   replay reviewed conversations under other handoff settings -> trade-off and a proposed pack';

// Cues whose weight is never searched (see the header).
const FIXED_CUES = new Set(['crisis', 'human_request']);

const round2 = (x) => Math.round(x * 100) / 100;
const steps = (from, to, by) => Array.from({ length: Math.round((to - from) / by) + 1 }, (_, k) => round2(from + k * by));

/** What each reviewed conversation asks of a handoff, or null when it teaches nothing. */
export function labelConversation(conv) {
  const v = conv.verdict;
  const recorded = conv.turns.find((t) => t.handoff)?.turn ?? null;
  if (v?.kind === 'late') return { need: true, by: v.turn, verdict: 'late' };
  // On time with no turn the core handed off at: the visitor asked with the button, the core
  // decided nothing, and counting it as missed would push every threshold down. Left out.
  if (v?.kind === 'on_time') {
    const by = recorded ?? v.turn ?? null;
    return by === null ? null : { need: true, by, verdict: 'on_time' };
  }
  if (v?.kind === 'not_needed') return { need: false, verdict: 'not_needed' };
  if (recorded === null) return { need: false, verdict: 'calm' };
  return null;
}

/** Whether a conversation's pack/language fields (absent = any) fit the pack being tuned. */
function fits(conv, pack, file) {
  const ids = [pack.id, pack.id?.replace(/[-_.][a-z]{2}(-[A-Za-z]+)?$/, ''), path.basename(file).replace(/\.json$/, '')].filter(Boolean);
  const lang = (l) => String(l ?? '').toLowerCase().split(/[-_]/)[0];
  if (conv.pack && !ids.includes(conv.pack)) return false;
  return !conv.language || !pack.language || lang(conv.language) === lang(pack.language);
}

/** The searchable settings, from the policy in effect (the core's, defaults included). */
function searchSpace(policy, { model, only }) {
  const params = [
    { key: 'threshold', values: steps(0.3, 0.9, 0.05), span: 1 },
    { key: 'valence_weight', values: steps(0, 1, 0.25), span: 1 },
    ...(model ? [{ key: 'emotion_weight', values: steps(0, 1, 0.25), span: 1 }] : []),
    { key: 'fallbacks_before_offer', values: [1, 2, 3, 4], span: 4 },
    ...Object.keys(policy.weights).filter((c) => !FIXED_CUES.has(c))
      .map((c) => ({ key: `weights.${c}`, values: [0, 0.25, 0.5, 0.75, 1, 1.5], span: 2 })),
  ];
  const known = params.map((p) => p.key);
  const chosen = only ? only.split(',').map((s) => s.trim()).filter(Boolean) : known;
  for (const k of chosen) {
    if (!known.includes(k)) {
      throw new UsageError(`--only: "${k}" is not a setting tune searches (${known.join(', ')}${model ? '' : '; emotion_weight needs the emotion model'})`);
    }
  }
  return params.filter((p) => chosen.includes(p.key));
}

const get = (policy, key) => (key.startsWith('weights.') ? policy.weights[key.slice(8)] : policy[key]);

/** The policy with `key` set to `value`; release follows a threshold that goes below it. */
function withSetting(policy, key, value) {
  const p = { ...policy, weights: { ...policy.weights } };
  if (key.startsWith('weights.')) p.weights[key.slice(8)] = value;
  else p[key] = value;
  if (key === 'threshold' && p.release > value) p.release = round2(Math.max(0, value - (policy.threshold - policy.release)));
  return p;
}

/** [{key, from, to}] for every setting `p` has that `base` has not. */
function changes(base, p, params) {
  const keys = new Set([...params.map((x) => x.key), 'release']);
  const out = [];
  for (const key of keys) {
    const from = get(base, key);
    const to = get(p, key);
    if (from !== undefined && to !== undefined && Math.abs(from - to) > 1e-9) out.push({ key, from, to });
  }
  return out;
}

const describe = (ch) => (ch.length ? ch.filter((c) => c.key !== 'release' || ch.length === 1).map((c) => `${c.key} ${c.to}`).join(', ') : 'current');

export async function run(argv, io) {
  const opts = parseArgs(argv, { reviews: 'string', pack: 'string', out: 'string', only: 'string', 'late-cost': 'string', 'no-model': 'boolean', json: 'boolean' });
  if (opts._.length) throw new UsageError(`unexpected argument ${opts._[0]}`);
  if (!opts.reviews) throw new UsageError('--reviews FILE (a review export) is required');
  if (!opts.pack) throw new UsageError('--pack PACK.json (the pack to tune) is required');
  const lateCost = Number(opts['late-cost'] ?? 2);
  if (!(lateCost > 0)) throw new UsageError('--late-cost must be a number > 0');

  const reviewsText = readText(opts.reviews);
  let reviews;
  try {
    reviews = parseReviewExport(JSON.parse(reviewsText));
  } catch (err) {
    if (err instanceof SyntaxError) throw new AttuneError('invalid_json', `${opts.reviews} is not JSON: ${err.message}`);
    if (err instanceof ReviewFormatError) throw new AttuneError(err.code, `${opts.reviews}: ${err.message}`);
    throw err;
  }
  const packText = readText(opts.pack);
  const c = await core();
  const policy = c.handoffPolicy(packText);  // also: the pack loads (invalid_json / invalid_pack otherwise)
  const pack = JSON.parse(packText);

  const counts = { total: reviews.conversations.length, other_pack: 0, unreviewed_handoff: 0, asked_by_button: 0, empty: 0, on_time: 0, late: 0, not_needed: 0, calm: 0 };
  const labeled = [];
  for (const conv of reviews.conversations) {
    if (!fits(conv, pack, opts.pack)) { counts.other_pack++; continue; }
    const turns = conv.turns.filter((t) => t.text.trim());
    if (!turns.length) { counts.empty++; continue; }
    const label = labelConversation({ ...conv, turns });
    if (!label) { counts[conv.verdict ? 'asked_by_button' : 'unreviewed_handoff']++; continue; }
    counts[label.verdict]++;
    labeled.push({ id: conv.id, turns, label, recorded: turns.find((t) => t.handoff)?.turn ?? null, hasRecord: turns.some((t) => typeof t.handoff === 'boolean') });
  }
  if (!labeled.some((x) => x.label.need) && !labeled.some((x) => x.label.verdict === 'not_needed')) {
    throw new AttuneError('no_reviews', `${opts.reviews}: no conversation for this pack (${pack.id ?? opts.pack}, ${pack.language ?? 'any language'}) has a verdict (on_time, late or not_needed); nothing to tune on`);
  }

  const j = judgement(c);
  const model = opts['no-model'] ? null : await loadModel(c, io, 'tune');
  try {
    const params = searchSpace(policy, { model, only: opts.only });
    // Emotions depend on the text only: one prediction per message, for every candidate.
    const emotions = new Map();
    if (model) {
      for (const conv of labeled) {
        for (const t of conv.turns) if (!emotions.has(t.text)) emotions.set(t.text, (await model.predict(t.text)).probs);
      }
    }

    const cache = new Map();
    const evaluate = (p) => {
      const key = JSON.stringify(p);
      if (cache.has(key)) return cache.get(key);
      const engine = c.createEngine(JSON.stringify({ ...pack, handoff: { ...pack.handoff, ...p } }), { judgement: j });
      engine.setLimits({ max_messages_per_minute: 0 });  // a replay, not a visitor
      const m = { on_time: 0, late: 0, never: 0, unneeded: 0, not_needed: 0, calm: 0, first: [] };
      try {
        for (const conv of labeled) {
          engine.reset();
          let first = null;
          for (const t of conv.turns) {
            const turn = engine.respond(t.text, emotions.has(t.text) ? { emotions: emotions.get(t.text) } : {});
            if (turn.handoff) { first = t.turn; break; }
          }
          m.first.push(first);
          if (conv.label.need) m[first === null ? 'never' : first <= conv.label.by ? 'on_time' : 'late']++;
          else if (first !== null) { m.unneeded++; m[conv.label.verdict]++; }
        }
      } finally {
        engine.dispose();
      }
      const ch = changes(policy, p, params);
      const result = { policy: p, changes: ch, metrics: { ...m, cost: lateCost * (m.late + m.never) + m.unneeded }, size: ch.reduce((s, x) => s + Math.abs(x.to - x.from) / (params.find((q) => q.key === x.key)?.span ?? 1), 0) };
      cache.set(key, result);
      return result;
    };
    // Lower cost, then fewer changed settings, then smaller changes.
    const better = (a, b) => a.metrics.cost - b.metrics.cost || a.changes.length - b.changes.length || a.size - b.size;

    const current = evaluate(policy);
    let best = current;
    for (let round = 0; round < 3; round++) {
      const before = best;
      for (const p of params) {
        // Every value of one setting from the same starting point, then the best of them.
        const base = best;
        for (const v of new Set([...p.values, get(base.policy, p.key)])) {
          const cand = evaluate(withSetting(base.policy, p.key, v));
          if (better(cand, best) < 0) best = cand;
        }
      }
      if (best === before) break;
    }

    // The trade-off: candidates no other beats on both late+never and unneeded.
    const all = [...cache.values()];
    const misses = (r) => r.metrics.late + r.metrics.never;
    const frontier = all
      .filter((r) => !all.some((o) => misses(o) <= misses(r) && o.metrics.unneeded <= r.metrics.unneeded && (misses(o) < misses(r) || o.metrics.unneeded < r.metrics.unneeded)))
      .sort((a, b) => a.metrics.unneeded - b.metrics.unneeded || better(a, b));
    // One row per trade-off point: the simplest candidate reaching it.
    const rows = [];
    for (const r of frontier) if (!rows.some((x) => misses(x) === misses(r) && x.metrics.unneeded === r.metrics.unneeded)) rows.push(r);

    // The threshold alone, from the current settings: the curve most people tune by.
    const sweep = [];
    for (const r of all) {  // in the order evaluated: from the current release first
      if (r.changes.every((ch) => ch.key === 'threshold' || ch.key === 'release') && !sweep.some((x) => x.policy.threshold === r.policy.threshold)) sweep.push(r);
    }
    sweep.sort((a, b) => a.policy.threshold - b.policy.threshold);
    const needed = labeled.filter((x) => x.label.need).length;
    const withRecord = labeled.filter((x) => x.hasRecord);
    const agree = withRecord.filter((x) => current.metrics.first[labeled.indexOf(x)] === x.recorded).length;
    const proposed = best === current ? null : best;

    let out = null;
    if (proposed) {
      out = opts.out ?? opts.pack.replace(/(\.json)?$/, '.proposed.json');
      const edits = proposed.changes.map((ch) => ({ pointer: '/handoff/' + ch.key.replace('.', '/'), value: ch.to }));
      const text = setValues(packText, edits);
      const errors = c.checkPack(text).filter((d) => d.severity === 'error');
      if (errors.length) throw new Error(`tune: the proposed pack does not validate: ${errors[0].pointer}: ${errors[0].message}`);
      writeFileSync(out, text);
    }

    const summary = (r) => ({ changes: r.changes, ...pick(r.metrics), on_time_pct: needed ? round2((100 * r.metrics.on_time) / needed) : null });
    const report = {
      reviews: opts.reviews, pack: opts.pack, late_cost: lateCost, emotion_model: Boolean(model),
      conversations: { ...counts, used: labeled.length, needed },
      replay_agreement: { conversations: withRecord.length, same_first_handoff: agree },
      searched: params.map((p) => p.key), candidates: cache.size,
      current: { policy, ...summary(current) },
      proposed: proposed ? { policy: proposed.policy, ...summary(proposed) } : null,
      frontier: rows.map(summary),
      threshold_sweep: sweep.map((x) => ({ threshold: x.policy.threshold, ...summary(x) })),
      out,
    };
    if (opts.json) io.stdout.write(JSON.stringify(report, null, 2) + '\n');
    else print(report, io);
    return 0;
  } finally {
    await model?.dispose();
    j?.dispose();
  }
}

const pick = ({ on_time, late, never, unneeded, not_needed, calm, cost }) => ({ on_time, late, never, unneeded, not_needed, calm, cost });

function print(r, io) {
  const w = (s = '') => io.stdout.write(s + '\n');
  const k = r.conversations;
  w(`${r.reviews}: ${k.used} conversations used for ${r.pack}: ${k.needed} needed a person (${k.on_time} on_time, ${k.late} late), ${k.not_needed} not_needed, ${k.calm} calm (no verdict, no handoff)`);
  const left = [k.other_pack && `${k.other_pack} of another pack or language`, k.unreviewed_handoff && `${k.unreviewed_handoff} handed off without a verdict`, k.asked_by_button && `${k.asked_by_button} on_time with no core handoff (asked by button)`, k.empty && `${k.empty} without messages`].filter(Boolean);
  if (left.length) w(`  left out: ${left.join(', ')}`);
  if (r.replay_agreement.conversations) w(`  replay with the current settings hands off at the recorded turn in ${r.replay_agreement.same_first_handoff} of ${r.replay_agreement.conversations} conversations (fewer: the pack or models changed since)`);
  w(`  searched ${r.searched.join(', ')}: ${r.candidates} candidates; emotion model ${r.emotion_model ? 'on' : 'off'}; cost = ${r.late_cost} x (late + never) + unneeded`);
  w();
  const rows = [{ name: 'current', ...r.current }, ...r.frontier.filter((x) => x.changes.length).map((x) => ({ name: describe(x.changes), ...x }))];
  const width = Math.min(60, Math.max(9, ...rows.map((x) => x.name.length)));
  w(`${'settings'.padEnd(width)}  on time        late  never  unneeded (not_needed, calm)  cost`);
  for (const x of rows) {
    const mark = r.proposed && JSON.stringify(x.changes) === JSON.stringify(r.proposed.changes) ? ' <- proposed' : '';
    const ot = `${x.on_time}/${k.needed}${x.on_time_pct === null ? '' : ` ${Math.round(x.on_time_pct)}%`}`;
    w(`${x.name.padEnd(width)}  ${ot.padEnd(13)}${String(x.late).padStart(5)}${String(x.never).padStart(7)}${String(x.unneeded).padStart(10)} (${x.not_needed}, ${x.calm})${' '.repeat(Math.max(1, 16 - String(x.not_needed).length - String(x.calm).length))}${x.cost}${mark}`);
  }
  if (r.threshold_sweep.length > 1) {
    w();
    w('the threshold alone (the rest as now; * = current):');
    w('  threshold  on time  late+never  unneeded');
    for (const x of r.threshold_sweep) {
      w(`  ${x.threshold.toFixed(2).padStart(9)}${x.threshold === r.current.policy.threshold ? '*' : ' '}${String(x.on_time).padStart(8)}${String(x.late + x.never).padStart(12)}${String(x.unneeded).padStart(10)}`);
    }
  }
  w();
  if (!r.proposed) {
    w('the current settings are the best found on these reviews; no pack written');
    return;
  }
  w('proposed handoff changes:');
  for (const ch of r.proposed.changes) w(`  handoff.${ch.key}: ${ch.from} -> ${ch.to}`);
  w(`wrote ${r.out} (only these values changed). Review it: diff -u ${r.pack} ${r.out}; attune check ${r.out}`);
}
