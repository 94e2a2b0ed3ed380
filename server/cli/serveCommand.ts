import { PortInUseError } from '../live/httpListen.ts';
import { startAnyServer } from '../live/networkServer.ts';
import { createLogger } from '../live/logger.ts';
import { MirrorImportError } from '../live/mirrorImport.ts';
import { ScenarioError } from '../scenarioLoader.ts';
import { CliError, EXIT_RUNTIME, EXIT_USAGE } from './cliError.ts';
import type { ServeFlags } from './serveOptions.ts';
import { REWIND_DEFAULTS } from '../live/rewindPoints.ts';

/**
 * `bintwin serve`: runs the live twin until SIGINT/SIGTERM, then writes a final checkpoint and
 * closes the journal before exiting. A second signal during shutdown exits at once.
 */
export async function serveCommand(scenario: string, flags: ServeFlags): Promise<number> {
  const log = createLogger();
  let server;
  // A signal while the server is starting (it logs "live server on" before start returns) must
  // still shut down cleanly: remember it and act on it as soon as the server is up.
  let early: NodeJS.Signals | null = null;
  const onEarly = (sig: NodeJS.Signals): void => void (early ??= sig);
  process.on('SIGINT', onEarly);
  process.on('SIGTERM', onEarly);
  const dropEarly = (): void => {
    process.off('SIGINT', onEarly);
    process.off('SIGTERM', onEarly);
  };
  try {
    // A network scenario (or a current network run) is served by the network server.
    server = await startAnyServer({
      scenario,
      ...(flags.seed === undefined ? {} : { seed: flags.seed }),
      pacing: { speed: flags.speed, paused: flags.paused, until: flags.until },
      port: flags.port,
      host: flags.host,
      dataDir: flags.dataDir,
      newRun: flags.newRun,
      checkpointEveryMs: flags.checkpointEveryMs,
      ...(flags.rewindEveryMs !== null
        ? { rewind: { ...REWIND_DEFAULTS, everyMs: flags.rewindEveryMs } }
        : {}),
      ...(flags.mirror ? { mirror: flags.mirror } : {}),
      allowOrigins: flags.allowOrigins,
      ...(flags.tls ? { tls: flags.tls } : {}),
      log,
    });
  } catch (err) {
    dropEarly();
    if (err instanceof PortInUseError) throw new CliError(err.message, EXIT_RUNTIME);
    if (err instanceof MirrorImportError) throw new CliError(err.message, EXIT_USAGE);
    if (err instanceof ScenarioError)
      throw new CliError(err.message, err.kind === 'unknown-name' ? EXIT_USAGE : EXIT_RUNTIME);
    // Anything else that stops a start (unusable data folder, missing shipped file) is still the
    // operator's to fix: one line here, the stack only in the debug log.
    log.debug({ err }, 'start failed');
    throw new CliError(`cannot start: ${oneLine(err)}`, EXIT_RUNTIME);
  }
  if (server.newAdminToken) {
    process.stdout.write(
      `\nFirst run: admin token ${server.newAdminToken}\n(stored hashed in ${flags.dataDir}/settings.json; it is shown only this once.\n` +
        ` Lost it? \`bintwin token create --role admin --data-dir ${flags.dataDir}\` makes another.)\n\n`,
    );
  }
  const s = server;
  await new Promise<void>((resolve) => {
    let stopping = false;
    const onSignal = (sig: NodeJS.Signals): void => {
      if (stopping) {
        log.warn('second signal: exiting without waiting');
        process.exit(130);
      }
      stopping = true;
      log.info({ signal: sig }, 'shutting down');
      s.close().then(resolve, (err: unknown) => {
        log.error({ err }, 'shutdown failed');
        resolve();
      });
    };
    process.on('SIGINT', onSignal);
    process.on('SIGTERM', onSignal);
    dropEarly();
    if (early !== null) onSignal(early);
  });
  return 0;
}

/** An error's message on one line (system errors carry the path; stacks stay out of the terminal). */
function oneLine(err: unknown): string {
  return (err instanceof Error ? err.message : String(err)).replace(/\s*\n\s*/g, ' ');
}
