import { Button, Dialog, List, Result, Toast } from "antd-mobile";
import { toDataURL } from "qrcode";
import { useEffect, useState } from "react";
import { api, BuyerProblem, type Order } from "../api";
import { t, tOr } from "../i18n";
import { useSite } from "../site-context";

/** The ticket: pickup code(s) and their QR, the cinema's pickup instructions, and the refund under its rules. */
export default function Ticket({ order, onChanged }: { order: Order; onChanged: () => void }) {
  const site = useSite();
  const { instructions, qrPayload, ...rest } = order.pickup ?? {};
  const codes = Object.entries(rest);
  // The vendor's own QR content when it gives one, else the codes a pickup machine asks for.
  const qrText = qrPayload ?? codes.map(([, v]) => v).join(",");
  const [qr, setQr] = useState<string>();
  useEffect(() => {
    if (qrText) void toDataURL(qrText, { margin: 1, width: 200 }).then(setQr);
  }, [qrText]);

  if (order.status === "REFUNDED")
    return <Result status="success" title={t("refunded")} data-testid="order-refunded" />;
  if (order.status === "REFUNDING")
    return <Result status="waiting" title={t("refunding")} data-testid="order-refunding" />;

  const refund = async () => {
    if (!(await Dialog.confirm({ content: t("refundConfirm") }))) return;
    try {
      await api<Order>(`/orders/${order.id}/refund`, { method: "POST" });
      onChanged();
    } catch (err) {
      Toast.show(err instanceof BuyerProblem ? err.message : t("networkError"));
    }
  };

  return (
    <div>
      <List header={t("pickupCode")}>
        {codes.map(([k, v]) => (
          <List.Item
            key={k}
            extra={
              <span style={{ fontSize: 22, fontWeight: 600, letterSpacing: 2 }} data-testid="ticket-pickup-code">
                {v}
              </span>
            }
          >
            {tOr(k, k)}
          </List.Item>
        ))}
      </List>
      <div style={{ textAlign: "center", background: "#fff", padding: 12 }}>
        {qr && <img src={qr} alt="QR" width={200} height={200} data-testid="ticket-qr" />}
        <div style={{ fontSize: 12, color: "#666", marginTop: 8 }}>{instructions ?? t("pickupHint")}</div>
        {site.notice && <div style={{ fontSize: 12, color: "#666", marginTop: 4 }}>{site.notice}</div>}
      </div>
      <div style={{ padding: 16 }}>
        {order.refund.allowed ? (
          <Button block onClick={refund} data-testid="refund-button">
            {t("refund")}
          </Button>
        ) : (
          <div style={{ textAlign: "center", color: "#999", fontSize: 13 }} data-testid="refund-reason">
            {tOr(`refundNotAllowed_${order.refund.reason}`, "", { n: order.refund.beforeShowMinutes })}
          </div>
        )}
      </div>
    </div>
  );
}
