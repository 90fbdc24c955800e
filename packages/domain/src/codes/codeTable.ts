/**
 * Shared shape of the platform's code tables (代码表): a stable code and its Chinese name, plus
 * lookups by code and by name. Codes are what records store; names are what people type in
 * import files and see on screen.
 */

export interface CodeItem {
  readonly code: string;
  readonly name: string;
}

/** Code → item. Throws on a duplicate code (a broken table must not load). */
export function indexByCode<T extends CodeItem>(items: readonly T[]): ReadonlyMap<string, T> {
  const map = new Map<string, T>();
  for (const item of items) {
    if (map.has(item.code)) throw new Error(`代码表重复代码：${item.code}`);
    map.set(item.code, item);
  }
  return map;
}

/**
 * Name (and aliases) → item. The first item to claim a name keeps it, so aliases never
 * shadow an official name.
 */
export function indexByName<T extends CodeItem>(
  items: readonly T[],
  aliases: (item: T) => readonly string[] = () => [],
): ReadonlyMap<string, T> {
  const map = new Map<string, T>();
  for (const item of items) if (!map.has(item.name)) map.set(item.name, item);
  for (const item of items) for (const alias of aliases(item)) if (!map.has(alias)) map.set(alias, item);
  return map;
}
