import { createHash } from "node:crypto";

/**
 * 火凤凰 asmx `checkValue` (public-refs §5.1). What is certain: it is the lowercase hex MD5 of a
 * query string — `name=value` pairs joined by `&` in send order, values raw (not URL-encoded) —
 * and the only client we know of (CEC) sends it after the pairs it covers. What is not: which pairs
 * the vendor's server includes. CEC's ticket calls hash every pair before it (method parameters,
 * then userId, userPass, cinemaId, cinemaLinkId, randKey); its member calls hash the method
 * parameters and randKey, and append userId / userPass after checkValue. The one reading both fit
 * is "MD5 of everything that precedes checkValue in the request", and that is what is implemented:
 * the pairs are kept in order and checkValue is computed over exactly those sent before it.
 * docs/vendors/huofenghuang.md lists the alternatives.
 */
export type Pairs = ReadonlyArray<readonly [string, string]>;

export const CHECK_VALUE = "checkValue";

const md5 = (text: string) => createHash("md5").update(text, "utf8").digest("hex");

/** `name=value&…` with raw values, in the order given. */
export const queryText = (pairs: Pairs): string => pairs.map(([k, v]) => `${k}=${v}`).join("&");

/** checkValue over the pairs that precede it. */
export const checkValue = (before: Pairs): string => md5(queryText(before));

export interface Account {
  userId: string;
  userPass: string;
}

export interface CinemaIds {
  /** 8-digit national cinema code (`cinemaId`). */
  cinemaId: string;
  /** The vendor's link id for the cinema (`cinemaLinkId`): 火凤凰's internal cinema code. */
  cinemaLinkId: string;
}

/**
 * Ticketing order (CEC `hfh` ticket service): method params, userId, userPass, cinemaId,
 * cinemaLinkId, randKey, then checkValue over all of them.
 */
export function ticketPairs(params: Pairs, account: Account, cinema: CinemaIds, randKey: string): Pairs {
  const before: Pairs = [
    ...params,
    ["userId", account.userId],
    ["userPass", account.userPass],
    ["cinemaId", cinema.cinemaId],
    ["cinemaLinkId", cinema.cinemaLinkId],
    ["randKey", randKey],
  ];
  return [...before, [CHECK_VALUE, checkValue(before)]];
}

/**
 * Member order (CEC `hfh` member service): method params and randKey, checkValue over those, then
 * userId and userPass after it (so, on our reading, outside the hash).
 */
export function memberPairs(params: Pairs, account: Account, randKey: string): Pairs {
  const before: Pairs = [...params, ["randKey", randKey]];
  return [...before, [CHECK_VALUE, checkValue(before)], ["userId", account.userId], ["userPass", account.userPass]];
}

/** 8 random digits (`randKey`). */
export function randKey(random: () => number = Math.random): string {
  let s = "";
  for (let i = 0; i < 8; i++) s += String(Math.floor(random() * 10) % 10);
  return s;
}
