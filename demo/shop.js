// The demo shop's own script: buttons that use Attune's JS API, and an event
// log showing the widget's events (what a site would send to its analytics).
const events = document.getElementById('demo-events');
for (const name of ['ready', 'open', 'close', 'message', 'handoff', 'error', 'csat']) {
  Attune('on', name, (detail) => {
    if (!events) return;
    const li = document.createElement('li');
    const summary = name === 'message' ? `${detail.from}: ${detail.text}` : JSON.stringify(detail);
    li.textContent = `${new Date().toLocaleTimeString()} ${name} ${summary.slice(0, 140)}`;
    events.prepend(li);
    while (events.children.length > 8) events.lastChild.remove();
  });
}
for (const b of document.querySelectorAll('[data-attune-open]')) b.addEventListener('click', () => Attune('open'));
for (const b of document.querySelectorAll('[data-attune-ask]')) {
  b.addEventListener('click', () => {
    Attune('open');
    Attune('send', b.dataset.attuneAsk);
  });
}
document.getElementById('demo-locale')?.addEventListener('change', (e) => Attune('setLocale', e.target.value));
document.getElementById('demo-theme')?.addEventListener('change', (e) => Attune.element?.setAttribute('theme', e.target.value));
document.getElementById('demo-reset')?.addEventListener('click', () => Attune('reset'));
