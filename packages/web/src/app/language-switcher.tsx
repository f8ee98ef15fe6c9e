import { SegmentedControl } from '@mantine/core';
import { commonMessages } from '../i18n/common-messages.js';
import { useLocale, useMessages } from '../i18n/locale-context.js';
import { isLocale, localeNames, locales } from '../i18n/message-bundle.js';

/** Language names are written in their own language, so anyone can find theirs. */
export function LanguageSwitcher() {
  const { locale, setLocale } = useLocale();
  const t = useMessages(commonMessages);
  return (
    <SegmentedControl
      size="xs"
      aria-label={t('language')}
      value={locale}
      onChange={(value) => isLocale(value) && setLocale(value)}
      data={locales.map((value) => ({ value, label: localeNames[value] }))}
    />
  );
}
