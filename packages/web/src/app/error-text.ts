import { useCallback } from 'react';
import { isApiError, networkErrorCode } from '../api/api-error.js';
import { commonMessages } from '../i18n/common-messages.js';
import { useLocale } from '../i18n/locale-context.js';

type CommonKey = keyof (typeof commonMessages)['en'];

// Codes whose server message is fixed text, so a translation says the same thing.
const translatedCodes: Record<string, CommonKey> = {
  [networkErrorCode]: 'errorNetwork',
  user_disabled: 'errorUserDisabled',
  last_admin: 'errorLastAdmin',
  rate_limited: 'errorRateLimited',
  signup_disabled: 'errorSignupDisabled',
};

/**
 * The text to show for a failed call: the API's own `error.message` (it names the exact problem),
 * or the translation of a fixed-text code when the console is not in English.
 */
export function useErrorText(): (error: unknown) => string {
  const { locale } = useLocale();
  return useCallback(
    (error: unknown) => {
      if (!isApiError(error)) return commonMessages[locale].errorTitle;
      const key = translatedCodes[error.code];
      if (key && (locale !== 'en' || error.code === networkErrorCode)) return commonMessages[locale][key];
      return error.message;
    },
    [locale],
  );
}
