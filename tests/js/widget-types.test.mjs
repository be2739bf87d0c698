// web/attune.d.ts against the code it describes (there is no TypeScript compiler in the build):
// the settings, the element's public methods, the loader's commands and the handoff states must
// be the same sets, so a new setting or state cannot ship undeclared (or a declared one vanish).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import path from 'node:path';
import { parseConfig } from '../../web/widget/config.js';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const read = (f) => readFileSync(path.join(root, f), 'utf8');
const dts = read('web/attune.d.ts');
const sorted = (xs) => [...new Set(xs)].sort();

/** The body of `interface NAME {...}` or `class NAME ... {...}` (balanced braces). */
function body(kind, name) {
  const start = dts.search(new RegExp(`${kind} ${name}\\b[^{]*\\{`));
  assert.ok(start >= 0, `${kind} ${name} in attune.d.ts`);
  let depth = 0;
  for (let i = dts.indexOf('{', start); i < dts.length; i++) {
    if (dts[i] === '{') depth++;
    else if (dts[i] === '}' && --depth === 0) return dts.slice(dts.indexOf('{', start) + 1, i);
  }
  throw new Error('unbalanced');
}
const topLevel = (src) => {
  let depth = 0;
  return src.split('\n').filter((line) => {
    const keep = depth === 0;
    for (const c of line) depth += c === '{' ? 1 : c === '}' ? -1 : 0;
    return keep;
  });
};

test('AttuneSettings declares exactly the settings parseConfig knows', () => {
  const declared = topLevel(body('interface', 'AttuneSettings')).map((l) => /^\s+(\w+)\??:/.exec(l)?.[1]).filter(Boolean);
  assert.deepEqual(sorted(declared), sorted(Object.keys(parseConfig({}).config)));
});

test('the element\'s public methods are the ones AttuneChat declares', () => {
  const src = read('web/widget/attune-chat.js');
  const cls = src.slice(src.indexOf('export class AttuneChat'), src.indexOf('\n}\n', src.indexOf('export class AttuneChat')));
  const callbacks = new Set(['constructor', 'connectedCallback', 'disconnectedCallback', 'attributeChangedCallback']);
  const inCode = [...cls.matchAll(/^ {2}(?:async )?(?:get )?([a-zA-Z]\w*)\(/gm)].map((m) => m[1]).filter((n) => !callbacks.has(n) && n !== 'config');
  const declared = [...body('class', 'AttuneChat').matchAll(/^ {2}(?:readonly )?(\w+)[(<:]/gm)].map((m) => m[1]).filter((n) => n !== 'config');
  assert.deepEqual(sorted(inCode), sorted(declared));
});

test('every loader command is declared, and the loader names every element method it forwards', () => {
  const loader = read('web/loader/loader.js');
  const listed = JSON.parse(/for \(const name of (\[[^\]]+\])\)/.exec(loader)[1].replace(/'/g, '"'));
  const commands = [...dts.slice(dts.indexOf('type AttuneCommand')).split(';')[0].matchAll(/\['(\w+)'/g)].map((m) => m[1]);
  assert.deepEqual(sorted(listed), sorted([...commands, 'on']));
});

test('the handoff event\'s states are exactly the ones the widget emits', () => {
  const code = read('web/widget/handoff.js') + read('web/widget/attune-chat.js');
  const emitted = [...code.matchAll(/emit\('handoff', \{[^}]*?state: '(\w+)'/g), ...code.matchAll(/state: this\.state/g)].map((m) => m[1]).filter(Boolean);
  const handoff = dts.slice(dts.indexOf('  handoff: {'));
  const declared = [...handoff.slice(0, handoff.indexOf(';')).matchAll(/'(\w+)'/g)].map((m) => m[1]);
  // `state: this.state` (a resumed conversation) can only be connecting, agent or message_left.
  assert.deepEqual(sorted([...emitted, 'connecting', 'agent', 'message_left']), sorted(declared));
});
