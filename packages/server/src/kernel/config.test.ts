import { describe, expect, it } from 'vitest';
import { ConfigError, loadSettings } from './config.js';

describe(loadSettings.name, () => {
  it('works with no environment at all and serves on 127.0.0.1:8080 with SQLite under ./data', () => {
    const settings = loadSettings({});
    expect(settings.port).toBe(8080);
    expect(settings.host).toBe('127.0.0.1');
    expect(settings.databaseUrl).toMatch(/^sqlite:.*data[\\/]switchyard\.db$/);
    expect(settings.openSignup).toBe(true);
    expect(settings.accessTokenTtlSeconds).toBe(900);
  });

  it('names the variable and the bad value when a number is not a number', () => {
    expect(() => loadSettings({ PORT: 'eighty' })).toThrow(ConfigError);
    expect(() => loadSettings({ PORT: 'eighty' })).toThrow(
      /PORT must be an integer between 0 and 65535 \(got "eighty"\)/,
    );
  });

  it('rejects an unknown database scheme naming DATABASE_URL', () => {
    expect(() => loadSettings({ DATABASE_URL: 'mysql://x' })).toThrow(
      /DATABASE_URL must start with postgres/,
    );
  });

  it('rejects a boolean that is not one', () => {
    expect(() => loadSettings({ SWITCHYARD_OPEN_SIGNUP: 'maybe' })).toThrow(
      /SWITCHYARD_OPEN_SIGNUP must be true or false/,
    );
  });

  it('reports every bad variable at once', () => {
    try {
      loadSettings({ PORT: '-1', SWITCHYARD_MASTER_KEY: 'short' });
      expect.unreachable();
    } catch (error) {
      expect((error as ConfigError).issues).toHaveLength(2);
    }
  });

  it('honours PORT, SWITCHYARD_DATA_DIR and DATABASE_URL', () => {
    const settings = loadSettings({
      PORT: '9999',
      SWITCHYARD_DATA_DIR: '/srv/sy',
      DATABASE_URL: 'postgres://u:p@h/db',
    });
    expect(settings.port).toBe(9999);
    expect(settings.dataDir).toBe('/srv/sy');
    expect(settings.databaseUrl).toBe('postgres://u:p@h/db');
  });
});
