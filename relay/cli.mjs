#!/usr/bin/env node
// Relay administration: agent accounts, in the same store the relay uses (SQLite file or Redis).
//   node relay/cli.mjs --db FILE accounts add NAME --role agent --teams sales,care --max-chats 3 [--display "Ana P."] [--password-stdin]
//   node relay/cli.mjs --db FILE accounts list [--json] | set NAME [...] | remove NAME | passwd NAME [--password-stdin]
// A generated password is printed once (stdout, one line); only its scrypt hash is stored.
import { parseArgs } from 'node:util';
import { SqliteStore } from './src/store-sqlite.mjs';
import { RedisStore } from './src/store-redis.mjs';
import {
  validateAccount, hashSecret, generatePassword, checkPassword, publicAccount, DEFAULT_MAX_CHATS, AccountError,
} from './src/accounts.mjs';

const HELP = `usage: node relay/cli.mjs (--db FILE | --redis URL [--redis-prefix P]) accounts COMMAND
  accounts add NAME [--role agent|admin] [--teams a,b] [--max-chats N] [--display "Name"] [--password-stdin]
                         create; prints the generated password once (or reads it from stdin)
  accounts list [--json]  every account (never a secret)
  accounts set NAME [--role ..] [--teams ..] [--max-chats N] [--display ..]
  accounts passwd NAME [--password-stdin]   new password (generated unless read); ends the account's sessions
  accounts remove NAME    delete the account and its sessions
Environment: ATTUNE_DB, ATTUNE_REDIS as for the relay.`;

function die(msg, code = 2) { console.error(`attune-relay-cli: ${msg}`); process.exit(code); }

let parsed;
try {
  parsed = parseArgs({ allowPositionals: true, options: {
    db: { type: 'string' }, redis: { type: 'string' }, 'redis-prefix': { type: 'string' }, role: { type: 'string' },
    teams: { type: 'string' }, 'max-chats': { type: 'string' }, display: { type: 'string' }, 'password-stdin': { type: 'boolean' },
    json: { type: 'boolean' }, help: { type: 'boolean' },
  } });
} catch (e) { die(`${e.message}\n\n${HELP}`); }
const { values: o, positionals: pos } = parsed;
if (o.help || pos.length === 0) { console.log(HELP); process.exit(o.help ? 0 : 2); }
if (pos[0] !== 'accounts') die(`unknown command "${pos[0]}"\n\n${HELP}`);
const [, cmd, name] = pos;

async function readStdin() {
  const chunks = [];
  for await (const c of process.stdin) chunks.push(c);
  return Buffer.concat(chunks).toString('utf8').replace(/\r?\n$/, '');
}

function fields() {
  const f = {};
  if (o.role !== undefined) f.role = o.role;
  if (o.teams !== undefined) f.teams = o.teams;
  if (o.display !== undefined) f.display = o.display;
  if (o['max-chats'] !== undefined) {
    const n = Number(o['max-chats']);
    f.maxChats = Number.isInteger(n) ? n : NaN;
  }
  return f;
}

const redisUrl = o.redis ?? process.env.ATTUNE_REDIS;
const store = redisUrl ? new RedisStore(redisUrl, o['redis-prefix'] ?? 'attune:') : new SqliteStore(o.db ?? process.env.ATTUNE_DB ?? 'attune-relay.db');
let status = 0;
try {
  await store.init();
  const now = Date.now();
  const need = () => { if (!name) throw new AccountError('bad_request', `accounts ${cmd} needs an account NAME`); };
  if (cmd === 'list') {
    const list = (await store.listAccounts()).map(publicAccount);
    if (o.json) console.log(JSON.stringify(list));
    else for (const a of list) console.log(`${a.name}\t${a.role}\tteams=${a.teams.join(',') || '(all)'}\tmax_chats=${a.maxChats}\t${a.display}`);
  } else if (cmd === 'add') {
    need();
    const f = validateAccount({ name, ...fields(), maxChats: fields().maxChats ?? DEFAULT_MAX_CHATS });
    if (await store.getAccount(name)) throw new AccountError('exists', `account "${name}" already exists (use "accounts set" or "accounts passwd")`);
    const password = o['password-stdin'] ? checkPassword(await readStdin()) : generatePassword();
    await store.putAccount({ name, display: f.display ?? null, role: f.role ?? 'agent', teams: f.teams ?? [], maxChats: f.maxChats,
      secret: await hashSecret(password) }, now);
    if (!o['password-stdin']) console.log(`password for ${name}: ${password}`);
    else console.log(`account ${name} created`);
  } else if (cmd === 'set') {
    need();
    const old = await store.getAccount(name);
    if (!old) throw new AccountError('not_found', `no account "${name}"`);
    const f = validateAccount({ name, ...fields() });
    await store.putAccount({ ...old, ...f }, now);
    console.log(`account ${name} updated`);
  } else if (cmd === 'passwd') {
    need();
    const old = await store.getAccount(name);
    if (!old) throw new AccountError('not_found', `no account "${name}"`);
    const password = o['password-stdin'] ? checkPassword(await readStdin()) : generatePassword();
    await store.putAccount({ ...old, secret: await hashSecret(password) }, now);
    await store.deleteSessionsOf(name);
    console.log(o['password-stdin'] ? `password of ${name} changed` : `password for ${name}: ${password}`);
  } else if (cmd === 'remove') {
    need();
    if (!(await store.removeAccount(name))) throw new AccountError('not_found', `no account "${name}"`);
    console.log(`account ${name} removed`);
  } else {
    throw new AccountError('bad_request', `unknown accounts command "${cmd ?? ''}"\n\n${HELP}`);
  }
  // A running relay refreshes its account cache within 30 s; in Redis mode tell it now.
  if (redisUrl && cmd !== 'list') await store.publish({ accounts: true, ...(cmd === 'remove' ? { removed: name } : {}) });
} catch (e) {
  console.error(`attune-relay-cli: ${e.message}`);
  status = e instanceof AccountError ? 1 : 3;
} finally {
  await store.close();
}
process.exit(status);
