/**
 * Reading a parsed answer (an XML element tree, or JSON read the same way): the one set of wire
 * readers the connectors share. Values are kept as text on the wire — codes like "0001" and money
 * like "35.00" must not become numbers — and each reader says what "absent" means, so a mapping
 * reads the document's fields rather than guessing at shapes.
 */
export type Wire = { readonly [key: string]: unknown };

/** Why an answer could not be read: the client maps it to vendor_unavailable (or outcome_unknown for a change). */
export class UnreadableAnswer extends Error {}

/** The value as an element (an object that is not a list); undefined otherwise. */
export const asObject = (v: unknown): Wire | undefined =>
  v && typeof v === "object" && !Array.isArray(v) ? (v as Wire) : undefined;

/** Trimmed text of a field; undefined when absent, empty or not a value. */
export function str(w: Wire | undefined, name: string): string | undefined {
  const v = w?.[name];
  if (v === undefined || v === null || typeof v === "object") return undefined;
  const s = String(v).trim();
  return s === "" ? undefined : s;
}

/** A whole number written as digits (an optional minus); undefined for anything else. */
export function int(w: Wire | undefined, name: string): number | undefined {
  const s = str(w, name);
  return s !== undefined && /^-?\d+$/.test(s) ? Number(s) : undefined;
}

/** `a/b/c`, each step repeated or single: always a list of elements (XML cannot tell one from many). */
export function list(w: Wire | undefined, ...path: string[]): Wire[] {
  let cur: unknown = w;
  for (const [i, name] of path.entries()) {
    if (Array.isArray(cur)) cur = cur[0];
    const o = asObject(cur);
    if (!o) return [];
    cur = o[name];
    if (i === path.length - 1) {
      const arr = Array.isArray(cur) ? cur : cur === undefined || cur === "" ? [] : [cur];
      return arr.map(asObject).filter((x): x is Wire => x !== undefined);
    }
  }
  return [];
}

/** One element by name (the first, when it is repeated). */
export function child(w: Wire | undefined, name: string): Wire | undefined {
  const v = w?.[name];
  return asObject(Array.isArray(v) ? v[0] : v);
}
