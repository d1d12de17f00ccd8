import { useMutation, useQueryClient } from "@tanstack/react-query";
import { Alert, App, Button, Empty, Popconfirm, Space, Timeline, Typography } from "antd";
import type { ReactNode } from "react";
import { apiPost } from "../../api";
import { formatTime, useLocale } from "../../locale";
import { useProblemToast } from "../../problem-toast";
import { PaymentStateTag, ProviderTag, RefundStateTag, refundReasonText } from "./payment-tags";
import { yuan } from "./status-tag";
import type { OrderDetail, RefundRetried } from "./types";

type Payment = OrderDetail["payments"][number];
type Refund = OrderDetail["refunds"][number];

interface Entry {
  at: string;
  color: string;
  key: string;
  children: ReactNode;
}

/**
 * The order page's payment and refund timeline, from the payments and payment_refunds tables (not
 * the events): each trade with its amounts, states and times, the provider's transaction id, the
 * payer as stored (masked), and each refund with its reason, attempts and next try. A refund
 * flagged for a person gets the retry button (admin and support).
 */
export function OrderPayments({
  orderId,
  payments,
  refunds,
  canRepair,
}: {
  orderId: string;
  payments: Payment[];
  refunds: Refund[];
  canRepair: boolean;
}) {
  const { t, lang } = useLocale();
  const { message } = App.useApp();
  const showProblem = useProblemToast();
  const qc = useQueryClient();
  const retry = useMutation({
    mutationFn: (outRefundNo: string) =>
      apiPost<RefundRetried>(`/admin/payments/refunds/${encodeURIComponent(outRefundNo)}/retry`),
    onSuccess: (r) => {
      message.success(t("order.payments.retried", { state: t(`refundState.${r.state}`) }));
      void qc.invalidateQueries({ queryKey: ["order", orderId] });
    },
    onError: showProblem,
  });
  if (payments.length === 0) return <Empty description={t("order.payments.empty")} />;

  const entries: Entry[] = [];
  for (const p of payments) {
    entries.push({
      at: p.createdAt,
      key: `${p.outTradeNo}:created`,
      color: "blue",
      children: (
        <Space wrap>
          <ProviderTag provider={p.provider} />
          <span>
            {t("order.payments.created", {
              trade: p.outTradeNo,
              amount: yuan(p.amountFen),
              provider: t(`provider.${p.provider}`),
              expires: formatTime(p.expiresAt, lang),
            })}
          </span>
          <Typography.Text type="secondary">{t("order.payments.state")}</Typography.Text>
          <PaymentStateTag state={p.state} />
          {p.lastError && (
            <Typography.Text type="danger">{t("order.payments.error", { error: p.lastError })}</Typography.Text>
          )}
        </Space>
      ),
    });
    if (p.paidAt) {
      entries.push({
        at: p.paidAt,
        key: `${p.outTradeNo}:paid`,
        color: p.paidFen === p.amountFen ? "green" : "red",
        children: t("order.payments.paid", {
          paid: yuan(p.paidFen),
          transaction: p.transactionId ?? "—",
          payer: p.payer ?? "—",
        }),
      });
    }
  }
  for (const r of refunds) {
    entries.push({
      at: r.createdAt,
      key: `${r.outRefundNo}:asked`,
      color: r.state === "FLAGGED" ? "red" : "orange",
      children: (
        <div data-testid="order-refund">
          <Space wrap>
            <span>
              {t("order.payments.refundAsked", {
                refund: r.outRefundNo,
                amount: yuan(r.amountFen),
                reason: refundReasonText(t, r.reason),
              })}
            </span>
            <Typography.Text type="secondary">
              {t("order.payments.refundState", { attempts: String(r.attempts) })}
            </Typography.Text>
            <RefundStateTag state={r.state} />
            {r.nextAt && r.state !== "FLAGGED" && (
              <Typography.Text type="secondary">
                {t("order.payments.refundNext", { at: formatTime(r.nextAt, lang) })}
              </Typography.Text>
            )}
          </Space>
          {r.lastError && (
            <div>
              <Typography.Text type="danger">{t("order.payments.error", { error: r.lastError })}</Typography.Text>
            </div>
          )}
          {r.state === "FLAGGED" && (
            <Alert
              type="warning"
              showIcon
              style={{ marginTop: 8 }}
              message={t("order.payments.flagged")}
              action={
                canRepair && (
                  <Popconfirm
                    title={t("order.payments.retryConfirm")}
                    onConfirm={() => retry.mutate(r.outRefundNo)}
                    okText={t("common.ok")}
                    cancelText={t("common.cancel")}
                  >
                    <Button danger loading={retry.isPending} data-testid="retry-refund">
                      {t("order.payments.retry")}
                    </Button>
                  </Popconfirm>
                )
              }
            />
          )}
        </div>
      ),
    });
    if (r.succeededAt) {
      entries.push({
        at: r.succeededAt,
        key: `${r.outRefundNo}:done`,
        color: "purple",
        children: t("order.payments.refundDone"),
      });
    }
  }
  entries.sort((a, b) => a.at.localeCompare(b.at));
  return (
    <Timeline
      data-testid="order-payments"
      items={entries.map((e) => ({
        key: e.key,
        color: e.color,
        children: (
          <div>
            <Typography.Text type="secondary" style={{ marginRight: 8 }}>
              {formatTime(e.at, lang)}
            </Typography.Text>
            {e.children}
          </div>
        ),
      }))}
    />
  );
}
