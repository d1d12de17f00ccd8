import { createHash } from "node:crypto";
import type { FastifyInstance } from "fastify";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { simulators } from "../../src/all.js";
import { createSimClock } from "../../src/core/clock.js";
import type { Cinema, Dataset } from "../../src/core/dataset-types.js";
import { FaultController } from "../../src/core/faults.js";
import { chinaDateString, DAY_MS } from "../../src/dataset/china-time.js";
import { generateDataset } from "../../src/dataset/generate.js";
import { huofenghuangSimulator } from "../../src/huofenghuang/descriptor.js";
import { createHuofenghuangSimulator } from "../../src/huofenghuang/index.js";

const { userId, userPass } = huofenghuangSimulator.demoAccount;
const clock = createSimClock();
const faults = new FaultController(2);
let app: FastifyInstance;
let dataset: Dataset;
let cinema: Cinema;

type Pairs = Array<[string, string]>;
const md5 = (s: string) => createHash("md5").update(s, "utf8").digest("hex");
const signed = (before: Pairs): Pairs => [
  ...before,
  ["checkValue", md5(before.map(([k, v]) => `${k}=${v}`).join("&"))],
];

/** A ticketing GET in CEC's order; the inner document of the answer. */
async function ticket(method: string, params: Pairs, pass = userPass): Promise<{ status: number; inner: string }> {
  const pairs = signed([
    ...params,
    ["userId", userId],
    ["userPass", pass],
    ["cinemaId", cinema.nationalCode],
    ["cinemaLinkId", cinema.internalCode],
    ["randKey", "12345678"],
  ]);
  const res = await app.inject({
    method: "GET",
    url: `/v4csharp/DI_DataSender_For_BOM.asmx/${method}?${new URLSearchParams(pairs)}`,
  });
  return { status: res.statusCode, inner: unwrap(res.body) };
}

const unwrap = (body: string) =>
  (/<string[^>]*>([\s\S]*)<\/string>/.exec(body)?.[1] ?? body)
    .replace(/&lt;/g, "<")
    .replace(/&gt;/g, ">")
    .replace(/&amp;/g, "&");

beforeAll(async () => {
  dataset = generateDataset({ seed: 5, cinemas: 18, days: 3, vendors: simulators.filter((s) => "cinemas" in s) });
  app = await createHuofenghuangSimulator({ dataset, clock, faults });
  cinema = dataset.cinemas.find((c) => c.vendor === "huofenghuang")!;
});
afterAll(() => app.close());

describe("火凤凰 asmx simulator (public-refs §5)", () => {
  it("its cinemas use their own link id, not the national code (doc 000 §三)", () => {
    expect(cinema.internalCode).toMatch(/^17\d\d$/);
    expect(cinema.internalCode).not.toBe(cinema.nationalCode);
  });

  it("accepts CEC's ticket order and answers inside the asmx string wrapper", async () => {
    const { status, inner } = await ticket("qrySeat", [["hallId", "1"]]);
    expect(status).toBe(200);
    expect(inner).toMatch(/^<\?xml version="1.0" encoding="GB2312"\?><data version="1.0" result="0"/);
    expect(inner).toContain("<seatPlan");
  });

  it("accepts CEC's member order: checkValue over params + randKey, userId / userPass after it", async () => {
    const card = dataset.cards.find((k) => k.cinemaId === cinema.id)!;
    const pairs: Pairs = [
      ...signed([
        ["cinemaId", cinema.nationalCode],
        ["cardFacadeCd", card.cardNo],
        ["cardPass", card.password],
        ["randKey", "87654321"],
      ]),
      ["userId", userId],
      ["userPass", userPass],
    ];
    const res = await app.inject({
      method: "POST",
      url: "/v4csharp/DI_DataSender_For_BOM.asmx/qryMemberCardInfo",
      payload: new URLSearchParams(pairs).toString(),
      headers: { "content-type": "application/x-www-form-urlencoded" },
    });
    expect(unwrap(res.body)).toContain('result="0"');
    expect(unwrap(res.body)).toContain(`cardFacadeCd="${card.cardNo}"`);
  });

  it("refuses a wrong password, and a checkValue over other pairs, each with its own text", async () => {
    expect((await ticket("qrySeat", [["hallId", "1"]], "wrong")).inner).toContain("用户名或密码错误");
    const pairs = signed([
      ["userId", userId],
      ["userPass", userPass],
      ["cinemaId", cinema.nationalCode],
      ["cinemaLinkId", cinema.internalCode],
      ["randKey", "12345678"],
    ]);
    const url = `/x.asmx/qrySeat?hallId=1&${new URLSearchParams(pairs)}`; // hallId outside the hash
    expect(unwrap((await app.inject({ method: "GET", url })).body)).toContain("校验串checkValue错误");
  });

  it("a lock lives lockMinuteTime minutes on the simulator clock", async () => {
    const list = await ticket("qrySearchShow", [
      ["searchKey", "C;BD;ED"],
      // From tomorrow: every show listed is still on sale.
      ["searchValue", `${cinema.internalCode};${chinaDateString(clock.now() + DAY_MS)} 12:00:00;2100-01-01 00:00:00`],
    ]);
    const show =
      /<show hallId="(\d+)"[^>]*seqNo="\d+" showSeqNo="(\d+)" date="([\d-]+)" time="(\d+)"[^>]*><film id="(\d+)"/.exec(
        list.inner,
      )!;
    const [, hallId, showSeqNo, showDate, showTime, filmId] = show as unknown as string[];
    const seat = /<section id="(\d+)"[^>]*><seat rowId="([^"]+)"[^>]*columnId="([^"]+)"[^>]*damagedFlg="N"/.exec(
      (await ticket("qrySeat", [["hallId", hallId!]])).inner,
    )!;
    const lock = (orderNo: string): Pairs => [
      ["orderNo", orderNo],
      ["ticketCount", "1"],
      ["hallId", hallId!],
      ["sectionId", seat[1]!],
      ["filmId", filmId!],
      ["showSeqNo", showSeqNo!],
      ["showDate", showDate!],
      ["showTime", showTime!],
      ["seatId", `${seat[2]}:${seat[3]}`],
      ["lockMinuteTime", "5"],
    ];
    expect((await ticket("webLockSeat", lock("simtest1"))).inner).toContain("<result>0</result>");
    expect((await ticket("webLockSeat", lock("simtest2"))).inner).toContain("SLPE");
    clock.advance(5 * 60_000 + 1);
    expect((await ticket("webLockSeat", lock("simtest3"))).inner).toContain("<result>0</result>");
  });

  it("an outage is IIS's HTML 503 page", async () => {
    faults.update({ default: { down: true } });
    try {
      const { status, inner } = await ticket("qryCinema", []);
      expect(status).toBe(503);
      expect(inner).toContain("Service Unavailable");
    } finally {
      faults.reset();
    }
  });
});
