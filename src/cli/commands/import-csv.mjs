// attune import-csv: turns labelled utterances from another tool (a
// `text,category` CSV) into a pack with one intent per category and
// placeholder replies to rewrite, so a team keeps its data when it moves.
// The CSV may start with a UTF-8 BOM, quote fields ("a, b" and "say ""hi""")
// and use CRLF; rows without text or category are skipped and reported on
// stderr with their line number. Columns are found by header name, so extra
// columns (like Bitext's flags/intent) are fine: --text and --category pick
// other header names.
import { writeFileSync } from 'node:fs';
import { parseArgs, readText, UsageError, AttuneError } from './common.mjs';

export const usage = 'import-csv FILE.csv [--out PACK.json] [--language en] [--text COL] [--category COL]   CSV of labelled utterances -> pack';

/** RFC 4180 rows: [{fields, line}] (line = 1-based line where the row starts). */
export function parseCsv(text) {
  if (text.charCodeAt(0) === 0xfeff) text = text.slice(1);
  const rows = [];
  let fields = [];
  let field = '';
  let quoted = false;
  let line = 1;
  let rowLine = 1;
  for (let i = 0; i < text.length; i++) {
    const ch = text[i];
    if (quoted) {
      if (ch === '"') {
        if (text[i + 1] === '"') { field += '"'; i++; } else quoted = false;
      } else {
        if (ch === '\n') line++;
        field += ch;
      }
    } else if (ch === '"' && field === '') {
      quoted = true;
    } else if (ch === ',') {
      fields.push(field);
      field = '';
    } else if (ch === '\n' || ch === '\r') {
      if (ch === '\r' && text[i + 1] === '\n') i++;
      fields.push(field);
      rows.push({ fields, line: rowLine });
      fields = [];
      field = '';
      line++;
      rowLine = line;
    } else {
      field += ch;
    }
  }
  if (quoted) throw new AttuneError('invalid_csv', `line ${rowLine}: a quoted field is never closed`);
  if (field !== '' || fields.length) {
    fields.push(field);
    rows.push({ fields, line: rowLine });
  }
  return rows.filter((r) => !(r.fields.length === 1 && r.fields[0].trim() === ''));
}

/** An intent name from a category: lower case, letters/digits/_ only. */
export function intentName(category) {
  const name = category.normalize('NFKD').replace(/[\u0300-\u036f]/g, '').trim().toLowerCase()
    .replace(/[^a-z0-9]+/g, '_').replace(/^_+|_+$/g, '');
  return name && !['none', 'greeting'].includes(name) ? name : `intent_${name || 'unnamed'}`;
}

const PLACEHOLDER = {
  en: { greeting: "Hi, I'm the assistant. How can I help?", fallback: "I'm sorry, I didn't quite follow. Could you put it another way?",
    reply: (c) => `TODO: write the reply for "${c}".`, offer: "I don't want to waste your time. Would you like me to connect you with a person?",
    handoff: "Of course. I'll connect you with a member of our team; they'll see our conversation." },
  es: { greeting: 'Hola, soy el asistente. ¿En qué puedo ayudarle?', fallback: 'Perdone, no le he entendido. ¿Podría decirlo de otra forma?',
    reply: (c) => `PENDIENTE: escriba la respuesta para "${c}".`, offer: 'No quiero hacerle perder el tiempo. ¿Quiere que le pase con una persona?',
    handoff: 'Por supuesto. Le paso con una persona de nuestro equipo; verá nuestra conversación.' },
};

/** Builds the pack object; returns {pack, skipped: [{line, reason}]}. */
export function csvToPack(text, { language = 'en', textColumn = 'text', categoryColumn = 'category', id = 'imported' } = {}) {
  const rows = parseCsv(text);
  if (!rows.length) throw new AttuneError('invalid_csv', 'the file is empty');
  const header = rows[0].fields.map((h) => h.trim().toLowerCase());
  const ti = header.indexOf(textColumn.toLowerCase());
  const ci = header.indexOf(categoryColumn.toLowerCase());
  if (ti < 0 || ci < 0) {
    throw new AttuneError('invalid_csv', `line 1: expected a header with "${textColumn}" and "${categoryColumn}" columns, got: ${rows[0].fields.join(', ')}`);
  }
  const words = PLACEHOLDER[language] ?? PLACEHOLDER.en;
  const byIntent = new Map();
  const skipped = [];
  for (const { fields, line } of rows.slice(1)) {
    const utterance = (fields[ti] ?? '').trim();
    const category = (fields[ci] ?? '').trim();
    if (fields.length <= Math.max(ti, ci)) { skipped.push({ line, reason: `expected at least ${Math.max(ti, ci) + 1} columns, got ${fields.length}` }); continue; }
    if (!utterance) { skipped.push({ line, reason: 'empty text' }); continue; }
    if (!category) { skipped.push({ line, reason: 'empty category' }); continue; }
    const name = intentName(category);
    if (!byIntent.has(name)) byIntent.set(name, { category, examples: new Set() });
    byIntent.get(name).examples.add(utterance);
  }
  if (!byIntent.size) throw new AttuneError('invalid_csv', 'no usable rows (each needs a text and a category)');
  const responses = {
    greeting: { neutral: [words.greeting] },
    fallback: { neutral: [words.fallback] },
    offer_human: { neutral: [words.offer] },
    handoff: { neutral: [words.handoff] },
  };
  const intents = [];
  for (const [name, { category, examples }] of byIntent) {
    responses[name] = { neutral: [words.reply(category)] };
    intents.push({ name, examples: [...examples] });
  }
  const pack = { $schema: './pack.schema.json', version: 1, id, name: `Imported from CSV`, language, intent_threshold: 0.35, responses, intents };
  return { pack, skipped };
}

export async function run(argv, io) {
  const opts = parseArgs(argv, { out: 'string', language: 'string', text: 'string', category: 'string' });
  if (opts._.length !== 1) throw new UsageError('import-csv needs exactly one FILE.csv');
  const path = opts._[0];
  const id = path.split('/').pop().replace(/\.csv$/i, '').replace(/[^A-Za-z0-9_-]+/g, '-') || 'imported';
  const { pack, skipped } = csvToPack(readText(path), {
    language: opts.language ?? 'en', textColumn: opts.text ?? 'text', categoryColumn: opts.category ?? 'category', id,
  });
  for (const s of skipped) io.stderr.write(`${path}:${s.line}: skipped: ${s.reason}\n`);
  const json = JSON.stringify(pack, null, 2) + '\n';
  if (opts.out) {
    writeFileSync(opts.out, json);
    const n = pack.intents.reduce((a, i) => a + i.examples.length, 0);
    io.stderr.write(`${opts.out}: ${pack.intents.length} intents, ${n} examples${skipped.length ? `, ${skipped.length} rows skipped` : ''}; replace the TODO replies, then run: attune check ${opts.out}\n`);
  } else {
    io.stdout.write(json);
  }
  return 0;
}
