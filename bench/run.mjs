// `npm run bench`: measures our Lambda bundle against the floor (bench/floor/), in one run,
// interleaved, each sample in a fresh Node process, then runs the load test (bench/load.mjs).
// Prints a table with the ratios ours/floor and PASS/FAIL per target of issue 7, writes
// bench/results.json, and exits 1 when a target fails.
//
//   node bench/run.mjs [--rounds N] [--warm-rounds N] [--purchases N] [--warmup N]
//                      [--returning N] [--no-load] [--load-purchases N] [--load-concurrency N]
//                      [--quick]
//
// Each round runs one sample of ours and one of the floor, in alternating order (ABBA). Every
// sample gives one cold start (the processes start one after the other, never together);
// `--warm-rounds` of the rounds, spread evenly, are full samples that go on with warm purchases,
// stepped over IPC so that ours and the floor alternate one purchase at a time (a busy moment of
// the machine falls on both alike). Every other timed purchase measures the process's CPU time
// per turn instead of the wall time.
//
// Targets (issue 7): cold start (p50 of process start -> first response) <= 1.3x the floor; the
// p50 of every warm turn of the purchase <= 2x the floor's (p99 is shown, not judged); <= 1
// DynamoDB call per turn on average over the purchase and <= 2 in any turn; the Lambda bundle
// < 600 KB (614,400 bytes) minified; and, for honesty, every benchmark purchase answered as
// expected and a clean load test.
//
// The store: one in-memory dynalite started here, behind a counting proxy (one per sample), that
// both bundles reach as real DynamoDB (ORDERS_TABLE, AWS_ENDPOINT_URL_DYNAMODB, fake credentials
// and region, AWS_LAMBDA_FUNCTION_NAME set): the same code path as in Lambda for ours, the same
// endpoint, client and network hop for both.
import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import os from 'node:os';
import path from 'node:path';
import { buildAll, FLOOR, OURS, ROOT, TOOLS } from './lib/build.mjs';
import { startCountingProxy, sumCounts } from './lib/countingProxy.mjs';
import { kib, mean, median, mib, ms, percentile, ratio, table, times } from './lib/stats.mjs';

const require = createRequire(import.meta.url);
// The drivers load the AWS SDK too: its Node 20 reminder is noise here.
process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ??= 'true';
const TURNS = ['launch', 'buy', 'yes', 'setup', 'charge'];
const TURN_LABELS = {
  launch: 'LaunchRequest -> speech',
  buy: 'BuyIntent -> speech',
  yes: 'Yes -> Setup',
  setup: 'Setup answer -> Charge',
  charge: 'Charge answer -> speech+card',
  returningLaunch: 'LaunchRequest, returning shopper',
};
const TABLE_NAME = 'bench-orders';
const FLOOR_ORDER_ID = 'floor-order';
const SKILL_ID = 'amzn1.ask.skill.00000000-0000-0000-0000-000000000000';
const TARGETS = {
  coldRatio: 1.3,
  warmRatio: 2,
  avgCallsPerTurn: 1,
  maxCallsPerTurn: 2,
  bundleBytes: 600 * 1024,
};

function parseArgs(argv) {
  const options = {
    rounds: 16,
    warmRounds: 6,
    purchases: 50,
    warmup: 5,
    returning: 10,
    load: true,
    loadPurchases: 500,
    loadConcurrency: 50,
  };
  const numeric = {
    '--rounds': 'rounds',
    '--warm-rounds': 'warmRounds',
    '--purchases': 'purchases',
    '--warmup': 'warmup',
    '--returning': 'returning',
    '--load-purchases': 'loadPurchases',
    '--load-concurrency': 'loadConcurrency',
  };
  for (let i = 0; i < argv.length; i += 1) {
    const arg = argv[i];
    if (arg === '--no-load') options.load = false;
    else if (arg === '--quick')
      Object.assign(options, { rounds: 4, warmRounds: 2, purchases: 10, loadPurchases: 100 });
    else if (arg in numeric) {
      const value = Number(argv[i + 1]);
      if (!Number.isSafeInteger(value) || value < 1) throw new Error(`${arg} needs a whole number`);
      options[numeric[arg]] = value;
      i += 1;
    } else {
      throw new Error(`unknown argument: ${arg}`);
    }
  }
  if (options.warmRounds > options.rounds)
    throw new Error('--warm-rounds must be at most --rounds');
  return options;
}

