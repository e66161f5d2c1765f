import { FieldCipher } from './field-cipher';

const key = (fill: number) => Buffer.alloc(32, fill).toString('base64');

describe('FieldCipher (AES-256-GCM for ID and phone numbers at rest)', () => {
  it('round-trips, never stores the plain text, and uses a fresh IV each time', () => {
    const c = new FieldCipher(key(1));
    const a = c.encrypt('13912345678');
    const b = c.encrypt('13912345678');
    expect(a).not.toContain('13912345678');
    expect(a).not.toBe(b);
    expect(c.decrypt(a)).toBe('13912345678');
    expect(c.encrypt(null)).toBeNull();
  });

  it('refuses a tampered value', () => {
    const c = new FieldCipher(key(1));
    const parts = c.encrypt('410411195003151234').split('.');
    parts[4] = Buffer.from('x'.repeat(18)).toString('base64url');
    expect(() => c.decrypt(parts.join('.'))).toThrow();
  });

  it('after a key rotation reads old values with the old key and writes with the new one', () => {
    const old = new FieldCipher(key(1));
    const stored = old.encrypt('13800001234');
    const rotated = new FieldCipher(key(2), [key(1)]);
    expect(rotated.decrypt(stored)).toBe('13800001234');
    expect(rotated.needsRotation(stored)).toBe(true);
    expect(rotated.needsRotation(rotated.encrypt('13800001234'))).toBe(false);
    expect(() => new FieldCipher(key(2)).decrypt(stored)).toThrow(/no data key/);
    expect(() => new FieldCipher(Buffer.alloc(16).toString('base64'))).toThrow(/32 bytes/);
  });
});
