import { beforeAll, describe, expect, it } from "vitest";
import { ChannelStore } from "../../src/channels/channels.js";
import { issueCardRef, maskCardNo, resolveCardRef } from "../../src/members/card-refs.js";
import { SecretBox } from "../../src/security/secret-box.js";
import { TEST_MASTER_KEY } from "../support/app.js";
import { databaseWithChannel } from "../support/channel-db.js";

describe("member card handles", () => {
  const held = databaseWithChannel("cards");
  let otherChannel: string;

  beforeAll(async () => {
    const { db } = held;
    await db
      .insertInto("vendor_accounts")
      .values({ id: "acc_t", vendor: "ykse", name: "t", base_url: "http://127.0.0.1:9", credentials_enc: "x" })
      .execute();
    for (const id of ["cin_a", "cin_b"]) {
      await db
        .insertInto("cinemas")
        .values({
          id,
          vendor_account_id: "acc_t",
          vendor: "ykse",
          vendor_cinema_id: id,
          national_code: null,
          name: id,
          city_code: null,
          lat: null,
          lng: null,
          refund_before_minutes: null,
          refund_limit_count: null,
        })
        .execute();
    }
    otherChannel = (await new ChannelStore(db, new SecretBox(TEST_MASTER_KEY)).create({ code: "other", name: "o" })).id;
  });

  it("gives the same card at the same cinema the same handle, and a different one elsewhere", async () => {
    const { db, channelId } = held;
    const a = await issueCardRef(db, channelId, { cinemaId: "cin_a", cardNo: "8800001234" });
    expect(a).toMatch(/^mc_[A-Za-z0-9_-]{22}$/);
    expect(await issueCardRef(db, channelId, { cinemaId: "cin_a", cardNo: "8800001234" })).toBe(a);
    const b = await issueCardRef(db, channelId, { cinemaId: "cin_b", cardNo: "8800001234" });
    expect(b).not.toBe(a);
    expect(await resolveCardRef(db, channelId, a)).toEqual({ cinemaId: "cin_a", cardNo: "8800001234" });
    expect(await resolveCardRef(db, channelId, b)).toEqual({ cinemaId: "cin_b", cardNo: "8800001234" });
  });

  it("never resolves a handle for another channel, or an unknown one", async () => {
    const { db, channelId } = held;
    const a = await issueCardRef(db, channelId, { cinemaId: "cin_a", cardNo: "8800005678" });
    expect(await resolveCardRef(db, otherChannel, a)).toBeUndefined();
    expect(await resolveCardRef(db, channelId, "mc_unknown")).toBeUndefined();
    const theirs = await issueCardRef(db, otherChannel, { cinemaId: "cin_a", cardNo: "8800005678" });
    expect(theirs).not.toBe(a);
  });

  it("masks all but the last four digits", () => {
    expect(maskCardNo("8800001234")).toBe("******1234");
    expect(maskCardNo("123")).toBe("***");
  });
});
