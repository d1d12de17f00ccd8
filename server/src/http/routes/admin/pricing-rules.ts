import { Type } from "@sinclair/typebox";
import type { FastifyInstance, FastifyRequest } from "fastify";
import { toChinaIso } from "../../../domain/time.js";
import { assertCinemaVisible, visibleCinemaIds } from "../../../ops/scope.js";
import { notifyPriceChange, type RuleChange } from "../../../pricing/notify-price-change.js";
import type { PricingRule, RuleInput } from "../../../pricing/rule.js";
import { specificityOf } from "../../../pricing/rule.js";
import type { StoredRule } from "../../../pricing/rule-store.js";
import { type PricingService, pricingFor } from "../../../pricing/service.js";
import { validateRule } from "../../../pricing/validate.js";
import type { Actor } from "../../plugins/admin-auth.js";
import { ApiError } from "../../problem.js";
import { ErrorResponses, PageOf, PageQuery } from "../../schemas.js";
import type { AdminRouteDeps } from "./deps.js";
import {
  BulkAnswer,
  BulkSchema,
  ExplainSchema,
  HistoryItemSchema,
  PreviewSchema,
  RuleInputSchema,
  RuleSchema,
} from "./pricing-schemas.js";

const params = Type.Object({ id: Type.String({ minLength: 1, maxLength: 64 }) });
const Problems = { ...ErrorResponses, 403: Type.Ref("Problem"), 409: Type.Ref("Problem") };

/**
 * An operator may change a rule only when every cinema it can apply to is theirs: its scope names
 * cinemas, all of them in the operator's list. A rule without a cinema list reaches every cinema.
 */
function mayEdit(actor: Actor | undefined, scope: RuleInput["scope"]): boolean {
  const mine = visibleCinemaIds(actor);
  if (mine === undefined) return true;
  return (scope.cinemaIds?.length ?? 0) > 0 && scope.cinemaIds!.every((c) => mine.includes(c));
}

/** An operator sees the rules that can apply to one of their cinemas. */
function maySee(actor: Actor | undefined, rule: StoredRule): boolean {
  const mine = visibleCinemaIds(actor);
  if (mine === undefined) return true;
  return !rule.scope.cinemaIds?.length || rule.scope.cinemaIds.some((c) => mine.includes(c));
}

const answer = (r: StoredRule, actor: Actor | undefined) => ({
  id: r.id,
  version: r.version,
  name: r.name,
  enabled: r.enabled,
  priority: r.priority ?? 0,
  scope: r.scope,
  price: r.price,
  ...(r.serviceFeeFen !== undefined ? { serviceFeeFen: r.serviceFeeFen } : {}),
  subsidy: r.subsidy ?? false,
  specificity: specificityOf(r.scope),
  editable: mayEdit(actor, r.scope),
  createdAt: r.createdAt.toISOString(),
  updatedAt: r.updatedAt.toISOString(),
  updatedBy: r.updatedBy,
});

/** 400 naming each bad field (the schema checked shapes; this checks meaning and references). */
async function assertValid(pricing: PricingService, body: RuleInput): Promise<void> {
  const errors = [...validateRule(body), ...(await pricing.store.unknownReferences(body.scope))].map((e) => ({
    path: `body${e.path}`,
    message: e.message,
  }));
  if (errors.length) {
    throw new ApiError("VALIDATION_FAILED", errors.map((e) => `${e.path}: ${e.message}`).join("; "), { errors });
  }
}

function assertMayEdit(actor: Actor | undefined, scope: RuleInput["scope"], what: string) {
  if (!mayEdit(actor, scope)) {
    throw new ApiError("FORBIDDEN", `${what}: operators may change only rules scoped to their own cinemas`);
  }
}

/** A saved rule must not tie with another on a showtime; the answer names where they collide. */
async function assertNoConflict(
  pricing: PricingService,
  rule: StoredRule | (RuleInput & { id: string; version: number }),
) {
  const conflicts = await pricing.conflicts(rule);
  if (conflicts.length) {
    const names = conflicts.map((c) => `${c.name} (${c.ruleId})`).join(", ");
    throw new ApiError(
      "CONFLICT",
      `equally specific and equally prioritised as ${names} on the same showtimes: give one a higher priority or a narrower scope`,
      { conflicts },
    );
  }
}

