import type { Db } from "../db/database.js";
import { newId } from "../security/ids.js";
import { vendorOf } from "../vendors/all.js";
import type { SyncEntity } from "./sync/context.js";
import { SYNC_ENTITIES } from "./sync/context.js";
import type { VendorAccountStore } from "./vendor-accounts.js";

export class OnboardingError extends Error {
  constructor(
    readonly kind: "not_found" | "conflict" | "invalid",
    message: string,
  ) {
    super(message);
  }
}

export interface OnboardInput {
  vendorAccountId: string;
  vendorCinemaId: string;
  nationalCode?: string;
  name?: string;
  channels: string[];
}

export interface SyncRequester {
  request(cinemaId: string, entities?: readonly SyncEntity[]): Promise<boolean>;
}

/**
 * Brings a cinema online: the row (named from what the vendor or the operator supplied; the first
 * sync fills in the rest), the channels that may sell it, and its sync state — all due now, so
 * the first full sync is queued at once.
 */
export async function onboardCinema(
  deps: { db: Db; accounts: VendorAccountStore; sync: SyncRequester },
  input: OnboardInput,
): Promise<{ id: string; vendor: string; vendorCinemaId: string; name: string; channels: string[] }> {
  const account = await deps.accounts.getWithCredentials(input.vendorAccountId);
  if (!account) throw new OnboardingError("not_found", `vendor account ${input.vendorAccountId} not found`);
  if (vendorOf(account.vendor)?.kind === "vouchers") {
    throw new OnboardingError(
      "invalid",
      `${account.vendor} sells exchange vouchers, not seats: it has no cinemas to onboard`,
    );
  }
  // A directory-only vendor (no interface): the cinema is a manual record — codes here, contacts in
  // its settings record — never synced and never sold, so it gets no sync state and no channel.
  const manual = vendorOf(account.vendor)?.kind === "directory";
  if (manual && input.channels.length > 0) {
    throw new OnboardingError(
      "invalid",
      `${account.vendor} is not connected (no public interface document): its cinemas cannot be sold through a channel`,
    );
  }
  const channelRows = input.channels.length
    ? await deps.db.selectFrom("channels").select(["id", "code"]).where("code", "in", input.channels).execute()
    : [];
  const missing = input.channels.filter((c) => !channelRows.some((r) => r.code === c));
  if (missing.length > 0) throw new OnboardingError("invalid", `unknown channel(s): ${missing.join(", ")}`);

  const id = newId("cin");
  const name = input.name ?? input.vendorCinemaId;
  await deps.db.transaction().execute(async (trx) => {
    const inserted = await trx
      .insertInto("cinemas")
      .values({
        id,
        vendor_account_id: account.id,
        vendor: account.vendor,
        vendor_cinema_id: input.vendorCinemaId,
        national_code: input.nationalCode ?? null,
        name,
      })
      .onConflict((oc) => oc.columns(["vendor_account_id", "vendor_cinema_id"]).doNothing())
      .returning("id")
      .executeTakeFirst();
    if (!inserted)
      throw new OnboardingError("conflict", `cinema ${input.vendorCinemaId} is already onboarded for this account`);
    if (channelRows.length > 0) {
      await trx
        .insertInto("channel_cinemas")
        .values(channelRows.map((c) => ({ channel_id: c.id, cinema_id: id })))
        .execute();
    }
    if (manual) return;
    await trx
      .insertInto("sync_state")
      .values(SYNC_ENTITIES.map((entity) => ({ cinema_id: id, entity })))
      .execute();
  });
  if (!manual) await deps.sync.request(id);
  return {
    id,
    vendor: account.vendor,
    vendorCinemaId: input.vendorCinemaId,
    name,
    channels: channelRows.map((c) => c.code),
  };
}

/** Lets a channel sell these cinemas (idempotent). */
export async function linkChannelCinemas(db: Db, channelId: string, cinemaIds: string[]): Promise<void> {
  if (cinemaIds.length === 0) return;
  const found = await db.selectFrom("cinemas").select("id").where("id", "in", cinemaIds).execute();
  const unknown = cinemaIds.filter((id) => !found.some((f) => f.id === id));
  if (unknown.length > 0) throw new OnboardingError("invalid", `unknown cinema(s): ${unknown.join(", ")}`);
  await db
    .insertInto("channel_cinemas")
    .values(cinemaIds.map((cinema_id) => ({ channel_id: channelId, cinema_id })))
    .onConflict((oc) => oc.doNothing())
    .execute();
}
