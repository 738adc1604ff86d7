/** Jest runs the TypeScript sources through SWC; `make typecheck` does the type checking. */
module.exports = {
  testEnvironment: 'node',
  roots: ['<rootDir>/dsl', '<rootDir>/service', '<rootDir>/scripts', '<rootDir>/artillery', '<rootDir>/test'],
  testMatch: ['**/*.test.ts'],
  transform: {
    '^.+\\.tsx?$': ['@swc/jest', { jsc: { target: 'es2023', parser: { syntax: 'typescript' } }, module: { type: 'commonjs' } }],
  },
  reporters: ['default', '<rootDir>/test/support/summary-reporter.js'],
  testTimeout: 60000,
  // Test files start real servers and child processes; two workers fit the 2-core machine.
  maxWorkers: 2,
};
