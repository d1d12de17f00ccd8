import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import type { Registry } from "prom-client";

export interface MetricsListener {
  url: string;
  close(): Promise<void>;
}

/**
 * GET /metrics on its own port (METRICS_PORT on METRICS_HOST, loopback by default), so the public
 * API port never shows the route list and process internals, and a scrape is never throttled or
 * logged like a request. Plain node:http: nothing here needs routing, validation or auth — the
 * listener is private by where it is bound.
 */
export async function startMetricsListener(
  registry: Registry,
  opts: { port: number; host: string },
): Promise<MetricsListener> {
  const server: Server = createServer((req, res) => {
    if (req.method !== "GET" || (req.url ?? "").split("?")[0] !== "/metrics") {
      res.writeHead(404, { "content-type": "text/plain" }).end("not found\n");
      return;
    }
    registry.metrics().then(
      (text) => res.writeHead(200, { "content-type": registry.contentType }).end(text),
      () => res.writeHead(500, { "content-type": "text/plain" }).end("metrics unavailable\n"),
    );
  });
  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(opts.port, opts.host, () => resolve());
  });
  const { address, port } = server.address() as AddressInfo;
  const host = address.includes(":") ? `[${address}]` : address;
  return {
    url: `http://${host}:${port}/metrics`,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
