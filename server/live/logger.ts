import pino, { type Logger } from 'pino';
import pretty from 'pino-pretty';

/** Log level from BINTWIN_LOG_LEVEL (default info). */
export function logLevel(env: Record<string, string | undefined> = process.env): string {
  return env['BINTWIN_LOG_LEVEL'] ?? 'info';
}

/**
 * The server's structured logger: JSON lines for log collectors, readable colour lines when a
 * person is watching (stdout is a TTY). Pretty printing runs in-process, not in a transport
 * worker, so the last lines before an exit are not lost.
 */
export function createLogger(level: string = logLevel()): Logger {
  const opts = { name: 'bintwin', level };
  if (process.stdout.isTTY)
    return pino(opts, pretty({ colorize: true, translateTime: 'SYS:HH:MM:ss', ignore: 'pid,hostname,name' }));
  return pino(opts);
}
