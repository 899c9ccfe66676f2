/** @type {import('jest').Config} */
module.exports = {
  testEnvironment: 'node',
  // Generous: CI runs on 2 cores; no test asserts on speed (the benchmarks measure it).
  testTimeout: 30000,
  // Both cores: most suites wait on child processes, HTTP and the embedded DynamoDB, so two workers
  // keep \`npm test\` well under five minutes on the 2-core CI machine (one worker took 6 minutes).
  maxWorkers: 2,
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
