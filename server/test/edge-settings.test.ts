import { connect } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startTestApp, type TestApp } from "./support/app.js";
import { createConsoleUser } from "./support/console.js";

let behindProxy: TestApp;
let direct: TestApp;
let user: { username: string; password: string };

beforeAll(async () => {
  // The short timeouts make a drip visible in well under a second; production defaults are 30 s / 10 s.
  [behindProxy, direct] = await Promise.all([
    startTestApp({ trustProxy: ["127.0.0.1"], timeouts: { requestMs: 1200, headersMs: 600 } }),
    startTestApp(),
  ]);
  user = await createConsoleUser(behindProxy, "proxied", "admin");
  await createConsoleUser(direct, "proxied", "admin");
});
afterAll(async () => {
  await behindProxy?.close();
  await direct?.close();
});

async function loginCookie(t: TestApp, headers: Record<string, string> = {}) {
  const res = await fetch(`${t.baseUrl}/admin/login`, {
    method: "POST",
    headers: { "content-type": "application/json", ...headers },
    body: JSON.stringify(user),
  });
  expect(res.status).toBe(200);
  return res.headers.get("set-cookie") ?? "";
}

describe("the session cookie behind a TLS-terminating proxy", () => {
  it("is Secure when a trusted proxy says the client used https", async () => {
    const cookie = await loginCookie(behindProxy, { "x-forwarded-proto": "https", "x-forwarded-for": "203.0.113.9" });
    expect(cookie).toMatch(/;\s*Secure/i);
    expect(cookie).toMatch(/HttpOnly/i);
    const login = await behindProxy.db
      .selectFrom("audit_log")
      .select("detail")
      .where("action", "=", "console.login")
      .orderBy("id", "desc")
      .executeTakeFirstOrThrow();
    // The client's address, not the proxy's: the login limiter and the audit log key on it.
    expect(login.detail).toMatchObject({ ip: "203.0.113.9" });
  });

  it("is not Secure over plain http", async () => {
    expect(await loginCookie(behindProxy)).not.toMatch(/;\s*Secure/i);
  });

  it("ignores X-Forwarded-Proto from a peer that is not a trusted proxy", async () => {
    expect(await loginCookie(direct, { "x-forwarded-proto": "https" })).not.toMatch(/;\s*Secure/i);
  });
});

/** Sends the headers of a POST /admin/login, then one body byte every `everyMs`; resolves with what came back. */
function drip(baseUrl: string, everyMs: number): Promise<{ answer: string; afterMs: number }> {
  const { hostname, port } = new URL(baseUrl);
  const started = Date.now();
  return new Promise((resolve, reject) => {
    const socket = connect(Number(port), hostname, () => {
      socket.write(
        `POST /admin/login HTTP/1.1\r\nHost: ${hostname}\r\nContent-Type: application/json\r\nContent-Length: 1000\r\n\r\n{`,
      );
    });
    let answer = "";
    const timer = setInterval(() => socket.writable && socket.write(" "), everyMs);
    socket.on("data", (d) => {
      answer += String(d);
    });
    socket.on("error", () => {});
    socket.on("close", () => {
      clearInterval(timer);
      resolve({ answer, afterMs: Date.now() - started });
    });
    setTimeout(() => {
      clearInterval(timer);
      socket.destroy();
      reject(new Error(`still connected after 10 s; got ${JSON.stringify(answer)}`));
    }, 10_000);
  });
}

describe("slow clients", () => {
  it("a body dripped to /admin/login is cut off at the request timeout", async () => {
    const { answer, afterMs } = await drip(behindProxy.baseUrl, 100);
    expect(answer).toMatch(/^HTTP\/1\.1 408/);
    expect(afterMs).toBeGreaterThanOrEqual(1200);
    expect(afterMs).toBeLessThan(4000);
  });

  it("headers that never finish are cut off at the headers timeout", async () => {
    const { hostname, port } = new URL(behindProxy.baseUrl);
    const started = Date.now();
    const closed = await new Promise<string>((resolve) => {
      const socket = connect(Number(port), hostname, () => socket.write("GET /healthz HTTP/1.1\r\nHost: x\r\n"));
      let answer = "";
      socket.on("data", (d) => {
        answer += String(d);
      });
      socket.on("error", () => {});
      socket.on("close", () => resolve(answer));
    });
    expect(closed).toMatch(/^HTTP\/1\.1 408/);
    expect(Date.now() - started).toBeLessThan(3000);
  });
});
