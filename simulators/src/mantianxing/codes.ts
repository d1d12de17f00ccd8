/**
 * The ResultCodes this simulator answers, from public-refs §9.6 (PHP-ERR, paraphrased). Where the
 * refs give a range without a meaning per code, the code picked inside it is marked "inferred".
 */
export const Code = {
  ok: "0",
  badVerify: "100101",
  xmlParse: "100102",
  appUnauthorised: "100104",
  tokenExpired: "100105",
  appUnknown: "100201",
  tokenInvalid: "100301",
  system: "100500",
  cinemaInfo: "101101",
  showClosed: "101103",
  seatParam: "101105",
  serialExists: "101106",
  showStopped: "101109",
  seatSold: "101110",
  notOnline: "101115",
  badTicketPrice: "101153",
  badSeatInfos: "101156",
  /** 101200–101209 sell errors: "serial exists" is listed 4th (inferred 101203). */
  sellSerialExists: "101203",
  /** "lock serial not found" listed 5th (inferred 101204). */
  sellLockNotFound: "101204",
  /** 101250–101261 sell parameter errors: the first (inferred) for a paid sum that does not match. */
  sellParam: "101250",
  /** 100600–100609 printing: "verify code error" is listed 3rd (inferred 100602), "order state abnormal" 4th (100603), "no order" 5th (100604). */
  printBadValidCode: "100602",
  printOrderState: "100603",
  printNoOrder: "100604",
  refundNoOrder: "101501",
  refundNotAllowed: "101503",
  refundShowClosed: "101506",
  noOrder: "101701",
} as const;

export class MtxError extends Error {
  constructor(
    readonly code: string,
    message: string,
  ) {
    super(message);
  }
}
