//! Injected time and ids: the engine never reads the system clock or draws randomness except
//! through these, so tests and simulations drive both.
import { monotonicFactory } from 'ulidx';

/** Physical time in Unix milliseconds. */
export interface Clock {
  nowMillis(): number;
}

/** Source of new ULIDs (entity ids, the client id, outbox mutation ids). */
export interface IdSource {
  ulid(): string;
}

export const systemClock: Clock = { nowMillis: () => Date.now() };

/** Random ULIDs, monotonic within one millisecond. */
export function randomIds(): IdSource {
  const next = monotonicFactory();
  return { ulid: () => next() };
}

/** A clock that moves only when told to. */
export class ManualClock implements Clock {
  constructor(private millis: number) {}

  nowMillis(): number {
    return this.millis;
  }

  set(millis: number): void {
    this.millis = millis;
  }

  advance(millis: number): void {
    this.millis += millis;
  }
}

/** RFC 3339 text of an instant in Unix ms, UTC with `Z`. */
export function instant(millis: number): string {
  return new Date(millis).toISOString();
}
