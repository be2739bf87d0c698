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
