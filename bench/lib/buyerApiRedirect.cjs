// Preloaded (`node -r`) into every benchmark sample process: sends requests for Amazon Pay's
// Buyer API hosts (pay-api.amazon.com, .eu, .jp) to the loopback Buyer API stand-in at
// BENCH_BUYER_API_ORIGIN. The samples run as in Lambda (AWS_LAMBDA_FUNCTION_NAME set), where the
// skill refuses BUYER_API_ORIGIN, and this machine has no route to Amazon: the stand-in answers the
// same HTTP calls over the loopback, so ours pays for its two Buyer API calls per purchase.
'use strict';

const origin = process.env.BENCH_BUYER_API_ORIGIN;
const realFetch = globalThis.fetch;
if (origin !== undefined && origin !== '') {
  globalThis.fetch = (input, init) => {
    const url = new URL(typeof input === 'string' || input instanceof URL ? input : input.url);
    if (/^pay-api\.amazon\.(com|eu|jp)$/.test(url.hostname)) {
      return realFetch(new URL(`${url.pathname}${url.search}`, origin), init);
    }
    return realFetch(input, init);
  };
}
