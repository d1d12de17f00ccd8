import { describe, expect, it } from "vitest";
import { FaultController } from "../../src/core/faults.js";
import { type EndState, SimOrderBook } from "../../src/core/order-book.js";

interface Rec {
  id: string;
  show: { id: string };
  seats: string[];
  status: string;
}

/** A vendor book with the least a vendor writes, its moves opened for the test. */
class TestBook extends SimOrderBook<Rec> {
  readonly endings: Array<[string, EndState]> = [];
  protected readonly key = (o: Rec) => o.id;
  protected readonly seatIds = (o: Rec) => o.seats;
  protected readonly view = (o: Rec) => ({ lockId: o.id, orderId: `ord-${o.id}`, seatIds: o.seats });
  protected issued(o: Rec): void {
    o.status = "issued";
  }
  protected ended(o: Rec, state: EndState): void {
    o.status = state;
    this.endings.push([o.id, state]);
  }
  lock(id: string, seats: string[], ttl = 600_000): Rec {
    return this.file({ id, show: { id: "s1" }, seats, status: "locked" }, this.now() + ttl);
  }
  taken = (seats: string[]) => this.firstTaken("s1", seats);
  get = (id: string) => this.find(id);
  state = (o: Rec) => this.stateOf(o);
  sell = (o: Rec) => this.sellOrder(o);
  release = (o: Rec) => this.releaseOrder(o);
  refund = (o: Rec) => this.refundOrder(o);
}

function world() {
  let t = 1_000_000;
  const faults = new FaultController(1);
  const book = new TestBook(() => t, faults, 1);
  return { book, faults, advance: (ms: number) => (t += ms) };
}

describe("the simulators' shared order book", () => {
  it("holds seats exclusively until the lock lapses, then frees them as expired", () => {
    const w = world();
    const a = w.book.lock("a", ["1", "2"]);
    expect(w.book.taken(["3", "2"])).toBe("2");
    expect(w.book.holder("s1", "1")).toBe(a);
    w.advance(600_000);
    expect(w.book.taken(["1", "2"])).toBeUndefined();
    expect(w.book.state(a)).toBe("expired");
    expect(w.book.endings).toEqual([["a", "expired"]]);
  });

  it("issues a sale at once, and a refund frees the seats", () => {
    const w = world();
    const a = w.book.lock("a", ["1"]);
    expect(w.book.sell(a)).toBe("issued");
    expect(a.status).toBe("issued");
    w.advance(3_600_000);
    expect(w.book.state(a)).toBe("issued");
    expect(w.book.taken(["1"])).toBe("1");
    w.book.refund(a);
    expect(w.book.taken(["1"])).toBeUndefined();
    expect(w.book.views()).toEqual([
      { lockId: "a", orderId: "ord-a", showtimeId: "s1", seatIds: ["1"], state: "refunded" },
    ]);
  });

  it("a slow issue stays pending until the cinema answers, then issues or fails as injected", () => {
    const w = world();
    w.faults.update({ slowIssueMinutes: 5, slowIssueOutcome: "fail" });
    const a = w.book.lock("a", ["1"], 60_000);
    expect(w.book.sell(a)).toBe("pending");
    w.advance(120_000); // past the lock's lifetime: a sold order does not expire
    expect(w.book.state(a)).toBe("pending");
    w.advance(180_000);
    w.book.sweep();
    expect(w.book.state(a)).toBe("failed");
    expect(w.book.taken(["1"])).toBeUndefined();
    w.faults.update({ slowIssueOutcome: "success" });
    const b = w.book.lock("b", ["1"]);
    w.book.sell(b);
    w.advance(300_000);
    expect(w.book.get("b")?.status).toBe("issued");
  });

  it("a released lock frees its seats and shows no order id", () => {
    const w = world();
    const a = w.book.lock("a", ["1"]);
    w.book.release(a);
    expect(w.book.taken(["1"])).toBeUndefined();
    expect(w.book.views()).toEqual([{ lockId: "a", showtimeId: "s1", seatIds: ["1"], state: "released" }]);
  });
});
