// The review page (issue 16), as a standalone view: give it an export document ({version,
// conversations}, relay/README.md "Review") and an element, and it draws the handoff rate and its
// reasons over time, the conversations that ended badly without a person, what the bot did not
// understand (grouped, each group a draft intent), CSAT by intent, tone and agent, and the agents'
// verdicts. The agent console uses it with the relay's summary; the widget's local review page can
// use it with a document it wrote itself (and its own core's groupBySimilarity).
//
// Charts are inline SVG drawn here (no chart library), each with a <title>/<desc> and the same
// numbers in a table behind a <details>, so a screen reader or a keyboard gets everything. Every
// text goes in with textContent: visitor messages are untrusted.
import { summarizeExport } from './review-summary.js';

const SVG = 'http://www.w3.org/2000/svg';
// Categorical colours (Okabe-Ito, readable with the common colour-vision deficiencies).
const COLOURS = ['#0072B2', '#E69F00', '#009E73', '#CC79A7', '#D55E00', '#56B4E9', '#8a7d00', '#555555'];
// One colour per reason whatever the filter, so a reason keeps its colour from view to view.
const REASON_ORDER = ['human_request', 'anger', 'repetition', 'fallback', 'negative_trend', 'crisis', 'urgency', 'profanity', 'frustration', 'hardship', 'escalation'];
const colourOf = (key, keys) => COLOURS[(REASON_ORDER.includes(key) ? REASON_ORDER.indexOf(key) : 7 + keys.indexOf(key)) % COLOURS.length];
const VERDICT_LABELS = { on_time: 'needed, on time', late: 'should have come sooner', not_needed: 'not needed' };
const WHY_LABELS = { low_csat: 'low CSAT', left_during_fallbacks: 'left during fallbacks' };

function h(tag, props = {}, ...children) {
  const e = document.createElement(tag);
  for (const [k, v] of Object.entries(props)) {
    if (v === undefined || v === null || v === false) continue;
    if (k === 'className') e.className = v;
    else if (k.startsWith('on')) e.addEventListener(k.slice(2), v);
    else e.setAttribute(k, v === true ? '' : String(v));
  }
  for (const c of children.flat(Infinity)) if (c !== null && c !== undefined && c !== false) e.append(c instanceof Node ? c : String(c));
  return e;
}
function s(tag, attrs = {}, ...children) {
  const e = document.createElementNS(SVG, tag);
  for (const [k, v] of Object.entries(attrs)) if (v !== undefined && v !== null) e.setAttribute(k, String(v));
  for (const c of children.flat(Infinity)) if (c !== null && c !== undefined) e.append(c instanceof Node ? c : document.createTextNode(String(c)));
  return e;
}
const pct = (x) => `${Math.round(x * 100)}%`;
const fixed = (x, d = 2) => (x === null || x === undefined ? '–' : Number(x).toFixed(d));
const label = (k) => String(k ?? '—').replace(/_/g, ' ');
let uid = 0;

/** A table with a caption: rows of cells (strings or nodes). */
function table(caption, head, rows) {
  return h('table', { className: 'rv-table' }, h('caption', {}, caption),
    h('thead', {}, h('tr', {}, head.map((c) => h('th', { scope: 'col' }, c)))),
    h('tbody', {}, rows.map((r) => h('tr', {}, r.map((c, i) => (i === 0 ? h('th', { scope: 'row' }, c) : h('td', {}, c)))))));
}
const behind = (t) => h('details', { className: 'rv-data' }, h('summary', {}, 'Show the numbers as a table'), t);

