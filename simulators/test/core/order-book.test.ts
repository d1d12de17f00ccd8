import { describe, expect, it } from "vitest";
import { FaultController } from "../../src/core/faults.js";
import { type EndState, SimOrderBook } from "../../src/core/order-book.js";

interface Rec {
  id: string;
  show: { id: string };
  seats: string[];
  status: string;
}

function world() {
  let t = 1_000_000;
  const faults = new FaultController(1);
  const ended: Array<[string, EndState]> = [];
  const book = new SimOrderBook<Rec>(() => t, faults, {
    key: (o) => o.id,

    seatIds: (o) => o.seats,
    view: (o) => ({ lockId: o.id, orderId: `ord-${o.id}`, seatIds: o.seats }),
    issued: (o) => {
      o.status = "issued";
    },
    ended: (o, state) => {
      o.status = state;
      ended.push([o.id, state]);
    },
  });
  const lock = (id: string, seats: string[], ttl = 600_000) =>
    book.add({ id, show: { id: "s1" }, seats, status: "locked" }, t + ttl);
  return { book, faults, ended, lock, advance: (ms: number) => (t += ms) };
}

describe("the simulators' shared order book", () => {
  it("holds seats exclusively until the lock lapses, then frees them as expired", () => {
    const w = world();
    const a = w.lock("a", ["1", "2"]);
    expect(w.book.firstTaken("s1", ["3", "2"])).toBe("2");
    expect(w.book.holder("s1", "1")).toBe(a);
    w.advance(600_000);
    expect(w.book.firstTaken("s1", ["1", "2"])).toBeUndefined();
    expect(w.book.state(a)).toBe("expired");
    expect(w.ended).toEqual([["a", "expired"]]);
  });

  it("issues a sale at once, and a refund frees the seats", () => {
    const w = world();
    const a = w.lock("a", ["1"]);
    expect(w.book.sell(a)).toBe("issued");
    expect(a.status).toBe("issued");
    w.advance(3_600_000);
    expect(w.book.state(a)).toBe("issued");
    expect(w.book.firstTaken("s1", ["1"])).toBe("1");
    w.book.refund(a);
    expect(w.book.firstTaken("s1", ["1"])).toBeUndefined();
    expect(w.book.views()).toEqual([
      { lockId: "a", orderId: "ord-a", showtimeId: "s1", seatIds: ["1"], state: "refunded" },
    ]);
  });

  it("a slow issue stays pending until the cinema answers, then issues or fails as injected", () => {
    const w = world();
    w.faults.update({ slowIssueMinutes: 5, slowIssueOutcome: "fail" });
    const a = w.lock("a", ["1"], 60_000);
    expect(w.book.sell(a)).toBe("pending");
    w.advance(120_000); // past the lock's lifetime: a sold order does not expire
    expect(w.book.state(a)).toBe("pending");
    w.advance(180_000);
    w.book.sweep();
    expect(w.book.state(a)).toBe("failed");
    expect(w.book.firstTaken("s1", ["1"])).toBeUndefined();
    w.faults.update({ slowIssueOutcome: "success" });
    const b = w.lock("b", ["1"]);
    w.book.sell(b);
    w.advance(300_000);
    expect(w.book.find("b")?.status).toBe("issued");
  });

  it("a released lock frees its seats and shows no order id", () => {
    const w = world();
    const a = w.lock("a", ["1"]);
    w.book.release(a);
    expect(w.book.firstTaken("s1", ["1"])).toBeUndefined();
    expect(w.book.views()).toEqual([{ lockId: "a", showtimeId: "s1", seatIds: ["1"], state: "released" }]);
  });
});
