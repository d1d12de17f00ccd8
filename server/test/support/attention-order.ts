import type { Db } from "../../src/db/database.js";

/**
 * Writes an order the workflow gave up on (CONFIRMING, needing attention) straight into the tables,
 * on the cinema's first showtime for the demo channel. The orders area produces these; the tests of
 * the pages that list them write one directly.
 */
export async function insertAttentionOrder(
  db: Db,
  o: { id: string; cinemaId: string; mobile: string; totalFen?: number; settleTotalFen?: number; reason?: string },
): Promise<void> {
  const show = await db
    .selectFrom("showtimes")
    .select("id")
    .where("cinema_id", "=", o.cinemaId)
    .executeTakeFirstOrThrow();
  const channel = await db.selectFrom("channels").select("id").where("code", "=", "demo").executeTakeFirstOrThrow();
  await db
    .insertInto("orders")
    .values({
      id: o.id,
      channel_id: channel.id,
      cinema_id: o.cinemaId,
      showtime_id: show.id,
      status: "CONFIRMING",
      mobile: o.mobile,
      seats: JSON.stringify([]),
      total_fen: o.totalFen ?? 100,
      settle_total_fen: o.settleTotalFen ?? 90,
      needs_attention: true,
      ...(o.reason === undefined ? {} : { attention_reason: o.reason }),
    })
    .execute();
}
