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
// Shared options: storage (default sessionStorage; null = none), backoff {baseMs, maxMs},
// retry {attempts: 3, withinMs: 20000} (give up on an unreachable relay after both are spent).
//
// Events: 'status' {state: 'connecting'|'queued'|'connected'|'reconnecting'|'offline'},
// 'queued' {position, team} (on each change of place), 'agent_joined' {agent: {name}},
// 'agent_left' {requeued, agent}, 'transferred' {to: {name, team}},
// 'message' {id, from: 'agent', text, at}, 'typing' {},
// 'no_agent' {reason: 'offline'|'closed_hours'|'busy'}, 'closed' {reason, returnToBot}, 'csat_request' {},
// 'unreachable' {code, message, unsent: [frame ids]} (retries spent; the channel has stopped).
// Methods: connect(handoff) -> {conversation, resumed, state, agent}, send(text, {suggestions, affect}),
// availability({team, pack}) -> {open, reason, team, agentsOnline, queue, nextOpen},
// sendTyping(), leaveMessage(text, contact), sendCsat({score, comment}), close(), release() (stop
// listening, keep the conversation, e.g. a left message), on(event, fn) -> off,
// hasStoredSession() (this tab has a conversation connect() would resume, e.g. after navigating).
// Errors are ChannelError with a `code` (bad_config, not_connected, closed, too_long, rate_limited,
// unreachable, ...).
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
