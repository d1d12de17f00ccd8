import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { gzipSync } from "node:zlib";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { freePort } from "../src/db/embedded.js";
import { RingCallRecorder } from "../src/vendors/call-recorder.js";
import { VendorTransport } from "../src/vendors/transport.js";

let server: Server;
let base: string;
const hits = new Map<string, number>();
const rateArrivals: number[] = [];

beforeAll(async () => {
  server = createServer((req, res) => {
    const path = (req.url ?? "").split("?")[0]!;
    hits.set(path, (hits.get(path) ?? 0) + 1);
    if (path === "/rate") rateArrivals.push(performance.now());
    if (path === "/gzip") {
      res.writeHead(200, { "content-encoding": "gzip", "content-type": "application/json" });
      res.end(gzipSync(JSON.stringify({ 名称: "影院" })));
    } else if (path === "/hang") {
      // Accept and never answer: a lost response.
    } else if (path === "/boom") {
      res.writeHead(502).end("bad gateway");
    } else {
      res.writeHead(200).end(`echo ${req.url}`);
    }
  });
  await new Promise<void>((r) => server.listen(0, "127.0.0.1", r));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(() => {
  server.closeAllConnections();
  server.close();
});

const make = (baseUrl: string, extra: Partial<ConstructorParameters<typeof VendorTransport>[0]> = {}) => {
  const recorder = new RingCallRecorder(50);
  const transport = new VendorTransport({
    vendor: "test",
    accountId: "acc1",
    baseUrl,
    clock: { now: () => Date.now() },
    recorder,
    secrets: ["top-secret-value"],
    timeoutMs: 300,
    ...extra,
  });
  return { transport, recorder };
};

describe("VendorTransport", () => {
  it("decompresses gzip and records the call with secrets and mobiles masked", async () => {
    const { transport, recorder } = make(base);
    const res = await transport.send({
      call: "gz",
      method: "GET",
      path: "/gzip",
      query: { sign: "top-secret-value", mobile: "13912345678" },
    });
    expect(res.ok).toBe(true);
    if (!res.ok) return;
    expect(JSON.parse(res.body)).toEqual({ 名称: "影院" });
    res.finish({ outcome: "ok", vendorCode: "0" });
    const [rec] = recorder.recent();
    expect(rec?.request).toContain("***");
    expect(rec?.request).not.toContain("top-secret-value");
    expect(rec?.request).toContain("139****5678");
    expect(rec?.vendorCode).toBe("0");
    await transport.close();
  });

  it("a sent write with no answer is outcome_unknown and is never resent; a safe read is", async () => {
    const { transport } = make(base);
    hits.delete("/hang");
    const res = await transport.send({ call: "hang", method: "POST", path: "/hang", body: "x" });
    expect(res.ok).toBe(false);
    if (!res.ok) expect(res.error.code).toBe("outcome_unknown");
    expect(hits.get("/hang")).toBe(1);
    const again = await transport.send({ call: "hang", method: "POST", path: "/hang", body: "x", idempotent: true });
    expect(again.ok).toBe(false);
    // Even an idempotent write: retrying it is the recovery policy's job, at the vendor's pace.
    expect(hits.get("/hang")).toBe(2);
    const read = await transport.send({ call: "hang", method: "GET", path: "/hang", idempotent: true });
    expect(read.ok).toBe(false);
    expect(hits.get("/hang")).toBe(2 + 3);
    await transport.close();
  });

  it("a refused connection is vendor_unavailable (never sent) and retried", async () => {
    const port = await freePort();
    const { transport, recorder } = make(`http://127.0.0.1:${port}`);
    const res = await transport.send({ call: "down", method: "GET", path: "/x" });
    expect(res.ok).toBe(false);
    if (!res.ok) expect(res.error).toMatchObject({ code: "vendor_unavailable", vendorCode: "never_sent" });
    expect(recorder.recent().length).toBe(3);
    await transport.close();
  });

  it("opens the circuit after consecutive failures and then fails fast without sending", async () => {
    const { transport } = make(base, { breakerThreshold: 2, breakerHalfOpenAfterMs: 60_000 });
    hits.delete("/boom");
    await transport.send({ call: "boom", method: "GET", path: "/boom" });
    await transport.send({ call: "boom", method: "GET", path: "/boom" });
    const third = await transport.send({ call: "boom", method: "GET", path: "/boom" });
    expect(third.ok).toBe(false);
    if (!third.ok) expect(third.error.vendorCode).toBe("circuit_open");
    expect(hits.get("/boom")).toBe(2);
    await transport.close();
  });

  it("never exceeds the per-account rate in any sliding second at the vendor", async () => {
    const { transport } = make(base, { ratePerSecond: 5 });
    const results = await Promise.all(
      Array.from({ length: 12 }, () => transport.send({ call: "r", method: "GET", path: "/rate" })),
    );
    expect(results.every((r) => r.ok)).toBe(true);
    expect(rateArrivals).toHaveLength(12);
    const busiest = Math.max(...rateArrivals.map((t) => rateArrivals.filter((u) => u >= t && u < t + 1000).length));
    expect(busiest).toBeLessThanOrEqual(5);
    await transport.close();
  }, 10_000);
});
