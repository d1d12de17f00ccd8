import type { Static } from "@sinclair/typebox";
import { fail, ok, type Result } from "../../domain/errors.js";
import { fenToYuan, yuanToFen } from "../../domain/money.js";
import { systemClock } from "../../domain/time.js";
import type { VendorTransport } from "../transport.js";
import { type MantianxingAnswer, MantianxingClient, MEMBER_PATH } from "./client.js";
import type { MantianxingCredentials } from "./descriptor.js";
import { MEMBER_NS, rows, str } from "./soap.js";

export interface MtxCard {
  cardNo: string;
  gradeCode?: string;
  gradeName?: string;
  balanceFen?: number;
  status?: string;
  placeNo?: string;
}

const fenOr = (text: string | undefined): number | undefined => {
  if (!text) return undefined;
  try {
    return yuanToFen(text.trim());
  } catch {
    return undefined;
  }
};

/**
 * The member centre (`cmtspay` payapi, public-refs §9.4): validateKey = the ticket centre's hashing
 * (lower-case, MD5, [8, 24)) over partnerCode + placeNo + partnerId + the op's values + partnerKey,
 * no token. Card passwords travel in clear inside SOAP (as the refs show) and are masked in every
 * recording. The refs list no member error codes: a non-zero ResultCode comes back with its raw text.
 */
export class MantianxingMembers {
  private readonly client: MantianxingClient | undefined;
  private readonly partnerId: string;

  constructor(transport: VendorTransport, creds: Static<typeof MantianxingCredentials>) {
    this.partnerId = creds.partnerId ?? "";
    this.client =
      creds.partnerCode && creds.partnerKey
        ? new MantianxingClient(transport, systemClock, creds.partnerCode, creds.partnerKey)
        : undefined;
  }

  private async call(
    op: string,
    placeNo: string,
    signed: Array<[string, string]>,
    unsigned: Array<[string, string]> = [],
    opts: { sideEffect?: boolean; mask?: string[] } = {},
  ): Promise<Result<MantianxingAnswer>> {
    const client = this.client;
    if (!client) return fail("config_error", "满天星 member centre: the account has no partnerCode / partnerKey");
    const head: Array<[string, string]> = [
      ["partnerCode", client.appCode],
      ["placeNo", placeNo],
    ];
    return client.call({
      op,
      token: false,
      service: "member",
      ns: MEMBER_NS,
      path: MEMBER_PATH,
      ...(opts.sideEffect ? { sideEffect: true } : {}),
      ...(opts.mask ? { mask: opts.mask } : {}),
      build: () => [
        ...head,
        ...signed,
        ...unsigned,
        ["validateKey", client.sign([...head, ...signed].map(([, v]) => v))],
      ],
    });
  }

  private card(body: Record<string, unknown>): MtxCard {
    return {
      cardNo: str(body, "CardId") ?? "",
      gradeCode: str(body, "AccLevelCode"),
      gradeName: str(body, "AccLevelName"),
      balanceFen: fenOr(str(body, "AccBalance")),
      status: str(body, "AccStatus"),
      placeNo: str(body, "PlaceNo"),
    };
  }

  /** loginCard (bind a card on the buyer site): partnerId, cardId, mobilePhone, passWord. */
  async login(placeNo: string, cardNo: string, password: string, mobile = ""): Promise<Result<MtxCard>> {
    const res = await this.call(
      "loginCard",
      placeNo,
      [
        ["partnerId", this.partnerId],
        ["cardId", cardNo],
        ["mobilePhone", mobile],
        ["passWord", password],
      ],
      [],
      { mask: [password, ...(mobile ? [mobile] : [])] },
    );
    return res.ok ? ok(this.card(res.value.body)) : res;
  }

  /** queryCard by card number (SH passes `*` + the card number as memoryId). */
  async query(placeNo: string, cardNo: string): Promise<Result<MtxCard>> {
    const res = await this.call("queryCard", placeNo, [
      ["partnerId", this.partnerId],
      ["memoryId", `*${cardNo}`],
    ]);
    return res.ok ? ok(this.card(res.value.body)) : res;
  }

