import { randomBytes } from "node:crypto";
import { signChannelRequest } from "../security/channel-signature.js";

export interface ChannelClientOptions {
  baseUrl: string;
  channelCode: string;
  secret: string;
  /** Injected for tests of the timestamp window. */
  now?: () => number;
  fetch?: typeof fetch;
}

export interface ApiResponse<T> {
  status: number;
  headers: Headers;
  body: T;
}

/**
 * A small typed client for the channel API that signs every request as shared/API.md says.
 * Used by the tests, the benchmarks and as the example for partners.
 */
export class ChannelClient {
  private readonly now: () => number;
  private readonly doFetch: typeof fetch;

  constructor(private readonly opts: ChannelClientOptions) {
    this.now = opts.now ?? Date.now;
    this.doFetch = opts.fetch ?? fetch;
  }

  /** The four auth headers for one request; exposed so tests can tamper with them. */
  signHeaders(method: string, pathWithQuery: string, body: string, nonce = randomBytes(12).toString("base64url")) {
    const timestamp = String(this.now());
    const signature = signChannelRequest({ secret: this.opts.secret, method, pathWithQuery, timestamp, nonce, body });
    return {
      "x-channel-code": this.opts.channelCode,
      "x-timestamp": timestamp,
      "x-nonce": nonce,
      "x-signature": signature,
    };
  }

  async request<T = unknown>(
    method: string,
    pathWithQuery: string,
    body?: unknown,
    extraHeaders: Record<string, string> = {},
  ): Promise<ApiResponse<T>> {
    const raw = body === undefined ? "" : JSON.stringify(body);
    const headers: Record<string, string> = { ...this.signHeaders(method, pathWithQuery, raw), ...extraHeaders };
    if (raw) headers["content-type"] = "application/json";
    const res = await this.doFetch(new URL(pathWithQuery, this.opts.baseUrl), {
      method,
      headers,
      body: raw || undefined,
    });
    const text = await res.text();
    return { status: res.status, headers: res.headers, body: (text ? JSON.parse(text) : undefined) as T };
  }

  get<T = unknown>(pathWithQuery: string) {
    return this.request<T>("GET", pathWithQuery);
  }

  post<T = unknown>(pathWithQuery: string, body: unknown, headers?: Record<string, string>) {
    return this.request<T>("POST", pathWithQuery, body, headers);
  }
}
