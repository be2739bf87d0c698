// handoff.js: the widget's hand-over to a person, as a small state machine.
//
//   bot --core asks / visitor asks--> check availability --person--> consent --yes--> connecting
//    ^            |no channel, unreachable: honest answer, no offer      |no            |queued{position}
//    |            |nobody now: no_agent (leave a message | keep chatting)v               v
//    |                                   |                              bot   agent_joined -> agent
//    |                                   v                                      |agent_left -> connecting (requeued)
//    +---- closed / unreachable ---- message_left (bot answers; the agent's    |closed -> bot
//                                     reply appears here, also after a reload)
//
// Nothing leaves the page before the visitor says yes (or sends a left message, whose form says
// what is shared). Every text that leaves (transcript, live messages, the left message, reasons'
// evidence) is redacted by the core first; if redaction fails, nothing is sent and the visitor
// is told. While connecting or with an agent, the bot stays silent. A person is offered only
// when one can answer (channel configured, relay reachable, someone online, within the pack's
// business hours); a declined or unavailable offer tells the core, which then does not ask again
// on the next turn.
import { h } from './dom.js';
import { format } from './i18n/index.js';
import { markActive } from './handoff-flag.js';
import { chooseOffer, affectOf, priorityOf, cleanIdentity } from './handoff-policy.js';

const loadChannels = () => import('../channels/index.js');
const CSAT_WAIT_MS = 10 * 60_000; // how long a closed conversation's channel waits for a pending rating

/** Where a reason's evidence sits, for redacting it in its message (core-ops.js redactIn). */
function within(message, reason) {
  return typeof message === 'string' && reason?.end > reason?.begin ? { message, begin: reason.begin, end: reason.end } : null;
}

export class Handoff {
  state = 'bot';
  agentName = null;
  #o;
  #channel = null;
  #csatChannel = null; // a closed conversation's channel, kept until the pending rating is sent
  #offs = [];
  #consentCard = null;
  #turnMessage = null; // the visitor's message the offer was made on (present())
  #consentTeam = () => null; // the team the open consent card would connect to
  #typedConsent = null; // the visitor's typed "yes" to the card: an answer, not a turn the agent reads as one
  #queueCard = null;
  #noAgent = null; // the leave-a-message card, removed when the channel turns out dead
  #turn = null;
  #team = null;
  #pending = new Map(); // visitor messages not yet stored by the relay: local id -> text as typed
  #lost = false;

  /** @param {object} o hooks from <attune-chat> (append, card, strings, emit, engine, ...) */
  constructor(o) {
    this.#o = o;
  }

  /** True while visitor messages go to a person instead of the bot. */
  get active() {
    return this.state === 'connecting' || this.state === 'agent';
  }

  /**
   * What can be offered now, asked before the bot promises anything: channel configured, the
   * relay's availability for the team, the pack's business hours (evaluated by the core).
   * @returns {Promise<{kind: 'none'|'unreachable'|'leave'|'person', reason: string|null}>}
   */
  async check(turn) {
    const o = this.#o;
    if (!o.config.channel) return chooseOffer({ channel: false });
    // Already told that no one is there (the card is on screen): no second offer, no promise.
    if (this.state === 'no_agent') return { kind: 'leave', reason: 'offline' };
    const team = turn?.team ?? null;
    const hours = await o.engine()?.businessHours(Date.now()).catch(() => null);
    let availability = null;
    let unreachable = false;
    try {
      const { createChannel } = await loadChannels();
      availability = await createChannel(o.config.channel).availability({ team, pack: o.pack()?.id });
    } catch (err) {
      // A bad channel config is the site's bug, not the relay's: say it in the console.
      if (err?.code !== 'unreachable') console.error('Attune: cannot ask the channel for availability: ' + (err?.message ?? err));
      unreachable = true;
    }
    return chooseOffer({ channel: true, availability, unreachable, hours });
  }

