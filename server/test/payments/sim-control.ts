/**
 * A control call to a payment simulator's /_control back door (Alipay's and WeChat Pay's speak the
 * same plain JSON), over HTTP like everything else; a refusal throws with its status and body.
 */
export async function simControl(sim: { url: string }, method: string, path: string, body?: unknown): Promise<unknown> {
  const res = await fetch(`${sim.url}/_control${path}`, {
    method,
    headers: body === undefined ? {} : { "content-type": "application/json" },
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  });
  const json = await res.json();
  if (!res.ok) throw new Error(`${method} ${path}: ${res.status} ${JSON.stringify(json)}`);
  return json;
}
