import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { LoginLimiter, MAX_FAILURES, WINDOW_MS } from "../../src/console/login-limiter.js";
import { createTestDatabase } from "../support/db.js";

/**
 * The login throttle's counts live in PostgreSQL: two limiters on one database stand for two API
 * nodes, and failures recorded through one lock the pair on the other. Time is a stepped clock.
 */
let t: Awaited<ReturnType<typeof createTestDatabase>>;
const clock = { now: Date.UTC(2026, 11, 3, 10, 0, 0) };
const now = () => clock.now;
let nodeA: LoginLimiter;
let nodeB: LoginLimiter;

beforeAll(async () => {
  t = await createTestDatabase();
  nodeA = new LoginLimiter(t.db, now);
  nodeB = new LoginLimiter(t.db, now);
});
afterAll(async () => {
  await t?.drop();
});

const countRows = async () =>
  Number(
    (await t.db
      .selectFrom("console_login_failures")
      .select((e) => e.fn.countAll().as("n"))
      .executeTakeFirst())!.n,
  );

describe("LoginLimiter (PostgreSQL)", () => {
  it("failures spread over two nodes lock the pair on both, until the oldest counted failure leaves the window", async () => {
    const start = clock.now;
    for (let i = 0; i < MAX_FAILURES; i++) {
      expect(await (i % 2 === 0 ? nodeA : nodeB).retryAfterMs("Rita", "10.0.0.7")).toBe(0);
      await (i % 2 === 0 ? nodeA : nodeB).recordFailure("Rita", "10.0.0.7");
      clock.now += 60_000;
    }
    // Five failures at start, +1 min, … +4 min; now is start + 5 min: locked until start + 15 min.
    expect(await nodeA.retryAfterMs("rita ", "10.0.0.7")).toBe(start + WINDOW_MS - clock.now);
    expect(await nodeB.retryAfterMs("RITA", "10.0.0.7")).toBe(10 * 60_000);
    // Another address, or another user from the same address, is not locked.
    expect(await nodeB.retryAfterMs("rita", "10.0.0.8")).toBe(0);
    expect(await nodeB.retryAfterMs("sam", "10.0.0.7")).toBe(0);
    // When the first failure leaves the window only four remain in it: allowed again.
    clock.now = start + WINDOW_MS;
    expect(await nodeA.retryAfterMs("rita", "10.0.0.7")).toBe(0);
  });

  it("a success on one node clears the pair for every node", async () => {
    for (let i = 0; i < MAX_FAILURES; i++) await nodeA.recordFailure("olga", "10.0.0.9");
    expect(await nodeB.retryAfterMs("olga", "10.0.0.9")).toBe(WINDOW_MS);
    await nodeB.recordSuccess("olga", "10.0.0.9");
    expect(await nodeA.retryAfterMs("olga", "10.0.0.9")).toBe(0);
  });

  it("counts usernames PostgreSQL could not store as text (NUL, a lone surrogate): only their hash is written", async () => {
    for (const name of ["root\u0000", "\ud800x"]) {
      for (let i = 0; i < MAX_FAILURES; i++) await nodeA.recordFailure(name, "10.0.0.10");
      expect(await nodeB.retryAfterMs(name, "10.0.0.10")).toBe(WINDOW_MS);
    }
  });

  it("stores neither the username nor the address in clear, and forgets failures older than the window", async () => {
    await nodeA.recordFailure("secret-looking-name", "192.0.2.44");
    const rows = await t.db.selectFrom("console_login_failures").selectAll().execute();
    expect(rows.length).toBeGreaterThan(0);
    const dump = JSON.stringify(rows);
    expect(dump).not.toContain("secret-looking-name");
    expect(dump).not.toContain("192.0.2.44");
    for (const r of rows) expect(r.key_hash).toMatch(/^[0-9a-f]{64}$/);

    clock.now += WINDOW_MS + 1;
    await nodeB.recordFailure("someone-else", "192.0.2.45");
    expect(await countRows()).toBe(1); // only the failure just recorded is within the window
  });
});
