import type { ReactNode } from 'react';
import { APP_ROUTES, MENU_GROUPS, type MenuGroup } from '../routes';

export interface NavItem {
  path: string;
  label: string;
  icon?: ReactNode;
  /** Permission needed to see the entry; none = every signed-in user. */
  permission?: string;
}

/** A submenu: shown when its own permission is held and at least one child is visible. */
export interface NavGroup {
  key: string;
  label: string;
  icon: ReactNode;
  permission?: string;
  children: NavItem[];
}

export type NavEntry = NavItem | NavGroup;

export const isNavGroup = (entry: NavEntry): entry is NavGroup => 'children' in entry;

/** The side menu, read off the routes table: a group sits where its first entry does. */
export const navItems: NavEntry[] = (() => {
  const entries: NavEntry[] = [];
  const groups = new Map<MenuGroup, NavGroup>();
  for (const route of APP_ROUTES) {
    if (!route.menu) continue;
    const item: NavItem = { path: route.path, label: route.menu.label, icon: route.menu.icon };
    if (route.permissions?.[0]) item.permission = route.permissions[0];
    const groupDef: MenuGroup | undefined = route.menu.group && MENU_GROUPS[route.menu.group];
    if (!groupDef) {
      entries.push(item);
      continue;
    }
    let group = groups.get(groupDef);
    if (!group) {
      group = { ...groupDef, children: [] };
      groups.set(groupDef, group);
      entries.push(group);
    }
    group.children.push(item);
  }
  return entries;
})();

/** Every leaf entry with the group it belongs to. */
function leaves(): { item: NavItem; group: NavGroup | null }[] {
  return navItems.flatMap<{ item: NavItem; group: NavGroup | null }>((entry) =>
    isNavGroup(entry) ? entry.children.map((item) => ({ item, group: entry })) : [{ item: entry, group: null }],
  );
}

/** The nav entry a pathname belongs to ("/users/123" → "/users"). */
export function navItemFor(pathname: string): NavItem | undefined {
  const all = leaves();
  if (pathname === '/' || pathname === '') return all.find((l) => l.item.path === '/')?.item;
  return all.find(({ item }) => item.path !== '/' && (pathname === item.path || pathname.startsWith(`${item.path}/`)))
    ?.item;
}

/** Key of the submenu holding the entry for a pathname (to open it), if any. */
export function navGroupFor(pathname: string): string | undefined {
  const item = navItemFor(pathname);
  return item ? leaves().find((l) => l.item === item)?.group?.key : undefined;
}
