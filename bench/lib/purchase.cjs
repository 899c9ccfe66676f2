// One whole purchase, as Alexa drives it: launch, "buy two bags of coffee", "yes" in one session,
// then each Connections.SendRequest directive answered by the offline Amazon Pay simulator and
// sent back as a new session (as src/local/runScenario.ts does). Shared by the benchmark's child
// (in-process handler) and the load test (HTTP); `send` is the transport and does the timing.
'use strict';

/** The turns of a purchase, in order. */
const TURNS = ['launch', 'buy', 'yes', 'setup', 'charge'];

function directiveOf(envelope, name) {
  const directives = envelope?.response?.directives ?? [];
  return directives.find((d) => d?.type === 'Connections.SendRequest' && d?.name === name);
}

function hasSpeech(envelope) {
  return typeof envelope?.response?.outputSpeech?.ssml === 'string';
}

/**
 * Plays one purchase. `send(turn, envelope)` returns the response envelope; `redeliver` sends
 * each Amazon Pay answer twice at once (a re-delivered Connections.Response racing the first).
 * Returns what the checks need: the order id, the Charge reference ids and authorization ids
 * seen, and the problems found (an empty list when every turn answered as expected).
 */
async function runPurchase({ tools, simulator, send, skillId, userId, redeliver = false }) {
  const problems = [];
  const context = { skillId, userId, locale: 'en-US', consent: 'GRANTED' };
  const envelope = (request, session) => tools.buildRequestEnvelope(context, request, session);
  const result = { orderId: undefined, chargeRefIds: new Set(), authorizationIds: new Set() };

  const launch = await send('launch', envelope(tools.launchRequest(), { new: true }));
  if (!hasSpeech(launch) || directiveOf(launch, 'Setup') !== undefined) {
    problems.push('launch: no speech');
  }
  const buy = await send(
    'buy',
    envelope(tools.intentRequest('BuyIntent', { product: 'coffee', quantity: '2' }), {
      new: false,
      attributes: launch?.sessionAttributes ?? {},
    }),
  );
  const orderId = buy?.sessionAttributes?.pendingOrderId;
  if (!hasSpeech(buy) || typeof orderId !== 'string') {
    problems.push('buy: no summary or no pending order');
    return { ...result, problems };
  }
  result.orderId = orderId;
  const yes = await send(
    'yes',
    envelope(tools.intentRequest('AMAZON.YesIntent'), {
      new: false,
      attributes: buy.sessionAttributes,
    }),
  );
  const setup = directiveOf(yes, 'Setup');
  if (setup === undefined || setup.token !== orderId) {
    problems.push('yes: no Setup directive for the order');
    return { ...result, problems };
  }

  const setupAnswer = simulator.answer(setup);
  if (setupAnswer.status.code !== '200') {
    problems.push(
      `setup: Amazon Pay answered ${setupAnswer.status.code} ${setupAnswer.status.message}`,
    );
  }
  const setupEnvelope = envelope({ ...setupAnswer }, { new: true });
  const afterSetup = await Promise.all(
    (redeliver ? [1, 2] : [1]).map(() => send('setup', setupEnvelope)),
  );
  const charges = afterSetup.map((reply) => directiveOf(reply, 'Charge'));
  if (charges.some((c) => c === undefined)) {
    problems.push('setup: no Charge directive');
    return { ...result, problems };
  }
  const chargeAnswers = charges.map((charge) => {
    result.chargeRefIds.add(charge.payload?.authorizeAttributes?.authorizationReferenceId);
    return simulator.answer(charge);
  });
  for (const answer of chargeAnswers) {
    const details = answer.payload?.authorizationDetails;
    if (answer.status.code !== '200' || details?.authorizationStatus?.state !== 'Closed') {
      problems.push(`charge: Amazon Pay answered ${answer.status.code} ${answer.status.message}`);
    } else {
      result.authorizationIds.add(details.amazonAuthorizationId);
    }
  }
  const chargeEnvelopes = chargeAnswers.map((answer) => envelope({ ...answer }, { new: true }));
  const afterCharge = await Promise.all(
    (redeliver ? [0, 1] : [0]).map((i) => send('charge', chargeEnvelopes[i] ?? chargeEnvelopes[0])),
  );
  if (!afterCharge.every(hasSpeech) || !afterCharge.some((reply) => reply?.response?.card)) {
    problems.push('charge: no confirmation speech and card');
  }
  return { ...result, problems };
}

module.exports = { TURNS, runPurchase };
