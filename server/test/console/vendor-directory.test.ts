import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { HANDBOOK } from "../../src/vendors/directory.js";
import { startTestApp, TEST_ADMIN_TOKEN, type TestApp } from "../support/app.js";
import { createConsoleUser, login } from "../support/console.js";

let t: TestApp;
beforeAll(async () => {
  t = await startTestApp();
});
afterAll(() => t.close());

/** The answer read whole, so no socket stays open behind an unread body. */
async function get(path: string, headers: Record<string, string> = { authorization: `Bearer ${TEST_ADMIN_TOKEN}` }) {
  const res = await fetch(new URL(path, t.baseUrl), { headers });
  const body = await res.text();
  return { status: res.status, headers: res.headers, text: async () => body, json: async () => JSON.parse(body) };
}

describe("the vendor directory (doc 000 联系方式 and 系统商文档)", () => {
  it("lists every vendor with its status, contact line, quirks and documents", async () => {
    const res = await get("/admin/vendor-directory");
    expect(res.status).toBe(200);
    // biome-ignore lint/suspicious/noExplicitAny: assertions walk the JSON answer
    const { items } = (await res.json()) as { items: any[] };
    const byId = new Map(items.map((v) => [v.id, v]));
    expect([...byId.keys()]).toEqual(expect.arrayContaining(["ykse", "yunzhi", "kuaigouyun", "weiyun", "dingxin"]));

    const ykse = byId.get("ykse");
    expect(ykse.names.zh).toBe("火凤凰 / 凤凰佳影（云）");
    expect(ykse.status).toBe("connected");
    expect(ykse.contact.phone).toBe("400 8259 220");
    expect(ykse.quirks.noShowtimesFix.zh).toContain("渠道市场价");
    expect(ykse.quirks.notOnSaleFix.zh).toContain("一口价");

    const dingxin = byId.get("dingxin");
    expect(dingxin.quirks.showtimeDateOffsetDays).toBe(1);
    expect(dingxin.contact).toEqual({ phone: "400 8155 550", group: "4008155550" });

    const weiyun = byId.get("weiyun");
    expect(weiyun.status).toBe("directory");
    expect(weiyun.statusText.zh).toBe("未接入：无公开接口文档");
    expect(weiyun.quirks.internalCodeIsNational).toBe(false);
    expect(byId.get("kuaigouyun").quirks.internalCodeIsNational).toBe(true);

    // Every vendor links the handbook, and every link is served.
    for (const v of items) {
      expect(
        v.documents.map((d: { file: string }) => d.file),
        v.id,
      ).toContain(HANDBOOK);
      for (const d of v.documents) expect((await get(d.url)).status, `${v.id} ${d.url}`).toBe(200);
    }
  });

  it("serves a vendor document as text to staff", async () => {
    const res = await get("/admin/vendor-docs/public-refs.md");
    expect(res.status).toBe(200);
    expect(res.headers.get("content-type")).toContain("text/markdown");
    expect(await res.text()).toContain("凤凰云智");
  });

  it("serves nothing outside the documents: traversal, encoded separators, dot-files", async () => {
    for (const path of [
      "/admin/vendor-docs/..%2F..%2Fwt-yunzhi%2Fpackage.json",
      "/admin/vendor-docs/%2e%2e%2fpackage.json",
      "/admin/vendor-docs/..",
      "/admin/vendor-docs/.git",
      "/admin/vendor-docs/INDEX.md%00.txt",
      "/admin/vendor-docs/no-such-doc.txt",
    ]) {
      const res = await get(path);
      expect([400, 404], path).toContain(res.status);
      expect(await res.text(), path).not.toContain('"name"');
    }
    // A path with a real separator never reaches the route at all.
    expect((await get("/admin/vendor-docs/../../package.json")).status).toBe(404);
  });

  it("needs a login, and is for Cinegate staff, not cinema operators", async () => {
    expect((await get("/admin/vendor-docs/INDEX.md", {})).status).toBe(401);
    const op = await createConsoleUser(t, "dir-operator", "cinema_operator", ["cin_none"]);
    const session = await login(t.baseUrl, op.username, op.password);
    expect((await session.request("GET", "/admin/vendor-directory")).status).toBe(403);
    const support = await createConsoleUser(t, "dir-support", "support");
    const s2 = await login(t.baseUrl, support.username, support.password);
    expect((await s2.request("GET", "/admin/vendor-directory")).status).toBe(200);
  });
});
