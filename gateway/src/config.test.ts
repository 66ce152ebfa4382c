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
});
