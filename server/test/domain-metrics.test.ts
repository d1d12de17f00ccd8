import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type Json, type OrderWorld, orderWorld, sellableShowtime } from "./orders/harness.js";

let w: OrderWorld;
beforeAll(async () => {
  w = await orderWorld("moviefan");
});
afterAll(() => w?.close());

const sample = (text: string, name: string, labels: Record<string, string>) => {
  const line = text
    .split("\n")
    .find((l) => l.startsWith(`${name}{`) && Object.entries(labels).every(([k, v]) => l.includes(`${k}="${v}"`)));
  return line === undefined ? undefined : Number(line.split(" ").at(-1));
};

describe("domain metrics on /metrics", () => {
  it("exposes vendor call latency by outcome, sync freshness per cinema and the seat-status cache", async () => {
    const { showtime } = await sellableShowtime(w);
    // sellableShowtime read the seat map once; two more reads inside the cache window share that answer.
    await Promise.all([1, 2].map(() => w.api.get<Json>(`/v1/showtimes/${showtime.id}/seats`)));
    const text = await (await fetch(w.t.metricsUrl)).text();

    const okCalls = text
      .split("\n")
      .filter((l) => l.startsWith("cinegate_vendor_call_duration_seconds_count{") && l.includes('vendor="moviefan"'));
    expect(okCalls.some((l) => l.includes('outcome="ok"'))).toBe(true);
    expect(okCalls.every((l) => !/mobile|password|secret/i.test(l))).toBe(true);

    const age = sample(text, "cinegate_sync_age_seconds", { cinema: w.cinemaId, entity: "showtimes" });
    expect(age).toBeGreaterThanOrEqual(0);
    expect(age).toBeLessThan(3600);

    const fresh = sample(text, "cinegate_seat_status_answers_total", { result: "fresh" });
    expect(fresh).toBeGreaterThanOrEqual(3);
    const vendorCalls = Number(
      text
        .split("\n")
        .find((l) => l.startsWith("cinegate_seat_status_vendor_calls_total "))
        ?.split(" ")[1],
    );
    expect(vendorCalls).toBeGreaterThanOrEqual(1);
    expect(vendorCalls).toBeLessThan(fresh!);
  });
});
