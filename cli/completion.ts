import type { Command } from 'commander';

/**
 * A bash completion script for `heli`, made from the command tree: subcommands and options of the command typed so
 * far, file names elsewhere. `source <(npx heli completion)` in ~/.bashrc, with `heli` on PATH or an alias.
 */
export function bashCompletion(program: Command): string {
  const cases: string[] = [];
  const walk = (command: Command, path: string) => {
    const words = [
      ...command.commands.map((c) => c.name()),
      ...command.options.flatMap((o) => (o.long ? [o.long] : [])),
      '--help',
    ];
    cases.push(`    '${path}') echo '${words.join(' ')}' ;;`);
    for (const c of command.commands) walk(c, path ? `${path} ${c.name()}` : c.name());
  };
  walk(program, '');
  return `# bash completion for heli (npx heli completion)
_heli_words() {
  case "$1" in
${cases.join('\n')}
  esac
}
_heli() {
  local cur="\${COMP_WORDS[COMP_CWORD]}" path="" w next
  for w in "\${COMP_WORDS[@]:1:COMP_CWORD-1}"; do
    next="\${path:+$path }$w"
    if [ -n "$(_heli_words "$next")" ]; then path="$next"; fi
  done
  COMPREPLY=($(compgen -W "$(_heli_words "$path")" -- "$cur"))
}
complete -o default -F _heli heli
`;
}
