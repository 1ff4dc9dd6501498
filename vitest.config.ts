import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    // kesu in-process (test/helpers/kesu.ts) reads the machine's clock in the shop's time zone.
    env: { TZ: 'Asia/Shanghai' },
    testTimeout: 60_000,
    hookTimeout: 60_000,
    // End-to-end tests spawn many node processes; two workers match the two cores here.
    maxWorkers: 2,
  },
});
