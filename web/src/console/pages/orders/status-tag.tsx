import { Tag } from "antd";
import { useLocale } from "../../locale";
import type { OrderStatus } from "./types";

const COLORS: Record<OrderStatus, string> = {
  LOCKING: "default",
  LOCKED: "blue",
  CANCELLED: "default",
  EXPIRED: "default",
  CONFIRMING: "processing",
  ISSUED: "green",
  FAILED: "red",
  REFUNDING: "orange",
  REFUNDED: "purple",
  LOCK_FAILED: "default",
};

/** An order status in words, coloured so a failed or in-flight order stands out in a list. */
export function StatusTag({ status }: { status: OrderStatus }) {
  const { t } = useLocale();
  return (
    <Tag color={COLORS[status]} data-testid="order-status">
      {t(`status.${status}`)}
    </Tag>
  );
}

/** Fen as yuan with two decimals: "¥45.00". */
export const yuan = (fen: number | null | undefined) =>
  fen === null || fen === undefined ? "—" : `¥${(fen / 100).toFixed(2)}`;
