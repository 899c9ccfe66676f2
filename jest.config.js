/** @type {import('jest').Config} */
module.exports = {
  testEnvironment: 'node',
  // Generous: CI runs on 2 cores; no test asserts on speed (the benchmarks measure it).
  testTimeout: 30000,
  roots: ['<rootDir>/test'],
  testMatch: ['**/*.test.ts'],
  transform: {
    '^.+\\.(t|j)sx?$': [
      '@swc/jest',
      { jsc: { parser: { syntax: 'typescript' }, target: 'es2022' }, module: { type: 'commonjs' } },
    ],
  },
  setupFiles: ['<rootDir>/test/setupEnv.ts'],
  collectCoverageFrom: ['src/checkout/**/*.ts', 'src/amazonpay/**/*.ts'],
};
