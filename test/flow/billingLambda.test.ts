import {
  createBillingJobHandler,
  parseBillingJobEvent,
} from '../../src/billing/lambda/createBillingJobHandler';
import { BillingConfigError } from '../../src/billing/errors';
import { loadBillingConfig } from '../../src/billing/loadBillingConfig';
import { MWS_TEST_ACCOUNT, MwsStandIn } from '../../src/local/mws/MwsStandIn';
import type { MwsStandInServer } from '../../src/local/mws/startMwsStandInServer';
import { startMwsStandInServer } from '../../src/local/mws/startMwsStandInServer';
import { DynamoDbAgreementStore } from '../../src/store/DynamoDbAgreementStore';
import type { TestOrderStore } from '../support/dynalite';
import { startTestOrderStore } from '../support/dynalite';
import { aNewSubscription, RecordedLog } from '../support/billing';

describe('the billing Lambda handler', () => {
  let orders: TestOrderStore;
  let standIn: MwsStandIn;
  let server: MwsStandInServer;

  beforeAll(async () => {
    orders = await startTestOrderStore({ tableName: 'billing-lambda' });
    standIn = new MwsStandIn({ throttling: 'off' });
    server = await startMwsStandInServer(standIn);
  });

  afterAll(async () => {
    await server.close();
    await orders.close();
  });

  const baseEnv = (): Record<string, string> => ({
    SELLER_ID: MWS_TEST_ACCOUNT.sellerId,
    MWS_ENDPOINT: server.origin,
  });

  async function aDueAgreement(store: DynamoDbAgreementStore): Promise<string> {
    const id = standIn.seedBillingAgreement({ currency: 'USD' });
    const dayAgo = new Date(Date.now() - 86_400_000).toISOString();
    await store.createAgreement(
      aNewSubscription({ billingAgreementId: id, firstChargeAt: dayAgo, createdAt: dayAgo }),
    );
    return id;
  }

  it('charges the due agreements with the keys of the MWS secret, read once per container', async () => {
    // Prepare
    const store = new DynamoDbAgreementStore({
      client: orders.client,
      tableName: orders.tableName,
    });
    const env = {
      ...baseEnv(),
      MWS_SECRET_ARN: 'arn:aws:secretsmanager:us-east-1:123456789012:secret:mws',
    };
    const secretIds: string[] = [];
    const handler = createBillingJobHandler({
      config: loadBillingConfig(env),
      env,
      store,
      logger: new RecordedLog(),
      clock: () => new Date(),
      fetchSecret: (secretId) => {
        secretIds.push(secretId);
        return Promise.resolve(
          JSON.stringify({
            MWS_ACCESS_KEY_ID: MWS_TEST_ACCOUNT.accessKeyId,
            MWS_SECRET_KEY: MWS_TEST_ACCOUNT.secretKey,
          }),
        );
      },
    });
    const id = await aDueAgreement(store);

    // Act
    const first = await handler({}, { getRemainingTimeInMillis: () => 290_000 });
    const second = await handler({ limit: 10 }, { getRemainingTimeInMillis: () => 290_000 });

    // Assess
    expect(first).toMatchObject({ due: 1, captured: 1, errors: 0 });
    expect(second).toMatchObject({ due: 0 });
    expect(secretIds).toEqual([env.MWS_SECRET_ARN]);
    expect(standIn.authorizations().filter((a) => a.amazonBillingAgreementId === id)).toHaveLength(
      1,
    );
  });

  it('stops starting agreements when the Lambda is out of time', async () => {
    // Prepare
    const store = new DynamoDbAgreementStore({
      client: orders.client,
      tableName: orders.tableName,
    });
    const env = {
      ...baseEnv(),
      MWS_ACCESS_KEY_ID: MWS_TEST_ACCOUNT.accessKeyId,
      MWS_SECRET_KEY: MWS_TEST_ACCOUNT.secretKey,
    };
    const handler = createBillingJobHandler({
      config: loadBillingConfig(env),
      env,
      store,
      logger: new RecordedLog(),
      clock: () => new Date(),
    });
    await aDueAgreement(store);

    // Act
    const summary = await handler({}, { getRemainingTimeInMillis: () => 5_000 });

    // Assess
    expect(summary).toMatchObject({ due: 1, captured: 0, skipped: 1 });
  });

  it('rejects an invocation whose keys cannot be loaded, and tries again on the next', async () => {
    // Prepare
    const store = new DynamoDbAgreementStore({
      client: orders.client,
      tableName: orders.tableName,
    });
    const env: Record<string, string> = baseEnv();
    const handler = createBillingJobHandler({
      config: loadBillingConfig(env),
      env,
      store,
      logger: new RecordedLog(),
      clock: () => new Date(),
    });

    // Act
    const first = handler({});
    env['MWS_ACCESS_KEY_ID'] = MWS_TEST_ACCOUNT.accessKeyId;
    env['MWS_SECRET_KEY'] = MWS_TEST_ACCOUNT.secretKey;

    // Assess
    await expect(first).rejects.toMatchObject({
      name: 'MwsCredentialsError',
      variable: 'MWS_ACCESS_KEY_ID',
    });
    await expect(handler({})).resolves.toMatchObject({ errors: 0 });
  });
});

describe('parseBillingJobEvent', () => {
  it('takes the limit of the event, or the configured one', () => {
    expect(parseBillingJobEvent({ limit: 25 }, 100)).toBe(25);
    expect(parseBillingJobEvent({}, 100)).toBe(100);
    expect(parseBillingJobEvent(undefined, 100)).toBe(100);
    expect(parseBillingJobEvent('scheduled', 100)).toBe(100);
  });

  it.each([0, 1001, 2.5, '10'])('refuses the limit %p', (limit) => {
    expect(() => parseBillingJobEvent({ limit }, 100)).toThrow(BillingConfigError);
  });
});