/** The environment of a sample: a Lambda-like one, with nothing inherited but PATH and HOME. */
/** The origin of the loopback Buyer API stand-in, set once main() has started it. */
let buyerApiOrigin = '';

function childEnv(proxyEndpoint, config, resultFile) {
  return {
    PATH: process.env.PATH ?? '',
    HOME: process.env.HOME ?? os.tmpdir(),
    AWS_LAMBDA_FUNCTION_NAME: 'voice-shop-bench',
    AWS_REGION: 'us-east-1',
    AWS_DEFAULT_REGION: 'us-east-1',
    AWS_ACCESS_KEY_ID: 'bench',
    AWS_SECRET_ACCESS_KEY: 'bench',
    AWS_ENDPOINT_URL_DYNAMODB: proxyEndpoint,
    AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: 'true',
    ORDERS_TABLE: TABLE_NAME,
    FLOOR_ORDER_ID,
    SELLER_ID: 'A1EXAMPLESELLER',
    SKILL_ID,
    STORE_NAME: 'Blue Kettle Coffee',
    MERCHANT_COUNTRY: 'US',
    LEDGER_CURRENCY: 'USD',
    SANDBOX: 'true',
    SANDBOX_CUSTOMER_EMAIL: 'sandbox-buyer@example.com',
    // As deployed (ask-resources.json); the log lines go to /dev/null.
    LOG_LEVEL: 'info',
    BENCH_CHILD_CONFIG: JSON.stringify(config),
    BENCH_BUYER_API_ORIGIN: buyerApiOrigin,
    BENCH_RESULT_FILE: resultFile,
  };
}

/**
 * Starts one sample in a fresh Node process. It runs its cold start (and, when full, its warm-up
 * purchases) at once; `ready` settles when it waits for steps. `step('purchase' | 'returning')`
 * plays one timed step; `finish()` ends it and returns its results.
 */
async function startSample(impl, dynamoEndpoint, options, tmp, index, coldOnly) {
  const proxy = await startCountingProxy(dynamoEndpoint);
  const resultFile = path.join(tmp, `${impl}-${index}.json`);
  const config = {
    impl,
    coldOnly,
    bundle: impl === 'ours' ? OURS : FLOOR,
    tools: TOOLS,
    proxy: proxy.control,
    skillId: SKILL_ID,
    warmup: options.warmup,
  };
  // The IPC channel carries the steps only (and is there for cold-only samples too, so that
  // every process starts alike); the results come in a file.
  // Both impls get the same preload: ours calls the Buyer APIs, the floor calls nothing.
  const redirect = path.join(ROOT, 'bench', 'lib', 'buyerApiRedirect.cjs');
  const child = spawn(
    process.execPath,
    ['-r', redirect, path.join(ROOT, 'bench', 'lib', 'child.cjs')],
    {
      cwd: tmp,
      env: childEnv(proxy.endpoint, config, resultFile),
      stdio: ['ignore', 'ignore', 'pipe', 'ipc'],
    },
  );
  let stderr = '';
  child.stderr.setEncoding('utf8');
  child.stderr.on('data', (chunk) => (stderr += chunk));
  const exited = new Promise((resolve) => child.on('close', resolve)).then(async (code) => {
    await proxy.close();
    if (code !== 0) throw new Error(`${impl} sample ${index} exited ${code}: ${stderr.trim()}`);
    return JSON.parse(readFileSync(resultFile, 'utf8'));
  });
  exited.catch(() => undefined);
  let waiting;
  child.on('message', (message) => {
    const resolve = waiting;
    waiting = undefined;
    resolve?.(message);
  });
  const next = () =>
    Promise.race([
      new Promise((resolve) => (waiting = resolve)),
      exited.then(() => {
        throw new Error(`${impl} sample ${index} ended early`);
      }),
    ]);
  const ready = coldOnly ? Promise.resolve() : next();
  return {
    ready,
    step: (command) => {
      const answer = next();
      child.send(command);
      return answer;
    },
    finish: () => {
      if (!coldOnly) child.send('finish');
      return exited;
    },
  };
}

