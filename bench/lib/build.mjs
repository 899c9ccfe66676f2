// Builds what the benchmark runs, into bench/.out/:
//   ours.bundle   the Lambda bundle, by the project's own build (scripts/build.mjs --lambda-out),
//                 which also rebuilds .build/serve.js for the load test
//   floor.bundle  bench/floor/index.ts, with exactly the Lambda bundle's esbuild options
//   tools.bundle  the simulator, envelopes and store used by the drivers (not timed; packages
//                 external)
import { spawnSync } from 'node:child_process';
import { mkdirSync, statSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';

export const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
export const OUT = path.join(ROOT, 'bench', '.out');
// Named `.bundle`, not `.js`: Prettier and ESLint skip them (the root ignore files do not list
// bench/.out/), and Node loads a file of unknown extension as CommonJS all the same.
export const OURS = path.join(OUT, 'ours.bundle');
export const FLOOR = path.join(OUT, 'floor.bundle');
export const TOOLS = path.join(OUT, 'tools.bundle');
export const SERVE = path.join(ROOT, '.build', 'serve.js');

/** The Lambda bundle's options in scripts/build.mjs, for the floor. */
const LAMBDA_OPTIONS = {
  bundle: true,
  minify: true,
  platform: 'node',
  target: 'node20',
  format: 'cjs',
  mainFields: ['module', 'main'],
  external: ['dynalite'],
  legalComments: 'none',
  lineLimit: 160,
  logLevel: 'warning',
};

/** Builds the three bundles; returns their sizes in bytes. Throws when a build fails. */
export async function buildAll({ lambdaOnly = false } = {}) {
  mkdirSync(OUT, { recursive: true });
  const args = [
    'scripts/build.mjs',
    '--lambda-out',
    OURS,
    ...(lambdaOnly ? ['--lambda-only'] : []),
  ];
  const ours = spawnSync(process.execPath, args, { cwd: ROOT, encoding: 'utf8' });
  if (ours.status !== 0) {
    throw new Error(`the project's build failed:\n${ours.stderr}${ours.stdout}`);
  }
  await build({
    ...LAMBDA_OPTIONS,
    absWorkingDir: ROOT,
    entryPoints: ['bench/floor/index.ts'],
    outfile: FLOOR,
  });
  await build({
    absWorkingDir: ROOT,
    entryPoints: ['bench/lib/tools.ts'],
    outfile: TOOLS,
    bundle: true,
    platform: 'node',
    target: 'node20',
    format: 'cjs',
    packages: 'external',
    logLevel: 'warning',
  });
  return { oursBytes: statSync(OURS).size, floorBytes: statSync(FLOOR).size };
}
