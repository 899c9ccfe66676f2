import { ALL_OUTCOME_ROWS, type OutcomeRow } from '../../src/checkout/outcomeTable';
import {
  intentRequest,
  launchRequest,
  sessionEndedRequest,
} from '../../src/local/requestEnvelopes';
import {
  aChargeResponse,
  anErrorResponse,
  aSetupResponse,
  chargeToken,
} from '../fixtures/requests';
import { startShop, type Reply, type TestShop } from '../support/shop';

/** How to make Amazon Pay give the answer of one row. */
type Trigger = {
  readonly operation: 'Setup' | 'Charge';
  readonly answer: (token: string) => Record<string, unknown>;
  /** The shop runs live (SANDBOX=false) for this row. */
  readonly live?: boolean;
};

const CODE_STATUS: Readonly<Record<string, string>> = {
  UnsupportedClientPlatform: '403',
  InvalidAccountStatus: '403',
  InvalidMerchantAccountStatus: '403',
  RequestThrottled: '429',
  InternalServerError: '500',
  ServiceUnavailable: '503',
  ACCESS_DENIED: '403',
  ACCESS_NOT_REQUESTED: '403',
  FORBIDDEN: '403',
  MissingPermissionsToAccessResource: '403',
  VoicePurchaseNotEnabled: '403',
};

/** The answer that produces a row, derived from the row's id (`<op>:<form>:<code>`). */
function triggerOf(row: OutcomeRow): Trigger {
  const [operation, form, code = ''] = row.id.split(':') as ['Setup' | 'Charge', string, string];
  const error = (token: string): Record<string, unknown> =>
    anErrorResponse(
      operation,
      token,
      code === '*' ? 'SomethingNobodyDocumented' : code,
      CODE_STATUS[code] ?? '400',
    );
  if (form === 'error') return { operation, answer: error };
  if (form === 'malformed') {
    return {
      operation,
      answer: (token) => ({
        type: 'Connections.Response',
        name: operation,
        status: { code: '200', message: 'OK' },
        payload: { unexpected: true },
        token: operation === 'Charge' ? chargeToken(token) : token,
      }),
    };
  }
  if (operation === 'Setup') {
    if (form === 'environment') {
      return code === 'SandboxUnderLive'
        ? {
            operation,
            live: true,
            answer: (t) => aSetupResponse(t, { releaseEnvironment: 'SANDBOX' }),
          }
        : { operation, answer: (t) => aSetupResponse(t, { releaseEnvironment: 'LIVE' }) };
    }
    if (code === 'NoShippingAddress') {
      return { operation, answer: (t) => aSetupResponse(t, { noDestination: true }) };
    }
    if (code === 'UndeliverableAddress') {
      const destination = { countryCode: 'CA', stateOrRegion: 'ON' };
      return { operation, answer: (t) => aSetupResponse(t, { destination }) };
    }
    if (code === 'AddressChanged') {
      // The order was priced for the stand-in buyer's address in OR; the Setup's is in NY.
      const destination = { countryCode: 'US', stateOrRegion: 'NY' };
      return { operation, answer: (t) => aSetupResponse(t, { destination }) };
    }
    const status = code === 'Unknown' ? 'HALF_OPEN' : code;
    return { operation, answer: (t) => aSetupResponse(t, { status }) };
  }
  const byCode: Readonly<Record<string, (token: string) => Record<string, unknown>>> = {
    'approved:MaxCapturesProcessed': (t) => aChargeResponse(t),
    'approved:CertificationTestTransaction': (t) =>
      aChargeResponse(t, { reasonCode: 'CertificationTestTransaction' }),
    'state:Open': (t) => aChargeResponse(t, { state: 'Open', reasonCode: 'None' }),
    'state:Pending': (t) => aChargeResponse(t, { state: 'Pending', reasonCode: 'None' }),
    'state:ClosedUnknownReason': (t) => aChargeResponse(t, { reasonCode: 'SomethingNew' }),
    'state:Unknown': (t) => aChargeResponse(t, { state: 'closed' }),
    'state:AmountMismatch': (t) => aChargeResponse(t, { amount: '1.00' }),
    'state:ReferenceMismatch': (t) =>
      aChargeResponse(t, { authorizationReferenceId: 'someone-elses-1' }),
    'state:DeclinedUnknownReason': (t) =>
      aChargeResponse(t, { state: 'Declined', reasonCode: 'SomethingNew' }),
  };
  const direct = byCode[`${form}:${code}`];
  if (direct !== undefined) return { operation, answer: direct };
  if (form === 'declined') {
    return {
      operation,
      answer: (t) => aChargeResponse(t, { state: 'Declined', reasonCode: code }),
    };
  }
  throw new Error(`no trigger for ${row.id}`);
}

