import type { PayStart } from "./api";

type Bridge = PayStart["payParams"]["bridge"];

declare global {
  interface Window {
    WeixinJSBridge?: {
      invoke(name: "getBrandWCPayRequest", params: Bridge, cb: (res: { err_msg: string }) => void): void;
    };
  }
}

export type PayOutcome = "ok" | "cancel" | "fail" | "redirected" | "not_in_wechat";

/**
 * Hands the JSAPI parameters to WeChat (payments.md §1.6): `WeixinJSBridge.invoke('getBrandWCPayRequest')`
 * inside WeChat, waiting for the bridge when it is not ready yet. In the demo, outside WeChat, the
 * simulated WeChat's pay sheet plays the bridge and comes back with `?wechat_pay=ok|cancel|fail`.
 * "ok" is not proof of payment: the order page waits for the server to see the money.
 */
export function payWithWechat(bridge: Bridge, simulatedWechatUrl: string | null): Promise<PayOutcome> {
  const invoke = () =>
    new Promise<PayOutcome>((resolve) =>
      window.WeixinJSBridge!.invoke("getBrandWCPayRequest", bridge, (res) => {
        resolve(res.err_msg.endsWith(":ok") ? "ok" : res.err_msg.endsWith(":cancel") ? "cancel" : "fail");
      }),
    );
  if (window.WeixinJSBridge) return invoke();
  if (/MicroMessenger/i.test(navigator.userAgent)) {
    return new Promise((resolve) =>
      document.addEventListener("WeixinJSBridgeReady", () => resolve(invoke()), { once: true }),
    );
  }
  if (simulatedWechatUrl) {
    const back = new URL(location.href);
    back.searchParams.delete("wechat_pay");
    const q = new URLSearchParams({ ...bridge, return: back.toString() });
    location.assign(`${simulatedWechatUrl}/_sim/jsapi-pay?${q}`);
    return Promise.resolve("redirected");
  }
  return Promise.resolve("not_in_wechat");
}
