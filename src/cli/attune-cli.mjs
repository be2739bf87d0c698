#!/usr/bin/env node
// attune: the command line for template authors, scripts and benchmarks.
// It runs the same wasm core as the browser (dist/attune-core.wasm).
//
//   node dist/attune-cli.mjs chat [--config PACK.json] [--jsonl]
//   node dist/attune-cli.mjs check PACK.json
//
// Exit status: 0 on success, 1 when the input is invalid, 2 on usage errors.
import { readFileSync } from 'node:fs';
import { createInterface } from 'node:readline';
import { loadCore, AttuneError } from '../../web/engine.js';

const here = new URL('./', import.meta.url);
const DEFAULT_PACK = new URL('packs/ecommerce.en.json', here);

const COMMANDS = {
  chat: { run: chat, usage: 'chat [--config PACK.json] [--jsonl]   talk to a pack (JSON lines with --jsonl)' },
  check: { run: check, usage: 'check PACK.json                       validate a pack' },
};

export class UsageError extends Error {}

function parseArgs(argv, spec) {
  const opts = { _: [] };
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    if (!a.startsWith('--')) { opts._.push(a); continue; }
    const [name, inline] = a.slice(2).split('=', 2);
    if (!(name in spec)) throw new UsageError(`unknown option --${name}`);
    if (spec[name] === 'boolean') opts[name] = true;
    else {
      const v = inline ?? argv[++i];
      if (v === undefined) throw new UsageError(`--${name} needs a value`);
      opts[name] = v;
    }
  }
  return opts;
}

async function core() {
  return loadCore({ baseUrl: here, wasmBinary: readFileSync(new URL('attune-core.wasm', here)) });
}

function readPack(path) {
  try {
    return readFileSync(path, 'utf8');
  } catch (err) {
    throw new AttuneError('io_error', `cannot read ${path}: ${err.code ?? err.message}`);
  }
}

async function chat(argv, io) {
  const opts = parseArgs(argv, { config: 'string', jsonl: 'boolean' });
  const path = opts.config ?? DEFAULT_PACK;
  const c = await core();
  const engine = c.createEngine(readPack(path));
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

async function check(argv, io) {
  const opts = parseArgs(argv, {});
  if (opts._.length !== 1) throw new UsageError('check needs exactly one PACK.json');
  const path = opts._[0];
  const c = await core();
  const engine = c.createEngine(readPack(path));
  engine.dispose();
  io.stdout.write(`${path}: ok\n`);
  return 0;
}

export async function main(argv, io = { stdin: process.stdin, stdout: process.stdout, stderr: process.stderr }) {
  const [name, ...rest] = argv;
  const cmd = COMMANDS[name];
  if (!cmd) {
    io.stderr.write(`usage: attune <command>\n${Object.values(COMMANDS).map((c) => '  ' + c.usage).join('\n')}\n`);
    return name === undefined || name === '--help' ? 0 : 2;
  }
  try {
    return await cmd.run(rest, io);
  } catch (err) {
    if (err instanceof UsageError) {
      io.stderr.write(`attune ${name}: ${err.message}\nusage: attune ${cmd.usage}\n`);
      return 2;
    }
    if (err instanceof AttuneError) {
      io.stderr.write(`attune ${name}: ${err.code}: ${err.message}\n`);
      return 1;
    }
    throw err;
  }
}

// Run when executed directly (not when imported by tests).
if (process.argv[1]?.endsWith('attune-cli.mjs')) {
  process.exitCode = await main(process.argv.slice(2));
}
