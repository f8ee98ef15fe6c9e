/** Request body in the client's dialect → the upstream's (via the canonical form). */

/** The canonical form, for tests and adapters that need to look inside a translation. */
export type { CanonicalMessage, CanonicalPart, CanonicalRequest } from './canonical-request.js';
export type { CanonicalResponse, CanonicalStopReason } from './canonical-response.js';
export type { CanonicalStreamError, CanonicalStreamEvent } from './canonical-stream-event.js';
/** Upstream SSE events → client bytes, with the client dialect's terminal and error events. */
export type { StreamTranslator, StreamTranslatorOptions } from './create-stream-translator.js';
export { createStreamTranslator } from './create-stream-translator.js';
/** Non-stream gateway errors in each dialect's body shape and type names. */
export type { GatewayErrorInput, RenderedGatewayError } from './render-gateway-error.js';
export { renderGatewayError } from './render-gateway-error.js';
export type { TranslateRequestOptions } from './translate-request.js';
export { isRequestTranslationSupported, translateRequest } from './translate-request.js';
/** Non-stream upstream reply → the client's dialect, usage rendered in the client's own format. */
export type { TranslateResponseOptions } from './translate-response.js';
export { translateResponse } from './translate-response.js';
