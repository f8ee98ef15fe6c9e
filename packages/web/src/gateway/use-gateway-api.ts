import { useMemo } from 'react';
import { useSession } from '../session/session-context.js';
import { createGatewayApi, type GatewayApi } from './gateway-api.js';

export function useGatewayApi(): GatewayApi {
  const { client } = useSession();
  return useMemo(() => createGatewayApi(client), [client]);
}
