import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['tests/**/*.test.ts'],
    testTimeout: 60_000,
    // The default report, then what was skipped and a passed/failed/skipped line (tests/support/skip-summary.ts).
    reporters: ['default', './tests/support/skip-summary.ts'],
  },
});
