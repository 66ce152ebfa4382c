import { describe, expect, it } from 'vitest';
import { ConfigError, parseConfig } from './config';

describe('configuration', () => {
  it('has defaults for the embedded sandbox', () => {
    const c = parseConfig({});
    expect(c.PORT).toBe(8787);
    expect(c.DATA_DIR).toBe('./.data');
    expect(c.DATABASE_URL).toBe('file:./.data/tessera.db');
    expect(c.LOG_LEVEL).toBe('info');
    expect(c.SEED_SANDBOX).toBe(true);
  });

  it('derives the database from DATA_DIR, accepts Turso URLs, treats blanks as unset', () => {
    expect(parseConfig({ DATA_DIR: '/var/lib/tessera/' }).DATABASE_URL).toBe(
      'file:/var/lib/tessera/tessera.db',
    );
    expect(parseConfig({ DATABASE_URL: 'libsql://bank.turso.io' }).DATABASE_URL).toBe(
      'libsql://bank.turso.io',
    );
    expect(parseConfig({ PORT: '', LOG_LEVEL: '' }).PORT).toBe(8787);
  });

  it('stops start-up with a message naming each bad variable', () => {
    try {
      parseConfig({
        PORT: 'eighty',
        LOG_LEVEL: 'loud',
        PUBLIC_URL: 'not a url',
        DATABASE_URL: 'postgres://x',
      });
      expect.unreachable();
    } catch (err) {
      expect(err).toBeInstanceOf(ConfigError);
      const msg = (err as Error).message;
      for (const v of ['PORT', 'LOG_LEVEL', 'PUBLIC_URL', 'DATABASE_URL']) expect(msg).toContain(`${v}:`);
    }
  });

  it('allows loopback webhooks by default only when PUBLIC_URL is a loopback http URL', () => {
    expect(parseConfig({}).WEBHOOK_ALLOW_LOOPBACK).toBe(true);
    expect(parseConfig({ PUBLIC_URL: 'http://localhost:8787' }).WEBHOOK_ALLOW_LOOPBACK).toBe(true);
    expect(parseConfig({ PUBLIC_URL: 'http://[::1]:8787' }).WEBHOOK_ALLOW_LOOPBACK).toBe(true);
    expect(parseConfig({ PUBLIC_URL: 'https://sandbox.bank.example' }).WEBHOOK_ALLOW_LOOPBACK).toBe(false);
    expect(parseConfig({ PUBLIC_URL: 'https://127.0.0.1:8443' }).WEBHOOK_ALLOW_LOOPBACK).toBe(false);
    expect(parseConfig({ PUBLIC_URL: 'http://0.0.0.0:8787' }).WEBHOOK_ALLOW_LOOPBACK).toBe(false);
    expect(parseConfig({ PUBLIC_URL: 'http://10.1.2.3:8787' }).WEBHOOK_ALLOW_LOOPBACK).toBe(false);
  });

  it('WEBHOOK_ALLOW_LOOPBACK, when set, decides whatever PUBLIC_URL is', () => {
    const hosted = { PUBLIC_URL: 'https://sandbox.bank.example' };
    expect(parseConfig({ ...hosted, WEBHOOK_ALLOW_LOOPBACK: 'true' }).WEBHOOK_ALLOW_LOOPBACK).toBe(true);
    expect(parseConfig({ WEBHOOK_ALLOW_LOOPBACK: 'false' }).WEBHOOK_ALLOW_LOOPBACK).toBe(false);
    expect(() => parseConfig({ WEBHOOK_ALLOW_LOOPBACK: 'yes' })).toThrow(/WEBHOOK_ALLOW_LOOPBACK:/);
  });
});
