/**
 * Text PostgreSQL cannot store as sent: `text` and `jsonb` refuse NUL, and a lone UTF-16 surrogate
 * (which JSON.parse accepts from "\ud800") has no UTF-8 form, so the driver would silently store
 * U+FFFD instead. Such a value must be refused where it enters, never sent in a statement.
 */
const LONE_SURROGATE = /[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/;

function reasonOf(s: string): UnstorableText["reason"] | undefined {
  return s.includes("\u0000") ? "NUL byte" : LONE_SURROGATE.test(s) ? "lone surrogate" : undefined;
}

export interface UnstorableText {
  /** JSON pointer of the offending string or property name within the value ("" for the value itself). */
  path: string;
  reason: "NUL byte" | "lone surrogate";
}

/**
 * The first string or property name in `value` that PostgreSQL cannot store, or undefined.
 * Iterative, so a deeply nested body cannot overflow the stack.
 */
export function findUnstorableText(value: unknown): UnstorableText | undefined {
  const stack: Array<[unknown, string]> = [[value, ""]];
  while (stack.length > 0) {
    const [v, path] = stack.pop()!;
    if (typeof v === "string") {
      const reason = reasonOf(v);
      if (reason) return { path, reason };
    } else if (Array.isArray(v)) {
      for (let i = v.length - 1; i >= 0; i--) stack.push([v[i], `${path}/${i}`]);
    } else if (v !== null && typeof v === "object" && !(v instanceof Date) && !Buffer.isBuffer(v)) {
      for (const [k, child] of Object.entries(v).reverse()) {
        const childPath = `${path}/${k.replaceAll("~", "~0").replaceAll("/", "~1")}`;
        const reason = reasonOf(k);
        if (reason) return { path: childPath, reason };
        stack.push([child, childPath]);
      }
    }
  }
  return undefined;
}

/** A value was refused before it reached a statement; `path` names the field within the value. */
export class UnstorableTextError extends Error {
  constructor(
    readonly path: string,
    readonly reason: UnstorableText["reason"],
  ) {
    super(`${path || "value"} contains a ${reason}, which cannot be stored`);
    this.name = "UnstorableTextError";
  }
}
