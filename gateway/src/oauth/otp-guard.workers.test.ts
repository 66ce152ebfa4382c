import { eq } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { auditLog } from '../db/schema';
import { createD1Gateway } from '../testing/d1';
import { FormBrowser } from '../testing/form-browser';
import { OTP_LOCKED_ACTION } from './store/otp-guard';

// The lock is one upsert and a conditional audit insert: SQL that must mean the same on D1.
describe('one-time code lockout on D1', () => {
  it('locks the customer after five wrong codes across sessions, refuses the right code, and audits once', async () => {
    const gw = await createD1Gateway();
    const atCodeStep = async () => {
      const b = new FormBrowser((req) => gw.app.fetch(req));
      const page = await b.open(`/account/login?sandbox=${gw.seed!.sandboxId}`);
      return { b, otp: await b.submit(page.html, { username: 'gus', password: 'sandbox' }) };
    };
    const first = await atCodeStep();
    for (let i = 0; i < 3; i++)
      expect((await first.b.submit(first.otp.html, { code: '000000' })).status).toBe(401);
    const second = await atCodeStep();
    expect((await second.b.submit(second.otp.html, { code: '000000' })).status).toBe(401);
    expect((await second.b.submit(second.otp.html, { code: '000000' })).status).toBe(429);
    const third = await atCodeStep();
    expect((await third.b.submit(third.otp.html, { code: '123456' })).status).toBe(429);
    const audits = await gw.services.db.select().from(auditLog).where(eq(auditLog.action, OTP_LOCKED_ACTION));
    expect(audits).toHaveLength(1);
    expect(audits[0]!.details).toMatchObject({ failures: 5, lockout: 1 });
  });
});
