import 'reflect-metadata';
import { plainToInstance } from 'class-transformer';
import { validateSync, ValidationError } from 'class-validator';
import { ConfigError } from './config-error';

export type Environment = Record<string, string | undefined>;

/**
 * The one place that reads the process environment (STYLE: no process.env outside the config lib).
 * Fields of the class are environment variable names; initialisers are the local defaults. An empty
 * value means the local default, except for a file setting (see {@link emptyMeansNoFile}).
 */
export function loadConfig<T extends object>(shape: new () => T, env: Environment = process.env): T {
  const defaults = new shape();
  const given: Record<string, unknown> = {};
  for (const key of Object.keys(defaults)) {
    const value = env[key];
    if (value !== undefined && (value !== '' || emptyMeansNoFile(key))) given[key] = value;
  }
  const config = plainToInstance(shape, { ...defaults, ...given }, { enableImplicitConversion: true });
  const errors = validateSync(config, { whitelist: false, forbidUnknownValues: true });
  if (errors.length > 0) throw new ConfigError(errors.flatMap((error) => describe(error, given[error.property])));
  const crossChecks = (config as { crossCheck?: () => string[] }).crossCheck?.() ?? [];
  if (crossChecks.length > 0) throw new ConfigError(crossChecks);
  return Object.freeze(config);
}

/**
 * A `*_FILE` setting names a file to read (`SMTP_CA_FILE`: a CA to trust); set to empty it means "no
 * file" (for a CA: the system's CAs), never the local default, which names a file of a development
 * checkout that an image or a pod does not have (issue 13: compose's `SMTP_CA_FILE: ""` hit ENOENT).
 */
export function emptyMeansNoFile(key: string): boolean {
  return key.endsWith('_FILE');
}

function describe(error: ValidationError, raw: unknown): string[] {
  const value = raw ?? error.value;
  const shown = /SECRET|PASSWORD|KEY/.test(error.property) ? '(hidden)' : JSON.stringify(value);
  return Object.values(error.constraints ?? {}).map((message) => `${error.property}=${shown}: ${message}`);
}

/** Reads one raw variable for tooling that has no config class (scripts, test set-up). */
export function readEnvironment(name: string): string | undefined {
  return process.env[name];
}
