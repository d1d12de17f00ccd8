import { useQuery } from "@tanstack/react-query";
import { Alert, Card, Form, Input, Select, Table, Tooltip, Typography } from "antd";
import { useEffect } from "react";
import { Link, useSearchParams } from "react-router-dom";
import { apiGet } from "../../api";
import { formatTime, useLocale } from "../../locale";
import { problemText } from "../../problem-text";
import {
  PAYMENT_STATES,
  PaymentStateTag,
  ProviderTag,
  REFUND_STATES,
  RefundStateTag,
  refundReasonText,
} from "./payment-tags";
import { CinemaSelectItem, DateRangeItem, SearchActions, urlPagination } from "./search-parts";
import { yuan } from "./status-tag";
import type { PaymentListItem, PaymentPage, PaymentState, RefundState } from "./types";

interface Filters {
  q?: string;
  cinemaId?: string;
  state?: PaymentState;
  refundState?: RefundState;
  from?: string;
  to?: string;
}

const FILTER_KEYS = ["q", "cinemaId", "state", "refundState", "from", "to"] as const;

/**
 * The buyer site's payments (GET /admin/payments): search by out_trade_no, the provider's
 * transaction id or the order, filter by cinema, payment and refund state and date; each row links
 * to its order. The URL is the state, so a search can be linked and reloaded.
 */
export function PaymentsPage() {
  const { t, lang } = useLocale();
  const [params, setParams] = useSearchParams();
  const [form] = Form.useForm<Filters>();
  const query = new URLSearchParams([...params].filter(([k, v]) => v && [...FILTER_KEYS, "page"].includes(k)));
  query.set("pageSize", "20");
  const payments = useQuery({
    queryKey: ["payments", query.toString()],
    queryFn: () => apiGet<PaymentPage>(`/admin/payments?${query}`),
  });

  useEffect(() => {
    form.setFieldsValue(Object.fromEntries(FILTER_KEYS.map((k) => [k, params.get(k) ?? undefined])) as Filters);
  }, [params, form]);

  const submit = (v: Filters) => {
    const next = new URLSearchParams();
    for (const k of FILTER_KEYS) {
      const value = v[k]?.trim();
      if (value) next.set(k, value);
    }
    setParams(next);
  };

  return (
    <Card title={t("menu.payments")}>
      <Form form={form} layout="inline" onFinish={submit} style={{ rowGap: 12, marginBottom: 16 }}>
        <Form.Item name="q" style={{ width: 380 }}>
          <Input allowClear placeholder={t("payments.search.placeholder")} data-testid="payment-search" />
        </Form.Item>
        <CinemaSelectItem />
        {(
          [
            {
              name: "state",
              placeholder: t("payments.filter.state"),
              options: PAYMENT_STATES.map((s) => ({ value: s, label: t(`payState.${s}`) })),
            },
            {
              name: "refundState",
              placeholder: t("payments.filter.refundState"),
              options: REFUND_STATES.map((s) => ({ value: s, label: t(`refundState.${s}`) })),
            },
          ] as Array<{ name: string; placeholder: string; options: Array<{ value: string; label: string }> }>
        ).map((f) => (
          <Form.Item key={f.name} name={f.name}>
            <Select allowClear placeholder={f.placeholder} style={{ width: 140 }} options={f.options} />
          </Form.Item>
        ))}
        <DateRangeItem label={t("payments.filter.dates")} />
        <SearchActions
          onReset={() => {
            form.resetFields();
            setParams(new URLSearchParams());
          }}
        />
      </Form>
      {payments.error && (
        <Alert type="error" showIcon message={problemText(payments.error, t)} style={{ marginBottom: 16 }} />
      )}
      <Table<PaymentListItem>
        rowKey="outTradeNo"
        size="middle"
        loading={payments.isFetching}
        dataSource={payments.data?.items ?? []}
        data-testid="payment-results"
        pagination={urlPagination(payments.data, params, setParams, (n) => t("payments.total", { n: String(n) }))}
        columns={[
          { title: t("payments.col.trade"), dataIndex: "outTradeNo", render: (v: string) => <code>{v}</code> },
          {
            title: t("payments.col.order"),
            dataIndex: "orderId",
            render: (id: string) => <Link to={`/orders/${encodeURIComponent(id)}`}>{id}</Link>,
          },
          { title: t("payments.col.cinema"), dataIndex: "cinemaName" },
          {
            title: t("payments.col.provider"),
            dataIndex: "provider",
            render: (p: PaymentListItem["provider"]) => <ProviderTag provider={p} />,
          },
          {
            title: t("payments.col.state"),
            dataIndex: "state",
            render: (s: PaymentState) => <PaymentStateTag state={s} />,
          },
          {
            title: t("payments.col.amount"),
            key: "amount",
            render: (_, p) =>
              p.paidFen !== null && p.paidFen !== p.amountFen ? (
                <Typography.Text type="danger">{`${yuan(p.amountFen)} / ${yuan(p.paidFen)}`}</Typography.Text>
              ) : (
                yuan(p.amountFen)
              ),
          },
          {
            title: t("payments.col.transaction"),
            dataIndex: "transactionId",
            render: (v: string | null) => (v ? <code>{v}</code> : "—"),
          },
          { title: t("payments.col.payer"), dataIndex: "payer", render: (v: string | null) => v ?? "—" },
          {
            title: t("payments.col.refund"),
            dataIndex: "refund",
            render: (r: PaymentListItem["refund"]) =>
              r ? (
                <Tooltip title={[refundReasonText(t, r.reason), r.lastError].filter(Boolean).join(" · ")}>
                  <span>
                    <RefundStateTag state={r.state} />
                  </span>
                </Tooltip>
              ) : (
                "—"
              ),
          },
          {
            title: t("payments.col.createdAt"),
            dataIndex: "createdAt",
            render: (v: string) => formatTime(v, lang),
          },
        ]}
      />
    </Card>
  );
}
