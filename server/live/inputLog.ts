import { parseNdjsonPrefix } from './ndjson.ts';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Engine, EngineCommand } from '../../sim/index.ts';
import { writeFileAtomic } from './atomicWrite.ts';

// The input log of a live run (issue 14, debrief at a scrubbed moment): every engine command the
// run was given, with the sim time it was applied at, one JSON line each, in order. The engine is
// deterministic, so a snapshot plus the inputs after it rebuild any later moment exactly: the
// debrief restores the nearest rewind point (or starts the scenario afresh) and replays. Feed
// entries are left out (the feed log holds them; a run that took them cannot be rewound or
// debriefed). A checkpoint and a rewind point record how many lines they cover, and a resume
// cuts the log back to that count, as it cuts the journal back to the checkpoint's seq.

/** The input log's file in a run folder. */
export function inputLogFile(runDir: string): string {
  return join(runDir, 'inputs.ndjson');
}

/** One logged input: the sim time it was applied at and the command. */
export interface LoggedInput {
  t: number;
  cmd: EngineCommand;
}

/** Whether a command goes into the input log (every kind but the feed's own). */
export function isLoggedInput(cmd: EngineCommand): boolean {
  return cmd.type !== 'feed' && cmd.type !== 'feed.exception';
}

/**
 * Makes an engine report every logged command it applies to `log` (before applying it, with the
 * sim time then). The engine object is changed in place: handheld and view queries find the
 * world through the engine object itself, so it cannot be replaced by a copy.
 */
export function recordInputs<E extends Engine>(engine: E, log: (input: LoggedInput) => void): E {
  const apply = engine.apply.bind(engine);
  engine.apply = ((cmd: EngineCommand) => {
    if (isLoggedInput(cmd)) log({ t: engine.now(), cmd });
    return apply(cmd);
  }) as Engine['apply'];
  return engine;
}

/** The inputs of a run folder, in order (a torn last line, from a crash mid-write, is left out). */
export function readInputs(runDir: string): LoggedInput[] {
  const file = inputLogFile(runDir);
  if (!existsSync(file)) return [];
  return parseNdjsonPrefix<LoggedInput>(readFileSync(file, 'utf8'));
}

/** Cuts the input log back to its first `count` lines (atomically); returns how many it kept. */
export function cutInputs(runDir: string, count: number): number {
  const kept = readInputs(runDir).slice(0, count);
  writeFileAtomic(inputLogFile(runDir), kept.map((x) => JSON.stringify(x) + '\n').join(''));
  return kept.length;
}
