// The widget's safe formatting subset (web/widget/format.js): what is parsed,
// and that nothing that looks like HTML or a script URL becomes markup.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { parseMessage, parseInline, plainText } from '../../web/widget/format.js';

test('plain text is one paragraph of text', () => {
  assert.deepEqual(parseMessage('Hello there'), [{ t: 'p', c: [{ t: 'text', v: 'Hello there' }] }]);
});

test('**bold** becomes a bold node', () => {
  assert.deepEqual(parseInline('a **big** deal'), [
    { t: 'text', v: 'a ' }, { t: 'b', c: [{ t: 'text', v: 'big' }] }, { t: 'text', v: ' deal' },
  ]);
});

test('bullets and numbered lines become lists, paragraphs around them stay', () => {
  const blocks = parseMessage('Steps:\n- open Orders\n- pick the item\n\n1. print\n2. post\nDone');
  assert.deepEqual(blocks.map((b) => b.t), ['p', 'ul', 'ol', 'p']);
  assert.equal(blocks[1].items.length, 2);
  assert.deepEqual(blocks[2].items[1], [{ t: 'text', v: 'post' }]);
});

test('markdown links and bare https URLs become links; trailing punctuation stays outside', () => {
  assert.deepEqual(parseInline('see [our policy](https://shop.example/returns).'), [
    { t: 'text', v: 'see ' }, { t: 'a', href: 'https://shop.example/returns', c: [{ t: 'text', v: 'our policy' }] }, { t: 'text', v: '.' },
  ]);
  const bare = parseInline('go to https://988lifeline.org.');
  assert.equal(bare[1].href, 'https://988lifeline.org');
  assert.deepEqual(bare[2], { t: 'text', v: '.' });
  assert.equal(parseInline('[call](tel:+15551234)')[0].href, 'tel:+15551234');
});

test('javascript: and data: links keep only their label, as text', () => {
  assert.deepEqual(parseInline('[click](javascript:alert(1))'), [{ t: 'text', v: 'click' }, { t: 'text', v: ')' }]);
  assert.deepEqual(parseInline('[x](data:text/html,hi)'), [{ t: 'text', v: 'x' }]);
  assert.deepEqual(parseInline('[x](JavaScript:alert)'), [{ t: 'text', v: 'x' }]);
});

test('HTML stays text', () => {
  const s = '<img src=x onerror="alert(1)"><script>alert(2)</script>';
  assert.deepEqual(parseMessage(s), [{ t: 'p', c: [{ t: 'text', v: s }] }]);
});

test('non-string input does not throw', () => {
  assert.deepEqual(parseMessage(undefined), []);
  assert.deepEqual(parseMessage(42), [{ t: 'p', c: [{ t: 'text', v: '42' }] }]);
});

test('plainText drops the markup for the transcript and the live region', () => {
  assert.equal(plainText('**Hi** see [here](https://a.example)\n- one\n- two'), 'Hi see here\n- one\n- two');
});
