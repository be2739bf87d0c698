// Attune agent console. Plain ES module, no dependencies, runs under the relay's strict CSP
// (script-src 'self', style-src 'self': no inline styles, so every look is a class in console.css).
// All text from visitors, bots and agents goes into the page through textContent only.
const $ = (id) => document.getElementById(id);
const SVG_NS = 'http://www.w3.org/2000/svg';
const MAX_BACKOFF_MS = 15000;
const SESSION_KEY = 'attune-console-session';
const PRESENCE_KEY = 'attune-console-presence';
const MUTE_KEY = 'attune-console-muted';
const BASE_TITLE = document.title;
const PAGE = 50;
const BANDS = { crisis: 0, high: 1, normal: 2 };
const TABS = ['mine', 'queue', 'messages', 'accounts'];
// Shown only when a crisis handoff carried no resources of its own (the console has no pack to
// choose from): the same international fallback the packs end their lists with.
const FALLBACK_RESOURCES = [
  { name: 'Emergency services', phone: '112 (or the local emergency number)' },
  { name: 'Find a helpline (worldwide directory)', url: 'https://findahelpline.com' },
];

const state = {
  ws: null,
  attempt: 0,
  creds: null,             // {account, password} or {account:'admin', token}: kept in memory only, until a session exists
  session: readSession(),
  me: null,                // {id, name, role, teams, maxChats}
  loggedOut: false,
  presence: sessionStorage.getItem(PRESENCE_KEY) === 'away' ? 'away' : 'online',
  muted: localStorage.getItem(MUTE_KEY) === '1',
  tab: 'mine',
  current: null,           // conversation shown in the middle
  wantOpen: null,          // conversation the agent just accepted or opened: show it when it arrives
  convs: new Map(),        // id -> conversation record, see conv()
  queue: { items: [], first: 0, total: 0, next: null, paging: false },
  messages: { items: [], first: 0, total: 0, next: null, paging: false },
  lastMessagesAsk: 0,
  relayEchoesIds: false,   // the relay answers a page request with its id: frames without one are pushes
  agentsOnline: null,
  knownTeams: new Set(),
  knownAgents: new Set(),
  alerts: new Map(),       // conversation -> {crisisKind, at}: unacknowledged crisis alerts
  alerted: new Set(),      // conversations whose crisis was already announced (the queue repeats itself)
  titleTimer: null,
  audio: null,
  beeps: 0,
  canned: [],
  accounts: [],
  others: [],              // admins: conversations assigned to other agents
  editingAccount: null,    // name of the account being edited (admin)
  editing: null,           // id of the canned reply being edited
  typingTimer: null,
  lastTypingSent: 0,
};

function readSession() {
  try { return sessionStorage.getItem(SESSION_KEY); } catch { return null; } // storage may be blocked
}
function writeSession(s) {
  try { if (s) sessionStorage.setItem(SESSION_KEY, s); else sessionStorage.removeItem(SESSION_KEY); } catch { /* blocked */ }
}

function el(tag, props = {}, ...children) {
  const e = document.createElement(tag);
  for (const [k, v] of Object.entries(props)) {
    if (v === undefined || v === null || v === false) continue;
    if (k === 'class') e.className = v;
    else if (k === 'text') e.textContent = v;
    else if (k.startsWith('on')) e.addEventListener(k.slice(2), v);
    else e.setAttribute(k, v === true ? '' : v);
  }
  for (const c of children) if (c !== null && c !== undefined && c !== false) e.append(c);
  return e;
}

function svg(tag, attrs = {}, ...children) {
  const e = document.createElementNS(SVG_NS, tag);
  for (const [k, v] of Object.entries(attrs)) if (v !== undefined) e.setAttribute(k, String(v));
  for (const c of children) if (c) e.append(c);
  return e;
}

function setStatus(text) { $('status').textContent = text; }
// What arrives together (a message and its crisis alert) is read out together, not the last one only.
let announcing = [];
function announce(text) {
  if (!announcing.length) {
    $('announce').textContent = '';
    setTimeout(() => { $('announce').textContent = announcing.join(' '); announcing = []; }, 100);
  }
  announcing.push(text);
}

function newId() {
  const b = new Uint8Array(12);
  crypto.getRandomValues(b);
  return Array.from(b, (x) => x.toString(16).padStart(2, '0')).join('');
}

const isMe = (a) => !!a && !!state.me && (a.id !== undefined ? a.id === state.me.id : a.name === state.me.name);
const isAdmin = () => state.me?.role === 'admin';