/** Runs one round: a sample of each, started one after the other, then stepped in lockstep. */
async function runRound(order, dynamoEndpoint, options, tmp, round, coldOnly) {
  const started = {};
  for (const impl of order) {
    started[impl] = await startSample(impl, dynamoEndpoint, options, tmp, round, coldOnly);
    // The next process starts only when this one is idle: cold starts never overlap.
    if (coldOnly) started[impl].result = await started[impl].finish();
    else await started[impl].ready;
  }
  if (!coldOnly) {
    const steps = [
      ...Array.from({ length: options.purchases }, () => 'purchase'),
      ...Array.from({ length: options.returning }, () => 'returning'),
    ];
    for (const [i, command] of steps.entries()) {
      // Alternate which one goes first, purchase by purchase.
      for (const impl of i % 2 === 0 ? order : [...order].reverse()) {
        await started[impl].step(command);
      }
    }
    for (const impl of order) started[impl].result = await started[impl].finish();
  }
  return Object.fromEntries(order.map((impl) => [impl, started[impl].result]));
}

/** Per turn: the mean and the largest number of DynamoDB calls, and the operations. */
function callStats(samples, turn) {
  const counts = samples.flatMap((s) => s.calls[turn]);
  const sums = counts.map(sumCounts);
  const operations = {};
  for (const c of counts) {
    for (const [op, n] of Object.entries(c)) operations[op] = (operations[op] ?? 0) + n;
  }
  for (const op of Object.keys(operations)) {
    operations[op] = Number((operations[op] / Math.max(1, counts.length)).toFixed(2));
  }
  return { mean: mean(sums), max: Math.max(...sums), operations };
}

function summarize(all, bytes) {
  const samples = all.filter((s) => !s.coldOnly);
  const cold = (key) => all.map((s) => s.cold[key]);
  const turns = {};
  for (const turn of [...TURNS, 'returningLaunch']) {
    const values = samples.flatMap((s) => s.times[turn]);
    const cpu = samples.flatMap((s) => s.cpu[turn] ?? []);
    turns[turn] = {
      n: values.length,
      p50: percentile(values, 50),
      p99: percentile(values, 99),
      cpuP50: percentile(cpu, 50),
      calls: callStats(samples, turn),
    };
  }
  const callsPerPurchase = TURNS.reduce((sum, t) => sum + turns[t].calls.mean, 0);
  const timedPurchases = samples.reduce(
    (s, x) => s + x.times.charge.length + (x.cpu?.charge.length ?? 0),
    0,
  );
  const timedCalls = samples.reduce((s, x) => s + sumCounts(x.timedCalls), 0);
  return {
    samples: { cold: all.length, warm: samples.length },
    cold: {
      processStartToFirstResponseMs: median(cold('processStartToFirstResponseMs')),
      initMs: median(cold('initMs')),
      firstInvokeMs: median(cold('firstInvokeMs')),
      harnessStartMs: median(cold('harnessStartMs')),
      min: Math.min(...cold('processStartToFirstResponseMs')),
      all: cold('processStartToFirstResponseMs'),
      firstTurnCalls: mean(all.map((s) => sumCounts(s.coldCalls))),
    },
    turns,
    calls: {
      perPurchase: callsPerPurchase,
      avgPerTurn: callsPerPurchase / TURNS.length,
      maxInAnyTurn: Math.max(...[...TURNS, 'returningLaunch'].map((t) => turns[t].calls.max)),
      timedPhasePerPurchase: timedPurchases === 0 ? Number.NaN : timedCalls / timedPurchases,
    },
    memory: {
      maxRss: median(samples.map((s) => s.memory.maxRss)),
      rssAtFirstResponse: median(all.map((s) => s.memory.rssAtFirstResponse)),
    },
    bundleBytes: bytes,
    problems: all.flatMap((s) => s.problems),
    authorizations: samples.reduce((s, x) => s + x.authorizations, 0),
  };
}

