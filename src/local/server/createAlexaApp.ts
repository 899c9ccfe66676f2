import type { Verifier } from 'ask-sdk-express-adapter';
import express, {
  type ErrorRequestHandler,
  type Express,
  type Request,
  type RequestHandler,
  type Response,
} from 'express';
import type { Logger } from '../../checkout/Logger';
import { SkillIdMismatchError, type LambdaHandler } from '../../createHandler';

/** The path Alexa posts requests to. */
export const ALEXA_PATH = '/alexa';

/** The path of the liveness check, which touches neither the skill nor the store. */
export const HEALTH_PATH = '/healthz';

/**
 * The largest request body accepted, in bytes. Alexa's requests are a few kilobytes; the limit
 * keeps a hostile client from making the endpoint buffer megabytes before the signature check.
 */
export const MAX_REQUEST_BYTES = 256 * 1024;

/** What the Alexa endpoint is built from. */
export type AlexaAppOptions = {
  /** The skill's handler, exactly as the Lambda entry builds it (skill id check included). */
  readonly handler: LambdaHandler;
  /** Run in order on the raw body and headers of every request; empty means verification off. */
  readonly verifiers: ReadonlyArray<Verifier>;
  readonly logger: Logger;
};

// A fatal decoder: a body that is not UTF-8 is refused, never silently repaired (the signature is
// over the bytes as sent). The byte order mark is kept, so such a body fails JSON parsing.
const utf8 = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true });

function reply(res: Response, status: number, message: string): void {
  res.status(status).json({ error: message });
}

function summarize(error: unknown): string {
  const text = error instanceof Error ? error.message : String(error);
  // The text can echo what the client sent (a certificate URL): short, one line.
  return text.replace(/\s+/g, ' ').slice(0, 200);
}

function errorName(error: unknown): string {
  return error instanceof Error ? error.name.slice(0, 64) : typeof error;
}

function isObject(value: unknown): value is Readonly<Record<string, unknown>> {
  return typeof value === 'object' && value !== null;
}

/** The 4xx status a body-parsing error carries (too large, aborted, ...), or undefined. */
function clientErrorStatus(error: unknown): number | undefined {
  const status = isObject(error) ? error['status'] : undefined;
  return typeof status === 'number' && status >= 400 && status < 500 ? status : undefined;
}

function decodeBody(raw: unknown): string | undefined {
  // No body at all (no Content-Length, no chunks) leaves req.body undefined.
  if (raw === undefined) return '';
  if (!Buffer.isBuffer(raw)) return undefined;
  try {
    return utf8.decode(raw);
  } catch {
    return undefined;
  }
}

/**
 * Builds the HTTP endpoint of the skill: `POST /alexa` and `GET /healthz`.
 *
 * A request to `/alexa` is read raw (no body parser runs before this route), checked by every
 * verifier against the exact bytes and headers Alexa sent, parsed, and handed to the handler.
 * The answer is the handler's response envelope (200); a refused verification, a body that is not
 * JSON, or a request for another skill id is 400 with a short JSON body; anything else is 500
 * with no internals. The verifiers are ask-sdk-express-adapter's; its `ExpressAdapter` itself is
 * not used because it invokes a `Skill` rather than this handler, answers every dispatch error
 * with 500 (a wrong skill id must be 400) and puts the error's message into the response body.
 *
 * @example
 * const app = createAlexaApp({ handler, verifiers: [new SkillRequestSignatureVerifier(),
 *   new TimestampVerifier()], logger });
 * http.createServer(app).listen(3000, '127.0.0.1');
 */
export function createAlexaApp(options: AlexaAppOptions): Express {
  const { handler, verifiers, logger } = options;
  const app = express();
  app.disable('x-powered-by');
  app.set('etag', false);

  app.get(HEALTH_PATH, (_req, res) => {
    res.type('text/plain').send('ok');
  });

  const refuseParsedBody: RequestHandler = (req, res, next) => {
    // A body parser mounted before this route would have consumed the raw bytes the signature is
    // over: a setup bug, so fail loudly rather than verify a re-serialised body.
    if ((req.body as unknown) !== undefined) {
      logger.error('request body parsed before the Alexa endpoint');
      reply(res, 500, 'internal error');
      return;
    }
    next();
  };

  const readRawBody = express.raw({
    type: () => true,
    limit: MAX_REQUEST_BYTES,
    // Alexa does not compress requests; a compressed body is not the bytes that were signed.
    inflate: false,
  });

  const answer = async (req: Request, res: Response): Promise<void> => {
    const body = decodeBody(req.body as unknown);
    if (body === undefined) {
      reply(res, 400, 'request body is not UTF-8 text');
      return;
    }
    for (const verifier of verifiers) {
      try {
        await verifier.verify(body, req.headers);
      } catch (error) {
        logger.warn('request refused', {
          reason: 'verification failed',
          detail: summarize(error),
        });
        reply(res, 400, 'request verification failed');
        return;
      }
    }
    let envelope: unknown;
    try {
      envelope = JSON.parse(body) as unknown;
    } catch {
      reply(res, 400, 'request body is not JSON');
      return;
    }
    let response: unknown;
    try {
      response = await handler(envelope);
    } catch (error) {
      if (error instanceof SkillIdMismatchError) {
        reply(res, 400, 'request is not for this skill');
        return;
      }
      logger.error('request failed', { error: errorName(error) });
      reply(res, 500, 'internal error');
      return;
    }
    res.status(200).json(response);
  };

  app.post(ALEXA_PATH, refuseParsedBody, readRawBody, (req, res) => answer(req, res));

  app.all(ALEXA_PATH, (_req, res) => {
    res.set('Allow', 'POST');
    reply(res, 405, 'method not allowed');
  });

  app.use((_req, res) => {
    reply(res, 404, 'not found');
  });

  const onError: ErrorRequestHandler = (error: unknown, _req, res, next) => {
    if (res.headersSent) {
      next(error);
      return;
    }
    const status = clientErrorStatus(error);
    if (status !== undefined) {
      reply(res, status, status === 413 ? 'request body too large' : 'bad request');
      return;
    }
    logger.error('request failed', { error: errorName(error) });
    reply(res, 500, 'internal error');
  };
  app.use(onError);

  return app;
}
