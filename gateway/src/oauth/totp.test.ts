import { describe, expect, it } from 'vitest';
import { totpAt, verifyTotp } from './totp';

// RFC 6238 Appendix B, SHA-1 secret "12345678901234567890" (base32 below), truncated to 6 digits.
const SECRET = 'GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ';

describe('TOTP RFC 6238', () => {
  it('matches the RFC test vectors', async () => {
    expect(await totpAt(SECRET, 59)).toBe('287082');
    expect(await totpAt(SECRET, 1111111109)).toBe('081804');
    expect(await totpAt(SECRET, 1234567890)).toBe('005924');
    expect(await totpAt(SECRET, 2000000000)).toBe('279037');
  });

  it('accepts one step of drift, not two', async () => {
    const at = new Date(1234567890 * 1000);
    expect(await verifyTotp(SECRET, '005924', at)).toBe(true);
    expect(await verifyTotp(SECRET, await totpAt(SECRET, 1234567890 - 30), at)).toBe(true);
    expect(await verifyTotp(SECRET, await totpAt(SECRET, 1234567890 - 90), at)).toBe(false);
    expect(await verifyTotp(SECRET, 'abcdef', at)).toBe(false);
  });
});
