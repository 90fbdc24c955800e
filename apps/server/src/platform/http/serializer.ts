import { createSerializerCompiler } from 'fastify-type-provider-zod';
import type { z } from 'zod';

/**
 * Answers are serialised through their route's response contract (a mismatch is a 500 naming the
 * route). With `strict` (the test suites), an answer carrying a field its contract does not declare
 * fails too, instead of the field being dropped silently — so a contract cannot quietly lose data
 * the console or another department's system relies on.
 */
export function contractSerializer(opts: { strict: boolean }): ReturnType<typeof createSerializerCompiler> {
  const plain = createSerializerCompiler({});
  if (!opts.strict) return plain;
  return ((route: Parameters<typeof plain>[0]) => {
    const serialize = plain(route);
    const schema = resolve(route.schema);
    return (data: unknown) => {
      if (schema) {
        const parsed = schema.safeParse(data);
        if (parsed.success) {
          const lost = droppedPath(data, parsed.data, '');
          if (lost !== null) {
            throw new Error(
              `${route.method} ${route.url}: 应答含有契约未声明的字段 ${lost} / ` +
                `the answer has a field its response schema does not declare: ${lost}`,
            );
          }
        }
      }
      return serialize(data);
    };
  }) as typeof plain;
}

function resolve(schema: unknown): z.ZodType | null {
  if (schema && typeof schema === 'object' && 'safeParse' in schema) return schema as z.ZodType;
  if (schema && typeof schema === 'object' && 'properties' in schema)
    return resolve((schema as { properties: unknown }).properties);
  return null;
}

const isPlain = (v: unknown): v is Record<string, unknown> =>
  typeof v === 'object' &&
  v !== null &&
  (Object.getPrototypeOf(v) === Object.prototype || Object.getPrototypeOf(v) === null);

/** The first path present (and defined) in `input` but missing from the contract's output, or null. */
export function droppedPath(input: unknown, output: unknown, at: string): string | null {
  if (Array.isArray(input) && Array.isArray(output)) {
    for (let i = 0; i < input.length; i++) {
      const lost = droppedPath(input[i], output[i], `${at}[${i}]`);
      if (lost !== null) return lost;
    }
    return null;
  }
  if (isPlain(input) && isPlain(output)) {
    for (const [key, value] of Object.entries(input)) {
      if (value === undefined) continue;
      const path = at ? `${at}.${key}` : key;
      if (!(key in output)) return path;
      const lost = droppedPath(value, output[key], path);
      if (lost !== null) return lost;
    }
  }
  return null;
}
