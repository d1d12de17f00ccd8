import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";

export interface RawAnswer {
  status?: number;
  contentType?: string;
  body: string | Buffer;
}

export interface SeenSoap {
  headers: Record<string, string | string[] | undefined>;
  body: string;
}

/**
 * A loopback HTTP server that answers every request with the next canned body — exact bytes, so
 * tests can send HTML pages, broken XML and GBK-encoded answers — and remembers what it was sent.
 */
export class RawServer {
  readonly seen: SeenSoap[] = [];
  private answer: (req: SeenSoap) => RawAnswer = () => ({ status: 404, body: "" });
  private server?: Server;
  url = "";

  answerWith(fn: RawAnswer | ((req: SeenSoap) => RawAnswer)): void {
    this.answer = typeof fn === "function" ? fn : () => fn;
  }

  async start(): Promise<this> {
    this.server = createServer((req, res) => {
      const chunks: Buffer[] = [];
      req.on("data", (c: Buffer) => chunks.push(c));
      req.on("end", () => {
        const seen = { headers: req.headers, body: Buffer.concat(chunks).toString("utf8") };
        this.seen.push(seen);
        const a = this.answer(seen);
        res.writeHead(a.status ?? 200, { "content-type": a.contentType ?? "text/xml; charset=utf-8" }).end(a.body);
      });
    });
    await new Promise<void>((r) => this.server!.listen(0, "127.0.0.1", r));
    this.url = `http://127.0.0.1:${(this.server!.address() as AddressInfo).port}`;
    return this;
  }

  async close(): Promise<void> {
    this.server?.closeAllConnections();
    await new Promise<void>((r) => this.server?.close(() => r()) ?? r());
  }
}

const escapeXml = (s: string) => s.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;");

/** A SOAP 1.1 answer as a JAX-WS service writes it: the `{Op}Result` document escaped in `<return>`. */
export function soapAnswer(op: string, resultXml: string, encoding = "UTF-8"): string {
  const inner = `<?xml version="1.0" encoding="${encoding}"?><${op}Result>${resultXml}</${op}Result>`;
  return (
    `<?xml version="1.0" encoding="${encoding}"?><soap:Envelope xmlns:soap="http://schemas.xmlsoap.org/soap/envelope/"><soap:Body>` +
    `<ns2:${op}Response xmlns:ns2="http://soap.ws.tsp.oristartech.com/"><return>${escapeXml(inner)}</return></ns2:${op}Response>` +
    `</soap:Body></soap:Envelope>`
  );
}
