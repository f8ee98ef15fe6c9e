import { type ComponentType, type LazyExoticComponent, lazy } from 'react';
import type { UserRole } from '../api/identity-api.js';
import type { Translatable } from '../i18n/message-bundle.js';
import type { IconProps } from './app-icons.js';

export interface NavigationPage {
  /** Absolute path, e.g. `/fleet/machines`. The page is routed only because it is listed. */
  path: string;
  label: Translatable;
  icon: ComponentType<IconProps>;
  page: LazyExoticComponent<ComponentType>;
  /** One line for the overview card. */
  description?: Translatable;
}

/** Routes a section needs that are not menu entries, e.g. `/fleet/machines/:id`. */
export interface NavigationRoute {
  path: string;
  page: LazyExoticComponent<ComponentType>;
}

export interface NavigationSection {
  id: string;
  label: Translatable;
  /** Only users with this role see the section or can open its routes. */
  requiredRole?: UserRole;
  pages: NavigationPage[];
  routes?: NavigationRoute[];
  /** Pillar sections are listed on the overview; shell sections (account, admin) are not. */
  isService?: boolean;
}

/** A code-split page from a module's named export (React.lazy wants a default export). */
export function lazyPage<Module extends Record<string, unknown>>(
  load: () => Promise<Module>,
  exportName: keyof Module & string,
): LazyExoticComponent<ComponentType> {
  return lazy(async () => ({ default: (await load())[exportName] as ComponentType }));
}

export function sectionsVisibleTo(
  sections: readonly NavigationSection[],
  role: UserRole | undefined,
): NavigationSection[] {
  return sections.filter((section) => !section.requiredRole || section.requiredRole === role);
}
