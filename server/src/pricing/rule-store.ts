import type { Selectable, Transaction } from "kysely";
import { sql } from "kysely";
import type { Db } from "../db/database.js";
import { readJson } from "../db/json-column.js";
import type { Database, PricingRulesTable } from "../db/schema.js";
import { newId } from "../security/ids.js";
import type { PriceSpec, PricingRule, RuleInput, RuleScope } from "./rule.js";
import type { FieldError } from "./validate.js";

export interface HistoryEntry {
  id: string;
  ruleId: string;
  version: number;
  action: "create" | "update" | "enable" | "disable" | "delete";
  actor: string;
  at: Date;
  before: RuleInput | null;
  after: RuleInput | null;
}

export interface StoredRule extends PricingRule {
  createdAt: Date;
  updatedAt: Date;
  updatedBy: string;
}

function toRule(r: Selectable<PricingRulesTable>): StoredRule {
  return {
    id: r.id,
    version: r.version,
    name: r.name,
    enabled: r.enabled,
    priority: r.priority,
    scope: readJson<RuleScope>(r.scope),
    price: readJson<PriceSpec>(r.price),
    ...(r.service_fee_fen !== null ? { serviceFeeFen: r.service_fee_fen } : {}),
    subsidy: r.subsidy,
    createdAt: r.created_at,
    updatedAt: r.updated_at,
    updatedBy: r.updated_by,
  };
}

/** The rule's own fields, as the history records them. */
export function inputOf(r: PricingRule): RuleInput {
  return {
    name: r.name,
    enabled: r.enabled,
    priority: r.priority ?? 0,
    scope: r.scope,
    price: r.price,
    ...(r.serviceFeeFen !== undefined ? { serviceFeeFen: r.serviceFeeFen } : {}),
    subsidy: r.subsidy ?? false,
  };
}

const columns = (r: RuleInput) => ({
  name: r.name.trim(),
  enabled: r.enabled,
  priority: r.priority ?? 0,
  subsidy: r.subsidy ?? false,
  scope: JSON.stringify(r.scope),
  price: JSON.stringify(r.price),
  service_fee_fen: r.serviceFeeFen ?? null,
  cinema_ids: r.scope.cinemaIds ?? [],
});

/**
 * Pricing rules in PostgreSQL, each change written with its history row in one transaction (who,
 * when, the rule before and after). Deleting keeps the row, marked, so the history stays whole.
 */
export class PricingRuleStore {
  constructor(private readonly db: Db) {}

  /** Every live rule (enabled or not). */
  async all(): Promise<StoredRule[]> {
    const rows = await this.db
      .selectFrom("pricing_rules")
      .selectAll()
      .where("deleted_at", "is", null)
      .orderBy("id")
      .execute();
    return rows.map(toRule);
  }

  async get(id: string): Promise<StoredRule | undefined> {
    const r = await this.db
      .selectFrom("pricing_rules")
      .selectAll()
      .where("id", "=", id)
      .where("deleted_at", "is", null)
      .executeTakeFirst();
    return r ? toRule(r) : undefined;
  }

  /** The rule set's revision: changes whenever any rule does. */
  async revision(): Promise<string> {
    const r = await this.db
      .selectFrom("pricing_rule_history")
      .select(sql<string>`coalesce(max(id), 0)::text`.as("rev"))
      .executeTakeFirst();
    return r?.rev ?? "0";
  }

  async create(input: RuleInput, actor: string): Promise<StoredRule> {
    return this.db.transaction().execute(async (trx) => {
      const row = await trx
        .insertInto("pricing_rules")
        .values({ id: newId("prr"), ...columns(input), version: 1, updated_by: actor })
        .returningAll()
        .executeTakeFirstOrThrow();
      const rule = toRule(row);
      await this.record(trx, rule, "create", actor, null);
      return rule;
    });
  }

  /** Replaces a rule's fields; undefined when it does not exist. */
  async update(id: string, input: RuleInput, actor: string): Promise<StoredRule | undefined> {
    return this.change(id, actor, () => ({ input, action: "update" }));
  }

  async setEnabled(id: string, enabled: boolean, actor: string): Promise<StoredRule | undefined> {
    return this.change(id, actor, (before) =>
      before.enabled === enabled
        ? undefined
        : { input: { ...inputOf(before), enabled }, action: enabled ? "enable" : "disable" },
    );
  }

