//! Hybrid logical clocks, ported from lifeos-proto's `hlc.rs` (the one definition the server
//! compares and clamps with): a stamp is (physical ms, counter, node); order is
//! lexicographic on the triple; the wire form `"<millis:15>-<counter:6>-<node>"` sorts the
//! same way as a string. `HlcState` issues a device's stamps: strictly increasing even when
//! its wall clock goes back, and past every server time it has observed. Pure: reads no clock.
import { contract } from '../generated/contract.js';

/** A device clock may run at most this far ahead of the server; later stamps are clamped. */
export const MAX_CLOCK_DRIFT_MS: number = contract.sync.maxClockDriftMs;
/** The largest counter the six-digit wire form carries; one more tick moves to the next ms. */
export const MAX_COUNTER: number = contract.sync.maxHlcCounter;

const NODE = /^[A-Za-z0-9_-]{1,64}$/;

export interface Hlc {
  readonly millis: number;
  readonly counter: number;
  readonly node: string;
}

/** The wire form of a stamp. */
export function formatHlc(hlc: Hlc): string {
  return `${String(hlc.millis).padStart(15, '0')}-${String(hlc.counter).padStart(6, '0')}-${hlc.node}`;
}

/** Parses a device's stamp (non-negative time, a node of 1–64 `[A-Za-z0-9_-]`); null if malformed. */
export function parseHlc(text: string): Hlc | null {
  const first = text.indexOf('-');
  const second = first < 0 ? -1 : text.indexOf('-', first + 1);
  if (second < 0) return null;
  const [millisText, counterText, node] = [text.slice(0, first), text.slice(first + 1, second), text.slice(second + 1)];
  if (!/^\d+$/.test(millisText) || !/^\d+$/.test(counterText) || !NODE.test(node)) return null;
  const millis = Number(millisText);
  const counter = Number(counterText);
  if (!Number.isSafeInteger(millis) || counter > 0xffff_ffff) return null;
  return { millis, counter, node };
}

/** Orders two stamps: negative, zero or positive. */
export function compareHlc(a: Hlc, b: Hlc): number {
  if (a.millis !== b.millis) return a.millis < b.millis ? -1 : 1;
  if (a.counter !== b.counter) return a.counter < b.counter ? -1 : 1;
  return a.node < b.node ? -1 : a.node > b.node ? 1 : 0;
}

/** A device clock's persistent state: the last stamp issued, or the floor set by `observe`. */
export interface HlcState {
  millis: number;
  counter: number;
}

/** Issues the next stamp for `node` at physical time `nowMillis` (mutates `state`). */
export function tick(state: HlcState, nowMillis: number, node: string): Hlc {
  if (nowMillis > state.millis) {
    state.millis = nowMillis;
    state.counter = 0;
  } else if (state.counter >= MAX_COUNTER) {
    state.millis += 1;
    state.counter = 0;
  } else {
    state.counter += 1;
  }
  return { millis: state.millis, counter: state.counter, node };
}

/** Moves past a time seen on server data: the next stamp is later than any stamp at `remoteMillis`. */
export function observe(state: HlcState, remoteMillis: number): void {
  if (remoteMillis >= state.millis) {
    state.millis = remoteMillis;
    state.counter = MAX_COUNTER;
  }
}
