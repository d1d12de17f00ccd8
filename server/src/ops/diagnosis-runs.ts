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

/** Runs are looked at while they run and shortly after; an hour is plenty, and bounds memory. */
const KEEP_MS = 60 * 60_000;
const MAX_RUNS = 500;

/**
 * Diagnosis runs in progress and recently finished, kept in this process's memory: the page
 * starts a run and polls it for progress. A run lives on the node that started it (a sticky
 * session is enough behind a load balancer); losing one on restart loses nothing but a re-run.
 */
export class DiagnosisRuns {
  private readonly runs = new Map<string, DiagnosisRun>();

  constructor(
    private readonly catalog: CatalogServices,
    private readonly now: () => number = () => Date.now(),
  ) {}

  /** Starts the checks in the background and returns the run at once (every check pending). */
  start(cinemaId: string, actor: string): { run: DiagnosisRun; done: Promise<DiagnosisRun> } {
    this.prune();
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
    this.runs.set(run.id, run);
    const entry = (check: DiagnosisCheck) => run.checks.find((c) => c.check === check)!;
    const done = diagnoseCinema(this.catalog, cinemaId, {
      onStart: (check) => {
        entry(check).state = "running";
      },
      onFinding: (finding) => {
        Object.assign(entry(finding.check), { state: "done", finding });
      },
    }).then(
      (findings) => this.finish(run, summarize(findings)),
      (err: Error) => this.finish(run, { zh: `诊断中断：${err.message}`, en: `Diagnosis stopped: ${err.message}` }),
    );
    return { run: structuredClone(run), done };
  }

  get(id: string): DiagnosisRun | undefined {
    const run = this.runs.get(id);
    return run ? structuredClone(run) : undefined;
  }

  private finish(run: DiagnosisRun, summary: Text): DiagnosisRun {
    run.status = "done";
    run.finishedAt = new Date(this.now()).toISOString();
    run.summary = summary;
    return structuredClone(run);
  }

  private prune(): void {
    const cutoff = this.now() - KEEP_MS;
    for (const [id, run] of this.runs) if (Date.parse(run.startedAt) < cutoff) this.runs.delete(id);
    while (this.runs.size >= MAX_RUNS) this.runs.delete(this.runs.keys().next().value!);
  }
}
