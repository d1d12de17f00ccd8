/**
 * `result` values this simulator answers. public-refs §5.3 shows four, each in one call's reply
 * (webLockSeat 3, fixCashOrder 6, cancelOrder 104, fixTicketPrint 1), and says no error table was
 * found (§13). Every other value here is the simulator's own choice, with a message in the
 * vendor's manner: a client must not rely on them (the connector reads undocumented values by
 * message only).
 */
export const HfhCode = {
  // From public-refs §5.3.
  lockFailed: "3",
  seatCountMismatch: "6",
  refundOrderNotFound: "104",
  alreadyPrinted: "1",
  // The simulator's own.
  badUser: "1001",
  badCheckValue: "1002",
  missingParam: "1003",
  tooFrequent: "1004",
  systemBusy: "1005",
  unknownMethod: "1006",
  cinemaNotFound: "2001",
  hallNotFound: "2002",
  showNotFound: "2003",
  showClosed: "2004",
  seatNotFound: "2005",
  lockNotFound: "3002",
  priceTooLow: "3004",
  alreadyPaid: "3005",
  orderNotFound: "3006",
  duplicateOrderNo: "3007",
  refundRefused: "3008",
  tooManySeats: "3009",
  cardNotFound: "4001",
  cardPassword: "4002",
  cardBalanceLow: "4003",
  rechargeTooLow: "4004",
  badToken: "4005",
} as const;

export class HfhError extends Error {
  constructor(
    readonly code: string,
    message: string,
  ) {
    super(message);
  }
}
