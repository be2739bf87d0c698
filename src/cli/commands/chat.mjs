// attune chat: an interactive prompt, or JSON lines in and out with --jsonl:
// {"text": "...", "reset": true} in (reset starts a new conversation), the turn result out.
import { createInterface } from 'node:readline';
import { existsSync } from 'node:fs';
import { parseArgs, core, readText, judgement, DEFAULT_PACK, UsageError } from './common.mjs';

export const usage = "chat [--config PACK.json | --config 'packs/ecommerce.{lang}.json'] [--jsonl] [--no-judgement]   talk to a pack or a pack set (JSON lines with --jsonl)";

// A pack set's files: {lang} filled with each language that has one (English first).
const SET_LANGUAGES = ['en', 'es', 'fr', 'de', 'pt', 'it'];
function packFiles(path) {
  if (typeof path !== 'string' || !path.includes('{lang}')) return [path]; // a path or the default pack's URL
  const files = SET_LANGUAGES.map((l) => path.replaceAll('{lang}', l)).filter((f) => existsSync(f));
  if (!files.length) throw new UsageError(`no pack matches ${path} for any of ${SET_LANGUAGES.join(', ')}`);
  return files;
}

export async function run(argv, io) {
  const opts = parseArgs(argv, { config: 'string', jsonl: 'boolean', 'no-judgement': 'boolean' });
  const [first, ...others] = packFiles(opts.config ?? DEFAULT_PACK);
  const c = await core();
  const j = judgement(c, { off: opts['no-judgement'] });
  const engine = c.createEngine(readText(first), { judgement: j });
  // The set's other languages: the engine answers in the one the visitor writes.
  for (const f of others) engine.addPack(readText(f));
  j?.dispose();  // the engine keeps its own reference
  // The per-minute limit protects a widget from floods; a replayed JSON-lines
  // file is the operator's own input, so it may go as fast as it likes.
  engine.setLimits({ max_messages_per_minute: 0 });
  try {
    const rl = createInterface({ input: io.stdin, crlfDelay: Infinity, terminal: false });
    if (!opts.jsonl) {
      io.stdout.write(`bot> ${engine.greet().reply}\n`);
      if (io.stdin.isTTY) io.stdout.write('you> ');
    }
    let status = 0;
    for await (const line of rl) {
      if (opts.jsonl) {
        if (!line.trim()) continue;
        let input;
        try {
          input = JSON.parse(line);
          if (typeof input !== 'object' || input === null || typeof (input.text ?? '') !== 'string') throw new Error('expected {"text": "..."}');
        } catch (err) {
          io.stdout.write(JSON.stringify({ error: { code: 'invalid_input', message: `line is not a JSON object with a "text" string: ${err.message}` } }) + '\n');
          status = 1;
          continue;
        }
        if (input.reset) engine.reset();
        if (input.text === undefined) continue;
        io.stdout.write(JSON.stringify(engine.respond(input.text)) + '\n');
      } else {
        const turn = engine.respond(line);
        let out = `bot> ${turn.reply}`;
        if (turn.quick_replies.length) out += `\n     [${turn.quick_replies.join('] [')}]`;
        if (turn.language_switched) out += `\n     (now answering in ${turn.language_switched})`;
        out += `\n     (intent ${turn.intent} ${turn.confidence.toFixed(2)}, tone ${turn.tone}, distress ${turn.distress.toFixed(2)}${turn.handoff ? ', HANDOFF: ' + turn.reasons.map((r) => r.name).join(', ') : ''})\n`;
        io.stdout.write(out);
        if (io.stdin.isTTY) io.stdout.write('you> ');
      }
    }
    return status;
  } finally {
    engine.dispose();
  }
}

