// Attune's channel layer: how the widget hands a conversation to a person.
//
//   import { createChannel } from './channels/index.js';
//   const ch = createChannel({ type: 'websocket', url: 'wss://relay.example/visitor' });
//   ch.on('message', ({ id, from, text, at }) => ...);
//   await ch.connect(handoff);             // only after the visitor consented
//   const { id } = await ch.send(text, { suggestions });
//
// config.type:
//   'websocket' {url: string | string[], origin?, WebSocket?}          relay/PROTOCOL.md over WebSocket
//   'webhook'   {url, events: 'sse' | 'poll', pollMs?, fetch?}         relay/PROTOCOL.md, "HTTP binding"
//   'custom'    {connect, send, onMessage, close}                      site code bridges to its help desk
// Shared options: storage (default sessionStorage; null = none), backoff {baseMs, maxMs}.
//
// Events: 'status' {state: 'connecting'|'queued'|'connected'|'reconnecting'|'offline'},
// 'agent_joined' {agent: {name}}, 'message' {id, from: 'agent', text, at}, 'typing' {},
// 'no_agent' {reason: 'offline'|'closed_hours'}, 'closed' {reason, returnToBot}, 'csat_request' {}.
// Methods: connect(handoff) -> {conversation, resumed, state, agent}, send(text, {suggestions}),
// sendTyping(), leaveMessage(text, contact), sendCsat({score, comment}), close(), on(event, fn) -> off,
// hasStoredSession() (this tab has a conversation connect() would resume, e.g. after navigating).
// Errors are ChannelError with a `code` (bad_config, not_connected, closed, too_long, rate_limited, ...).
import { WebSocketChannel } from './websocket.js';
import { WebhookChannel } from './webhook.js';
import { CustomChannel } from './custom.js';
import { ChannelError } from './base.js';

export { ChannelError };

export function createChannel(config) {
  if (!config || typeof config !== 'object') throw new ChannelError('bad_config', 'createChannel(config) needs a config object');
  switch (config.type) {
    case 'websocket': return new WebSocketChannel(config);
    case 'webhook': return new WebhookChannel(config);
    case 'custom': return new CustomChannel(config);
    default: throw new ChannelError('bad_config', `channel type must be "websocket", "webhook" or "custom", got ${JSON.stringify(config.type)}`);
  }
}
