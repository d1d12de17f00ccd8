import os from "node:os";

/** The machine line every benchmark prints (docs/benchmarks.md quotes it). */
export function machine(): string {
  const cpu = os.cpus()[0]?.model ?? "unknown CPU";
  return `nproc ${os.availableParallelism()} (${cpu}), node ${process.version}, ${os.platform()} ${os.release()}, RAM ${Math.round(os.totalmem() / 2 ** 30)} GiB`;
}

export const mib = (bytes: number) => `${Math.round(bytes / 2 ** 20)} MiB`;

export function log(line: string): void {
  console.log(`[${new Date().toISOString().slice(11, 19)}] ${line}`);
}

/**
 * Runs a benchmark body with a hard time budget and cleanup on every exit path (success, failure,
 * Ctrl-C, budget exceeded), so no embedded PostgreSQL or child process outlives it.
 */
export async function withBudget(
  name: string,
  budgetMs: number,
  body: (defer: (fn: () => Promise<unknown>) => void) => Promise<void>,
): Promise<void> {
  const cleanups: Array<() => Promise<unknown>> = [];
  let cleaning: Promise<void> | undefined;
  const cleanup = () => {
    cleaning ??= (async () => {
      for (const fn of cleanups.splice(0).reverse()) await fn().catch((e) => log(`cleanup: ${String(e)}`));
    })();
    return cleaning;
  };
  const abort = (why: string) => {
    log(`${name}: ${why}; cleaning up`);
    void cleanup().finally(() => process.exit(1));
  };
  const timer = setTimeout(() => abort(`time budget of ${budgetMs / 1000} s exceeded`), budgetMs);
  process.once("SIGINT", () => abort("interrupted"));
  process.once("SIGTERM", () => abort("terminated"));
  try {
    await body((fn) => cleanups.push(fn));
    await cleanup();
  } catch (err) {
    log(`${name} failed: ${err instanceof Error ? (err.stack ?? err.message) : String(err)}`);
    await cleanup();
    process.exitCode = 1;
  } finally {
    clearTimeout(timer);
  }
}
