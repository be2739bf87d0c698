#!/usr/bin/env node
// Command line for the Attune relay. See README.md for every flag; `--help` prints them.
import { parseArgs } from 'node:util';
import { Relay } from './src/relay.mjs';
import { SqliteStore } from './src/store-sqlite.mjs';
import { RedisStore } from './src/store-redis.mjs';
import { DEFAULT_LIMITS } from './src/protocol.mjs';
import { parseTeamHours } from './src/hours.mjs';

const HELP = `usage: node relay/server.mjs [options]
  --host HOST              address to listen on (default 127.0.0.1; env ATTUNE_HOST)
  --port N                 port (default 8787; 0 = any free port; env ATTUNE_PORT)
  --agent-token TOKEN      bootstrap admin secret: sign in as account "admin" with it (env
                           ATTUNE_AGENT_TOKEN); agents sign in with accounts (node relay/cli.mjs)
  --db FILE                SQLite database file (default attune-relay.db; env ATTUNE_DB)
  --redis URL              share state with other instances through Redis instead of SQLite
                           (e.g. redis://127.0.0.1:6379/0; env ATTUNE_REDIS)
  --redis-prefix P         key prefix in Redis (default attune:)
  --allow-origin LIST      comma-separated visitor origins, or * (env ATTUNE_ALLOW_ORIGINS;
                           default: none, so every browser visitor is refused until set)
  --hours SPEC             business hours, e.g. "mon-fri 09:00-17:00 Europe/Paris"
  --team-hours T=SPEC      one team's hours (repeatable), e.g. care="mon-fri 09:00-17:00 Europe/Madrid"
  --identity-secret S      HMAC key the site signs visitor identities with (env ATTUNE_IDENTITY_SECRET)
  --agent-grace-ms N       an agent without a socket this long is offline; their chats are requeued (default 60000)
  --queue-expiry-ms N      a queued conversation whose visitor is gone this long is closed (default 600000)
  --max-sockets-per-conversation N  (default ${DEFAULT_LIMITS.maxSocketsPerConversation}; 0 = no cap)
  --max-sockets-per-ip N   visitor sockets per address (default ${DEFAULT_LIMITS.maxSocketsPerIp}; 0 = no cap)
  --max-queued-per-ip N    waiting conversations per address (default ${DEFAULT_LIMITS.maxQueuedPerIp}; 0 = no cap)
  --login-attempts N       failed agent sign-ins per address per 15 min (default ${DEFAULT_LIMITS.loginAttempts})
  --trust-proxy            behind a reverse proxy: a client's address is the last X-Forwarded-For entry
  --static-console         serve the agent console at /console/ (the default)
  --no-console             do not serve the agent console
  --instance NAME          name shown in /healthz (default relay-<pid>)
  --max-message-length N   (default ${DEFAULT_LIMITS.maxMessageLength})
  --messages-per-minute N  per visitor conversation (default ${DEFAULT_LIMITS.messagesPerMinute})
  --max-events N           stored events per conversation (default ${DEFAULT_LIMITS.maxEvents})
  --conversations-per-minute N  new conversations per client IP, 0 = unlimited (default ${DEFAULT_LIMITS.conversationsPerMinutePerIp})
  --help`;

let args;
try {
  ({ values: args } = parseArgs({ options: {
    host: { type: 'string' }, port: { type: 'string' }, 'agent-token': { type: 'string' }, db: { type: 'string' },
    redis: { type: 'string' }, 'redis-prefix': { type: 'string' }, 'allow-origin': { type: 'string' }, hours: { type: 'string' },
    'static-console': { type: 'boolean' }, 'no-console': { type: 'boolean' }, instance: { type: 'string' },
    'max-message-length': { type: 'string' }, 'messages-per-minute': { type: 'string' }, 'max-events': { type: 'string' },
    'conversations-per-minute': { type: 'string' }, help: { type: 'boolean' },
    'team-hours': { type: 'string', multiple: true }, 'identity-secret': { type: 'string' }, 'agent-grace-ms': { type: 'string' },
    'queue-expiry-ms': { type: 'string' }, 'max-sockets-per-conversation': { type: 'string' }, 'max-sockets-per-ip': { type: 'string' },
    'max-queued-per-ip': { type: 'string' }, 'login-attempts': { type: 'string' }, 'trust-proxy': { type: 'boolean' },
  } }));
} catch (e) {
  console.error(`attune-relay: ${e.message}\n\n${HELP}`);
  process.exit(2);
}
if (args.help) { console.log(HELP); process.exit(0); }

