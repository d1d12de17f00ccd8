/** The simulated WeChat's pages: one small phone-shaped HTML document, text escaped. */
export const escapeHtml = (s: string) =>
  s.replace(/[&<>"']/g, (c) => ({ "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" })[c]!);

export function simPage(title: string, body: string): string {
  return `<!doctype html><html lang="zh-CN"><head><meta charset="utf-8">
<meta name="viewport" content="width=device-width,initial-scale=1">
<title>${escapeHtml(title)}</title>
<style>
body{margin:0;font-family:-apple-system,"PingFang SC","Noto Sans CJK SC",sans-serif;background:#ededed;color:#111}
header{background:#07c160;color:#fff;padding:12px 16px;font-size:15px}
main{padding:24px 16px;text-align:center}
.card{background:#fff;border-radius:8px;padding:20px;margin-bottom:16px}
.amount{font-size:34px;font-weight:600;margin:8px 0}
button,.btn{display:block;width:100%;box-sizing:border-box;border:0;border-radius:6px;padding:12px;font-size:17px;
background:#07c160;color:#fff;text-decoration:none;margin-top:12px}
.btn.secondary{background:#f2f2f2;color:#111}
input{width:100%;box-sizing:border-box;padding:10px;font-size:15px;border:1px solid #ccc;border-radius:6px}
.hint{color:#888;font-size:13px}
.error{color:#fa5151}
</style></head><body><header>模拟微信 · Simulated WeChat</header><main>${body}</main></body></html>`;
}

/** Hidden form fields carrying `params` on to the next step. */
export const hiddenFields = (params: Record<string, string>) =>
  Object.entries(params)
    .map(([k, v]) => `<input type="hidden" name="${escapeHtml(k)}" value="${escapeHtml(v)}">`)
    .join("");