const INTERNAL_WORDS = new RegExp(
  [
    '\\b\\d{3}\\b',
    '[A-Z][a-z]+[A-Z][A-Za-z]+',
    '[A-Z]+_[A-Z_]+',
    'error code',
    'Exception',
    '\\{',
  ].join('|'),
);

const CHARGED = new Set(['paid', 'certification-test']);

describe('every row of the outcome table, through the Lambda handler', () => {
  let sandboxShop: TestShop;
  let liveShop: TestShop;

  beforeAll(async () => {
    sandboxShop = await startShop();
    liveShop = await startShop({ env: { SANDBOX: 'false' } });
  });

  afterAll(async () => {
    await Promise.all([sandboxShop.close(), liveShop.close()]);
  });

  it('has a trigger for every row', () => {
    for (const row of ALL_OUTCOME_ROWS) expect(() => triggerOf(row)).not.toThrow();
  });

  it.each(ALL_OUTCOME_ROWS.map((row) => [row.id, row] as const))('%s', async (_, row) => {
    // Prepare: a confirmed order; for a Charge row, Setup succeeded and the Charge left
    const trigger = triggerOf(row);
    const shop = trigger.live === true ? liveShop : sandboxShop;
    const { setup, orderId } = await shop.buyAndConfirm();
    const charge =
      trigger.operation === 'Charge' ? (await shop.deliver(setup)).reply.directives[0] : undefined;
    expect(charge?.['name'] ?? 'none').toBe(trigger.operation === 'Charge' ? 'Charge' : 'none');
    // Act
    const reply: Reply = await shop.send(trigger.answer(orderId));
    // Assess: everything the row promises, compared at once
    const order = await shop.orders.store.get(orderId);
    const approvedSetup = row.id === 'Setup:agreement:OPEN';
    const speech = (reply.speech ?? '').replace(/<\/?speak>/g, '');
    const unchangedStatus = trigger.operation === 'Setup' ? 'setup-pending' : 'charge-pending';
    const logged = shop.logger.lines.find(
      (l) => l.fields['orderId'] === orderId && l.fields['row'] === row.id,
    );
    const observed = {
      directives: reply.directives.map((d) => `${String(d['name'])}:${String(d['token'])}`),
      spoke: reply.speech !== undefined,
      internalWords: INTERNAL_WORDS.exec(speech)?.[0] ?? null,
      claimsPlaced:
        !CHARGED.has(order?.status ?? '') && /placed|confirmed|on its way/i.test(speech),
      shortAfterAmazon: !row.amazonSpoke || speech.length < 80,
      ended: reply.ended,
      card: toCardKind(reply.card),
      status: order?.status,
      lastOutcome: row.status === 'unchanged' ? null : order?.lastOutcome?.kind,
      logLevel: logged?.level,
      userIdLogged: JSON.stringify(shop.logger.lines).includes('TEST-SHOPPER'),
    };
    expect(observed).toEqual({
      directives: approvedSetup ? [`Charge:${orderId}-1`] : [],
      spoke: !approvedSetup,
      internalWords: null,
      claimsPlaced: false,
      shortAfterAmazon: true,
      ended: true,
      card: row.card,
      status: row.status === 'unchanged' ? unchangedStatus : row.status,
      lastOutcome: row.status === 'unchanged' ? null : row.id,
      logLevel: row.log.level,
      userIdLogged: false,
    });
    expect(
      reply.card?.['type'] !== 'Simple' ||
        row.card !== 'confirmation' ||
        String(reply.card['content']).includes('Total: $34.97'),
    ).toBe(true);
  });
});

