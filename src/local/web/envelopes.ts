import { isRecord } from '../../amazonpay/readUnknown';
import type { DeviceKind } from '../replay/transcript';
import { buildRequestEnvelope, type EnvelopeContext } from '../requestEnvelopes';

/** The interfaces an Echo Show announces: a screen with Display templates and APL. */
const SCREEN_INTERFACES = Object.freeze({
  Display: { templateVersion: '1.0', markupVersion: '1.0' },
  'Alexa.Presentation.APL': { runtime: { maxVersion: '2024.2' } },
});

/** The viewport of a 10-inch Echo Show, as Alexa describes it in `context.Viewport`. */
const ECHO_SHOW_VIEWPORT = Object.freeze({
  experiences: [{ arcMinuteWidth: 221, arcMinuteHeight: 162, canRotate: false, canResize: false }],
  mode: 'HUB',
  shape: 'RECTANGLE',
  pixelWidth: 1280,
  pixelHeight: 800,
  dpi: 160,
  currentPixelWidth: 1280,
  currentPixelHeight: 800,
  touch: ['SINGLE'],
  keyboard: [],
});

/** Who is talking to the skill from which device: the envelope context plus the device. */
export type SimulatedContext = EnvelopeContext & { readonly device: DeviceKind };

/**
 * Builds a request envelope as Alexa sends it from the chosen device: the shape of
 * `buildRequestEnvelope`, with the Display and APL interfaces and a viewport for a device with a
 * screen, and none for a voice-only one. Returns plain JSON (a fresh object).
 */
export function buildSimulatedEnvelope(
  context: SimulatedContext,
  request: Record<string, unknown>,
  session: { readonly new: boolean; readonly attributes?: Record<string, unknown> },
): Record<string, unknown> {
  const envelope = JSON.parse(
    JSON.stringify(buildRequestEnvelope(context, request, session)),
  ) as unknown;
  if (!isRecord(envelope)) throw new Error('buildRequestEnvelope returned no object');
  const json = envelope as Record<string, unknown>;
  const alexaContext = json['context'];
  if (isRecord(alexaContext)) {
    const system = alexaContext['System'];
    if (isRecord(system) && isRecord(system['device'])) {
      const device = system['device'] as Record<string, unknown>;
      device['deviceId'] =
        context.device === 'screen'
          ? 'amzn1.ask.device.SIMULATOR-ECHO-SHOW'
          : 'amzn1.ask.device.SIMULATOR-ECHO-DOT';
      device['supportedInterfaces'] =
        context.device === 'screen' ? structuredClone(SCREEN_INTERFACES) : {};
    }
    if (context.device === 'screen') {
      (alexaContext as Record<string, unknown>)['Viewport'] = structuredClone(ECHO_SHOW_VIEWPORT);
    }
  }
  return json;
}