/** Handoff rate per day (line) over the reasons of each day's handoffs (stacked bars). */
function rateChart(summary) {
  const days = summary.by_day;
  const reasons = Object.entries(summary.reasons).sort((a, b) => b[1] - a[1]).map(([r]) => r);
  const top = reasons.slice(0, 6);
  const keyOf = (r) => (top.includes(r) ? r : 'other');
  const keys = reasons.length > top.length ? [...top, 'other'] : top;
  const W = 760, H = 260, L = 44, R = 44, T = 16, B = 40;
  const n = Math.max(days.length, 1);
  const bw = (W - L - R) / n;
  const maxHandoffs = Math.max(1, ...days.map((d) => d.handoffs));
  const maxRate = Math.max(0.05, ...days.map((d) => d.rate));
  const rateTop = Math.min(1, Math.ceil(maxRate * 10) / 10);
  const y = (v) => T + (H - T - B) * (1 - v / maxHandoffs);
  const yr = (v) => T + (H - T - B) * (1 - v / rateTop);
  const id = `rv-rate-${++uid}`;
  const g = [];
  for (let i = 0; i <= 4; i++) {
    const v = (rateTop * i) / 4;
    g.push(s('line', { x1: L, x2: W - R, y1: yr(v), y2: yr(v), class: 'rv-grid' }));
    g.push(s('text', { x: W - R + 6, y: yr(v) + 4, class: 'rv-axis' }, pct(v)));
  }
  for (let i = 0; i <= 2; i++) {
    const v = Math.round((maxHandoffs * i) / 2);
    g.push(s('text', { x: L - 6, y: y(v) + 4, 'text-anchor': 'end', class: 'rv-axis' }, v));
  }
  days.forEach((d, i) => {
    const x = L + i * bw + bw * 0.15;
    let acc = 0;
    const parts = {};
    for (const [r, c] of Object.entries(d.reasons)) parts[keyOf(r)] = (parts[keyOf(r)] ?? 0) + c;
    // Reasons can co-occur; bars show each handoff once, split by its reasons' shares.
    const total = Object.values(parts).reduce((a, b) => a + b, 0) || 1;
    for (const k of keys) {
      const share = ((parts[k] ?? 0) / total) * d.handoffs;
      if (!share) continue;
      g.push(s('rect', { x, y: y(acc + share), width: bw * 0.7, height: y(acc) - y(acc + share), fill: colourOf(k, keys) },
        s('title', {}, `${d.day}: ${label(k)} ${Math.round(share * 10) / 10}`)));
      acc += share;
    }
    if (i % Math.ceil(n / 10) === 0) g.push(s('text', { x: x + bw * 0.35, y: H - B + 16, 'text-anchor': 'middle', class: 'rv-axis' }, d.day.slice(5)));
  });
  const pts = days.map((d, i) => `${L + i * bw + bw * 0.5},${yr(d.rate)}`).join(' ');
  if (days.length) g.push(s('polyline', { points: pts, class: 'rv-line' }));
  days.forEach((d, i) => g.push(s('circle', { cx: L + i * bw + bw * 0.5, cy: yr(d.rate), r: 3, class: 'rv-dot' },
    s('title', {}, `${d.day}: ${pct(d.rate)} handed off (${d.handoffs} of ${d.conversations})`))));
  const svg = s('svg', { viewBox: `0 0 ${W} ${H}`, role: 'img', 'aria-labelledby': `${id}-t ${id}-d`, class: 'rv-chart' },
    s('title', { id: `${id}-t` }, 'Handoff rate and reasons per day'),
    s('desc', { id: `${id}-d` }, `Line: share of conversations handed to a person each day (right axis). Bars: handoffs per day by reason (left axis). ${days.length} days.`),
    g);
  const legend = h('ul', { className: 'rv-legend' },
    h('li', {}, h('span', { className: 'rv-swatch rv-swatch-line' }), 'handoff rate'),
    keys.map((k) => h('li', {}, h('span', { className: 'rv-swatch', 'data-reason': k }), label(k))));
  for (const sw of legend.querySelectorAll('.rv-swatch[data-reason]')) sw.style.background = colourOf(sw.dataset.reason, keys);
  const t = table('Handoffs per day', ['day', 'conversations', 'handoffs', 'rate', ...keys.map(label)],
    days.map((d) => {
      const parts = {};
      for (const [r, c] of Object.entries(d.reasons)) parts[keyOf(r)] = (parts[keyOf(r)] ?? 0) + c;
      return [d.day, d.conversations, d.handoffs, pct(d.rate), ...keys.map((k) => parts[k] ?? 0)];
    }));
  return [svg, legend, behind(t)];
}

/** Horizontal bars of mean CSAT (1-5) with the number of ratings. */
function csatChart(title, rows, emptyText) {
  if (!rows.length) return [h('h3', {}, title), h('p', { className: 'rv-muted' }, emptyText)];
  const list = rows.slice(0, 12);
  const W = 360, rowH = 22, L = 130, T = 6;
  const H = T + list.length * rowH + 18;
  const x = (v) => L + ((W - L - 40) * (v - 1)) / 4;
  const id = `rv-csat-${++uid}`;
  const g = [];
  for (let v = 1; v <= 5; v++) {
    g.push(s('line', { x1: x(v), x2: x(v), y1: T, y2: H - 16, class: 'rv-grid' }));
    g.push(s('text', { x: x(v), y: H - 4, 'text-anchor': 'middle', class: 'rv-axis' }, v));
  }
  list.forEach((r, i) => {
    const yy = T + i * rowH;
    const name = label(r.key);
    g.push(s('text', { x: L - 6, y: yy + 15, 'text-anchor': 'end', class: 'rv-axis' }, name.length > 20 ? `${name.slice(0, 19)}…` : name));
    g.push(s('rect', { x: L, y: yy + 4, width: Math.max(1, x(r.mean) - L), height: rowH - 8, class: r.mean < 3 ? 'rv-bar rv-bar-low' : 'rv-bar' },
      s('title', {}, `${name}: ${fixed(r.mean)} from ${r.n} ratings`)));
    g.push(s('text', { x: x(r.mean) + 4, y: yy + 15, class: 'rv-axis' }, `${fixed(r.mean, 1)} (${r.n})`));
  });
  return [h('h3', { id: `${id}-h` }, title),
    s('svg', { viewBox: `0 0 ${W} ${H}`, role: 'img', 'aria-labelledby': `${id}-t`, class: 'rv-chart rv-chart-small' },
      s('title', { id: `${id}-t` }, `${title}: mean rating 1 to 5, number of ratings in brackets`), g),
    behind(table(title, ['', 'ratings', 'mean'], rows.map((r) => [label(r.key), r.n, fixed(r.mean)])))];
}

