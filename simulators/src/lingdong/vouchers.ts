import { xorshiftDigits } from "../core/xorshift-digits.js";
import { LingdongCode, LingdongError } from "./codes.js";

/** Card status on the wire: 0 bought (未激活), 1 activated, 2 used, 3 banned (作废). */
export const CardStatus = { bought: "0", activated: "1", used: "2", banned: "3" } as const;
export type CardStatusCode = (typeof CardStatus)[keyof typeof CardStatus];

export const cardStatusNames: Record<CardStatusCode, string> = {
  "0": "未激活",
  "1": "已激活",
  "2": "已使用",
  "3": "已作废",
};

export interface Voucher {
  cardNo: string;
  /** Exchange password, sent to the buyer by SMS on activation; never returned by the API. */
  password: string;
  partnerId: string;
  kindId?: string;
  /** National code of the one cinema of a buyByCinema card. */
  cinemaCode?: string;
  num: number;
  usedNum: number;
  priceFen: number;
  mobile: string;
  validDays: number;
  status: CardStatusCode;
  createdAt: number;
  activatedAt?: number;
  expiresAt?: number;
  bannedAt?: number;
}

export interface SmsRecord {
  mobile: string;
  text: string;
  at: number;
}

const DAY_MS = 86_400_000;

/** Every card the simulator sold, its state machine bought → activated → used | banned, and the SMS log. */
export class VoucherBook {
  private readonly cards = new Map<string, Voucher>();
  readonly sms: SmsRecord[] = [];
  private seq = 0;
  private readonly digits: (n: number) => string;

  constructor(
    private readonly now: () => number,
    seed: number,
  ) {
    this.digits = xorshiftDigits(seed);
  }

  create(v: Omit<Voucher, "cardNo" | "password" | "usedNum" | "status" | "createdAt">): Voucher {
    this.seq++;
    // 16 digits: "88" + 7-digit sequence + 7 random digits.
    const card: Voucher = {
      ...v,
      cardNo: `88${String(this.seq).padStart(7, "0")}${this.digits(7)}`,
      password: this.digits(8),
      usedNum: 0,
      status: CardStatus.bought,
      createdAt: this.now(),
    };
    this.cards.set(card.cardNo, card);
    return card;
  }

  /** A card of this partner; another partner's card is as unknown as a missing one. */
  find(cardNo: string, partnerId: string): Voucher | undefined {
    const card = this.cards.get(cardNo);
    return card && card.partnerId === partnerId ? card : undefined;
  }

  activate(card: Voucher, cinemaNames: string): Voucher {
    if (card.status !== CardStatus.bought) throw stateError(card);
    const now = this.now();
    card.status = CardStatus.activated;
    card.activatedAt = now;
    card.expiresAt = now + card.validDays * DAY_MS;
    this.sms.push({
      mobile: card.mobile,
      text: `【灵动创展】您的电影兑换券卡号${card.cardNo}，密码${card.password}，可兑换${card.num}张，适用影院：${cinemaNames}。`,
      at: now,
    });
    return card;
  }

  ban(card: Voucher): Voucher {
    if (card.status !== CardStatus.bought && card.status !== CardStatus.activated) throw stateError(card);
    if (card.usedNum > 0) throw stateError(card, "卡已部分使用，不能作废");
    card.status = CardStatus.banned;
    card.bannedAt = this.now();
    return card;
  }

  /** A ticket exchanged at a cinema counter (not part of the partner API). */
  redeem(cardNo: string, count: number): Voucher {
    const card = this.cards.get(cardNo);
    if (!card) throw new LingdongError(LingdongCode.badRequest, "卡号不存在", "card_not_found");
    if (card.status !== CardStatus.activated) throw stateError(card);
    if (card.expiresAt !== undefined && this.now() > card.expiresAt) throw stateError(card, "卡已过期");
    if (card.usedNum + count > card.num) throw stateError(card, "可兑换次数不足");
    card.usedNum += count;
    if (card.usedNum === card.num) card.status = CardStatus.used;
    return card;
  }
}

function stateError(card: Voucher, message = `卡状态不正确(${cardStatusNames[card.status]})`): LingdongError {
  return new LingdongError(LingdongCode.notAcceptable, message, "card_status");
}
