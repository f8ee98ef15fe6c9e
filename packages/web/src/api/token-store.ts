export interface StoredTokens {
  accessToken: string;
  refreshToken: string;
}

export interface TokenStore {
  read(): StoredTokens | null;
  write(tokens: StoredTokens): void;
  clear(): void;
}

const storageKey = 'switchyard.session';

/** Keeps the token pair in localStorage so a reload or a second tab stays signed in. */
export function createStorageTokenStore(
  storage: Pick<Storage, 'getItem' | 'setItem' | 'removeItem'>,
): TokenStore {
  return {
    read() {
      const raw = storage.getItem(storageKey);
      if (!raw) return null;
      try {
        const parsed = JSON.parse(raw) as Partial<StoredTokens>;
        if (typeof parsed.accessToken === 'string' && typeof parsed.refreshToken === 'string') {
          return { accessToken: parsed.accessToken, refreshToken: parsed.refreshToken };
        }
      } catch {
        // A corrupt entry is treated as no session.
      }
      return null;
    },
    write(tokens) {
      storage.setItem(storageKey, JSON.stringify(tokens));
    },
    clear() {
      storage.removeItem(storageKey);
    },
  };
}
