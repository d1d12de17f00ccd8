/**
 * A seeded source of decimal digits for the codes a simulator makes up (print numbers, verify codes,
 * card numbers): xorshift32, so one data-set seed always gives the same codes. Shared by the
 * simulators' order books; `zeroSeed` stands in for a seed of 0, which xorshift cannot start from.
 */
export function xorshiftDigits(seed: number, zeroSeed = 1): (n: number) => string {
  let state = seed >>> 0 || zeroSeed;
  return (n) => {
    let out = "";
    for (let i = 0; i < n; i++) {
      state ^= state << 13;
      state ^= state >>> 17;
      state ^= state << 5;
      state >>>= 0;
      out += String(state % 10);
    }
    return out;
  };
}
