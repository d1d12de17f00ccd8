import type { Transaction } from "kysely";
import type { Db } from "../db/database.js";
import type { Database } from "../db/schema.js";
import { DomainError } from "../domain/domain-error.js";
import type { Clock } from "../domain/time.js";
import { VOUCHER_HIDDEN_STATUSES, VOUCHER_PAID_STATUSES, type VoucherOrderStatus } from "../domain/voucher-states.js";
import { maskMobile } from "../ops/mask.js";
import { type ConfirmInput, sameSinglePayment } from "../orders/confirm.js";
import { IdempotencyStore } from "../orders/idempotency.js";
import type { ChannelRef } from "../orders/order-service.js";
import type { StepScheduler } from "../orders/runner.js";
import { newId } from "../security/ids.js";
import type { Voucher } from "../vendors/vouchers.js";
import type { ActivationRecord } from "./activation.js";
import { parseProductId } from "./product-id.js";
import type { VoucherProducts } from "./products.js";
import { voucherRefusal } from "./voucher-refusals.js";
import type { VoucherOrderRow, VoucherOrderStore } from "./voucher-store.js";
import type { VoucherVendors } from "./voucher-vendors.js";
import { type ApiVoucherOrder, toApiVoucherOrder } from "./voucher-view.js";

export interface VoucherServiceDeps {
  db: Db;
  clock: Clock;
  store: VoucherOrderStore;
  vendors: VoucherVendors;
  products: VoucherProducts;
  /** Where activation steps are queued (pg-boss in production, a manual list in tests). */
  scheduler: StepScheduler;
}

export interface CreateVoucherOrder {
  productId: string;
  count: number;
  mobile: string;
}

const CREATE_SCOPE = "voucher-create";

/**
 * The voucher use cases behind the channel API (API.md "Vouchers", vendor-docs 004): buy creates the
 * vendor's inactive card and its total; confirm records the channel's payment durably and queues
 * the activation (vouchers/activation.ts); cancel voids the card (the vendor's ban).
 */
export class VoucherService {
  private readonly idempotency: IdempotencyStore;

  constructor(readonly deps: VoucherServiceDeps) {
    this.idempotency = new IdempotencyStore(deps.db);
  }

  products(channel: ChannelRef, cityCode: string) {
    return this.deps.products.forCity(channel.id, cityCode);
  }

  async create(channel: ChannelRef, key: string, body: CreateVoucherOrder) {
    const owner = { channelId: channel.id };
    return this.idempotency.run(
      owner,
      CREATE_SCOPE,
      key,
      body,
      async () => {
        const row = await this.buy(channel, body, (trx, id) =>
          this.idempotency.notePending(trx, owner, CREATE_SCOPE, key, id),
        );
        return { statusCode: 201, body: toApiVoucherOrder(row) };
      },
      async (orderId) => {
        // A create whose process died: its order answers for it once the buy has ended.
        const row = await this.deps.store.get(orderId);
        if (!row || row.channel_id !== channel.id || row.status === "FAILED") return "retry" as const;
        if (row.status === "CREATING") return "wait" as const;
        return { statusCode: 201, body: toApiVoucherOrder(row) };
      },
    );
  }

