import { configSchema, configKeys, type Config } from './schema';

export type { Config } from './schema';
export { configKeys } from './schema';

/** Thrown when the environment does not parse; the message names every bad variable. */
export class ConfigError extends Error {
  constructor(readonly problems: { variable: string; message: string }[]) {
    super(
      'Invalid configuration:\n' +
        problems.map((p) => `  ${p.variable}: ${p.message} (${describe(p.variable)})`).join('\n'),
    );
    this.name = 'ConfigError';
  }
}

function describe(variable: string): string {
  return variable in configKeys ? configKeys[variable as keyof typeof configKeys].description : 'unknown';
}

/** Parses Heli's configuration from an environment (default: the process's). */
export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const input = Object.fromEntries(Object.keys(configKeys).map((k) => [k, env[k]]));
  const parsed = configSchema.safeParse(input);
  if (!parsed.success) {
    throw new ConfigError(
      parsed.error.issues.map((i) => ({ variable: String(i.path[0] ?? '(config)'), message: i.message })),
    );
  }
  return parsed.data;
}

/** The configuration table as Markdown, for the README. */
export function configTable(): string {
  const rows = Object.entries(configKeys).map(([key, { schema, description }]) => {
    const parsed = schema.safeParse(undefined);
    const unset =
      !parsed.success || parsed.data === undefined || (Array.isArray(parsed.data) && parsed.data.length === 0);
    const fallback = unset ? '(unset)' : `\`${String(parsed.data)}\``;
    return `| \`${key}\` | ${fallback} | ${description} |`;
  });
  return ['| variable | default | what it does |', '|---|---|---|', ...rows].join('\n');
}
