import { describe, expect, it } from 'vitest';
import { inlineParams, literal } from './inline.js';

describe('inlineParams (a statement with its parameters as literals, for the simple protocol)', () => {
  it('replaces $n by quoted literals of unknown type, as node-postgres sends parameters', () => {
    expect(inlineParams('select * from t where a = $1 and b = $2 limit $3', ['x', null, 10])).toBe(
      "select * from t where a = 'x' and b = NULL limit '10'",
    );
    expect(inlineParams('select $1, $1', ['a'])).toBe("select 'a', 'a'");
    expect(inlineParams('select $10, $1', ['a', 2, 3, 4, 5, 6, 7, 8, 9, 'j'])).toBe("select 'j', 'a'");
  });

  it('escapes quotes and backslashes so a value cannot end its literal', () => {
    expect(literal("x' ; drop table users; --")).toBe("'x'' ; drop table users; --'");
    expect(literal('a\\')).toBe("E'a\\\\'");
    expect(literal(true)).toBe("'true'");
    expect(literal(Buffer.from([0, 255]))).toBe("'\\x00ff'");
    // the array literal {"a","b\"c"}, its backslash doubled inside E'…'
    expect(literal(['a', 'b"c'])).toBe(String.raw`E'{"a","b\\"c"}'`);
  });

  it('leaves $n inside strings, quoted identifiers, dollar quotes and comments alone', () => {
    const text = `select '$1', "a$1", E'\\'$1', $q$ $1 $q$, $$ $1 $$ -- $1
      /* $1 */ from t where c = $1`;
    expect(inlineParams(text, ['v'])).toBe(text.replace(/= \$1$/, "= 'v'"));
  });

  it('refuses a placeholder without a value', () => {
    expect(() => inlineParams('select $2', ['a'])).toThrow(/\$2/);
  });
});
