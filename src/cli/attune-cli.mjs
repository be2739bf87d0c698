#!/usr/bin/env node
// attune: the command line for template authors, scripts and benchmarks.
// It runs the same C++ core as the browser, in its tools build
// (dist/attune-tools.wasm: the widget's core plus valence, analyzer, checker).
// Each subcommand is a module in ./commands exporting `usage` and `run`.
//
// Exit status: 0 on success, 1 when the input is invalid, 2 on usage errors.
import { UsageError, AttuneError } from './commands/common.mjs';
import * as chat from './commands/chat.mjs';
import * as check from './commands/check.mjs';
import * as analyze from './commands/analyze.mjs';
import * as importCsv from './commands/import-csv.mjs';
import * as fairness from './commands/fairness.mjs';
import * as tune from './commands/tune.mjs';

const COMMANDS = { analyze, chat, check, fairness, 'import-csv': importCsv, tune };

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
