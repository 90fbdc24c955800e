/**
 * Chinese text search through character n-grams built by the application (岗位关键词检索). Trigram search cannot
 * answer a two-character query (电工, 焊工, 保洁), and a database's text parser differs between PGlite, PostgreSQL
 * and Citus; so the application stores each posting's grams in a GIN-indexed text[] and a query asks for
 * `grams @> queryGrams(q)`, then rechecks the words on the stored search text (bigrams of a long query may be
 * found apart). One-character Han queries are answered by the stored unigrams.
 */

const HAN_RUN = /\p{Script=Han}+/gu;
const WORD_RUN = /[\p{L}\p{N}]+/gu;

/** NFKC, lower case, punctuation → space: the form both the stored text and the query are compared in. */
export function normaliseSearchText(text: string): string {
  return text
    .normalize('NFKC')
    .toLowerCase()
    .replace(/[^\p{L}\p{N}]+/gu, ' ')
    .trim();
}

/** Han runs and the other word runs (latin letters, digits) of a normalised text. */
function runs(norm: string): { han: string[]; words: string[] } {
  const han = norm.match(HAN_RUN) ?? [];
  const words = (norm.replace(HAN_RUN, ' ').match(WORD_RUN) ?? []).filter((w) => w.length > 0);
  return { han, words };
}

/** The grams stored for a document: every Han character, every pair of adjacent Han characters, every word. */
export function textGrams(...texts: (string | null | undefined)[]): string[] {
  const out = new Set<string>();
  for (const t of texts) {
    if (!t) continue;
    const { han, words } = runs(normaliseSearchText(t));
    for (const run of han) {
      const chars = [...run];
      for (let i = 0; i < chars.length; i++) {
        out.add(chars[i]);
        if (i + 1 < chars.length) out.add(chars[i] + chars[i + 1]);
      }
    }
    for (const w of words) out.add(w);
  }
  return [...out].sort();
}

/** The grams a query needs: bigrams of each Han run (the character alone for a one-character run), its words. */
export function queryGrams(q: string): string[] {
  const out = new Set<string>();
  const { han, words } = runs(normaliseSearchText(q));
  for (const run of han) {
    const chars = [...run];
    if (chars.length === 1) out.add(chars[0]);
    for (let i = 0; i + 1 < chars.length; i++) out.add(chars[i] + chars[i + 1]);
  }
  for (const w of words) out.add(w);
  return [...out].sort();
}

/** The query's terms, each of which the stored search text must contain (the recheck after the GIN look-up). */
export function queryTerms(q: string): string[] {
  const norm = normaliseSearchText(q);
  return norm.length === 0 ? [] : [...new Set(norm.split(' '))];
}

/** The stored search text: the normalised texts joined by a space (the recheck runs `strpos` on it). */
export function searchText(...texts: (string | null | undefined)[]): string {
  return texts
    .filter((t): t is string => !!t)
    .map(normaliseSearchText)
    .join(' ');
}
