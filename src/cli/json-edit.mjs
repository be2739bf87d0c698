// json-edit.mjs: change a few values of a JSON text in place, leaving every
// other byte as it was, so a proposed pack differs from its original only in
// the lines that changed (a reviewer reads `diff -u`, not a reformatted file).

/** Every value's span in `text`, by JSON pointer: {start, end, kind, members?: [{key, keyStart}]}. */
export function spans(text) {
  const out = new Map();
  let i = 0;
  const ws = () => {
    while (i < text.length && ' \t\n\r'.includes(text[i])) i++;
  };
  const fail = (what) => {
    throw new SyntaxError(`${what} at offset ${i}`);
  };
  const string = () => {
    const start = i++;
    while (i < text.length && text[i] !== '"') i += text[i] === '\\' ? 2 : 1;
    if (i >= text.length) fail('unterminated string');
    i++;
    return JSON.parse(text.slice(start, i));
  };
  const esc = (k) => k.replaceAll('~', '~0').replaceAll('/', '~1');
  const value = (ptr) => {
    ws();
    const start = i;
    const c = text[i];
    const entry = { start, end: 0, kind: 'scalar' };
    out.set(ptr, entry);
    if (c === '{') {
      entry.kind = 'object';
      entry.members = [];
      i++;
      ws();
      if (text[i] === '}') i++;
      else {
        for (;;) {
          ws();
          if (text[i] !== '"') fail('expected a key');
          const keyStart = i;
          const key = string();
          entry.members.push({ key, keyStart });
          ws();
          if (text[i++] !== ':') fail('expected ":"');
          value(`${ptr}/${esc(key)}`);
          ws();
          if (text[i] === ',') { i++; continue; }
          if (text[i] === '}') { i++; break; }
          fail('expected "," or "}"');
        }
      }
    } else if (c === '[') {
      entry.kind = 'array';
      i++;
      ws();
      if (text[i] === ']') i++;
      else {
        for (let n = 0; ; n++) {
          value(`${ptr}/${n}`);
          ws();
          if (text[i] === ',') { i++; continue; }
          if (text[i] === ']') { i++; break; }
          fail('expected "," or "]"');
        }
      }
    } else if (c === '"') string();
    else {
      const m = /^(-?\d+(\.\d+)?([eE][+-]?\d+)?|true|false|null)/.exec(text.slice(i, i + 40));
      if (!m) fail('unexpected character');
      i += m[0].length;
    }
    entry.end = i;
  };
  value('');
  return out;
}

// One line, with the space after ":" and "," a hand-written pack has.
const show = (v) => (typeof v === 'object' && v !== null && !Array.isArray(v)
  ? `{${Object.entries(v).map(([k, x]) => `${JSON.stringify(k)}: ${show(x)}`).join(', ')}}`
  : JSON.stringify(v));

const parentOf = (ptr) => ptr.slice(0, ptr.lastIndexOf('/'));
const keyOf = (ptr) => ptr.slice(ptr.lastIndexOf('/') + 1).replaceAll('~1', '/').replaceAll('~0', '~');

function setOne(text, pointer, value) {
  const s = spans(text);
  const here = s.get(pointer);
  if (here) return text.slice(0, here.start) + show(value) + text.slice(here.end);
  const parent = s.get(parentOf(pointer));
  if (!parent) return setOne(text, parentOf(pointer), { [keyOf(pointer)]: value });
  if (parent.kind !== 'object') throw new Error(`${parentOf(pointer)} is not an object`);
  const member = `${JSON.stringify(keyOf(pointer))}: ${show(value)}`;
  const open = parent.start + 1;
  if (!parent.members.length) return text.slice(0, open) + member + text.slice(open);
  // Put it first, with the same whitespace the first member has before it.
  const lead = text.slice(open, parent.members[0].keyStart);
  return text.slice(0, open) + lead + member + ',' + text.slice(open);
}

function setIn(obj, pointer, value) {
  const keys = pointer.split('/').slice(1).map((k) => k.replaceAll('~1', '/').replaceAll('~0', '~'));
  let o = obj;
  for (const k of keys.slice(0, -1)) o = o[k] ??= {};
  o[keys.at(-1)] = value;
}

// Deep equality, member order aside (an added member goes first in the text).
function same(a, b) {
  if (typeof a !== 'object' || a === null || typeof b !== 'object' || b === null) return Object.is(a, b);
  if (Array.isArray(a) !== Array.isArray(b)) return false;
  const ka = Object.keys(a);
  return ka.length === Object.keys(b).length && ka.every((k) => Object.hasOwn(b, k) && same(a[k], b[k]));
}

/**
 * `text` with each {pointer, value} set (a missing member is added to its
 * object, a missing object created). Checks that the result parses to
 * exactly the original with those values set.
 */
export function setValues(text, edits) {
  let out = text;
  for (const { pointer, value } of edits) out = setOne(out, pointer, value);
  const want = JSON.parse(text);
  for (const { pointer, value } of edits) setIn(want, pointer, value);
  if (!same(JSON.parse(out), want)) throw new Error('json-edit: the edited text does not hold the intended values');
  return out;
}
