import { readFileSync } from 'node:fs';
import path from 'node:path';
import { LEDGER_CURRENCY_OF_REGION, REGION_OF_COUNTRY } from '../../../src/amazonpay/regions';
import { CURRENCY_EXPONENTS } from '../../../src/checkout/money';
import { loadConfig, LOCAL_DEFAULTS } from '../../../src/config/loadConfig';
import { loadBillingConfig } from '../../../src/billing/loadBillingConfig';
import { ORDERS_TABLE_DEFINITION } from '../../../src/store/DynamoDbOrderStore';
import { EXPIRY_ATTRIBUTE } from '../../../src/store/orderItem';

const TEMPLATE_PATH = path.resolve(__dirname, '../../../infrastructure/template.json');

type Node = Readonly<Record<string, unknown>>;

function isNode(value: unknown): value is Node {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** Walks down a path of keys, failing the test with the path when a step is not a map. */
function at(value: unknown, ...keys: ReadonlyArray<string>): unknown {
  let node = value;
  for (const [i, key] of keys.entries()) {
    if (!isNode(node)) {
      throw new Error(`template: ${keys.slice(0, i).join('.')} is not a map`);
    }
    node = node[key];
  }
  return node;
}

function nodeAt(value: unknown, ...keys: ReadonlyArray<string>): Node {
  const node = at(value, ...keys);
  if (!isNode(node)) throw new Error(`template: ${keys.join('.')} is not a map`);
  return node;
}

function listAt(value: unknown, ...keys: ReadonlyArray<string>): ReadonlyArray<unknown> {
  const list = at(value, ...keys);
  if (!Array.isArray(list)) throw new Error(`template: ${keys.join('.')} is not a list`);
  return list;
}

/** Every `Ref`, `Fn::GetAtt` target and `${Name}` of `Fn::Sub` anywhere under a node. */
function referencesIn(value: unknown): string[] {
  if (Array.isArray(value)) return value.flatMap(referencesIn);
  if (!isNode(value)) return [];
  const found: string[] = [];
  for (const [key, inner] of Object.entries(value)) {
    if (key === 'Ref' && typeof inner === 'string') {
      found.push(inner);
    } else if (key === 'Fn::GetAtt' && Array.isArray(inner) && typeof inner[0] === 'string') {
      found.push(inner[0]);
    } else if (key === 'Fn::Sub' && typeof inner === 'string') {
      for (const [, name] of inner.matchAll(/\$\{([^}!]+)\}/g)) {
        if (name !== undefined) found.push(name.split('.')[0] ?? name);
      }
    } else {
      found.push(...referencesIn(inner));
    }
  }
  return found;
}

const PSEUDO_PARAMETERS = new Set([
  'AWS::AccountId',
  'AWS::Partition',
  'AWS::Region',
  'AWS::StackId',
  'AWS::StackName',
  'AWS::URLSuffix',
]);

/** The environment contract of architecture.md, as the function receives it. */
const ENVIRONMENT_CONTRACT = [
  'SELLER_ID',
  'STORE_NAME',
  'MERCHANT_COUNTRY',
  'LEDGER_CURRENCY',
  'SANDBOX',
  'SANDBOX_CUSTOMER_EMAIL',
  'SKILL_ID',
  'ORDERS_TABLE',
];

