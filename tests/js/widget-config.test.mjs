// Settings parsing (web/widget/config.js): window.AttuneSettings over data-
// attributes, defaults, and a warning (never a throw) for each bad value.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { parseConfig, matchLocale, isRtl, packSet, firstPackLanguage } from '../../web/widget/config.js';

const src = 'https://cdn.example/attune/attune.js?v=3';

test('defaults: base URL from the script, the shop pack set next to it in five languages, English', () => {
  const { config, warnings } = parseConfig(undefined, {}, { scriptSrc: src });
  assert.deepEqual(warnings, []);
  assert.equal(config.baseUrl, 'https://cdn.example/attune/');
  assert.equal(config.pack, 'https://cdn.example/attune/packs/ecommerce.{lang}.json');
  assert.deepEqual(config.packLanguages, ['en', 'es', 'fr', 'de', 'pt']);
  assert.deepEqual(packSet(config), {
    en: 'https://cdn.example/attune/packs/ecommerce.en.json', es: 'https://cdn.example/attune/packs/ecommerce.es.json',
    fr: 'https://cdn.example/attune/packs/ecommerce.fr.json', de: 'https://cdn.example/attune/packs/ecommerce.de.json',
    pt: 'https://cdn.example/attune/packs/ecommerce.pt.json',
  });
  assert.equal(config.locale, 'en');
  assert.equal(config.position, 'bottom-right');
  assert.equal(config.persist, 'none');
  assert.equal(config.channel, null);
});

test('data- attributes (dataset keys) are read, AttuneSettings wins over them', () => {
  const { config } = parseConfig({ position: 'bottom-left' }, { position: 'bottom-right', launcherLabel: 'Ask us', persist: 'local', persistTtlMinutes: '60', emotionModel: 'false' }, { scriptSrc: src });
  assert.equal(config.position, 'bottom-left');
  assert.equal(config.launcherLabel, 'Ask us');
  assert.equal(config.persist, 'local');
  assert.equal(config.persistTtlMinutes, 60);
  assert.equal(config.emotionModel, 'off');
});

test('element attributes in kebab case map to settings', () => {
  const { config } = parseConfig(undefined, { 'launcher-label': 'Help', 'base-url': '/x' });
  assert.equal(config.launcherLabel, 'Help');
  assert.equal(config.baseUrl, '/x/');
});

test('each bad value gives a warning naming it and keeps the default', () => {
  const { config, warnings } = parseConfig({ position: 'top', theme: 7, persist: 'cookie', persistTtlMinutes: -1, open: 'maybe', colour: 'red', locale: 'xx', channel: 'nope' }, {}, { scriptSrc: src });
  assert.equal(config.position, 'bottom-right');
  assert.equal(config.theme, 'auto');
  assert.equal(config.persist, 'none');
  assert.equal(config.persistTtlMinutes, 30);
  assert.equal(config.open, false);
  assert.equal(config.channel, null);
  assert.deepEqual(warnings, [
    'position: expected one of bottom-right, bottom-left, got "top"',
    'theme: expected one of auto, light, dark, got 7',
    'persist: expected one of none, session, local, got "cookie"',
    'persistTtlMinutes: expected a positive number, got -1',
    'open: expected true or false, got "maybe"',
    'unknown setting "colour" ignored',
    'locale: "xx" is not one of en, es, fr, de, pt, ar; using the default',
    'channel: expected an object with a "type"',
  ]);
});

test('AttuneSettings that is not an object is ignored with a warning', () => {
  assert.deepEqual(parseConfig('oops', {}, {}).warnings, ['AttuneSettings must be an object; ignored']);
});

test('channel from a data- attribute is JSON', () => {
  const { config } = parseConfig(undefined, { channel: '{"type":"websocket","url":"wss://relay.example/visitor"}' });
  assert.deepEqual(config.channel, { type: 'websocket', url: 'wss://relay.example/visitor' });
});

test('locale: explicit, then <html lang>, then the browser languages', () => {
  assert.equal(parseConfig({ locale: 'pt-BR' }).config.locale, 'pt');
  assert.equal(parseConfig({}, {}, { documentLang: 'de-AT' }).config.locale, 'de');
  assert.equal(parseConfig({}, {}, { documentLang: '', languages: ['nl', 'fr-CA'] }).config.locale, 'fr');
  assert.equal(matchLocale('zz'), undefined);
  assert.equal(isRtl('ar'), true);
  assert.equal(isRtl('en'), false);
});

test('a pack object is kept as is', () => {
  const pack = { id: 'p', responses: {} };
  assert.equal(parseConfig({ pack }).config.pack, pack);
});

test('a pack set: an object of languages, or a URL with {lang} and packLanguages (also from an attribute)', () => {
  const es = { id: 'shop-es', language: 'es', intents: [], responses: {} };
  let { config, warnings } = parseConfig({ pack: { en: '/p/shop.en.json', es } });
  assert.deepEqual(warnings, []);
  assert.deepEqual(packSet(config), { en: '/p/shop.en.json', es });
  ({ config, warnings } = parseConfig(undefined, { pack: '/p/clinic.{lang}.json', 'pack-languages': 'es, EN' }));
  assert.deepEqual(warnings, []);
  assert.deepEqual(config.packLanguages, ['es', 'en']);
  assert.deepEqual(packSet(config), { es: '/p/clinic.es.json', en: '/p/clinic.en.json' });
  // A single pack is no set: its own "language" says what it speaks.
  assert.equal(packSet(parseConfig({ pack: '/p/shop.en.json' }).config), null);
  assert.equal(packSet(parseConfig({ pack: { id: 'p', responses: {} } }).config), null);
  assert.equal(packSet(parseConfig({ pack: { id: 'p', language: 'en', intents: [] } }).config), null);
});

test('packLanguages that are not language codes warn and keep the default', () => {
  const { config, warnings } = parseConfig({ packLanguages: ['en', 'english!'] });
  assert.deepEqual(config.packLanguages, ['en', 'es', 'fr', 'de', 'pt']);
  assert.match(warnings[0], /^packLanguages: expected language codes/);
  assert.match(parseConfig({ packLanguages: 7 }).warnings[0], /^packLanguages:/);
});

test("the first pack loaded is the page locale's, else English, else the set's first", () => {
  assert.equal(firstPackLanguage(['en', 'es', 'fr'], 'fr'), 'fr');
  assert.equal(firstPackLanguage(['en', 'es', 'fr'], 'ar'), 'en');
  assert.equal(firstPackLanguage(['es', 'pt'], 'de'), 'es');
});
