import type { FastifyRequest } from "fastify";
import { MoviefanCode, MoviefanError } from "./codes.js";

/**
 * All request parameters, query string and form (or JSON) body together, as decoded strings (the
 * values the signature covers are the ones before URL encoding). A repeated key keeps its last value.
 */
export function collectParams(req: FastifyRequest): Record<string, string> {
  const out: Record<string, string> = {};
  const add = (src: unknown) => {
    if (!src || typeof src !== "object") return;
    for (const [k, v] of Object.entries(src as Record<string, unknown>)) {
      const last = Array.isArray(v) ? v[v.length - 1] : v;
      if (last === undefined || last === null) continue;
      out[k] = typeof last === "string" ? last : String(last);
    }
  };
  add(req.query);
  add(req.body);
  return out;
}

/**
 * Parameter look-up. ASP.NET's Request[...] is case-insensitive, so `cinemaid` finds `cinemaID`;
 * the signature still covers the keys exactly as sent.
 */
export class Params {
  private readonly lower = new Map<string, string>();
  constructor(readonly raw: Record<string, string>) {
    for (const [k, v] of Object.entries(raw)) this.lower.set(k.toLowerCase(), v);
  }

  get(name: string): string | undefined {
    const v = this.lower.get(name.toLowerCase());
    return v === undefined || v.trim() === "" ? undefined : v.trim();
  }

  /** A required parameter; absent or empty → 200 缺少参数. */
  req(name: string): string {
    const v = this.get(name);
    if (v === undefined) throw new MoviefanError(MoviefanCode.missingParam, `缺少参数:${name}`);
    return v;
  }

  /** A required integer parameter; not an integer → 200 as well (the table has no better code). */
  int(name: string): number {
    const v = this.req(name);
    if (!/^\d{1,15}$/.test(v)) throw new MoviefanError(MoviefanCode.missingParam, `参数格式不正确:${name}`);
    return Number(v);
  }
}
