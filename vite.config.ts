import { defineConfig } from 'vitest/config';

/** Vite serves and builds client/; Vitest runs one project per top-level part. */
export default defineConfig({
  root: 'client',
  server: {
    proxy: { '/socket.io': { target: 'http://localhost:8080', ws: true } },
  },
  build: { outDir: '../dist/client', emptyOutDir: true },
  test: {
    root: '.',
    // Validation runs simulate hundreds of thousands of customers; wall time is never asserted.
    testTimeout: 120_000,
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
        test: { name: 'client', root: '.', include: ['client/**/*.test.ts'], environment: 'happy-dom' },
      },
    ],
  },
});
