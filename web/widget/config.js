// config.js: one place that turns what a site owner wrote (window.AttuneSettings,
// data- attributes on the script tag or element attributes) into the widget's
// settings. Pure: no DOM access, so the loader, the element and the unit tests
// share it. Bad values never throw: they fall back to the default and produce
// a warning the caller prints once.
import { cleanIdentity, normalizeCountry } from './handoff-policy.js';
import { emotionMode, EMOTION_MODES } from './emotion-policy.js';

export const LOCALES = ['en', 'es', 'fr', 'de', 'pt', 'ar'];
const RTL = new Set(['ar']);
// The languages every shipped pack comes in (packs/<pack>.<lang>.json).
export const PACK_LANGUAGES = ['en', 'es', 'fr', 'de', 'pt'];
const LANGUAGE_TAG = /^[a-z]{2,3}(-[a-z0-9]{2,8})*$/i;
const isPackSetObject = (v) =>
  Object.keys(v).length > 0 && Object.entries(v).every(([k, x]) => LANGUAGE_TAG.test(k) && (typeof x === 'string' || (x && typeof x === 'object' && !Array.isArray(x))));

const DEFAULTS = {
  baseUrl: '',            // where dist/ files live; default: the loader's own folder
  pack: '',               // a pack (URL or object) or a pack set: {en: urlOrPack, es: ...} or a URL with {lang};
                          // default: baseUrl + packs/ecommerce.{lang}.json
  packLanguages: [],      // the languages of a {lang} URL; default: PACK_LANGUAGES
  locale: '',             // UI language; default: <html lang>, then the browser's, then 'en'
  title: '',              // panel title; default: the pack's name
  position: 'bottom-right',
  theme: 'auto',          // auto follows prefers-color-scheme
  launcherLabel: '',      // default: the locale's "Chat with us"
  launcherIcon: 'chat',
  persist: 'none',        // opt-in: 'session' or 'local'
  persistTtlMinutes: 30,
  review: 'none',         // opt-in 'local': review records of the visitor's conversations kept in this browser only (no channel)
  reviewTtlDays: 30,      // how long a local review record is kept
  preload: 'idle',        // 'idle': load the widget when the page is idle; 'open': only on open
  emotionModel: 'auto',   // 'auto' | 'eager' | 'off': when the ONNX emotion model loads (emotion-policy.js)
  open: false,            // open the panel at once
  channel: null,          // {type: 'websocket'|'webhook'|'custom', ...}: where a handoff goes
  country: '',            // ISO 3166-1 alpha-2 for local crisis resources; default: the browser language's region
  visitor: null,          // {name, email, userId, hash}: who the visitor is, sent with a handoff as `identity`
};

const ENUMS = {
  position: ['bottom-right', 'bottom-left'],
  theme: ['auto', 'light', 'dark'],
  launcherIcon: ['chat', 'help', 'none'],
  persist: ['none', 'session', 'local'],
  review: ['none', 'local'],
  preload: ['idle', 'open'],
};

// data-launcher-label -> launcherLabel
const camel = (s) => s.replace(/-([a-z])/g, (_, c) => c.toUpperCase());

function parseBool(v) {
  if (typeof v === 'boolean') return v;
  if (v === '' || v === 'true' || v === '1') return true;
  if (v === 'false' || v === '0') return false;
  return undefined;
}

/** Picks the UI locale: 'pt-BR' -> 'pt'; unknown -> undefined. */
export function matchLocale(tag) {
  if (typeof tag !== 'string' || !tag) return undefined;
  const base = tag.toLowerCase().split(/[-_]/)[0];
  return LOCALES.includes(base) ? base : undefined;
}

export const isRtl = (locale) => RTL.has(locale);

/**
 * @param {object} [settings] window.AttuneSettings (wins over attributes)
 * @param {Record<string,string>} [attributes] data- attributes (dataset) or element attributes
 * @param {{scriptSrc?: string, documentLang?: string, languages?: readonly string[]}} [env]
 * @returns {{config: object, warnings: string[]}}
 */
