// attune check: validates a pack; errors name the JSON pointer.
import { parseArgs, core, readText, UsageError } from './common.mjs';

export const usage = 'check PACK.json                       validate a pack';

export async function run(argv, io) {
  const opts = parseArgs(argv, {});
  if (opts._.length !== 1) throw new UsageError('check needs exactly one PACK.json');
  const path = opts._[0];
  const c = await core();
  const engine = c.createEngine(readText(path));
  engine.dispose();
  io.stdout.write(`${path}: ok\n`);
  return 0;
}