function totals(summary) {
  const t = summary.totals;
  const item = (n, what) => h('div', { className: 'rv-total' }, h('strong', {}, n), h('span', {}, what));
  return h('div', { className: 'rv-totals' },
    item(t.conversations, 'conversations'),
    item(t.conversations ? pct(t.handoffs / t.conversations) : '–', `handed off (${t.handoffs})`),
    item(fixed(t.csat_mean, 1), `mean CSAT (${t.with_csat} ratings)`),
    item(t.ended_badly, 'ended badly without a person'),
    item(t.not_understood, 'messages not understood'),
    item(summary.verdicts.list.length, 'handoff verdicts'));
}

function filtersForm(summary, filters, onFilter) {
  const f = filters ?? {};
  const facet = (name, values, text) => h('label', {}, text, h('select', { name },
    h('option', { value: '' }, 'all'), values.map((v) => h('option', { value: v, selected: f[name] === v }, v))));
  const form = h('form', { className: 'rv-filters', 'aria-label': 'Filters' },
    h('label', {}, 'From', h('input', { type: 'date', name: 'from', value: f.from ?? '' })),
    h('label', {}, 'To', h('input', { type: 'date', name: 'to', value: f.to ?? '' })),
    facet('team', summary.facets.teams, 'Team'), facet('language', summary.facets.languages, 'Language'), facet('pack', summary.facets.packs, 'Pack'),
    h('button', { type: 'submit' }, 'Apply'));
  form.addEventListener('submit', (e) => {
    e.preventDefault();
    const data = Object.fromEntries([...new FormData(form)].filter(([, v]) => v));
    onFilter?.(data);
  });
  return form;
}

function groupsSection(summary, copy) {
  const groups = summary.not_understood;
  const note = summary.grouping === 'none' ? h('p', { className: 'rv-muted' }, `Not grouped: ${summary.grouping_note ?? 'no core to group with'}.`) : null;
  if (!groups.length) return [note, h('p', { className: 'rv-muted' }, 'Every message was understood in this period.')];
  const item = (g) => {
    const json = JSON.stringify({ name: g.draft.name, examples: g.draft.examples }, null, 2);
    const status = h('span', { className: 'rv-muted', role: 'status' });
    return h('li', { className: 'rv-group' },
      h('div', { className: 'rv-group-head' },
        h('strong', {}, `${g.size}× `, h('q', {}, g.representative)),
        h('span', { className: 'rv-muted' }, ` ${g.pack ?? '?'} · ${g.language ?? '?'} · ${g.conversations.length} conversations`)),
      h('ul', { className: 'rv-examples' }, g.examples.slice(0, 6).map((x) => h('li', {}, x)), g.examples.length > 6 ? h('li', { className: 'rv-muted' }, `and ${g.examples.length - 6} more`) : null),
      h('details', {}, h('summary', {}, 'Draft intent (JSON to paste into the pack)'),
        h('pre', { className: 'rv-json' }, json),
        h('button', { type: 'button', className: 'secondary', onclick: () => copy(json).then(() => { status.textContent = ' copied'; }, () => { status.textContent = ' select the text and copy it'; }) }, 'Copy'),
        status));
  };
  // The largest groups first; the long tail folded away (an admin acts on the big ones).
  const shown = 12;
  return [note, h('ol', { className: 'rv-groups' }, groups.slice(0, shown).map(item)),
    groups.length > shown ? h('details', { className: 'rv-more' }, h('summary', {}, `${groups.length - shown} smaller groups`),
      h('ol', { className: 'rv-groups', start: shown + 1 }, groups.slice(shown, 200).map(item))) : null];
}

function badSection(summary) {
  const list = summary.ended_badly;
  if (!list.length) return h('p', { className: 'rv-muted' }, 'None in this period.');
  return table(`${list.length} conversations ended badly without a person (newest first)`, ['started', 'why', 'CSAT', 'turns', 'fallbacks', 'pack · language · team', 'last message'],
    list.slice(0, 50).map((b) => [b.started_at?.slice(0, 16).replace('T', ' ') ?? '', WHY_LABELS[b.why] ?? b.why, b.csat ?? '–', b.turns, b.fallbacks,
      `${b.pack ?? '?'} · ${b.language ?? '?'} · ${b.team ?? '–'}`, b.last]));
}

