// loader.js -> dist/attune.js: the one file a site embeds with
//   <script src="https://example.com/attune/attune.js" async></script>
// It reads window.AttuneSettings (or the tag's data- attributes), draws only
// the launcher, replays calls queued by the stub snippet
//   window.Attune = window.Attune || function () { (Attune.q = Attune.q || []).push(arguments); };
// and loads <attune-chat> (and through it the wasm core) when the visitor
// opens the chat or the page is idle. Budget: 6 KB gzip (scripts/size-report.mjs).
import { parseConfig } from '../widget/config.js';
import { LAUNCHER_CSS, drawLauncher, sheet } from '../widget/launcher.js';

/* global __LAUNCHER_LABELS__ */
// Generated at build time from web/widget/i18n/*.js (one source of truth).
const LABELS = __LAUNCHER_LABELS__;
const PREFIX = ''; // bare event names, as in the contract (see attune-chat.js)

(() => {
  if (window.Attune && window.Attune.loaded) return; // the tag was included twice
  const script = document.currentScript;
  const { config, warnings } = parseConfig(window.AttuneSettings, script ? script.dataset : {}, {
    scriptSrc: script && script.src,
    documentLang: document.documentElement.lang,
    languages: navigator.languages,
  });
  for (const w of warnings) console.warn('Attune: ' + w);

  const el = document.createElement('attune-chat');
  el.setAttribute('position', config.position);
  // The element adopts this shadow root and the launcher in it when it upgrades.
  const root = el.attachShadow({ mode: 'open' });
  root.adoptedStyleSheets = [sheet(LAUNCHER_CSS)];
  const launcher = drawLauncher(root, {
    label: config.launcherLabel || LABELS[config.locale] || LABELS.en,
    icon: config.launcherIcon,
  });
  el.config = config;

  let loading;
  const load = () =>
    (loading ||= import(config.baseUrl + 'attune-chat.js').then(
      () => customElements.whenDefined('attune-chat'),
      (err) => {
        loading = undefined; // let a later click retry
        console.error('Attune: could not load the chat widget from ' + config.baseUrl, err);
        el.dispatchEvent(new CustomEvent(PREFIX + 'error', { bubbles: true, composed: true, detail: { code: 'widget_load_failed', message: String(err) } }));
        throw err;
      },
    ));
  const ready = () => el.matches(':defined');
  // Until the element upgrades, the launcher opens it through the loader.
  launcher.addEventListener('click', () => {
    if (!ready()) api('open');
  });

  function on(event, fn) {
    const h = (e) => fn(e.detail, e);
    el.addEventListener(PREFIX + event, h);
    return () => el.removeEventListener(PREFIX + event, h);
  }

  function api(command, ...args) {
    if (command === 'on') return on(...args);
    // The conversation so far as text, for a ticket or a download: '' until the widget has loaded
    // (nothing can have been said before it did).
    if (command === 'transcript') return ready() ? el.transcript() : '';
    // Identity set before the widget loads goes into its settings, so the first handoff carries it.
    if (command === 'identify' && !ready()) {
      config.visitor = { ...(config.visitor || {}), ...(args[0] || {}) };
      return;
    }
    if (ready()) return typeof el[command] === 'function' ? el[command](...args) : console.error('Attune: unknown command ' + command);
    if (['open', 'toggle', 'send', 'requestPerson'].includes(command)) load().catch(() => {});
    customElements.whenDefined('attune-chat').then(() => api(command, ...args));
  }

  const queued = (window.Attune && window.Attune.q) || [];
  window.Attune = Object.assign(api, { loaded: true, element: el });
  for (const name of ['open', 'close', 'toggle', 'send', 'reset', 'setLocale', 'on', 'transcript', 'identify', 'requestPerson']) api[name] = (...a) => api(name, ...a);

  const start = () => {
    document.body.append(el);
    for (const args of queued) api(...args);
    if (config.open) api('open');
    if (config.preload === 'idle') {
      const idle = window.requestIdleCallback || ((f) => setTimeout(f, 1500));
      idle(() => load().catch(() => {}), { timeout: 5000 });
    }
  };
  if (document.body) start();
  else document.addEventListener('DOMContentLoaded', start, { once: true });
})();
