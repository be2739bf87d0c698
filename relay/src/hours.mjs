// Business hours: "mon-fri 09:00-17:00 Europe/Paris" (time zone optional, default UTC).
// Outside them the relay answers a new visitor with no_agent {reason: 'closed_hours'}.
const DAYS = ['sun', 'mon', 'tue', 'wed', 'thu', 'fri', 'sat'];

export function parseHours(spec) {
  const m = /^\s*([a-z]{3})(?:-([a-z]{3}))?\s+(\d{2}):(\d{2})-(\d{2}):(\d{2})(?:\s+(\S+))?\s*$/i.exec(spec);
  if (!m) throw new Error(`--hours "${spec}": expected e.g. "mon-fri 09:00-17:00 Europe/Paris"`);
  const d0 = DAYS.indexOf(m[1].toLowerCase());
  const d1 = DAYS.indexOf((m[2] ?? m[1]).toLowerCase());
  if (d0 < 0 || d1 < 0) throw new Error(`--hours "${spec}": days are sun mon tue wed thu fri sat`);
  const from = Number(m[3]) * 60 + Number(m[4]);
  const to = Number(m[5]) * 60 + Number(m[6]);
  if (from >= to || to > 24 * 60) throw new Error(`--hours "${spec}": the opening time must be before the closing time`);
  const timeZone = m[7] ?? 'UTC';
  try { new Intl.DateTimeFormat('en-US', { timeZone }); } catch {
    throw new Error(`--hours "${spec}": unknown time zone "${timeZone}"`);
  }
  const days = new Set();
  for (let d = d0; ; d = (d + 1) % 7) { days.add(d); if (d === d1) break; }
  return { days, from, to, timeZone };
}

export function isOpen(h, date) {
  const parts = Object.fromEntries(new Intl.DateTimeFormat('en-US', { timeZone: h.timeZone, weekday: 'short',
    hour: '2-digit', minute: '2-digit', hourCycle: 'h23' }).formatToParts(date).map((p) => [p.type, p.value]));
  const day = DAYS.indexOf(parts.weekday.toLowerCase().slice(0, 3));
  const minute = Number(parts.hour) * 60 + Number(parts.minute);
  return h.days.has(day) && minute >= h.from && minute < h.to;
}

// Minutes east of UTC of `timeZone` at `date`, from Intl (the relay runs on Node with full ICU).
function offsetMinutes(timeZone, date) {
  const p = Object.fromEntries(new Intl.DateTimeFormat('en-US', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit',
    hour: '2-digit', minute: '2-digit', second: '2-digit', hourCycle: 'h23' }).formatToParts(date).map((x) => [x.type, x.value]));
  const asUtc = Date.UTC(Number(p.year), Number(p.month) - 1, Number(p.day), Number(p.hour), Number(p.minute), Number(p.second));
  return Math.round((asUtc - Math.floor(date.getTime() / 1000) * 1000) / 60000);
}

/**
 * The next opening instant (epoch ms) strictly after `now` when closed, or null when open now.
 * Walks the next 8 local days; each day's opening time is converted to UTC with that day's offset
 * (checked twice, so a DST change on that day is honoured).
 */
export function nextOpen(h, now) {
  if (isOpen(h, new Date(now))) return null;
  for (let d = 0; d <= 8; d++) {
    const probe = new Date(now + d * 86400000);
    const p = Object.fromEntries(new Intl.DateTimeFormat('en-US', { timeZone: h.timeZone, year: 'numeric', month: '2-digit', day: '2-digit',
      weekday: 'short' }).formatToParts(probe).map((x) => [x.type, x.value]));
    if (!h.days.has(DAYS.indexOf(p.weekday.toLowerCase().slice(0, 3)))) continue;
    const local = Date.UTC(Number(p.year), Number(p.month) - 1, Number(p.day), Math.floor(h.from / 60), h.from % 60);
    let t = local - offsetMinutes(h.timeZone, new Date(local)) * 60000;
    t = local - offsetMinutes(h.timeZone, new Date(t)) * 60000;
    if (t > now) return t;
  }
  return null;
}

/** `--team-hours care="mon-fri 09:00-17:00 Europe/Madrid"`: team name, then a parseHours spec. */
export function parseTeamHours(spec) {
  const m = /^\s*([A-Za-z0-9._-]{1,64})\s*=\s*"?([^"]+)"?\s*$/.exec(spec);
  if (!m) throw new Error(`--team-hours "${spec}": expected TEAM="mon-fri 09:00-17:00 Europe/Madrid"`);
  return [m[1], parseHours(m[2])];
}
