import { type ChildNode, forkNode } from "./child.js";
import { log } from "./report.js";
import type { SyncReport } from "./sync-all.js";
import type { World } from "./world.js";

/** A platform node on the world's database with every cinema's catalogue synced (B1 and B2 start here). */
export async function startSyncedNode(
  world: World,
  defer: (fn: () => Promise<unknown>) => void,
  days: number,
): Promise<ChildNode> {
  const node = await forkNode("./platform-node.ts", { BENCH_DB_URL: world.dbUrl, BENCH_MASTER_KEY: world.masterKey });
  defer(() => node.stop());
  const sync = await node.call<SyncReport>("sync", { cinemaIds: world.cinemas.map((c) => c.id), concurrency: 8, days });
  log(`synced ${sync.runs} cinemas in ${sync.wallMs} ms (${sync.failed} failed)`);
  return node;
}
