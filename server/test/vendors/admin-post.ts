import { TEST_ADMIN_TOKEN } from "../support/app.js";

// biome-ignore lint/suspicious/noExplicitAny: answers (problem bodies included) are inspected field by field
type Json = any;

/** A POST to a test app's Admin API as the test admin, answered with its status and body (refusals included). */
export async function adminPost(
  app: { baseUrl: string },
  path: string,
  body: unknown,
): Promise<{ status: number; body: Json }> {
  const res = await fetch(new URL(path, app.baseUrl), {
    method: "POST",
    headers: { authorization: `Bearer ${TEST_ADMIN_TOKEN}`, "content-type": "application/json" },
    body: JSON.stringify(body),
  });
  return { status: res.status, body: (await res.json()) as Json };
}
