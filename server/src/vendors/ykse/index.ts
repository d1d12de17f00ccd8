import type { Static } from "@sinclair/typebox";
import { ok } from "../../domain/errors.js";
import type { Capabilities, CinemaConnector } from "../connector.js";
import type { ConnectorOptions } from "../descriptor.js";
import type { RecoveryPolicy } from "../recovery.js";
import { VendorTransport } from "../transport.js";
import { YkseBenefitCards } from "./benefit.js";
import { YkseCatalogue } from "./catalogue.js";
import { YkseClient, type YkseDialect } from "./client.js";
import { type YkseCredentials, ykseCapabilities } from "./descriptor.js";
import { YkseGoods } from "./goods.js";
import { YkseMembers } from "./members.js";
import { ykseRecoveryPolicy } from "./recovery.js";
import { YkseTrade } from "./trade.js";

/**
 * The ykse (凤凰佳影 / 粤科 电影云, doc 002 v1.2.x) connector: the CinemaConnector contract plus
 * ykse's own extras — member cards (§7), benefit cards (§8), concessions and mixed orders (§5.5,
 * §6), pickup info and printing (§5.8–5.10).
 */
export type YkseConnectorOptions = ConnectorOptions<Static<typeof YkseCredentials>>;

export type YkseConnector<Id extends string = "ykse"> = CinemaConnector<Id> & {
  readonly members: YkseMembers;
  readonly benefitCards: YkseBenefitCards;
  readonly goods: YkseGoods;
  /** ykse trade calls beyond the contract: multi-pay, mixed orders, pickup info, printing. */
  readonly trade: YkseTrade;
  readonly catalogue: YkseCatalogue;
  readonly client: YkseClient;
  close(): Promise<void>;
};

export function createYkseConnector(opts: YkseConnectorOptions): YkseConnector {
  return buildYkseConnector(opts, { vendor: "ykse", capabilities: ykseCapabilities, recovery: ykseRecoveryPolicy });
}

/** What differs between gateways that speak the ykse protocol (ykse itself, 凤凰云智's lark gateway). */
export interface YkseProfile<Id extends string> {
  vendor: Id;
  capabilities: Capabilities;
  recovery: RecoveryPolicy;
  dialect?: YkseDialect;
}

/** The one ykse implementation, for any gateway that speaks it (see YkseProfile). */
export function buildYkseConnector<Id extends string>(
  opts: ConnectorOptions<{ channelCode: string; secret: string; cardKey?: string }>,
  profile: YkseProfile<Id>,
): YkseConnector<Id> {
  const { channelCode, secret, cardKey } = opts.credentials;
  const transport = new VendorTransport({
    vendor: profile.vendor,
    accountId: opts.accountId,
    baseUrl: opts.baseUrl,
    clock: opts.clock,
    recorder: opts.recorder,
    secrets: [secret, ...(cardKey ? [cardKey] : [])],
    timeoutMs: opts.timeoutMs ?? 30_000,
    ...(opts.ratePerSecond !== undefined ? { ratePerSecond: opts.ratePerSecond } : {}),
  });
  const client = new YkseClient({
    transport,
    channelCode,
    secret,
    clock: opts.clock,
    ...(profile.dialect ? { dialect: profile.dialect } : {}),
  });
  const catalogue = new YkseCatalogue(client, opts.clock);
  const trade = new YkseTrade(client, opts.clock, cardKey);

  return {
    vendor: profile.vendor,
    capabilities: profile.capabilities,
    recovery: profile.recovery,
    client,
    catalogue,
    trade,
    members: new YkseMembers(client, cardKey),
    benefitCards: new YkseBenefitCards(client),
    goods: new YkseGoods(client, cardKey),

    async ping() {
      const res = await catalogue.listCinemas();
      return res.ok ? ok({ cinemaCount: res.value.length }) : res;
    },
    listCinemas: () => catalogue.listCinemas(),
    getCinema: (cinema) => catalogue.getCinema(cinema),
    listFilms: (cinema) => catalogue.listFilms(cinema),
    listShowtimes: (query) => catalogue.listShowtimes(query),
    getSeatLayout: (cinema, hallId, showtime) => catalogue.getSeatLayout(cinema, hallId, showtime),
    getSeatStatus: (cinema, showtime) => catalogue.getSeatStatus(cinema, showtime),
    getShowtimeAreas: (cinema, showtime) => catalogue.getShowtimeAreas(cinema, showtime),
    lock: (req) => trade.lock(req),
    release: (order) => trade.release(order),
    confirm: (req) => trade.confirm(req),
    queryOrder: (order) => trade.queryOrder(order),
    reverse: (order) => trade.reverse(order),
    refund: (order) => trade.refund(order),
    printStatus: (order) => trade.printStatus(order),
    close: () => transport.close(),
  };
}

export { BUSINESS_CODES, SYSTEM_CODES } from "./codes.js";
export { ykseCapabilities } from "./descriptor.js";
export { ykseRecoveryPolicy } from "./recovery.js";