  /** getCardType: the cinema's card grades. */
  async grades(placeNo: string): Promise<Result<Array<{ code: string; name: string }>>> {
    const res = await this.call("getCardType", placeNo, []);
    if (!res.ok) return res;
    return ok(
      rows(res.value.body, "MemberTypes", "MemberType").map((w) => ({
        code: str(w, "MemberType") ?? "",
        name: str(w, "MemberTypeName") ?? "",
      })),
    );
  }

  /**
   * getDiscount: the card price of a show, by **FeatureNo** (not FeatureAppNo). DiscountType 0 is
   * a ratio applied to the standard price, 1 a fixed price (CEC's reading).
   */
  async cardPrice(
    placeNo: string,
    cardNo: string,
    show: { featureNo: string; featureDate: string; featureTime: string; listFen: number },
  ): Promise<Result<{ priceFen: number; discountType: string }>> {
    const res = await this.call("getDiscount", placeNo, [
      ["partnerId", this.partnerId],
      ["cardId", cardNo],
      ["mobilePhone", ""],
      ["featureNo", show.featureNo],
      ["featureDate", show.featureDate],
      ["featureTime", show.featureTime],
    ]);
    if (!res.ok) return res;
    const type = str(res.value.body, "DiscountType") ?? "";
    const price = str(res.value.body, "Price") ?? "";
    if (type === "0") {
      // A ratio 0–10 ("8.5" = 85 %) of the standard price.
      const ratio = Number(price);
      if (!Number.isFinite(ratio))
        return fail("vendor_unavailable", `getDiscount Price ${JSON.stringify(price)} is not a ratio`);
      return ok({ priceFen: Math.round((show.listFen * ratio) / 10), discountType: type });
    }
    const fen = fenOr(price);
    return fen === undefined
      ? fail("vendor_unavailable", `getDiscount Price ${JSON.stringify(price)} is not money`)
      : ok({ priceFen: fen, discountType: type });
  }

  /**
   * serialCardPay traceTypeNo 01 (pay): the answer's groundTradeNo goes into SellTicket PaySeqNo
   * with PayType 70. traceMemo is sent, not signed. A lost answer is outcome_unknown.
   */
  async pay(
    placeNo: string,
    card: { cardNo: string; password: string },
    show: { featureNo: string; filmNo: string },
    amountFen: number,
    tickets: number,
  ): Promise<Result<{ tradeNo: string; deductedFen?: number }>> {
    const res = await this.call(
      "serialCardPay",
      placeNo,
      [
        ["partnerId", this.partnerId],
        ["cardId", card.cardNo],
        ["mobilePhone", ""],
        ["passWord", card.password],
        ["traceTypeNo", "01"],
        ["oldPrice", fenToYuan(amountFen)],
        ["tracePrice", "0.00"],
        ["discount", "10"],
        ["featureNo", show.featureNo],
        ["filmNo", show.filmNo],
        ["ticketNum", String(tickets)],
      ],
      [["traceMemo", "cinegate"]],
      { sideEffect: true, mask: [card.password] },
    );
    if (!res.ok) return res;
    const tradeNo = str(res.value.body, "groundTradeNo");
    if (!tradeNo) return fail("outcome_unknown", "serialCardPay answered no groundTradeNo", "no_trade_no");
    return ok({ tradeNo, deductedFen: fenOr(str(res.value.body, "deductMoney")) });
  }

  /** serialCardRecharge: price in yuan; the answer's balance. */
  async recharge(
    placeNo: string,
    card: { cardNo: string; password: string },
    amountFen: number,
  ): Promise<Result<{ balanceFen?: number }>> {
    const res = await this.call(
      "serialCardRecharge",
      placeNo,
      [
        ["partnerId", this.partnerId],
        ["cardId", card.cardNo],
        ["mobilePhone", ""],
        ["passWord", card.password],
        ["price", fenToYuan(amountFen)],
      ],
      [],
      { sideEffect: true, mask: [card.password] },
    );
    return res.ok ? ok({ balanceFen: fenOr(str(res.value.body, "balance")) }) : res;
  }
}
