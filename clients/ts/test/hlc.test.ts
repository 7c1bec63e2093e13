// The HLC port behaves as lifeos-proto's: strictly increasing stamps whatever the wall clock
// does, past every observed server time, a wire form that sorts like the triple.
import assert from 'node:assert/strict';
import { test } from 'node:test';

import { compareHlc, formatHlc, MAX_COUNTER, observe, parseHlc, tick } from '../src/sync/hlc.js';
import type { HlcState } from '../src/sync/hlc.js';

test('stamps increase strictly even when the wall clock goes back', () => {
  const state: HlcState = { millis: 0, counter: 0 };
  const a = tick(state, 1_000, 'DEV');
  const b = tick(state, 1_000, 'DEV');
  const c = tick(state, 900, 'DEV');
  assert.deepEqual([a.counter, b.counter, c.millis, c.counter], [0, 1, 1_000, 2]);
  assert.ok(compareHlc(a, b) < 0 && compareHlc(b, c) < 0);
});

test('a full counter moves to the next millisecond', () => {
  const state: HlcState = { millis: 5, counter: MAX_COUNTER };
  assert.deepEqual(tick(state, 5, 'D'), { millis: 6, counter: 0, node: 'D' });
});

test('observing a server time puts the next stamp after any stamp at it', () => {
  const state: HlcState = { millis: 10, counter: 3 };
  observe(state, 20);
  const next = tick(state, 15, 'D');
  assert.ok(compareHlc(next, { millis: 20, counter: MAX_COUNTER, node: 'ZZZ' }) > 0);
  observe(state, 5);
  assert.equal(state.millis, 21, 'an older time never moves the clock back');
});

test('the wire form round-trips and sorts like the triple', () => {
  const stamps = [
    { millis: 1_795_000_000_000, counter: 0, node: 'A' },
    { millis: 1_795_000_000_000, counter: 1, node: 'A' },
    { millis: 1_795_000_000_001, counter: 0, node: 'A' },
  ];
  const texts = stamps.map(formatHlc);
  assert.equal(texts[0], '001795000000000-000000-A');
  assert.deepEqual([...texts].sort(), texts);
  for (const [i, text] of texts.entries()) assert.deepEqual(parseHlc(text), stamps[i]);
  for (const bad of ['', '1-2', 'x-0-A', '1-0-', '1-0-a b', '-1-0-A']) assert.equal(parseHlc(bad), null, bad);
});
