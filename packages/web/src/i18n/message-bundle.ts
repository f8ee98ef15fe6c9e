export const locales = ['en', 'zh-CN'] as const;
export type Locale = (typeof locales)[number];

export const localeNames: Record<Locale, string> = { en: 'English', 'zh-CN': '简体中文' };

export type MessageBundle<Key extends string = string> = Record<Locale, Record<Key, string>>;

/**
 * One area's messages. English defines the keys; every other locale must have exactly those keys,
 * which the compiler checks here (and message-bundle.test.ts checks again, with the placeholders).
 */
export function defineMessages<const English extends Record<string, string>>(
  en: English,
  zh: { [Key in keyof English]: string },
): MessageBundle<Extract<keyof English, string>> {
  return { en, 'zh-CN': zh } as MessageBundle<Extract<keyof English, string>>;
}

export type MessageValues = Record<string, string | number>;

/** Replaces `{name}` placeholders; an unknown placeholder stays visible so it is noticed. */
export function formatMessage(template: string, values?: MessageValues): string {
  if (!values) return template;
  return template.replace(/\{(\w+)\}/g, (whole, name: string) =>
    values[name] === undefined ? whole : String(values[name]),
  );
}

export function placeholdersOf(template: string): string[] {
  return [...template.matchAll(/\{(\w+)\}/g)].map((match) => match[1]).sort();
}

export function isLocale(value: unknown): value is Locale {
  return typeof value === 'string' && (locales as readonly string[]).includes(value);
}

/** A label that is resolved when rendered, so registries can hold labels without a hook. */
export type Translatable = (locale: Locale) => string;

export function messageOf<Key extends string>(bundle: MessageBundle<Key>, key: Key): Translatable {
  return (locale) => bundle[locale][key];
}
