import { useCallback, useEffect, useRef, useState } from 'react';
import type { CursorPage } from './gateway-api.js';

export interface CursorPages<Item> {
  items: Item[] | undefined;
  error: unknown;
  isLoading: boolean;
  hasMore: boolean;
  loadMore(): void;
  reload(): void;
}

/**
 * Newest-first pages joined with "Load more". A new `key` (other filters) starts over from the
 * first page; answers for a superseded key are dropped.
 */
export function useCursorPages<Item>(
  load: (cursor: string | undefined) => Promise<CursorPage<Item>>,
  key: string,
): CursorPages<Item> {
  const [items, setItems] = useState<Item[] | undefined>(undefined);
  const [nextCursor, setNextCursor] = useState<string | null>(null);
  const [error, setError] = useState<unknown>(undefined);
  const [isLoading, setIsLoading] = useState(true);
  const [generation, setGeneration] = useState(0);
  const loadRef = useRef(load);
  loadRef.current = load;
  const currentKey = useRef(key);

  const fetchPage = useCallback((cursor: string | undefined, requestKey: string) => {
    setIsLoading(true);
    loadRef.current(cursor).then(
      (page) => {
        if (currentKey.current !== requestKey) return;
        setItems((previous) => (cursor ? [...(previous ?? []), ...page.items] : page.items));
        setNextCursor(page.next_cursor);
        setError(undefined);
        setIsLoading(false);
      },
      (caught: unknown) => {
        if (currentKey.current !== requestKey) return;
        setError(caught);
        setIsLoading(false);
      },
    );
  }, []);

  useEffect(() => {
    const requestKey = `${key}#${generation}`;
    currentKey.current = requestKey;
    fetchPage(undefined, requestKey);
  }, [key, generation, fetchPage]);

  return {
    items,
    error,
    isLoading,
    hasMore: nextCursor !== null,
    loadMore: () => {
      if (nextCursor) fetchPage(nextCursor, currentKey.current);
    },
    reload: () => setGeneration((value) => value + 1),
  };
}
