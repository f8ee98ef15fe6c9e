import { describe, expect, it } from 'vitest';
import {
  defineMessages,
  formatMessage,
  locales,
  type MessageBundle,
  placeholdersOf,
} from './message-bundle.js';

// Every `*-messages.ts` in the console, pillar folders included, is checked without being listed here.
const messageModules = import.meta.glob<Record<string, unknown>>('../**/*-messages.ts', { eager: true });

function isBundle(value: unknown): value is MessageBundle {
  return typeof value === 'object' && value !== null && locales.every((locale) => locale in value);
}

const bundles = Object.entries(messageModules).flatMap(([file, exports]) =>
  Object.entries(exports)
    .filter((entry): entry is [string, MessageBundle] => isBundle(entry[1]))
    .map(([name, bundle]) => ({ name: `${file}#${name}`, bundle })),
);

describe('message catalogue', () => {
  it('finds the console message bundles', () => {
    const names = bundles.map((entry) => entry.name.split('#')[1]);
    expect(names).toEqual(
      expect.arrayContaining(['commonMessages', 'authMessages', 'accountMessages', 'adminMessages']),
    );
  });

  it.each(bundles)(
    '$name has the same keys, non-empty texts and placeholders in every language',
    ({ bundle }) => {
      const englishKeys = Object.keys(bundle.en).sort();
      for (const locale of locales) {
        expect(Object.keys(bundle[locale]).sort()).toEqual(englishKeys);
        for (const key of englishKeys) {
          expect(bundle[locale][key].trim(), `${locale}.${key}`).not.toBe('');
          expect(placeholdersOf(bundle[locale][key]), `${locale}.${key}`).toEqual(
            placeholdersOf(bundle.en[key]),
          );
        }
      }
    },
  );

  it('translates the Chinese catalogue rather than copying English', () => {
    const copied = bundles.flatMap(({ name, bundle }) =>
      Object.keys(bundle.en)
        .filter(
          (key) =>
            bundle.en[key] === bundle['zh-CN'][key] && /[a-z]{3}/.test(bundle.en[key]) && key !== 'appName',
        )
        .map((key) => `${name}.${key}`),
    );
    expect(copied).toEqual([]);
  });
});

describe('formatMessage', () => {
  it('fills placeholders and leaves unknown ones visible', () => {
    const bundle = defineMessages(
      { greeting: 'Hello {name}, {missing}' },
      { greeting: '你好 {name}，{missing}' },
    );
    expect(formatMessage(bundle['zh-CN'].greeting, { name: 'Ada' })).toBe('你好 Ada，{missing}');
    expect(formatMessage('{count} of {total}', { count: 0, total: 3 })).toBe('0 of 3');
  });
});
