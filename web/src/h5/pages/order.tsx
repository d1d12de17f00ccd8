import { useQuery } from "@tanstack/react-query";
import { Button, ErrorBlock, List, NavBar, Result, Toast } from "antd-mobile";
import { lazy, Suspense, useEffect, useState } from "react";
import { useNavigate, useParams, useSearchParams } from "react-router-dom";
import { api, BuyerProblem, hhmm, type Order, type PayStart, yuan } from "../api";
import { t, tOr } from "../i18n";
import { Retry } from "../retry";
import { useSite } from "../site-context";
import { payWithWechat } from "../wechat-pay";

// The ticket (with its QR library) loads only once there is a ticket to show.
const Ticket = lazy(() => import("./ticket"));

/** States in which the order is still moving without the buyer: the page keeps asking. */
const MOVING = new Set(["CONFIRMING", "REFUNDING"]);

function useCountdown(until: string | undefined): number {
  const [now, setNow] = useState(Date.now());
  useEffect(() => {
    const timer = setInterval(() => setNow(Date.now()), 1000);
    return () => clearInterval(timer);
  }, []);
  return until ? Math.max(0, Math.floor((new Date(until).getTime() - now) / 1000)) : 0;
}

/**
 * The order: its lock countdown, seats and price breakdown, and WeChat Pay; once paid it waits for
 * the tickets and shows them. A lock that ran out sends the buyer back to the seat map; a payment
 * that came too late says it went back. Reloading or coming back with the back button finds the
 * order as the server has it (never a lost paid order).
 */
export default function OrderPage() {
  const { orderId = "" } = useParams();
  const [search] = useSearchParams();
  const site = useSite();
  const navigate = useNavigate();
  const [busy, setBusy] = useState(false);
  const returned = search.get("wechat_pay");
  const order = useQuery({
    queryKey: ["order", orderId],
    queryFn: () => api<Order>(`/orders/${orderId}`),
    refetchOnWindowFocus: "always",
    refetchInterval: (q) => {
      const o = q.state.data;
      if (!o) return false;
      const paying = o.status === "LOCKED" && (returned === "ok" || o.payment?.state === "PAID");
      return MOVING.has(o.status) || paying ? 1500 : false;
    },
  });
  const o = order.data;
  const left = useCountdown(o?.lockedUntil);

  useEffect(() => {
    if (returned === "cancel") Toast.show(t("payCancelled"));
    if (returned === "fail") Toast.show(t("payFailed"));
  }, [returned]);

  if (order.isPending) return null;
  if (order.isError) {
    if (order.error instanceof BuyerProblem && order.error.status === 404)
      return <ErrorBlock status="empty" title={t("notFound")} description="" data-testid="order-not-found" />;
    return <Retry onRetry={() => void order.refetch()} />;
  }
  if (!o) return null;

  const pay = async () => {
    setBusy(true);
    try {
      const started = await api<PayStart>(`/orders/${o.id}/pay`, { method: "POST" });
      const outcome = await payWithWechat(started.payParams.bridge, site.simulatedWechatUrl);
      if (outcome === "ok") await order.refetch();
      else if (outcome === "cancel") Toast.show(t("payCancelled"));
      else if (outcome === "fail") Toast.show(t("payFailed"));
      else if (outcome === "not_in_wechat") Toast.show(t("openInWechat"));
    } catch (err) {
      Toast.show(err instanceof BuyerProblem && err.status > 0 ? err.message : t("networkError"));
    } finally {
      setBusy(false);
    }
  };

  const paid = o.payment?.state === "PAID" || returned === "ok";
  const expired = o.status === "LOCKED" && left === 0 && !paid;
  const mmss = `${String(Math.floor(left / 60)).padStart(2, "0")}:${String(left % 60).padStart(2, "0")}`;

  return (
    <div style={{ paddingBottom: 90 }}>
      <NavBar onBack={() => navigate("/orders")}>{t("order")}</NavBar>
      <List header={o.film?.title}>
        <List.Item description={`${o.hall ?? ""} · ${o.language ?? ""} ${o.version ?? ""}`}>
          {o.startsAt ? `${o.startsAt.slice(5, 10)} ${hhmm(o.startsAt)}` : ""}
        </List.Item>
        <List.Item>{o.seats.map((s) => `${s.row}排${s.col}座`).join("  ")}</List.Item>
      </List>

      {o.status === "ISSUED" || o.status === "REFUNDING" || o.status === "REFUNDED" ? (
        <Suspense fallback={null}>
          <Ticket order={o} onChanged={() => void order.refetch()} />
        </Suspense>
      ) : o.status === "LOCKED" && !paid ? (
        expired ? (
          <Result
            status="warning"
            title={t("lockExpired")}
            description={
              <Button color="primary" onClick={() => navigate(`/showtimes/${o.showtimeId}`, { replace: true })}>
                {t("backToSeats")}
              </Button>
            }
          />
        ) : (
          <>
            <div style={{ textAlign: "center", padding: 12, color: "#ad6800" }} data-testid="order-countdown">
              {t("payWithin", { t: mmss })}
            </div>
            <List header={t("total")}>
              {o.seats.map((s) => (
                <List.Item key={s.id} extra={yuan(s.saleFen)}>
                  {`${s.row}排${s.col}座 ${t("ticketPrice")}`}
                </List.Item>
              ))}
              {o.seats.some((s) => s.serviceFeeFen > 0) && (
                <List.Item extra={yuan(o.seats.reduce((n, s) => n + s.serviceFeeFen, 0))}>{t("serviceFee")}</List.Item>
              )}
              <List.Item extra={<b>{yuan(o.totalFen)}</b>}>{t("total")}</List.Item>
              <List.Item extra={maskedMobile()}>{t("mobile")}</List.Item>
            </List>
            <div style={{ position: "fixed", left: 0, right: 0, bottom: 0, padding: 12, background: "#fff" }}>
              <Button block color="success" loading={busy} disabled={busy} onClick={pay} data-testid="order-pay-wechat">
                {`${t("payWechat")} ${yuan(o.totalFen)}`}
              </Button>
              {/* Member-card pay arrives with the member-card work (features.memberCard is false until then). */}
              {site.features.memberCard && (
                <Button block style={{ marginTop: 8 }} data-testid="order-pay-card">
                  {t("payCard")}
                </Button>
              )}
            </div>
          </>
        )
      ) : (
        <Result
          status={o.status === "FAILED" || o.status === "EXPIRED" || o.status === "CANCELLED" ? "warning" : "waiting"}
          title={statusText(o)}
          data-testid="order-status"
        />
      )}
    </div>
  );
}

function statusText(o: Order): string {
  if ((o.status === "EXPIRED" || o.status === "CANCELLED") && o.repaid) return t("expiredRepaid");
  if (o.status === "FAILED" && o.repaid) return t("failedRepaid");
  if (o.status === "LOCKED" || o.status === "CONFIRMING") return t("paying");
  return tOr(`status_${o.status}`, o.status);
}

function maskedMobile(): string {
  const m = localStorage.getItem("cg-mobile") ?? "";
  return m.length === 11 ? `${m.slice(0, 3)}****${m.slice(7)}` : "";
}
