import PgBoss from "pg-boss";

/**
 * The durable job queue (pg-boss on our own PostgreSQL, schema `pgboss`). One instance per
 * process; every node may run workers, and PostgreSQL's SKIP LOCKED hands each job to one.
 */
export async function startBoss(connectionString: string, log: (msg: string) => void = () => {}): Promise<PgBoss> {
  const boss = new PgBoss({ connectionString, max: 4, schema: "pgboss" });
  boss.on("error", (err) => log(`job queue error: ${err.message}`));
  await boss.start();
  return boss;
}
