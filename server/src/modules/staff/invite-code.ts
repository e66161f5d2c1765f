import { createHash, randomInt } from 'node:crypto';

/** Letters and digits nobody confuses when reading a code aloud or off a screen: no 0/O, 1/I/L. */
export const INVITE_ALPHABET = 'ABCDEFGHJKMNPQRSTUVWXYZ23456789';
export const INVITE_CODE_LENGTH = 10;
export const INVITE_TTL_MS = 7 * 24 * 3600 * 1000;

/** A fresh invite code: 10 characters drawn uniformly with the crypto RNG (≈ 49 bits). */
export function generateInviteCode(): string {
  let code = '';
  for (let i = 0; i < INVITE_CODE_LENGTH; i++) code += INVITE_ALPHABET[randomInt(INVITE_ALPHABET.length)];
  return code;
}

/**
 * The code as typed: full-width characters (Chinese input methods) folded to ASCII, spaces and
 * dashes dropped, upper-cased.
 */
export function normaliseInviteCode(input: string): string {
  return input
    .normalize('NFKC')
    .replace(/[\s\-_—－]/g, '')
    .toUpperCase();
}

/** What is stored: the SHA-256 of the normalised code, in hex. */
export function hashInviteCode(code: string): string {
  return createHash('sha256').update(normaliseInviteCode(code), 'utf8').digest('hex');
}
