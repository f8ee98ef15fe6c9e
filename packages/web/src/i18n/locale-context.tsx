import { createContext, type ReactNode, useCallback, useContext, useEffect, useMemo, useState } from 'react';
import {
  formatMessage,
  isLocale,
  type Locale,
  type MessageBundle,
  type MessageValues,
} from './message-bundle.js';

const storageKey = 'switchyard.locale';

interface LocaleState {
  locale: Locale;
  setLocale(locale: Locale): void;
}

const LocaleContext = createContext<LocaleState | null>(null);

function initialLocale(): Locale {
  const stored = window.localStorage.getItem(storageKey);
  if (isLocale(stored)) return stored;
  return navigator.language.toLowerCase().startsWith('zh') ? 'zh-CN' : 'en';
}

export function LocaleProvider({ children }: { children: ReactNode }) {
  const [locale, setLocaleState] = useState<Locale>(initialLocale);
  const setLocale = useCallback((next: Locale) => {
    window.localStorage.setItem(storageKey, next);
    setLocaleState(next);
  }, []);
  useEffect(() => {
    document.documentElement.lang = locale;
  }, [locale]);
  const value = useMemo(() => ({ locale, setLocale }), [locale, setLocale]);
  return <LocaleContext.Provider value={value}>{children}</LocaleContext.Provider>;
}

export function useLocale(): LocaleState {
  const state = useContext(LocaleContext);
  if (!state) throw new Error('useLocale needs a LocaleProvider');
  return state;
}

/** `t(key, values)` over one area's bundle, in the current locale. */
export function useMessages<Key extends string>(bundle: MessageBundle<Key>) {
  const { locale } = useLocale();
  return useCallback(
    (key: Key, values?: MessageValues) => formatMessage(bundle[locale][key], values),
    [bundle, locale],
  );
}
