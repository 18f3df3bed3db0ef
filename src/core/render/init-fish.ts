import { followFish } from './init-follow.js';
import type { InitOptions } from './init-options.js';
import { fishQuote } from './quote.js';

/**
 * `pipwarden init fish | source`. fish has no command hash to reset, and it
 * saves and restores `$status` around event handlers, so the hook only puts
 * the shim dir back first on PATH at each prompt (the `fish_prompt` event,
 * as direnv uses). Redefining the function replaces its handler, so sourcing
 * twice leaves one hook.
 */
export function initFish(opts: InitOptions): string {
  const lines = [
    '# pipwarden shell integration for fish: pipwarden init fish | source',
    `set -g __pipwarden_shims ${fishQuote(opts.shimDir)}`,
    ...followFish(opts),
    'function __pipwarden_path --on-event fish_prompt',
    // Called by hand (sh-style, after an activate) it keeps `$status` too.
    '    set -l s $status',
    '    if test "$PATH[1]" != "$__pipwarden_shims"',
    '        set -l keep',
    '        for d in $PATH',
    '            test "$d" = "$__pipwarden_shims"; or set -a keep $d',
    '        end',
    '        set -gx PATH $__pipwarden_shims $keep',
    '    end',
    // Only when PATH changed since the hook last ran: one compare a prompt otherwise.
    '    if test "$PATH" != "$__pipwarden_seen"',
    '        __pipwarden_follow',
    '        set -g __pipwarden_seen "$PATH"',
    '    end',
    '    return $s',
    'end',
    '__pipwarden_path',
  ];
  if (opts.binDir) {
    // At the end, so a pipwarden the user installed elsewhere still wins.
    lines.push(`command -q pipwarden; or set -gx PATH $PATH ${fishQuote(opts.binDir)}`);
  }
  if (opts.completionsDir !== null) {
    const file = fishQuote(`${opts.completionsDir}/pipwarden.fish`);
    lines.push(`test -r ${file}; and source ${file}`);
  }
  return `${lines.join('\n')}\n`;
}
