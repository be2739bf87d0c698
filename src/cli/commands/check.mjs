// attune check: validates a pack with the core's own validator (the one the
// engine runs at load) and reads its replies as a visitor would (tone check).
// Each diagnostic is one line on stderr, as compilers write them:
// `FILE:LINE:COLUMN: error|warning: POINTER: message`, with a suggested
// alternative on the next line for tone warnings; the summary goes to stdout.
// With --json, stdout is one JSON array of {severity, pointer, message, line,
// column, suggestion}.
// Exit status: 1 when there is an error; warnings alone exit 0 (or 1 with --strict).
import { existsSync } from 'node:fs';
import { parseArgs, core, readText, distDir, UsageError } from './common.mjs';

export const usage = 'check PACK.json [--tone-rules RULES.json] [--no-tone] [--strict] [--json]   validate a pack and check its tone';

/** The tone rules for `language` shipped next to the packs, or null when there are none. */
function defaultToneRules(language) {
  const lang = String(language ?? 'en').toLowerCase().split(/[-_]/)[0];
  const url = new URL(`packs/tone-rules/${lang}.json`, distDir);
  return existsSync(url) ? { path: url.pathname, text: readText(url) } : null;
}

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

  if (opts.json) {
    io.stdout.write(JSON.stringify(diags, null, 2) + '\n');
  } else {
    for (const d of diags) {
      // A JSON syntax error has no pointer (there is no document yet).
      const where = d.message.startsWith('invalid JSON') ? '' : `${d.pointer === '' ? '/' : d.pointer}: `;
      io.stderr.write(`${path}:${d.line}:${d.column}: ${d.severity}: ${where}${d.message}\n`);
      if (d.suggestion) io.stderr.write(`    suggestion: ${d.suggestion}\n`);
    }
    for (const n of notes) io.stderr.write(`${path}: note: ${n}\n`);
    io.stdout.write(`${path}: ${errors ? 'invalid' : 'ok'} (${errors} error${errors === 1 ? '' : 's'}, ${warnings} warning${warnings === 1 ? '' : 's'}${rules ? `; tone rules ${rules.path.split('/').slice(-2).join('/')}` : ''})\n`);
  }
  return errors || (opts.strict && warnings) ? 1 : 0;
}
