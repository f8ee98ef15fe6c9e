import { useMemo } from 'react';
import { useSession } from '../session/session-context.js';
import { type BillingApi, createBillingApi } from './billing-api.js';

export function useBillingApi(): BillingApi {
  const { client } = useSession();
  return useMemo(() => createBillingApi(client), [client]);
}
