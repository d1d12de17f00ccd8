/**
 * `errorCode`s this simulator answers. public-refs §4.5 lists four codes (300505, 500529, 505526,
 * 510573) and says no complete table was found (§13). Every other code here is the simulator's own
 * choice, in the same six-digit style, with a message in the vendor's manner: a client must not rely
 * on them (the connector reads undocumented codes by message only).
 */
export const DxCode = {
  // From public-refs §4.5.
  playOutdated: "300505",
  lockFailed: "500529",
  overBuyLimit: "505526",
  cardBalanceLow: "510573",
  // The simulator's own.
  badSig: "100001",
  unknownPartner: "100002",
  missingParam: "100003",
  tooFrequent: "100004",
  systemBusy: "100005",
  unknownAction: "100006",
  cinemaNotFound: "300401",
  playNotFound: "300402",
  hallNotFound: "300403",
  playNotOnSale: "300506",
  lockExpired: "500601",
  priceTooLow: "500602",
  duplicateOrder: "500603",
  orderNotFound: "500604",
  refundRefused: "500605",
  seatMismatch: "500606",
  cardNotFound: "510401",
  rechargeTooLow: "510574",
} as const;

export class DxError extends Error {
  constructor(
    readonly code: string,
    message: string,
  ) {
    super(message);
  }
}
