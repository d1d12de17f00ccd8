import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { DiagnosisRuns } from "../../src/ops/diagnosis-runs.js";
import { type OpsWorld, startOpsWorld, waitForDiagnosis } from "./ops-fixture.js";

/**
 * Diagnosis runs live in PostgreSQL (issue 20 §3): a run started through one node is read, in
 * progress and finished, by another node's store on the same database (here a second
 * DiagnosisRuns, as a second API process would have).
 */
let w: OpsWorld;
beforeAll(async () => {
  w = await startOpsWorld();
}, 60_000);
afterAll(() => w?.close());

describe("diagnosis runs shared through PostgreSQL", () => {
  it("a run started on node A is read on node B, with the same checks once done", async () => {
    const nodeB = new DiagnosisRuns(w.t.catalog, () => w.t.catalog.clock.now());
    const start = await w.admin("POST", `/admin/cinemas/${w.cinemas.ykse.id}/diagnosis`);
    expect(start.status).toBe(202);
    const seen = await nodeB.get(start.body.id);
    expect(seen).toMatchObject({ id: start.body.id, cinemaId: w.cinemas.ykse.id });
    expect(seen?.checks.map((c) => c.check)).toEqual(start.body.checks.map((c: { check: string }) => c.check));

    const done = await waitForDiagnosis(() => w.admin("GET", `/admin/diagnosis/${start.body.id}`));
    const onB = await nodeB.get(start.body.id);
    expect(onB?.status).toBe("done");
    expect(onB?.summary).toEqual(done.body.summary);
    expect(onB?.checks).toEqual(done.body.checks);
  });

  it("a run its node never finished shows as stopped after 10 minutes, not running forever", async () => {
    let now = w.t.catalog.clock.now();
    const runs = new DiagnosisRuns(w.t.catalog, () => now);
    const startedAt = new Date(now);
    await w.t.db
      .insertInto("diagnosis_runs")
      .values({
        id: "diag_orphan",
        cinema_id: w.cinemas.vista.id,
        actor: "someone",
        status: "running",
        started_at: startedAt,
        checks: JSON.stringify([]),
      })
      .execute();
    expect((await runs.get("diag_orphan"))?.status).toBe("running");
    now += 10 * 60_000 + 1;
    const orphan = await runs.get("diag_orphan");
    expect(orphan?.status).toBe("done");
    expect(orphan?.summary?.en).toMatch(/node running it stopped/);
  });
});
