// The loader's weight budget (issue 2/7: <= 6 KB gzip), measured on the built
// dist/attune.js by scripts/size-report.mjs. The widget + core budget is
// printed as a diagnostic: the core's wasm size is owned by the core build.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import path from 'node:path';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');

test('loader dist/attune.js is at most 6 KB gzip', (t) => {
  const out = JSON.parse(execFileSync(process.execPath, [path.join(root, 'scripts/size-report.mjs'), '--json'], { encoding: 'utf8' }));
  const loader = out.budgets.find((b) => b.name === 'loader');
  assert.deepEqual(loader.missing, [], 'run scripts/build.sh first');
  assert.ok(loader.gzip <= 6 * 1024, `loader is ${loader.gzip} B gzip`);
  for (const b of out.budgets) t.diagnostic(`${b.name}: ${b.gzip} B gzip of ${b.gzipLimit} (${b.files.join(' + ')})`);
});
