/** The body of an answer as text, or why it was not read. */
export type ResponseTextResult =
  | { readonly ok: true; readonly text: string }
  | { readonly ok: false; readonly problem: 'tooLarge' | 'notUtf8' };

/**
 * Reads a response body as UTF-8 text, at most `maxBytes` of it, racing every read against
 * `aborted`.
 *
 * A declared or actual length over the cap stops the read and cancels the body, so an oversize
 * answer is never buffered. Cancels are not awaited: a stuck stream must not hold the caller. The race makes the caller's deadline hold even against a `fetch` that
 * ignores its signal or a server that sends headers and then never finishes the body: when
 * `aborted` rejects, the body is cancelled and its rejection is rethrown.
 */
export async function readResponseText(
  response: Response,
  maxBytes: number,
  aborted: Promise<never>,
): Promise<ResponseTextResult> {
  const body = response.body;
  if (body === null) return { ok: true, text: '' };
  const declared = Number(response.headers.get('content-length') ?? '0');
  if (declared > maxBytes) {
    void body.cancel().catch(() => undefined);
    return { ok: false, problem: 'tooLarge' };
  }
  const reader: ReadableStreamDefaultReader<Uint8Array> = body.getReader();
  const chunks: Uint8Array[] = [];
  let size = 0;
  try {
    for (;;) {
      const { done, value } = await Promise.race([reader.read(), aborted]);
      if (done) break;
      size += value.byteLength;
      if (size > maxBytes) {
        void reader.cancel().catch(() => undefined);
        return { ok: false, problem: 'tooLarge' };
      }
      chunks.push(value);
    }
  } catch (error) {
    void reader.cancel().catch(() => undefined);
    throw error;
  }
  const bytes = new Uint8Array(size);
  let offset = 0;
  for (const chunk of chunks) {
    bytes.set(chunk, offset);
    offset += chunk.byteLength;
  }
  try {
    return { ok: true, text: new TextDecoder('utf-8', { fatal: true }).decode(bytes) };
  } catch {
    return { ok: false, problem: 'notUtf8' };
  }
}
