//! Deterministic ids from natural keys, a byte-for-byte port of `domain/src/ids.rs` (its module
//! doc defines the algorithm, version 1; spec/natural-ids.json pins it and this package's test
//! reproduces every vector): SHA-256 over the prefix and length-prefixed UTF-8 fields, the
//! first 16 bytes as a 128-bit number in Crockford base32. Two offline devices creating "the
//! same" check-in, budget or link address one entity. Pure: no clock, no randomness.
import { sha256 } from '@noble/hashes/sha2.js';
import { contract } from '../generated/contract.js';
import type { EntityKind } from '../generated/contract.js';
import type { JsonObject } from '../generated/json.js';

const ALPHABET = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';
const PREFIX = new TextEncoder().encode(contract.sync.naturalIdVersion);

/** A string that has no UTF-8 form (a lone surrogate): Rust could never hash it alike. */
export class NotUtf8Error extends Error {
  constructor(readonly value: string) {
    super('a natural-key part holds a lone UTF-16 surrogate, which has no UTF-8 form');
    this.name = 'NotUtf8Error';
  }
}

function utf8(text: string): Uint8Array {
  if (!text.isWellFormed()) throw new NotUtf8Error(text);
  return new TextEncoder().encode(text);
}

/** The id of the `kind` entity with natural key `parts` in `workspaceId` (algorithm above). */
export function naturalId(kind: string, workspaceId: string, parts: readonly string[]): string {
  const fields = [kind, workspaceId, ...parts].map(utf8);
  const length = PREFIX.length + fields.reduce((sum, field) => sum + 4 + field.length, 0);
  const message = new Uint8Array(length);
  message.set(PREFIX, 0);
  let at = PREFIX.length;
  const view = new DataView(message.buffer);
  for (const field of fields) {
    view.setUint32(at, field.length, false);
    message.set(field, at + 4);
    at += 4 + field.length;
  }
  const digest = sha256(message);
  let n = 0n;
  for (const byte of digest.subarray(0, 16)) n = (n << 8n) | BigInt(byte);
  let id = '';
  for (let i = 0; i < 26; i += 1) id += ALPHABET[Number((n >> BigInt(125 - 5 * i)) & 31n)];
  return id;
}

/** The fields that make `kind`'s natural key (empty: it has none; ids are then drawn ULIDs). */
export function naturalKeyOf(kind: EntityKind): readonly string[] {
  return contract.kinds.find((k) => k.type === kind)?.naturalKey ?? [];
}

/** Thrown when an entity of a natural-key kind is written without every key field. */
export class MissingKeyFieldError extends Error {
  constructor(readonly kind: string, readonly field: string) {
    super(`${kind}'s natural key needs the field ${field}`);
    this.name = 'MissingKeyFieldError';
  }
}

/**
 * The natural id of an entity of `kind` with these fields (null: the kind has none). Text
 * values are taken as they are, others as their JSON text, as the server does.
 */
export function naturalIdOf(kind: EntityKind, workspaceId: string, fields: JsonObject): string | null {
  const key = naturalKeyOf(kind);
  if (key.length === 0) return null;
  const parts = key.map((name) => {
    const value = fields[name];
    if (value === undefined) throw new MissingKeyFieldError(kind, name);
    return typeof value === 'string' ? value : JSON.stringify(value);
  });
  return naturalId(kind, workspaceId, parts);
}
