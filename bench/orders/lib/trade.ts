import type { ApiResponse, ChannelClient } from "../../../server/src/client/channel-client.js";
import type { Db } from "../../../server/src/db/database.js";
import { cinemaSimulators, type SeatVendorId } from "../../../simulators/src/all.js";
import { sleep } from "./cluster.js";

// biome-ignore lint/suspicious/noExplicitAny: response bodies are read field by field
export type Json = any;

/** The vendors that sell seats, from the simulators' one list. */
export const SEAT_VENDORS = cinemaSimulators().map((s) => s.id) as SeatVendorId[];
export type SeatVendor = SeatVendorId;

export interface Stage {
  vendor: SeatVendor;
  showtimeId: string;
  saleFen: number;
  /** Public seat ids of ordinary seats outside priced areas (one price, no pair rules). */
  seats: string[];
}

/**
 * Waits until the demo cinemas' first syncs have produced sellable showtimes with seat layouts, then
 * picks `perVendor` showtimes per seat vendor that stay on sale well past the run (`marginMs`).
 */
export async function pickStages(
  db: Db,
  api: ChannelClient,
  opts: { perVendor: number; marginMs: number; timeoutMs: number; log: (line: string) => void },
): Promise<Stage[]> {
  const deadline = Date.now() + opts.timeoutMs;
  for (;;) {
    const stages: Stage[] = [];
    for (const vendor of SEAT_VENDORS) {
      const rows = await db
        .selectFrom("showtimes")
        .innerJoin("cinemas", "cinemas.id", "showtimes.cinema_id")
        .innerJoin("halls", "halls.id", "showtimes.hall_id")
        .select(["showtimes.id", "showtimes.sale_fen", "cinemas.id as cinemaId"])
        .where("cinemas.vendor", "=", vendor)
        .where("showtimes.valid", "=", true)
        .where("showtimes.on_sale", "=", true)
        .where("showtimes.stop_selling_at", ">", new Date(Date.now() + opts.marginMs))
        .where("halls.layout", "is not", null)
        .orderBy("showtimes.starts_at")
        .limit(200)
        .execute();
      // Spread over cinemas: round-robin by cinema.
      const byCinema = new Map<string, typeof rows>();
      for (const r of rows) byCinema.set(r.cinemaId, [...(byCinema.get(r.cinemaId) ?? []), r]);
      const picked: typeof rows = [];
      for (let i = 0; picked.length < opts.perVendor && i < 50; i++)
        for (const list of byCinema.values()) if (list[i] && picked.length < opts.perVendor) picked.push(list[i]!);
      for (const r of picked) {
        const map = await api.get<Json>(`/v1/showtimes/${r.id}/seats`).catch(() => undefined);
        if (map?.status !== 200) continue;
        const seats = (map.body.seats as Json[])
          .filter((s) => s.type === "normal" && s.status === "available" && !s.areaId)
          .map((s) => s.id as string);
        if (seats.length >= 20) stages.push({ vendor, showtimeId: r.id, saleFen: r.sale_fen, seats });
      }
    }
    const counts = SEAT_VENDORS.map((v) => stages.filter((s) => s.vendor === v).length);
    if (counts.every((n) => n >= opts.perVendor)) return stages;
    if (Date.now() > deadline) throw new Error(`catalogue not ready: showtimes per vendor ${counts.join("/")}`);
    opts.log(`等待目录同步 / waiting for the catalogue sync (${counts.join("/")}) …`);
    await sleep(3000);
  }
}

export type Outcome<T> =
  | { kind: "answer"; res: ApiResponse<T>; tries: number }
  | { kind: "gaveUp"; last: string; tries: number };

/**
 * One channel call as a real channel makes it: the same Idempotency-Key on every retry; network
 * errors, timeouts, 5xx and "still being processed" (409 CONFLICT) are retried with backoff until
 * `deadlineMs`; any other answer is final. A key answered only CONFLICT for `conflictMs` belongs to
 * a request that died with its process: the caller decides what to do (a new key, a status read).
 */
export async function callWithRetry<T = Json>(
  api: ChannelClient,
  method: "POST" | "GET",
  pathWithQuery: string,
  body: unknown,
  key: string | undefined,
  deadlineMs: number,
  conflictMs = 20_000,
): Promise<Outcome<T>> {
  const until = Date.now() + deadlineMs;
  let conflictSince: number | undefined;
  let tries = 0;
  let last = "";
  let wait = 200;
  for (;;) {
    tries++;
    try {
      const res = await api.request<T>(method, pathWithQuery, body, key ? { "idempotency-key": key } : {});
      const code = (res.body as Json)?.code;
      if (res.status < 500 && !(res.status === 409 && code === "CONFLICT") && res.status !== 429)
        return { kind: "answer", res, tries };
      last = `${res.status} ${code ?? ""}`;
      if (code === "CONFLICT") {
        conflictSince ??= Date.now();
        if (Date.now() - conflictSince > conflictMs) return { kind: "gaveUp", last: "409 CONFLICT (stuck)", tries };
      } else conflictSince = undefined;
    } catch (err) {
      last = (err as Error).name === "TimeoutError" ? "timeout" : `network: ${(err as Error).message}`;
    }
    if (Date.now() + wait > until) return { kind: "gaveUp", last, tries };
    await sleep(wait + Math.random() * wait);
    wait = Math.min(wait * 2, 3000);
  }
}
