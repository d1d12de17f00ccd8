/**
 * A JSON column's value as read. pg hands json/jsonb back parsed; a value that comes back as text
 * (e.g. JSON bound as a string parameter and selected without a cast) is parsed here, so readers
 * need not know which.
 */
export const readJson = <T>(v: unknown): T => (typeof v === "string" ? JSON.parse(v) : v) as T;
