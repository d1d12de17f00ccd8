import type { CatalogServices } from "../catalog/services.js";
import { newId } from "../security/ids.js";
import { DIAGNOSIS_CHECKS, type DiagnosisCheck, diagnoseCinema, type Finding, summarize } from "./diagnosis.js";
import type { Text } from "./diagnosis-texts.js";

export interface DiagnosisRun {
  id: string;
  cinemaId: string;
  actor: string;
  status: "running" | "done";
  startedAt: string;
  finishedAt: string | null;
  checks: Array<{ check: DiagnosisCheck; state: "pending" | "running" | "done"; finding?: Finding }>;
  summary: Text | null;
}

/** Runs are looked at while they run and shortly after; an hour is plenty. */
const KEEP_MS = 60 * 60_000;
/**
 * A run still "running" this long after it started lost its node mid-way (every check's vendor
 * call times out long before): it is shown as stopped rather than spinning forever.
 */
const ORPHANED_AFTER_MS = 10 * 60_000;
const ORPHANED: Text = {
  zh: "诊断中断：运行该诊断的节点已停止，请重新诊断",
  en: "Diagnosis stopped: the node running it stopped; run it again",
};

type RunRow = {
  id: string;
  cinema_id: string;
  actor: string;
  status: "running" | "done";
  started_at: Date;
  finished_at: Date | null;
  checks: unknown;
  summary: unknown;
};

/**
 * Diagnosis runs in progress and recently finished, in PostgreSQL (migration 0013): the page
 * starts a run and polls it for progress through any API node. The node that started a run
 * executes its checks and rewrites the run's row as each one starts and ends (writes for one run
 * go one after another, so the row never moves backwards).
 */
export class DiagnosisRuns {
  constructor(
    private readonly catalog: CatalogServices,
    private readonly now: () => number = () => Date.now(),
  ) {}

  /** Starts the checks in the background and returns the stored run (every check pending). */
  async start(cinemaId: string, actor: string): Promise<{ run: DiagnosisRun; done: Promise<DiagnosisRun> }> {
    const db = this.catalog.db;
    await db
      .deleteFrom("diagnosis_runs")
      .where("started_at", "<", new Date(this.now() - KEEP_MS))
      .execute();
    const run: DiagnosisRun = {
      id: newId("diag"),
      cinemaId,
      actor,
      status: "running",
      startedAt: new Date(this.now()).toISOString(),
      finishedAt: null,
      checks: DIAGNOSIS_CHECKS.map((check) => ({ check, state: "pending" })),
      summary: null,
    };
    await db
      .insertInto("diagnosis_runs")
      .values({
        id: run.id,
        cinema_id: cinemaId,
        actor,
        status: run.status,
        started_at: new Date(run.startedAt),
        checks: JSON.stringify(run.checks),
      })
      .execute();
    let writes = Promise.resolve();
    const save = () => {
      const snapshot = structuredClone(run);
      writes = writes.then(() => this.save(snapshot)).catch(() => {}); // a lost progress write only delays the display
    };
    const entry = (check: DiagnosisCheck) => run.checks.find((c) => c.check === check)!;
    const finish = async (summary: Text) => {
      run.status = "done";
      run.finishedAt = new Date(this.now()).toISOString();
      run.summary = summary;
      save();
      await writes;
      return structuredClone(run);
    };
    const done = diagnoseCinema(this.catalog, cinemaId, {
      onStart: (check) => {
        entry(check).state = "running";
        save();
      },
      onFinding: (finding) => {
        Object.assign(entry(finding.check), { state: "done", finding });
        save();
      },
    }).then(
      (findings) => finish(summarize(findings)),
      (err: Error) => finish({ zh: `诊断中断：${err.message}`, en: `Diagnosis stopped: ${err.message}` }),
    );
    return { run: structuredClone(run), done };
  }

  async get(id: string): Promise<DiagnosisRun | undefined> {
    const row = (await this.catalog.db
      .selectFrom("diagnosis_runs")
      .selectAll()
      .where("id", "=", id)
      .executeTakeFirst()) as RunRow | undefined;
    if (!row) return undefined;
    const run: DiagnosisRun = {
      id: row.id,
      cinemaId: row.cinema_id,
      actor: row.actor,
      status: row.status,
      startedAt: row.started_at.toISOString(),
      finishedAt: row.finished_at?.toISOString() ?? null,
      checks: row.checks as DiagnosisRun["checks"],
      summary: (row.summary as Text | null) ?? null,
    };
    if (run.status === "running" && this.now() - row.started_at.getTime() > ORPHANED_AFTER_MS) {
      return { ...run, status: "done", summary: ORPHANED };
    }
    return run;
  }

  private async save(run: DiagnosisRun): Promise<void> {
    await this.catalog.db
      .updateTable("diagnosis_runs")
      .set({
        status: run.status,
        finished_at: run.finishedAt ? new Date(run.finishedAt) : null,
        checks: JSON.stringify(run.checks),
        summary: run.summary ? JSON.stringify(run.summary) : null,
      })
      .where("id", "=", run.id)
      .execute();
  }
}
