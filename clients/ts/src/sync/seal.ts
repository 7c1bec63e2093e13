//! Encryption at rest for the mirror's text: every column that holds synced content (an
//! entity's fields, a pending mutation's fields, a rejection's message) is sealed with
//! AES-256-GCM through WebCrypto before it reaches the driver, bound by its additional data
//! to the row it belongs to (a sealed value moved to another row does not open). Ids, kinds,
//! timestamps, versions, HLC stamps and the cursor stay in clear so the engine can index and
//! order them. The key comes from a passphrase (PBKDF2-SHA-256, a random salt kept in the
//! file) or is given raw (from the platform keychain). A check value sealed at creation makes
//! a wrong key fail at open, before any row is read.
//! Must never: write a content column unsealed when a key is set, or keep the passphrase.

/** How the mirror's content is protected: a passphrase, or a 32-byte key from a keychain. */
export type EncryptionKey = { readonly passphrase: string } | { readonly rawKey: Uint8Array };

/** The key given cannot open this mirror (or its sealed data was tampered with). */
export class WrongKeyError extends Error {
  constructor() {
    super('the key does not open this local database');
    this.name = 'WrongKeyError';
  }
}

/** Seals and opens content columns; `PlainText` when no key is set. */
export interface Sealer {
  seal(plain: string, binding: string): Promise<string>;
  open(stored: string, binding: string): Promise<string>;
}

export const PlainText: Sealer = {
  seal: async (plain) => plain,
  open: async (stored) => stored,
};

const PBKDF2_ITERATIONS = 600_000;
const SEALED = 'aesgcm1:';
const encoder = new TextEncoder();
const decoder = new TextDecoder('utf-8', { fatal: true });

function toBase64(bytes: Uint8Array): string {
  let text = '';
  for (const byte of bytes) text += String.fromCharCode(byte);
  return btoa(text);
}

function fromBase64(text: string): Uint8Array<ArrayBuffer> {
  return Uint8Array.from(atob(text), (c) => c.charCodeAt(0));
}

/** Draws a random salt for a new mirror (base64). */
export function newSalt(): string {
  return toBase64(crypto.getRandomValues(new Uint8Array(16)));
}

export class AesGcmSealer implements Sealer {
  private constructor(private readonly key: CryptoKey) {}

  /** The sealer for `key` with the mirror's `salt` (used only for a passphrase). */
  static async derive(key: EncryptionKey, salt: string): Promise<AesGcmSealer> {
    const usages: KeyUsage[] = ['encrypt', 'decrypt'];
    if ('rawKey' in key) {
      if (key.rawKey.length !== 32) throw new RangeError('a raw key must be 32 bytes');
      return new AesGcmSealer(await crypto.subtle.importKey('raw', new Uint8Array(key.rawKey), 'AES-GCM', false, usages));
    }
    const material = await crypto.subtle.importKey('raw', encoder.encode(key.passphrase), 'PBKDF2', false, ['deriveKey']);
    const derived = await crypto.subtle.deriveKey(
      { name: 'PBKDF2', hash: 'SHA-256', salt: fromBase64(salt), iterations: PBKDF2_ITERATIONS },
      material,
      { name: 'AES-GCM', length: 256 },
      false,
      usages,
    );
    return new AesGcmSealer(derived);
  }

  async seal(plain: string, binding: string): Promise<string> {
    const iv = crypto.getRandomValues(new Uint8Array(12));
    const sealed = await crypto.subtle.encrypt({ name: 'AES-GCM', iv, additionalData: encoder.encode(binding) }, this.key, encoder.encode(plain));
    const out = new Uint8Array(iv.length + sealed.byteLength);
    out.set(iv, 0);
    out.set(new Uint8Array(sealed), iv.length);
    return SEALED + toBase64(out);
  }

  async open(stored: string, binding: string): Promise<string> {
    if (!stored.startsWith(SEALED)) throw new WrongKeyError();
    const bytes = fromBase64(stored.slice(SEALED.length));
    try {
      const plain = await crypto.subtle.decrypt(
        { name: 'AES-GCM', iv: bytes.subarray(0, 12), additionalData: encoder.encode(binding) },
        this.key,
        bytes.subarray(12),
      );
      return decoder.decode(plain);
    } catch {
      throw new WrongKeyError();
    }
  }
}