/**
 * The pricing rules admin API (shared/API.md "Pricing rules"; issue 18). Admin and support edit
 * every rule; cinema operators only rules scoped to their own cinemas. Every change reprices this
 * node's catalogue at once and other nodes' within seconds (pricing/rule-set.ts).
 */
export async function adminPricingRuleRoutes(app: FastifyInstance, deps: AdminRouteDeps): Promise<void> {
  const pricing = pricingFor(deps.db, deps.catalog.clock);
  const actorId = (req: FastifyRequest) => req.actor?.id ?? "unknown";
  const changed = () => pricing.rules.reload();
  /** Reprices this node, then tells listening channels what moved (never fails the request). */
  const repriced = async (req: FastifyRequest, change: Omit<RuleChange, "at">) => {
    await changed();
    if (change.ruleIds.length === 0) return;
    await notifyPriceChange(deps.db, pricing, { ...change, at: deps.catalog.clock.now() }, (m) => req.log.warn(m));
  };
  const replacing = (rules: readonly PricingRule[], next: PricingRule) =>
    rules.map((r) => (r.id === next.id ? next : r));
  const visible = async (req: FastifyRequest, id: string) => {
    const r = await pricing.store.get(id);
    if (!r || !maySee(req.actor, r)) throw new ApiError("NOT_FOUND", `pricing rule ${id} not found`);
    return r;
  };

  app.get(
    "/pricing-rules",
    {
      schema: {
        tags: ["admin", "pricing"],
        querystring: Type.Intersect([
          PageQuery,
          Type.Object({
            enabled: Type.Optional(Type.Boolean()),
            cinemaId: Type.Optional(Type.String({ maxLength: 64 })),
            q: Type.Optional(Type.String({ maxLength: 100, description: "part of the name" })),
          }),
        ]),
        response: { 200: PageOf(RuleSchema), ...Problems },
      },
    },
    async (req) => {
      const q = req.query as { page?: number; pageSize?: number; enabled?: boolean; cinemaId?: string; q?: string };
      const page = q.page ?? 1;
      const pageSize = q.pageSize ?? 50;
      const all = (await pricing.store.all())
        .filter((r) => maySee(req.actor, r))
        .filter((r) => q.enabled === undefined || r.enabled === q.enabled)
        .filter((r) => !q.cinemaId || !r.scope.cinemaIds?.length || r.scope.cinemaIds.includes(q.cinemaId))
        .filter((r) => !q.q || r.name.toLowerCase().includes(q.q.toLowerCase()))
        .sort((a, b) => b.updatedAt.getTime() - a.updatedAt.getTime() || (a.id < b.id ? -1 : 1));
      return {
        items: all.slice((page - 1) * pageSize, page * pageSize).map((r) => answer(r, req.actor)),
        page,
        pageSize,
        total: all.length,
      };
    },
  );

  app.get(
    "/pricing-rules/:id",
    { schema: { tags: ["admin", "pricing"], params, response: { 200: RuleSchema, ...Problems } } },
    async (req) => answer(await visible(req, (req.params as { id: string }).id), req.actor),
  );

  app.post(
    "/pricing-rules",
    {
      config: {
        audit: { action: "pricing.rule.create", target: () => null, detail: (req) => ({ rule: req.body }) },
      },
      schema: { tags: ["admin", "pricing"], body: RuleInputSchema, response: { 201: RuleSchema, ...Problems } },
    },
    async (req, reply) => {
      const body = req.body as RuleInput;
      await assertValid(pricing, body);
      assertMayEdit(req.actor, body.scope, "this rule");
      await assertNoConflict(pricing, { ...body, id: "(new)", version: 0 });
      const before = await pricing.store.all();
      const rule = await pricing.store.create(body, actorId(req));
      req.audit?.note({ ruleId: rule.id });
      await repriced(req, { before, after: [...before, rule], ruleIds: [rule.id], scope: rule.scope });
      return reply.code(201).send(answer(rule, req.actor));
    },
  );

  app.put(
    "/pricing-rules/:id",
    {
      config: { audit: { action: "pricing.rule.update", detail: (req) => ({ rule: req.body }) } },
      schema: { tags: ["admin", "pricing"], params, body: RuleInputSchema, response: { 200: RuleSchema, ...Problems } },
    },
    async (req) => {
      const { id } = req.params as { id: string };
      const body = req.body as RuleInput;
      const before = await visible(req, id);
      await assertValid(pricing, body);
      assertMayEdit(req.actor, before.scope, `pricing rule ${id}`);
      assertMayEdit(req.actor, body.scope, "the new scope");
      await assertNoConflict(pricing, { ...body, id, version: before.version });
      const rules = await pricing.store.all();
      const rule = await pricing.store.update(id, body, actorId(req));
      if (!rule) throw new ApiError("NOT_FOUND", `pricing rule ${id} not found`);
      // Old and new scope both matter, so the whole window is compared.
      await repriced(req, { before: rules, after: replacing(rules, rule), ruleIds: [id] });
      return answer(rule, req.actor);
    },
  );

  app.delete(
    "/pricing-rules/:id",
    {
      config: { audit: { action: "pricing.rule.delete" } },
      schema: { tags: ["admin", "pricing"], params, response: { 204: Type.Null(), ...Problems } },
    },
    async (req, reply) => {
      const { id } = req.params as { id: string };
      const before = await visible(req, id);
      assertMayEdit(req.actor, before.scope, `pricing rule ${id}`);
      const rules = await pricing.store.all();
      if (!(await pricing.store.delete(id, actorId(req))))
        throw new ApiError("NOT_FOUND", `pricing rule ${id} not found`);
      await repriced(req, {
        before: rules,
        after: rules.filter((r) => r.id !== id),
        ruleIds: [id],
        scope: before.scope,
      });
      return reply.code(204).send();
    },
  );

  for (const [verb, enabled] of [
    ["enable", true],
    ["disable", false],
  ] as const) {
    app.post(
      `/pricing-rules/:id/${verb}`,
      {
        config: { audit: { action: `pricing.rule.${verb}` } },
        schema: { tags: ["admin", "pricing"], params, response: { 200: RuleSchema, ...Problems } },
      },
      async (req) => {
        const { id } = req.params as { id: string };
        const before = await visible(req, id);
        assertMayEdit(req.actor, before.scope, `pricing rule ${id}`);
        if (enabled) await assertNoConflict(pricing, { ...before, enabled: true });
        const rules = await pricing.store.all();
        const rule = await pricing.store.setEnabled(id, enabled, actorId(req));
        if (!rule) throw new ApiError("NOT_FOUND", `pricing rule ${id} not found`);
        await repriced(req, { before: rules, after: replacing(rules, rule), ruleIds: [id], scope: rule.scope });
        return answer(rule, req.actor);
      },
    );
  }

  app.post(
    "/pricing-rules/bulk",
    {
      config: {
        audit: { action: "pricing.rule.bulk", target: () => null, detail: (req) => ({ ...(req.body as object) }) },
      },
      schema: { tags: ["admin", "pricing"], body: BulkSchema, response: { 200: BulkAnswer, ...Problems } },
    },
    async (req) => {
      const { ids, enabled } = req.body as { ids: string[]; enabled: boolean };
      const updated: string[] = [];
      const rules = await pricing.store.all();
      let after: PricingRule[] = rules;
      const refused: Array<{ id: string; code: string; message: string }> = [];
      for (const id of [...new Set(ids)]) {
        const before = await pricing.store.get(id);
        if (!before || !maySee(req.actor, before)) {
          refused.push({ id, code: "NOT_FOUND", message: `pricing rule ${id} not found` });
          continue;
        }
        if (!mayEdit(req.actor, before.scope)) {
          refused.push({
            id,
            code: "FORBIDDEN",
            message: "operators may change only rules scoped to their own cinemas",
          });
          continue;
        }
        if (enabled && !before.enabled) {
          const conflicts = await pricing.conflicts({ ...before, enabled: true });
          if (conflicts.length) {
            const names = conflicts.map((c) => `${c.name} (${c.ruleId})`).join(", ");
            refused.push({ id, code: "CONFLICT", message: `would tie with ${names}` });
            continue;
          }
        }
        const rule = await pricing.store.setEnabled(id, enabled, actorId(req));
        if (rule) after = replacing(after, rule);
        updated.push(id);
      }
      req.audit?.note({ updated, refused: refused.map((r) => r.id) });
      // One change: each listening channel hears once, naming every rule the bulk call changed.
      await repriced(req, { before: rules, after, ruleIds: updated });
      return { updated, refused };
    },
  );

  app.get(
    "/pricing-rules/:id/history",
    {
      schema: {
        tags: ["admin", "pricing"],
        params,
        response: { 200: Type.Object({ items: Type.Array(HistoryItemSchema) }), ...Problems },
      },
    },
    async (req) => {
      const { id } = req.params as { id: string };
      await visible(req, id);
      const items = await pricing.store.history(id);
      return { items: items.map((h) => ({ ...h, at: h.at.toISOString() })) };
    },
  );

  app.post(
    "/pricing-rules/preview",
    {
      // Reads only: nothing is saved, so there is nothing to audit.
      config: { audit: false },
      schema: {
        tags: ["admin", "pricing"],
        body: Type.Object(
          {
            rule: RuleInputSchema,
            id: Type.Optional(Type.String({ minLength: 1, maxLength: 64, description: "the rule being edited" })),
          },
          { additionalProperties: false },
        ),
        response: { 200: PreviewSchema, ...Problems },
      },
    },
    async (req) => {
      const body = req.body as { rule: RuleInput; id?: string };
      const errors = [...validateRule(body.rule), ...(await pricing.store.unknownReferences(body.rule.scope))].map(
        (e) => ({
          path: `body/rule${e.path}`,
          message: e.message,
        }),
      );
      if (errors.length) {
        throw new ApiError("VALIDATION_FAILED", errors.map((e) => `${e.path}: ${e.message}`).join("; "), { errors });
      }
      if (body.id !== undefined) await visible(req, body.id);
      return pricing.preview(body.rule, body.id, visibleCinemaIds(req.actor));
    },
  );

  app.get(
    "/showtimes/:id/price-explain",
    {
      schema: {
        tags: ["admin", "pricing"],
        params,
        querystring: Type.Object({ channel: Type.String({ minLength: 1, maxLength: 64 }) }),
        response: { 200: ExplainSchema, ...Problems },
      },
    },
    async (req) => {
      const { id } = req.params as { id: string };
      const { channel } = req.query as { channel: string };
      const e = await pricing.explain(id, channel);
      if (!e) throw new ApiError("NOT_FOUND", `showtime ${id} not found`);
      assertCinemaVisible(req.actor, e.facts.cinemaId);
      const known = await deps.db.selectFrom("channels").select("id").where("code", "=", channel).executeTakeFirst();
      if (!known) {
        throw new ApiError("VALIDATION_FAILED", `unknown channel ${channel}`, {
          errors: [{ path: "querystring/channel", message: `unknown channel ${channel}` }],
        });
      }
      const f = e.facts;
      return {
        showtimeId: id,
        channel,
        channelSells: f.channels.includes(channel),
        showtime: {
          cinemaId: f.cinemaId,
          cinemaName: f.cinemaName,
          filmTitle: f.filmTitle,
          hallName: f.hallName,
          startsAt: toChinaIso(f.startsAt),
          version: f.version,
          hallType: f.hallType,
          listFen: f.listFen,
          settleFen: f.settleFen,
          floorFen: f.settleFen + f.vendorFeeFen + f.cinemaServiceFeeFen,
        },
        considered: e.considered.map((c) => ({
          ruleId: c.ruleId,
          name: c.name,
          specificity: c.specificity,
          priority: c.priority,
          matched: c.match.matched,
          ...(c.match.matched ? {} : { field: c.match.field, reason: c.match.reason }),
          chosen: c.chosen,
        })),
        ...(e.ruleId ? { ruleId: e.ruleId } : {}),
        steps: e.steps,
        price: e.price,
      };
    },
  );
}
