// Shared helpers for the CLI's subcommands.
import { existsSync, readFileSync } from 'node:fs';
import { loadCore, AttuneError } from '../../../web/engine.js';

// dist/: where the bundled CLI, the core and the default packs live.
export const distDir = new URL('./', import.meta.url);
export const DEFAULT_PACK = new URL('packs/ecommerce.en.json', distDir);

export class UsageError extends Error {}
export { AttuneError };

/** Parses --flags per `spec` ({name: 'boolean'|'string'}); the rest go to `_`. */
export function parseArgs(argv, spec) {
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

/** The wasm core, loaded from dist/ next to the bundled CLI. */
export function core() {
  return loadCore({ baseUrl: distDir, tools: true, wasmBinary: readFileSync(new URL('attune-tools.wasm', distDir)) });
}

/**
 * The judgement model next to the CLI (dist/models/judgement.bin), or null
 * when it is absent or `off`; a broken file is an error, not a silent fallback.
 */
export function judgement(c, { off = false } = {}) {
  const file = new URL('models/judgement.bin', distDir);
  if (off || !existsSync(file)) return null;
  return c.loadJudgement(readFileSync(file));
}

export function readText(path) {
  try {
    return readFileSync(path, 'utf8');
  } catch (err) {
    throw new AttuneError('io_error', `cannot read ${path}: ${err.code ?? err.message}`);
  }
}
