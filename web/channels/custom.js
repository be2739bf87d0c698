// The custom channel: site code bridges to its own help desk. The site supplies
//   connect(handoff) -> Promise      open the conversation (resolve when it exists)
//   send(frame)      -> Promise      deliver one frame ({type:'message'|'leave_message'|'csat'|'close'|'typing', id, ...});
//                                    resolve when stored (the ack), reject to have it retried with backoff,
//                                    or reject an Error whose `code` is 'too_long' / 'bad_request' / 'closed' to drop it
//   onMessage(fn)    -> unsubscribe? call fn(frame) for each incoming frame in the relay vocabulary
//                                    ({type:'message', id, from:'agent', text, at}, 'agent_joined', 'typing', 'no_agent', 'closed', 'csat_request', 'queued')
//   close()          -> Promise?     release whatever connect() opened
//   availability({team}) -> Promise? optional: {open, reason, ...} as the relay's GET /api/availability;
//                                    without it the widget does not know and offers a person
// The channel adds the same ordering, retry, de-duplication and events as the built-in channels.
import { BaseChannel, ChannelError } from './base.js';

export class CustomChannel extends BaseChannel {
  constructor(config) {
    for (const fn of ['connect', 'send', 'onMessage', 'close']) {
      if (typeof config[fn] !== 'function') throw new ChannelError('bad_config', `custom channel: "${fn}" must be a function`);
    }
    super({ ...config, storage: config.storage ?? null }, 'attune:channel:custom'); // the site owns its own session
  }

  async open() {
    this.unsubscribe = this.config.onMessage((f) => { if (f && typeof f === 'object' && !this.stopped) this.handleFrame(f); });
    const result = await this.config.connect(this.handoff);
    this.session = { conversation: String(result?.conversation ?? 'custom'), secret: '', lastSeq: 0 };
    this.ready = true;
    if (this.state === 'connecting') this.setStatus('queued');
    this.pump();
    return { conversation: this.session.conversation, resumed: false, state: 'queued' };
  }

  async transmit(frame) {
    try {
      return await this.config.send(frame);
    } catch (e) {
      if (e instanceof ChannelError) throw e;
      const code = typeof e?.code === 'string' ? e.code : 'send_failed';
      throw Object.assign(new ChannelError(code, e?.message ?? String(e)), e?.retryAfterMs ? { retryAfterMs: e.retryAfterMs } : {});
    }
  }

  async fetchAvailability({ team } = {}) {
    if (typeof this.config.availability !== 'function') return null;
    try {
      return await this.config.availability({ team });
    } catch (e) {
      throw new ChannelError('unreachable', `availability(): ${e?.message ?? e}`);
    }
  }

  transmitTyping() { Promise.resolve().then(() => this.config.send({ type: 'typing' })).catch(() => {}); }

  async shutdown() {
    if (typeof this.unsubscribe === 'function') this.unsubscribe();
    await this.config.close();
  }
}
