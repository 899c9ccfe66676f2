/** The Amazon Pay permission a shopper must grant before Setup (`payments:autopay_consent`). */
export const AUTOPAY_CONSENT_SCOPE = 'payments:autopay_consent';

/** Name of the Connections directive and response that create a billing agreement. */
export const SETUP_DIRECTIVE_NAME = 'Setup';

/** Name of the Connections directive and response that authorize (and capture) a payment. */
export const CHARGE_DIRECTIVE_NAME = 'Charge';

/** The version of every Amazon Pay for Alexa request entity this skill sends. */
export const AMAZON_PAY_PAYLOAD_VERSION = '2';

/** The Alexa directive type that hands a request to Amazon Pay. */
export const SEND_REQUEST_DIRECTIVE_TYPE = 'Connections.SendRequest';
