// Builds the Lambda bundle (lambda/index.js), the billing Lambda bundle next to it
// (lambda/billing.js, not with --lambda-only) and the local tools (.build/). Usage:
//   node scripts/build.mjs [--lambda-out FILE] [--lambda-only]
import { build } from 'esbuild';
import { existsSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const args = process.argv.slice(2);
const outIndex = args.indexOf('--lambda-out');
const lambdaOut =
  outIndex >= 0 && args[outIndex + 1]
    ? path.resolve(args[outIndex + 1])
    : path.join(root, 'lambda', 'index.js');
const lambdaOnly = args.includes('--lambda-only');

try {
  const result = await build({
    absWorkingDir: root,
    entryPoints: ['src/index.ts'],
    outfile: lambdaOut,
    bundle: true,
    minify: true,
    platform: 'node',
    target: 'node20',
    format: 'cjs',
    mainFields: ['module', 'main'],
    // The embedded store is for local runs only: dynalite stays out of the Lambda bundle.
    external: ['dynalite'],
    // ask-sdk-model is types only for this skill; see the shim for the one value ask-sdk-core reads.
    alias: { 'ask-sdk-model': path.join(root, 'scripts', 'shims', 'ask-sdk-model.cjs') },
    legalComments: 'none',
    // Short lines: an init error's source excerpt stays readable instead of one huge line.
    lineLimit: 160,
    metafile: true,
    logLevel: 'warning',
  });
  const bytes = Object.values(result.metafile.outputs).reduce((sum, o) => sum + o.bytes, 0);
  let billingNote = '';
  if (!lambdaOnly) {
    // The scheduled billing job: its own file, so that the skill's index.js never carries it.
    const billingOut = path.join(path.dirname(lambdaOut), 'billing.js');
    const billing = await build({
      absWorkingDir: root,
      entryPoints: ['src/billingJob.ts'],
      outfile: billingOut,
      bundle: true,
      minify: true,
      platform: 'node',
      target: 'node20',
      format: 'cjs',
      mainFields: ['module', 'main'],
      external: ['dynalite'],
      legalComments: 'none',
      lineLimit: 160,
      metafile: true,
      logLevel: 'warning',
    });
    const billingBytes = Object.values(billing.metafile.outputs).reduce((s, o) => s + o.bytes, 0);
    billingNote = `, ${path.relative(root, billingOut) || billingOut} (${(billingBytes / 1024).toFixed(0)} KB)`;
  }
  if (!lambdaOnly) {
    await build({
      absWorkingDir: root,
      // The local tools: the offline purchase runner and the merchant's order tools.
      entryPoints: Object.fromEntries(
        Object.entries({
          start: 'src/local/main.ts',
          orders: 'src/cli/orders.ts',
          serve: 'src/local/serve.ts',
          simulator: 'src/local/web/main.ts',
          billing: 'src/billing/cli/billing.ts',
        }).filter(([, file]) => existsSync(path.join(root, file))),
      ),
      outdir: path.join(root, '.build'),
      bundle: true,
      platform: 'node',
      target: 'node20',
      format: 'cjs',
      packages: 'external',
      sourcemap: 'inline',
      logLevel: 'warning',
    });
  }
  process.stderr.write(
    `built ${path.relative(root, lambdaOut) || lambdaOut} (${(bytes / 1024).toFixed(0)} KB)${billingNote}\n`,
  );
} catch (error) {
  process.stderr.write(`build failed: ${error instanceof Error ? error.message : String(error)}\n`);
  process.exit(1);
}
