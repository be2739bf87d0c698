// i18n/index.js: English ships inside the widget; other languages are small
// chunks loaded when chosen, so each visitor downloads one table.
import en from './en.js';

const loaders = {
  es: () => import('./es.js'),
  fr: () => import('./fr.js'),
  de: () => import('./de.js'),
  pt: () => import('./pt.js'),
  ar: () => import('./ar.js'),
};

/** Resolves to the string table for `locale` (English when unknown or on failure). */
export async function loadStrings(locale) {
  if (!loaders[locale]) return en;
  try {
    return { ...en, ...(await loaders[locale]()).default };
  } catch (err) {
    console.error(`Attune: could not load the "${locale}" strings, using English`, err);
    return en;
  }
}

/** Fills {placeholders}; a missing value leaves the placeholder visible rather than "undefined". */
export function format(template, vars = {}) {
  return String(template).replace(/\{(\w+)\}/g, (m, k) => (k in vars ? String(vars[k]) : m));
}

export { en };
