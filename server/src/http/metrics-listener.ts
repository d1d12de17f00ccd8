import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import type { Registry } from "prom-client";

export interface MetricsListener {
  url: string;
  close(): Promise<void>;
}

/**
 * GET /metrics (and /healthz, /readyz) on its own port (METRICS_PORT on METRICS_HOST, loopback by default), so the public
 * API port never shows the route list and process internals, and a scrape is never throttled or
 * logged like a request. Plain node:http: nothing here needs routing, validation or auth — the
 * listener is private by where it is bound.
 */
export async function startMetricsListener(
  registry: Registry,
  opts: { port: number; host: string; ready?: () => Promise<{ ready: boolean; status: string }> },
): Promise<MetricsListener> {
  const server: Server = createServer((req, res) => {
    const path = (req.url ?? "").split("?")[0];
    // /healthz and /readyz here too: a worker node has no API port, and a container health check
    // can then probe the same address whatever the node's role.
    if (req.method === "GET" && path === "/healthz") {
      res.writeHead(200, { "content-type": "application/json" }).end('{"status":"ok"}');
      return;
    }
    if (req.method === "GET" && path === "/readyz" && opts.ready) {
      opts.ready().then(
        (r) =>
          res
            .writeHead(r.ready ? 200 : 503, { "content-type": "application/json" })
            .end(JSON.stringify({ status: r.status })),
        () => res.writeHead(503, { "content-type": "application/json" }).end('{"status":"unknown"}'),
      );
      return;
    }
    if (req.method !== "GET" || path !== "/metrics") {
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
