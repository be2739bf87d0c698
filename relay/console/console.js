// Attune agent console. Plain ES module, no dependencies, runs under the relay's strict CSP.
// All text from visitors, bots and agents goes into the page through textContent only.
const $ = (id) => document.getElementById(id);
const MAX_BACKOFF_MS = 15000;

const state = {
  ws: null,
  token: null,
  name: null,
  agentId: null,
  attempt: 0,
  current: null,           // conversation id shown on the right
  wantOpen: null,          // conversation the agent just accepted or opened: show it when it arrives
  convs: new Map(),        // id -> {handoff, summary, state, events: Map(seq->frame), lastSeq, pending: Map(id->text), suggestions}
  queue: [],
  typingTimer: null,
  lastTypingSent: 0,
};

function el(tag, props = {}, ...children) {
  const e = document.createElement(tag);
  for (const [k, v] of Object.entries(props)) {
    if (k === 'class') e.className = v;
    else if (k === 'text') e.textContent = v;
    else if (k.startsWith('on')) e.addEventListener(k.slice(2), v);
    else e.setAttribute(k, v);
  }
  for (const c of children) if (c) e.append(c);
  return e;
}

function setStatus(text) { $('status').textContent = text; }

function newId() {
  const b = new Uint8Array(12);
  crypto.getRandomValues(b);
  return Array.from(b, (x) => x.toString(16).padStart(2, '0')).join('');
}

// ------------------------------------------------------------------ connection
function connect() {
  const url = `${location.protocol === 'https:' ? 'wss' : 'ws'}://${location.host}/agent`;
  setStatus(state.attempt ? 'reconnecting…' : 'connecting…');
  const ws = new WebSocket(url);
  state.ws = ws;
  ws.addEventListener('open', () => {
    ws.send(JSON.stringify({ type: 'hello', role: 'agent', token: state.token, name: state.name, agentId: state.agentId }));
  });
  ws.addEventListener('message', (e) => {
    let f;
    try { f = JSON.parse(e.data); } catch { return; }
    onFrame(f);
  });
  ws.addEventListener('close', (e) => {
    if (state.ws !== ws) return;
    state.ws = null;
    if (e.code === 4401) { signOut('The agent token was not accepted.'); return; }
    // Back off exponentially with jitter so a restarted relay is not hit by every console at once.
    const delay = Math.min(MAX_BACKOFF_MS, 500 * 2 ** state.attempt) * (0.5 + Math.random() / 2);
    state.attempt++;
    setStatus(`offline, retrying in ${Math.round(delay / 1000)} s`);
    setTimeout(connect, delay);
  });
}

function send(f) {
  if (state.ws?.readyState === WebSocket.OPEN) { state.ws.send(JSON.stringify(f)); return true; }
  return false;
}

function signOut(message) {
  state.token = null;
  $('app').hidden = true;
  $('login').hidden = false;
  $('login-error').textContent = message;
  setStatus('signed out');
}

function onFrame(f) {
  switch (f.type) {
    case 'welcome':
      state.attempt = 0;
      setStatus(`signed in as ${f.agent.name} (${f.instance})`);
      $('login').hidden = true;
      $('app').hidden = false;
      // Resume: re-open every conversation we had, from the last event we saw, and resend unacked replies.
      for (const [id, c] of state.convs) {
        send({ type: 'open', conversation: id, lastSeq: c.lastSeq });
        for (const [mid, text] of c.pending) send({ type: 'message', conversation: id, id: mid, text });
      }
      break;
    case 'queue':
      state.queue = f.conversations;
      $('agents-online').textContent = `· ${f.agentsOnline} agent${f.agentsOnline === 1 ? '' : 's'} online`;
      renderQueue();
      break;
    case 'conversation': {
      const c = conv(f.conversation);
      Object.assign(c, { handoff: f.handoff, summary: f.summary, state: f.state, agent: f.agent });
      if (!state.current || state.current === f.conversation || state.wantOpen === f.conversation) {
        if (state.wantOpen === f.conversation) state.wantOpen = null;
        select(f.conversation);
      }
      break;
    }
    case 'message': case 'agent_joined': case 'closed': case 'csat_request': case 'csat': case 'leave_message': {
      const c = conv(f.conversation);
      if (c.events.has(f.seq)) break; // at-least-once delivery: already shown
      c.events.set(f.seq, f);
      c.lastSeq = Math.max(c.lastSeq, f.seq);
      if (f.type === 'message' && f.from === 'agent') c.pending.delete(f.id);
      if (f.type === 'message' && f.from === 'visitor') c.suggestions = f.suggestions ?? [];
      if (f.type === 'closed') c.state = 'closed';
      if (f.type === 'message' && f.from === 'visitor' && state.current === f.conversation) $('typing').hidden = true;
      if (state.current === f.conversation) renderConversation();
      else if (f.from === 'visitor') { c.unread = (c.unread ?? 0) + 1; renderQueue(); }
      break;
    }
    case 'ack': {
      const c = state.convs.get(f.conversation);
      if (c?.pending.delete(f.id) && state.current === f.conversation) renderConversation();
      break;
    }
    case 'typing':
      if (f.conversation === state.current) {
        $('typing').hidden = false;
        clearTimeout(state.typingTimer);
        state.typingTimer = setTimeout(() => { $('typing').hidden = true; }, 4000);
      }
      break;
    case 'error':
      if (f.code === 'bad_token') break; // the close handler signs out
      $(state.current ? 'conv-error' : 'login-error').textContent = `${f.code}: ${f.message}`;
      break;
    default:
      break;
  }
}

