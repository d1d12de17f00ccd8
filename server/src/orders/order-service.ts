import { newestFirstPage } from "../db/newest-first-page.js";
import { DomainError } from "../domain/domain-error.js";
import { CHANNEL_HIDDEN_STATUSES, isHiddenFromChannel } from "../domain/order-states.js";
import { endUnpaid } from "./cancel.js";
import { CARD_CONFIRM_GRACE_MS, type ConfirmInput, startConfirm } from "./confirm.js";
import { type CreateOrderInput, createOrder } from "./create-order.js";
import type { OrderDeps } from "./deps.js";
import { IdempotencyStore } from "./idempotency.js";
import type { OrderRow } from "./order-store.js";
import { toApiOrder } from "./order-view.js";
import { requestRefund } from "./refund.js";
import { exclusively, type StepScheduler } from "./runner.js";
import type { OrderWorkflow } from "./workflow.js";

export interface ChannelRef {
  id: string;
  code: string;
}

/**
 * The order use cases behind the channel API: every write is idempotent where API.md asks, and
 * every state the channel can see comes from a guarded transition.
 */
export class OrderService {
  private readonly idempotency: IdempotencyStore;

  constructor(
    readonly deps: OrderDeps,
    readonly workflow: OrderWorkflow,
    /** Where workflow steps are queued; the console re-queues a stuck order through it. */
    readonly scheduler: StepScheduler,
  ) {
    this.idempotency = new IdempotencyStore(deps.db);
  }

  async create(channel: ChannelRef, key: string, body: Omit<CreateOrderInput, "channelId" | "channelCode">) {
    const owner = { channelId: channel.id };
    return this.idempotency.run(
      owner,
      "create",
      key,
      body,
      async () => {
        const row = await createOrder(
          this.deps,
          { channelId: channel.id, channelCode: channel.code, ...body },
          (trx, id) => this.idempotency.notePending(trx, owner, "create", key, id),
        );
        return { statusCode: 201, body: toApiOrder(row) };
      },
      (orderId) => this.resumeCreate(channel, orderId),
    );
  }

  /**
   * A create whose request went silent after holding the seats (its node died): the order answers
   * for it. Locked (or since ended) → the 201 it would have got; lock failed → run it again;
   * still LOCKING → wait (the sweeper ends an abandoned lock attempt within minutes).
   */
  private async resumeCreate(channel: ChannelRef, orderId: string) {
    const row = await this.deps.orders.get(orderId);
    if (!row || row.channel_id !== channel.id || row.status === "LOCK_FAILED") return "retry" as const;
    if (row.status === "LOCKING") return "wait" as const;
    return { statusCode: 201, body: toApiOrder(row) };
  }

  async confirm(channel: ChannelRef, orderId: string, key: string, body: ConfirmInput) {
    // The key's record holds a hash of the request: never of the card password (docs/mixed-orders.md).
    const hashed = body.payments ? { ...body, payments: body.payments.map(({ password: _p, ...p }) => p) } : body;
    return this.idempotency.run({ channelId: channel.id }, `confirm:${orderId}`, key, hashed, async () => {
      const order = await this.owned(channel, orderId);
      const started = await startConfirm(this.deps, order, body, `channel:${channel.code}`, {
        channelId: channel.id,
        workflow: this.workflow,
      });
      let row = started.order;
      if (started.cardPassword !== undefined) {
        // The one vendor call that carries the password is made here, in this request, and the password
        // is dropped with it; the step's later runs (recovery) are queued as usual.
        const password = started.cardPassword;
        const outcome = await exclusively(this.deps, row.id, () =>
          this.workflow.step(row.id, { cardPassword: password }),
        );
        const nextAt = outcome === "busy" ? this.deps.clock.now() + CARD_CONFIRM_GRACE_MS : outcome.nextAt;
        if (nextAt !== null) await this.scheduler.schedule(row.id, nextAt);
        row = (await this.deps.orders.get(row.id)) ?? row;
      } else if (started.started) await this.scheduler.schedule(row.id, this.deps.clock.now());
      return { statusCode: 202, body: toApiOrder(row) };
    });
  }

  async refund(channel: ChannelRef, orderId: string, key: string, body: { reason: string }) {
    return this.idempotency.run({ channelId: channel.id }, `refund:${orderId}`, key, body, async () => {
      const order = await this.owned(channel, orderId);
      const { order: row, started } = await requestRefund(
        this.deps,
        this.workflow,
        order,
        body.reason,
        `channel:${channel.code}`,
      );
      if (started) await this.scheduler.schedule(row.id, this.deps.clock.now());
      return { statusCode: 202, body: toApiOrder(row) };
    });
  }

  async cancel(channel: ChannelRef, orderId: string) {
    const order = await this.owned(channel, orderId);
    return toApiOrder(await endUnpaid(this.deps, this.workflow, order, "CANCELLED", `channel:${channel.code}`));
  }

  async get(channel: ChannelRef, orderId: string) {
    return toApiOrder(await this.owned(channel, orderId));
  }

  async list(channel: ChannelRef, q: { status?: string; from?: Date; to?: Date; page: number; pageSize: number }) {
    let query = this.deps.db
      .selectFrom("orders")
      .where("channel_id", "=", channel.id)
      .where("status", "not in", [...CHANNEL_HIDDEN_STATUSES]);
    if (q.status) query = query.where("status", "=", q.status as OrderRow["status"]);
    if (q.from) query = query.where("created_at", ">=", q.from);
    if (q.to) query = query.where("created_at", "<", q.to);
    const { rows, total } = await newestFirstPage(query, q);
    return { items: rows.map(toApiOrder), page: q.page, pageSize: q.pageSize, total };
  }

  /** A channel sees only its own orders; anything else is indistinguishable from a missing one. */
  private async owned(channel: ChannelRef, orderId: string): Promise<OrderRow> {
    const row = await this.deps.orders.get(orderId);
    if (!row || row.channel_id !== channel.id || isHiddenFromChannel(row.status)) {
      throw new DomainError("NOT_FOUND", `order ${orderId} not found`);
    }
    return row;
  }
}
