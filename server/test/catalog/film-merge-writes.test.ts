import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { upsertFilm } from "../../src/catalog/sync/films.js";
import type { Db } from "../../src/db/database.js";
import { createTestDatabase } from "../support/db.js";

let db: Db;
let drop: () => Promise<void>;
beforeAll(async () => {
  ({ db, drop } = await createTestDatabase());
  await db
    .insertInto("vendor_accounts")
    .values({ id: "acc_v", vendor: "vista", name: "v", base_url: "http://127.0.0.1:1", credentials_enc: "x" })
    .execute();
});
afterAll(() => drop());

const film = (versions: string[]) => ({
  vendorFilmId: "HO0001",
  nationalCode: "00120230001",
  title: "流浪地球",
  versions,
});

describe("film rows under per-cinema versions", () => {
  it("keeps the union of versions, so syncing cinema after cinema stops rewriting the film", async () => {
    // Cinema A shows it in 2D, cinema B in IMAX and 2D: one account, one film.
    expect(await upsertFilm(db, "acc_v", film(["2D"]))).toBe("inserted");
    expect(await upsertFilm(db, "acc_v", film(["IMAX", "2D"]))).toBe("updated");
    for (let round = 0; round < 2; round++) {
      expect(await upsertFilm(db, "acc_v", film(["2D"]))).toBe("seen");
      expect(await upsertFilm(db, "acc_v", film(["2D", "IMAX"]))).toBe("seen");
    }
    const row = await db.selectFrom("films").select("versions").executeTakeFirstOrThrow();
    expect(row.versions).toEqual(["2D", "IMAX"]);
  });

  it("still updates a changed title", async () => {
    expect(await upsertFilm(db, "acc_v", { ...film(["2D"]), title: "流浪地球2" })).toBe("updated");
  });
});
