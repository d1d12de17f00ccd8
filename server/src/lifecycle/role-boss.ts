import type PgBoss from "pg-boss";

/**
 * The job queue as a node's role sees it. Every part of the system registers its pg-boss workers
 * with `boss.work` and its crons with `boss.schedule` at start-up (order steps, sweeper, webhooks,
 * catalogue sync, and whatever is added later); this wrapper lets the role decide in one place
 * instead of in each of them. An API node may still create queues and send jobs (an order create
 * queues its webhook; onboarding queues a sync), but consumes none. It also counts the jobs in
 * flight per queue, so a shutdown that overruns its deadline can say what was still running.
 */
export class RoleBoss {
  /** Queues this node consumes, one entry per worker registered. */
  readonly consuming: string[] = [];
  /** Queues whose workers this node's role declined. */
  readonly declined: string[] = [];
  private readonly active = new Map<string, number>();
  readonly boss: PgBoss;

  constructor(
    inner: PgBoss,
    private readonly consume: boolean,
  ) {
    this.boss = new Proxy(inner, {
      get: (target, prop) => {
        if (prop === "work") return (name: string, ...args: unknown[]) => this.work(target, name, args);
        if (prop === "schedule" && !this.consume) return async () => {};
        const value = Reflect.get(target, prop, target);
        // pg-boss keeps its state in #private fields: its methods must run with the real instance as `this`.
        return typeof value === "function" ? value.bind(target) : value;
      },
    });
  }

  private async work(target: PgBoss, name: string, args: unknown[]): Promise<string> {
    if (!this.consume) {
      this.declined.push(name);
      return `declined:${name}`;
    }
    this.consuming.push(name);
    const last = args.length - 1;
    const handler = args[last] as (jobs: unknown) => Promise<unknown>;
    args[last] = async (jobs: unknown) => {
      this.active.set(name, (this.active.get(name) ?? 0) + 1);
      try {
        return await handler(jobs);
      } finally {
        this.active.set(name, (this.active.get(name) ?? 1) - 1);
      }
    };
    return (target.work as (...a: unknown[]) => Promise<string>)(name, ...args);
  }

  /** "order-steps: 1 in flight", per queue with a job running now. */
  inFlight(): string[] {
    return [...this.active].filter(([, n]) => n > 0).map(([queue, n]) => `${queue}: ${n} in flight`);
  }
}
