// Import-graph rules for bintwin, checked by `npm run graph` (part of `npm test`).
// Violations that existed when a rule was introduced are listed in
// .dependency-cruiser-known-violations.json and tolerated through `--ignore-known`; any NEW
// violation fails the check. Shrink the baseline by fixing an arrow and re-running
// `npm run graph:baseline` (README, "Import graph").
//
// Known violations at introduction: 65 (69 before issue 12's boundary work); now 0. The last,
// sim/engine/world.ts → kpi/kpiAccumulator.ts, went when World's KPI counters became the
// engine's empty `WorldKpi` declaration (sim/engine/worldKpi.ts), filled by module augmentation
// from sim/kpi/worldKpi.ts and made, saved and restored through the KpiStore the composition
// root installs with WorldHooks; the truth-log types and exception causes went the same way
// (sim/engine/truthRecord.ts, sim/exceptions/truthEvent.ts).
// The deep imports from server/ and client/ are gone (entry points below, no baseline), and so
// are the two circles (world ↔ flowRegistry, scanSession ↔ scanReceive).

/** Test files: beside the code (`x.test.ts`) or the cross-cutting ones in test/. */
const TESTS = '(\\.test\\.ts$|^test/)';

/**
 * The public entry points of sim/ that server/ and client/ may import (issue 12, "Engine
 * boundary"). Everything else under sim/ is internal to the core.
 * - sim/index.ts: the engine behind its command API (no world handed out), the scenario schema,
 *   the journal, ledger and reconciliation types.
 * - sim/viewApi.ts: the view model's types and pure helpers, and the shared HTTP response types.
 * - sim/mirrorApi.ts: mirror mode: feed entries, scans, EPC identifiers, site import, feed queries.
 * - sim/forecastApi.ts: fork-from-now: a live snapshot's forked replications and their outcome.
 * - sim/networkApi.ts: multi-site network runs: the network schema, runner and KPIs.
 * - sim/slottingApi.ts: what `bintwin slotting` reads: layouts, items, travel model, face fit.
 * - sim/handheldApi.ts: the RF handheld: a worker's screen, free workers of a role, floor-kit labels.
 * - sim/view/protocol.ts: the wire protocol (messages, schemas, Socket.IO event maps).
 * - sim/gs1/index.ts: the GS1 barcode parser's public surface.
 */
const SIM_ENTRY_POINTS =
  '^sim/(index\\.ts|viewApi\\.ts|mirrorApi\\.ts|forecastApi\\.ts|handheldApi\\.ts|networkApi\\.ts|slottingApi\\.ts|view/protocol\\.ts|gs1/index\\.ts)$';

/**
 * Tests of server/ and client/ may also open the one inspection hatch, worldOf(engine), to check
 * ledgers and flow state behind a running server; production code never can.
 */
const SIM_TEST_HATCH = '^sim/engineWorld\\.ts$';

/** Build-time Node scripts kept next to the code they generate (not part of the pure core). */
const SIM_BUILD_SCRIPTS = '^sim/gs1/scripts/';

/** @type {import('dependency-cruiser').IConfiguration} */
module.exports = {
  forbidden: [
    {
      name: 'no-circular',
      severity: 'error',
      comment: 'Import circles make initialisation order fragile and hide layering (issue 12).',
      from: {},
      to: { circular: true },
    },
    {
      name: 'sim-pure-no-node',
      severity: 'error',
      comment: 'sim/ is pure and deterministic: no Node built-ins (ESLint also bans their names).',
      from: { path: '^sim/', pathNot: SIM_BUILD_SCRIPTS },
      to: { dependencyTypes: ['core'] },
    },
    {
      name: 'sim-not-up',
      severity: 'error',
      comment: 'sim/ is the bottom layer: it never imports server/ or client/.',
      from: { path: '^sim/' },
      to: { path: '^(server|client)/' },
    },
    {
      name: 'sim-prod-not-test',
      severity: 'error',
      comment: 'Production code in sim/ never imports test helpers (tests beside the code may).',
      from: { path: '^sim/', pathNot: TESTS },
      to: { path: '^test/' },
    },
    {
      name: 'prod-not-test',
      severity: 'error',
      comment:
        'Production code in server/ and client/ never imports test helpers or test files (the fuzz harness, a test tool itself, may read the vendored conformance data).',
      from: { path: '^(server|client)/', pathNot: [TESTS, '^server/fuzz/'] },
      to: { path: TESTS },
    },
    {
      name: 'client-not-server',
      severity: 'error',
      comment: 'The browser client talks to the server over the protocol only, never by import.',
      from: { path: '^client/' },
      to: { path: '^server/' },
    },
    {
      name: 'server-not-client',
      severity: 'error',
      comment: 'The server does not depend on browser code.',
      from: { path: '^server/' },
      to: { path: '^client/' },
    },
    {
      name: 'engine-not-up-to-flows',
      severity: 'error',
      comment:
        'issue 12: the engine depends on the Flow interface only; flows, KPIs and exceptions ' +
        'depend on the engine, never the other way round.',
      from: { path: '^sim/engine/' },
      to: { path: '^sim/(flows|kpi|exceptions)/' },
    },
    {
      name: 'sim-through-entry-points',
      severity: 'error',
      comment:
        'issue 12: server/ and client/ import sim/ only through its public entry points ' +
        '(SIM_ENTRY_POINTS in .dependency-cruiser.cjs).',
      from: { path: '^(server|client)/', pathNot: TESTS },
      to: { path: '^sim/', pathNot: SIM_ENTRY_POINTS },
    },
    {
      name: 'sim-tests-through-entry-points',
      severity: 'error',
      comment:
        'Tests of server/ and client/ use the same entry points, plus the worldOf inspection ' +
        'hatch (SIM_TEST_HATCH) to look at a running engine.',
      from: { path: '^(server|client)/', pathNot: '^(?!.*\\.test\\.ts$)' },
      to: { path: '^sim/', pathNot: [SIM_ENTRY_POINTS, SIM_TEST_HATCH] },
    },
    {
      name: 'no-orphans',
      severity: 'error',
      comment: 'A module nothing imports and that is not an entry point or a test is dead code.',
      from: {
        orphan: true,
        pathNot: [
          TESTS,
          '\\.d\\.ts$',
          '^(vite\\.config|eslint\\.config)\\.',
          '^server/bin/',
          // Preloaded into the soak's server child with `node -r`, not imported.
          '^server/soak/heapReport\\.js$',
          '^client/main\\.ts$',
          // The trainer console's entry, loaded by client/trainer.html.
          '^client/trainer/trainerApp\\.ts$',
          SIM_BUILD_SCRIPTS,
          '\\.json$',
        ],
      },
      to: {},
    },
    {
      name: 'not-to-unresolvable',
      severity: 'error',
      comment: 'An import that does not resolve is a typo or a missing dependency.',
      from: {},
      to: { couldNotResolve: true },
    },
  ],
  options: {
    doNotFollow: { path: 'node_modules' },
    tsConfig: { fileName: 'tsconfig.json' },
    // Type-only imports count too: a type circle still couples the modules.
    tsPreCompilationDeps: true,
    enhancedResolveOptions: {
      exportsFields: ['exports'],
      conditionNames: ['import', 'require', 'node', 'default', 'types'],
      extensions: ['.ts', '.js', '.mjs', '.cjs', '.json', '.d.ts'],
    },
    reporterOptions: {
      dot: { collapsePattern: 'node_modules/(@[^/]+/[^/]+|[^/]+)' },
    },
  },
};
