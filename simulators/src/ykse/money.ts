/** ykse speaks yuan strings with two decimals; the data set and the state use integer fen. */
export function yuan(fen: number): string {
  const sign = fen < 0 ? "-" : "";
  const a = Math.abs(Math.round(fen));
  return `${sign}${Math.floor(a / 100)}.${String(a % 100).padStart(2, "0")}`;
}

/**
 * Parses a yuan amount ("100", "100.5", "100.00", or a JSON number) into fen. Returns undefined for
 * anything else, including more than two decimals.
 */
export function parseYuan(v: unknown): number | undefined {
  if (typeof v === "number" && Number.isFinite(v)) v = String(v);
  if (typeof v !== "string") return undefined;
  const m = /^(-)?(\d+)(?:\.(\d{1,2}))?$/.exec(v.trim());
  if (!m) return undefined;
  const fen = Number(m[2]) * 100 + Number((m[3] ?? "").padEnd(2, "0"));
  return m[1] ? -fen : fen;
}
