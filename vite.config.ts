import { availableParallelism } from 'node:os';
import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vitest/config';

/** Vite serves and builds client/; Vitest runs one project per top-level part. */
export default defineConfig({
  root: 'client',
  server: {
    proxy: { '/socket.io': { target: 'http://localhost:8080', ws: true } },
  },
  build: {
    outDir: '../dist/client',
    emptyOutDir: true,
    // The floor view, the trainees' RF handheld (/rf), the trainer console (/trainer), its
    // debrief page (/debrief) and the network overview (/network): five pages of one build.
    rollupOptions: {
      input: {
        main: fileURLToPath(new URL('./client/index.html', import.meta.url)),
        rf: fileURLToPath(new URL('./client/rf.html', import.meta.url)),
        trainer: fileURLToPath(new URL('./client/trainer.html', import.meta.url)),
        network: fileURLToPath(new URL('./client/network.html', import.meta.url)),
        debrief: fileURLToPath(new URL('./client/debrief.html', import.meta.url)),
      },
    },
  },
  test: {
    root: '.',
    // Validation runs simulate hundreds of thousands of customers; wall time is never asserted.
    testTimeout: 120_000,
    // Vitest's default (cores − 1) is one worker on CI's 2 cores: the suite ran file after file
    // while the main process, which only transforms modules and reports, left a core mostly idle.
    maxWorkers: Math.max(2, availableParallelism() - 1),
    projects: [
      { extends: true, test: { name: 'sim', root: '.', include: ['sim/**/*.test.ts'], environment: 'node' } },
      {
        extends: true,
        test: {
          name: 'server',
          root: '.',
          include: ['server/**/*.test.ts', 'test/**/*.test.ts'],
          environment: 'node',
        },
      },
      {
        extends: true,
        test: { name: 'scenarios', root: '.', include: ['scenarios/**/*.test.ts'], environment: 'node' },
      },
      {
        extends: true,
        test: {
          name: 'client',
          root: '.',
          include: ['client/**/*.test.ts'],
          // Browser end-to-end tests run in the e2e project below (Node, real Chromium).
          exclude: ['client/e2e/**', 'node_modules/**'],
          environment: 'happy-dom',
        },
      },
      {
        extends: true,
        test: {
          name: 'e2e',
          root: '.',
          include: ['client/e2e/**/*.e2e.test.ts'],
          environment: 'node',
          // Builds the client and starts real servers and a browser: minutes, not seconds.
          testTimeout: 240_000,
          hookTimeout: 300_000,
          // Two files at a time: a file mostly waits on its server's sim clock and its browser,
          // so one at a time left the cores half idle for minutes. Each file has its own server
          // (free port, fresh data dir) and browser; the client build is locked (harness.ts).
          // Nothing here asserts wall time or frame rates; the soak's heap and DOM are its page's.
          maxWorkers: 2,
          // A group of its own, after the others: page loads and server starts are bounded
          // (20 s, 120 s) and timed out at load 25, so they do not share the cores with the
          // CPU-bound files.
          sequence: { groupOrder: 1 },
        },
      },
    ],
  },
});
