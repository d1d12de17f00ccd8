import { type ChildProcess, spawn } from "node:child_process";
import { existsSync, statSync } from "node:fs";
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { ChannelClient } from "../src/client/channel-client.js";

const root = path.resolve(import.meta.dirname, "../..");
let child: ChildProcess | undefined;
let dataDir = "";

afterAll(async () => {
  child?.kill("SIGKILL");
  if (dataDir) await rm(dataDir, { recursive: true, force: true });
});

function waitForLine(proc: ChildProcess, pattern: RegExp, timeoutMs: number): Promise<RegExpMatchArray> {
  return new Promise((resolve, reject) => {
    let seen = "";
    const timer = setTimeout(() => reject(new Error(`timed out waiting for ${pattern}; output:\n${seen}`)), timeoutMs);
    const onData = (chunk: Buffer) => {
      seen += chunk.toString();
      const m = seen.match(pattern);
      if (m) {
        clearTimeout(timer);
        resolve(m);
      }
    };
    proc.stdout?.on("data", onData);
    proc.stderr?.on("data", onData);
    proc.once("exit", (code) => reject(new Error(`exited with ${code}; output:\n${seen}`)));
  });
}

describe("npm start (the README's quick start)", () => {
  it("starts embedded PostgreSQL, gets ready, serves the demo channel, and stops cleanly on SIGINT", async () => {
    dataDir = await mkdtemp(path.join(tmpdir(), "cinegate-start-"));
    // Exactly what `npm start` runs after the web build: one Node process with tsx as a loader, so
    // a signal reaches our shutdown handler directly (the tsx CLI's relay process SIGKILLs a child
    // that is slow to acknowledge, which would leave PostgreSQL unstopped).
    child = spawn(process.execPath, ["--import", "tsx", "server/src/main.ts"], {
      cwd: root,
      env: {
        ...process.env,
        PORT: "0",
        METRICS_PORT: "0",
        DATA_DIR: dataDir,
        LOG_LEVEL: "warn",
        DATABASE_URL: "",
        // The first sync is still running at SIGINT; a shorter grace hands it back sooner.
        CINEGATE_SHUTDOWN_DEADLINE_MS: "10000",
        ...{
          SIM_PORT_YKSE: "0",
          SIM_PORT_VISTA: "0",
          SIM_PORT_MOVIEFAN: "0",
          SIM_PORT_LINGDONG: "0",
          SIM_PORT_WECHATPAY: "0",
          SIM_PORT_ALIPAY: "0",
        },
      },
      stdio: ["ignore", "pipe", "pipe"],
    });
    const secretLine = waitForLine(child, /secret=(\S+)/, 60_000);
    // stdout is a pipe here, as under systemd or docker: the admin's password goes to a 0600 file.
    const adminLine = waitForLine(child, /console admin created: (.*)/, 60_000);
    const metricsLine = waitForLine(child, /metrics: (http:\/\/127\.0\.0\.1:\d+\/metrics)/, 60_000);
    const paymentsLine = waitForLine(
      child,
      /configured WeChat Pay \(simulator (http:\/\/[\d.:]+)\) for (\d+) demo cinemas/,
      60_000,
    );
    const alipayLine = waitForLine(
      child,
      /configured Alipay \(simulator (http:\/\/[\d.:]+)\) for (\d+) demo cinemas/,
      60_000,
    );
    const ykseLine = waitForLine(child, /simulator ykse\s+(http:\/\/[\d.:]+)/, 60_000);
    const siteLine = waitForLine(child, /buyer site \(.+\): (http:\/\/[\d.:]+)\/h5\/([a-z0-9-]+)\//, 60_000);
    const [, apiUrl] = await waitForLine(child, /ready: API (http:\/\/[\d.:]+)\/v1/, 60_000);
    const [, secret] = await secretLine;

    expect((await fetch(`${apiUrl}/readyz`)).status).toBe(200);
    // The vendor simulators come up with the platform, with the demo data set.
    const [, ykseUrl] = await ykseLine;
    const clock = await fetch(`${ykseUrl}/_control/clock`);
    expect(clock.status).toBe(200);
    const client = new ChannelClient({ baseUrl: apiUrl!, channelCode: "demo", secret: secret! });
    expect((await client.get("/v1/cities")).status).toBe(200);
    // The demo cinemas are onboarded and their first sync runs through the job queue: showtimes appear.
    await expect
      .poll(
        async () => {
          const cinemas = (await client.get<{ items: Array<{ id: string }> }>("/v1/cinemas")).body.items ?? [];
          for (const c of cinemas) {
            const day = await client.get<{ total: number }>(`/v1/cinemas/${c.id}/showtimes`);
            if (day.body.total > 0) return true;
          }
          return false;
        },
        { timeout: 45_000, interval: 1_000 },
      )
      .toBe(true);
    // The demo cinemas pay into the WeChat Pay simulator.
    const [, payUrl, configured] = await paymentsLine;
    expect(Number(configured)).toBeGreaterThan(0);
    expect((await fetch(`${payUrl}/_control/platform`)).status).toBe(200);
    const [, aliUrl, aliConfigured] = await alipayLine;
    expect(Number(aliConfigured)).toBeGreaterThan(0);
    expect((await fetch(`${aliUrl}/_control/alipay`)).status).toBe(200);
    // A demo cinema's buyer site: enabled, signing in through the simulated WeChat (the WeChat Pay simulator).
    const [, siteBase, slug] = await siteLine;
    const site = (await (await fetch(`${siteBase}/h5/api/${slug}/site`)).json()) as Record<string, unknown>;
    expect(site).toMatchObject({ wechatLogin: true, simulatedWechatUrl: payUrl, signedIn: false });
    const signIn = await fetch(`${siteBase}/h5/api/${slug}/oauth/start`, { redirect: "manual" });
    expect(signIn.status).toBe(302);
    const consent = await fetch(signIn.headers.get("location")!);
    expect(await consent.text()).toContain('data-testid="wechat-sim-authorize"');
    expect(existsSync(path.join(dataDir, "master.key"))).toBe(true);
    const [, adminText] = await adminLine;
    const passwordFile = path.join(dataDir, "first-admin-password.txt");
    expect(adminText).toContain(passwordFile);
    expect(adminText).not.toMatch(/password=/);
    expect((statSync(passwordFile).mode & 0o777).toString(8)).toBe("600");
    const [, metricsUrl] = await metricsLine;
    expect(await (await fetch(metricsUrl!)).text()).toContain("cinegate_http_request_duration_seconds");
    expect((await fetch(`${apiUrl}/metrics`)).status).toBe(404);
    expect(existsSync(path.join(dataDir, "pg", "postmaster.pid"))).toBe(true);

    const exited = new Promise<number | null>((resolve) => child!.once("exit", resolve));
    child.kill("SIGINT");
    expect(await exited).toBe(0);
    // PostgreSQL removes its pid file only after a clean shutdown: nothing is left running.
    expect(existsSync(path.join(dataDir, "pg", "postmaster.pid"))).toBe(false);
  }, 90_000);
});
