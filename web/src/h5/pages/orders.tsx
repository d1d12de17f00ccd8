import { useQuery } from "@tanstack/react-query";
import { List, NavBar, Tag } from "antd-mobile";
import { useNavigate } from "react-router-dom";
import { api, hhmm, type Order, yuan } from "../api";
import { t, tOr } from "../i18n";
import { Retry } from "../retry";

/** The buyer's orders at this cinema (by their WeChat openid), newest first. */
export default function OrdersPage() {
  const navigate = useNavigate();
  const orders = useQuery({ queryKey: ["orders"], queryFn: () => api<{ items: Order[] }>("/orders") });
  return (
    <div>
      <NavBar onBack={() => navigate("/")}>{t("myOrders")}</NavBar>
      {orders.isError ? (
        <Retry onRetry={() => void orders.refetch()} />
      ) : (
        <List>
          {(orders.data?.items ?? []).map((o) => (
            <List.Item
              key={o.id}
              data-testid={`order-${o.id}`}
              onClick={() => navigate(`/orders/${o.id}`)}
              description={`${o.startsAt ? `${o.startsAt.slice(5, 10)} ${hhmm(o.startsAt)}` : ""} · ${o.hall ?? ""} · ${o.seats
                .map((s) => `${s.row}排${s.col}座`)
                .join(" ")}`}
              extra={
                <div style={{ textAlign: "right" }}>
                  <div>{yuan(o.totalFen)}</div>
                  <Tag>{tOr(`status_${o.status}`, o.status)}</Tag>
                </div>
              }
              arrowIcon
            >
              {o.film?.title ?? ""}
            </List.Item>
          ))}
          {orders.data?.items.length === 0 && <List.Item>{t("noOrders")}</List.Item>}
        </List>
      )}
    </div>
  );
}