function int(name, v, fallback) {
  if (v === undefined) return fallback;
  const n = Number(v);
  if (!Number.isInteger(n) || n < 0) { console.error(`attune-relay: --${name} must be a non-negative integer, got "${v}"`); process.exit(2); }
  return n;
}

const env = process.env;
const port = int('port', args.port ?? env.ATTUNE_PORT, 8787);
const host = args.host ?? env.ATTUNE_HOST ?? '127.0.0.1';
const redisUrl = args.redis ?? env.ATTUNE_REDIS;
const limits = {
  maxMessageLength: int('max-message-length', args['max-message-length'], DEFAULT_LIMITS.maxMessageLength),
  messagesPerMinute: int('messages-per-minute', args['messages-per-minute'], DEFAULT_LIMITS.messagesPerMinute),
  maxEvents: int('max-events', args['max-events'], DEFAULT_LIMITS.maxEvents),
  conversationsPerMinutePerIp: int('conversations-per-minute', args['conversations-per-minute'], DEFAULT_LIMITS.conversationsPerMinutePerIp),
  maxSocketsPerConversation: int('max-sockets-per-conversation', args['max-sockets-per-conversation'], DEFAULT_LIMITS.maxSocketsPerConversation),
  maxSocketsPerIp: int('max-sockets-per-ip', args['max-sockets-per-ip'], DEFAULT_LIMITS.maxSocketsPerIp),
  maxQueuedPerIp: int('max-queued-per-ip', args['max-queued-per-ip'], DEFAULT_LIMITS.maxQueuedPerIp),
  loginAttempts: int('login-attempts', args['login-attempts'], DEFAULT_LIMITS.loginAttempts),
};

let relay;
try {
  const store = redisUrl ? new RedisStore(redisUrl, args['redis-prefix'] ?? 'attune:') : new SqliteStore(args.db ?? env.ATTUNE_DB ?? 'attune-relay.db');
  relay = new Relay({
    store, agentToken: args['agent-token'] ?? env.ATTUNE_AGENT_TOKEN,
    allowOrigins: (args['allow-origin'] ?? env.ATTUNE_ALLOW_ORIGINS ?? '').split(',').map((s) => s.trim()).filter(Boolean),
    hours: args.hours, limits, console: !args['no-console'], instance: args.instance,
    teamHours: new Map((args['team-hours'] ?? []).map(parseTeamHours)),
    identitySecret: args['identity-secret'] ?? env.ATTUNE_IDENTITY_SECRET,
    agentGraceMs: int('agent-grace-ms', args['agent-grace-ms'], 60000),
    queueExpiryMs: int('queue-expiry-ms', args['queue-expiry-ms'], 600000),
    trustProxy: args['trust-proxy'] === true,
  });
  const a = await relay.listen(port, host);
  if (!relay.tokenDigest && relay.accounts.size === 0) {
    console.error('attune-relay: no agent can sign in: create an account (node relay/cli.mjs accounts add NAME) or set --agent-token');
  }
  // One parseable line: tests and scripts wait for it to learn the port.
  console.log(JSON.stringify({ event: 'listening', host: a.address, port: a.port, store: redisUrl ? 'redis' : 'sqlite',
    instance: relay.instance, console: !args['no-console'] ? `http://${host.includes(':') ? `[${host}]` : host}:${a.port}/console/` : null }));
} catch (e) {
  console.error(`attune-relay: ${e.message}`);
  process.exit(1);
}

let stopping = false;
for (const sig of ['SIGINT', 'SIGTERM']) {
  process.on(sig, async () => {
    if (stopping) return;
    stopping = true;
    const t = setTimeout(() => process.exit(1), 5000);
    t.unref();
    await relay.close().catch((e) => console.error(`attune-relay: error while stopping: ${e.message}`));
    process.exit(0);
  });
}
