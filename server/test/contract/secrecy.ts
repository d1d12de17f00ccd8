import type { Static, TObject } from "@sinclair/typebox";

/** The names of the credential fields the vendor's schema marks secret (`format: password`). */
const secretFields = (schema: TObject): string[] =>
  Object.entries(schema.properties)
    .filter(([, f]) => (f as { format?: string }).format === "password")
    .map(([name]) => name);

/** The secret values of an account, as the schema marks them. */
export function secretsOf<C extends TObject>(schema: C, credentials: Static<C>): string[] {
  const values = credentials as Record<string, string | undefined>;
  return secretFields(schema)
    .map((f) => values[f])
    .filter((v): v is string => typeof v === "string" && v.length > 0);
}

/** The same account with every secret wrong but of the same length (keys of a fixed size stay valid keys). */
export function spoilSecrets<C extends TObject>(schema: C, credentials: Static<C>): Static<C> {
  const out: Record<string, unknown> = { ...(credentials as Record<string, unknown>) };
  for (const f of secretFields(schema)) {
    const v = out[f];
    if (typeof v !== "string" || v.length === 0) continue;
    const reversed = [...v].reverse().join("");
    out[f] = reversed !== v ? reversed : v.replace(/^./, (c) => (c === "x" ? "y" : "x"));
  }
  return out as Static<C>;
}

/**
 * The connector as it was, except that every error it returns is also written to `errors` (as
 * JSON): the messages that reach logs, the console and the channels.
 */
export function watchResults<T extends object>(connector: T, errors: string[]): T {
  return new Proxy(connector, {
    get(target, prop, receiver) {
      const value = Reflect.get(target, prop, receiver);
      if (typeof value !== "function") return value;
      return (...args: unknown[]) => {
        const out = (value as (...a: unknown[]) => unknown).apply(target, args);
        if (out instanceof Promise) {
          return out.then((res: unknown) => {
            const r = res as { ok?: boolean; error?: unknown } | undefined;
            if (r && r.ok === false) errors.push(JSON.stringify(r.error));
            return res;
          });
        }
        return out;
      };
    },
  });
}
