// review-page.js: the local review page (dist/review.html). It reads the
// review records the widget kept in this browser (review: 'local',
// web/widget/review-store.js), shows them with the console's review view
// (review-view.js, next to this page when the build has it) and offers
// "Export JSON" (a download in the export format `attune tune` reads) and
// "Delete". It makes no request of its own: the records stay here.
import { createReviewStore } from '../widget/review-store.js';

const store = createReviewStore({ storage: safeStorage() });
const $ = (id) => document.getElementById(id);

function safeStorage() {
  try {
    return window.localStorage;
  } catch {
    return undefined; // storage blocked: nothing to review
  }
}

async function show() {
  // Expired and malformed records are dropped from storage too, not only hidden.
  store.prune();
  const doc = store.export();
  const n = doc.conversations.length;
  const turns = doc.conversations.reduce((s, c) => s + c.turns.length, 0);
  const handoffs = doc.conversations.filter((c) => c.turns.some((t) => t.handoff)).length;
  $('summary').textContent = n
    ? `${n} conversation${n === 1 ? '' : 's'} (${turns} turns, ${handoffs} with a handoff) kept in this browser.`
    : 'No review records in this browser.';
  $('export').disabled = !n;
  $('delete').disabled = !n;
  const view = $('view');
  view.replaceChildren();
  if (!n) return;
  // The console's renderer, one for both pages; the page still exports and deletes without it.
  // __REVIEW_VIEW__: the build wrote review-view.js next to this page (scripts/build-widget.mjs).
  const mod = typeof __REVIEW_VIEW__ !== 'undefined' && __REVIEW_VIEW__ ? await import('./review-view.js').catch(() => null) : null;
  if (typeof mod?.renderReview !== 'function') return;
  if (!document.querySelector('link[href="review-view.css"]')) {
    document.head.append(Object.assign(document.createElement('link'), { rel: 'stylesheet', href: 'review-view.css' }));
  }
  mod.renderReview(view, doc, { title: 'Conversations in this browser' });
}

$('export').addEventListener('click', () => {
  const blob = new Blob([JSON.stringify(store.export(), null, 2) + '\n'], { type: 'application/json' });
  const url = URL.createObjectURL(blob);
  const a = Object.assign(document.createElement('a'), { href: url, download: `attune-review-${new Date().toISOString().slice(0, 10)}.json` });
  document.body.append(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 1000);
});

$('delete').addEventListener('click', () => {
  if (!confirm('Delete every review record kept in this browser?')) return;
  store.delete();
  show();
});

show();
