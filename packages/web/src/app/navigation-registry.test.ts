import { describe, expect, it } from 'vitest';
import { locales } from '../i18n/message-bundle.js';
import { navigationSections } from './navigation-registry.js';
import { sectionsVisibleTo } from './navigation-types.js';

const allPaths = navigationSections.flatMap((section) => [
  ...section.pages.map((page) => page.path),
  ...(section.routes ?? []).map((route) => route.path),
]);

describe('navigation registry', () => {
  it('gives every page a unique absolute path', () => {
    expect(allPaths.every((path) => path.startsWith('/'))).toBe(true);
    expect(new Set(allPaths).size).toBe(allPaths.length);
    expect(new Set(navigationSections.map((section) => section.id)).size).toBe(navigationSections.length);
  });

  it('labels every section and page in every language', () => {
    for (const locale of locales) {
      for (const section of navigationSections) {
        expect(section.label(locale), `${section.id} in ${locale}`).toBeTruthy();
        for (const page of section.pages)
          expect(page.label(locale), `${page.path} in ${locale}`).toBeTruthy();
      }
    }
  });

  it('shows the administration section to admins only', () => {
    const idsFor = (role: 'admin' | 'user') =>
      sectionsVisibleTo(navigationSections, role).map((section) => section.id);
    expect(idsFor('admin')).toContain('admin');
    expect(idsFor('user')).not.toContain('admin');
    expect(idsFor('user')).toEqual(expect.arrayContaining(['workspace', 'account']));
  });
});
