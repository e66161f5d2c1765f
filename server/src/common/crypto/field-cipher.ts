import { createCipheriv, createDecipheriv, createHash, randomBytes } from 'node:crypto';

/**
 * Encrypts personal data at rest (ID and phone numbers) with AES-256-GCM.
 *
 * Stored form: `v1.<keyId>.<iv>.<tag>.<ciphertext>` (base64url parts), where keyId is the first 8 hex
 * characters of SHA-256 of the key. Encryption always uses the current key; decryption picks the key
 * by its id, so after a key rotation (new DATA_KEY, the old one moved to DATA_KEYS_OLD) rows written
 * with the old key stay readable until they are re-encrypted.
 */
export class FieldCipher {
  private readonly current: { id: string; key: Buffer };
  private readonly byId = new Map<string, Buffer>();

  constructor(currentKeyBase64: string, oldKeysBase64: readonly string[] = []) {
    const current = FieldCipher.parseKey(currentKeyBase64);
    this.current = current;
    this.byId.set(current.id, current.key);
    for (const k of oldKeysBase64) {
      const old = FieldCipher.parseKey(k);
      if (!this.byId.has(old.id)) this.byId.set(old.id, old.key);
    }
  }

  static parseKey(base64: string): { id: string; key: Buffer } {
    const key = Buffer.from(base64, 'base64');
    if (key.length !== 32) throw new Error('a data key must be base64 of exactly 32 bytes');
    return { id: createHash('sha256').update(key).digest('hex').slice(0, 8), key };
  }

  get currentKeyId(): string {
    return this.current.id;
  }

  encrypt(plain: string): string;
  encrypt(plain: string | null | undefined): string | null;
  encrypt(plain: string | null | undefined): string | null {
    if (plain === null || plain === undefined) return null;
    const iv = randomBytes(12);
    const cipher = createCipheriv('aes-256-gcm', this.current.key, iv);
    const ct = Buffer.concat([cipher.update(plain, 'utf8'), cipher.final()]);
    const tag = cipher.getAuthTag();
    return ['v1', this.current.id, iv.toString('base64url'), tag.toString('base64url'), ct.toString('base64url')].join('.');
  }

  decrypt(stored: string): string;
  decrypt(stored: string | null | undefined): string | null;
  decrypt(stored: string | null | undefined): string | null {
    if (stored === null || stored === undefined) return null;
    const parts = stored.split('.');
    if (parts.length !== 5 || parts[0] !== 'v1') throw new Error('not an encrypted field');
    const key = this.byId.get(parts[1]);
    if (!key) throw new Error(`no data key with id ${parts[1]} (was it removed from DATA_KEYS_OLD?)`);
    const decipher = createDecipheriv('aes-256-gcm', key, Buffer.from(parts[2], 'base64url'));
    decipher.setAuthTag(Buffer.from(parts[3], 'base64url'));
    return Buffer.concat([decipher.update(Buffer.from(parts[4], 'base64url')), decipher.final()]).toString('utf8');
  }

  /** True when `stored` was written with a key other than the current one (re-encrypt it). */
  needsRotation(stored: string): boolean {
    return stored.split('.')[1] !== this.current.id;
  }
}