/** Which kind of card a reply carries, in the table's terms. */
function toCardKind(card: Record<string, unknown> | undefined): string {
  if (card === undefined) return 'none';
  if (
    card['type'] === 'AskForPermissionsConsent' &&
    JSON.stringify(card['permissions']) === '["payments:autopay_consent"]'
  ) {
    return 'consent';
  }
  if (card['type'] === 'Simple' && card['title'] === 'Turn on voice purchasing') {
    return 'voicePurchase';
  }
  if (card['type'] === 'Simple' && String(card['title']).startsWith('Order confirmed')) {
    return 'confirmation';
  }
  return `unexpected:${JSON.stringify(card)}`;
}

describe('coming back after a failure', () => {
  let shop: TestShop;

  beforeAll(async () => {
    shop = await startShop();
  });

  afterAll(async () => {
    await shop.close();
  });

  /** A new visit: launch, then yes, as the same shopper. */
  const comeBackAndSayYes = async (userId: string): Promise<{ welcome: Reply; yes: Reply }> => {
    const welcome = await shop.send(launchRequest(), { userId });
    const yes = await shop.send(intentRequest('AMAZON.YesIntent'), {
      userId,
      attributes: welcome.attributes ?? {},
    });
    return { welcome, yes };
  };

  it('retries a soft decline with the next reference id, never the old one', async () => {
    // Prepare
    const userId = 'amzn1.ask.account.RETRY-SOFT';
    const { setup, orderId } = await shop.buyAndConfirm(undefined, userId);
    await shop.deliver(setup, {}, userId);
    await shop.send(
      aChargeResponse(orderId, { state: 'Declined', reasonCode: 'InvalidPaymentMethod' }),
      {
        userId,
      },
    );
    // Act
    const { welcome, yes } = await comeBackAndSayYes(userId);
    // Assess
    expect(welcome.speech).toContain("didn't go through");
    expect(welcome.speech).toContain('try again');
    expect(yes.directives[0]).toMatchObject({
      name: 'Charge',
      payload: { authorizeAttributes: { authorizationReferenceId: `${orderId}-2` } },
    });
    const order = await shop.orders.store.get(orderId);
    expect(order).toMatchObject({ status: 'charge-pending', attempt: 2 });
    // Act: the second attempt is paid
    const paid = await shop.send(aChargeResponse(orderId, { attempt: 2 }), { userId });
    // Assess
    expect(paid.speech).toContain('is placed');
    expect((await shop.orders.store.get(orderId))?.status).toBe('paid');
  });

  it('re-sends the same Charge, same reference id, after an unanswered Charge', async () => {
    // Prepare
    const userId = 'amzn1.ask.account.RETRY-500';
    const { setup, orderId } = await shop.buyAndConfirm(undefined, userId);
    const { reply } = await shop.deliver(setup, {}, userId);
    await shop.send(anErrorResponse('Charge', orderId, 'InternalServerError', '500'), { userId });
    // Act
    const { welcome, yes } = await comeBackAndSayYes(userId);
    // Assess
    expect(welcome.speech).toContain("hasn't finished");
    expect(yes.directives).toEqual(reply.directives);
  });

  it('offers a new order with the same items after a failure that cannot be retried as is', async () => {
    // Prepare
    const userId = 'amzn1.ask.account.RETRY-FAILED';
    const { orderId } = await shop.buyAndConfirm(undefined, userId);
    await shop.send(anErrorResponse('Setup', orderId, 'VoicePurchaseNotEnabled', '403'), {
      userId,
    });
    // Act
    const { welcome, yes } = await comeBackAndSayYes(userId);
    // Assess: a new order, summarised, waiting for its own yes
    expect(welcome.speech).toContain('Would you like to order it again?');
    expect(yes.directives).toEqual([]);
    expect(yes.speech).toContain('Your total is $34.97');
    const newOrderId = yes.attributes?.['pendingOrderId'];
    expect(typeof newOrderId).toBe('string');
    expect(newOrderId).not.toBe(orderId);
    expect((await shop.orders.store.get(orderId))?.status).toBe('failed');
  });

  it('offers the order still waiting for a yes from an earlier session', async () => {
    // Prepare
    const userId = 'amzn1.ask.account.CART-KEPT';
    const summary = await shop.send(intentRequest('BuyIntent', { product: 'cups' }), { userId });
    const orderId = summary.attributes?.['pendingOrderId'];
    // Act
    const { welcome, yes } = await comeBackAndSayYes(userId);
    // Assess
    expect(welcome.speech).toContain('still waiting');
    expect(yes.directives[0]).toMatchObject({ name: 'Setup', token: orderId });
  });

  it('does not offer a retry for an order Amazon rejected', async () => {
    // Prepare
    const userId = 'amzn1.ask.account.REJECTED';
    const { setup, orderId } = await shop.buyAndConfirm(undefined, userId);
    await shop.deliver(setup, {}, userId);
    await shop.send(anErrorResponse('Charge', orderId, 'AmazonRejected'), { userId });
    // Act
    const welcome = await shop.send(launchRequest(), { userId });
    // Assess
    expect(welcome.speech).toContain("didn't go through");
    expect(welcome.attributes?.['retryOrderId']).toBeUndefined();
  });

  it('leaves the order unpaid and logs the error type for SessionEndedRequest ERROR after Setup', async () => {
    // Prepare
    const userId = 'amzn1.ask.account.SESSION-ERROR';
    const { orderId } = await shop.buyAndConfirm(undefined, userId);
    // Act
    await shop.send(
      { ...sessionEndedRequest('ERROR'), error: { type: 'INVALID_RESPONSE', message: 'x' } },
      { userId },
    );
    // Assess
    expect((await shop.orders.store.get(orderId))?.status).toBe('setup-pending');
    expect(
      shop.logger.lines.some(
        (l) => l.message === 'session ended' && l.fields['errorType'] === 'INVALID_RESPONSE',
      ),
    ).toBe(true);
  });

  it('never re-charges a paid order from a stale retry offer', async () => {
    // Prepare: a retry offer for a declined order, then the order is paid in another session
    const userId = 'amzn1.ask.account.STALE-RETRY';
    const { setup, orderId } = await shop.buyAndConfirm(undefined, userId);
    await shop.deliver(setup, {}, userId);
    await shop.send(
      aChargeResponse(orderId, { state: 'Declined', reasonCode: 'TransactionTimedOut' }),
      {
        userId,
      },
    );
    const welcome = await shop.send(launchRequest(), { userId });
    const first = await shop.send(intentRequest('AMAZON.YesIntent'), {
      userId,
      attributes: welcome.attributes ?? {},
    });
    await shop.send(aChargeResponse(orderId, { attempt: 2 }), {
      userId,
    });
    // Act: the old offer's yes again
    const again = await shop.send(intentRequest('AMAZON.YesIntent'), {
      userId,
      attributes: welcome.attributes ?? {},
    });
    // Assess
    expect(first.directives).toHaveLength(1);
    expect(again.directives).toEqual([]);
    expect((await shop.orders.store.get(orderId))?.status).toBe('paid');
  });
});
