import { readResponseText } from '../../../../src/amazonpay/buyer/readResponseText';

const NEVER: Promise<never> = new Promise<never>(() => undefined);

/** A response over a stream of the given chunks; `cancelled` tells whether its body was cancelled. */
function aStreamedResponse(
  chunks: ReadonlyArray<Uint8Array>,
  options: { readonly end?: boolean; readonly headers?: Record<string, string> } = {},
): { readonly response: Response; readonly cancelled: () => boolean } {
  let cancelled = false;
  const stream = new ReadableStream<Uint8Array>({
    start(controller) {
      for (const chunk of chunks) controller.enqueue(chunk);
      if (options.end ?? true) controller.close();
    },
    cancel() {
      cancelled = true;
    },
  });
  return {
    response: new Response(stream, { headers: options.headers ?? {} }),
    cancelled: () => cancelled,
  };
}

const bytes = (text: string): Uint8Array => new TextEncoder().encode(text);

describe('readResponseText', () => {
  it('reads a body of several chunks as text', async () => {
    // Prepare
    const { response } = aStreamedResponse([bytes('{"a":'), bytes('"é"}')]);

    // Act
    const result = await readResponseText(response, 100, NEVER);

    // Assess
    expect(result).toEqual({ ok: true, text: '{"a":"é"}' });
  });

  it('reads a body without a stream as empty text', async () => {
    expect(await readResponseText(new Response(null), 100, NEVER)).toEqual({ ok: true, text: '' });
  });

  it('accepts a body of exactly the cap', async () => {
    expect(await readResponseText(new Response('x'.repeat(10)), 10, NEVER)).toEqual({
      ok: true,
      text: 'x'.repeat(10),
    });
  });

  it('refuses a declared length over the cap without reading, and cancels the body', async () => {
    // Prepare
    const { response, cancelled } = aStreamedResponse([bytes('x')], {
      headers: { 'content-length': '11' },
    });

    // Act
    const result = await readResponseText(response, 10, NEVER);

    // Assess
    expect(result).toEqual({ ok: false, problem: 'tooLarge' });
    expect(cancelled()).toBe(true);
  });

  it('stops reading once the body grows over the cap, and cancels the rest', async () => {
    // Prepare
    const { response, cancelled } = aStreamedResponse(
      [bytes('xxxx'), bytes('xxxx'), bytes('xxxx')],
      {
        end: false,
      },
    );

    // Act
    const result = await readResponseText(response, 10, NEVER);

    // Assess
    expect(result).toEqual({ ok: false, problem: 'tooLarge' });
    expect(cancelled()).toBe(true);
  });

  it('refuses bytes that are not UTF-8', async () => {
    // Prepare
    const { response } = aStreamedResponse([new Uint8Array([0x7b, 0xff, 0xfe, 0x7d])]);

    // Act
    const result = await readResponseText(response, 100, NEVER);

    // Assess
    expect(result).toEqual({ ok: false, problem: 'notUtf8' });
  });

  it('rejects with the abort reason and cancels the body when aborted mid-body', async () => {
    // Prepare
    const { response, cancelled } = aStreamedResponse([bytes('{"buyerId":')], { end: false });
    const reason = new Error('deadline');
    let abort: (error: Error) => void = () => undefined;
    const aborted = new Promise<never>((_, reject) => {
      abort = reject;
    });
    const reading = readResponseText(response, 100, aborted);

    // Act
    abort(reason);

    // Assess
    await expect(reading).rejects.toBe(reason);
    expect(cancelled()).toBe(true);
  });

  it('rejects when the stream fails', async () => {
    // Prepare
    const failure = new TypeError('terminated');
    const stream = new ReadableStream<Uint8Array>({
      start(controller) {
        controller.error(failure);
      },
    });

    // Act
    const reading = readResponseText(new Response(stream), 100, NEVER);

    // Assess
    await expect(reading).rejects.toBe(failure);
  });
});
