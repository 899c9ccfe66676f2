import { parseBillingArgs } from '../../../../src/billing/cli/parseBillingArgs';

describe('parseBillingArgs', () => {
  it.each<[ReadonlyArray<string>, unknown]>([
    [['run-due'], { kind: 'run-due', limit: undefined, json: false, standIn: false }],
    [['run-due', '--limit', '50'], { kind: 'run-due', limit: 50, json: false, standIn: false }],
    [['run-due', '--limit=7', '--json'], { kind: 'run-due', limit: 7, json: true, standIn: false }],
    [['run-due', '--stand-in'], { kind: 'run-due', limit: undefined, json: false, standIn: true }],
    [['help'], { kind: 'help' }],
    [['run-due', '--help'], { kind: 'help' }],
    [['-h'], { kind: 'help' }],
  ])('parses %j', (argv, expected) => {
    expect(parseBillingArgs(argv)).toEqual(expected);
  });

  it.each<[ReadonlyArray<string>, string]>([
    [[], 'missing command'],
    [['charge'], 'unknown command: charge'],
    [['--limit', '5'], 'expected a command before --limit'],
    [['run-due', '--limit'], '--limit needs a whole number from 1 to 1000'],
    [['run-due', '--limit', '0'], '--limit needs a whole number from 1 to 1000'],
    [['run-due', '--limit', '1001'], '--limit needs a whole number from 1 to 1000'],
    [['run-due', '--limit', 'ten'], '--limit needs a whole number from 1 to 1000'],
    [['run-due', '--limit', '5', '--limit', '6'], '--limit is given twice'],
    [['run-due', '--json=yes'], '--json takes no value'],
    [['run-due', '--stand-in=1'], '--stand-in takes no value'],
    [['run-due', '--all'], 'unknown option: --all'],
    [['run-due', 'now'], 'unexpected argument: now'],
    [['help', 'me'], 'unexpected argument: me'],
  ])('refuses %j: %s', (argv, message) => {
    expect(parseBillingArgs(argv)).toEqual({ kind: 'usageError', message });
  });
});
