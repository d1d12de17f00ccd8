import { randomBytes } from "node:crypto";
import type { Db } from "../db/database.js";

/** The card a `cardRef` names, as far as its channel may know. */
export interface CardRefTarget {
  cinemaId: string;
  cardNo: string;
}

/**
 * The channel's handle on a card it has verified at a cinema: the same card at the same cinema
 * always gets the same handle, so a buyer's saved `cardRef` stays valid across verifications.
 */
export async function issueCardRef(db: Db, channelId: string, target: CardRefTarget): Promise<string> {
  const ref = `mc_${randomBytes(16).toString("base64url")}`;
  const row = await db
    .insertInto("member_card_refs")
    .values({ ref, channel_id: channelId, cinema_id: target.cinemaId, card_no: target.cardNo })
    .onConflict((oc) =>
      // A no-op update so that RETURNING yields the existing row's handle.
      oc.columns(["channel_id", "cinema_id", "card_no"]).doUpdateSet({ card_no: target.cardNo }),
    )
    .returning("ref")
    .executeTakeFirstOrThrow();
  return row.ref;
}

/** The card behind a handle, or undefined when the handle is unknown or belongs to another channel. */
export async function resolveCardRef(db: Db, channelId: string, ref: string): Promise<CardRefTarget | undefined> {
  const row = await db
    .selectFrom("member_card_refs")
    .select(["cinema_id", "card_no"])
    .where("ref", "=", ref)
    .where("channel_id", "=", channelId)
    .executeTakeFirst();
  return row ? { cinemaId: row.cinema_id, cardNo: row.card_no } : undefined;
}

/** Card numbers as responses and logs may show them: the last four digits only. */
export function maskCardNo(cardNo: string): string {
  return cardNo.length <= 4 ? "*".repeat(cardNo.length) : `${"*".repeat(cardNo.length - 4)}${cardNo.slice(-4)}`;
}
