import type { Db } from "../db/database.js";
import { DomainError } from "../domain/domain-error.js";
import { fenToYuan } from "../domain/money.js";
import type { Clock } from "../domain/time.js";
import type { IdempotencyStore } from "../orders/idempotency.js";
import type { MemberCard, MemberCardsConnector } from "../vendors/member-cards.js";
import type { ConnectorRegistry } from "../vendors/registry.js";
import { placeCardOrder, tradeNoOf } from "./card-orders.js";
import { cardRecords } from "./card-records.js";
import { issueCardRef, resolveCardRef } from "./card-refs.js";
import { unwrap } from "./card-refusals.js";
import { type CardView, cardView } from "./card-view.js";
import { type ChannelCinema, channelCinema, concessionsOf, memberCardsOf } from "./cinema-access.js";
import { goodsView } from "./goods-view.js";
import { gradeView, rechargeableKind } from "./grade-view.js";

export interface MemberCardDeps {
  db: Db;
  registry: ConnectorRegistry;
  idempotency: IdempotencyStore;
  clock: Clock;
}

/** The payment the channel already took for a card order (API.md: the channel takes its own money). */
export interface ChannelPayment {
  method: "wechat" | "alipay" | "other";
  tradeNo: string;
}

export interface RegisterCard {
  cinemaId: string;
  gradeId: string;
  holder: { name: string; mobile: string; idCard?: string; birthday?: string };
  password: string;
  initialRechargeFen: number;
  payment: ChannelPayment;
}

/**
 * Member cards and concessions of API.md for one channel: the vendor is asked live (cards are
 * the cinema's, never copied here). A card password is passed straight to the connector, which
 * encrypts and masks it; it is never stored, logged or answered — it is even left out of the
 * request hash the Idempotency-Key machinery keeps.
 */
export class MemberCardService {
  constructor(private readonly deps: MemberCardDeps) {}

  private cinema(channelId: string, cinemaId: string) {
    return channelCinema(this.deps, channelId, cinemaId);
  }

  /** The card behind a handle, its cinema (still in the channel's scope) and that cinema's card calls. */
  private async byRef(channelId: string, cardRef: string) {
    const target = await resolveCardRef(this.deps.db, channelId, cardRef);
    if (!target) throw new DomainError("MEMBER_CARD_INVALID", "no such card handle", { reason: "not_found" });
    const cinema = await this.cinema(channelId, target.cinemaId);
    return { cinema, members: memberCardsOf(cinema), cardNo: target.cardNo };
  }

  async grades(channelId: string, cinemaId: string) {
    const cinema = await this.cinema(channelId, cinemaId);
    return { items: unwrap(await memberCardsOf(cinema).grades(cinema.ref)).map(gradeView) };
  }

  async goods(channelId: string, cinemaId: string) {
    const cinema = await this.cinema(channelId, cinemaId);
    const menu = unwrap(await concessionsOf(cinema).listGoods(cinema.ref));
    return {
      items: menu.items.map(goodsView).filter((g) => g !== undefined),
      ...(menu.maxPerOrder !== undefined ? { maxPerOrder: menu.maxPerOrder } : {}),
    };
  }

  /**
   * Card number + password → a handle. The card is read first (no password: its issuer and
   * status), so a lost, cancelled or expired card, or one of another cinema, is refused without
   * ever sending its password; then the balance call checks the password — once, never retried.
   */
  async verify(channelId: string, body: { cinemaId: string; cardNo: string; password: string }) {
    const cinema = await this.cinema(channelId, body.cinemaId);
    const members = memberCardsOf(cinema);
    const card = await usableCard(members, cinema, body.cardNo);
    const balance = unwrap(await members.balance(cinema.ref, body.cardNo, body.password));
    const cardRef = await issueCardRef(this.deps.db, channelId, { cinemaId: cinema.id, cardNo: body.cardNo });
    return { cardRef, ...cardView(card, balance) };
  }

  /** The card live from the vendor (without its password the vendor gives no balance, see cardView). */
  async get(channelId: string, cardRef: string) {
    const { cinema, members, cardNo } = await this.byRef(channelId, cardRef);
    const card = unwrap(await members.detail(cinema.ref, cardNo));
    return { cardRef, ...cardView(card) };
  }

  async register(channelId: string, key: string, body: RegisterCard) {
    const { password: _never, ...hashed } = body;
    const res = await this.deps.idempotency.run(channelId, "member-card-register", key, hashed, async () => ({
      statusCode: 201,
      body: await this.registerOnce(channelId, key, body),
    }));
    return res;
  }

