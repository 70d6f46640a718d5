import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['tests/**/*.test.ts'],
    testTimeout: 30_000,
    hookTimeout: 60_000,
    // Servers under test bind ephemeral ports; forks keep each file's process state apart.
    pool: 'forks',
  },
});
