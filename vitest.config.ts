import { defineConfig } from 'vitest/config';
import { afternoonZone } from './test/support/time-zone';

export default defineConfig({
  test: {
    projects: [
      {
        test: {
          name: 'unit',
          include: ['test/**/*.test.ts'],
          environment: 'node',
          // a stop for a hung test, not a speed check: the randomised agreement tests take a few
          // seconds on a slow two-core machine sharing its cores between test files
          testTimeout: 20_000,
        },
      },
      {
        test: {
          name: 'e2e',
          include: ['test/e2e/**/*.e2e.ts'],
          environment: 'node',
          fileParallelism: false,
          testTimeout: 90_000,
          hookTimeout: 120_000,
          // about 13:00 local in the browser and the tests, whatever the hour (test/support/time-zone.ts)
          env: { TZ: afternoonZone() },
        },
      },
    ],
  },
});