  private async registerOnce(
    channelId: string,
    key: string,
    body: RegisterCard,
  ): Promise<CardView & { cardRef: string }> {
    const cinema = await this.cinema(channelId, body.cinemaId);
    const members = memberCardsOf(cinema);
    const grade = unwrap(await members.grades(cinema.ref)).find((g) => g.gradeId === body.gradeId);
    if (!grade)
      throw new DomainError("VALIDATION_FAILED", `no card grade ${body.gradeId} at this cinema`, {
        errors: [{ path: "/gradeId", message: "unknown grade" }],
      });
    if (body.initialRechargeFen > 0) {
      if (!rechargeableKind(grade.kind))
        throw new DomainError("VALIDATION_FAILED", "cards of this grade cannot be recharged", {
          errors: [{ path: "/initialRechargeFen", message: "must be 0 for this grade" }],
        });
      checkMinimum(body.initialRechargeFen, grade.minRechargeFen, "/initialRechargeFen");
    }
    const scope = "member-card-register";
    const outTradeNo = tradeNoOf(channelId, scope, key, "register");
    const order = await placeCardOrder(
      () =>
        members.register({
          cinema: cinema.ref,
          gradeId: grade.gradeId,
          outTradeNo,
          password: body.password,
          cardCostFen: grade.cardCostFen ?? 0,
          memberFeeFen: grade.memberFeeFen ?? 0,
          // ykse §7.2 note 1: the vendor does not implement a first recharge; it is a recharge of its own below.
          firstRechargeFen: 0,
          holder: {
            mobile: body.holder.mobile,
            name: body.holder.name,
            ...(body.holder.idCard ? { idCard: body.holder.idCard } : {}),
            ...(body.holder.birthday ? { birthdate: body.holder.birthday } : {}),
          },
        }),
      () => members.order({ outTradeNo }),
    );
    const cardNo = order.cardNumber;
    if (!cardNo)
      throw new DomainError("VENDOR_UNAVAILABLE", "the cinema's system registered a card but named no card number");
    if (body.initialRechargeFen > 0) {
      const rechargeNo = tradeNoOf(channelId, scope, key, "recharge");
      await placeCardOrder(
        () =>
          members.recharge({
            cinema: cinema.ref,
            cardNumber: cardNo,
            outTradeNo: rechargeNo,
            amountFen: body.initialRechargeFen,
            description: paymentNote(body.payment),
          }),
        () => members.order({ outTradeNo: rechargeNo }),
      );
    }
    const card = unwrap(await members.detail(cinema.ref, cardNo));
    const balance = unwrap(await members.balance(cinema.ref, cardNo, body.password));
    const cardRef = await issueCardRef(this.deps.db, channelId, { cinemaId: cinema.id, cardNo });
    return { cardRef, ...cardView(card, balance) };
  }

  async recharge(
    channelId: string,
    cardRef: string,
    key: string,
    body: { amountFen: number; payment: ChannelPayment },
  ) {
    const scope = "member-card-recharge";
    return this.deps.idempotency.run(channelId, scope, key, { cardRef, ...body }, async () => {
      const { cinema, members, cardNo } = await this.byRef(channelId, cardRef);
      const card = await usableCard(members, cinema, cardNo);
      if (!card.rechargeable || !rechargeableKind(card.kind))
        throw new DomainError("CONFLICT", "this card cannot be recharged", { reason: "not_rechargeable" });
      const minimum =
        card.minRechargeFen ??
        unwrap(await members.grades(cinema.ref)).find((g) => g.gradeId === card.gradeId)?.minRechargeFen;
      checkMinimum(body.amountFen, minimum, "/amountFen");
      const outTradeNo = tradeNoOf(channelId, scope, key);
      const order = await placeCardOrder(
        () =>
          members.recharge({
            cinema: cinema.ref,
            cardNumber: cardNo,
            outTradeNo,
            amountFen: body.amountFen,
            description: paymentNote(body.payment),
          }),
        () => members.order({ outTradeNo }),
      );
      const after = unwrap(await members.detail(cinema.ref, cardNo));
      return {
        statusCode: 200,
        body: {
          cardRef,
          ...cardView(after, order.balanceFen !== undefined ? { balanceFen: order.balanceFen } : undefined),
        },
      };
    });
  }

  /** Consumption, recharge and points records, newest first, over at most the vendor's 90 days. */
  async transactions(channelId: string, cardRef: string, range: { from?: string; to?: string }) {
    const { cinema, members, cardNo } = await this.byRef(channelId, cardRef);
    return cardRecords(members, cinema, cardNo, range, this.deps.clock);
  }
}

/**
 * The card, refused unless it belongs to this cinema and is active: lost, cancelled, expired (and
 * replaced, used up) cards are MEMBER_CARD_INVALID with the status as `reason` (ykse §7.7 cardStatus).
 */
export async function usableCard(
  members: MemberCardsConnector,
  cinema: ChannelCinema,
  cardNo: string,
): Promise<MemberCard> {
  const card = unwrap(await members.detail(cinema.ref, cardNo));
  if (card.issuerCinemaId && card.issuerCinemaId !== cinema.ref.vendorCinemaId)
    throw new DomainError("MEMBER_CARD_INVALID", "this card belongs to another cinema", { reason: "other_cinema" });
  if (card.status !== "active")
    throw new DomainError("MEMBER_CARD_INVALID", `this card is ${card.status}`, { reason: card.status });
  if (!card.usable) throw new DomainError("MEMBER_CARD_INVALID", "this card may not be used", { reason: "not_usable" });
  return card;
}

/**
 * The grade's minimum recharge, checked before the vendor is called (vendor-docs 000 §三.2 (1)<1>:
 * 晨星, 火凤凰, 鼎新 and 1905 have one; ykse's grades carry `minAmount`, §7.1).
 */
function checkMinimum(amountFen: number, minimumFen: number | undefined, path: string): void {
  if (minimumFen === undefined || amountFen >= minimumFen) return;
  throw new DomainError(
    "VALIDATION_FAILED",
    `the minimum recharge for this card grade is ${fenToYuan(minimumFen)} yuan`,
    {
      minRechargeFen: minimumFen,
      errors: [{ path, message: `at least ${minimumFen} fen` }],
    },
  );
}

/** The channel's payment, written on the vendor's recharge record for reconciliation. */
const paymentNote = (p: ChannelPayment) => `${p.method} ${p.tradeNo}`;