function verdictSection(summary) {
  const { counts, list } = summary.verdicts;
  const total = list.length || 1;
  const bar = h('div', { className: 'rv-stack', role: 'img', 'aria-label': Object.entries(counts).map(([k, n]) => `${VERDICT_LABELS[k]}: ${n}`).join(', ') },
    Object.entries(counts).filter(([, n]) => n).map(([k, n]) => {
      const seg = h('span', { className: `rv-seg rv-seg-${k}`, title: `${VERDICT_LABELS[k]}: ${n}` }, `${VERDICT_LABELS[k]} ${n}`);
      seg.style.flexGrow = String(n / total);
      return seg;
    }));
  const rows = list.slice(0, 50).map((v) => [v.at?.slice(0, 10) ?? '', VERDICT_LABELS[v.kind] ?? v.kind,
    v.kind === 'late' ? `turn ${v.turn} (came at ${v.handoff_turn ?? '?'})` : v.handoff_turn ? `turn ${v.handoff_turn}` : '–',
    v.should_have_said ?? '', v.reasons.map(label).join(', '), v.by ?? '', v.team ?? '']);
  return [bar, list.length ? h('div', { className: 'rv-scroll', tabindex: '0', role: 'region', 'aria-label': 'Verdicts, newest first' }, table('Verdicts, newest first', ['date', 'verdict', 'handoff', 'visitor said (should have been handed off here)', 'reasons', 'agent', 'team'], rows))
    : h('p', { className: 'rv-muted' }, 'No verdicts yet: agents mark a handoff when they close the conversation.')];
}

/**
 * Draw the review page into `el` (its children are replaced).
 * @param {HTMLElement} el
 * @param {{version: number, conversations: object[]}} doc the export
 * @param {object} [o]
 * @param {object} [o.summary] figures already computed (the relay's /api/review/summary); else computed here
 * @param {(texts: string[]) => {members: number[], representative: number}[]} [o.group] groups similar texts (core.groupBySimilarity)
 * @param {{from?, to?, team?, language?, pack?}} [o.filters] the filters in force (shown in the form)
 * @param {(filters: object) => void} [o.onFilter] called when the admin applies filters; no form without it
 * @param {string} [o.title] heading (default "Review")
 */
export function renderReview(el, doc, o = {}) {
  const summary = o.summary ?? { ...summarizeExport(doc, { group: o.group }), grouping: o.group ? 'core' : 'none' };
  const copy = (text) => (navigator.clipboard?.writeText ? navigator.clipboard.writeText(text) : Promise.reject(new Error('no clipboard')));
  const download = () => {
    const url = URL.createObjectURL(new Blob([JSON.stringify(doc, null, 1)], { type: 'application/json' }));
    const a = h('a', { href: url, download: 'attune-reviews.json' });
    document.body.append(a);
    a.click();
    a.remove();
    setTimeout(() => URL.revokeObjectURL(url), 1000);
  };
  const section = (id, title, ...body) => h('section', { className: 'rv-section', 'aria-labelledby': id }, h('h2', { id }, title), body);
  el.replaceChildren(h('div', { className: 'rv' },
    h('div', { className: 'rv-top' }, h('h1', {}, o.title ?? 'Review'),
      h('button', { type: 'button', className: 'secondary', onclick: download }, `Download export (${doc.conversations.length} conversations)`)),
    o.onFilter ? filtersForm(summary, o.filters, o.onFilter) : null,
    totals(summary),
    section('rv-h-rate', 'Handoffs over time', rateChart(summary)),
    h('div', { className: 'rv-cols' },
      section('rv-h-verdicts', 'Verdicts from the agents', verdictSection(summary)),
      section('rv-h-csat', 'CSAT', h('div', { className: 'rv-csat' },
        h('div', {}, csatChart('By intent', summary.csat.by_intent, 'No ratings.')),
        h('div', {}, csatChart('By tone', summary.csat.by_tone, 'No tone recorded.')),
        h('div', {}, csatChart('By agent', summary.csat.by_agent, 'No ratings of agents.'))))),
    section('rv-h-groups', 'What the bot did not understand', h('p', { className: 'rv-muted' },
      'Similar messages grouped with the core\'s own featurizer. A group can become a new intent: copy its draft into the pack, rename it, add a response.'),
    groupsSection(summary, copy)),
    section('rv-h-bad', 'Ended badly without a person', h('p', { className: 'rv-muted' }, 'A rating of 1–2, or the visitor left while the bot kept falling back.'), badSection(summary))));
  return summary;
}
