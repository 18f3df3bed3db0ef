import { execFileSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { existsSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { onTestFinished } from 'vitest';

export type ShellName = 'bash' | 'zsh' | 'fish';

export interface Ran {
  /** The command's exit status, as the shell saw it. */
  status: number;
  /** What the screen showed between the typed line and the status sentinel. */
  output: string;
}

/**
 * One real interactive shell in a private tmux server (own socket, own
 * TMUX_TMPDIR, no user config), killed when the test finishes. Commands are
 * typed with send-keys; completion is detected by polling the screen for a
 * sentinel the shell prints after each command, never by sleeping.
 */
export class TmuxShell {
  private count = 0;
  private pid = 0;
  private readonly socket = `pw-${process.pid}-${randomBytes(4).toString('hex')}`;

  private constructor(
    readonly shell: ShellName,
    private readonly env: Record<string, string>,
    private readonly dir: string,
  ) {}

  /**
   * Start `argv` in a 200×50 pane, with `env` as the whole environment.
   * `launch` prefixes the command that starts the server, e.g. a stage's
   * `enter`, so the server and its panes live in that mount namespace.
   */
  static start(
    shell: ShellName,
    argv: string[],
    opts: { env: Record<string, string>; cwd: string; dir: string; launch?: string[] },
  ): TmuxShell {
    const t = new TmuxShell(shell, { ...opts.env, TMUX_TMPDIR: opts.dir }, opts.dir);
    const conf = join(opts.dir, `tmux-${t.socket}.conf`);
    writeFileSync(
      conf,
      'set -g history-limit 20000\nset -g status off\nset -g remain-on-exit on\n',
    );
    const [cmd = 'tmux', ...pre] = [...(opts.launch ?? []), 'tmux'];
    execFileSync(
      cmd,
      [
        ...pre,
        '-L',
        t.socket,
        '-f',
        conf,
        'new-session',
        '-d',
        '-x',
        '200',
        '-y',
        '50',
        '-c',
        opts.cwd,
        '--',
        ...argv,
      ],
      { env: t.env, stdio: 'pipe' },
    );
    t.pid = t.panePid();
    // Runs before tempDir's removal (vitest runs these hooks in reverse order).
    onTestFinished(() => t.stop());
    return t;
  }

  /** Type `line` and press Enter. */
  type(line: string): void {
    this.typeOnly(line);
    this.tmux('send-keys', '-t', '0', 'Enter');
  }

  /** Type `text` without pressing Enter (e.g. before a Tab). */
  typeOnly(text: string): void {
    this.tmux('send-keys', '-t', '0', '-l', text);
  }

  /** Press keys by tmux name, e.g. `C-c`, `Tab`. */
  keys(...names: string[]): void {
    this.tmux('send-keys', '-t', '0', ...names);
  }

  /** The whole pane, history included, wrapped lines joined. */
  screen(): string {
    return this.tmux('capture-pane', '-p', '-J', '-t', '0', '-S', '-20000');
  }

  /** The pid of the shell running in the pane. */
  panePid(): number {
    return Number(this.tmux('display-message', '-p', '-t', '0', '#{pane_pid}').trim());
  }

  /** Poll the screen until `re` matches. */
  async waitFor(re: RegExp, timeoutMs = 60_000): Promise<RegExpMatchArray> {
    const until = Date.now() + timeoutMs;
    for (;;) {
      const m = this.screen().match(re);
      if (m) return m;
      if (Date.now() > until) {
        throw new Error(`timed out waiting for ${re} in ${this.shell}; screen:\n${this.screen()}`);
      }
      await new Promise((r) => setTimeout(r, 50));
    }
  }

  /**
   * Type `line`, then print a sentinel with its status, and wait for it. The
   * sentinel is typed split by quotes, so only the shell's output matches.
   */
  async run(line: string, timeoutMs = 60_000): Promise<Ran> {
    const n = ++this.count;
    const status = this.shell === 'fish' ? '$status' : '$?';
    this.type(`${line}; echo "__pw""_done_${n}:${status}"`);
    const m = await this.waitFor(new RegExp(`__pw_done_${n}:(\\d+)`), timeoutMs);
    const screen = this.screen();
    const end = screen.indexOf(m[0]);
    const typed = screen.lastIndexOf(`__pw""_done_${n}:`, end);
    const start = typed === -1 ? 0 : screen.indexOf('\n', typed) + 1;
    return { status: Number(m[1]), output: screen.slice(start, end) };
  }

  /** Wait until the shell is ready: a first command completes. */
  async ready(timeoutMs = 30_000): Promise<void> {
    await this.run('true', timeoutMs);
  }

  kill(): void {
    try {
      this.tmux('kill-server');
    } catch {
      // Already gone.
    }
  }

  /**
   * Kill the server and wait for the shell to be gone: a shell writes its
   * history file as it exits, which would race with removing the temp HOME.
   */
  async stop(): Promise<void> {
    this.kill();
    const until = Date.now() + 10_000;
    while (this.pid > 0 && existsSync(`/proc/${this.pid}`) && Date.now() < until) {
      await new Promise((r) => setTimeout(r, 20));
    }
  }

  private tmux(...args: string[]): string {
    return execFileSync('tmux', ['-L', this.socket, ...args], {
      env: this.env,
      encoding: 'utf8',
      stdio: ['ignore', 'pipe', 'pipe'],
    });
  }
}
