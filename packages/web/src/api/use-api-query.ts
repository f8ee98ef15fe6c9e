import { useCallback, useEffect, useRef, useState } from 'react';

export interface ApiQuery<Data> {
  data: Data | undefined;
  error: unknown;
  isLoading: boolean;
  reload(): void;
}

/**
 * Runs `load` whenever `key` changes and keeps the last data while the next page loads, so tables
 * do not flash empty. Answers to superseded requests are dropped.
 */
export function useApiQuery<Data>(load: () => Promise<Data>, key: string): ApiQuery<Data> {
  const [data, setData] = useState<Data | undefined>(undefined);
  const [error, setError] = useState<unknown>(undefined);
  const [isLoading, setIsLoading] = useState(true);
  const [generation, setGeneration] = useState(0);
  const loadRef = useRef(load);
  loadRef.current = load;

  // biome-ignore lint/correctness/useExhaustiveDependencies: key and generation are the triggers by design.
  useEffect(() => {
    let isCurrent = true;
    setIsLoading(true);
    loadRef.current().then(
      (result) => {
        if (!isCurrent) return;
        setData(result);
        setError(undefined);
        setIsLoading(false);
      },
      (caught: unknown) => {
        if (!isCurrent) return;
        setError(caught);
        setIsLoading(false);
      },
    );
    return () => {
      isCurrent = false;
    };
  }, [key, generation]);

  const reload = useCallback(() => setGeneration((value) => value + 1), []);
  return { data, error, isLoading, reload };
}
