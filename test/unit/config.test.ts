import { readFileSync } from 'node:fs';
import path from 'node:path';
import { projectRoot } from '../../config/paths';
import { ConfigError, configTable, loadConfig } from '../../config';

describe('configuration', () => {
  it('gives every key its default when the environment is empty', () => {
    const config = loadConfig({});

    expect(config).toMatchObject({ PORT: 3000, TEMPORAL_NAMESPACE: 'default', TEMPORAL_TASK_QUEUE: 'heli' });
    expect(config.DATABASE_URL).toBeUndefined();
    expect(config.TEMPORAL_ADDRESS).toBeUndefined();
  });

  it('names the variable and what it expects when a value is bad', () => {
    const attempt = () => loadConfig({ PORT: 'eighty', DATABASE_URL: 'mysql://x' });

    expect(attempt).toThrow(ConfigError);
    expect(attempt).toThrow(/PORT: .*number/);
    expect(attempt).toThrow(/DATABASE_URL: /);
  });

  it('refuses half an mTLS key pair', () => {
    expect(() => loadConfig({ TEMPORAL_TLS_CERT_PATH: '/etc/heli/client.pem' })).toThrow(/TEMPORAL_TLS_KEY_PATH/);
  });

  it('treats an empty value as unset', () => {
    expect(loadConfig({ DATABASE_URL: '', TEMPORAL_ADDRESS: ' ' })).toMatchObject({
      DATABASE_URL: undefined,
      TEMPORAL_ADDRESS: undefined,
    });
  });

  it('documents every key in the README table', () => {
    const table = configTable();

    expect(table).toContain('| `PORT` | `3000` |');
    expect(table).toContain('| `DATABASE_URL` | (unset) |');
  });
});

describe('the README', () => {
  it('carries the current configuration table', () => {
    // Prettier pads Markdown tables, so compare without spaces and with runs of dashes folded.
    const fold = (text: string) => text.replace(/ +/g, '').replace(/-{3,}/g, '---');
    const readme = fold(readFileSync(path.join(projectRoot, 'README.md'), 'utf8'));

    expect(readme).toContain(fold(configTable()));
  });
});