  /** The bot's words when no person can be offered (the core's own reply would promise one). */
  honestReply(offer, turn, crisis) {
    const t = this.#o.strings();
    if (crisis) return t.crisisNoPerson;
    if (offer.kind === 'leave') return this.#o.pack()?.handoff?.no_agent_message ?? t.unreachableOffer;
    if (offer.kind === 'unreachable') return t.unreachableOffer;
    return t.noChannel;
  }

  /** Shows what `check()` allowed: the consent card, the leave-a-message card, or nothing. */
  present(offer, turn) {
    if (this.state !== 'bot' && this.state !== 'message_left') return;
    this.#turn = turn;
    // The visitor may write on before answering the card: the reasons belong to this message.
    this.#turnMessage = this.#o.messages().filter((m) => m.from === 'user').at(-1) ?? null;
    const o = this.#o;
    const base = { reasons: turn.reasons, distress: turn.distress, intent: turn.intent };
    if (offer.kind === 'person') return this.#consent(turn, base);
    // No person now: the offer was made honestly once; the core does not repeat it next turn.
    this.#declined();
    if (offer.kind === 'leave') {
      o.emit('handoff', { ...base, state: 'no_agent', reason: offer.reason });
      this.#noAgentCard(null, false); // the bot has just said it in its own words
    } else {
      o.emit('handoff', { ...base, state: 'unavailable', reason: offer.reason });
    }
  }

  #consent(turn, base) {
    const o = this.#o;
    const t = o.strings();
    if (this.state === 'message_left') this.#release(); // a new request replaces the left message's listener
    this.state = 'consent';
    const text = o.pack()?.handoff?.consent_text ?? '';
    const teams = (o.pack()?.handoff?.teams ?? []).filter((x) => x && typeof x.id === 'string');
    let select = null;
    if (teams.length > 1) {
      // First choice: the team the pack's routing picked (or whoever is free), so "yes" needs no choice.
      select = h('select', { id: 'attune-team' },
        h('option', { value: '' }, t.anyTeam),
        ...teams.map((x) => h('option', { value: x.id, selected: x.id === turn.team }, x.label ?? x.id)));
    }
    this.#consentTeam = () => select?.value || turn.team || null;
    const yes = h('button', { type: 'button', className: 'action primary', onclick: () => this.#consented(this.#consentTeam()) }, t.consentYes);
    this.#consentCard = o.card('consent',
      text ? h('p', {}, text) : '',
      select ? h('label', { htmlFor: 'attune-team' }, t.chooseTeam) : '', select ?? '',
      h('div', { className: 'row' }, yes,
        h('button', { type: 'button', className: 'action', onclick: () => this.cancelConsent(true) }, t.consentNo)));
    yes.focus();
    o.emit('handoff', { ...base, state: 'consent' });
  }

  /**
   * The visitor was with a person (or waiting for one, or left a message) on the previous page
   * of this tab: reconnect to that conversation instead of starting over. The channel resumes its
   * stored session and replays what was missed (e.g. the agent's answer to a left message).
   */
  async resume() {
    if (this.state !== 'bot' || !this.#o.config.channel) return markActive(false);
    const o = this.#o;
    const t = o.strings();
    try {
      const { createChannel } = await loadChannels();
      const channel = createChannel(o.config.channel);
      if (!channel.hasStoredSession()) return markActive(false);
      this.#channel = channel;
      this.state = 'connecting';
      o.status(t.connecting);
      this.#listen();
      const r = await channel.connect(await this.#payload());
      if (r.state === 'closed') {
        this.#back();
        return;
      }
      if (this.state === 'connecting') {
        if (r.state === 'assigned') {
          this.state = 'agent';
          this.agentName = r.agent?.name || t.agent;
          o.status(this.agentName);
        } else if (r.state === 'message_left') {
          this.state = 'message_left';
          o.status(null);
        }
      }
      o.emit('handoff', { state: this.state, resumed: true, ...(this.agentName ? { agent: this.agentName } : {}) });
    } catch (err) {
      console.warn('Attune: could not resume the conversation with live support: ' + (err?.message ?? err));
      this.#back();
    }
  }

  /**
   * The visitor typed "yes" (or "ok", "sí", "gerne") under the consent card: the same consent as
   * its button, with the team it shows. A typed "no" declines it (cancelConsent); anything else
   * goes to the bot and leaves the card open (consentLast).
   */
  acceptTyped(message) {
    if (this.state !== 'consent') return;
    this.#typedConsent = message ?? null;
    this.#consented(this.#consentTeam());
  }

  /** The card still open after the bot answered something typed under it: moved under the answer. */
  consentLast() {
    const card = this.#consentCard;
    if (this.state !== 'consent' || !card?.isConnected) return;
    card.parentNode.append(card);
    this.#o.scroll?.();
  }

  /** The visitor said no (by button or typed). */
  cancelConsent(explicit = false) {
    if (this.state !== 'consent') return;
    this.state = 'bot';
    this.#consentCard?.remove();
    this.#consentCard = null;
    this.#declined();
    this.#o.emit('handoff', { state: 'declined' });
    if (explicit) this.#o.focusInput();
  }

  #declined() {
    this.#o.engine()?.handoffDeclined().catch(() => {});
  }

  async #consented(team) {
    const o = this.#o;
    const t = o.strings();
    this.#consentCard?.remove();
    this.#consentCard = null;
    this.#team = team;
    this.state = 'connecting';
    markActive(true);
    o.append({ from: 'system', text: t.connecting });
    o.status(t.connecting);
    o.emit('handoff', { state: 'connecting', ...(team ? { team } : {}) });
    try {
      await this.#open();
    } catch (err) {
      this.#unreachable(err);
    }
  }

