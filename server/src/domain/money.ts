/**
 * Money is an integer number of fen everywhere inside Cinegate. Vendors speak yuan strings
 * ("35.50"), cents (VISTA; 1 cent = 1 fen) or fen; convert at the edge with these functions,
 * which never go through a float.
 */
export type Fen = number;

const YUAN = /^(-)?(\d{1,9})(?:\.(\d{1,2}))?$/;

/** "35.5" → 3550, "35.50" → 3550, "0.05" → 5. Throws on anything that is not a plain yuan amount. */
export function yuanToFen(yuan: string | number): Fen {
  const text = typeof yuan === "number" ? yuan.toFixed(2) : yuan.trim();
  const m = YUAN.exec(text);
  if (!m) throw new RangeError(`not a yuan amount: ${JSON.stringify(yuan)}`);
  const fen = Number(m[2]) * 100 + Number((m[3] ?? "").padEnd(2, "0"));
  return m[1] ? -fen : fen;
}

/** 3550 → "35.50" (the two-decimal string ykse expects). */
export function fenToYuan(fen: Fen): string {
  assertFen(fen);
  const sign = fen < 0 ? "-" : "";
  const abs = Math.abs(fen);
  return `${sign}${Math.floor(abs / 100)}.${String(abs % 100).padStart(2, "0")}`;
}

export function assertFen(value: number): asserts value is Fen {
  if (!Number.isSafeInteger(value)) throw new RangeError(`fen must be an integer, got ${value}`);
}