export function parseConfig(settings, attributes, env = {}) {
  const warnings = [];
  const raw = {};
  for (const [k, v] of Object.entries(attributes ?? {})) raw[camel(k)] = v;
  if (settings && typeof settings === 'object') Object.assign(raw, settings);
  else if (settings != null) warnings.push('AttuneSettings must be an object; ignored');

  const config = { ...DEFAULTS };
  for (const [key, value] of Object.entries(raw)) {
    if (value === undefined || value === null) continue;
    if (!(key in DEFAULTS)) {
      warnings.push(`unknown setting "${key}" ignored`);
      continue;
    }
    const def = DEFAULTS[key];
    if (ENUMS[key]) {
      if (ENUMS[key].includes(value)) config[key] = value;
      else warnings.push(`${key}: expected one of ${ENUMS[key].join(', ')}, got ${JSON.stringify(value)}`);
    } else if (typeof def === 'boolean') {
      const b = parseBool(value);
      if (b === undefined) warnings.push(`${key}: expected true or false, got ${JSON.stringify(value)}`);
      else config[key] = b;
    } else if (typeof def === 'number') {
      const n = Number(value);
      if (Number.isFinite(n) && n > 0) config[key] = n;
      else warnings.push(`${key}: expected a positive number, got ${JSON.stringify(value)}`);
    } else if (key === 'emotionModel') {
      const m = emotionMode(value);
      if (m) config.emotionModel = m;
      else warnings.push(`emotionModel: expected one of ${EMOTION_MODES.join(', ')}, got ${JSON.stringify(value)}`);
    } else if (key === 'pack') {
      if (typeof value === 'string' || (typeof value === 'object' && !Array.isArray(value))) config.pack = value;
      else warnings.push('pack: expected a URL or a pack object');
    } else if (key === 'packLanguages') {
      const list = (Array.isArray(value) ? value : String(value).split(',')).map((l) => String(l).trim().toLowerCase()).filter(Boolean);
      if (list.length && list.every((l) => LANGUAGE_TAG.test(l))) config.packLanguages = [...new Set(list)];
      else warnings.push(`packLanguages: expected language codes such as ["en", "es"], got ${JSON.stringify(value)}`);
    } else if (key === 'channel') {
      let c = value;
      if (typeof c === 'string') {
        try { c = JSON.parse(c); } catch { c = undefined; }
      }
      if (c && typeof c === 'object' && typeof c.type === 'string') config.channel = c;
      else warnings.push('channel: expected an object with a "type"');
    } else if (key === 'visitor') {
      let v = value;
      if (typeof v === 'string') {
        try { v = JSON.parse(v); } catch { v = undefined; }
      }
      const clean = cleanIdentity(v);
      if (clean) config.visitor = clean;
      else warnings.push('visitor: expected an object with name, email, userId or hash strings');
    } else if (key === 'country') {
      const c = normalizeCountry(value);
      if (c) config.country = c;
      else warnings.push(`country: expected a two-letter ISO 3166 code, got ${JSON.stringify(value)}`);
    } else if (key === 'locale') {
      const l = matchLocale(value);
      if (l) config.locale = l;
      else warnings.push(`locale: "${value}" is not one of ${LOCALES.join(', ')}; using the default`);
    } else if (typeof value === 'string') {
      config[key] = value;
    } else {
      warnings.push(`${key}: expected a string`);
    }
  }

  if (!config.baseUrl && env.scriptSrc) config.baseUrl = env.scriptSrc.replace(/[^/]*([?#].*)?$/, '');
  if (config.baseUrl && !config.baseUrl.endsWith('/')) config.baseUrl += '/';
  if (!config.locale) {
    config.locale = matchLocale(env.documentLang) ?? (env.languages ?? []).map(matchLocale).find(Boolean) ?? 'en';
  }
  if (!config.pack) config.pack = config.baseUrl + 'packs/ecommerce.{lang}.json';
  if (!config.packLanguages.length) config.packLanguages = [...PACK_LANGUAGES];
  // With a channel the relay keeps the review; a second copy in the browser would outlive it.
  if (config.review === 'local' && config.channel) {
    warnings.push("review: 'local' is for sites without a channel (the relay keeps the review); ignored");
    config.review = 'none';
  }
  return { config, warnings };
}

/**
 * The packs of a config by language, {en: urlOrPack, es: ...}, for a pack set (an object of
 * languages, or a URL with {lang} filled for each of packLanguages); null for a single pack
 * (a URL without {lang}, or a pack object), whose language only the pack itself says.
 */
export function packSet(config) {
  const { pack, packLanguages } = config;
  if (typeof pack === 'string') {
    if (!pack.includes('{lang}')) return null;
    const languages = packLanguages?.length ? packLanguages : PACK_LANGUAGES;
    return Object.fromEntries(languages.map((l) => [l, pack.replaceAll('{lang}', l)]));
  }
  return pack && typeof pack === 'object' && isPackSetObject(pack) && !('intents' in pack) ? { ...pack } : null;
}

/**
 * Which language of a pack set to load first: the page's locale when the set has it, else
 * English, else the set's first.
 */
export function firstPackLanguage(languages, locale) {
  if (languages.includes(locale)) return locale;
  return languages.includes('en') ? 'en' : languages[0];
}