  async delete(id: string, actor: string): Promise<boolean> {
    return this.db.transaction().execute(async (trx) => {
      const before = await this.locked(trx, id);
      if (!before) return false;
      await trx
        .updateTable("pricing_rules")
        .set({
          deleted_at: new Date(),
          enabled: false,
          version: before.version + 1,
          updated_by: actor,
          updated_at: new Date(),
        })
        .where("id", "=", id)
        .execute();
      await trx
        .insertInto("pricing_rule_history")
        .values({
          rule_id: id,
          version: before.version + 1,
          action: "delete",
          actor,
          before: JSON.stringify(inputOf(before)),
          after: null,
        })
        .execute();
      return true;
    });
  }

  async history(id: string): Promise<HistoryEntry[]> {
    const rows = await this.db
      .selectFrom("pricing_rule_history")
      .selectAll()
      .where("rule_id", "=", id)
      .orderBy("id", "desc")
      .execute();
    return rows.map((h) => ({
      id: String(h.id),
      ruleId: h.rule_id,
      version: h.version,
      action: h.action as HistoryEntry["action"],
      actor: h.actor,
      at: h.at,
      before: readJson<RuleInput | null>(h.before),
      after: readJson<RuleInput | null>(h.after),
    }));
  }

  /** Ids in the scope that name nothing we know: each a 400 naming the field. */
  async unknownReferences(scope: RuleScope): Promise<FieldError[]> {
    const errors: FieldError[] = [];
    const check = async (
      field: keyof RuleScope,
      values: string[] | undefined,
      known: (v: string[]) => Promise<string[]>,
    ) => {
      if (!values?.length) return;
      const found = new Set(await known(values));
      const missing = values.filter((v) => !found.has(v));
      if (missing.length) errors.push({ path: `/scope/${field}`, message: `unknown: ${missing.join(", ")}` });
    };
    const db = this.db;
    await check("channels", scope.channels, async (v) =>
      (await db.selectFrom("channels").select("code").where("code", "in", v).execute()).map((r) => r.code),
    );
    await check("cinemaIds", scope.cinemaIds, async (v) =>
      (await db.selectFrom("cinemas").select("id").where("id", "in", v).execute()).map((r) => r.id),
    );
    await check("cityCodes", scope.cityCodes, async (v) =>
      (await db.selectFrom("cities").select("code").where("code", "in", v).execute()).map((r) => r.code),
    );
    await check("vendors", scope.vendors, async (v) =>
      (await db.selectFrom("cinemas").select("vendor").distinct().where("vendor", "in", v).execute()).map(
        (r) => r.vendor,
      ),
    );
    await check("filmIds", scope.filmIds, async (v) =>
      (await db.selectFrom("films").select("id").where("id", "in", v).execute()).map((r) => r.id),
    );
    return errors;
  }

  private async locked(trx: Transaction<Database>, id: string): Promise<StoredRule | undefined> {
    const r = await trx
      .selectFrom("pricing_rules")
      .selectAll()
      .where("id", "=", id)
      .where("deleted_at", "is", null)
      .forUpdate()
      .executeTakeFirst();
    return r ? toRule(r) : undefined;
  }

  private async change(
    id: string,
    actor: string,
    next: (before: StoredRule) => { input: RuleInput; action: HistoryEntry["action"] } | undefined,
  ): Promise<StoredRule | undefined> {
    return this.db.transaction().execute(async (trx) => {
      const before = await this.locked(trx, id);
      if (!before) return undefined;
      const n = next(before);
      if (!n) return before;
      const row = await trx
        .updateTable("pricing_rules")
        .set({ ...columns(n.input), version: before.version + 1, updated_by: actor, updated_at: new Date() })
        .where("id", "=", id)
        .returningAll()
        .executeTakeFirstOrThrow();
      const rule = toRule(row);
      await this.record(trx, rule, n.action, actor, before);
      return rule;
    });
  }

  private async record(
    trx: Transaction<Database>,
    rule: StoredRule,
    action: HistoryEntry["action"],
    actor: string,
    before: StoredRule | null,
  ) {
    await trx
      .insertInto("pricing_rule_history")
      .values({
        rule_id: rule.id,
        version: rule.version,
        action,
        actor,
        before: before ? JSON.stringify(inputOf(before)) : null,
        after: JSON.stringify(inputOf(rule)),
      })
      .execute();
  }
}