function conv(id) {
  if (!state.convs.has(id)) {
    state.convs.set(id, { handoff: null, summary: null, state: null, events: new Map(), lastSeq: 0, pending: new Map(), suggestions: [] });
  }
  return state.convs.get(id);
}

// ------------------------------------------------------------------ rendering
function summaryParts(s) {
  const parts = [];
  if (s?.distress != null) parts.push(['distress', s.distress.toFixed(2)]);
  if (s?.valence != null) parts.push(['valence', s.valence.toFixed(2)]);
  if (s?.emotions?.length) parts.push(['emotions', s.emotions.map((e) => `${e.label} ${Math.round(e.p * 100)}%`).join(', ')]);
  if (s?.intent) parts.push(['intent', s.intent]);
  return parts;
}

function renderQueue() {
  const list = $('queue');
  list.replaceChildren();
  $('queue-empty').hidden = state.queue.length > 0;
  for (const q of state.queue) {
    const s = q.summary ?? {};
    const mine = q.agent?.name === state.name;
    const meter = el('meter', { min: '0', max: '1', low: '0.4', high: '0.7', optimum: '0', value: String(s.distress ?? 0),
      title: `distress ${s.distress ?? 'unknown'}` });
    const action = q.state === 'assigned'
      ? (mine ? el('button', { type: 'button', class: 'secondary', text: 'Open', onclick: () => openConv(q.conversation) }) : null)
      : el('button', { type: 'button', text: 'Accept', onclick: () => { state.wantOpen = q.conversation; send({ type: 'accept', conversation: q.conversation }); } });
    const unread = state.convs.get(q.conversation)?.unread;
    const waited = Math.max(0, Math.round((Date.now() - q.createdAt) / 60000));
    const li = el('li', { class: `queue-item${state.current === q.conversation ? ' selected' : ''}` },
      el('div', { class: 'row' },
        el('span', { class: `badge ${q.state}`, text: q.state.replace('_', ' ') }),
        el('span', { class: 'muted', text: `${waited} min` }),
        q.agent ? el('span', { class: 'muted', text: `with ${q.agent.name}` }) : null,
        unread ? el('span', { class: 'badge unread', text: `${unread} new` }) : null),
      el('div', { class: 'row' }, el('span', { text: 'distress' }), meter,
        el('span', { class: 'muted', text: summaryParts(s).filter(([k]) => k !== 'distress').map(([k, v]) => `${k}: ${v}`).join(' · ') })),
      el('div', { class: 'row' }, ...(s.reasons ?? []).map((r) => el('span', { class: 'reason', text: r }))),
      action);
    list.append(li);
  }
}

function openConv(id) {
  const c = conv(id);
  state.wantOpen = id;
  send({ type: 'open', conversation: id, lastSeq: c.lastSeq });
  select(id);
}

function select(id) {
  state.current = id;
  conv(id).unread = 0;
  $('conversation').hidden = false;
  $('typing').hidden = true;
  $('conv-error').textContent = '';
  renderQueue();
  renderConversation();
}

