// index.js -> dist/attune.mjs: the ES module entry for bundlers and
// type="module" pages (types in dist/attune.d.ts).
//
//   import { mount } from '/attune/attune.mjs';
//   const chat = mount({ persist: 'session' });
//   chat.on('message', (m) => console.log(m.from, m.text));
import { AttuneChat } from './define.js';
import { parseConfig } from './config.js';

export { AttuneChat };
export { parseConfig };

/**
 * Adds an <attune-chat> to `parent` (default document.body) with these settings
 * (same keys as window.AttuneSettings) and returns the element, whose methods
 * are the JS API (open, close, toggle, send, reset, setLocale, on).
 */
export function mount(settings = {}, parent = document.body) {
  const base = new URL('./', import.meta.url).href;
  const { config, warnings } = parseConfig({ baseUrl: base, ...settings }, {}, {
    documentLang: document.documentElement.lang,
    languages: navigator.languages,
  });
  for (const w of warnings) console.warn('Attune: ' + w);
  const el = document.createElement('attune-chat');
  el.config = config;
  parent.append(el);
  return el;
}
