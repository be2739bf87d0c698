// The question sets (README.md here), read and scored the same way by every JS
// replay: through the wasm from Node (tests/js/questions.test.mjs), through the
// widget in Chromium (tests/e2e/questions.test.mjs) and by the report
// (tests/bench/questions.mjs). The C++ replay applies the same rule.
import { readFileSync, readdirSync, existsSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export const questionsDir = path.dirname(fileURLToPath(import.meta.url));
export const defaultPacksDir = path.resolve(questionsDir, '../../../packs');
/** The accuracy every file must reach (tests/core/questions_test.cc says the same). */
const FLOORS = JSON.parse(readFileSync(path.join(questionsDir, 'floors.json'), 'utf8'));
/** The target every file should reach (issue 15). */
export const MIN_ACCURACY = FLOORS.target;
/** The bar a file is held to: the target, or the floor a file not there yet reached (floors.json). */
export function minAccuracy(file) {
  return FLOORS.below_target[file.replace(/\.json$/, '')] ?? FLOORS.target;
}
/** Responses that decline honestly: what an out-of-scope question should get. */
export const HONEST = ['out_of_scope', 'clarify', 'fallback'];

/**
 * Every question file of `dir` (this folder, or a second set such as ../questions-2) with its
 * pack's text, or `packText: null` when `packsDir` has no
 * <pack>.<lang>.json for it (that language is not written yet: callers skip it).
 */
export function loadSets(packsDir = defaultPacksDir, dir = questionsDir) {
  return readdirSync(dir).filter((f) => /^[a-z]+\.[a-z]{2}\.json$/.test(f)).sort().map((file) => {
    const set = JSON.parse(readFileSync(path.join(dir, file), 'utf8'));
    const packFile = path.join(packsDir, `${set.pack}.${set.language}.json`);
    return { ...set, file, packFile, packText: existsSync(packFile) ? readFileSync(packFile, 'utf8') : null };
  });
}

/** Whether turn result `turn` answers question `q` right. */
export function isRight(turn, q) {
  if (q.expect === 'none') return turn.intent === 'none' && HONEST.includes(turn.response);
  return turn.intent === q.expect;
}

/** Figures for `results` ([{q, turn, right}]): n, accuracy, in-scope accuracy, out-of-scope recall. */
export function figures(results) {
  const share = (rs) => (rs.length ? rs.filter((r) => r.right).length / rs.length : null);
  const inScope = results.filter((r) => r.q.expect !== 'none');
  const oos = results.filter((r) => r.q.expect === 'none');
  return { n: results.length, accuracy: share(results), in_scope: share(inScope), oos_recall: share(oos) };
}

/** One line naming a miss: what was asked, what was expected, what came back. */
export function describeMiss({ q, turn }) {
  const conf = typeof turn.confidence === 'number' ? ` ${turn.confidence.toFixed(2)}` : '';
  return `[${q.split}] "${q.text}": expected ${q.expect}, got ${turn.intent}${conf} (response ${turn.response})`;
}

/**
 * Replays each question as the first message of a fresh conversation (reset, greeting, the
 * question) with one engine of `core`. The rate limit is off: it counts across resets, and
 * sixty visitors do not come from one person.
 */
export function replaySet(core, set, questions = set.questions) {
  const engine = core.createEngine(set.packText);
  try {
    engine.setLimits({ max_messages_per_minute: 0 });
    return questions.map((q) => {
      engine.reset();
      engine.greet();
      const turn = engine.respond(q.text);
      return { q, turn, right: isRight(turn, q) };
    });
  } finally {
    engine.dispose();
  }
}
