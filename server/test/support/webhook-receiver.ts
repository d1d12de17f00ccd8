import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
import { signChannelRequest } from "../../src/security/channel-signature.js";

export interface ReceivedWebhook {
  path: string;
  headers: Record<string, string>;
  body: string;
}

/** A loopback endpoint that records every webhook delivered to it. */
export interface WebhookReceiver {
  /** `http://127.0.0.1:<port>`: append the path a channel's webhook URL names. */
  base: string;
  received: ReceivedWebhook[];
  /** Answers 500 to the next `n` deliveries to `path` (to any path when none is named), then 204 again. */
  failNext(n: number, path?: string): void;
  close(): void;
}

export async function startWebhookReceiver(): Promise<WebhookReceiver> {
  const received: ReceivedWebhook[] = [];
  const failures = new Map<string | undefined, number>();
  const hook = createServer((req, res) => {
    let body = "";
    req.on("data", (c) => {
      body += c;
    });
    req.on("end", () => {
      const path = req.url ?? "";
      received.push({ path, headers: req.headers as Record<string, string>, body });
      const key = failures.has(path) ? path : undefined;
      const left = failures.get(key) ?? 0;
      failures.set(key, left - 1);
      res.writeHead(left > 0 ? 500 : 204).end();
    });
  });
  await new Promise<void>((r) => hook.listen(0, "127.0.0.1", r));
  return {
    base: `http://127.0.0.1:${(hook.address() as AddressInfo).port}`,
    received,
    failNext: (n, path) => failures.set(path, n),
    close: () => hook.close(),
  };
}

/** The signature a delivery must carry: the channel's request signature over its path, headers and body. */
export const expectedSignature = (w: ReceivedWebhook, secret: string): string =>
  signChannelRequest({
    secret,
    method: "POST",
    pathWithQuery: w.path,
    timestamp: w.headers["x-timestamp"]!,
    nonce: w.headers["x-nonce"]!,
    body: w.body,
  });
