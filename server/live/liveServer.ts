import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Logger } from 'pino';
import type { Server } from 'socket.io';
import { createHttpHandler } from '../http/httpHandler.ts';
import { ForecastService, type ForecastServiceOptions } from '../forecast/forecastService.ts';
import { ServerEvent } from '../../sim/view/protocol.ts';
import { openDataDir } from './dataDir.ts';
import type { PacingState } from './liveRun.ts';
import { createLogger } from './logger.ts';
import { RunIndex } from './runIndex.ts';
import { LiveRunner } from './runner.ts';
import { ScenarioLibrary } from './scenarioLibrary.ts';
import { AccessControl } from './settings.ts';
import { attachStream } from './streamServer.ts';
import { TrainingHub } from '../training/trainingHub.ts';
import { attachRf } from '../training/rfNamespace.ts';
import { SessionCues } from '../training/sessionCues.ts';
import { ConsolePush } from '../training/consolePush.ts';
import { attachFeeds, openFeeds } from '../feeds/startFeeds.ts';
import type { FeedContext } from '../feeds/feedContext.ts';
import { faultHooksFromEnv, FeedIngest, type FeedIngestOptions } from '../feeds/feedIngest.ts';
import { prepareMirrorRun, type MirrorOptions } from './mirrorRun.ts';
import { dedupMaxKeysFromEnv, dedupRetentionFromEnv } from '../feeds/feedRetention.ts';
import { loadEpcisSchema } from '../feeds/epcis/epcisValidator.ts';
import { AuthLimiter } from './authLimiter.ts';
import { OriginPolicy } from './originPolicy.ts';
import { journalOptionsFromEnv } from './journalSegments.ts';
import type { JournalOptions } from './liveRun.ts';
import { budgetFromEnv, budgetProblems, type ScenarioBudget } from './scenarioBudget.ts';
import type { RewindSettings } from './rewindPoints.ts';
import { bindServer, closeStream } from './httpListen.ts';

/** The built web client, served when present. */
export const DEFAULT_CLIENT_DIR = fileURLToPath(new URL('../../dist/client/', import.meta.url));

/** Everything `startLiveServer` needs. */
export interface LiveServerOptions {
  scenario: string;
  seed?: string;
  pacing: PacingState;
  port: number;
  host: string;
  dataDir: string;
  newRun?: boolean;
  clientDir?: string;
  checkpointEveryMs?: number;
  /** Rewind points (training); none when absent. */
  rewind?: RewindSettings;
  tickMs?: number;
  log?: Logger;
  env?: Record<string, string | undefined>;
  /** Mirror a site (`serve --mirror`): a run driven only by the feeds, from imported files. */
  mirror?: MirrorOptions;
  /** Extra browser origins allowed to open sockets (`--allow-origin`; also BINTWIN_ALLOW_ORIGIN). */
  allowOrigins?: string[];
  /** PEM files for HTTPS/WSS (`--tls-cert`, `--tls-key`); both or neither. */
  tls?: { cert: string; key: string };
  /** Fork-from-now forecasts: worker threads, forecasts at once, time bound (forecastService.ts). */
  forecast?: Omit<ForecastServiceOptions, 'log'>;
  /** Scenario size budgets (defaults, then BINTWIN_MAX_* from env, then this). */
  budget?: Partial<ScenarioBudget>;
  /** Feed ingest settings (segment size, reply window; fault hooks in tests). */
  feedIngest?: FeedIngestOptions;
  /** Journal segment size (default BINTWIN_JOURNAL_SEGMENT_MB, else 64 MB) and test hooks. */
  journal?: JournalOptions;
}

/** A running live server. */
export interface LiveServer {
  port: number;
  host: string;
  runner: LiveRunner;
  io: Server;
  /** The scanner and EPCIS feeds. */
  feeds: FeedContext;
  /** Training sessions and trainees' handhelds (issue 14). */
  training: TrainingHub;
  /** The live exercise session's cues (evaluated on every tick). */
  cues: SessionCues;
  /** The first-run admin token, to print once (null when one already existed or is set by env). */
  newAdminToken: string | null;
  /** Stops accepting connections, writes a final checkpoint, flushes and closes the journal. */
  close(): Promise<void>;
}