  private async buy(
    channel: ChannelRef,
    body: CreateVoucherOrder,
    notePending: (trx: Transaction<Database>, id: string) => Promise<void>,
  ): Promise<VoucherOrderRow> {
    const ref = parseProductId(body.productId);
    const account = (await this.deps.vendors.list()).find((a) => a.id === ref.accountId);
    if (!account) throw new DomainError("NOT_FOUND", `voucher product ${body.productId} not found`);
    const connector = await this.deps.vendors.forAccount(account.id);
    const caps = connector.capabilities;
    if (!(ref.type === "cinema" ? caps.buyByCinema : caps.buyByKind)) {
      throw new DomainError("NOT_FOUND", `voucher product ${body.productId} not found`);
    }
    if (body.count > caps.maxTicketsPerCard) {
      throw new DomainError(
        "VALIDATION_FAILED",
        `one voucher order carries at most ${caps.maxTicketsPerCard} tickets`,
        {
          errors: [{ path: "/count", message: `must be at most ${caps.maxTicketsPerCard}` }],
        },
      );
    }
    const id = newId("vou");
    await this.deps.db.transaction().execute(async (trx) => {
      await this.deps.store.insert(
        {
          id,
          channel_id: channel.id,
          vendor_account_id: account.id,
          product_id: body.productId,
          product_name: this.deps.products.nameOf(body.productId) ?? null,
          count: body.count,
          mobile_masked: maskMobile(body.mobile) ?? "****",
          status: "CREATING",
        },
        trx,
      );
      await notePending(trx, id);
    });
    const base = { orderId: id, count: body.count, mobile: body.mobile };
    const res =
      ref.type === "cinema"
        ? await connector.buyByCinema({ ...base, vendorCinemaId: ref.vendorCinemaId })
        : await connector.buyByKind({ ...base, kindId: ref.kindId });
    if (!res.ok) {
      // An unanswered buy leaves at most an inactive card nobody paid for: the order simply failed.
      await this.deps.store.transition(id, ["CREATING"], "FAILED", {
        failure: JSON.stringify({ code: res.error.code, message: res.error.message, vendorCode: res.error.vendorCode }),
      });
      throw voucherRefusal(res.error);
    }
    const row = await this.deps.store.transition(id, ["CREATING"], "AWAITING_PAYMENT", cardFields(res.value));
    if (!row) throw new DomainError("CONFLICT", "the voucher order changed while buying; fetch it and retry");
    return row;
  }

  /**
   * The buyer paid the channel: record the payment and queue the activation (202). Confirming again
   * with the same payment answers the order as it is; with another payment it is a conflict.
   */
  async confirm(channel: ChannelRef, orderId: string, key: string | undefined, body: ConfirmInput) {
    const work = async () => ({
      statusCode: 202,
      body: toApiVoucherOrder(await this.startActivation(channel, orderId, body)),
    });
    if (key === undefined) return { ...(await work()), replayed: false };
    return this.idempotency.run({ channelId: channel.id }, `voucher-confirm:${orderId}`, key, body, work);
  }

  private async startActivation(channel: ChannelRef, orderId: string, body: ConfirmInput): Promise<VoucherOrderRow> {
    const row = await this.owned(channel, orderId);
    if (row.status === "AWAITING_PAYMENT") {
      if (body.paidFen !== row.total_fen) {
        throw new DomainError("VALIDATION_FAILED", `paidFen ${body.paidFen} does not equal totalFen ${row.total_fen}`, {
          errors: [{ path: "/paidFen", message: `must equal totalFen (${row.total_fen})` }],
        });
      }
      const now = this.deps.clock.now();
      const activation: ActivationRecord = { startedAt: now, attempt: 0, nextAt: now };
      const moved = await this.deps.store.transition(row.id, ["AWAITING_PAYMENT"], "ACTIVATING", {
        paid_fen: body.paidFen,
        payment: JSON.stringify(body.payment),
        activation: JSON.stringify(activation),
      });
      if (moved) {
        await this.deps.scheduler.schedule(row.id, now);
        return moved;
      }
      return this.startActivation(channel, orderId, body);
    }
    if (VOUCHER_PAID_STATUSES.includes(row.status)) {
      if (sameSinglePayment(row, body)) return row;
      throw new DomainError(
        "ORDER_STATE_CONFLICT",
        `兑换券订单已用另一笔支付确认（当前状态 ${row.status}） / the voucher order was already confirmed with another payment (status ${row.status})`,
        { reason: "confirmed_with_other_payment" },
      );
    }
    throw new DomainError("ORDER_STATE_CONFLICT", `the voucher order is ${row.status}; it cannot be confirmed`);
  }

