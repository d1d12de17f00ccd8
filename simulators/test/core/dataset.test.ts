import { describe, expect, it } from "vitest";
import { cinemaSimulators } from "../../src/all.js";
import type { Dataset } from "../../src/core/dataset-types.js";
import { chinaMinuteOfDay, DAY_MS } from "../../src/dataset/china-time.js";
import { generateDataset } from "../../src/dataset/generate.js";

// 2026-03-10 06:00 China time (a business day's start): fixed so assertions do not depend on when tests run.
const BASE = Date.UTC(2026, 2, 9, 22, 0, 0);
const data: Dataset = generateDataset({ seed: 7, baseTime: BASE });

describe("generateDataset", () => {
  it("is deterministic for a seed and differs between seeds", () => {
    expect(JSON.stringify(generateDataset({ seed: 7, baseTime: BASE }))).toBe(JSON.stringify(data));
    const other = generateDataset({ seed: 8, baseTime: BASE });
    expect(other.cards.map((c) => c.password)).not.toEqual(data.cards.map((c) => c.password));
  });

  it("deals twelve cinemas round-robin over the cinema-owning vendors and gives lingdong none", () => {
    expect(data.cinemas).toHaveLength(12);
    const count = (vendor: string) => data.cinemas.filter((c) => c.vendor === vendor).length;
    // Read from the list, so registering a seat vendor does not change this test.
    const owners = cinemaSimulators().map((s) => s.id);
    expect(owners.slice(0, 3)).toEqual(["ykse", "vista", "moviefan"]);
    expect(owners.map(count)).toEqual(
      owners.map((_, i) => Math.floor(12 / owners.length) + (i < 12 % owners.length ? 1 : 0)),
    );
    expect(count("lingdong")).toBe(0);
  });

  it("uses 8-digit unique national codes and real 6-digit city codes", () => {
    const codes = data.cinemas.map((c) => c.nationalCode);
    for (const code of codes) expect(code).toMatch(/^\d{8}$/);
    expect(new Set(codes).size).toBe(codes.length);
    const cityCodes = new Set(data.cities.map((c) => c.code));
    for (const code of ["110100", "310100", "440100", "440300", "510100", "330100"]) expect(cityCodes).toContain(code);
    for (const c of data.cinemas) {
      expect(cityCodes).toContain(c.cityCode);
      // The national code starts with the province of the city it is in.
      expect(c.nationalCode.slice(0, 2)).toBe(c.cityCode.slice(0, 2));
    }
  });

  it("makes ykse, 辰星, 满天星 and 火烈鸟 (1.5 and 5.0) internal codes equal the national code and the others differ (doc 000 §三)", () => {
    for (const c of data.cinemas) {
      if (["ykse", "chenxing", "mantianxing", "huolieniao", "huolieniao5"].includes(c.vendor))
        expect(c.internalCode).toBe(c.nationalCode);
      else expect(c.internalCode).not.toBe(c.nationalCode);
    }
    expect(data.cinemas.find((c) => c.vendor === "vista")?.internalCode).toBe("0000000000000001");
    expect(data.cinemas.find((c) => c.vendor === "moviefan")?.internalCode).toMatch(/^\d{4}$/);
  });

  it("has a Shanghai cinema flagged shanghai", () => {
    const sh = data.cinemas.filter((c) => c.shanghai);
    expect(sh.length).toBeGreaterThan(0);
    for (const c of sh) expect(c.cityCode).toBe("310100");
  });

  it("pairs love seats both ways on adjacent columns of one row", () => {
    let pairs = 0;
    for (const hall of new Set(data.cinemas.flatMap((c) => c.halls))) {
      const byId = new Map(hall.seats.map((s) => [s.id, s]));
      for (const seat of hall.seats.filter((s) => s.type === "loveLeft")) {
        const right = byId.get(seat.pairSeatId!);
        expect(right?.type).toBe("loveRight");
        expect(right?.pairSeatId).toBe(seat.id);
        expect(right?.y).toBe(seat.y);
        expect(right?.x).toBe(seat.x + 1);
        pairs++;
      }
      expect(hall.seats.filter((s) => s.type === "loveRight")).toHaveLength(
        hall.seats.filter((s) => s.type === "loveLeft").length,
      );
    }
    expect(pairs).toBeGreaterThan(0);
  });

  it("lays halls out with aisles, wheelchair places, a broken seat and printed labels that skip aisles", () => {
    const hall = data.cinemas.flatMap((c) => c.halls).find((h) => h.areas.length > 0)!;
    const ids = new Set(hall.seats.map((s) => s.id));
    expect(ids.size).toBe(hall.seats.length);
    expect(hall.seats.some((s) => s.type === "wheelchair")).toBe(true);
    expect(hall.seats.filter((s) => s.broken)).toHaveLength(1);
    // A column and a row with no seat at all are aisles.
    const xs = new Set(hall.seats.map((s) => s.x));
    const ys = new Set(hall.seats.map((s) => s.y));
    expect(xs.size).toBeLessThan(hall.cols);
    expect(ys.size).toBeLessThan(hall.rows);
    // Printed seat numbers run 1..n without gaps even though x has gaps.
    const frontRow = hall.seats.filter((s) => s.y === 1).sort((a, b) => a.x - b.x);
    expect(frontRow.map((s) => s.colLabel)).toEqual(frontRow.map((_, i) => String(i + 1)));
    expect(frontRow.at(-1)!.x).toBeGreaterThan(frontRow.length);
    // The row behind the cross aisle keeps counting printed rows.
    const afterGap = Math.min(...[...ys].filter((y) => !ys.has(y - 1) && y > 1));
    expect(hall.seats.find((s) => s.y === afterGap)?.rowLabel).toBe(String(afterGap - 1));
  });

  it("puts VIP seats in the hall's own priced area, priced per showtime: from noon, not in the morning", () => {
    const cinema = data.cinemas[0]!;
    const hall = cinema.halls.find((h) => h.areas.length > 0)!;
    const area = hall.areas[0]!;
    const vip = hall.seats.filter((s) => s.areaId === area.id);
    expect(vip.length).toBeGreaterThan(0);
    for (const s of vip) expect(s.type).toBe("vip");
    const shows = data.showtimes.filter((s) => s.cinemaId === cinema.id && s.hallId === hall.id);
    expect(shows.length).toBeGreaterThan(0);
    const morning = shows.filter((s) => chinaMinuteOfDay(s.startsAt) < 12 * 60);
    expect(morning.length).toBeGreaterThan(0);
    expect(morning.length).toBeLessThan(shows.length);
    for (const s of shows) {
      if (morning.includes(s)) {
        expect(s.areaPrices).toEqual([]);
        continue;
      }
      expect(s.areaPrices).toEqual([{ areaId: area.id, settleFen: expect.any(Number) }]);
      expect(s.areaPrices[0]!.settleFen).toBeGreaterThan(s.settleFen);
    }
  });

  it("schedules 7 business days of shows between 10:00 and 23:30 with consistent prices", () => {
    const ids = new Set(data.showtimes.map((s) => s.id));
    expect(ids.size).toBe(data.showtimes.length);
    const films = new Map(data.films.map((f) => [f.id, f]));
    const halls = new Map(data.cinemas.map((c) => [c.id, new Set(c.halls.map((h) => h.id))]));
    const days = new Set<number>();
    for (const s of data.showtimes) {
      const film = films.get(s.filmId)!;
      expect(halls.get(s.cinemaId)?.has(s.hallId)).toBe(true);
      expect(film.versions).toContain(s.version);
      expect(s.endsAt - s.startsAt).toBe(film.durationMinutes * 60_000);
      const minute = chinaMinuteOfDay(s.startsAt);
      expect(minute).toBeGreaterThanOrEqual(600);
      expect(minute).toBeLessThanOrEqual(23 * 60 + 30);
      expect(s.lowestFen).toBeLessThanOrEqual(s.settleFen);
      expect(s.settleFen).toBeLessThanOrEqual(s.listFen);
      expect(s.stopSellingMinutes).toBe(15);
      expect(s.onSale).toBe(true);
      if (data.cinemas.find((c) => c.id === s.cinemaId)!.shanghai) {
        // Shanghai fee cap: ≤ 12 yuan and ≤ 20 % of the ticket price.
        expect(s.feeFen).toBeLessThanOrEqual(Math.min(1200, s.listFen * 0.2));
      }
      days.add(Math.floor((s.startsAt - BASE) / DAY_MS));
    }
    expect([...days].sort((a, b) => a - b)).toEqual([0, 1, 2, 3, 4, 5, 6]);
  });

  it("starts on the business day of baseTime (00:00–05:59 belongs to the day before)", () => {
    const at3am = generateDataset({ seed: 7, baseTime: BASE - 3 * 3600_000, cinemas: 1, days: 1 });
    expect(Math.max(...at3am.showtimes.map((s) => s.startsAt))).toBeLessThan(BASE - 3 * 3600_000);
    const at7am = generateDataset({ seed: 7, baseTime: BASE + 3600_000, cinemas: 1, days: 1 });
    expect(Math.min(...at7am.showtimes.map((s) => s.startsAt))).toBeGreaterThan(BASE);
  });

  it("gives films 12-digit national codes and Chinese titles", () => {
    for (const f of data.films) {
      expect(f.nationalCode).toMatch(/^\d{12}$/);
      expect(f.title).toMatch(/[\u4e00-\u9fff]/);
    }
    expect(new Set(data.films.flatMap((f) => f.versions))).toEqual(new Set(["2D", "3D", "IMAX"]));
  });

  it("gives every cinema member-card grades, cards and concessions", () => {
    for (const c of data.cinemas) {
      const grades = data.cardGrades.filter((g) => g.cinemaId === c.id);
      expect(grades.length).toBeGreaterThan(0);
      for (const g of grades) expect(g.discount).toBeLessThan(1);
      const cards = data.cards.filter((k) => k.cinemaId === c.id);
      expect(cards.length).toBeGreaterThan(0);
      for (const k of cards) {
        expect(k.cardNo).toMatch(/^\d{10}$/);
        expect(k.password).toMatch(/^\d{6}$/);
        expect(k.mobile).toMatch(/^1\d{10}$/);
        expect(grades.map((g) => g.id)).toContain(k.gradeId);
      }
      expect(data.concessions.filter((p) => p.cinemaId === c.id).length).toBeGreaterThan(0);
    }
    expect(new Set(data.cards.map((k) => k.cardNo)).size).toBe(data.cards.length);
  });
});
