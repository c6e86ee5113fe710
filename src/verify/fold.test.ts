import { test } from 'node:test';
import assert from 'node:assert/strict';
import { fullFold, lightFold, hasNonAscii } from './fold.js';
import { damerau, charMask, popcount } from './distance.js';

test('folds Cyrillic and Greek look-alikes to the Latin letters they imitate', () => {
  assert.equal(fullFold('trеzоr'), 'trezor'); // Cyrillic е and о
  assert.equal(fullFold('ΙedgerSupport'), 'ledgersupport'); // Greek capital iota
});

test('folds the ASCII look-alike pairs 0/o, 1/l, I/l, rn/m, vv/w and cl/d', () => {
  assert.equal(fullFold('trez0r'), 'trezor');
  assert.equal(fullFold('1edger'), 'ledger');
  assert.equal(fullFold('IedgerSupport'), 'ledgersupport');
  assert.equal(fullFold('rnuun'), fullFold('muun'));
  assert.equal(fullFold('bluevvallet'), 'bluewallet');
  assert.equal(fullFold('coldcarcl'), 'coldcard');
});

test('drops accents, including letters with strokes that do not decompose', () => {
  assert.equal(fullFold('trézor'), 'trezor');
  assert.equal(fullFold('łedger'), 'ledger');
  assert.equal(lightFold('ṬREZOR'), 'trezor');
});

test('light fold keeps ASCII digits and letter pairs for the word splitter', () => {
  assert.equal(lightFold('Trez0r-2024'), 'trez0r-2024');
  assert.equal(lightFold('trеzor'), 'trezor');
  assert.equal(hasNonAscii('trеzor'), true);
  assert.equal(hasNonAscii('trezor'), false);
});

test('measures Damerau-Levenshtein distance with swaps of neighbours as one edit', () => {
  assert.equal(damerau('trezor', 'terzor', 2), 1);
  assert.equal(damerau('ledger', 'ledgre', 2), 1);
  assert.equal(damerau('electrum', 'electron', 2), 2);
  assert.equal(damerau('electrum', 'bitcoin', 2), 3, 'reports max + 1 when too far');
  assert.equal(damerau('', 'abc', 3), 3);
});

test('the character mask bound never rules out a string within the distance', () => {
  const pairs: Array<[string, string]> = [['trezor', 'trezzor'], ['ledger', 'lecger'], ['bluewallet', 'bluewalet'], ['abc', 'cab']];
  for (const [a, b] of pairs) {
    const d = damerau(a, b, 5);
    assert.ok(popcount(charMask(a) ^ charMask(b)) <= 2 * d, `${a} / ${b}`);
  }
});
