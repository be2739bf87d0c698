// format.js: the small, safe formatting subset for message text.
//
// Untrusted text (from the visitor, the pack or an agent) is never parsed as
// HTML. parseMessage() turns text into a tiny tree; renderMessage() builds it
// with DOM APIs (createElement/textContent), so "<img onerror=...>" stays text.
// Supported: **bold**, lines starting with "- " / "* " (bullets) or "1. "
// (numbered), [label](url) and bare https:// links. Links only for http(s),
// mailto: and tel:; they open in a new tab with rel="noopener noreferrer".

const SAFE_URL = /^(https?:\/\/|mailto:|tel:)/i;
const INLINE = /\*\*([^*\n]+?)\*\*|\[([^\]\n]+)\]\(([^)\s]+)\)|(https?:\/\/[^\s<>()]+[^\s<>().,;:!?'"])/g;

/** Inline nodes: {t:'text', v} | {t:'b', c:[...]} | {t:'a', href, c:[...]} */
export function parseInline(text) {
  const out = [];
  let last = 0;
  for (const m of text.matchAll(INLINE)) {
    if (m.index > last) out.push({ t: 'text', v: text.slice(last, m.index) });
    if (m[1] !== undefined) out.push({ t: 'b', c: [{ t: 'text', v: m[1] }] });
    else if (m[2] !== undefined) {
      if (SAFE_URL.test(m[3])) out.push({ t: 'a', href: m[3], c: [{ t: 'text', v: m[2] }] });
      else out.push({ t: 'text', v: m[2] }); // javascript:, data: ... keep only the label
    } else out.push({ t: 'a', href: m[4], c: [{ t: 'text', v: m[4] }] });
    last = m.index + m[0].length;
  }
  if (last < text.length) out.push({ t: 'text', v: text.slice(last) });
  return out;
}

/** Blocks: {t:'p', c:inline[]} | {t:'ul'|'ol', items: inline[][]} */
export function parseMessage(text) {
  const blocks = [];
  let para = [];
  const flush = () => {
    if (para.length) blocks.push({ t: 'p', c: parseInline(para.join('\n')) });
    para = [];
  };
  for (const line of String(text ?? '').split(/\r?\n/)) {
    const bullet = /^\s*[-*•]\s+(.*)$/.exec(line);
    const number = bullet ? null : /^\s*\d{1,3}[.)]\s+(.*)$/.exec(line);
    const item = bullet ?? number;
    if (item) {
      flush();
      const t = bullet ? 'ul' : 'ol';
      const prev = blocks[blocks.length - 1];
      if (prev?.t === t) prev.items.push(parseInline(item[1]));
      else blocks.push({ t, items: [parseInline(item[1])] });
    } else if (line.trim() === '') flush();
    else para.push(line);
  }
  flush();
  return blocks;
}

function renderInline(nodes, doc, parent) {
  for (const n of nodes) {
    if (n.t === 'text') parent.append(doc.createTextNode(n.v));
    else {
      const el = doc.createElement(n.t === 'b' ? 'strong' : 'a');
      if (n.t === 'a') {
        el.href = n.href;
        el.target = '_blank';
        el.rel = 'noopener noreferrer';
      }
      renderInline(n.c, doc, el);
      parent.append(el);
    }
  }
}

/** Appends the formatted text to `parent` using DOM APIs only. */
export function renderMessage(text, parent, doc = parent.ownerDocument) {
  for (const b of parseMessage(text)) {
    const el = doc.createElement(b.t);
    if (b.t === 'p') renderInline(b.c, doc, el);
    else {
      for (const item of b.items) {
        const li = doc.createElement('li');
        renderInline(item, doc, li);
        el.append(li);
      }
    }
    parent.append(el);
  }
}

/** Plain text of a message (for the transcript and the live region). */
export function plainText(text) {
  return parseMessage(text)
    .map((b) => (b.t === 'p' ? inlineText(b.c) : b.items.map((i) => '- ' + inlineText(i)).join('\n')))
    .join('\n');
}
const inlineText = (nodes) => nodes.map((n) => (n.t === 'text' ? n.v : inlineText(n.c))).join('');
