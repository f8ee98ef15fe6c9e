import ipaddr from 'ipaddr.js';
import {
  apiKeyDisabled,
  invalidApiKey,
  ipNotAllowed,
  modelNotAllowed,
  tokenExpired,
} from '../gateway-errors.js';
import type { ApiKeyPrincipal } from './api-key-service.js';

// IPv4-mapped IPv6 (::ffff:10.0.0.1, what a dual-stack socket reports) is compared as IPv4.
function isAddressInRanges(ip: string, ranges: NonNullable<ApiKeyPrincipal['allowedRanges']>): boolean {
  let address: ipaddr.IPv4 | ipaddr.IPv6;
  try {
    address = ipaddr.process(ip);
  } catch {
    return false;
  }
  return ranges.some(
    ([rangeAddress, prefixLength]) =>
      address.kind() === rangeAddress.kind() && address.match(rangeAddress, prefixLength),
  );
}

/** Throws the gateway error for a key that may not make this call; checks in the order callers expect. */
export function authorizeApiKey(
  principal: ApiKeyPrincipal | undefined,
  request: { nowMs: number; ip: string },
): asserts principal is ApiKeyPrincipal {
  if (!principal) throw invalidApiKey();
  if (!principal.isEnabled) throw apiKeyDisabled();
  if (principal.isUserDisabled) throw invalidApiKey('The owner of this API key is disabled');
  if (principal.expiresAtMs !== null && principal.expiresAtMs <= request.nowMs) throw tokenExpired();
  if (principal.allowedRanges && !isAddressInRanges(request.ip, principal.allowedRanges))
    throw ipNotAllowed(request.ip);
}

export function authorizeModel(principal: ApiKeyPrincipal, model: string): void {
  if (principal.allowedModels && !principal.allowedModels.has(model)) throw modelNotAllowed(model);
}

export function isModelAllowed(principal: Pick<ApiKeyPrincipal, 'allowedModels'>, model: string): boolean {
  return !principal.allowedModels || principal.allowedModels.has(model);
}
