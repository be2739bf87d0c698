// Agent accounts: validation, secret hashing and session tokens. Shared by the relay (sign-in,
// console account frames) and the CLI, so one rule exists for what an account is.
import crypto from 'node:crypto';
import { promisify } from 'node:util';

const scrypt = promisify(crypto.scrypt);
// scrypt cost: N=2^15, r=8 (32 MiB, ~60 ms on one core). Slow enough to make offline guessing of a
// stolen table expensive, fast enough that sign-in is not a denial-of-service lever (attempts are
// also limited per address).
const SCRYPT = { N: 1 << 15, r: 8, p: 1, keylen: 32, maxmem: 64 * 1024 * 1024 };

export const NAME_RE = /^[A-Za-z0-9._-]{1,64}$/;
export const TEAM_RE = /^[A-Za-z0-9._-]{1,64}$/;
export const ROLES = ['agent', 'admin'];
export const DEFAULT_MAX_CHATS = 3;
export const SESSION_IDLE_MS = 12 * 3600 * 1000;

export class AccountError extends Error {
  constructor(code, message) { super(message); this.code = code; }
}

/** Validate and normalise account fields (everything but the secret). */
export function validateAccount(a, { partial = false } = {}) {
  if (!a || typeof a !== 'object') throw new AccountError('bad_request', 'account must be an object');
  const out = {};
  if (!partial || a.name !== undefined) {
    if (typeof a.name !== 'string' || !NAME_RE.test(a.name)) throw new AccountError('bad_request', 'account name must be 1-64 characters of A-Z a-z 0-9 . _ -');
    out.name = a.name;
  }
  if (a.display !== undefined && a.display !== null) {
    if (typeof a.display !== 'string' || a.display.trim() === '' || a.display.length > 80) throw new AccountError('bad_request', 'display name must be 1-80 characters');
    out.display = a.display.trim();
  }
  if (a.role !== undefined) {
    if (!ROLES.includes(a.role)) throw new AccountError('bad_request', 'role must be "agent" or "admin"');
    out.role = a.role;
  }
  if (a.teams !== undefined) out.teams = parseTeams(a.teams);
  if (a.maxChats !== undefined) {
    if (!Number.isInteger(a.maxChats) || a.maxChats < 0 || a.maxChats > 100) throw new AccountError('bad_request', 'maxChats must be an integer 0-100');
    out.maxChats = a.maxChats;
  }
  return out;
}

export function parseTeams(v) {
  const list = typeof v === 'string' ? v.split(',').map((s) => s.trim()).filter(Boolean) : v;
  if (!Array.isArray(list) || list.length > 20) throw new AccountError('bad_request', 'teams must be a list of at most 20 team names');
  for (const t of list) if (typeof t !== 'string' || !TEAM_RE.test(t)) throw new AccountError('bad_request', `team "${String(t).slice(0, 70)}" must be 1-64 characters of A-Z a-z 0-9 . _ -`);
  return [...new Set(list)];
}

export function generatePassword() {
  return crypto.randomBytes(18).toString('base64url'); // 144 bits, 24 characters
}

export function checkPassword(p) {
  if (typeof p !== 'string' || p.length < 10 || p.length > 200) throw new AccountError('bad_request', 'a password must be 10-200 characters');
  return p;
}

/** "scrypt$N$r$p$salt$hash" with a fresh 16-byte salt per account. */
export async function hashSecret(password) {
  const salt = crypto.randomBytes(16);
  const hash = await scrypt(password, salt, SCRYPT.keylen, SCRYPT);
  return `scrypt$${SCRYPT.N}$${SCRYPT.r}$${SCRYPT.p}$${salt.toString('base64url')}$${hash.toString('base64url')}`;
}

// A fixed stored secret to verify against when the account does not exist, so a wrong name and a
// wrong password take the same time.
let dummy;
export async function verifySecret(password, stored) {
  dummy ??= await hashSecret('no-such-account-placeholder');
  const parts = (stored ?? dummy).split('$');
  if (parts.length !== 6 || parts[0] !== 'scrypt') return false;
  const [, N, r, p, salt, hash] = parts;
  const want = Buffer.from(hash, 'base64url');
  const got = await scrypt(String(password), Buffer.from(salt, 'base64url'), want.length,
    { N: Number(N), r: Number(r), p: Number(p), maxmem: SCRYPT.maxmem });
  return crypto.timingSafeEqual(got, want) && stored !== undefined && stored !== null;
}

export function newSessionToken() { return crypto.randomBytes(32).toString('base64url'); }
export function sessionKey(token) { return crypto.createHash('sha256').update(`session:${token}`).digest('hex'); }

/** What an account looks like to clients: never the secret. */
export function publicAccount(a) {
  return { name: a.name, display: a.display ?? a.name, role: a.role, teams: a.teams ?? [], maxChats: a.maxChats ?? DEFAULT_MAX_CHATS,
    createdAt: a.createdAt ?? null, updatedAt: a.updatedAt ?? null };
}

/** The agent identity carried by a signed-in socket and a session. */
export function agentOf(a) {
  return { id: a.name, name: a.display ?? a.name, role: a.role, teams: a.teams ?? [], maxChats: a.maxChats ?? DEFAULT_MAX_CHATS };
}

/** Does this agent serve that team? Agents with no teams serve every team; admins see all. */
export function serves(agent, team) {
  return !agent.teams?.length || agent.teams.includes(team);
}