function verdict(ok) {
  return ok ? 'PASS' : 'FAIL';
}

function report(ours, floor) {
  const rows = [];
  const targets = [];
  const coldRatio = ratio(
    ours.cold.processStartToFirstResponseMs,
    floor.cold.processStartToFirstResponseMs,
  );
  const coldOk = coldRatio <= TARGETS.coldRatio;
  targets.push({ name: `cold start <= ${TARGETS.coldRatio}x floor`, value: coldRatio, ok: coldOk });
  rows.push([
    'cold: process start -> 1st response (p50)',
    ms(ours.cold.processStartToFirstResponseMs),
    ms(floor.cold.processStartToFirstResponseMs),
    times(coldRatio),
    `<= ${TARGETS.coldRatio}x ${verdict(coldOk)}`,
  ]);
  rows.push([
    '  best sample (min)',
    ms(ours.cold.min),
    ms(floor.cold.min),
    times(ratio(ours.cold.min, floor.cold.min)),
    '(info)',
  ]);
  const coldParts = [
    ['  module init (require the bundle)', 'initMs'],
    ['  first invoke (LaunchRequest)', 'firstInvokeMs'],
    ['  node start to harness (same for both)', 'harnessStartMs'],
  ];
  for (const [label, key] of coldParts) {
    rows.push([
      label,
      ms(ours.cold[key]),
      ms(floor.cold[key]),
      times(ratio(ours.cold[key], floor.cold[key])),
      '',
    ]);
  }
  const initInvoke = (s) => s.cold.initMs + s.cold.firstInvokeMs;
  rows.push([
    '  init + first invoke',
    ms(initInvoke(ours)),
    ms(initInvoke(floor)),
    times(ratio(initInvoke(ours), initInvoke(floor))),
    '',
  ]);
  for (const turn of [...TURNS, 'returningLaunch']) {
    const o = ours.turns[turn];
    const f = floor.turns[turn];
    const r50 = ratio(o.p50, f.p50);
    const inPurchase = TURNS.includes(turn);
    const ok = r50 <= TARGETS.warmRatio;
    if (inPurchase)
      targets.push({ name: `warm ${turn} p50 <= ${TARGETS.warmRatio}x floor`, value: r50, ok });
    rows.push([
      `warm ${TURN_LABELS[turn]} p50`,
      ms(o.p50),
      ms(f.p50),
      times(r50),
      inPurchase ? `<= ${TARGETS.warmRatio}x ${verdict(ok)}` : '(info)',
    ]);
    rows.push([`  p99`, ms(o.p99), ms(f.p99), times(ratio(o.p99, f.p99)), '(info)']);
  }
  for (const turn of TURNS) {
    const o = ours.turns[turn].cpuP50;
    const f = floor.turns[turn].cpuP50;
    rows.push([`CPU in the function: ${turn} (p50)`, ms(o), ms(f), times(ratio(o, f)), '(info)']);
  }
  for (const turn of [...TURNS, 'returningLaunch']) {
    const o = ours.turns[turn].calls;
    const f = floor.turns[turn].calls;
    const ops = Object.entries(o.operations)
      .map(([op, n]) => `${n} ${op}`)
      .join(' + ');
    rows.push([
      `DynamoDB calls: ${turn}`,
      `${o.mean.toFixed(2)} (${ops || 'none'})`,
      f.mean.toFixed(2),
      times(ratio(o.mean, f.mean)),
      o.max <= TARGETS.maxCallsPerTurn ? '' : `> ${TARGETS.maxCallsPerTurn} FAIL`,
    ]);
  }
  const avgOk = ours.calls.avgPerTurn <= TARGETS.avgCallsPerTurn;
  const maxOk = ours.calls.maxInAnyTurn <= TARGETS.maxCallsPerTurn;
  targets.push({
    name: `<= ${TARGETS.avgCallsPerTurn} DynamoDB call per turn on average`,
    value: ours.calls.avgPerTurn,
    ok: avgOk,
  });
  targets.push({
    name: `<= ${TARGETS.maxCallsPerTurn} DynamoDB calls in any turn`,
    value: ours.calls.maxInAnyTurn,
    ok: maxOk,
  });
  rows.push([
    'DynamoDB calls per turn, purchase average',
    ours.calls.avgPerTurn.toFixed(2),
    floor.calls.avgPerTurn.toFixed(2),
    times(ratio(ours.calls.avgPerTurn, floor.calls.avgPerTurn)),
    `<= ${TARGETS.avgCallsPerTurn} ${verdict(avgOk)}`,
  ]);
  rows.push([
    'DynamoDB calls, most in any turn',
    String(ours.calls.maxInAnyTurn),
    String(floor.calls.maxInAnyTurn),
    '',
    `<= ${TARGETS.maxCallsPerTurn} ${verdict(maxOk)}`,
  ]);
  rows.push([
    '  per purchase, timed phase (check)',
    ours.calls.timedPhasePerPurchase.toFixed(2),
    floor.calls.timedPhasePerPurchase.toFixed(2),
    '',
    '',
  ]);
  rows.push([
    'peak memory (maxRSS, p50 of samples)',
    mib(ours.memory.maxRss),
    mib(floor.memory.maxRss),
    times(ratio(ours.memory.maxRss, floor.memory.maxRss)),
    '(info)',
  ]);
  rows.push([
    '  RSS at first response',
    mib(ours.memory.rssAtFirstResponse),
    mib(floor.memory.rssAtFirstResponse),
    times(ratio(ours.memory.rssAtFirstResponse, floor.memory.rssAtFirstResponse)),
    '',
  ]);
  const bundleOk = ours.bundleBytes < TARGETS.bundleBytes;
  targets.push({ name: 'Lambda bundle < 600 KB minified', value: ours.bundleBytes, ok: bundleOk });
  rows.push([
    'bundle size (minified)',
    `${kib(ours.bundleBytes)} (${ours.bundleBytes} B)`,
    `${kib(floor.bundleBytes)} (${floor.bundleBytes} B)`,
    times(ratio(ours.bundleBytes, floor.bundleBytes)),
    `< 600 KB ${verdict(bundleOk)}`,
  ]);
  return { text: table(['metric', 'ours', 'floor', 'ours/floor', 'target'], rows), targets };
}

