// handoff-flag.js: whether this tab is with a person (or waiting for one).
// Set in sessionStorage from consent until back to the bot, so the next page
// of the site resumes that conversation (the channel keeps its own session;
// this flag only says there is one). Apart from handoff.js so the widget can
// check it on every page without loading the handoff and channel code.
const ACTIVE_KEY = 'attune:handoff';

export function handoffWasActive() {
  try {
    return sessionStorage.getItem(ACTIVE_KEY) === '1';
  } catch {
    return false;
  }
}

export function markActive(on) {
  try {
    if (on) sessionStorage.setItem(ACTIVE_KEY, '1');
    else sessionStorage.removeItem(ACTIVE_KEY);
  } catch { /* storage blocked: no resume across pages, the rest works */ }
}