function renderConversation() {
  const c = state.convs.get(state.current);
  if (!c) return;
  $('conv-title').textContent = `Conversation ${state.current}${c.state === 'closed' ? ' (closed)' : ''}`;
  const dl = $('conv-summary');
  dl.replaceChildren();
  for (const [k, v] of summaryParts(c.summary)) dl.append(el('div', {}, el('dt', { text: k }), el('dd', { text: v })));
  if (c.summary?.reasons?.length) {
    const reasons = (c.handoff?.reasons ?? []).map((r) => `${r.name}${r.evidence ? ` (“${r.evidence}”)` : ''}`).join('; ');
    dl.append(el('div', {}, el('dt', { text: 'handoff reasons' }), el('dd', { text: reasons })));
  }

  const ol = $('transcript');
  ol.replaceChildren();
  for (const t of c.handoff?.transcript ?? []) {
    ol.append(el('li', { class: `msg ${t.from}` }, el('span', { class: 'meta', text: `${t.from} · before handoff` }), t.text));
  }
  for (const f of [...c.events.values()].sort((a, b) => a.seq - b.seq)) {
    if (f.type === 'message') {
      ol.append(el('li', { class: `msg ${f.from}` }, el('span', { class: 'meta', text: `${f.from === 'agent' ? f.agent?.name ?? 'agent' : 'visitor'} · ${time(f.at)}` }), f.text));
    } else {
      ol.append(el('li', { class: 'msg event', text: describe(f) }));
    }
  }
  for (const [, text] of c.pending) ol.append(el('li', { class: 'msg agent pending' }, el('span', { class: 'meta', text: 'sending…' }), text));
  ol.scrollTop = ol.scrollHeight;

  const open = c.state !== 'closed';
  for (const b of ['btn-csat', 'btn-bot', 'btn-close']) $(b).disabled = !open;
  $('reply-text').disabled = !open;
  $('reply').querySelector('button').disabled = !open;
  if (!open) $('typing').hidden = true;
  const ul = $('suggestions');
  ul.replaceChildren();
  for (const s of c.suggestions) {
    ul.append(el('li', {}, el('button', { type: 'button', text: s, onclick: () => { const t = $('reply-text'); t.value = s; t.focus(); } })));
  }
  $('assist').hidden = !open || c.suggestions.length === 0;
}

function describe(f) {
  switch (f.type) {
    case 'agent_joined': return `${f.agent?.name ?? 'An agent'} joined · ${time(f.at)}`;
    case 'closed': return `closed (${f.reason}${f.returnToBot ? ', visitor back with the bot' : ''}) · ${time(f.at)}`;
    case 'csat_request': return `CSAT requested · ${time(f.at)}`;
    case 'csat': return `CSAT ${f.score}/5${f.comment ? `: “${f.comment}”` : ''} · ${time(f.at)}`;
    case 'leave_message': return `left a message${f.contact ? ` (contact: ${f.contact})` : ''}: ${f.text}`;
    default: return f.type;
  }
}

function time(at) { return at ? new Date(at).toLocaleTimeString() : ''; }

// ------------------------------------------------------------------ controls
$('login').addEventListener('submit', (e) => {
  e.preventDefault();
  state.name = $('login-name').value.trim();
  state.token = $('login-token').value;
  $('login-token').value = '';
  $('login-error').textContent = '';
  // A stable id per tab, so a reconnect is the same agent and keeps its conversations.
  state.agentId = sessionStorage.getItem('attune-agent-id') ?? newId().slice(0, 16);
  try { sessionStorage.setItem('attune-agent-id', state.agentId); } catch { /* storage may be blocked */ }
  state.attempt = 0;
  connect();
});

$('reply').addEventListener('submit', (e) => {
  e.preventDefault();
  const text = $('reply-text').value.trim();
  if (!text || !state.current) return;
  const c = conv(state.current);
  const id = newId();
  c.pending.set(id, text); // kept until acked; resent after a reconnect with the same id
  send({ type: 'message', conversation: state.current, id, text });
  $('reply-text').value = '';
  renderConversation();
});

$('reply-text').addEventListener('input', () => {
  const now = Date.now();
  if (state.current && now - state.lastTypingSent > 1500) {
    state.lastTypingSent = now;
    send({ type: 'typing', conversation: state.current });
  }
});

$('reply-text').addEventListener('keydown', (e) => {
  if (e.key === 'Enter' && !e.shiftKey) { e.preventDefault(); $('reply').requestSubmit(); }
});

$('btn-csat').addEventListener('click', () => send({ type: 'csat_request', conversation: state.current, id: newId() }));
$('btn-bot').addEventListener('click', () => send({ type: 'close', conversation: state.current, id: newId(), returnToBot: true }));
$('btn-close').addEventListener('click', () => send({ type: 'close', conversation: state.current, id: newId(), returnToBot: false }));
