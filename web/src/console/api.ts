/**
 * The console's only way to call the API. Cookies travel by themselves (same origin); the session's
 * CSRF token is kept in memory and sent on every mutating request. Non-2xx answers become ApiProblem,
 * carrying the problem+json `code` and `detail`.
 */
let csrfToken: string | null = null;

export function setCsrfToken(token: string | null): void {
  csrfToken = token;
}

export class ApiProblem extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    readonly detail: string | undefined,
    readonly requestId: string | undefined,
    readonly extra: Record<string, unknown> = {},
  ) {
    super(detail ?? code);
  }
}

export async function api<T>(
  method: "GET" | "POST" | "PUT" | "PATCH" | "DELETE",
  path: string,
  body?: unknown,
): Promise<T> {
  const headers: Record<string, string> = { accept: "application/json" };
  if (body !== undefined) headers["content-type"] = "application/json";
  if (method !== "GET" && csrfToken) headers["x-csrf-token"] = csrfToken;
  let res: Response;
  try {
    res = await fetch(path, {
      method,
      headers,
      body: body === undefined ? undefined : JSON.stringify(body),
      credentials: "same-origin",
    });
  } catch {
    throw new ApiProblem(0, "NETWORK", undefined, undefined);
  }
  const text = await res.text();
  let data: unknown;
  try {
    data = text ? JSON.parse(text) : undefined;
  } catch {
    data = undefined;
  }
  if (!res.ok) {
    const p = (data ?? {}) as { code?: string; detail?: string; requestId?: string } & Record<string, unknown>;
    throw new ApiProblem(
      res.status,
      p.code ?? "UNKNOWN",
      p.detail,
      p.requestId ?? res.headers.get("x-request-id") ?? undefined,
      p,
    );
  }
  return data as T;
}

export const apiGet = <T>(path: string) => api<T>("GET", path);
export const apiPost = <T>(path: string, body?: unknown) => api<T>("POST", path, body);