  /** The order; with `refresh`, an active card's state is first asked of the vendor (its status call). */
  async get(channel: ChannelRef, orderId: string, refresh = false) {
    let row = await this.owned(channel, orderId);
    if (refresh && row.card_no && (row.status === "ACTIVE" || row.status === "USED")) {
      const connector = await this.deps.vendors.forAccount(row.vendor_account_id);
      const st = await connector.status(row.card_no);
      if (!st.ok) throw voucherRefusal(st.error);
      const to: VoucherOrderStatus =
        st.value.status === "banned" ? "BANNED" : st.value.status === "used" ? "USED" : row.status;
      row =
        (await this.deps.store.transition(row.id, [row.status], to, {
          ...cardFields(st.value),
          ...(to === "BANNED" ? { banned_at: new Date(st.value.bannedAt ?? this.deps.clock.now()) } : {}),
        })) ?? (await this.owned(channel, orderId));
    }
    return toApiVoucherOrder(row);
  }

  /**
   * Voids the card (the vendor's ban). Unpaid: the order is cancelled first, so a confirm racing
   * with it cannot activate a card being voided; an inactive card left un-banned costs nothing.
   * Paid and active: banned at the vendor first (it refuses a card already used), then recorded.
   */
  async cancel(channel: ChannelRef, orderId: string): Promise<ApiVoucherOrder> {
    const row = await this.owned(channel, orderId);
    const connector = await this.deps.vendors.forAccount(row.vendor_account_id);
    const action = { cardNo: row.card_no ?? "", orderId: row.id };
    if (row.status === "AWAITING_PAYMENT") {
      const cancelled = await this.deps.store.transition(row.id, ["AWAITING_PAYMENT"], "CANCELLED");
      if (!cancelled) return this.cancel(channel, orderId);
      const banned = await connector.ban(action);
      if (!banned.ok) return toApiVoucherOrder(cancelled);
      const done = await this.deps.store.update(row.id, "CANCELLED", {
        ...cardFields(banned.value),
        banned_at: new Date(banned.value.bannedAt ?? this.deps.clock.now()),
      });
      return toApiVoucherOrder(done ?? cancelled);
    }
    if (row.status === "ACTIVE") {
      const banned = await connector.ban(action);
      if (!banned.ok) throw voucherRefusal(banned.error);
      const done = await this.deps.store.transition(row.id, ["ACTIVE"], "BANNED", {
        ...cardFields(banned.value),
        banned_at: new Date(banned.value.bannedAt ?? this.deps.clock.now()),
      });
      return toApiVoucherOrder(done ?? (await this.owned(channel, orderId)));
    }
    if (row.status === "CANCELLED" || row.status === "BANNED") return toApiVoucherOrder(row);
    throw new DomainError("ORDER_STATE_CONFLICT", `the voucher order is ${row.status}; its card cannot be voided`);
  }

  async list(channel: ChannelRef, q: { status?: VoucherOrderStatus; page: number; pageSize: number }) {
    const { rows, total } = await this.deps.store.list(channel.id, { ...q, hidden: VOUCHER_HIDDEN_STATUSES });
    return { items: rows.map(toApiVoucherOrder), page: q.page, pageSize: q.pageSize, total };
  }

  /** A channel sees only its own orders; anything else is indistinguishable from a missing one. */
  private async owned(channel: ChannelRef, orderId: string): Promise<VoucherOrderRow> {
    const row = await this.deps.store.get(orderId);
    if (!row || row.channel_id !== channel.id || VOUCHER_HIDDEN_STATUSES.includes(row.status)) {
      throw new DomainError("NOT_FOUND", `voucher order ${orderId} not found`);
    }
    return row;
  }
}

/** The card as the vendor reported it, in the order's columns. */
function cardFields(card: Voucher) {
  return {
    card_no: card.cardNo,
    vendor_status: card.vendorStatus,
    used_count: card.usedCount,
    unit_fen: card.unitPriceFen,
    total_fen: card.totalFen,
    ...(card.expiresAt !== undefined ? { expires_at: new Date(card.expiresAt) } : {}),
  };
}
