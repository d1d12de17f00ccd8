import type { Clock } from "../../domain/time.js";
import { accountTransport } from "../account-transport.js";
import type { Capabilities, CinemaConnector } from "../connector.js";
import type { ConnectorOptions } from "../descriptor.js";
import { minutes } from "../recovery.js";
import * as catalogue from "./catalogue.js";
import type { VistaSettings } from "./cinema-settings.js";
import { VistaClient, type VistaCredentials } from "./client.js";
import { vistaCapabilities } from "./descriptor.js";
import { vistaRecoveryPolicy } from "./recovery.js";
import { VistaTrade } from "./trade.js";

export type { VistaSettings } from "./cinema-settings.js";
export { VISTA_CODES } from "./codes.js";
export { printNumber } from "./pickup.js";
export { vistaRecoveryPolicy } from "./recovery.js";
export { userSessionIdFor } from "./trade.js";

export interface VistaConnectorOptions extends ConnectorOptions<VistaCredentials> {
  settings?: VistaSettings;
}

/**
 * VISTA Connect third-party API (China) v4.5.7, doc 003. See docs/vendors/vista.md for quirks,
 * the code table and the document discrepancies resolved.
 */
export function createVistaConnector(opts: VistaConnectorOptions): CinemaConnector<"vista"> {
  const transport = accountTransport("vista", opts, [opts.credentials.token]);
  const client = new VistaClient(transport, opts.baseUrl, opts.credentials);
  return connectorOver(client, opts.clock, opts.settings ?? {});
}

/**
 * The connector over one account's client with one cinema's settings. The account's connector uses
 * the settings it was created with (none in production: the defaults); `withCinemaSettings` gives a
 * cinema its own view over the same client, so the account keeps one pool, rate limit and breaker.
 */
function connectorOver(client: VistaClient, clock: Clock, s: VistaSettings): CinemaConnector<"vista"> {
  const lockTtlMs = s.lockTtlMinutes !== undefined ? minutes(s.lockTtlMinutes) : vistaCapabilities.lockTtlMs;
  const maxSeatsPerOrder = s.maxSeatsPerOrder ?? vistaCapabilities.maxSeatsPerOrder;
  const catalogueSettings: catalogue.CatalogueSettings = {
    stopSellingMinutes: s.stopSellingMinutes ?? 0,
    preferredTicketTypes: s.preferredTicketTypes ?? [],
    ticketConcurrency: 8,
  };
  const trade = new VistaTrade(client, clock, {
    lockTtlMs,
    maxSeatsPerOrder,
    preferredTicketTypes: s.preferredTicketTypes ?? [],
    payment: {
      // §3.9: 以影城通知为准, defaults 9999 9999 9999 9999 / CreditCard / CreditCard.
      cardNumber: s.payment?.cardNumber ?? "9999999999999999",
      cardType: s.payment?.cardType ?? "CreditCard",
      tenderCategory: s.payment?.tenderCategory ?? "CreditCard",
    },
    refundBookingFee: s.refundBookingFee ?? true,
    sendCustomerPhone: s.sendCustomerPhone ?? false,
  });

  const capabilities: Capabilities = { ...vistaCapabilities, maxSeatsPerOrder, lockTtlMs };

  return {
    vendor: "vista",
    capabilities,
    recovery: vistaRecoveryPolicy,
    ping: () => catalogue.ping(client),
    listCinemas: () => catalogue.listCinemas(client),
    getCinema: (cinema) => catalogue.getCinema(client, cinema),
    listFilms: (cinema) => catalogue.listFilms(client, cinema),
    listShowtimes: (query) => catalogue.listShowtimes(client, catalogueSettings, query),
    getSeatLayout: (cinema, hallId, showtime) => catalogue.getSeatLayout(client, cinema, hallId, showtime),
    getSeatStatus: (cinema, showtime) => catalogue.getSeatStatus(client, cinema, showtime),
    getShowtimeAreas: (cinema, showtime) => catalogue.getShowtimeAreas(client, cinema, showtime),
    lock: (req) => trade.lock(req),
    release: (order) => trade.release(order),
    confirm: (req) => trade.confirm(req),
    queryOrder: (order) => trade.queryOrder(order),
    cancel: (order) => trade.cancel(order),
    refund: (order, reason) => trade.refund(order, reason),
    printStatus: (order) => trade.printStatus(order),
    // Checked against VistaCinemaSettingsSchema by the Admin API before it was stored.
    withCinemaSettings: (settings) => connectorOver(client, clock, settings as VistaSettings),
  };
}
