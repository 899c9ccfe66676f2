import { ORDERS_USAGE, parseOrdersArgs } from '../../../src/cli/parseOrdersArgs';
import { OrderStatus } from '../../../src/checkout/OrderStatus';

describe('parseOrdersArgs', () => {
  describe('commands', () => {
    it.each<[string[], unknown]>([
      [['list'], { kind: 'list', status: undefined, limit: undefined, json: false }],
      [
        ['list', '--status', 'paid', '--limit', '5', '--json'],
        { kind: 'list', status: 'paid', limit: 5, json: true },
      ],
      [
        ['list', '--status=held-for-review', '--limit=20'],
        { kind: 'list', status: 'held-for-review', limit: 20, json: false },
      ],
      [['fulfilment'], { kind: 'fulfilment', json: false }],
      [['to-ship', '--json'], { kind: 'fulfilment', json: true }],
      [['show', 'AbC_12-x'], { kind: 'show', orderId: 'AbC_12-x', json: false }],
      [['show', '--json', 'AbC_12-x'], { kind: 'show', orderId: 'AbC_12-x', json: true }],
      [['ship', 'ORDER1'], { kind: 'ship', orderId: 'ORDER1' }],
      [['export-csv'], { kind: 'export-csv', status: undefined, out: undefined }],
      [
        ['export-csv', '--status', 'paid', '--out', 'orders.csv'],
        { kind: 'export-csv', status: 'paid', out: 'orders.csv' },
      ],
      [['export-csv', '--out', '-x.csv'], { kind: 'export-csv', status: undefined, out: '-x.csv' }],
      [['help'], { kind: 'help' }],
      [['refund', 'ORDER1'], { kind: 'refund', orderId: 'ORDER1', amount: { kind: 'remaining' } }],
      [
        ['refund', 'ORDER1', '12.50'],
        { kind: 'refund', orderId: 'ORDER1', amount: { kind: 'decimal', text: '12.50' } },
      ],
      [
        ['refund', 'ORDER1', '1500'],
        { kind: 'refund', orderId: 'ORDER1', amount: { kind: 'decimal', text: '1500' } },
      ],
      [['sync-refunds'], { kind: 'sync-refunds' }],
    ])('parses %p', (argv, expected) => {
      expect(parseOrdersArgs(argv)).toEqual(expected);
    });

    it.each([[['--help']], [['-h']], [['list', '--bogus', '--help']], [['ship', '-h']]])(
      'asks for help when %p holds --help or -h',
      (argv) => {
        expect(parseOrdersArgs(argv)).toEqual({ kind: 'help' });
      },
    );

    it.each(Object.values(OrderStatus))('accepts the status %s', (status) => {
      expect(parseOrdersArgs(['list', '--status', status])).toMatchObject({ status });
    });
  });

  describe('usage errors', () => {
    it.each<[string[], string]>([
      [[], 'missing command'],
      [[''], 'missing command'],
      [['lst'], 'unknown command: lst'],
      [['--json'], 'expected a command before --json'],
      [['list', '--frob'], 'unknown option: --frob'],
      [['list', '-j'], 'unknown option: -j'],
      [['list', 'extra'], 'unexpected argument: extra'],
      [['list', '--status'], '--status needs a value'],
      [['list', '--status', '--json'], '--status needs a value'],
      [['list', '--status='], '--status needs a value'],
      [['list', '--status', 'sent'], 'unknown status: sent (one of awaiting-confirmation'],
      [['list', '--status', 'paid', '--status', 'shipped'], '--status is given more than once'],
      [['list', '--json', '--json'], '--json is given more than once'],
      [['list', '--json=yes'], '--json takes no value'],
      [['list', '--limit', '0'], '--limit needs a whole number from 1 (got 0)'],
      [['list', '--limit', '2.5'], '--limit needs a whole number from 1'],
      [['list', '--limit', '-3'], '--limit needs a whole number from 1'],
      [['list', '--limit', '99999999999999999999'], '--limit needs a whole number from 1'],
      [['list', '--out', 'x.csv'], 'list does not take --out'],
      [['fulfilment', '--status', 'paid'], 'fulfilment does not take --status'],
      [['to-ship', '--limit', '3'], 'to-ship does not take --limit'],
      [['show'], 'show needs an ORDER_ID'],
      [['show', 'a', 'b'], 'unexpected argument: b'],
      [['show', 'not/an/id'], 'not an order id: not/an/id'],
      [['show', 'x'.repeat(27)], 'not an order id'],
      [['ship'], 'ship needs an ORDER_ID'],
      [['ship', 'ORDER1', '--json'], 'ship does not take --json'],
      [['export-csv', '--out'], '--out needs a value'],
      [['export-csv', '--json'], 'export-csv does not take --json'],
      [['help', 'list'], 'unexpected argument: list'],
      [['refund'], 'refund needs an ORDER_ID'],
      [['refund', 'not/an/id'], 'not an order id: not/an/id'],
      [['refund', 'ORDER1', '1e3'], 'AMOUNT 1e3 is not a plain decimal number'],
      [['refund', 'ORDER1', '-5'], 'AMOUNT -5 is not a plain decimal number'],
      [['refund', 'ORDER1', '-0.5'], 'AMOUNT -0.5 is not a plain decimal number'],
      [['refund', 'ORDER1', '0'], 'AMOUNT 0 must be more than zero'],
      [['refund', 'ORDER1', '0.00'], 'AMOUNT 0.00 must be more than zero'],
      [['refund', 'ORDER1', '12,50'], 'AMOUNT 12,50 is not a plain decimal number'],
      [['refund', 'ORDER1', '5', '6'], 'unexpected argument: 6'],
      [['refund', 'ORDER1', '--json'], 'refund does not take --json'],
      [['refund', '-5'], 'unknown option: -5'],
      [['sync-refunds', 'ORDER1'], 'unexpected argument: ORDER1'],
      [['sync-refunds', '--status', 'paid'], 'sync-refunds does not take --status'],
    ])('refuses %p: %s', (argv, message) => {
      // Act
      const parsed = parseOrdersArgs(argv);

      // Assess
      expect(parsed).toEqual({
        kind: 'usageError',
        message: expect.stringContaining(message) as unknown,
      });
    });

    it('does not take a property of Object.prototype for a command', () => {
      expect(parseOrdersArgs(['toString'])).toEqual({
        kind: 'usageError',
        message: 'unknown command: toString',
      });
    });
  });

  describe('ORDERS_USAGE', () => {
    it('names every command, option and status, and the exit codes', () => {
      for (const word of [
        'list',
        'fulfilment',
        'to-ship',
        'show ORDER_ID',
        'ship ORDER_ID',
        'export-csv',
        'refund ORDER_ID [AMOUNT]',
        'sync-refunds',
        'MWS_ACCESS_KEY_ID',
        'MWS_SECRET_ARN',
        'MWS_ENDPOINT',
        '--status S',
        '--limit N',
        '--json',
        '--out FILE',
        'Exit codes',
        ...Object.values(OrderStatus),
      ]) {
        expect(ORDERS_USAGE).toContain(word);
      }
    });

    it('keeps every line within 100 columns', () => {
      const widest = Math.max(...ORDERS_USAGE.split('\n').map((line) => line.length));
      expect(widest).toBeLessThanOrEqual(100);
    });
  });
});
