import { Tag } from "antd";
import { isMessageKey, type MessageKey } from "../../i18n";
import { useLocale } from "../../locale";
import type { PaymentProvider, PaymentState, RefundState } from "./types";

export const PAYMENT_STATES = [
  "CREATED",
  "PAID",
  "CLOSED",
  "REFUNDING",
  "REFUNDED",
] as const satisfies readonly PaymentState[];
export const REFUND_STATES = [
  "PENDING",
  "PROCESSING",
  "SUCCEEDED",
  "FLAGGED",
] as const satisfies readonly RefundState[];

const PAY_COLORS: Record<PaymentState, string> = {
  CREATED: "blue",
  PAID: "green",
  CLOSED: "default",
  REFUNDING: "orange",
  REFUNDED: "purple",
};
const REFUND_COLORS: Record<RefundState, string> = {
  PENDING: "orange",
  PROCESSING: "processing",
  SUCCEEDED: "purple",
  FLAGGED: "red",
};

/** A payment's state in words, coloured like the order states (money back: purple; waiting for a person: red). */
export function PaymentStateTag({ state }: { state: PaymentState }) {
  const { t } = useLocale();
  return <StateTag color={PAY_COLORS[state]} text={t(`payState.${state}`)} testId="payment-state" />;
}

export function RefundStateTag({ state }: { state: RefundState }) {
  const { t } = useLocale();
  return <StateTag color={REFUND_COLORS[state]} text={t(`refundState.${state}`)} testId="refund-state" />;
}

const StateTag = (p: { color: string; text: string; testId: string }) => (
  <Tag color={p.color} data-testid={p.testId}>
    {p.text}
  </Tag>
);

export function ProviderTag({ provider }: { provider: PaymentProvider }) {
  const { t } = useLocale();
  return <Tag color={provider === "alipay" ? "cyan" : "green"}>{t(`provider.${provider}`)}</Tag>;
}

/** A refund's reason code in words (the code itself when the console does not know it). */
export function refundReasonText(t: (k: MessageKey) => string, reason: string): string {
  const key = `refundReason.${reason}`;
  return isMessageKey(key) ? t(key) : reason;
}
