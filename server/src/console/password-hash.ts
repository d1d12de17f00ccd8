import { randomBytes } from "node:crypto";
import { argon2id, argon2Verify } from "hash-wasm";

/**
 * argon2id password hashing in WebAssembly (hash-wasm). A native addon was tried first; its prebuilt
 * binary crashed the process on our machines, and a hash function must never be the reason a fresh
 * install does not start. The output is the standard PHC string ($argon2id$v=19$m=…), so hashes
 * stay verifiable by any argon2 implementation.
 *
 * Parameters: OWASP's argon2id baseline (19 MiB, t=2, p=1): tens of milliseconds per hash, so a
 * login stays fast while an offline attacker pays memory per guess.
 */
const PARAMS = { memorySize: 19_456, iterations: 2, parallelism: 1, hashLength: 32 } as const;

export function hashPassword(password: string): Promise<string> {
  return argon2id({ ...PARAMS, password, salt: randomBytes(16), outputType: "encoded" });
}

/** False for a wrong password and for a malformed stored hash alike. */
export async function verifyPassword(hash: string, password: string): Promise<boolean> {
  try {
    return await argon2Verify({ password, hash });
  } catch {
    return false;
  }
}
