import { DEFAULT_CADENCE, type SyncCadence } from "./run.js";

const ITEM = /^(cinema|films|showtimes|layouts|retry)=(\d+)(m|h)$/;

/** The CINEGATE_SYNC_CADENCE syntax, for the config schema: e.g. "showtimes=15m,layouts=1h". */
export const CADENCE_PATTERN =
  "^(cinema|films|showtimes|layouts|retry)=\\d+[mh](,(cinema|films|showtimes|layouts|retry)=\\d+[mh])*$";

/**
 * How often each entity is re-synced: the defaults follow the vendor documents' advice (cinemas every
 * 4 h, films hourly, showtimes every 20 min, seat layouts every 2 h, a failure retried after 5 min);
 * a deployment overrides any of them. Values below one minute are raised to one (the tick's period).
 */
export function parseCadence(text: string | undefined): SyncCadence {
  const cadence = { ...DEFAULT_CADENCE };
  for (const item of (text ?? "").split(",").filter(Boolean)) {
    const m = ITEM.exec(item.trim());
    if (!m) throw new Error(`bad sync cadence item "${item}" (expects e.g. showtimes=15m)`);
    const ms = Number(m[2]) * (m[3] === "h" ? 3600_000 : 60_000);
    cadence[m[1] as keyof SyncCadence] = Math.max(60_000, ms);
  }
  return cadence;
}
