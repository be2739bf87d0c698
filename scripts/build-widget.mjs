// The widget half of the web build (called by scripts/build-web.mjs):
//   dist/attune.js       the loader, a minified IIFE for <script async>
//   dist/attune-chat.js  <attune-chat> (ES module, engine.js inlined), with
//                        chunks/ for what loads later (other languages, channels)
//   dist/attune-core-worker.js  the wasm core's worker (engine.js inlined)
//   dist/attune.mjs      the ES module entry (re-exports attune-chat.js)
//   dist/attune.d.ts     its TypeScript declarations
//   dist/review.html     the local review page (privacy mode), with review.js,
//                        review.css and the console's review-view.js
// ATTUNE_NO_MINIFY=1 keeps names readable, for profiling the widget in Chromium.
import { build } from 'esbuild';
import { cpSync, existsSync, readdirSync, rmSync } from 'node:fs';
import { fileURLToPath, pathToFileURL } from 'node:url';
import path from 'node:path';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const dist = path.join(root, 'dist');
const web = path.join(root, 'web');
const common = { bundle: true, minify: process.env.ATTUNE_NO_MINIFY !== '1', target: 'es2022', legalComments: 'none', logLevel: 'warning', charset: 'utf8' };

// Launcher labels for every language, from the i18n tables (their one source).
const labels = {};
for (const f of readdirSync(path.join(web, 'widget/i18n'))) {
  if (/^[a-z]{2}\.js$/.test(f)) labels[f.slice(0, 2)] = (await import(pathToFileURL(path.join(web, 'widget/i18n', f)))).default.launcher;
}

await build({
  ...common,
  format: 'iife',
  entryPoints: [path.join(web, 'loader/loader.js')],
  outfile: path.join(dist, 'attune.js'),
  define: { __LAUNCHER_LABELS__: JSON.stringify(labels) },
});

rmSync(path.join(dist, 'chunks'), { recursive: true, force: true }); // no stale hashed chunks
await build({
  ...common,
  format: 'esm',
  splitting: true,
  entryPoints: { 'attune-chat': path.join(web, 'widget/define.js') },
  outdir: dist,
  chunkNames: 'chunks/[name]-[hash]',
});

// The core in a module worker: engine.js inlined, the wasm loaded by it.
await build({
  ...common,
  format: 'esm',
  entryPoints: [path.join(web, 'widget/core-worker.js')],
  outfile: path.join(dist, 'attune-core-worker.js'),
});

// The ES entry shares attune-chat.js instead of a second copy of the widget.
await build({
  ...common,
  format: 'esm',
  entryPoints: [path.join(web, 'widget/index.js')],
  outfile: path.join(dist, 'attune.mjs'),
  plugins: [{
    name: 'share-widget',
    setup(b) {
      b.onResolve({ filter: /\/define\.js$/ }, () => ({ path: './attune-chat.js', external: true }));
    },
  }],
});

// The local review page: reads the records the widget keeps in the browser
// (review: 'local'); it renders them with the relay console's review view,
// one renderer for both, loaded at run time from next to the page.
const reviewView = path.join(root, 'relay/console/review-view.js');
await build({
  ...common,
  format: 'esm',
  entryPoints: [path.join(web, 'review/review-page.js')],
  outfile: path.join(dist, 'review.js'),
  external: ['./review-view.js'],
  define: { __REVIEW_VIEW__: String(existsSync(reviewView)) },  // no request for a file the build did not write
});
cpSync(path.join(web, 'review/index.html'), path.join(dist, 'review.html'));
cpSync(path.join(web, 'review/review.css'), path.join(dist, 'review.css'));
for (const f of ['review-view.js', 'review-view.css']) rmSync(path.join(dist, f), { force: true });
if (existsSync(reviewView)) {
  await build({ ...common, format: 'esm', entryPoints: [reviewView], outfile: path.join(dist, 'review-view.js') });
  cpSync(path.join(root, 'relay/console/console.css'), path.join(dist, 'review-view.css'));  // its rv-* styles live there
}

if (existsSync(path.join(web, 'attune.d.ts'))) cpSync(path.join(web, 'attune.d.ts'), path.join(dist, 'attune.d.ts'));
console.log('build-widget: dist/attune.js, attune-chat.js, attune.mjs, review.html written');
