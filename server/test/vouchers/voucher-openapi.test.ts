import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startTestApp, type TestApp } from "../support/app.js";

// biome-ignore lint/suspicious/noExplicitAny: the OpenAPI document is inspected field by field
type Json = any;

let t: TestApp;
let doc: Json;
beforeAll(async () => {
  t = await startTestApp();
  doc = await (await fetch(new URL("/v1/openapi.json", t.baseUrl))).json();
});
afterAll(() => t.close());

describe("the voucher routes in the OpenAPI document", () => {
  it("lists every route with its schemas", () => {
    const paths = doc.paths as Record<string, Record<string, Json>>;
    expect(Object.keys(paths["/v1/voucher-products"]!)).toEqual(["get"]);
    expect(Object.keys(paths["/v1/voucher-orders"]!).sort()).toEqual(["get", "post"]);
    expect(Object.keys(paths["/v1/voucher-orders/{id}"]!)).toEqual(["get"]);
    expect(Object.keys(paths["/v1/voucher-orders/{id}/confirm"]!)).toEqual(["post"]);
    expect(Object.keys(paths["/v1/voucher-orders/{id}/cancel"]!)).toEqual(["post"]);
    const create = paths["/v1/voucher-orders"]!.post;
    expect(create.parameters.some((p: Json) => p.in === "header" && p.name === "idempotency-key")).toBe(true);
    expect(Object.keys(create.responses)).toEqual(expect.arrayContaining(["201", "400", "409", "503"]));
  });

  it("carries examples for the product, the buy request and the order", () => {
    const products = doc.paths["/v1/voucher-products"].get;
    const productItem = products.responses["200"].content["application/json"].schema.properties.items.items;
    expect(productItem.examples[0]).toMatchObject({ type: "cinema", saleFen: 3500 });
    const create = doc.paths["/v1/voucher-orders"].post;
    // A request body's example is lifted to the media type (OpenAPI 3's `example`).
    expect(create.requestBody.content["application/json"].example).toMatchObject({ count: 2 });
    const order = create.responses["201"].content["application/json"];
    expect(order.schema.examples?.[0] ?? order.example).toMatchObject({ status: "ACTIVE", mobile: "138****8000" });
  });
});
