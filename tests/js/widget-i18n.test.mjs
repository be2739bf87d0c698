// The widget's UI string tables: every language has exactly English's keys,
// the same {placeholders}, and no empty or untranslated-looking value.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { LOCALES } from '../../web/widget/config.js';
import { format, loadStrings } from '../../web/widget/i18n/index.js';
import en from '../../web/widget/i18n/en.js';

const placeholders = (s) => [...s.matchAll(/\{(\w+)\}/g)].map((m) => m[1]).sort();

for (const locale of LOCALES.filter((l) => l !== 'en')) {
  test(`${locale}: same keys and placeholders as English`, async () => {
    const table = (await import(`../../web/widget/i18n/${locale}.js`)).default;
    assert.deepEqual(Object.keys(table).sort(), Object.keys(en).sort());
    for (const [key, value] of Object.entries(table)) {
      assert.equal(typeof value, 'string', `${locale}.${key}`);
      assert.ok(value.trim().length > 0, `${locale}.${key} is empty`);
      assert.deepEqual(placeholders(value), placeholders(en[key]), `${locale}.${key} placeholders`);
    }
    // A table copied from English by mistake would pass the key check.
    assert.notEqual(table.placeholder, en.placeholder);
  });
}

// The shipped Spanish packs address the visitor as "usted" ("¿Le parece bien?" on the consent
// card): the widget's own labels around those words must not switch to "tú".
test('es: the UI speaks "usted" like the Spanish packs', async () => {
  const table = (await import('../../web/widget/i18n/es.js')).default;
  const tu = /\b(tú|tu|tus|te|ti|eres|estás|quieres|puedes|vuelves|podrás|necesitas|mereces|escribe|llama|inténtalo|conéctame|chatea|acórtalo)\b/iu;
  for (const [key, value] of Object.entries(table)) assert.doesNotMatch(value, tu, `es.${key}`);
});

test('loadStrings: a known locale, and English for an unknown one', async () => {
  assert.equal((await loadStrings('fr')).send, 'Envoyer');
  assert.equal((await loadStrings('xx')).send, 'Send');
});

test('format fills placeholders and leaves a missing one visible', () => {
  assert.equal(format('{name} is typing…', { name: 'Ana' }), 'Ana is typing…');
  assert.equal(format('{count} unread'), '{count} unread');
});
