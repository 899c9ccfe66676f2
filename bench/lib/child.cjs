// One benchmark sample, in a fresh Node process (started by bench/run.mjs):
//   1. cold: require the bundle (module init), then its first invoke (a LaunchRequest built
//      inline, so that nothing else is loaded before the first response); a cold-only sample
//      stops here;
//   2. warm-up purchases, with the DynamoDB calls of each turn counted by the proxy;
//   3. timed purchases (nothing else between the turns), then launches of returning shoppers,
//      one at a time when the parent says so over IPC ('purchase', 'returning', then 'finish'),
//      answering 'done' after each;
//   4. peak memory, then the results as JSON into BENCH_RESULT_FILE.
// Times come from performance.now(), whose origin is the start of this process.
'use strict';

const tStart = performance.now();
const config = JSON.parse(process.env.BENCH_CHILD_CONFIG);

const t0 = performance.now();
const bundle = require(config.bundle);
const t1 = performance.now();
const firstUser = `amzn1.ask.account.BENCH-COLD-${process.pid}`;
const user = { userId: firstUser, permissions: { consentToken: 'local-consent-token' } };
const application = { applicationId: config.skillId };
const coldEnvelope = {
  version: '1.0',
  session: {
    new: true,
    sessionId: `amzn1.echo-api.session.cold-${process.pid}`,
    application,
    attributes: {},
    user,
  },
  context: {
    System: {
      application,
      user,
      device: { deviceId: 'amzn1.ask.device.LOCAL', supportedInterfaces: {} },
      apiEndpoint: 'https://api.amazonalexa.com',
      apiAccessToken: 'local-api-access-token',
    },
  },
  request: {
    type: 'LaunchRequest',
    requestId: `amzn1.echo-api.request.cold-${process.pid}`,
    timestamp: new Date().toISOString(),
    locale: 'en-US',
  },
};

async function main() {
  const t2 = performance.now();
  const first = await bundle.handler(coldEnvelope, {});
  const t3 = performance.now();
  const rssAtFirstResponse = process.memoryUsage().rss;
  const cold = {
    harnessStartMs: tStart,
    initMs: t1 - t0,
    firstInvokeMs: t3 - t2,
    processStartToFirstResponseMs: t3,
    firstResponseOk: typeof first?.response?.outputSpeech?.ssml === 'string',
  };

  const http = require('node:http');
  const readCounts = () =>
    new Promise((resolve, reject) => {
      http
        .get(`${config.proxy}/__counts`, (res) => {
          let body = '';
          res.setEncoding('utf8');
          res.on('data', (chunk) => (body += chunk));
          res.on('end', () => resolve(JSON.parse(body)));
        })
        .on('error', reject);
    });
  const coldCalls = await readCounts();
  if (config.coldOnly) {
    const usage = process.resourceUsage();
    const result = {
      impl: config.impl,
      pid: process.pid,
      coldOnly: true,
      cold,
      coldCalls,
      memory: { rssAtFirstResponse, maxRss: usage.maxRSS * 1024 },
      problems: cold.firstResponseOk ? [] : ['cold launch: no speech'],
    };
    require('node:fs').writeFileSync(process.env.BENCH_RESULT_FILE, JSON.stringify(result));
    return;
  }

  const tools = require(config.tools);
  const { runPurchase, TURNS } = require('./purchase.cjs');
  const simulator = new tools.AmazonPaySimulator({ locale: 'en-US' });
  let peakRss = rssAtFirstResponse;
  const problems = [];
  const calls = Object.fromEntries([...TURNS, 'returningLaunch'].map((t) => [t, []]));
  const times = Object.fromEntries([...TURNS, 'returningLaunch'].map((t) => [t, []]));
  const cpu = Object.fromEntries(TURNS.map((t) => [t, []]));
  const userOf = (i) => `amzn1.ask.account.BENCH-${config.impl}-${process.pid}-${i}`;

  // Warm-up: not timed; the calls of each turn are counted (the count is read between turns).
  for (let i = 0; i < config.warmup; i += 1) {
    const outcome = await runPurchase({
      tools,
      simulator,
      skillId: config.skillId,
      userId: userOf(`w${i}`),
      send: async (turn, envelope) => {
        const reply = await bundle.handler(envelope, {});
        calls[turn].push(await readCounts());
        return reply;
      },
    });
    problems.push(...outcome.problems);
  }

  // Timed, in lockstep with the other implementation's sample (the parent alternates them one
  // purchase at a time, so that a busy moment of the machine falls on both alike): one
  // performance.now() on each side of each invoke, nothing else between the turns.
  await readCounts();
  let purchases = 0;
  let returning = 0;
  // Every other purchase measures the CPU time of this process per turn instead of the wall
  // time: the function's own work (our code or the floor's, ASK, the SDK), whatever the machine's
  // load, without the store's time (dynalite runs in the parent).
  const timedPurchase = async () => {
    const measureCpu = purchases % 2 === 1;
    const outcome = await runPurchase({
      tools,
      simulator,
      skillId: config.skillId,
      userId: userOf(purchases),
      send: async (turn, envelope) => {
        if (measureCpu) {
          const c = process.cpuUsage();
          const reply = await bundle.handler(envelope, {});
          const used = process.cpuUsage(c);
          cpu[turn].push((used.user + used.system) / 1000);
          return reply;
        }
        const a = performance.now();
        const reply = await bundle.handler(envelope, {});
        times[turn].push(performance.now() - a);
        return reply;
      },
    });
    purchases += 1;
    problems.push(...outcome.problems);
    const rss = process.memoryUsage().rss;
    if (rss > peakRss) peakRss = rss;
  };
  let timedCalls;
  // Returning shoppers (their last order paid): the welcome looks it up. Timed, then counted.
  const returningLaunch = async () => {
    timedCalls ??= await readCounts();
    const envelope = tools.buildRequestEnvelope(
      { skillId: config.skillId, userId: userOf(returning), locale: 'en-US', consent: 'GRANTED' },
      tools.launchRequest(),
      { new: true },
    );
    returning += 1;
    const a = performance.now();
    const reply = await bundle.handler(envelope, {});
    times.returningLaunch.push(performance.now() - a);
    calls.returningLaunch.push(await readCounts());
    if (typeof reply?.response?.outputSpeech?.ssml !== 'string') {
      problems.push('returning launch: no speech');
    }
  };
  await new Promise((resolve, reject) => {
    process.on('message', (message) => {
      const step =
        message === 'purchase' ? timedPurchase : message === 'returning' ? returningLaunch : null;
      if (step === null) {
        resolve();
        return;
      }
      step().then(() => process.send('done'), reject);
    });
    process.send('ready');
  });
  timedCalls ??= await readCounts();

  const usage = process.resourceUsage();
  const result = {
    impl: config.impl,
    pid: process.pid,
    cold,
    coldCalls,
    calls,
    timedCalls,
    times,
    cpu,
    memory: {
      rssAtFirstResponse,
      peakRssSampled: Math.max(peakRss, process.memoryUsage().rss),
      maxRss: usage.maxRSS * 1024,
    },
    authorizations: simulator.authorizationCount(),
    problems: cold.firstResponseOk ? problems : ['cold launch: no speech', ...problems],
  };
  require('node:fs').writeFileSync(process.env.BENCH_RESULT_FILE, JSON.stringify(result));
}

main().then(
  () => {
    process.disconnect?.();
    process.exit(0);
  },
  (error) => {
    process.stderr.write(`bench child failed: ${error?.stack ?? String(error)}\n`);
    process.exit(1);
  },
);
