import {
  readAuthenticationSimulation,
  readDeclineSimulation,
} from '../../../../src/local/simulator/sandboxSimulation';
import type { SandboxSimulation } from '../../../../src/local/simulator/sandboxSimulation';
import { anAuthenticationSimulation } from './factories';

type Reader = typeof readAuthenticationSimulation;

const INVALID: Partial<SandboxSimulation> = {
  kind: 'problem',
  errorCode: 'InvalidSandboxSimulationSpecified',
};

describe('sandbox simulation strings', () => {
  it.each<[string, Reader, string | undefined, 'SANDBOX' | 'LIVE', Partial<SandboxSimulation>]>([
    ['no note', readAuthenticationSimulation, undefined, 'SANDBOX', { kind: 'none' }],
    ['an empty note', readAuthenticationSimulation, '', 'SANDBOX', { kind: 'none' }],
    ['plain text', readAuthenticationSimulation, 'Thanks!', 'LIVE', { kind: 'none' }],
    [
      'Success',
      readAuthenticationSimulation,
      anAuthenticationSimulation('Success'),
      'SANDBOX',
      { kind: 'authentication', state: 'Success' },
    ],
    [
      'NotSupported',
      readAuthenticationSimulation,
      anAuthenticationSimulation('NotSupported'),
      'SANDBOX',
      { kind: 'authentication', state: 'NotSupported' },
    ],
    [
      'a Failure string on LIVE',
      readAuthenticationSimulation,
      anAuthenticationSimulation('Failure'),
      'LIVE',
      { kind: 'problem', errorCode: 'InvalidParameterValue' },
    ],
    [
      'an SCA string read as a decline',
      readDeclineSimulation,
      anAuthenticationSimulation('Failure'),
      'SANDBOX',
      INVALID,
    ],
    [
      'a decline string read as SCA',
      readAuthenticationSimulation,
      '{"SandboxSimulation":{"State":"Declined","ReasonCode":"AmazonRejected"}}',
      'SANDBOX',
      INVALID,
    ],
    [
      'a decline string',
      readDeclineSimulation,
      '{"SandboxSimulation":{"State":"Declined","ReasonCode":"AmazonRejected"}}',
      'SANDBOX',
      { kind: 'decline', reasonCode: 'AmazonRejected' },
    ],
    [
      'a top-level array',
      readAuthenticationSimulation,
      '["SandboxSimulation"]',
      'SANDBOX',
      INVALID,
    ],
  ])('reads %s', (_label, read, note, environment, expected) => {
    expect(read(note, environment)).toMatchObject(expected);
  });
});
