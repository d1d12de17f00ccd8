import { ConsoleUsers } from "../../src/console/users.js";
import type { ConsoleRole } from "../../src/db/schema.js";
import type { TestApp } from "./app.js";

/** Creates a console user straight in the database (the CLI's path), for tests that need one. */
export async function createConsoleUser(t: TestApp, username: string, role: ConsoleRole, cinemaIds?: string[]) {
  const password = `pw-${username}-0123456789`;
  await new ConsoleUsers(t.db).create({ username, role, cinemaIds, password });
  return { username, password };
}

/** A logged-in console session driven with fetch: keeps the cookie and sends the CSRF header. */
export interface ConsoleSession {
  cookie: string;
  csrfToken: string;
  request(method: string, path: string, body?: unknown, opts?: { csrf?: boolean }): Promise<ApiResult>;
}

export interface ApiResult {
  status: number;
  headers: Headers;
  // biome-ignore lint/suspicious/noExplicitAny: tests inspect arbitrary JSON bodies
  body: any;
}

export async function call(
  baseUrl: string,
  method: string,
  path: string,
  body?: unknown,
  headers: Record<string, string> = {},
): Promise<ApiResult> {
  const res = await fetch(new URL(path, baseUrl), {
    method,
    headers: { ...(body === undefined ? {} : { "content-type": "application/json" }), ...headers },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const text = await res.text();
  return { status: res.status, headers: res.headers, body: text ? JSON.parse(text) : undefined };
}

export async function login(baseUrl: string, username: string, password: string): Promise<ConsoleSession> {
  const res = await call(baseUrl, "POST", "/admin/login", { username, password });
  if (res.status !== 200) throw new Error(`login failed: ${res.status} ${JSON.stringify(res.body)}`);
  const cookie = (res.headers.get("set-cookie") ?? "").split(";")[0]!;
  const csrfToken: string = res.body.csrfToken;
  return {
    cookie,
    csrfToken,
    request: (method, path, body, opts = {}) =>
      call(baseUrl, method, path, body, {
        cookie,
        ...(opts.csrf === false ? {} : { "x-csrf-token": csrfToken }),
      }),
  };
}
