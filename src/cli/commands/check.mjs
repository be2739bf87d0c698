// attune check: validates a pack with the core's own validator (the one the
// engine runs at load) and reads its replies as a visitor would (tone check).
// Each diagnostic is one line on stderr, as compilers write them:
// `FILE:LINE:COLUMN: error|warning: POINTER: message`, with a suggested
// alternative on the next line for tone warnings. On stdout: how each reply
// reads (readability by the formula of the pack's language, its band, lines
// on a phone), the pack's readability summary (median, the 3 hardest) and
// the verdict.
// With --json, stdout is one JSON object: {file, ok, errors, warnings,
// diagnostics: [{severity, pointer, message, line, column, suggestion}],
// readability: {language, formula, min, replies: [...], summary}}.
// Exit status: 1 when there is an error; warnings alone exit 0 (or 1 with --strict).
import { existsSync } from 'node:fs';
import { parseArgs, core, readText, distDir, UsageError } from './common.mjs';

export const usage = 'check PACK.json [--tone-rules RULES.json] [--no-tone] [--strict] [--json]   validate a pack, check its tone and readability';

/** The tone rules for `language` shipped next to the packs, or null when there are none. */
function defaultToneRules(language) {
  const lang = String(language ?? 'en').toLowerCase().split(/[-_]/)[0];
  const url = new URL(`packs/tone-rules/${lang}.json`, distDir);
  return existsSync(url) ? { path: url.pathname, text: readText(url) } : null;
}

function median(values) {
  if (!values.length) return null;
  const s = [...values].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
}

/**
 * The pack's readability: every reply as the core reads it, and a summary of
 * the rated ones (10+ words): how many, the median and the 3 hardest.
 */
function readability(replies, min) {
  const rated = replies.filter((r) => r.rated);
  const worst = [...rated].sort((a, b) => a.score - b.score).slice(0, 3)
    .map(({ pointer, line, column, score, band }) => ({ pointer, line, column, score: round1(score), band }));
  const first = replies.find((r) => r.formula);
  return {
    language: first?.language ?? replies[0]?.language ?? null,
    formula: first?.formula ?? null,
    min,
    replies: replies.map((r) => ({ ...r, score: r.score === null ? null : round1(r.score) })),
    summary: {
      replies: replies.length,
      rated: rated.length,
      median: rated.length ? round1(median(rated.map((r) => r.score))) : null,
      below_min: min === null ? 0 : rated.filter((r) => r.score < min).length,
      worst,
    },
  };
}

const round1 = (x) => Math.round(x * 10) / 10;

export async function run(argv, io) {
  const opts = parseArgs(argv, { 'tone-rules': 'string', 'no-tone': 'boolean', strict: 'boolean', json: 'boolean' });
  if (opts._.length !== 1) throw new UsageError('check needs exactly one PACK.json');
  const path = opts._[0];
  const text = readText(path);

  let rules = null;
  const notes = [];
  if (!opts['no-tone']) {
    if (opts['tone-rules']) {
      rules = { path: opts['tone-rules'], text: readText(opts['tone-rules']) };
    } else {
      let language = 'en';
      try { language = JSON.parse(text).language ?? 'en'; } catch { /* the core reports the JSON error */ }
      rules = defaultToneRules(language);
      if (!rules) notes.push(`no tone rules for language "${language}"; tone check skipped (pass --tone-rules)`);
    }
  }

  const c = await core();
  const diags = c.checkPack(text, rules?.text ?? '');
  const errors = diags.filter((d) => d.severity === 'error').length;
  const warnings = diags.length - errors;
  let min = null;
  try { min = rules ? JSON.parse(rules.text).min_readability ?? null : null; } catch { /* the core reports bad rules */ }
  const report = opts['no-tone'] ? null : readability(c.toneReport(text, rules?.text ?? ''), typeof min === 'number' ? min : null);

  if (opts.json) {
    io.stdout.write(JSON.stringify({ file: path, ok: errors === 0, errors, warnings, diagnostics: diags, readability: report }, null, 2) + '\n');
  } else {
    for (const d of diags) {
      // A JSON syntax error has no pointer (there is no document yet).
      const where = d.message.startsWith('invalid JSON') ? '' : `${d.pointer === '' ? '/' : d.pointer}: `;
      io.stderr.write(`${path}:${d.line}:${d.column}: ${d.severity}: ${where}${d.message}\n`);
      if (d.suggestion) io.stderr.write(`    suggestion: ${d.suggestion}\n`);
    }
    for (const n of notes) io.stderr.write(`${path}: note: ${n}\n`);
    if (report?.replies.length) writeReadability(io.stdout, path, report);
    io.stdout.write(`${path}: ${errors ? 'invalid' : 'ok'} (${errors} error${errors === 1 ? '' : 's'}, ${warnings} warning${warnings === 1 ? '' : 's'}${rules ? `; tone rules ${rules.path.split('/').slice(-2).join('/')}` : ''})\n`);
  }
  return errors || (opts.strict && warnings) ? 1 : 0;
}

/** One line a reply: `FILE:LINE:COLUMN: POINTER  SCORE band  N words, N lines`, then the summary. */
function writeReadability(out, path, report) {
  const { summary: s } = report;
  if (!report.formula) {
    out.write(`${path}: readability: no formula for language "${report.language}"\n`);
    return;
  }
  out.write(`${path}: readability (${report.formula}, ${report.language}; higher is easier${report.min === null ? '' : `; warned below ${report.min}`}; replies under 10 words are scored but not rated):\n`);
  const width = Math.max(...report.replies.map((r) => r.pointer.length));
  for (const r of report.replies) {
    const score = r.score === null ? '     -' : r.score.toFixed(1).padStart(6);
    out.write(`  ${`${r.line}:${r.column}`.padEnd(7)} ${r.pointer.padEnd(width)} ${score}  ${(r.band + (r.rated ? '' : ' (short)')).padEnd(26)} ${r.words} words, ${r.lines} line${r.lines === 1 ? '' : 's'} on a phone\n`);
  }
  out.write(`${path}: readability summary: ${s.replies} replies, ${s.rated} rated; median ${s.median ?? '-'}` +
    `${report.min === null ? '' : `, ${s.below_min} below ${report.min}`}` +
    `${s.worst.length ? `; hardest: ${s.worst.map((w) => `${w.pointer} ${w.score} (${w.band})`).join(', ')}` : ''}\n`);
}