  async #open() {
    const { createChannel } = await loadChannels();
    this.#lost = false;
    this.#channel = createChannel(this.#o.config.channel);
    this.#listen();
    return this.#channel.connect(await this.#payload());
  }

  /** What the agent receives: redacted transcript, the core's reasons and affect, routing facts. */
  async #payload() {
    const o = this.#o;
    const turn = this.#turn ?? {};
    // A typed "yes" to the consent card is not a visitor turn: the console counts turns by visitor
    // messages and would put the last turn's reasons (a crisis) on it.
    const history = o.messages().filter((m) => m.from !== 'system' && m !== this.#typedConsent).slice(-200);
    const reasons = turn.reasons ?? [];
    // One round trip to the core for every text that leaves the page.
    const records = (o.turnRecords?.() ?? []).slice(-200);
    // The reasons point into the handoff turn's message: the one the decision came on (present()),
    // not a later one typed before consenting.
    const visitorMessages = history.filter((m) => m.from === 'user');
    const decided = visitorMessages.indexOf(this.#turnMessage);
    const said = decided >= 0 ? visitorMessages[decided].text : visitorMessages.at(-1)?.text;
    const reasonTurn = decided >= 0 ? decided + 1 : null;
    const texts = await o.redact()([...history.map((m) => m.text), ...reasons.map((r) => r.evidence ?? ''), ...records.map((r) => r.text)],
      [...history.map(() => null), ...reasons.map((r) => within(said, r)), ...records.map(() => null)]);
    const at = history.length + reasons.length;
    const emotions = {};
    for (const [k, v] of Object.entries(turn.emotions ?? {})) if (typeof v === 'number') emotions[k] = v;
    const pack = o.pack();
    const identity = cleanIdentity(o.identity());
    const country = o.country();
    const team = this.#team ?? turn.team ?? null;
    const crisisResources = await o.crisisResources().catch(() => []);
    return {
      transcript: history.map((m, i) => ({ from: m.from === 'user' ? 'visitor' : m.from, text: texts[i], at: m.time })),
      reasons: reasons.map((r, i) => ({ name: r.name, weight: r.weight, evidence: texts[history.length + i],
        ...(reasonTurn ? { turn: reasonTurn } : {}) })),
      // Per-turn records for the review page (issue 16), their texts redacted like the transcript.
      turns: records.map((r, i) => ({ ...r, text: texts[at + i] })),
      distress: turn.distress,
      valence: turn.valence,
      emotions,
      intent: turn.intent,
      locale: o.config.locale,
      pack: pack?.id,
      priority: priorityOf(o.crisisHeard()),
      ...(team ? { team } : {}),
      ...(country ? { country } : {}),
      ...(identity ? { identity } : {}),
      ...(crisisResources?.length ? { crisisResources: crisisResources.map(({ name, phone, url }) => ({ name, phone, url })) } : {}),
    };
  }

  #listen() {
    const o = this.#o;
    const ch = this.#channel;
    const t = () => o.strings();
    const on = (name, fn) => this.#offs.push(ch.on(name, fn));
    // A dropped connection is retried by the channel (a bounded number of times); say so instead of looking stuck.
    on('status', ({ state } = {}) => {
      if (state === 'reconnecting' && this.active) o.status(t().reconnecting);
      else if (state === 'connected' && this.agentName) o.status(this.agentName);
      else if (state === 'queued' && this.state === 'connecting') o.status(t().connecting);
    });
    on('queued', ({ position } = {}) => {
      if (this.state !== 'connecting') return;
      const text = format(t().queuePosition, { position });
      // One card updated in place: the place changes often, the log should not fill with it.
      if (this.#queueCard?.isConnected) this.#queueCard.firstChild.textContent = text;
      else this.#queueCard = o.card('queue', h('p', {}, text));
      o.announce(text);
      o.emit('handoff', { state: 'queued', position });
    });
    on('agent_joined', ({ agent } = {}) => {
      this.#queueCard?.remove();
      this.#queueCard = null;
      this.state = 'agent';
      this.agentName = agent?.name || t().agent;
      o.status(this.agentName);
      o.append({ from: 'system', text: format(t().agentJoined, { name: this.agentName }) });
      o.emit('handoff', { state: 'agent', agent: this.agentName });
    });
    on('agent_left', ({ requeued } = {}) => {
      const name = this.agentName ?? t().agent;
      this.agentName = null;
      o.clearTyping();
      if (requeued !== false) this.state = 'connecting';
      o.status(t().connecting);
      o.append({ from: 'system', text: format(t().agentRequeued, { name }) });
      o.emit('handoff', { state: 'requeued', agent: name });
    });
    on('transferred', ({ to } = {}) => {
      const teams = o.pack()?.handoff?.teams ?? [];
      const label = to?.name ?? teams.find((x) => x?.id === to?.team)?.label ?? to?.team ?? t().agent;
      o.append({ from: 'system', text: format(t().transferred, { name: label }) });
      o.emit('handoff', { state: 'transferred', to: label });
    });
    on('message', (m) => {
      if (typeof m?.text === 'string') o.append({ from: 'agent', text: m.text, name: this.agentName ?? undefined, id: m.id });
    });
    on('typing', () => {
      if (this.state === 'agent') o.typing(this.agentName);
    });
    on('no_agent', ({ reason } = {}) => {
      if (this.state !== 'connecting') return; // the relay repeats availability changes
      this.state = 'no_agent';
      o.status(null);
      this.#declined();
      o.emit('handoff', { state: 'no_agent', reason });
      this.#noAgentCard(this.#channel, true);
    });
    on('csat_request', () => o.csat());
    on('closed', ({ reason, returnToBot } = {}) => {
      const name = this.agentName ?? t().agent;
      const text = reason === 'visitor_gone' ? t().closedGone
        : returnToBot === false || reason === 'agent_closed' ? format(t().agentClosed, { name })
          : format(t().agentLeft, { name });
      this.#ended();
      o.append({ from: 'system', text });
      o.emit('handoff', { state: 'closed', reason: reason ?? null, returnToBot: returnToBot !== false });
    });
    on('unreachable', (err) => this.#unreachable(err));
  }

  /**
   * The relay could not be reached (at the start, or its retries ran out mid-handoff): say so
   * plainly, go back to the bot, and let the bot answer what the visitor wrote that never arrived.
   */
  #unreachable(err) {
    if (this.#lost) return;
    this.#lost = true;
    const o = this.#o;
    if (this.state === 'message_left') {
      // The visitor is with the bot already and the message is stored: stop listening quietly;
      // the channel kept its session, so a later page resumes and shows the answer.
      for (const off of this.#offs.splice(0)) off();
      this.#channel = null;
      this.state = 'bot';
      return;
    }
    console.error('Attune: could not reach live support: ' + (err?.message ?? err));
    o.emit('error', { code: err?.code ?? 'channel_failed', message: String(err?.message ?? err), fatal: false });
    const unsent = [...this.#pending.values()];
    this.#pending.clear();
    this.#queueCard?.remove();
    this.#queueCard = null;
    this.#noAgent?.remove(); // leave-a-message would fail on this channel: not offered
    this.#noAgent = null;
    for (const off of this.#offs.splice(0)) off();
    const channel = this.#channel;
    this.#channel = null;
    channel?.release().catch(() => {});
    this.state = 'bot';
    this.agentName = null;
    markActive(false);
    o.status(null);
    o.clearTyping();
    o.append({ from: 'system', text: o.strings().unreachable });
    o.emit('handoff', { state: 'unreachable' });
    this.#declined();
    o.answer(unsent);
  }

  /**
   * No one can answer now: leave a message (only on a channel that works; `channel` null: one is
   * opened for it) or keep chatting with the bot.
   */
  #noAgentCard(channel, withText) {
    const o = this.#o;
    const t = o.strings();
    const text = o.pack()?.handoff?.no_agent_message ?? t.noChannel;
    const card = (this.#noAgent = o.card('no-agent', withText ? h('p', {}, text) : ''));
    const keep = h('button', { type: 'button', className: 'action', onclick: () => {
      card.remove();
      if (this.state === 'no_agent') this.#back();
      this.#declined();
      o.focusInput();
    } }, t.keepChatting);
    const leave = h('button', { type: 'button', className: 'action primary', onclick: () => this.#leaveForm(card) }, t.leaveMessage);
    card.append(h('div', { className: 'row' }, leave, keep));
    leave.focus();
  }

  #leaveForm(card) {
    const o = this.#o;
    const t = o.strings();
    const msg = h('textarea', { id: 'attune-leave-text', rows: 3, required: true });
    const contact = h('input', { id: 'attune-leave-contact', type: 'email', autocomplete: 'email', value: cleanIdentity(o.identity())?.email ?? '' });
    const error = h('p', { role: 'alert' });
    const consent = o.pack()?.handoff?.consent_text;
    const form = h('form', {},
      h('label', { htmlFor: 'attune-leave-text' }, t.messageLabel), msg,
      h('label', { htmlFor: 'attune-leave-contact' }, t.contactLabel), contact,
      // Sending a message shares it (and the conversation) with the team: the same words as the consent card.
      this.#channel ? '' : consent ? h('p', { className: 'note' }, consent) : '',
      error,
      h('div', { className: 'row' }, h('button', { type: 'submit', className: 'action primary' }, t.submit)));
    form.addEventListener('submit', async (e) => {
      e.preventDefault();
      const text = msg.value.trim();
      if (!text) return msg.focus();
      if (text.length > o.maxLength) {
        error.textContent = format(t.tooLong, { count: text.length, max: o.maxLength });
        return msg.focus();
      }
      let safe;
      try {
        [safe] = await o.redact()([text]);
      } catch {
        error.textContent = t.redactFailed; // nothing was sent
        return;
      }
      try {
        if (!this.#channel) {
          markActive(true);
          await this.#open();
        }
        await this.#channel.leaveMessage(safe, contact.value.trim());
      } catch (err) {
        if (err?.code === 'unreachable' || this.#lost) {
          card.remove(); // the channel is dead: #unreachable() told the visitor; no retry button on it
          return;
        }
        error.textContent = t.failed;
        return;
      }
      // Stored by the relay: keep the conversation (no `close`, which would end it) and keep
      // listening, so the agent's answer shows here, also on the site's next page.
      card.replaceChildren(h('p', {}, t.messageLeft));
      this.state = 'message_left';
      o.status(null);
      o.emit('handoff', { state: 'message_left' });
      o.focusInput();
    });
    card.replaceChildren(form);
    msg.focus();
  }

  /** The conversation with a person ended (closed by the agent or the relay). */
  #ended() {
    const o = this.#o;
    o.engine()?.handoffEnded().catch(() => {});
    const channel = this.#channel;
    this.#channel = null;
    for (const off of this.#offs.splice(0)) off();
    this.state = 'bot';
    markActive(false);
    this.agentName = null;
    this.#queueCard = null;
    o.status(null);
    o.clearTyping();
    // A rating asked for and not yet given still reaches the relay, which accepts it after close.
    if (o.csatPending() && channel) {
      this.#csatChannel = channel;
      // Not answered within 10 minutes: let the connection go (the rating card then sends nothing).
      setTimeout(() => {
        if (this.#csatChannel !== channel) return;
        this.#csatChannel = null;
        channel.close().catch(() => {});
      }, CSAT_WAIT_MS);
    } else channel?.close().catch(() => {});
  }

  /** Back to the bot; the channel is released (after an agent closed, close() sends nothing more). */
  #back() {
    this.state = 'bot';
    markActive(false);
    this.agentName = null;
    this.#o.status(null);
    this.#o.clearTyping();
    for (const off of this.#offs.splice(0)) off();
    this.#channel?.close().catch(() => {});
    this.#channel = null;
  }

  /** Stop listening but keep the conversation (a left message stays with the team). */
  #release() {
    for (const off of this.#offs.splice(0)) off();
    this.#channel?.release().catch(() => {});
    this.#channel = null;
    this.state = 'bot';
    markActive(false);
  }

  /**
   * A visitor message while connecting or with an agent: redacted by the core, with the turn's
   * affect (for the agent's timeline) and agent-assist suggestions. Resolves true when stored.
   */
  async visitorSaid(text, turn) {
    const o = this.#o;
    // A person answers now: the bot not understanding a message meant for them ("fallback") says
    // nothing about the visitor, and the agent's timeline showed it as a reason.
    if (Array.isArray(turn?.reasons)) turn = { ...turn, reasons: turn.reasons.filter((r) => r?.name !== 'fallback') };
    const reasons = turn?.reasons ?? [];
    // Agent assist: the core's drafts for what the visitor needs now (an older core: its reply).
    // They may be filled with what the visitor gave (an email...), so they are redacted too.
    const drafts = (Array.isArray(turn?.suggestions) && turn.suggestions.length ? turn.suggestions : turn?.reply ? [turn.reply] : [])
      .filter((x) => typeof x === 'string');
    let safe;
    try {
      safe = await o.redact()([text, ...reasons.map((r) => r.evidence ?? ''), ...drafts], [null, ...reasons.map((r) => within(text, r))]);
    } catch (err) {
      console.error('Attune: message not sent, redaction failed: ' + (err?.message ?? err));
      o.append({ from: 'system', text: o.strings().redactFailed });
      return false;
    }
    const key = Symbol('pending');
    this.#pending.set(key, text);
    try {
      const evidence = safe.slice(1, 1 + reasons.length);
      await this.#channel.send(safe[0], { suggestions: safe.slice(1 + reasons.length), affect: affectOf(turn, evidence) });
      return true;
    } catch (err) {
      if (err?.code === 'unreachable' || this.#lost) return false; // answered by the bot (#unreachable)
      o.append({ from: 'system', text: o.strings().failed });
      console.error('Attune: message not delivered: ' + (err?.message ?? err));
      return false;
    } finally {
      this.#pending.delete(key);
    }
  }

  visitorTyping() {
    if (this.active) this.#channel?.sendTyping();
  }

  /** True when a rating goes to the relay through this conversation's session (it was handed off). */
  get ratesThroughRelay() { return !!(this.#channel ?? this.#csatChannel); }

  csat(detail) {
    const channel = this.#channel ?? this.#csatChannel;
    const sent = channel?.sendCsat(detail).catch(() => {});
    if (channel && channel === this.#csatChannel) {
      this.#csatChannel = null;
      sent.finally(() => channel.close().catch(() => {}));
    }
  }

  dispose() {
    if (this.state === 'message_left') this.#release();
    else this.#back();
    this.#csatChannel?.close().catch(() => {});
    this.#csatChannel = null;
  }
}