async function writeResults(file, results) {
  let text = `${JSON.stringify(results, null, 2)}\n`;
  try {
    // Formatted as the project's Prettier would, so that `npm run lint` has nothing to say.
    const prettier = await import('prettier');
    text = await prettier.format(text, { parser: 'json', printWidth: 100 });
  } catch {
    // Prettier is a dev dependency; without it the plain JSON is fine.
  }
  writeFileSync(file, text);
}

async function main() {
  const options = parseArgs(process.argv.slice(2));
  const started = Date.now();
  const loadBefore = os.loadavg()[0];
  process.stdout.write(
    'building ours (scripts/build.mjs --lambda-out bench/.out/ours.bundle), the floor and the tools...\n',
  );
  const { oursBytes, floorBytes } = await buildAll();
  const tools = require(TOOLS);

  const dynamo = await tools.startEmbeddedDynamo({ inMemory: true });
  // The Buyer ID and Buyer Address APIs the skill calls on launch and buy (see buyerApiRedirect.cjs).
  const buyerApi = await tools.startLocalBuyerApi({
    country: 'US',
    sandboxEmail: 'sandbox-buyer@example.com',
  });
  buyerApiOrigin = buyerApi.origin;
  const client = tools.createEmbeddedDocumentClient(dynamo.endpoint);
  const tmp = mkdtempSync(path.join(os.tmpdir(), 'voice-shop-bench-'));
  const samples = { ours: [], floor: [] };
  try {
    await tools.createOrdersTable(client, TABLE_NAME);
    await tools.seedFloorOrder(client, TABLE_NAME, FLOOR_ORDER_ID);
    process.stdout.write(
      `sampling: ${options.rounds} rounds of ours and the floor (ABBA), each sample a fresh Node ` +
        `process with 1 cold start; ${options.warmRounds} of them full: ${options.warmup} warm-up ` +
        `purchases (DynamoDB calls counted), then ${options.purchases} timed purchases and ` +
        `${options.returning} returning-shopper launches, alternating ours and the floor one ` +
        'purchase at a time\n',
    );
    let full = 0;
    for (let round = 0; round < options.rounds; round += 1) {
      // Full samples spread evenly over the rounds.
      const coldOnly = Math.floor(((round + 1) * options.warmRounds) / options.rounds) <= full;
      if (!coldOnly) full += 1;
      const order = round % 2 === 0 ? ['ours', 'floor'] : ['floor', 'ours'];
      const results = await runRound(order, dynamo.endpoint, options, tmp, round, coldOnly);
      for (const impl of order) samples[impl].push(results[impl]);
      process.stdout.write(coldOnly ? '.' : ':');
    }
    process.stdout.write('\n');
  } finally {
    client.destroy();
    await dynamo.close();
    await buyerApi.close();
    rmSync(tmp, { recursive: true, force: true });
  }

  const ours = summarize(samples.ours, oursBytes);
  const floor = summarize(samples.floor, floorBytes);
  const { text, targets } = report(ours, floor);
  process.stdout.write(`\n${text}\n\n`);
  const problems = [
    ...ours.problems.map((p) => `ours: ${p}`),
    ...floor.problems.map((p) => `floor: ${p}`),
  ];
  const expectedAuthorizations = options.warmRounds * (options.warmup + options.purchases);
  const purchasesOk =
    problems.length === 0 &&
    ours.authorizations === expectedAuthorizations &&
    floor.authorizations === expectedAuthorizations;
  targets.push({
    name: 'every benchmark purchase answered as expected (both)',
    value: problems.length,
    ok: purchasesOk,
  });
  if (problems.length > 0) {
    process.stdout.write(`problems in the purchases:\n  ${[...new Set(problems)].join('\n  ')}\n`);
  }

  let load;
  if (options.load) {
    const { runLoad } = await import('./load.mjs');
    load = await runLoad({
      build: false,
      purchases: options.loadPurchases,
      concurrency: options.loadConcurrency,
    });
    targets.push({
      name: 'load test: zero errors, every order paid once',
      value: load.errors,
      ok: load.ok,
    });
  }

  process.stdout.write('\ntargets:\n');
  for (const t of targets) process.stdout.write(`  ${verdict(t.ok)}  ${t.name}\n`);
  const elapsedS = (Date.now() - started) / 1000;
  process.stdout.write(
    `\nbench took ${elapsedS.toFixed(1)} s on ${os.cpus().length} cores, node ${process.version}; ` +
      `1-minute load average ${loadBefore.toFixed(1)} at the start, ${os.loadavg()[0].toFixed(1)} at the end ` +
      '(other work on the machine squeezes the wall-time ratios towards 1; compare within one run)\n',
  );

  await writeResults(path.join(ROOT, 'bench', 'results.json'), {
    when: new Date().toISOString(),
    node: process.version,
    cpus: os.cpus().length,
    cpuModel: os.cpus()[0]?.model,
    loadAverage: { start: loadBefore, end: os.loadavg()[0] },
    options,
    method: {
      store:
        'one in-memory dynalite in the bench process; both bundles reach it as DynamoDB ' +
        '(ORDERS_TABLE, AWS_ENDPOINT_URL_DYNAMODB, fake credentials, AWS_LAMBDA_FUNCTION_NAME set) ' +
        'through a counting HTTP proxy (one per sample) that counts requests by X-Amz-Target',
      cold: 'performance.now() in the child: its origin is the process start',
      warm:
        'performance.now() around each handler call, p50/p99 nearest rank over the timed purchases ' +
        '(every other one; the others measure process.cpuUsage() around each call)',
      memory: 'process.resourceUsage().maxRSS of each sample, median',
    },
    ours,
    floor,
    targets,
    load,
    elapsedS,
  });
  process.stdout.write('wrote bench/results.json\n');
  return targets.every((t) => t.ok) ? 0 : 1;
}

main().then(
  (code) => process.exit(code),
  (error) => {
    process.stderr.write(`bench failed: ${error?.stack ?? String(error)}\n`);
    process.exit(2);
  },
);
