// Loads data for a page: cancels the request when the inputs change or the page goes away,
// keeps the last data while reloading, and shows a failure's Chinese message once.
import { useCallback, useEffect, useRef, useState } from 'react';
import { isApiError, type ApiError } from '../lib/api.ts';
import { showError } from '../lib/notify.ts';

export interface RequestState<T> {
  data: T | undefined;
  error: ApiError | undefined;
  loading: boolean;
  reload: () => void;
}

export function useRequest<T>(
  load: (signal: AbortSignal) => Promise<T>,
  deps: readonly unknown[],
  options: { enabled?: boolean; quiet?: (err: ApiError) => boolean } = {},
): RequestState<T> {
  const enabled = options.enabled ?? true;
  const [data, setData] = useState<T>();
  const [error, setError] = useState<ApiError>();
  const [loading, setLoading] = useState(enabled);
  const [tick, setTick] = useState(0);
  const loadRef = useRef(load);
  loadRef.current = load;
  const quietRef = useRef(options.quiet);
  quietRef.current = options.quiet;

  useEffect(() => {
    if (!enabled) {
      setLoading(false);
      return;
    }
    const controller = new AbortController();
    setLoading(true);
    loadRef.current(controller.signal).then(
      (value) => {
        if (controller.signal.aborted) return;
        setData(value);
        setError(undefined);
        setLoading(false);
      },
      (err: unknown) => {
        if (controller.signal.aborted) return;
        setLoading(false);
        if (isApiError(err)) {
          setError(err);
          if (quietRef.current?.(err)) return;
        }
        showError(err);
      },
    );
    return () => controller.abort();
    // The caller lists the inputs in deps, as with useEffect.
  }, [enabled, tick, ...deps]);

  const reload = useCallback(() => setTick((t) => t + 1), []);
  return { data, error, loading, reload };
}
