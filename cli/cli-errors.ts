import type { Command, CommanderError } from 'commander';

/**
 * The command line itself is wrong (a missing argument, an unknown command or option, a value out of range):
 * `heli` says what is wrong and what is allowed, points to the command's help, and exits 2.
 */
export class UsageError extends Error {
  constructor(
    message: string,
    /** The command whose usage to show, when known. */
    readonly command?: Command,
    /** False when the command's help was printed already. */
    readonly hint = true,
  ) {
    super(message);
  }
}

/** The command was understood but could not be done (unknown id, file not found, database down): exit 1. */
export class CliFailure extends Error {}

/** `heli token revoke`, as the user would type it. */
export function commandPath(command: Command): string {
  const names: string[] = [];
  for (let c: Command | null = command; c; c = c.parent) names.unshift(c.name());
  return names.join(' ');
}

/** `error: option '--days <n>' argument '0' is invalid. …` and its kin, in the words the rest of heli uses. */
const translations: [RegExp, (...groups: string[]) => string][] = [
  [/^error: missing required argument '(.+)'$/, (name) => `缺少参数 <${name}>`],
  [/^error: unknown command '(.+?)'(?:\n\(Did you mean (?:one of )?(.+)\?\))?$/, unknownCommand],
  [/^error: unknown option '(.+?)'(?:\n\(Did you mean (?:one of )?(.+)\?\))?$/, unknownOption],
  [/^error: too many arguments(?: for '.+')?\. Expected (\d+) arguments? but got (\d+)\.$/, tooMany],
  [/^error: option '(.+)' argument missing$/, (flags) => `选项 ${flags} 缺少取值`],
  [/^error: required option '(.+)' not specified$/, (flags) => `缺少必填选项 ${flags}`],
  [/^error: option '(\S+).*' argument '(.*)' is invalid\. (.*)$/s, (flag, value, rule) => invalid(flag, value, rule)],
  [
    /^error: command-argument value '(.*)' is invalid for argument '(.+)'\. (.*)$/s,
    (value, name, rule) => invalid(`<${name}>`, value, rule),
  ],
];

function unknownCommand(name: string, suggestion?: string): string {
  return `没有这个命令：${name}${suggestion ? `（是否想用 ${suggestion}？）` : ''}`;
}

function unknownOption(flag: string, suggestion?: string): string {
  return `没有这个选项：${flag}${suggestion ? `（是否想用 ${suggestion}？）` : ''}`;
}

function tooMany(expected: string, got: string): string {
  return expected === '0' ? `此命令不接受参数，却给了 ${got} 个` : `参数过多：应为 ${expected} 个，却给了 ${got} 个`;
}

function invalid(what: string, value: string, rule: string): string {
  return value.trim() === '' ? `${what} ${rule}` : `${what} ${rule}，而不是“${value}”`;
}

/** A commander error message in Chinese; an unknown one is passed on without its `error: ` prefix. */
export function describeCommanderError(err: CommanderError): string {
  for (const [pattern, say] of translations) {
    const m = pattern.exec(err.message);
    if (m) return say(...m.slice(1));
  }
  return err.message.replace(/^error: /, '');
}

/** What follows a usage error: how the command is called, and where its full help is. */
export function usageHint(command: Command | undefined): string {
  if (!command) return '查看用法：heli --help';
  const path = commandPath(command);
  const subs = command.commands.map((c) => c.name()).filter((n) => n !== 'help');
  const usage = subs.length > 0 ? `${path} <${subs.join('|')}>` : `${path} ${command.usage()}`;
  return `用法：${usage.trim()}\n查看帮助：${path} --help`;
}
