import { DomainError } from "../domain/domain-error.js";
import type { Result } from "../domain/errors.js";
import type { BenefitPolicy } from "../vendors/member-cards.js";
import { benefitCardView, policyView } from "./benefit-card-view.js";
import { placeCardOrder, tradeNoOf } from "./card-orders.js";
import { unwrap } from "./card-refusals.js";
import { benefitCardsOf, channelCinema, hasBenefitCards } from "./cinema-access.js";
import type { ChannelPayment, MemberCardDeps } from "./member-card-service.js";

/** BCARD_NOT_EXIST (ykse §9.2.12) is a card the caller named wrongly, as for member cards. */
const unwrapCard = <T>(res: Result<T>): T => {
  if (!res.ok && res.error.code === "not_found")
    throw new DomainError("MEMBER_CARD_INVALID", "no such benefit card", { reason: "not_found" });
  return unwrap(res);
};

/**
 * Co-branded benefit cards (联名卡, ykse §8). They belong to the vendor account, not to one cinema
 * (a policy lists the cinemas it applies to), so a call names one of the channel's cinemas to say
 * which cinema system it means; the policy list, without one, covers all of the channel's cinemas.
 */
export class BenefitCardService {
  constructor(private readonly deps: MemberCardDeps) {}

  private async benefit(channelId: string, cinemaId: string) {
    const cinema = await channelCinema(this.deps, channelId, cinemaId);
    return { cinema, cards: benefitCardsOf(cinema) };
  }

  /** Policies of the channel's cinema systems that document benefit cards, each with the channel's cinemas it covers. */
  async policies(channelId: string, cinemaId?: string) {
    const rows = await this.deps.db
      .selectFrom("cinemas")
      .innerJoin("channel_cinemas", "channel_cinemas.cinema_id", "cinemas.id")
      .select(["cinemas.id", "cinemas.vendor_account_id", "cinemas.vendor_cinema_id"])
      .where("channel_cinemas.channel_id", "=", channelId)
      .where("cinemas.active", "=", true)
      .$if(cinemaId !== undefined, (q) => q.where("cinemas.id", "=", cinemaId as string))
      .execute();
    if (cinemaId !== undefined && rows.length === 0) throw new DomainError("NOT_FOUND", `cinema ${cinemaId} not found`);
    const byAccount = new Map<string, typeof rows>();
    for (const r of rows) byAccount.set(r.vendor_account_id, [...(byAccount.get(r.vendor_account_id) ?? []), r]);
    const items: ReturnType<typeof policyView>[] = [];
    for (const cinemas of byAccount.values()) {
      const first = await channelCinema(this.deps, channelId, (cinemas[0] as (typeof cinemas)[number]).id);
      // Asked for one cinema, a system without benefit cards is a 409; across all, it is skipped.
      if (cinemaId === undefined && !hasBenefitCards(first)) continue;
      const policies: BenefitPolicy[] = unwrap(await benefitCardsOf(first).policies());
      for (const p of policies) {
        // A policy without a cinema list applies to every cinema of the account.
        const covered = cinemas
          .filter((c) => p.cinemaIds.length === 0 || p.cinemaIds.includes(c.vendor_cinema_id))
          .map((c) => c.id);
        if (covered.length > 0) items.push(policyView(p, covered));
      }
    }
    return { items };
  }

  async register(
    channelId: string,
    key: string,
    body: {
      cinemaId: string;
      policyCode: string;
      mobile: string;
      holderName?: string;
      idCard?: string;
      payment: ChannelPayment;
    },
  ) {
    const scope = "benefit-card-register";
    return this.deps.idempotency.run(channelId, scope, key, body, async () => {
      const { cards } = await this.benefit(channelId, body.cinemaId);
      const policy = unwrap(await cards.policies()).find((p) => p.policyCode === body.policyCode);
      if (!policy)
        throw new DomainError("VALIDATION_FAILED", `no benefit-card policy ${body.policyCode}`, {
          errors: [{ path: "/policyCode", message: "unknown policy" }],
        });
      if (!policy.enabled || policy.registerFen === undefined)
        throw new DomainError("CONFLICT", "this benefit-card policy is not on sale", { reason: "policy_disabled" });
      const outTradeNo = tradeNoOf(channelId, scope, key);
      const registerFen = policy.registerFen;
      const order = await placeCardOrder(
        () =>
          cards.register({
            policyCode: policy.policyCode,
            outTradeNo,
            mobile: body.mobile,
            registerFen,
            ...(body.holderName ? { holderName: body.holderName } : {}),
            ...(body.idCard ? { idCard: body.idCard } : {}),
          }),
        () => cards.order({ outTradeNo }),
      );
      const cardNo = order.cardNumber ?? order.card?.cardNumber;
      if (!cardNo) throw new DomainError("VENDOR_UNAVAILABLE", "the cinema's system named no card number");
      return { statusCode: 201, body: benefitCardView(unwrapCard(await cards.detail(cardNo))) };
    });
  }

  async get(channelId: string, cinemaId: string, cardNo: string) {
    const { cards } = await this.benefit(channelId, cinemaId);
    return benefitCardView(unwrapCard(await cards.detail(cardNo)));
  }

  async renew(
    channelId: string,
    cardNo: string,
    key: string,
    body: { cinemaId: string; mobile: string; payment: ChannelPayment },
  ) {
    const scope = "benefit-card-renew";
    return this.deps.idempotency.run(channelId, scope, key, { cardNo, ...body }, async () => {
      const { cards } = await this.benefit(channelId, body.cinemaId);
      const card = unwrapCard(await cards.detail(cardNo));
      const policy = unwrap(await cards.policies()).find((p) => p.policyCode === card.policyCode);
      if (!policy?.renewFen)
        throw new DomainError("CONFLICT", "this benefit card cannot be renewed", { reason: "not_renewable" });
      const outTradeNo = tradeNoOf(channelId, scope, key);
      const renewFen = policy.renewFen;
      await placeCardOrder(
        () => cards.renew({ cardNumber: cardNo, outTradeNo, mobile: body.mobile, renewFen }),
        () => cards.order({ outTradeNo }),
      );
      return { statusCode: 200, body: benefitCardView(unwrapCard(await cards.detail(cardNo))) };
    });
  }
}
