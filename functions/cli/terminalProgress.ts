import type { Progress } from '../runtime/Logger.ts';

const FRAMES = ['⠋', '⠙', '⠹', '⠸', '⠼', '⠴', '⠦', '⠧', '⠇', '⠏'];

/**
 * Progress on stderr: a spinner when stderr is a terminal, plain lines otherwise (CI logs,
 * pipes), so output stays readable in both.
 */
export function terminalProgress(stream: NodeJS.WriteStream = process.stderr): Progress {
  const tty = stream.isTTY === true;
  return {
    step(label: string) {
      const started = Date.now();
      let frame = 0;
      const timer = tty
        ? setInterval(() => stream.write(`\r${FRAMES[frame++ % FRAMES.length]} ${label}…`), 80)
        : undefined;
      if (!tty) stream.write(`… ${label}\n`);
      return (result?: string) => {
        if (timer) clearInterval(timer);
        const seconds = ((Date.now() - started) / 1000).toFixed(1);
        const text = `${label}${result ? `: ${result}` : ''} (${seconds}s)`;
        stream.write(tty ? `\r\x1b[K✓ ${text}\n` : `done ${text}\n`);
      };
    },
  };
}