describe('infrastructure/template.json', () => {
  const template: unknown = JSON.parse(readFileSync(TEMPLATE_PATH, 'utf8'));
  const resources = nodeAt(template, 'Resources');
  const parameters = nodeAt(template, 'Parameters');

  const resourceNamed = (name: string, type: string): [string, Node] => {
    const resource = nodeAt(resources, name);
    if (at(resource, 'Type') !== type) throw new Error(`template: ${name} is not a ${type}`);
    return [name, resource];
  };

  const resourceOfType = (type: string): [string, Node] => {
    const found = Object.entries(resources).filter(([, r]) => at(r, 'Type') === type);
    const [first] = found;
    if (first === undefined || found.length > 1) {
      throw new Error(`template: expected one ${type}, found ${found.length}`);
    }
    return [first[0], nodeAt(first[1])];
  };

  describe('the template', () => {
    it('is a CloudFormation template whose references all resolve', () => {
      // Act
      const references = referencesIn(template);

      // Assess
      expect(at(template, 'AWSTemplateFormatVersion')).toBe('2010-09-09');
      expect(references.length).toBeGreaterThan(10);
      const unresolved = references.filter(
        (name) => !(name in resources) && !(name in parameters) && !PSEUDO_PARAMETERS.has(name),
      );
      expect(unresolved).toEqual([]);
    });

    it('uses every parameter it declares', () => {
      const references = new Set(referencesIn({ r: resources, rules: at(template, 'Rules') }));
      expect(Object.keys(parameters).filter((name) => !references.has(name))).toEqual([]);
    });
  });

  describe('the orders table', () => {
    const [, table] = resourceOfType('AWS::DynamoDB::Table');
    const properties = nodeAt(table, 'Properties');

    it('bills on demand, with point-in-time recovery and encryption at rest', () => {
      expect(properties['BillingMode']).toBe('PAY_PER_REQUEST');
      expect(properties['BillingMode']).toBe(ORDERS_TABLE_DEFINITION.BillingMode);
      expect(at(properties, 'PointInTimeRecoverySpecification')).toEqual({
        PointInTimeRecoveryEnabled: true,
      });
      expect(at(properties, 'SSESpecification', 'SSEEnabled')).toBe(true);
    });

    it('has the key, attributes and global secondary indexes of ORDERS_TABLE_DEFINITION', () => {
      expect(properties['KeySchema']).toEqual(ORDERS_TABLE_DEFINITION.KeySchema);
      expect(properties['AttributeDefinitions']).toEqual(
        ORDERS_TABLE_DEFINITION.AttributeDefinitions,
      );
      expect(properties['GlobalSecondaryIndexes']).toEqual(
        ORDERS_TABLE_DEFINITION.GlobalSecondaryIndexes,
      );
    });

    it('deletes expired items by time to live on the expiry attribute the store writes', () => {
      expect(at(properties, 'TimeToLiveSpecification')).toEqual({
        AttributeName: EXPIRY_ATTRIBUTE,
        Enabled: true,
      });
      expect(EXPIRY_ATTRIBUTE).toBe('expiresAtEpoch');
    });

    it('is kept when the stack is deleted or the table replaced', () => {
      expect(table['DeletionPolicy']).toBe('Retain');
      expect(table['UpdateReplacePolicy']).toBe('Retain');
      expect(properties['DeletionProtectionEnabled']).toBe(true);
    });
  });

  describe('the Lambda function', () => {
    const [functionName, fn] = resourceNamed('SkillFunction', 'AWS::Lambda::Function');
    const properties = nodeAt(fn, 'Properties');
    const variables = nodeAt(properties, 'Environment', 'Variables');

    it('runs the bundle on nodejs22.x as index.handler, from the S3 parameters', () => {
      expect(properties['Runtime']).toBe('nodejs22.x');
      expect(properties['Handler']).toBe('index.handler');
      expect(properties['Code']).toEqual({
        S3Bucket: { Ref: 'CodeS3Bucket' },
        S3Key: { Ref: 'CodeS3Key' },
      });
    });

    it('times out at 7 seconds, inside the 8 seconds Alexa waits', () => {
      expect(properties['Timeout']).toBe(7);
    });

    it('gets the whole environment contract, ORDERS_TABLE from the table', () => {
      // Prepare
      const [tableName] = resourceOfType('AWS::DynamoDB::Table');

      // Assess
      expect(Object.keys(variables)).toEqual(expect.arrayContaining(ENVIRONMENT_CONTRACT));
      expect(Object.keys(variables).filter((v) => !ENVIRONMENT_CONTRACT.includes(v))).toEqual([
        'LOG_LEVEL',
        'MERCHANT_CONTACT_PHONE',
        'MERCHANT_CONTACT_EMAIL',
      ]);
      expect(variables['ORDERS_TABLE']).toEqual({ Ref: tableName });
      for (const name of Object.keys(variables).filter((v) => v !== 'ORDERS_TABLE')) {
        const ref = at(variables, name, 'Ref');
        expect([name, typeof ref === 'string' && ref in parameters]).toEqual([name, true]);
      }
    });

    it('passes loadConfig inside Lambda with the parameter values a merchant would give', () => {
      // Prepare: each variable resolved from sample parameter values.
      const sample: Readonly<Record<string, string>> = {
        SellerId: 'A1EXAMPLESELLER',
        StoreName: 'Blue Kettle Coffee',
        MerchantCountry: 'DE',
        LedgerCurrency: 'EUR',
        Sandbox: 'false',
        SandboxCustomerEmail: '',
        SkillId: LOCAL_DEFAULTS.SKILL_ID,
        LogLevel: 'info',
        MerchantContactPhone: '+49-30-555-0100',
        MerchantContactEmail: 'orders@example.com',
      };
      const env: Record<string, string> = { AWS_LAMBDA_FUNCTION_NAME: 'shop-skill' };
      for (const [name, value] of Object.entries(variables)) {
        const ref = at(value, 'Ref');
        env[name] = ref === 'OrdersTable' ? 'shop-OrdersTable-1ABC' : (sample[String(ref)] ?? '');
      }

      // Act
      const config = loadConfig(env, '/var/task');

      // Assess
      expect(config).toMatchObject({
        inLambda: true,
        ordersTable: 'shop-OrdersTable-1ABC',
        merchantCountry: 'DE',
        ledgerCurrency: 'EUR',
        sandbox: false,
      });
    });

    it('is the function that the Alexa permission lets the skill invoke', () => {
      const [, permission] = resourceOfType('AWS::Lambda::Permission');
      expect(at(permission, 'Properties', 'FunctionName')).toEqual({
        'Fn::GetAtt': [functionName, 'Arn'],
      });
    });
  });

  describe('the function role', () => {
    const [roleName, role] = resourceNamed('SkillFunctionRole', 'AWS::IAM::Role');
    const statements = listAt(role, 'Properties', 'Policies').flatMap((policy) =>
      listAt(policy, 'PolicyDocument', 'Statement'),
    );
    const actionsOf = (statement: unknown): string[] => {
      const action = at(statement, 'Action');
      return (Array.isArray(action) ? action : [action]).map(String);
    };

    it('is the role of the function, assumed by Lambda only', () => {
      // Prepare
      const [, fn] = resourceNamed('SkillFunction', 'AWS::Lambda::Function');

      // Assess
      expect(at(fn, 'Properties', 'Role')).toEqual({ 'Fn::GetAtt': [roleName, 'Arn'] });
      expect(listAt(role, 'Properties', 'AssumeRolePolicyDocument', 'Statement')).toEqual([
        {
          Effect: 'Allow',
          Principal: { Service: 'lambda.amazonaws.com' },
          Action: 'sts:AssumeRole',
        },
      ]);
      expect(at(role, 'Properties', 'ManagedPolicyArns')).toBeUndefined();
    });

    it('allows only GetItem, PutItem, UpdateItem and Query, on the table and its indexes', () => {
      // Prepare
      const dynamo = statements.filter((s) => actionsOf(s).some((a) => a.startsWith('dynamodb:')));

      // Assess
      expect(dynamo).toHaveLength(1);
      expect(actionsOf(dynamo[0]).sort()).toEqual([
        'dynamodb:GetItem',
        'dynamodb:PutItem',
        'dynamodb:Query',
        'dynamodb:UpdateItem',
      ]);
      expect(at(dynamo[0], 'Resource')).toEqual([
        { 'Fn::GetAtt': ['OrdersTable', 'Arn'] },
        { 'Fn::Sub': '${OrdersTable.Arn}/index/*' },
      ]);
    });

    it('allows nothing else than writing to its own log group', () => {
      // Prepare
      const others = statements.filter((s) => !actionsOf(s).some((a) => a.startsWith('dynamodb:')));
      const [logGroupName] = resourceNamed('SkillLogGroup', 'AWS::Logs::LogGroup');

      // Assess
      expect(others).toEqual([
        {
          Effect: 'Allow',
          Action: ['logs:CreateLogStream', 'logs:PutLogEvents'],
          Resource: { 'Fn::GetAtt': [logGroupName, 'Arn'] },
        },
      ]);
      expect(statements.every((s) => at(s, 'Effect') === 'Allow')).toBe(true);
      expect(JSON.stringify(statements)).not.toMatch(/"\*"|dynamodb:\*|logs:\*/);
    });
  });

  describe('the Alexa Skills Kit trigger', () => {
    it('lets only Alexa, for this skill id only, invoke the function', () => {
      // Prepare
      const [, permission] = resourceOfType('AWS::Lambda::Permission');

      // Assess
      expect(at(permission, 'Properties')).toMatchObject({
        Action: 'lambda:InvokeFunction',
        Principal: 'alexa-appkit.amazon.com',
        EventSourceToken: { Ref: 'SkillId' },
      });
    });
  });

  describe('the billing job', () => {
    const BILLING_RESOURCES = [
      'BillingLogGroup',
      'BillingFunctionRole',
      'BillingFunction',
      'BillingScheduleRole',
      'BillingSchedule',
    ];
    const [, fn] = resourceNamed('BillingFunction', 'AWS::Lambda::Function');
    const properties = nodeAt(fn, 'Properties');
    const variables = nodeAt(properties, 'Environment', 'Variables');
    const statementsOf = (role: Node): ReadonlyArray<unknown> =>
      listAt(role, 'Properties', 'Policies').flatMap((policy) =>
        listAt(policy, 'PolicyDocument', 'Statement'),
      );

    it('exists only when MwsSecretArn is given', () => {
      expect(at(template, 'Conditions', 'HasBillingJob')).toEqual({
        'Fn::Not': [{ 'Fn::Equals': [{ Ref: 'MwsSecretArn' }, ''] }],
      });
      expect(BILLING_RESOURCES.map((name) => at(resources, name, 'Condition'))).toEqual(
        BILLING_RESOURCES.map(() => 'HasBillingJob'),
      );
      expect(at(template, 'Outputs', 'BillingFunctionArn', 'Condition')).toBe('HasBillingJob');
    });

    it('runs billing.handler from the same package as the skill, with time for a batch', () => {
      expect(properties).toMatchObject({
        Runtime: 'nodejs22.x',
        Handler: 'billing.handler',
        Code: { S3Bucket: { Ref: 'CodeS3Bucket' }, S3Key: { Ref: 'CodeS3Key' } },
        Role: { 'Fn::GetAtt': ['BillingFunctionRole', 'Arn'] },
        Timeout: 300,
      });
    });

    it('gets the billing environment, the MWS keys by secret ARN and never MWS_ENDPOINT', () => {
      expect(Object.keys(variables).sort()).toEqual([
        'LOG_LEVEL',
        'MERCHANT_COUNTRY',
        'MWS_SECRET_ARN',
        'ORDERS_TABLE',
        'SANDBOX',
        'SELLER_ID',
      ]);
      expect(variables['MWS_SECRET_ARN']).toEqual({ Ref: 'MwsSecretArn' });
      expect(variables['ORDERS_TABLE']).toEqual({ Ref: 'OrdersTable' });
    });

    it('passes loadBillingConfig inside Lambda with the parameter values a merchant would give', () => {
      // Prepare
      const sample: Readonly<Record<string, string>> = {
        SellerId: 'A1EXAMPLESELLER',
        MerchantCountry: 'UK',
        Sandbox: 'false',
        OrdersTable: 'shop-OrdersTable-1ABC',
        MwsSecretArn: 'arn:aws:secretsmanager:eu-west-1:123456789012:secret:mws-keys-AbCdEf',
        LogLevel: 'info',
      };
      const env: Record<string, string> = { AWS_LAMBDA_FUNCTION_NAME: 'shop-billing' };
      for (const [name, value] of Object.entries(variables)) {
        env[name] = sample[String(at(value, 'Ref'))] ?? '';
      }

      // Act
      const config = loadBillingConfig(env, '/var/task');

      // Assess
      expect(config).toMatchObject({
        inLambda: true,
        region: 'UK',
        sandbox: false,
        ordersTable: 'shop-OrdersTable-1ABC',
        mwsEndpoint: undefined,
      });
    });

    it('has a role that reaches the table, the MWS secret and its own logs, and nothing else', () => {
      // Prepare
      const [, role] = resourceNamed('BillingFunctionRole', 'AWS::IAM::Role');

      // Assess
      expect(listAt(role, 'Properties', 'AssumeRolePolicyDocument', 'Statement')).toEqual([
        {
          Effect: 'Allow',
          Principal: { Service: 'lambda.amazonaws.com' },
          Action: 'sts:AssumeRole',
        },
      ]);
      expect(statementsOf(role)).toEqual([
        {
          Effect: 'Allow',
          Action: ['dynamodb:GetItem', 'dynamodb:PutItem', 'dynamodb:UpdateItem', 'dynamodb:Query'],
          Resource: [
            { 'Fn::GetAtt': ['OrdersTable', 'Arn'] },
            { 'Fn::Sub': '${OrdersTable.Arn}/index/*' },
          ],
        },
        {
          Effect: 'Allow',
          Action: 'secretsmanager:GetSecretValue',
          Resource: { Ref: 'MwsSecretArn' },
        },
        {
          Effect: 'Allow',
          Action: ['logs:CreateLogStream', 'logs:PutLogEvents'],
          Resource: { 'Fn::GetAtt': ['BillingLogGroup', 'Arn'] },
        },
      ]);
      expect(at(role, 'Properties', 'ManagedPolicyArns')).toBeUndefined();
    });

    it('is run by an EventBridge Scheduler schedule on the BillingScheduleExpression parameter', () => {
      // Prepare
      const [, schedule] = resourceOfType('AWS::Scheduler::Schedule');

      // Assess
      expect(at(schedule, 'Properties')).toMatchObject({
        ScheduleExpression: { Ref: 'BillingScheduleExpression' },
        FlexibleTimeWindow: { Mode: 'OFF' },
        State: 'ENABLED',
        Target: {
          Arn: { 'Fn::GetAtt': ['BillingFunction', 'Arn'] },
          RoleArn: { 'Fn::GetAtt': ['BillingScheduleRole', 'Arn'] },
          RetryPolicy: { MaximumRetryAttempts: 0 },
        },
      });
    });

    it('has a schedule role that may only invoke the billing function', () => {
      // Prepare
      const [, role] = resourceNamed('BillingScheduleRole', 'AWS::IAM::Role');

      // Assess
      expect(listAt(role, 'Properties', 'AssumeRolePolicyDocument', 'Statement')).toEqual([
        {
          Effect: 'Allow',
          Principal: { Service: 'scheduler.amazonaws.com' },
          Action: 'sts:AssumeRole',
          Condition: { StringEquals: { 'aws:SourceAccount': { Ref: 'AWS::AccountId' } } },
        },
      ]);
      expect(statementsOf(role)).toEqual([
        {
          Effect: 'Allow',
          Action: 'lambda:InvokeFunction',
          Resource: { 'Fn::GetAtt': ['BillingFunction', 'Arn'] },
        },
      ]);
    });

    it.each<[string, ReadonlyArray<string>, ReadonlyArray<string>]>([
      [
        'BillingScheduleExpression',
        ['rate(1 hour)', 'rate(15 minutes)', 'cron(0 6 * * ? *)'],
        ['hourly', 'rate()', '0 6 * * *'],
      ],
      [
        'MwsSecretArn',
        ['', 'arn:aws:secretsmanager:us-east-1:123456789012:secret:mws-keys-AbCdEf'],
        ['mws-keys', 'arn:aws:s3:::bucket', 'arn:aws:secretsmanager:us-east-1:1234:secret:x'],
      ],
    ])('check %s with its pattern', (name, good, bad) => {
      // Prepare
      const pattern = new RegExp(String(at(parameters, name, 'AllowedPattern')));

      // Assess
      expect(good.filter((v) => !pattern.test(v))).toEqual([]);
      expect(bad.filter((v) => pattern.test(v))).toEqual([]);
    });
  });

  describe('the parameters', () => {
    it('take SANDBOX as exactly true or false', () => {
      expect(at(parameters, 'Sandbox', 'AllowedValues')).toEqual(['true', 'false']);
    });

    it('allow the merchant countries and ledger currencies that Amazon Pay does', () => {
      expect([...listAt(parameters, 'MerchantCountry', 'AllowedValues')].sort()).toEqual(
        Object.keys(REGION_OF_COUNTRY).sort(),
      );
      expect([...listAt(parameters, 'LedgerCurrency', 'AllowedValues')].sort()).toEqual(
        Object.keys(CURRENCY_EXPONENTS).sort(),
      );
    });

    it.each<[string, ReadonlyArray<string>, ReadonlyArray<string>]>([
      [
        'SkillId',
        [LOCAL_DEFAULTS.SKILL_ID, 'amzn1.ask.skill.1234-abcd'],
        ['amzn1.ask.skill.', 'amzn1.ask.skill', 'skill'],
      ],
      ['SellerId', [LOCAL_DEFAULTS.SELLER_ID, 'A1B2C3'], ['a1example', 'AB12', 'A'.repeat(33)]],
      ['StoreName', [LOCAL_DEFAULTS.STORE_NAME, 'Tea and Co'], ['Tea & Co', '<b>Shop</b>']],
    ])('check %s with the pattern loadConfig applies', (name, good, bad) => {
      // Prepare
      const pattern = new RegExp(String(at(parameters, name, 'AllowedPattern')));

      // Assess
      expect(good.filter((v) => !pattern.test(v))).toEqual([]);
      expect(bad.filter((v) => pattern.test(v))).toEqual([]);
    });

    it('require the ledger currency of the merchant country, region by region', () => {
      // Prepare: the country lists and currency of each region rule.
      const rules = Object.values(nodeAt(template, 'Rules'))
        .map((rule) => ({
          countries: at(rule, 'RuleCondition', 'Fn::Contains'),
          assertion: at(listAt(rule, 'Assertions')[0], 'Assert', 'Fn::Equals'),
        }))
        .filter((rule) => Array.isArray(rule.countries));
      const required = new Map<string, unknown>();
      for (const rule of rules) {
        const [countries] = rule.countries as [ReadonlyArray<string>];
        const [, currency] = rule.assertion as [unknown, unknown];
        for (const country of countries) required.set(country, currency);
      }

      // Assess
      for (const [country, region] of Object.entries(REGION_OF_COUNTRY)) {
        expect([country, required.get(country)]).toEqual([
          country,
          LEDGER_CURRENCY_OF_REGION[region],
        ]);
      }
    });

    it('require SandboxCustomerEmail when Sandbox is true', () => {
      expect(at(template, 'Rules', 'SandboxNeedsCustomerEmail')).toEqual({
        RuleCondition: { 'Fn::Equals': [{ Ref: 'Sandbox' }, 'true'] },
        Assertions: [
          {
            Assert: { 'Fn::Not': [{ 'Fn::Equals': [{ Ref: 'SandboxCustomerEmail' }, ''] }] },
            AssertDescription: 'SandboxCustomerEmail is required when Sandbox is true',
          },
        ],
      });
    });
  });

  describe('the outputs', () => {
    it('give the function ARN for the skill endpoint and the table name for the tools', () => {
      expect(at(template, 'Outputs', 'SkillFunctionArn', 'Value')).toEqual({
        'Fn::GetAtt': ['SkillFunction', 'Arn'],
      });
      expect(at(template, 'Outputs', 'OrdersTableName', 'Value')).toEqual({ Ref: 'OrdersTable' });
    });
  });
});
