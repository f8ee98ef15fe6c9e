import {
  createContext,
  type ReactNode,
  useCallback,
  useContext,
  useEffect,
  useMemo,
  useRef,
  useState,
} from 'react';
import { type ApiClient, createApiClient, type SessionEndReason } from '../api/api-client.js';
import {
  createIdentityApi,
  type IdentityApi,
  type PublicUser,
  type SessionTokens,
} from '../api/identity-api.js';
import { createStorageTokenStore } from '../api/token-store.js';

export type SessionStatus = 'loading' | 'signed-in' | 'signed-out';

interface SessionState {
  status: SessionStatus;
  user: PublicUser | null;
  /** Why the last session ended; shown on the login page. */
  endReason: SessionEndReason | 'logged-out' | null;
  client: ApiClient;
  identity: IdentityApi;
  signIn(credentials: { username: string; password: string }): Promise<PublicUser>;
  signUp(input: { username: string; password: string; email?: string }): Promise<PublicUser>;
  signOut(): Promise<void>;
  updateUser(user: PublicUser): void;
}

const SessionContext = createContext<SessionState | null>(null);

export function SessionProvider({ children }: { children: ReactNode }) {
  const [user, setUser] = useState<PublicUser | null>(null);
  const [status, setStatus] = useState<SessionStatus>('loading');
  const [endReason, setEndReason] = useState<SessionState['endReason']>(null);
  const onEnded = useRef<(reason: SessionEndReason) => void>(() => {});
  onEnded.current = (reason) => {
    setUser(null);
    setStatus('signed-out');
    setEndReason(reason);
  };

  const { client, identity } = useMemo(() => {
    const apiClient = createApiClient({
      fetch: (input, init) => window.fetch(input, init),
      tokens: createStorageTokenStore(window.localStorage),
      onSessionEnded: (reason) => onEnded.current(reason),
    });
    return { client: apiClient, identity: createIdentityApi(apiClient) };
  }, []);

  useEffect(() => {
    if (!client.hasSession()) {
      setStatus('signed-out');
      return;
    }
    identity.me().then(
      (me) => {
        setUser(me);
        setStatus('signed-in');
      },
      () => setStatus((current) => (current === 'loading' ? 'signed-out' : current)),
    );
  }, [client, identity]);

  const begin = useCallback(
    (tokens: SessionTokens) => {
      client.startSession(tokens);
      setUser(tokens.user);
      setEndReason(null);
      setStatus('signed-in');
      return tokens.user;
    },
    [client],
  );

  const value = useMemo<SessionState>(
    () => ({
      status,
      user,
      endReason,
      client,
      identity,
      signIn: async (credentials) => begin(await identity.login(credentials)),
      signUp: async (input) => begin(await identity.signup(input)),
      async signOut() {
        // Revoking server-side is best effort: the local session ends either way.
        await identity.logout(client.refreshToken()).catch(() => undefined);
        client.endSession();
        setUser(null);
        setEndReason('logged-out');
        setStatus('signed-out');
      },
      updateUser: setUser,
    }),
    [status, user, endReason, client, identity, begin],
  );
  return <SessionContext.Provider value={value}>{children}</SessionContext.Provider>;
}

export function useSession(): SessionState {
  const state = useContext(SessionContext);
  if (!state) throw new Error('useSession needs a SessionProvider');
  return state;
}