/** Starts the live twin: resumes or creates the run, then serves HTTP and Socket.IO on one port. */
export async function startLiveServer(o: LiveServerOptions): Promise<LiveServer> {
  const log = o.log ?? createLogger();
  // What ships with bintwin is checked first, before the data folder or the port is touched.
  loadEpcisSchema();
  const env = o.env ?? process.env;
  const budget = { ...budgetFromEnv(env), ...o.budget };
  const data = openDataDir(o.dataDir);
  const access = await AccessControl.open(data.settingsFile, env);
  const authLimiter = new AuthLimiter(log);
  const origins = OriginPolicy.from(o.allowOrigins, env);
  const index = await RunIndex.open(data.runIndexFile);
  const library = new ScenarioLibrary(data.scenariosDir);
  // The ingest reads the feed log while the runner resumes (re-applying what the checkpoint lacks).
  // The key retention window and key cap come from this server's env (a bad value stops the start here).
  const feedOpts = o.feedIngest ?? faultHooksFromEnv(env);
  const retentionMs = dedupRetentionFromEnv(env);
  const maxKeys = dedupMaxKeysFromEnv(env);
  const ingest = new FeedIngest(log, { ...feedOpts, log: { retentionMs, maxKeys, ...feedOpts.log } });
  const forecasts = new ForecastService({ ...o.forecast, log });
  const runner = new LiveRunner({
    data,
    index,
    library,
    log,
    backlog: (folder, engine) => ingest.backlog(folder, engine),
    budget: (s) => budgetProblems(s, budget),
    journal: o.journal ?? journalOptionsFromEnv(env),
    ...(o.tickMs === undefined ? {} : { tickMs: o.tickMs }),
    ...(o.checkpointEveryMs === undefined ? {} : { checkpointEveryMs: o.checkpointEveryMs }),
    ...(o.rewind === undefined ? {} : { rewind: o.rewind }),
  });
  // Bind the port first: when it is taken, fail before any run is created or resumed.
  const bound = await bindServer(o);
  const http = bound.http;
  let io: Server;
  let feeds: FeedContext;
  let training: TrainingHub;
  let cues: SessionCues;
  try {
    const scenario = o.mirror
      ? await prepareMirrorRun(data, index, o.mirror, o.pacing, o.newRun ?? false, log)
      : o.scenario;
    await runner.start({
      scenario,
      pacing: o.pacing,
      ...(o.seed === undefined ? {} : { seed: o.seed }),
      // A mirror run is prepared on disk above; the runner resumes it.
      newRun: o.mirror ? false : (o.newRun ?? false),
    });
    feeds = await openFeeds({
      root: data.root,
      runner,
      access,
      log,
      ingest: ingest.bind(runner),
      env,
    });
    feeds.authLimiter = authLimiter;
    training = new TrainingHub(join(data.root, 'training'), runner, log);
    cues = new SessionCues(training, runner, log);
    bound.serve(
      createHttpHandler({
        training: { hub: training },
        feeds,
        runner,
        index,
        library,
        access,
        data,
        clientDir: o.clientDir ?? DEFAULT_CLIENT_DIR,
        log,
        authLimiter,
        budgetProblems: (s) => budgetProblems(s, budget),
        forecasts,
      }),
    );
    io = attachStream(http, runner, access, log, { origins, authLimiter });
    const stream = io;
    forecasts.onResult((msg) => stream.emit(ServerEvent.forecast, msg));
    attachFeeds(io, feeds);
    attachRf(io, training, authLimiter, log);
    new ConsolePush(stream, training, runner, log);
  } catch (err) {
    // Undo what started, so a failed start leaves no timer or socket keeping the process alive.
    http.close();
    await runner.stop().catch((stopErr: unknown) => log.warn({ err: stopErr }, 'stop after failed start'));
    await forecasts.close();
    throw err;
  }
  // Only now, with the server up, so a failed start never swallows the one-time token.
  const newAdminToken = await access.ensureAdminToken();
  const port = bound.announce(log, { dataDir: data.root, run: runner.status().runId }, 'live server', '/');
  let closing: Promise<void> | null = null;
  return {
    port,
    host: o.host,
    runner,
    io,
    feeds,
    training,
    cues,
    newAdminToken,
    close: () =>
      (closing ??= (async () => {
        // Cues settle between the sockets going and the stream closing (as before the split).
        io.disconnectSockets(true);
        await cues.settled();
        await closeStream(io);
        await runner.stop();
        await forecasts.close();
        feeds.ingest.close();
        log.info({ run: runner.status().runId }, 'stopped: final checkpoint written, journal closed');
      })()),
  };
}
