// The bounded load test of the HTTP endpoint, on loopback only: starts `node .build/serve.js
// --no-verify` (PORT=0, a temporary ORDERS_DB_DIR: the embedded store), drives concurrent shoppers
// through whole purchases (launch, buy, yes, then the Setup and Charge answers of the offline
// Amazon Pay simulator as new sessions; every 10th purchase gets each Amazon Pay answer delivered
// twice at once), stops the server, then reads every order back from the store and checks that it
// is paid, once, with the reference id and authorization Amazon Pay gave. Stops by itself: a fixed
// number of purchases, and at most 60 s of driving.
//
//   node bench/load.mjs [--purchases N] [--concurrency N] [--redeliver-every N] [--no-build]
//
// LOAD_SERVER_NODE_ARGS adds Node options to the server (e.g. `--cpu-prof --cpu-prof-dir=DIR`).
// Run alone it builds first (scripts/build.mjs, which writes .build/serve.js); bench/run.mjs
// calls runLoad() after its own build.
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { Agent, request } from 'node:http';
import { createRequire } from 'node:module';
import os from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { buildAll, ROOT, SERVE, TOOLS } from './lib/build.mjs';
import { ms, percentile, table } from './lib/stats.mjs';

const require = createRequire(import.meta.url);
const { runPurchase, TURNS } = require('./lib/purchase.cjs');
const SKILL_ID = 'amzn1.ask.skill.00000000-0000-0000-0000-000000000000';
const EXPECTED_HISTORY = ['awaiting-confirmation', 'setup-pending', 'charge-pending', 'paid'];
const MAX_DRIVE_MS = 60_000;

