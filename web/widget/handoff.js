// handoff.js: the widget's hand-over to a person, as a small state machine.
//
//   bot --turn.handoff--> consent --yes--> connecting --agent_joined--> agent
//                            |no               |no_agent                 |closed
//                            v                 v                         v
//                           bot        no_agent (leave a message |      bot
//                                                keep chatting -> bot)
//
// Nothing leaves the page before the visitor says yes. The transcript sent to
// the channel is redacted by the core (emails, phones, Luhn-checked cards,
// IBANs) before it goes; if redaction fails, the handoff fails (nothing is sent).
// While connecting or with an agent, the bot stays silent.
import { h } from './dom.js';
import { format } from './i18n/index.js';
import { markActive } from './handoff-flag.js';

export class Handoff {
  state = 'bot';
  agentName = null;
  #o;
  #channel = null;
  #offs = [];
  #consentCard = null;
  #turn = null;

  /** @param {object} o hooks from <attune-chat> (append, card, strings, emit, ...) */
  constructor(o) {
    this.#o = o;
  }

  /** True while visitor messages go to a person instead of the bot. */
  get active() {
    return this.state === 'connecting' || this.state === 'agent';
  }

  /** The core asked for a person on this turn. */
  start(turn) {
    if (this.state !== 'bot') return;
    this.#turn = turn;
    const o = this.#o;
    const t = o.strings();
    const base = { reasons: turn.reasons, distress: turn.distress, intent: turn.intent };
    if (!o.config.channel) {
      o.append({ from: 'system', text: t.noChannel });
      o.emit('handoff', { ...base, state: 'unavailable' });
      return;
    }
    this.state = 'consent';
    const text = o.pack()?.handoff?.consent_text ?? '';
    const yes = h('button', { type: 'button', className: 'action primary', onclick: () => this.#consented() }, t.consentYes);
    this.#consentCard = o.widget.card('consent',
      text ? h('p', {}, text) : '',
      h('div', { className: 'row' }, yes,
        h('button', { type: 'button', className: 'action', onclick: () => this.cancelConsent(true) }, t.consentNo)));
    yes.focus();
    o.emit('handoff', { ...base, state: 'consent' });
  }

  /**
   * The visitor was with a person (or waiting for one) on the previous page of
   * this tab: reconnect to that conversation instead of starting over. The
   * channel resumes its stored session and replays what was missed.
   */
  async resume() {
    if (this.state !== 'bot' || !this.#o.config.channel) return markActive(false);
    const o = this.#o;
    const t = o.strings();
    try {
      const { createChannel } = await import('../channels/index.js');
      const channel = createChannel(o.config.channel);
      if (!channel.hasStoredSession()) return markActive(false);
      this.#channel = channel;
      this.state = 'connecting';
      o.status(t.connecting);
      this.#listen();
      const r = await channel.connect(await this.#payload());
      if (r.state === 'assigned') {
        this.state = 'agent';
        this.agentName = r.agent?.name || t.agent;
        o.status(this.agentName);
      } else if (r.state === 'closed' || r.state === 'message_left') {
        this.#back();
        return;
      }
      o.emit('handoff', { state: this.state, resumed: true, ...(this.agentName ? { agent: this.agentName } : {}) });
    } catch (err) {
      console.warn('Attune: could not resume the conversation with live support: ' + (err?.message ?? err));
      this.#back();
    }
  }

  /** The visitor said no, or typed to the bot instead of answering. */
  cancelConsent(explicit = false) {
    if (this.state !== 'consent') return;
    this.state = 'bot';
    this.#consentCard?.remove();
    this.#consentCard = null;
    this.#o.emit('handoff', { state: 'declined' });
    if (explicit) this.#o.focusInput();
  }

  async #consented() {
    const o = this.#o;
    const t = o.strings();
    this.#consentCard?.remove();
    this.#consentCard = null;
    this.state = 'connecting';
    markActive(true);
    o.append({ from: 'system', text: t.connecting });
    o.status(t.connecting);
    o.emit('handoff', { state: 'connecting' });
    try {
      const { createChannel } = await import('../channels/index.js');
      this.#channel = createChannel(o.config.channel);
      this.#listen();
      await this.#channel.connect(await this.#payload());
    } catch (err) {
      console.error('Attune: could not reach live support: ' + (err?.message ?? err));
      o.emit('error', { code: err?.code ?? 'channel_failed', message: String(err?.message ?? err), fatal: false });
      this.#noAgent();
    }
  }

  /** What the agent receives: redacted transcript, the core's reasons and affect. */
  async #payload() {
    const o = this.#o;
    const turn = this.#turn ?? {};
    const history = o.messages().filter((m) => m.from !== 'system').slice(-200);
    const reasons = turn.reasons ?? [];
    // One round trip to the core for every text that leaves the page.
    const texts = await o.redact()([...history.map((m) => m.text), ...reasons.map((r) => r.evidence ?? '')]);
    const emotions = {};
    for (const [k, v] of Object.entries(turn.emotions ?? {})) if (typeof v === 'number') emotions[k] = v;
    const pack = o.pack();
    return {
      transcript: history.map((m, i) => ({ from: m.from === 'user' ? 'visitor' : m.from, text: texts[i], at: m.time })),
      reasons: reasons.map((r, i) => ({ name: r.name, weight: r.weight, evidence: texts[history.length + i] })),
      distress: turn.distress,
      valence: turn.valence,
      emotions,
      intent: turn.intent,
      locale: o.config.locale,
      pack: pack?.id,
    };
  }

  #listen() {
    const o = this.#o;
    const ch = this.#channel;
    const on = (name, fn) => this.#offs.push(ch.on(name, fn));
    // A dropped connection is retried by the channel; say so instead of looking stuck.
    on('status', ({ state } = {}) => {
      if (state === 'reconnecting') o.status(o.strings().reconnecting);
      else if (state === 'connected' && this.agentName) o.status(this.agentName);
    });
    on('agent_joined', ({ agent } = {}) => {
      this.state = 'agent';
      this.agentName = agent?.name || o.strings().agent;
      o.status(this.agentName);
      o.append({ from: 'system', text: format(o.strings().agentJoined, { name: this.agentName }) });
      o.emit('handoff', { state: 'agent', agent: this.agentName });
    });
    on('message', (m) => {
      if (typeof m?.text === 'string') o.append({ from: 'agent', text: m.text, name: this.agentName ?? undefined, id: m.id });
    });
    on('typing', () => {
      if (this.state === 'agent') o.typing(this.agentName);
    });
    on('no_agent', () => this.#noAgent());
    on('csat_request', () => o.csat());
    on('closed', () => {
      const name = this.agentName ?? o.strings().agent;
      this.#back();
      o.append({ from: 'system', text: format(o.strings().agentLeft, { name }) });
      o.emit('handoff', { state: 'closed' });
    });
  }

  #noAgent() {
    if (this.state === 'no_agent' || this.state === 'bot') return; // the relay repeats availability changes
    const o = this.#o;
    const t = o.strings();
    const channel = this.#channel;
    this.state = 'no_agent';
    o.status(null);
    o.emit('handoff', { state: 'no_agent' });
    const text = o.pack()?.handoff?.no_agent_message ?? t.noChannel;
    const card = o.widget.card('no-agent', h('p', {}, text));
    const keep = h('button', { type: 'button', className: 'action', onclick: () => {
      card.remove();
      this.#back();
      o.focusInput();
    } }, t.keepChatting);
    const leave = h('button', { type: 'button', className: 'action primary', onclick: () => this.#leaveForm(card, channel) }, t.leaveMessage);
    card.append(h('div', { className: 'row' }, channel ? leave : '', keep));
    (channel ? leave : keep).focus();
  }

  #leaveForm(card, channel) {
    const t = this.#o.strings();
    const msg = h('textarea', { id: 'attune-leave-text', rows: 3, required: true });
    const contact = h('input', { id: 'attune-leave-contact', type: 'email', autocomplete: 'email' });
    const error = h('p', { role: 'alert' });
    const form = h('form', {},
      h('label', { htmlFor: 'attune-leave-text' }, t.messageLabel), msg,
      h('label', { htmlFor: 'attune-leave-contact' }, t.contactLabel), contact, error,
      h('div', { className: 'row' }, h('button', { type: 'submit', className: 'action primary' }, t.submit)));
    form.addEventListener('submit', async (e) => {
      e.preventDefault();
      if (!msg.value.trim()) return msg.focus();
      try {
        await channel.leaveMessage(msg.value.trim(), contact.value.trim());
        card.replaceChildren(h('p', {}, t.messageLeft));
        this.#back();
        this.#o.focusInput();
      } catch {
        error.textContent = t.failed;
      }
    });
    card.replaceChildren(form);
    msg.focus();
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

  /** A visitor message while connecting or with an agent: to the person, with agent-assist suggestions. */
  async visitorSaid(text, suggestion) {
    try {
      await this.#channel.send(text, { suggestions: suggestion?.reply ? [suggestion.reply] : [] });
    } catch (err) {
      this.#o.append({ from: 'system', text: this.#o.strings().failed });
      console.error('Attune: message not delivered: ' + (err?.message ?? err));
    }
  }

  visitorTyping() {
    if (this.active) this.#channel?.sendTyping();
  }

  csat(detail) {
    this.#channel?.sendCsat(detail).catch(() => {});
  }

  dispose() {
    this.#back();
  }
}
