import type { Server } from 'socket.io';
import { createNetworkHttpHandler } from '../http/networkHttp.ts';
import { isNetworkArg, loadNetwork } from '../networkLoader.ts';
import { openDataDir } from './dataDir.ts';
import { createLogger } from './logger.ts';
import { RunIndex } from './runIndex.ts';
import { AccessControl } from './settings.ts';
import { attachStream } from './streamServer.ts';
import { AuthLimiter } from './authLimiter.ts';
import { OriginPolicy } from './originPolicy.ts';
import { journalOptionsFromEnv } from './journalSegments.ts';
import { isNetworkRunDir } from './networkLiveRun.ts';
import { NetworkRunner } from './networkRunner.ts';
import { budgetFromEnv, networkBudgetProblems } from './scenarioBudget.ts';
import { bindServer, closeStream } from './httpListen.ts';
import { DEFAULT_CLIENT_DIR, startLiveServer, type LiveServerOptions } from './liveServer.ts';
import { faultHooksFromEnv } from '../feeds/feedIngest.ts';
import { dedupMaxKeysFromEnv, dedupRetentionFromEnv } from '../feeds/feedRetention.ts';
import { SiteIngests } from '../feeds/network/siteIngests.ts';
import {
  attachNetworkFeeds,
  networkFeedRoutes,
  openNetworkFeeds,
  type NetworkFeeds,
} from '../feeds/network/networkFeeds.ts';

/** The options startNetworkServer reads (those of startLiveServer). */
export type LiveServerOptionsLike = LiveServerOptions;

/** A running live server of a network run. */
export interface NetworkServer {
  port: number;
  host: string;
  runner: NetworkRunner;
  io: Server;
  newAdminToken: string | null;
  /** The scanner and EPCIS feeds, routed to each site. */
  feeds: NetworkFeeds;
  /** Stops accepting connections, writes a final checkpoint, closes every site's journal. */
  close(): Promise<void>;
}

/**
 * Would `serve` with these options run a network? Yes when it resumes a current run whose folder
 * is a network run, or starts a new run of a network scenario (`kind: "network"`).
 */
export async function servesNetwork(
  o: Pick<LiveServerOptions, 'scenario' | 'dataDir' | 'newRun' | 'mirror'>,
): Promise<boolean> {
  if (o.mirror) return false;
  const data = openDataDir(o.dataDir);
  const cur = (await RunIndex.open(data.runIndexFile)).current();
  if (cur && cur.status === 'running' && !o.newRun) return isNetworkRunDir(data.runDir(cur.id));
  return isNetworkArg(o.scenario);
}

/** Starts the live server for what the options ask: a network run, or a single site (startLiveServer). */
export async function startAnyServer(
  o: LiveServerOptions,
): Promise<{ newAdminToken: string | null; close(): Promise<void> }> {
  return (await servesNetwork(o)) ? startNetworkServer(o) : startLiveServer(o);
}

/**
 * Serves a network run live: one NetworkRunner (one sim clock, every site stepped by the network
 * runner of sim/network), the socket stream with per-site and per-zone rooms plus the overview
 * room, the network HTTP routes, and the scanner and EPCIS feeds routed to each site (each with
 * its own write-ahead feed log, re-applied on resume). Training, forecasts and mirroring are
 * single-site features and are not served here.
 */
export async function startNetworkServer(o: LiveServerOptions): Promise<NetworkServer> {
  const log = o.log ?? createLogger();
  const env = o.env ?? process.env;
  if (o.mirror) throw new Error('--mirror mirrors one site; it cannot be combined with a network run');
  const data = openDataDir(o.dataDir);
  const access = await AccessControl.open(data.settingsFile, env);
  const authLimiter = new AuthLimiter(log);
  const origins = OriginPolicy.from(o.allowOrigins, env);
  const index = await RunIndex.open(data.runIndexFile);
  const budget = { ...budgetFromEnv(env), ...o.budget };
  // One write-ahead ingest per site; the runner's resume reads each site's feed log through it.
  const feedOpts = o.feedIngest ?? faultHooksFromEnv(env);
  const ingestLog = {
    retentionMs: dedupRetentionFromEnv(env),
    maxKeys: dedupMaxKeysFromEnv(env),
    ...feedOpts.log,
  };
  const ingests = new SiteIngests(log, { ...feedOpts, log: ingestLog }, () => runner);
  const runner: NetworkRunner = new NetworkRunner({
    data,
    index,
    log,
    load: (name) => loadNetwork(name).network,
    budget: (net) => networkBudgetProblems(net, budget),
    backlog: (site, folder, engine) => ingests.backlog(site, folder, engine),
    journal: o.journal ?? journalOptionsFromEnv(env),
    ...(o.tickMs === undefined ? {} : { tickMs: o.tickMs }),
    ...(o.checkpointEveryMs === undefined ? {} : { checkpointEveryMs: o.checkpointEveryMs }),
  });
  const bound = await bindServer(o);
  const http = bound.http;
  let io: Server;
  let feeds: NetworkFeeds;
  try {
    const cur = index.current();
    if (cur && cur.status === 'running' && !o.newRun && isNetworkRunDir(data.runDir(cur.id))) {
      await runner.start({ resume: cur, pacing: o.pacing });
      if (cur.scenario !== o.scenario)
        log.warn(
          { run: cur.id, asked: o.scenario },
          `resuming run of "${cur.scenario}"; start with --new-run for "${o.scenario}"`,
        );
    } else {
      const { network } = loadNetwork(o.scenario);
      await runner.start({ network, pacing: o.pacing, ...(o.seed === undefined ? {} : { seed: o.seed }) });
    }
    feeds = await openNetworkFeeds({ root: data.root, runner, ingests, access, log, authLimiter, env });
    bound.serve(
      createNetworkHttpHandler({
        feedRoutes: networkFeedRoutes(feeds, runner),
        runner,
        index,
        access,
        data,
        clientDir: o.clientDir ?? DEFAULT_CLIENT_DIR,
        log,
        authLimiter,
      }),
    );
    io = attachStream(http, runner, access, log, { origins, authLimiter });
    attachNetworkFeeds(io, feeds);
  } catch (err) {
    http.close();
    ingests.close();
    await runner.stop().catch((stopErr: unknown) => log.warn({ err: stopErr }, 'stop after failed start'));
    throw err;
  }
  const newAdminToken = await access.ensureAdminToken();
  const port = bound.announce(
    log,
    { dataDir: data.root, run: runner.status().runId, sites: runner.sites() },
    'live network server',
    '/network',
  );
  let closing: Promise<void> | null = null;
  return {
    port,
    host: o.host,
    runner,
    io,
    feeds,
    newAdminToken,
    close: () =>
      (closing ??= (async () => {
        await closeStream(io);
        await runner.stop();
        ingests.close();
        log.info(
          { run: runner.status().runId },
          'stopped: final network checkpoint written, journals closed',
        );
      })()),
  };
}
