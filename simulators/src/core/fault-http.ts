import type { FastifyReply } from "fastify";
import type { FaultController } from "./faults.js";

/** What a vendor answers for the fault verdicts that produce a response. */
export interface FaultRendering {
  status: number;
  body: unknown;
  contentType?: string;
}

export type RenderFault = (kind: "error" | "down" | "rateLimited") => FaultRendering;

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/**
 * Runs one vendor call under the fault controller. `handle` produces the normal response body;
 * `render` turns error/down/rateLimited into the vendor's own wire answer. For "timeout" the
 * request is never answered; for "lost" the call takes effect and then the answer is dropped —
 * in both cases the socket is destroyed after `hangMs`, which the caller sees as a timeout.
 */
export async function runWithFaults(
  faults: FaultController,
  call: string,
  reply: FastifyReply,
  render: RenderFault,
  handle: () => unknown | Promise<unknown>,
): Promise<unknown> {
  const verdict = faults.decide(call);
  if (verdict.delayMs > 0) await sleep(verdict.delayMs);
  switch (verdict.action) {
    case "ok":
      return handle();
    case "timeout":
      return hang(reply, faults.config.hangMs);
    case "lost":
      await handle();
      return hang(reply, faults.config.hangMs);
    default: {
      const r = render(verdict.action);
      reply.code(r.status);
      if (r.contentType) reply.type(r.contentType);
      return r.body;
    }
  }
}

async function hang(reply: FastifyReply, hangMs: number): Promise<FastifyReply> {
  reply.hijack();
  const socket = reply.raw.socket;
  const timer = setTimeout(() => socket?.destroy(), hangMs);
  socket?.once("close", () => clearTimeout(timer));
  return reply;
}
