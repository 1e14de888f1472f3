import { createContext, useCallback, useContext, useSyncExternalStore } from 'react';
import type { ClientApi, ClientState } from '../../../shared/client/api.js';
import type { ClientWiring } from './create-client.js';

const ClientContext = createContext<ClientWiring | null>(null);

export const ClientProvider = ClientContext.Provider;

export function useClientWiring(): ClientWiring {
  const wiring = useContext(ClientContext);
  if (!wiring) throw new Error('ClientProvider is missing');
  return wiring;
}

export function useClient(): ClientApi {
  return useClientWiring().client;
}

/** The client core's state; React re-renders whenever the core replaces it. */
export function useClientState(): ClientState {
  const client = useClient();
  const subscribe = useCallback((onChange: () => void) => client.subscribe(() => onChange()), [client]);
  const getState = useCallback(() => client.getState(), [client]);
  return useSyncExternalStore(subscribe, getState);
}
