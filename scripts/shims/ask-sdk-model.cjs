// The Lambda bundle's stand-in for the `ask-sdk-model` package (about 60 KB minified), aliased in
// scripts/build.mjs. The skill uses the package for its TypeScript types only; at run time
// ask-sdk-core reads one value from it, `services.ServiceClientFactory`, and only builds one when
// the skill is given an API client (`withApiClient`), which this skill never is. Should that ever
// change, the factory fails loudly instead of working without its service clients.
'use strict';

class ServiceClientFactory {
  constructor() {
    throw new Error(
      'Alexa service clients are not in this bundle: remove the ask-sdk-model alias in scripts/build.mjs',
    );
  }
}

module.exports = { services: { ServiceClientFactory } };