function startServer(dataDir, buyerApiOrigin) {
  const env = { ...process.env };
  // The embedded store in a folder of its own, request verification off (loopback tests only).
  for (const name of ['ORDERS_TABLE', 'AWS_LAMBDA_FUNCTION_NAME', 'NODE_ENV', 'SKILL_ID']) {
    delete env[name];
  }
  Object.assign(env, {
    PORT: '0',
    ORDERS_DB_DIR: dataDir,
    // The Buyer ID and Buyer Address calls go to the loopback stand-in (outside Lambda).
    BUYER_API_ORIGIN: buyerApiOrigin,
    LOG_LEVEL: 'info',
    AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: 'true',
  });
  // For a diagnosis, e.g. LOAD_SERVER_NODE_ARGS=--cpu-prof (Node rejects it in NODE_OPTIONS).
  const nodeArgs = (process.env.LOAD_SERVER_NODE_ARGS ?? '').split(' ').filter((a) => a !== '');
  const child = spawn(process.execPath, [...nodeArgs, SERVE, '--no-verify'], {
    cwd: ROOT,
    env,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const logs = { lines: 0, byLevel: {}, notable: [] };
  let stderr = '';
  child.stderr.setEncoding('utf8');
  child.stderr.on('data', (chunk) => (stderr += chunk));
  const exited = new Promise((resolve) =>
    child.on('exit', (code, signal) => resolve({ code, signal })),
  );
  const url = new Promise((resolve, reject) => {
    let buffer = '';
    let found = false;
    child.stdout.setEncoding('utf8');
    child.stdout.on('data', (chunk) => {
      buffer += chunk;
      let newline;
      while ((newline = buffer.indexOf('\n')) >= 0) {
        const line = buffer.slice(0, newline);
        buffer = buffer.slice(newline + 1);
        const match = /listening on (http:\/\/127\.0\.0\.1:\d+\/alexa)/.exec(line);
        if (!found && match) {
          found = true;
          resolve(match[1]);
          continue;
        }
        logs.lines += 1;
        let level = 'text';
        try {
          level = JSON.parse(line).level ?? 'text';
        } catch {
          // not a JSON log line
        }
        logs.byLevel[level] = (logs.byLevel[level] ?? 0) + 1;
        if (level !== 'info' && logs.notable.length < 10) logs.notable.push(line.slice(0, 300));
      }
    });
    exited.then(({ code }) => {
      if (!found) reject(new Error(`serve.js exited ${code} before listening: ${stderr.trim()}`));
    });
  });
  return { child, url, exited, logs, stderr: () => stderr };
}

function post(agent, url, body) {
  return new Promise((resolve, reject) => {
    const data = Buffer.from(JSON.stringify(body));
    const req = request(
      url,
      {
        method: 'POST',
        agent,
        headers: { 'content-type': 'application/json', 'content-length': data.length },
      },
      (res) => {
        const chunks = [];
        res.on('data', (chunk) => chunks.push(chunk));
        res.on('end', () =>
          resolve({ status: res.statusCode, body: Buffer.concat(chunks).toString('utf8') }),
        );
        res.on('error', reject);
      },
    );
    req.setTimeout(10_000, () => req.destroy(new Error('request timed out')));
    req.on('error', reject);
    req.end(data);
  });
}

async function stopServer(server) {
  server.child.kill('SIGTERM');
  const timer = setTimeout(() => server.child.kill('SIGKILL'), 15_000);
  const result = await server.exited;
  clearTimeout(timer);
  return result;
}

async function readAllOrders(tools, dataDir) {
  const embedded = tools.openEmbeddedOrderStore({
    dir: dataDir,
    tableName: tools.EMBEDDED_ORDERS_TABLE,
  });
  try {
    const orders = [];
    let cursor;
    do {
      const page = await embedded.store.listOrders({ limit: 1000, ...(cursor && { cursor }) });
      orders.push(...page.orders);
      cursor = page.cursor;
    } while (cursor !== undefined);
    return orders;
  } finally {
    await embedded.close();
  }
}

/** Checks every order against what the shoppers and Amazon Pay saw; returns the problems. */
function checkOrders(orders, seen, simulator) {
  const problems = [];
  const byId = new Map(orders.map((o) => [o.orderId, o]));
  let chargedTwice = 0;
  for (const [orderId, purchase] of seen) {
    const order = byId.get(orderId);
    if (order === undefined) {
      problems.push(`${orderId}: not in the store`);
      continue;
    }
    const history = order.history.map((h) => h.status);
    if (order.status !== 'paid') problems.push(`${orderId}: status ${order.status}, not paid`);
    if (history.join() !== EXPECTED_HISTORY.join()) {
      problems.push(`${orderId}: history ${history.join(' -> ')}`);
    }
    if (order.attempt !== 1 || order.authorizationReferenceId !== `${orderId}-1`) {
      problems.push(
        `${orderId}: attempt ${order.attempt}, reference id ${order.authorizationReferenceId}`,
      );
    }
    if (purchase.chargeRefIds.size !== 1 || purchase.authorizationIds.size !== 1) {
      chargedTwice += 1;
      problems.push(
        `${orderId}: ${purchase.chargeRefIds.size} reference ids, ${purchase.authorizationIds.size} authorizations`,
      );
    } else if (order.amazonAuthorizationId !== [...purchase.authorizationIds][0]) {
      problems.push(
        `${orderId}: authorization ${order.amazonAuthorizationId} is not the one Amazon Pay gave`,
      );
    }
    if (order.userId !== purchase.userId) problems.push(`${orderId}: another shopper's order`);
  }
  for (const order of orders) {
    if (!seen.has(order.orderId))
      problems.push(`${order.orderId}: an order no purchase made (${order.status})`);
  }
  const capturedMinor = simulator.capturedTotalMinor('USD');
  const paidMinor = orders.filter((o) => o.status === 'paid').reduce((s, o) => s + o.totalMinor, 0);
  if (simulator.authorizationCount() !== seen.size) {
    problems.push(
      `Amazon Pay made ${simulator.authorizationCount()} authorizations for ${seen.size} orders`,
    );
  }
  if (capturedMinor !== paidMinor) {
    problems.push(
      `Amazon Pay captured ${capturedMinor} minor units, the paid orders total ${paidMinor}`,
    );
  }
  return { problems, chargedTwice, capturedMinor, paidMinor };
}

/** Runs the load test; prints its report and returns its figures (`ok` when all is well). */
export async function runLoad({
  build = true,
  purchases = 500,
  concurrency = 50,
  redeliverEvery = 10,
  print = (line) => process.stdout.write(`${line}\n`),
} = {}) {
  process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ??= 'true';
  if (build) await buildAll();
  const tools = require(TOOLS);
  const dataDir = mkdtempSync(path.join(os.tmpdir(), 'voice-shop-load-'));
  const buyerApi = await tools.startLocalBuyerApi({
    country: 'US',
    sandboxEmail: 'sandbox-buyer@example.com',
  });
  const server = startServer(dataDir, buyerApi.origin);
  const simulator = new tools.AmazonPaySimulator({ locale: 'en-US' });
  const agent = new Agent({ keepAlive: true, maxSockets: concurrency * 2 });
  const latencies = Object.fromEntries(TURNS.map((t) => [t, []]));
  const all = [];
  const errors = [];
  const seen = new Map();
  let requests = 0;
  let started = 0;
  let completed = 0;
  let timedOut = false;
  let driveMs = 0;
  let serverExit;
  let check = { problems: [], chargedTwice: 0 };
  let orders = [];
  try {
    const url = await server.url;
    print(
      `load: ${purchases} purchases by ${concurrency} concurrent shoppers against ${url} ` +
        `(npm run serve --no-verify, embedded store in ${dataDir}); every ${redeliverEvery}th purchase ` +
        'gets each Amazon Pay answer delivered twice at once',
    );
    const send = async (turn, envelope) => {
      const a = performance.now();
      try {
        const { status, body } = await post(agent, url, envelope);
        const elapsed = performance.now() - a;
        requests += 1;
        latencies[turn].push(elapsed);
        all.push(elapsed);
        if (status !== 200) {
          errors.push(`${turn}: HTTP ${status} ${body.slice(0, 120)}`);
          return undefined;
        }
        return JSON.parse(body);
      } catch (error) {
        errors.push(`${turn}: ${error instanceof Error ? error.message : String(error)}`);
        return undefined;
      }
    };
    const t0 = performance.now();
    const deadline = Date.now() + MAX_DRIVE_MS;
    const shopper = async (s) => {
      // One Alexa account per shopper: after the first purchase it is a returning shopper.
      const userId = `amzn1.ask.account.LOAD-SHOPPER-${s}`;
      while (started < purchases) {
        if (Date.now() > deadline) {
          timedOut = true;
          return;
        }
        const index = started;
        started += 1;
        const outcome = await runPurchase({
          tools,
          simulator,
          send,
          skillId: SKILL_ID,
          userId,
          redeliver: redeliverEvery > 0 && index % redeliverEvery === 0,
        });
        completed += 1;
        if (outcome.problems.length > 0) errors.push(...outcome.problems);
        if (outcome.orderId !== undefined) seen.set(outcome.orderId, { ...outcome, userId });
      }
    };
    await Promise.all(Array.from({ length: concurrency }, (_, s) => shopper(s)));
    driveMs = performance.now() - t0;
  } finally {
    agent.destroy();
    serverExit = await stopServer(server);
    await buyerApi.close();
  }
  try {
    orders = await readAllOrders(tools, dataDir);
    check = checkOrders(orders, seen, simulator);
  } finally {
    rmSync(dataDir, { recursive: true, force: true });
  }
  if (serverExit.code !== 0)
    errors.push(`serve.js exited ${serverExit.code ?? serverExit.signal} on SIGTERM`);
  if (timedOut)
    errors.push(
      `stopped after ${MAX_DRIVE_MS / 1000} s with ${completed} of ${purchases} purchases`,
    );
  const serverErrors = (server.logs.byLevel.error ?? 0) + (server.logs.byLevel.warn ?? 0);
  if (serverErrors > 0) errors.push(`${serverErrors} warn/error log lines from the server`);

  const seconds = driveMs / 1000;
  const rows = TURNS.map((t) => [
    t,
    String(latencies[t].length),
    ms(percentile(latencies[t], 50)),
    ms(percentile(latencies[t], 99)),
    ms(Math.max(...latencies[t])),
  ]);
  rows.push([
    'all',
    String(all.length),
    ms(percentile(all, 50)),
    ms(percentile(all, 99)),
    ms(Math.max(...all)),
  ]);
  const result = {
    purchases: completed,
    requests,
    concurrency,
    redeliverEvery,
    seconds,
    purchasesPerSecond: completed / seconds,
    requestsPerSecond: requests / seconds,
    latency: Object.fromEntries(
      [...TURNS, 'all'].map((t) => {
        const values = t === 'all' ? all : latencies[t];
        return [
          t,
          {
            n: values.length,
            p50: percentile(values, 50),
            p99: percentile(values, 99),
            max: Math.max(...values),
          },
        ];
      }),
    ),
    orders: orders.length,
    paid: orders.filter((o) => o.status === 'paid').length,
    authorizations: simulator.authorizationCount(),
    capturedMinor: check.capturedMinor,
    paidMinor: check.paidMinor,
    chargedTwice: check.chargedTwice,
    inconsistentOrders: check.problems.length,
    errors: errors.length,
    errorSamples: [...new Set(errors)].slice(0, 10),
    orderProblemSamples: check.problems.slice(0, 10),
    serverLogLines: server.logs.byLevel,
    serverNotableLogLines: server.logs.notable,
    serverExit,
  };
  result.ok =
    result.errors === 0 &&
    result.inconsistentOrders === 0 &&
    result.chargedTwice === 0 &&
    completed === purchases &&
    result.paid === purchases;
  print('');
  print(table(['turn', 'requests', 'p50', 'p99', 'max'], rows));
  print('');
  print(
    `load: ${completed} purchases, ${requests} requests in ${seconds.toFixed(1)} s: ` +
      `${result.purchasesPerSecond.toFixed(1)} purchases/s, ${result.requestsPerSecond.toFixed(0)} requests/s, ` +
      `p99 ${ms(result.latency.all.p99)}`,
  );
  print(
    `load: ${result.orders} orders in the store, ${result.paid} paid; Amazon Pay made ${result.authorizations} ` +
      `authorizations and captured ${(result.capturedMinor / 100).toFixed(2)} USD for ${(result.paidMinor / 100).toFixed(2)} USD of paid orders`,
  );
  print(
    `load: ${result.errors} errors, ${result.inconsistentOrders} inconsistent orders, ${result.chargedTwice} charged twice; ` +
      `server log lines ${JSON.stringify(result.serverLogLines)}, exit ${serverExit.code ?? serverExit.signal}`,
  );
  for (const line of [...result.errorSamples, ...result.orderProblemSamples]) print(`  ${line}`);
  print(`load: ${result.ok ? 'PASS' : 'FAIL'}`);
  return result;
}

function parseArgs(argv) {
  const options = { build: true };
  const numeric = {
    '--purchases': 'purchases',
    '--concurrency': 'concurrency',
    '--redeliver-every': 'redeliverEvery',
  };
  for (let i = 0; i < argv.length; i += 1) {
    const arg = argv[i];
    if (arg === '--no-build') options.build = false;
    else if (arg in numeric) {
      const value = Number(argv[i + 1]);
      if (!Number.isSafeInteger(value) || value < 0) throw new Error(`${arg} needs a whole number`);
      options[numeric[arg]] = value;
      i += 1;
    } else throw new Error(`unknown argument: ${arg}`);
  }
  return options;
}

if (
  process.argv[1] !== undefined &&
  import.meta.url === pathToFileURL(path.resolve(process.argv[1])).href
) {
  runLoad(parseArgs(process.argv.slice(2))).then(
    (result) => process.exit(result.ok ? 0 : 1),
    (error) => {
      process.stderr.write(`load test failed: ${error?.stack ?? String(error)}\n`);
      process.exit(2);
    },
  );
}
