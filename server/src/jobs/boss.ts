import PgBoss from "pg-boss";

/**
 * The durable job queue (pg-boss on our own PostgreSQL, schema `pgboss`). One instance per
 * process; every worker node runs workers, and PostgreSQL's SKIP LOCKED hands each job to one.
 * `maintenance: false` (API nodes) leaves pg-boss's supervision (expiring, archiving) and its cron
 * to the worker nodes: the node still creates queues and sends jobs.
 */
export async function startBoss(
  connectionString: string,
  log: (msg: string) => void = () => {},
  opts: { maintenance?: boolean } = {},
): Promise<PgBoss> {
  const maintenance = opts.maintenance ?? true;
  const boss = new PgBoss({
    connectionString,
    max: 4,
    schema: "pgboss",
    supervise: maintenance,
    schedule: maintenance,
  });
  boss.on("error", (err) => log(`job queue error: ${err.message}`));
  await boss.start();
  return boss;
}