// ------------------------------------------------------------------ connection
function connect() {
  const url = `${location.protocol === 'https:' ? 'wss' : 'ws'}://${location.host}/agent`;
  setStatus(state.attempt ? 'reconnecting…' : 'connecting…');
  const ws = new WebSocket(url);
  state.ws = ws;
  ws.addEventListener('open', () => {
    let hello;
    if (state.session) hello = { type: 'hello', role: 'agent', session: state.session };
    else if (state.creds?.token) hello = { type: 'hello', role: 'agent', account: 'admin', token: state.creds.token, name: 'admin' };
    else if (state.creds) hello = { type: 'hello', role: 'agent', account: state.creds.account, password: state.creds.password };
    else { ws.close(); showLogin(''); return; }
    ws.send(JSON.stringify(hello));
  });
  ws.addEventListener('message', (e) => {
    let f;
    try { f = JSON.parse(e.data); } catch { return; }
    onFrame(f);
  });
  ws.addEventListener('close', (e) => {
    if (state.ws !== ws) return;
    state.ws = null;
    for (const c of state.convs.values()) c.following = false; // the relay forgot what this socket followed
    if (state.loggedOut) return;
    if (e.code === 4401 || e.code === 4403 || e.code === 4429) {
      const resumed = !!state.session;
      writeSession(null);
      state.session = null;
      if (resumed && state.creds) { connect(); return; } // the session expired but this tab still knows who signed in
      signOut(resumed && e.code !== 4429 ? 'Your session has ended. Sign in again.' : state.lastError ?? 'Wrong account name or password.');
      return;
    }
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

function showLogin(message) {
  $('app').hidden = true;
  $('me').hidden = true;
  $('login').hidden = false;
  $('login-error').textContent = message;
  setStatus('signed out');
  clearAlerts();
}

function signOut(message) {
  state.creds = null;
  state.me = null;
  state.current = null;
  state.convs.clear();
  state.queue = { items: [], first: 0, total: 0, next: null, paging: false };
  state.messages = { items: [], first: 0, total: 0, next: null, paging: false };
  state.alerted.clear();
  showLogin(message);
  $('login-account').focus();
}

function onFrame(f) {
  switch (f.type) {
    case 'welcome': return onWelcome(f);
    case 'queue': return onList('queue', f);
    case 'messages': case 'messages_page': return onList('messages', f);
    case 'assigned':
      if (f.conversation && f.reason) { // routed to this agent (auto-assignment, a transfer): say so, softly
        chime();
        announce(`New chat assigned to you${f.reason === 'transfer' ? ' by transfer' : ''}.`);
      }
      return onMine(f.items ?? (f.conversation ? [{ conversation: f.conversation }] : []));
    case 'conversation': return onConversation(f);
    case 'alert': return onAlert(f);
    case 'accounts': return onAccounts(f.accounts ?? f.items ?? []);
    case 'account': case 'account_saved': case 'account_removed': return onAccountResult(f);
    case 'presence': if (isMe(f.agent) || !f.agent) setPresence(f.status, false); return;
    case 'ack': {
      const c = state.convs.get(f.conversation);
      if (c?.pending.delete(f.id) && state.current === f.conversation) renderConversation();
      return;
    }
    case 'typing':
      if (f.conversation === state.current) {
        $('typing').hidden = false;
        clearTimeout(state.typingTimer);
        state.typingTimer = setTimeout(() => { $('typing').hidden = true; }, 4000);
      }
      return;
    case 'error': return onError(f);
    case 'logged_out':
      // This session was ended (here or in another tab of it): stop, do not reconnect with it.
      if (!state.loggedOut) { state.loggedOut = true; writeSession(null); state.session = null; signOut('Signed out.'); }
      return;
    default:
      if (f.conversation && Number.isInteger(f.seq)) onEvent(f);
  }
}

function onWelcome(f) {
  state.attempt = 0;
  state.lastError = null;
  if (f.session) { state.session = f.session; writeSession(f.session); }
  const wasSignedIn = !!state.me;
  state.me = { id: f.agent.id, name: f.agent.name ?? f.agent.id, role: f.agent.role ?? (state.creds?.token ? 'admin' : 'agent'),
    teams: f.agent.teams ?? [], maxChats: f.agent.maxChats };
  if (state.session) state.creds = null; // the session is enough from now on: forget the password
  for (const t of state.me.teams) state.knownTeams.add(t);
  for (const t of f.teams ?? []) state.knownTeams.add(typeof t === 'string' ? t : t.id);
  for (const a of f.agents ?? []) state.knownAgents.add(typeof a === 'string' ? a : a.id);
  if (f.limits?.maxMessageLength) $('reply-text').maxLength = f.limits.maxMessageLength;
  setStatus(`signed in as ${state.me.name}${f.instance ? ` (${f.instance})` : ''}`);
  $('me-name').textContent = `${state.me.name} · ${state.me.role}${state.me.teams.length ? ` · ${state.me.teams.join(', ')}` : ''}`;
  $('login').hidden = true;
  $('app').hidden = false;
  $('me').hidden = false;
  if (!wasSignedIn) loadCanned();
  // The relay remembers each agent's status; an older relay does not, so this tab's choice is resent.
  if (f.status === 'away' || f.status === 'online') setPresence(f.status, false);
  else if (state.presence === 'away') send({ type: 'presence', status: 'away' });
  renderPresence();
  // What the relay says is ours (a reloaded tab, a second tab), then what this tab already followed:
  // open each from the last event we saw, and resend replies that were never acknowledged.
  for (const x of f.conversations ?? f.assigned ?? []) {
    const id = typeof x === 'string' ? x : x.conversation ?? x.id;
    if (!id) continue;
    const c = conv(id);
    if (typeof x === 'object') absorb(c, x);
    if (!x.state) { c.state = 'assigned'; c.agent = { id: state.me.id, name: state.me.name }; }
  }
  for (const [id, c] of state.convs) {
    if (c.state === 'assigned' && isMe(c.agent) || id === state.current) follow(id);
    for (const [mid, text] of c.pending) send({ type: 'message', conversation: id, id: mid, text });
  }
  askMessages(true);
  $('tab-accounts').hidden = !isAdmin();
  $('btn-review').hidden = !isAdmin();
  if (isAdmin()) send({ type: 'accounts' });
  renderLists();
  if (!wasSignedIn && !state.current) focusFirst();
}

function focusFirst() {
  const b = document.querySelector(`#list-${state.tab} button`) ?? $(`tab-${state.tab}`);
  b?.focus();
}

function onError(f) {
  // Optional frames an older relay does not know (messages_page, presence) are not the agent's problem.
  if (f.code === 'unknown_type') { console.warn('relay:', f.message); return; }
  const text = {
    bad_credentials: 'Wrong account name or password.',
    bad_token: 'The bootstrap token was not accepted.',
    bad_session: 'Your session has ended. Sign in again.',
    session_expired: 'Your session has ended. Sign in again.',
    rate_limited: `Too many attempts; try again${f.retryAfterMs ? ` in ${Math.ceil(f.retryAfterMs / 1000)} s` : ' later'}.`,
    not_queued: 'Someone else took this conversation first.',
    not_assigned: 'This conversation is not assigned to you (accept it first).',
    forbidden: 'Only an admin (or the assigned agent) may do that.',
  }[f.code] ?? `${f.code}: ${f.message}`;
  if (!state.me) { state.lastError = text; $('login-error').textContent = text; return; }
  // A reply the relay refused: retry what may pass later (rate limit, internal), give up on the rest,
  // so it is not resent for ever after every reconnect. The text stays in the error line to copy.
  if (f.id) {
    for (const [id, c] of state.convs) {
      const text = c.pending.get(f.id);
      if (text === undefined) continue;
      if (f.code === 'rate_limited' || f.code === 'internal') {
        setTimeout(() => { if (c.pending.has(f.id)) send({ type: 'message', conversation: id, id: f.id, text }); }, f.retryAfterMs ?? 2000);
      } else {
        c.pending.delete(f.id);
        if (state.current === id) renderConversation();
      }
    }
  }
  $(state.tab === 'accounts' ? 'acc-result' : state.current ? 'conv-error' : 'status').textContent = text;
  if (f.code === 'not_queued') send({ type: 'queue' });
}

// ------------------------------------------------------------------ data
function conv(id) {
  if (!state.convs.has(id)) {
    state.convs.set(id, { id, handoff: null, summary: null, state: null, agent: null, team: null, priority: 'normal', country: null,
      locale: null, identity: null, waitingSince: null, lastActivity: null, events: new Map(), lastSeq: 0, pending: new Map(),
      suggestions: [], unread: 0, following: false });
  }
  return state.convs.get(id);
}

/** Normalise a queue/messages item (this relay's or an older one's) to one shape. */
function item(x) {
  const s = x.summary ?? {};
  const reasons = (s.reasons ?? []).map((r) => (typeof r === 'string' ? { name: r } : r));
  return {
    conversation: x.conversation ?? x.id, state: x.state ?? 'queued', agent: x.agent ?? null, team: x.team ?? null,
    priority: BANDS[x.priority] !== undefined ? x.priority : 'normal', country: x.country ?? null, locale: x.locale ?? null,
    identity: x.identity ?? null, waitingSince: x.waitingSince ?? x.createdAt ?? null, lastActivity: x.lastActivity ?? x.updatedAt ?? null,
    maxDistress: s.maxDistress ?? x.distress ?? s.distress ?? null, turns: s.turns ?? null, reasons,
    intent: s.intent ?? x.intent ?? null, preview: x.message?.text ?? x.preview ?? null, contact: x.message?.contact ?? null,
  };
}

function absorb(c, x) {
  for (const k of ['state', 'agent', 'team', 'country', 'locale', 'identity', 'waitingSince', 'lastActivity']) if (x[k] !== undefined) c[k] = x[k];
  if (BANDS[x.priority] !== undefined) c.priority = x.priority;
  if (x.handoff) c.handoff = x.handoff;
  if (x.summary) c.summary = x.summary;
  if (x.review) { c.reviewTurns = x.review.turns ?? []; c.verdict = x.review.verdict ?? null; }
  if (c.team) state.knownTeams.add(c.team);
  if (c.agent?.id) state.knownAgents.add(c.agent.id);
}

function rank(list) {
  // The relay ranks already; ranking again keeps crisis on top between refreshes (an alert raises a
  // conversation before the next queue frame). Newest first within a band, as the relay does.
  return list.map((x, i) => ({ x, i })).sort((a, b) => {
    const pa = BANDS[state.convs.get(a.x.conversation)?.priority ?? a.x.priority] ?? 2;
    const pb = BANDS[state.convs.get(b.x.conversation)?.priority ?? b.x.priority] ?? 2;
    return pa - pb || a.i - b.i;
  }).map((e) => e.x);
}

function onList(kind, f) {
  const list = state[kind];
  const items = (f.items ?? f.conversations ?? []).map(item);
  // A page we asked for ("load more") is appended; anything else is the relay's fresh first page.
  // The relay echoes the request's id (and "before"); a relay that echoes neither: the first frame after asking.
  // Once ids are echoed, a frame without one is a push that crossed the request: taking it for the
  // page dropped the real page (read as a fresh first page) and the list shrank to its tail.
  if (f.id !== undefined) state.relayEchoesIds = true;
  // The answer to a page request a later refresh superseded: its items are a tail, not a first page.
  if (f.id !== undefined && f.before != null && !(f.id === list.pageId && list.paging)) return;
  const isPage = f.id !== undefined ? f.id === list.pageId && list.paging
    : f.before !== undefined && f.before !== null ? true : list.paging && !state.relayEchoesIds;
  if (isPage || (f.id === undefined && !state.relayEchoesIds)) list.paging = false;
  if (isPage) {
    // The re-fetch of a refreshed list's tail replaces the tail kept on screen meanwhile.
    if (list.refreshing) list.items = list.items.slice(0, list.first);
    list.refreshing = false;
    const seen = new Set(list.items.map((x) => x.conversation));
    list.items.push(...items.filter((x) => !seen.has(x.conversation)));
    list.next = f.next ?? null;
  } else {
    // Left the list while it is complete (no further page): taken by a colleague or closed. This
    // agent is not told which, and need not be: it is no longer waiting.
    if (!f.next) {
      const now = new Set([...items, ...(f.assigned ?? []).map(item)].map((x) => x.conversation));
      for (const x of list.items) {
        const c = state.convs.get(x.conversation);
        if (!now.has(x.conversation) && c && (c.state === 'queued' || c.state === 'message_left') && kind === (c.state === 'queued' ? 'queue' : 'messages')) c.state = 'elsewhere';
      }
    }
    // A fresh first page. Pages the agent loaded beyond it are fetched again behind it, so they stay
    // current instead of vanishing at every refresh; until then the old tail stays on screen (the
    // list does not shrink and grow back, nor "load more" flash up, at every push).
    const fresh = new Set(items.map((x) => x.conversation));
    const tail = list.items.slice(list.first).filter((x) => !fresh.has(x.conversation));
    list.items = items;
    list.first = items.length;
    list.next = f.next ?? null;
    list.refreshing = false;
    if (tail.length && list.next) {
      list.items = items.concat(tail);
      list.refreshing = true;
      requestPage(kind, Math.min(200, tail.length));
    }
  }
  list.total = f.total ?? list.items.length;
  if (f.agentsOnline !== undefined) state.agentsOnline = f.agentsOnline;
  // The queue frame also lists open chats: the agent's own (an admin's: everyone's). This is how a
  // reloaded tab finds its conversations again.
  if (Array.isArray(f.assigned)) {
    const listed = new Set();
    for (const a of f.assigned.map(item)) {
      listed.add(a.conversation);
      const c = conv(a.conversation);
      absorb(c, { state: a.state, agent: a.agent, team: a.team, country: a.country, locale: a.locale, identity: a.identity,
        waitingSince: a.waitingSince, lastActivity: a.lastActivity, priority: a.priority });
      c.item = a;
      if (isMe(a.agent) && !c.following) follow(a.conversation);
    }
    state.others = f.assigned.map(item).filter((a) => !isMe(a.agent));
    // Listed as nobody's any more (requeued, transferred, closed elsewhere): no longer "mine".
    for (const c of state.convs.values()) if (c.state === 'assigned' && isMe(c.agent) && !listed.has(c.id) && !c.pending.size && c.item) c.state = null;
  }
  for (const x of items) {
    const c = conv(x.conversation);
    absorb(c, { state: x.state, agent: x.agent, team: x.team, country: x.country, locale: x.locale, identity: x.identity,
      waitingSince: x.waitingSince, lastActivity: x.lastActivity, priority: x.priority });
    c.item = x;
    if (x.priority === 'crisis' && x.state !== 'closed' && !state.alerted.has(x.conversation) && !isMe(x.agent)) {
      raiseAlert(x.conversation, null);
    }
    if (x.state === 'assigned' && isMe(x.agent) && !c.following) follow(x.conversation);
  }
  renderLists();
  if (state.current) renderConversation();
  if (kind === 'queue' && !isPage) askMessages(false);
}

/** Ask for the page after the loaded ones; its answer is appended (see onList). */
function requestPage(kind, limit) {
  const list = state[kind];
  if (!list.next) return;
  list.paging = true;
  list.pageId = newId();
  send({ type: kind === 'queue' ? 'queue_page' : 'messages_page', id: list.pageId, before: list.next, limit });
}

/** The relay pushes queue frames but not the Messages list: ask again when things move (at most every 5 s). */
function askMessages(now) {
  if (!now && Date.now() - state.lastMessagesAsk < 5000) return;
  state.lastMessagesAsk = Date.now();
  send({ type: 'messages_page', id: newId(), limit: Math.max(PAGE, Math.min(200, state.messages.items.length)) });
}

/** The conversations the relay says are this agent's (after sign-in, a reload, a routing decision). */
function onMine(list) {
  for (const x of list) {
    const it = item(x);
    const c = conv(it.conversation);
    absorb(c, { state: it.state === 'queued' ? 'assigned' : it.state, agent: it.agent ?? { id: state.me.id, name: state.me.name }, team: it.team,
      country: it.country, locale: it.locale, identity: it.identity, waitingSince: it.waitingSince, lastActivity: it.lastActivity, priority: it.priority });
    c.item = it;
    if (!c.following) follow(it.conversation);
  }
  renderLists();
}

function onConversation(f) {
  const c = conv(f.conversation);
  absorb(c, { ...f, ...(f.handoff ? {
    team: f.team ?? f.handoff.team, country: f.country ?? f.handoff.country, locale: f.locale ?? f.handoff.locale,
    identity: f.identity ?? f.handoff.identity, priority: f.priority ?? f.handoff.priority } : {}) });
  if (!c.waitingSince) c.waitingSince = f.createdAt ?? null;
  c.following = true;
  if (!state.current || state.current === f.conversation || state.wantOpen === f.conversation) {
    const asked = state.wantOpen === f.conversation;
    if (asked) state.wantOpen = null;
    select(f.conversation);
    // The agent asked for it (accept, open): carry keyboard focus there, not back to the top of the page.
    if (asked && !document.activeElement?.closest?.('#conversation, #details')) ($('reply-text').disabled ? $('transcript') : $('reply-text')).focus();
  }
  renderLists();
}

function onEvent(f) {
  const c = conv(f.conversation);
  if (c.events.has(f.seq)) return; // at-least-once delivery: already shown
  c.events.set(f.seq, f);
  c.lastSeq = Math.max(c.lastSeq, f.seq);
  const live = f.at ? Date.now() - f.at < 15000 : true;
  switch (f.type) {
    case 'message':
      if (f.from === 'agent') c.pending.delete(f.id);
      if (f.from === 'visitor') {
        c.suggestions = f.suggestions ?? [];
        c.lastActivity = f.at ?? c.lastActivity;
        if (f.affect?.crisis) { c.priority = 'crisis'; if (live && !state.alerted.has(f.conversation + ':' + f.seq)) raiseAlert(f.conversation, f.affect.crisisKind, f.seq); }
        if (state.current === f.conversation) $('typing').hidden = true;
      }
      break;
    case 'agent_joined': c.state = 'assigned'; c.agent = f.agent ?? null; break;
    case 'transferred':
      if (f.to?.agent || f.to?.id) { c.state = 'assigned'; c.agent = { id: f.to.agent ?? f.to.id, name: f.to.name ?? f.to.agent ?? f.to.id }; }
      else { c.state = 'queued'; c.agent = null; if (f.to?.team) c.team = f.to.team; }
      break;
    case 'agent_left': c.state = 'queued'; c.agent = null; break;
    case 'leave_message': if (c.state !== 'assigned') c.state = 'message_left'; break;
    case 'closed':
      // A visitor's close after leaving a message keeps the message for an agent.
      if (!(f.from === 'visitor' && c.state === 'message_left')) c.state = 'closed';
      break;
    default: break;
  }
  // The transcript is redrawn whole, so it is not a live region; new visitor words are announced here.
  if (state.current === f.conversation) {
    renderConversation();
    if (live && f.type === 'message' && f.from === 'visitor') announce(`${who(c)}: ${f.text}`);
  } else if (f.from === 'visitor' && f.type === 'message') {
    c.unread++;
    if (live) announce(`New message from ${who(c)}.`);
  }
  renderLists();
}

function onAlert(f) {
  const c = conv(f.conversation);
  c.priority = 'crisis';
  // A colleague's visitor: they have it (their console rings); admins are told anyway, to supervise.
  const colleagues = ((c.state === 'assigned' && c.agent && !isMe(c.agent)) || c.state === 'elsewhere') && !isAdmin();
  if (!colleagues) raiseAlert(f.conversation, f.crisisKind ?? null, f.seq);
  renderLists();
  if (state.current === f.conversation) renderConversation();
}

function follow(id) {
  const c = conv(id);
  c.following = true;
  send({ type: 'open', conversation: id, lastSeq: c.lastSeq });
}

// ------------------------------------------------------------------ alerts
function raiseAlert(id, crisisKind, seq) {
  state.alerted.add(id);
  if (seq !== undefined) state.alerted.add(id + ':' + seq);
  if (state.current === id && document.hasFocus()) { announce(`Crisis in the open conversation${crisisKind ? ` (${kindLabel(crisisKind)})` : ''}.`); return beep(); }
  state.alerts.set(id, { crisisKind: crisisKind ?? state.alerts.get(id)?.crisisKind ?? null, at: Date.now() });
  renderBanner();
  beep();
  flashTitle();
}

/** The page title counts unread visitor messages, so a background tab says there is something to read. */
function baseTitle() {
  let n = 0;
  for (const c of state.convs.values()) n += c.unread;
  return n ? `(${n}) ${BASE_TITLE}` : BASE_TITLE;
}

function kindLabel(k) { return String(k).replace(/_/g, ' '); }

function renderBanner() {
  const n = state.alerts.size;
  $('crisis-banner').hidden = n === 0;
  if (!n) return;
  const [id, a] = [...state.alerts].at(-1);
  const c = conv(id);
  $('crisis-text').textContent = n === 1
    ? `Crisis: ${who(c)}${a.crisisKind ? ` (${kindLabel(a.crisisKind)})` : ''}${c.team ? ` · team ${c.team}` : ''} needs help now.`
    : `Crisis: ${n} visitors need help now (latest: ${who(c)}).`;
  $('crisis-open').dataset.conversation = id;
  $('crisis-open').textContent = c.state === 'queued' || c.state === null ? 'Accept now' : 'Open now';
}

function clearAlerts(id) {
  if (id) state.alerts.delete(id); else state.alerts.clear();
  renderBanner();
  if (!state.alerts.size) { clearInterval(state.titleTimer); state.titleTimer = null; document.title = baseTitle(); }
}

function flashTitle() {
  if (state.titleTimer) return;
  let on = false;
  state.titleTimer = setInterval(() => {
    on = !on;
    document.title = on ? '⚠ CRISIS · Attune console' : baseTitle();
  }, 1000);
  document.title = '⚠ CRISIS · Attune console';
}

/** A short two-tone beep made here (no audio file: the CSP allows none and there is nothing to fetch). */
function beep() {
  if (state.muted) return;
  try {
    state.audio ??= new AudioContext();
    const ctx = state.audio;
    if (ctx.state === 'suspended') ctx.resume().catch(() => {});
    const t0 = ctx.currentTime + 0.01;
    for (const [i, freq] of [[0, 880], [1, 660], [2, 880]]) {
      const osc = ctx.createOscillator();
      const gain = ctx.createGain();
      osc.type = 'sine';
      osc.frequency.value = freq;
      gain.gain.setValueAtTime(0.0001, t0 + i * 0.22);
      gain.gain.exponentialRampToValueAtTime(0.3, t0 + i * 0.22 + 0.02);
      gain.gain.exponentialRampToValueAtTime(0.0001, t0 + i * 0.22 + 0.18);
      osc.connect(gain).connect(ctx.destination);
      osc.start(t0 + i * 0.22);
      osc.stop(t0 + i * 0.22 + 0.2);
    }
    state.beeps++;
    $('crisis-banner').dataset.beeps = String(state.beeps); // lets a test (or a curious agent) see it sounded
  } catch (e) {
    console.warn('alert sound unavailable:', e.message);
  }
}

/** One soft tone for a chat routed to this agent (quieter and shorter than the crisis alert). */
function chime() {
  if (state.muted) return;
  try {
    state.audio ??= new AudioContext();
    const ctx = state.audio;
    const t0 = ctx.currentTime + 0.01;
    const osc = ctx.createOscillator();
    const gain = ctx.createGain();
    osc.frequency.value = 523;
    gain.gain.setValueAtTime(0.0001, t0);
    gain.gain.exponentialRampToValueAtTime(0.12, t0 + 0.02);
    gain.gain.exponentialRampToValueAtTime(0.0001, t0 + 0.25);
    osc.connect(gain).connect(ctx.destination);
    osc.start(t0);
    osc.stop(t0 + 0.3);
  } catch { /* no audio: the announcement and the list still say it */ }
}

// Browsers only let a page make sound after a gesture: wake the audio on the first one.
document.addEventListener('pointerdown', () => { if (state.audio?.state === 'suspended') state.audio.resume().catch(() => {}); }, { capture: true });
document.addEventListener('keydown', () => { if (state.audio?.state === 'suspended') state.audio.resume().catch(() => {}); }, { capture: true });

// ------------------------------------------------------------------ rendering: lists
function who(c) {
  return c.identity?.name || (c.identity?.email ?? '') || `visitor ${c.id.slice(0, 6)}`;
}

function ago(t) {
  if (!t) return '';
  const s = Math.max(0, Math.round((Date.now() - t) / 1000));
  if (s < 60) return `${s} s`;
  const m = Math.round(s / 60);
  return m < 60 ? `${m} min` : `${Math.floor(m / 60)} h ${m % 60} min`;
}

function place(c) {
  const parts = [c.country, c.locale].filter(Boolean);
  return parts.length ? parts.join(' · ') : null;
}

function verifiedBadge(identity) {
  if (!identity) return null;
  return identity.verified
    ? el('span', { class: 'badge verified', title: 'identity verified by the site', text: '✓ verified' })
    : el('span', { class: 'badge unverified', title: 'identity not verified', text: 'unverified' });
}

function mine() {
  return rank([...state.convs.values()].filter((c) => c.state === 'assigned' && isMe(c.agent))
    .map((c) => ({ conversation: c.id, priority: c.priority })));
}

function renderLists() {
  if (!state.me) return;
  const mineIds = mine().map((x) => x.conversation);
  const queueItems = rank(state.queue.items.filter((x) => {
    const c = state.convs.get(x.conversation);
    const st = c?.state ?? x.state;
    return st !== 'message_left' && st !== 'closed' && !(st === 'assigned' && isMe(c?.agent ?? x.agent));
  }));
  const messageItems = [...state.messages.items, ...state.queue.items.filter((x) => x.state === 'message_left'
    && !state.messages.items.some((m) => m.conversation === x.conversation))]
    .filter((x) => (state.convs.get(x.conversation)?.state ?? x.state) === 'message_left');

  fill('mine', mineIds.map((id) => card(conv(id), conv(id).item ?? null, 'mine')));
  // Admins also see who is talking to whom, below the waiting ones (to watch or transfer).
  const others = isAdmin() ? (state.others ?? []).filter((x) => {
    const c = state.convs.get(x.conversation);
    return c?.state === 'assigned' && !isMe(c.agent) && !queueItems.some((q) => q.conversation === x.conversation);
  }) : [];
  fill('queue', [...queueItems, ...others].map((x) => card(conv(x.conversation), x, 'queue')));
  fill('messages', messageItems.map((x) => card(conv(x.conversation), x, 'messages')));
  $('count-mine').textContent = mineIds.length ? `(${mineIds.length}${state.me.maxChats ? `/${state.me.maxChats}` : ''})` : '';
  const waiting = queueItems.filter((x) => (state.convs.get(x.conversation)?.state ?? x.state) === 'queued').length;
  const hidden = Math.max(0, state.queue.total - state.queue.items.length);
  $('count-queue').textContent = waiting || hidden ? `(${waiting + hidden})` : '';
  $('count-queue').classList.toggle('alarm', queueItems.some((x) => (state.convs.get(x.conversation)?.priority ?? x.priority) === 'crisis'));
  $('count-messages').textContent = messageItems.length ? `(${Math.max(messageItems.length, state.messages.total)})` : '';
  $('queue-more').hidden = !state.queue.next || state.queue.refreshing;
  $('messages-more').hidden = !state.messages.next || state.messages.refreshing;
  $('agents-online').textContent = state.agentsOnline === null ? '' : `${state.agentsOnline} agent${state.agentsOnline === 1 ? '' : 's'} online`;
  // An alert whose visitor is now with a colleague, or gone, needs nobody else.
  for (const id of [...state.alerts.keys()]) {
    const c = state.convs.get(id);
    if (c?.state === 'closed' || c?.state === 'elsewhere' || (c?.state === 'assigned' && c.agent && !isMe(c.agent) && !isAdmin())) clearAlerts(id);
  }
  renderBanner(); // the alert may have come before the queue told who the visitor is
  if (!state.titleTimer) document.title = baseTitle();
  const opts = $('transfer-options');
  const kind = document.querySelector('input[name=transfer-kind]:checked')?.value ?? 'agent';
  opts.replaceChildren(...[...(kind === 'team' ? state.knownTeams : state.knownAgents)].sort().map((v) => el('option', { value: v })));
}

function fill(kind, cards) {
  const ul = $(`list-${kind}`);
  const focused = ul.contains(document.activeElement) ? document.activeElement.dataset.key : null;
  ul.replaceChildren(...cards);
  $(`empty-${kind}`).hidden = cards.length > 0;
  if (focused) ul.querySelector(`[data-key="${CSS.escape(focused)}"]`)?.focus(); // a refresh must not steal keyboard focus
}

function card(c, x, kind) {
  const priority = c.priority ?? x?.priority ?? 'normal';
  const identity = c.identity ?? x?.identity;
  const maxDistress = x?.maxDistress ?? maxDistressOf(c);
  const reasons = x?.reasons?.length ? x.reasons : reasonsOf(c);
  // The reason to read first: a crisis if there was one, else the strongest of the latest turn (the
  // relay lists them in turn order; "hardship 0.85" before "urgency 0.08" of the same turn).
  const latest = reasons.filter((r) => r.turn === reasons.at(-1)?.turn);
  const top = reasons.find((r) => r.name === 'crisis') ?? latest.reduce((a, r) => ((r.weight ?? 0) > (a.weight ?? 0) ? r : a), latest[0]);
  const waiting = c.waitingSince ?? x?.waitingSince;
  const label = `${who(c)}${priority !== 'normal' ? `, ${priority} priority` : ''}`;
  const buttons = [];
  const st = c.state ?? x?.state;
  if (kind === 'queue' && st === 'queued') {
    buttons.push(el('button', { type: 'button', 'data-key': `accept:${c.id}`, 'aria-label': `Accept ${label}`, text: 'Accept', onclick: () => accept(c.id) }));
  }
  if (kind === 'queue') {
    buttons.push(el('button', { type: 'button', class: 'secondary', 'data-key': `view:${c.id}`, 'aria-label': `View ${label}`,
      text: st === 'assigned' ? 'View' : 'Preview', onclick: () => openConv(c.id) }));
  } else {
    buttons.push(el('button', { type: 'button', class: kind === 'mine' ? '' : 'secondary', 'data-key': `open:${c.id}`, 'aria-label': `Open ${label}`,
      text: 'Open', onclick: () => openConv(c.id) }));
  }
  const reasonText = top ? `${top.name}${top.turn ? ` (turn ${top.turn})` : ''}` : null;
  return el('li', { class: `conv-item prio-${priority}${state.current === c.id ? ' selected' : ''}` },
    el('div', { class: 'row' },
      el('span', { class: `badge prio ${priority}`, text: priority }),
      el('strong', { class: 'who', text: who(c) }), verifiedBadge(identity),
      c.unread ? el('span', { class: 'badge unread', text: `${c.unread} new` }) : null),
    el('div', { class: 'row muted' },
      c.team ?? x?.team ? el('span', { text: `team ${c.team ?? x.team}` }) : null,
      place(c) ? el('span', { text: place(c) }) : null,
      waiting ? el('span', { text: kind === 'messages' ? `left ${ago(x?.message?.at ?? waiting)} ago` : `${st === 'assigned' ? 'since' : 'waiting'} ${ago(waiting)}` }) : null,
      st === 'assigned' && !isMe(c.agent) && c.agent ? el('span', { text: `with ${c.agent.name ?? c.agent.id}` }) : null),
    el('div', { class: 'row' },
      // The widget's "distress" is the handoff score: a calm "can I talk to someone" is 1.00 there, so
      // agents are shown what it measures (how much the chat needs a person), not a feeling.
      maxDistress !== null && maxDistress !== undefined ? el('span', { class: 'muted', text: 'need for a person' }) : null,
      maxDistress !== null && maxDistress !== undefined ? el('meter', { min: '0', max: '1', low: '0.4', high: '0.7', optimum: '0',
        value: String(maxDistress), 'aria-label': `highest need for a person ${maxDistress.toFixed(2)}` }) : null,
      maxDistress !== null && maxDistress !== undefined ? el('span', { class: 'num', text: maxDistress.toFixed(2) }) : null,
      reasonText ? el('span', { class: 'reason', text: reasonText }) : null),
    kind === 'messages' && x?.preview ? el('p', { class: 'preview', text: x.preview }) : null,
    kind === 'messages' && x?.contact ? el('p', { class: 'muted contact', text: `contact: ${x.contact}` }) : null,
    el('div', { class: 'row actions' }, ...buttons));
}

function accept(id) {
  state.wantOpen = id;
  send({ type: 'accept', conversation: id });
  clearAlerts(id);
  switchTab('mine', false);
}

function openConv(id) {
  state.wantOpen = id;
  follow(id);
  select(id);
}

function select(id) {
  state.current = id;
  conv(id).unread = 0;
  clearAlerts(id);
  $('conversation').hidden = false;
  $('details').hidden = false;
  $('typing').hidden = true;
  $('conv-error').textContent = '';
  $('transfer').hidden = true;
  $('btn-transfer').setAttribute('aria-expanded', 'false');
  renderLists();
  renderConversation();
}

// ------------------------------------------------------------------ rendering: conversation
/** Visitor turns in order: {turn, text, at, distress, crisis, crisisKind, reasons}. */
// ---- verdicts (issue 16): the agent's one-click mark on a closed handoff ----
function renderVerdict(c) {
  const f = $('verdict');
  const mayMark = c.state === 'closed' && (isAdmin() || isMe(c.agent)) && (c.handoff?.transcript ?? []).some((t) => t.from === 'visitor');
  f.hidden = !mayMark;
  if (!mayMark) return;
  // The turns the handoff could have come at: the visitor's turns before it (the relay's records
  // when the widget sent them, else the transcript's visitor entries numbered in order).
  const records = (c.reviewTurns ?? []).filter((t) => !t.handoff);
  const before = records.length ? records.map((t) => ({ turn: t.turn, text: t.text }))
    : (c.handoff.transcript ?? []).filter((t) => t.from === 'visitor').map((t, i) => ({ turn: i + 1, text: t.text })).slice(0, -1);
  const sel = $('verdict-turn');
  const keep = sel.dataset.conv === c.id ? sel.value : null;
  sel.dataset.conv = c.id;
  sel.replaceChildren(...before.map((t) => el('option', { value: String(t.turn), text: `turn ${t.turn}: ${t.text.length > 60 ? `${t.text.slice(0, 59)}…` : t.text}` })));
  sel.value = keep ?? (before.length ? String(before.at(-1).turn) : ''); // default: the turn just before the handoff
  f.querySelector('[data-verdict=late]').disabled = before.length === 0;
  for (const b of f.querySelectorAll('[data-verdict]')) b.setAttribute('aria-pressed', String(c.verdict?.kind === b.dataset.verdict));
  $('verdict-done').textContent = c.verdict ? `Marked: ${{ on_time: 'needed, on time', late: `should have come sooner (turn ${c.verdict.turn})`, not_needed: 'not needed' }[c.verdict.kind]}.` : '';
}

function sendVerdict(kind) {
  const c = state.convs.get(state.current);
  if (!c) return;
  const verdict = kind === 'late' ? { kind, turn: Number($('verdict-turn').value) } : { kind };
  c.verdict = verdict;
  send({ type: 'verdict', conversation: c.id, id: newId(), verdict });
  $('verdict-late').hidden = true;
  renderVerdict(c);
  announce($('verdict-done').textContent);
}

for (const b of document.querySelectorAll('#verdict [data-verdict]')) {
  b.addEventListener('click', () => {
    if (b.dataset.verdict !== 'late') return sendVerdict(b.dataset.verdict);
    $('verdict-late').hidden = false;
    $('verdict-turn').focus();
  });
}
$('verdict').addEventListener('submit', (e) => { e.preventDefault(); sendVerdict('late'); });

// ---- the review page (admins): the relay's summary and export drawn by review-view.js ----
let reviewFilters = {};
async function showReview(on) {
  $('review-page').hidden = !on;
  $('app').hidden = on;
  $('btn-review').setAttribute('aria-pressed', String(on));
  $('btn-review').textContent = on ? 'Back to chats' : 'Review';
  if (on) await loadReview();
}
async function loadReview() {
  const page = $('review-page');
  const q = new URLSearchParams(reviewFilters).toString();
  const get = async (what) => {
    const r = await fetch(`/api/review/${what}${q ? `?${q}` : ''}`, { headers: { authorization: `Bearer ${state.session}` } });
    const body = await r.json().catch(() => ({}));
    if (!r.ok) throw new Error(body.message ?? `HTTP ${r.status}`);
    return body;
  };
  try {
    const [summary, doc] = await Promise.all([get('summary'), get('export')]);
    const { renderReview } = await import('./review-view.js');
    renderReview(page, doc, { summary, filters: reviewFilters, onFilter: (f) => { reviewFilters = f; loadReview(); } });
    page.querySelector('h1')?.setAttribute('tabindex', '-1');
    page.querySelector('h1')?.focus();
  } catch (e) {
    page.replaceChildren(el('p', { class: 'error', role: 'alert', text: `The review could not be loaded: ${e.message}` }));
  }
}
$('btn-review').addEventListener('click', () => showReview($('review-page').hidden));

function turnsOf(c) {
  const turns = [];
  for (const t of c.handoff?.transcript ?? []) {
    if (t.from !== 'visitor') continue;
    turns.push({ text: t.text, at: t.at, distress: t.affect?.distress ?? t.distress ?? null, crisis: !!(t.affect?.crisis ?? t.crisis),
      crisisKind: t.affect?.crisisKind ?? null, reasons: t.affect?.reasons ?? [] });
  }
  // The handoff's own affect belongs to the turn that triggered it, when the transcript does not say.
  const hand = turns.at(-1);
  if (hand && hand.distress === null && typeof c.handoff?.distress === 'number') hand.distress = c.handoff.distress;
  if (hand && (c.handoff?.reasons ?? []).some((r) => r.name === 'crisis')) hand.crisis = true;
  for (const f of [...c.events.values()].sort((a, b) => a.seq - b.seq)) {
    if (f.type !== 'message' || f.from !== 'visitor') continue;
    turns.push({ text: f.text, at: f.at, seq: f.seq, distress: f.affect?.distress ?? null, crisis: !!f.affect?.crisis,
      crisisKind: f.affect?.crisisKind ?? null, reasons: f.affect?.reasons ?? [], intent: f.affect?.intent ?? null, language: f.affect?.language ?? null });
  }
  turns.forEach((t, i) => { t.turn = i + 1; });
  return turns;
}

function maxDistressOf(c) {
  const ds = turnsOf(c).map((t) => t.distress).filter((d) => typeof d === 'number');
  if (typeof c.summary?.maxDistress === 'number') ds.push(c.summary.maxDistress);
  return ds.length ? Math.max(...ds) : null;
}

/** Every reason with the visitor turn it came from; one entry per (name, turn). */
function reasonsOf(c) {
  const turns = turnsOf(c);
  const handTurn = (c.handoff?.transcript ?? []).filter((t) => t.from === 'visitor').length || null;
  const out = new Map();
  const add = (r, turn) => {
    if (!r?.name) return;
    const key = `${r.name}@${turn ?? ''}`;
    const prev = out.get(key);
    if (!prev || (r.weight ?? 0) > (prev.weight ?? 0) || (!prev.evidence && r.evidence)) out.set(key, { name: r.name, turn, weight: r.weight, evidence: r.evidence });
  };
  for (const t of turns) for (const r of t.reasons) add(r, t.turn);
  for (const r of c.handoff?.reasons ?? []) add(r, r.turn ?? handTurn);
  for (const r of c.summary?.reasons ?? []) if (typeof r === 'object') add(r, r.turn ?? null);
  // In turn order, like the timeline above them; the strongest first within a turn.
  return [...out.values()].sort((a, b) => (a.turn ?? 0) - (b.turn ?? 0) || (b.weight ?? 0) - (a.weight ?? 0));
}

function renderConversation() {
  const c = state.convs.get(state.current);
  if (!c) return;
  const mineNow = c.state === 'assigned' && isMe(c.agent);
  $('conv-title').textContent = `${who(c)}${c.state === 'closed' ? ' (closed)' : c.state === 'message_left' ? ' (left a message)'
    : c.state === 'queued' ? ' (waiting)' : c.state === 'assigned' && !mineNow ? ` (with ${c.agent?.name ?? c.agent?.id})` : ''}`;

  const ol = $('transcript');
  const stick = ol.scrollHeight - ol.scrollTop - ol.clientHeight < 40;
  ol.replaceChildren();
  let turn = 0;
  const turns = turnsOf(c);
  for (const t of c.handoff?.transcript ?? []) {
    const tt = t.from === 'visitor' ? turns[turn++] : null;
    ol.append(msg(t.from, `${t.from}${tt ? ` · turn ${tt.turn}` : ''} · before handoff`, t.text, tt));
  }
  for (const f of [...c.events.values()].sort((a, b) => a.seq - b.seq)) {
    if (f.type === 'leave_message') {
      ol.append(el('li', { class: 'msg visitor left' }, el('span', { class: 'meta', text: `left a message · ${time(f.at)}${f.contact ? ` · contact: ${f.contact}` : ''}` }),
        el('span', { class: 'text', text: f.text })));
    } else if (f.type === 'message') {
      const tt = f.from === 'visitor' ? turns[turn++] : null;
      const name = f.from === 'agent' ? f.agent?.name ?? 'agent' : f.from === 'bot' ? 'bot' : 'visitor';
      ol.append(msg(f.from, `${name}${tt ? ` · turn ${tt.turn}` : ''} · ${time(f.at)}`, f.text, tt));
    } else {
      ol.append(el('li', { class: 'msg event', text: describe(f) }));
    }
  }
  for (const [, text] of c.pending) ol.append(el('li', { class: 'msg agent pending' }, el('span', { class: 'meta', text: 'sending…' }), text));
  if (stick) ol.scrollTop = ol.scrollHeight;

  renderVerdict(c);
  const open = c.state !== 'closed';
  const canReply = mineNow || c.state === 'message_left';
  $('btn-accept').hidden = !(c.state === 'queued');
  $('btn-csat').disabled = !mineNow;
  $('btn-bot').disabled = !mineNow;
  // A left message is answered and closed; the visitor is not here to rate or to go back to the bot.
  $('btn-csat').hidden = c.state === 'message_left';
  $('btn-bot').hidden = c.state === 'message_left';
  $('btn-close').disabled = !canReply;
  $('btn-transfer').hidden = !(open && (isAdmin() || mineNow));
  $('reply-text').disabled = !canReply;
  $('reply').querySelector('button').disabled = !canReply;
  if (!open) $('typing').hidden = true;
  const ul = $('suggestions');
  ul.replaceChildren(...c.suggestions.map((s) => el('li', {}, el('button', { type: 'button', class: 'secondary', text: s,
    onclick: () => { const t = $('reply-text'); t.value = s; t.focus(); } }))));
  $('assist').hidden = !canReply || c.suggestions.length === 0;
  const last = turns.at(-1);
  $('assist-for').textContent = last?.intent ? ` for “${last.intent.replace(/_/g, ' ')}”` : '';
  renderDetails(c, turns);
}

function msg(from, meta, text, turn) {
  const li = el('li', { class: `msg ${from}${turn?.crisis ? ' crisis' : ''}` }, el('span', { class: 'meta', text: meta }));
  if (turn && typeof turn.distress === 'number') {
    li.append(el('span', { class: `affect ${turn.distress >= 0.7 ? 'hi' : turn.distress >= 0.4 ? 'mid' : 'lo'}`,
      text: `need ${turn.distress.toFixed(2)}${turn.crisis ? ` · crisis${turn.crisisKind ? ` (${kindLabel(turn.crisisKind)})` : ''}` : ''}` }));
  } else if (turn?.crisis) li.append(el('span', { class: 'affect hi', text: 'crisis' }));
  if (turn?.intent) li.append(el('span', { class: 'affect intent', text: turn.intent.replace(/_/g, ' ') }));
  li.append(el('span', { class: 'text', text }));
  return li;
}

function renderDetails(c, turns) {
  const facts = [];
  const id = c.identity ?? c.handoff?.identity;
  facts.push(['Name', id?.name ? el('span', {}, `${id.name} `, verifiedBadge(id)) : 'not given']);
  if (id?.email) facts.push(['Email', id.email]);
  if (id?.userId) facts.push(['User id', id.userId]);
  const country = c.country ?? c.handoff?.country;
  facts.push(['Country', country ? `${country}${regionName(country) ? ` (${regionName(country)})` : ''}` : 'unknown']);
  const locale = c.locale ?? c.handoff?.locale;
  if (locale) facts.push(['Language', `${locale}${languageName(locale) ? ` (${languageName(locale)})` : ''}`]);
  if (c.team) facts.push(['Team', c.team]);
  facts.push(['Priority', el('span', { class: `badge prio ${c.priority}`, text: c.priority })]);
  if (c.handoff?.intent) facts.push(['Intent', c.handoff.intent]);
  if (c.waitingSince) facts.push([c.state === 'queued' ? 'Waiting since' : 'Arrived', `${time(c.waitingSince)} (${ago(c.waitingSince)} ago)`]);
  $('visitor').replaceChildren(...facts.map(([k, v]) => el('div', {}, el('dt', { text: k }), el('dd', {}, v))));

  const crisis = c.priority === 'crisis' || turns.some((t) => t.crisis);
  $('resources-card').hidden = !crisis;
  if (crisis) {
    const carried = c.handoff?.crisisResources ?? c.handoff?.crisis_resources ?? c.handoff?.resources ?? [];
    const list = carried.length ? carried : FALLBACK_RESOURCES;
    $('resources-note').textContent = carried.length
      ? `What the visitor was shown${country ? ` for ${country}` : ''}:`
      : `The widget sent no local resources${country ? ` for ${country}` : ''}; international fallback:`;
    $('resources').replaceChildren(...list.map(resource));
  }
  $('timeline').replaceChildren(sparkline(turns));
  const reasons = reasonsOf(c);
  $('reasons').replaceChildren(...(reasons.length ? reasons.map((r) => el('li', {},
    el('span', { class: 'turn', text: r.turn ? `turn ${r.turn}` : 'turn ?' }), ' ',
    el('span', { class: `reason${r.name === 'crisis' ? ' crisis' : ''}`, text: r.name }),
    r.weight !== undefined ? el('span', { class: 'muted', text: ` ${Number(r.weight).toFixed(2)}` }) : null,
    r.evidence ? el('span', { class: 'evidence', text: ` “${r.evidence}”` }) : null)) : [el('li', { class: 'muted', text: 'none' })]));
  renderCanned();
}

function resource(r) {
  const name = r.name ?? r.label ?? r.title ?? 'Resource';
  const phone = r.phone ?? r.number ?? r.tel ?? null;
  const url = typeof r.url === 'string' && /^https?:\/\//.test(r.url) ? r.url : null;
  return el('li', {}, el('strong', { text: name }), phone ? el('span', { class: 'phone', text: ` ${phone}` }) : null,
    r.text && !phone ? el('span', { text: ` ${r.text}` }) : null,
    url ? el('a', { href: url, target: '_blank', rel: 'noopener noreferrer', text: ` ${url.replace(/^https?:\/\//, '')}` }) : null);
}

function regionName(code) { try { return new Intl.DisplayNames(['en'], { type: 'region' }).of(code.toUpperCase()); } catch { return null; } }
function languageName(code) { try { return new Intl.DisplayNames(['en'], { type: 'language' }).of(code); } catch { return null; } }

/** Need for a person (the handoff score) per visitor turn as a small line; crisis turns are red dots. Has a text equivalent. */
function sparkline(turns) {
  const W = 280; const H = 64; const P = 6;
  const pts = turns.filter((t) => typeof t.distress === 'number');
  const n = Math.max(turns.length, 2);
  const x = (turn) => P + ((turn - 1) * (W - 2 * P)) / (n - 1);
  const y = (d) => H - P - d * (H - 2 * P);
  const desc = pts.length
    ? `Need for a person by visitor turn: ${pts.map((t) => `turn ${t.turn} ${t.distress.toFixed(2)}${t.crisis ? ' crisis' : ''}`).join(', ')}.`
    : 'No per-turn score was sent.';
  const s = svg('svg', { viewBox: `0 0 ${W} ${H}`, width: W, height: H, role: 'img', 'aria-label': desc, class: 'spark' });
  s.append(svg('title', {}, document.createTextNode(desc)));
  s.append(svg('line', { x1: P, x2: W - P, y1: y(0.7), y2: y(0.7), class: 'threshold' }));
  s.append(svg('line', { x1: P, x2: W - P, y1: y(0), y2: y(0), class: 'axis' }));
  if (pts.length > 1) s.append(svg('polyline', { points: pts.map((t) => `${x(t.turn).toFixed(1)},${y(t.distress).toFixed(1)}`).join(' '), class: 'line' }));
  for (const t of turns) {
    if (typeof t.distress === 'number') {
      s.append(svg('circle', { cx: x(t.turn).toFixed(1), cy: y(t.distress).toFixed(1), r: t.crisis ? 4.5 : 2.5, class: t.crisis ? 'dot crisis' : 'dot' },
        svg('title', {}, document.createTextNode(`turn ${t.turn}: ${t.distress.toFixed(2)}${t.crisis ? ' (crisis)' : ''}`))));
    } else if (t.crisis) {
      s.append(svg('circle', { cx: x(t.turn).toFixed(1), cy: y(1).toFixed(1), r: 4.5, class: 'dot crisis' }));
    }
  }
  const wrap = el('div', {}, s);
  const max = pts.reduce((m, t) => (t.distress > (m?.distress ?? -1) ? t : m), null);
  wrap.append(el('p', { class: 'muted spark-caption', text: max
    ? `${turns.length} visitor turn${turns.length === 1 ? '' : 's'} · max ${max.distress.toFixed(2)} at turn ${max.turn}${turns.some((t) => t.crisis) ? ` · crisis at turn ${turns.filter((t) => t.crisis).map((t) => t.turn).join(', ')}` : ''}`
    : desc }));
  return wrap;
}

function describe(f) {
  const at = time(f.at);
  switch (f.type) {
    case 'agent_joined': return `${f.agent?.name ?? 'An agent'} joined · ${at}`;
    case 'closed': return `closed (${String(f.reason ?? '').replace(/_/g, ' ')}${f.returnToBot ? ', visitor back with the bot' : ''}) · ${at}`;
    case 'csat_request': return `CSAT requested · ${at}`;
    case 'csat': return `CSAT ${f.score}/5${f.comment ? `: “${f.comment}”` : ''} · ${at}`;
    case 'leave_message': return `left a message${f.contact ? ` (contact: ${f.contact})` : ''}: ${f.text}`;
    case 'transferred': return `transferred${f.by?.name ? ` by ${f.by.name}` : ''} to ${f.to?.name ?? f.to?.agent ?? (f.to?.team ? `team ${f.to.team}` : '?')} · ${at}`;
    case 'agent_left': return `${f.agent?.name ?? 'The agent'} left; ${f.requeued ? 'back in the queue' : 'conversation waiting'} · ${at}`;
    default: return `${f.type} · ${at}`;
  }
}

function time(at) { return at ? new Date(at).toLocaleTimeString() : ''; }

// ------------------------------------------------------------------ canned replies
function cannedKey() { return `attune-canned:${state.me?.id ?? '?'}`; }

function loadCanned() {
  try {
    const v = JSON.parse(localStorage.getItem(cannedKey()) ?? '[]');
    state.canned = Array.isArray(v) ? v.filter((x) => typeof x?.shortcut === 'string' && typeof x?.text === 'string') : [];
  } catch { state.canned = []; }
  renderCanned();
}

function saveCanned() {
  try { localStorage.setItem(cannedKey(), JSON.stringify(state.canned)); } catch { $('conv-error').textContent = 'Canned replies could not be saved (storage is blocked).'; }
  renderCanned();
}

function renderCanned() {
  const ul = $('canned');
  ul.replaceChildren(...state.canned.map((x) => el('li', {},
    el('div', { class: 'row' }, el('code', { text: `/${x.shortcut}` }),
      el('button', { type: 'button', class: 'small', 'aria-label': `Insert /${x.shortcut}`, text: 'Insert', onclick: () => insertText(x.text) }),
      el('button', { type: 'button', class: 'small secondary', 'aria-label': `Edit /${x.shortcut}`, text: 'Edit', onclick: () => editCanned(x.id) }),
      el('button', { type: 'button', class: 'small secondary', 'aria-label': `Delete /${x.shortcut}`, text: 'Delete', onclick: () => {
        state.canned = state.canned.filter((y) => y.id !== x.id);
        if (state.editing === x.id) resetCannedForm();
        saveCanned();
        announce(`Deleted /${x.shortcut}.`);
      } })),
    el('p', { class: 'canned-text', text: x.text }))));
  $('canned-empty').hidden = state.canned.length > 0;
}

function editCanned(id) {
  const x = state.canned.find((y) => y.id === id);
  if (!x) return;
  state.editing = id;
  $('canned-shortcut').value = x.shortcut;
  $('canned-text').value = x.text;
  $('canned-save').textContent = 'Save';
  $('canned-cancel').hidden = false;
  $('canned-shortcut').focus();
}

function resetCannedForm() {
  state.editing = null;
  $('canned-form').reset();
  $('canned-save').textContent = 'Add';
  $('canned-cancel').hidden = true;
}

function insertText(text) {
  const t = $('reply-text');
  if (t.disabled) { $('conv-error').textContent = 'Open one of your conversations to insert a reply.'; return; }
  const start = t.selectionStart ?? t.value.length;
  const end = t.selectionEnd ?? t.value.length;
  t.setRangeText(text, start, end, 'end');
  t.focus();
}

/** Replace a `/shortcut` just before the caret with its canned text; true if it did. */
function expandShortcut(t, trailing = '') {
  const caret = t.selectionStart;
  const before = t.value.slice(0, caret - trailing.length);
  const m = /(^|\s)\/([A-Za-z0-9_-]+)$/.exec(before);
  if (!m) return false;
  const x = state.canned.find((y) => y.shortcut.toLowerCase() === m[2].toLowerCase());
  if (!x) return false;
  const from = before.length - m[2].length - 1;
  t.setRangeText(x.text + trailing, from, caret, 'end');
  return true;
}

// ------------------------------------------------------------------ accounts (admins)
function onAccounts(list) {
  state.accounts = list.filter((a) => a && typeof a.name === 'string');
  for (const a of state.accounts) {
    state.knownAgents.add(a.name);
    for (const t of a.teams ?? []) state.knownTeams.add(t);
  }
  renderAccounts();
  renderLists();
}

function onAccountResult(f) {
  if (f.password) {
    // Shown once, like the CLI does: the relay keeps only its hash.
    $('acc-result').textContent = `Password for ${f.account?.name ?? f.name ?? 'the account'}: ${f.password} (shown once; pass it on privately)`;
  } else {
    $('acc-result').textContent = f.type === 'account_removed' ? `Removed ${f.name ?? ''}.` : `Saved ${f.account?.name ?? ''}.`;
  }
  send({ type: 'accounts' });
}

function renderAccounts() {
  const ul = $('list-accounts');
  ul.replaceChildren(...state.accounts.map((a) => el('li', { class: 'conv-item' },
    el('div', { class: 'row' }, el('strong', { text: a.display ?? a.name }), el('code', { text: a.name }),
      el('span', { class: `badge ${a.role === 'admin' ? 'prio high' : ''}`, text: a.role })),
    el('div', { class: 'row muted' }, el('span', { text: a.teams?.length ? `teams ${a.teams.join(', ')}` : 'every team' }),
      el('span', { text: `max ${a.maxChats ?? 3} chats` })),
    el('div', { class: 'row actions' },
      el('button', { type: 'button', class: 'secondary small', 'aria-label': `Edit account ${a.name}`, text: 'Edit', onclick: () => editAccount(a) }),
      a.name === state.me?.id ? null : el('button', { type: 'button', class: 'danger small', 'aria-label': `Remove account ${a.name}`, text: 'Remove',
        onclick: () => { if (confirm(`Remove the account ${a.name}? Its sessions end at once.`)) send({ type: 'account_remove', id: newId(), name: a.name }); } })))));
  $('empty-accounts').hidden = state.accounts.length > 0;
}

function editAccount(a) {
  state.editingAccount = a.name;
  $('account-form-title').textContent = `Edit ${a.name}`;
  $('acc-name').value = a.name;
  $('acc-name').readOnly = true;
  $('acc-display').value = a.display ?? '';
  $('acc-role').value = a.role ?? 'agent';
  $('acc-teams').value = (a.teams ?? []).join(', ');
  $('acc-max').value = String(a.maxChats ?? 3);
  $('acc-password').value = '';
  $('acc-save').textContent = 'Save';
  $('acc-cancel').hidden = false;
  $('acc-display').focus();
}

function resetAccountForm() {
  state.editingAccount = null;
  $('account-form').reset();
  $('acc-name').readOnly = false;
  $('account-form-title').textContent = 'Add an account';
  $('acc-save').textContent = 'Add';
  $('acc-cancel').hidden = true;
}

$('account-form').addEventListener('submit', (e) => {
  e.preventDefault();
  const account = {
    name: $('acc-name').value.trim(), role: $('acc-role').value,
    teams: $('acc-teams').value.split(',').map((t) => t.trim()).filter(Boolean), maxChats: Number($('acc-max').value || 3),
  };
  if ($('acc-display').value.trim()) account.display = $('acc-display').value.trim();
  if ($('acc-password').value) account.password = $('acc-password').value;
  $('acc-result').textContent = '';
  send({ type: 'account_upsert', id: newId(), account });
  resetAccountForm();
});
$('acc-cancel').addEventListener('click', resetAccountForm);

// ------------------------------------------------------------------ controls
function setPresence(status, tell) {
  state.presence = status === 'away' ? 'away' : 'online';
  try { sessionStorage.setItem(PRESENCE_KEY, state.presence); } catch { /* blocked */ }
  if (tell) send({ type: 'presence', status: state.presence });
  renderPresence();
}

function renderPresence() {
  const b = $('btn-presence');
  b.textContent = state.presence === 'away' ? 'Status: away' : 'Status: online';
  b.classList.toggle('away', state.presence === 'away');
  b.title = state.presence === 'away' ? 'You get no new chats. Click to go online.' : 'New chats are routed to you. Click to go away.';
}

function renderMute() {
  const b = $('btn-mute');
  b.setAttribute('aria-pressed', String(state.muted)); // a toggle: the label stays, the pressed state says muted
  b.classList.toggle('muted-on', state.muted);
}

function switchTab(kind, focus = true) {
  state.tab = kind;
  for (const k of TABS) {
    const on = k === kind;
    $(`tab-${k}`).setAttribute('aria-selected', String(on));
    $(`tab-${k}`).tabIndex = on ? 0 : -1;
    $(`panel-${k}`).hidden = !on;
  }
  if (focus) $(`tab-${kind}`).focus();
  if (kind === 'messages') askMessages(true);
}

$('login').addEventListener('submit', (e) => {
  e.preventDefault();
  const useToken = $('login-use-token').checked;
  const account = useToken ? 'admin' : $('login-account').value.trim();
  const secret = $('login-password').value;
  $('login-password').value = '';
  $('login-error').textContent = '';
  state.creds = useToken ? { account, token: secret } : { account, password: secret };
  state.session = null;
  state.loggedOut = false;
  state.lastError = null;
  state.attempt = 0;
  try { state.audio ??= new AudioContext(); state.audio.resume().catch(() => {}); } catch { /* no audio on this browser */ }
  state.ws?.close();
  connect();
});

$('login-use-token').addEventListener('change', (e) => {
  $('login-secret-label').textContent = e.target.checked ? 'Bootstrap token' : 'Password';
  $('login-account').disabled = e.target.checked;
  if (e.target.checked) $('login-account').value = 'admin';
});

$('btn-logout').addEventListener('click', () => {
  send({ type: 'logout' });
  state.loggedOut = true;
  writeSession(null);
  state.session = null;
  const ws = state.ws;
  state.ws = null;
  setTimeout(() => ws?.close(1000, 'logout'), 100); // let the logout frame leave first
  signOut('Signed out.');
});

$('btn-presence').addEventListener('click', () => setPresence(state.presence === 'online' ? 'away' : 'online', true));
$('btn-mute').addEventListener('click', () => {
  state.muted = !state.muted;
  try { localStorage.setItem(MUTE_KEY, state.muted ? '1' : '0'); } catch { /* blocked */ }
  renderMute();
});

for (const k of TABS) {
  $(`tab-${k}`).addEventListener('click', () => switchTab(k));
  $(`tab-${k}`).addEventListener('keydown', (e) => {
    const order = TABS.filter((t) => !$(`tab-${t}`).hidden);
    const i = order.indexOf(k);
    const n = order.length;
    const to = { ArrowRight: order[(i + 1) % n], ArrowLeft: order[(i + n - 1) % n], Home: order[0], End: order[n - 1] }[e.key];
    if (to) { e.preventDefault(); switchTab(to); }
  });
}

$('queue-more').addEventListener('click', () => requestPage('queue', PAGE));
$('messages-more').addEventListener('click', () => requestPage('messages', PAGE));

$('crisis-open').addEventListener('click', () => {
  const id = $('crisis-open').dataset.conversation;
  if (!id) return;
  const c = conv(id);
  if (c.state === 'queued' || c.state === null) accept(id); else openConv(id);
  clearAlerts(id);
});
$('crisis-ack').addEventListener('click', () => clearAlerts());

$('reply').addEventListener('submit', (e) => {
  e.preventDefault();
  const t = $('reply-text');
  if (/^\/[A-Za-z0-9_-]+$/.test(t.value.trim()) && expandShortcut(t)) return; // expanded: let the agent read it first
  const text = t.value.trim();
  if (!text || !state.current) return;
  const c = conv(state.current);
  const id = newId();
  c.pending.set(id, text); // kept until acked; resent after a reconnect with the same id
  send({ type: 'message', conversation: state.current, id, text });
  t.value = '';
  renderConversation();
});

$('reply-text').addEventListener('input', (e) => {
  if (e.inputType === 'insertText' && e.data === ' ') expandShortcut(e.target, ' ');
  const now = Date.now();
  if (state.current && now - state.lastTypingSent > 1500) {
    state.lastTypingSent = now;
    send({ type: 'typing', conversation: state.current });
  }
});

$('reply-text').addEventListener('keydown', (e) => {
  if (e.key === 'Tab' && !e.shiftKey && expandShortcut(e.target)) { e.preventDefault(); return; }
  if (e.key === 'Enter' && !e.shiftKey) { e.preventDefault(); $('reply').requestSubmit(); }
});

$('canned-form').addEventListener('submit', (e) => {
  e.preventDefault();
  const shortcut = $('canned-shortcut').value.trim().replace(/^\//, '');
  const text = $('canned-text').value.trim();
  if (!shortcut || !text) return;
  if (state.canned.some((x) => x.shortcut.toLowerCase() === shortcut.toLowerCase() && x.id !== state.editing)) {
    $('canned-shortcut').setCustomValidity(`/${shortcut} already exists`);
    $('canned-shortcut').reportValidity();
    return;
  }
  if (state.editing) state.canned = state.canned.map((x) => (x.id === state.editing ? { ...x, shortcut, text } : x));
  else state.canned.push({ id: newId(), shortcut, text });
  announce(`${state.editing ? 'Saved' : 'Added'} /${shortcut}.`);
  resetCannedForm();
  saveCanned();
});
$('canned-shortcut').addEventListener('input', () => $('canned-shortcut').setCustomValidity(''));
$('canned-cancel').addEventListener('click', resetCannedForm);

$('btn-accept').addEventListener('click', () => accept(state.current));
$('btn-csat').addEventListener('click', () => send({ type: 'csat_request', conversation: state.current, id: newId() }));
$('btn-bot').addEventListener('click', () => send({ type: 'close', conversation: state.current, id: newId(), returnToBot: true }));
$('btn-close').addEventListener('click', () => send({ type: 'close', conversation: state.current, id: newId(), returnToBot: false }));
$('btn-transfer').addEventListener('click', () => {
  const show = $('transfer').hidden;
  $('transfer').hidden = !show;
  $('btn-transfer').setAttribute('aria-expanded', String(show));
  if (show) { renderLists(); $('transfer-to').focus(); }
});
$('transfer-cancel').addEventListener('click', () => { $('transfer').hidden = true; $('btn-transfer').setAttribute('aria-expanded', 'false'); $('btn-transfer').focus(); });
for (const r of document.querySelectorAll('input[name=transfer-kind]')) r.addEventListener('change', renderLists);
$('transfer').addEventListener('submit', (e) => {
  e.preventDefault();
  const kind = document.querySelector('input[name=transfer-kind]:checked').value;
  const to = $('transfer-to').value.trim();
  if (!to || !state.current) return;
  send({ type: 'transfer', conversation: state.current, to: kind === 'team' ? { team: to } : { agent: to } });
  $('transfer').reset();
  $('transfer').hidden = true;
  $('btn-transfer').setAttribute('aria-expanded', 'false');
  announce(`Transfer to ${to} requested.`);
});

// Waiting times and the banner stay current without a frame from the relay.
setInterval(() => { if (state.me) renderLists(); }, 30000);
renderMute();
renderPresence();
if (state.session) connect(); // a reload: resume the session instead of asking for the password again
else $('login-account').focus();
