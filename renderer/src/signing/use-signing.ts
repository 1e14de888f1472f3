import type { ClientApi, ClientState } from '../../../shared/client/api.js';
import type { SigningApi, SigningState } from '../../../shared/client/signing-api.js';
import { useClient, useClientState } from '../client/ClientContext.js';

/**
 * The signing half of the client core (`shared/client/signing-api.ts`). Until the core's
 * `ClientApi` and `ClientState` carry it, this is the one place that says they do.
 */
export function useSigningApi(): ClientApi & SigningApi {
  return useClient() as ClientApi & SigningApi;
}

const NO_APPROVALS: SigningState['approvals'] = {};

/** What the UI reads of signing; fields the core has not filled yet read as empty. */
export function useSigningState(): SigningState {
  const state = useClientState() as ClientState & Partial<SigningState>;
  return {
    identity: state.identity ?? null,
    approvals: state.approvals ?? NO_APPROVALS,
    revokedNotice: state.revokedNotice ?? null,
  };
}
