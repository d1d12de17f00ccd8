import { ArrowLeftOutlined, WarningOutlined } from "@ant-design/icons";
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import {
  Alert,
  App,
  Button,
  Card,
  Descriptions,
  Empty,
  Form,
  Input,
  Popconfirm,
  Radio,
  Space,
  Spin,
  Table,
  Tabs,
  Tag,
  Timeline,
  Tooltip,
  Typography,
} from "antd";
import { type ReactNode, useState } from "react";
import { Link, useParams } from "react-router-dom";
import { apiGet, apiPost } from "../../api";
import type { MessageKey } from "../../i18n";
import { formatTime, useLocale } from "../../locale";
import { FormModal, useDialogMutation } from "../../modals";
import { problemText } from "../../problem-text";
import { useProblemToast } from "../../problem-toast";
import { useMe } from "../../session";
import { OrderGoodsPayments } from "./order-goods-payments";
import { OrderPayments } from "./order-payments";
import { StatusTag, yuan } from "./status-tag";
import type {
  ActionState,
  OrderDetail,
  OrderRefundStarted,
  OrderResolved,
  OrderResumed,
  VendorQueryResult,
} from "./types";
import { VendorCalls } from "./vendor-calls";

/**
 * One order as support staff need it on a call: what was bought, where it stands, every step and
 * vendor call that got it there, what the channel was told, and the repair actions with the reason
 * an action is not available right now.
 */
export function OrderPage() {
  const { id = "" } = useParams();
  const { t, lang } = useLocale();
  const me = useMe();
  const { message } = App.useApp();
  const qc = useQueryClient();
  const key = ["order", id];
  const detail = useQuery({
    queryKey: key,
    queryFn: () => apiGet<OrderDetail>(`/admin/orders/${encodeURIComponent(id)}`),
  });
  const [queryResult, setQueryResult] = useState<VendorQueryResult | null>(null);
  const [refunding, setRefunding] = useState(false);
  const [resolving, setResolving] = useState(false);
  const canRepair = me.data?.user.role === "admin" || me.data?.user.role === "support";

  const refresh = () => {
    void qc.invalidateQueries({ queryKey: key });
    void qc.invalidateQueries({ queryKey: ["orders"] });
  };
  const onError = useProblemToast();
  const path = (verb: string) => `/admin/orders/${encodeURIComponent(id)}/${verb}`;
  const vendorQuery = useMutation({
    mutationFn: () => apiPost<VendorQueryResult>(path("vendor-query")),
    onSuccess: (r) => {
      setQueryResult(r);
      refresh();
    },
    onError,
  });
  const resume = useMutation({
    mutationFn: () => apiPost<OrderResumed>(path("resume"), {}),
    onSuccess: (r) => {
      message.success(t("order.resume.done", { restarted: r.restartedTimetable ? t("order.resume.restarted") : "" }));
      refresh();
    },
    onError,
  });

  if (detail.isPending) return <Spin />;
  if (detail.error) {
    return (
      <Card>
        <Alert type="error" showIcon message={problemText(detail.error, t)} />
        <Link to="/orders">{t("order.back")}</Link>
      </Card>
    );
  }
  const d = detail.data;
  const o = d.order;
  const why = (a: ActionState) => (a.allowed || !a.reason ? undefined : t(`order.why.${a.reason}` as MessageKey));
  const action = (a: ActionState, button: ReactNode) => (
    <Tooltip title={why(a)}>
      <span>{button}</span>
    </Tooltip>
  );
  const seats = o.seats.map((s) => t("orders.seat", { row: s.row, col: s.col })).join("、");

  return (
    <Space direction="vertical" size="middle" style={{ width: "100%" }}>
      <Card
        title={
          <Space>
            <Link to="/orders" aria-label={t("order.back")}>
              <ArrowLeftOutlined />
            </Link>
            <span>{t("order.title", { id: o.id })}</span>
            <StatusTag status={o.status} />
            {o.needsAttention && (
              <Tag color="red" icon={<WarningOutlined />}>
                {t("orders.needsAttention")}
              </Tag>
            )}
          </Space>
        }
        extra={
          <Space wrap>
            {action(
              d.actions.vendorQuery.allowed ? d.actions.vendorQuery : { allowed: false, reason: "no_vendor_order" },
              <Button
                onClick={() => vendorQuery.mutate()}
                loading={vendorQuery.isPending}
                disabled={!d.actions.vendorQuery.allowed}
              >
                {t("order.action.query")}
              </Button>,
            )}
            {canRepair &&
              action(
                d.actions.resume,
                <Popconfirm
                  title={t("order.resume.confirm")}
                  okText={t("common.ok")}
                  cancelText={t("common.cancel")}
                  onConfirm={() => resume.mutate()}
                  disabled={!d.actions.resume.allowed}
                >
                  <Button loading={resume.isPending} disabled={!d.actions.resume.allowed}>
                    {t("order.action.resume")}
                  </Button>
                </Popconfirm>,
              )}
            {canRepair &&
              action(
                d.actions.refund,
                <Button danger onClick={() => setRefunding(true)} disabled={!d.actions.refund.allowed}>
                  {t("order.action.refund")}
                </Button>,
              )}
            {canRepair &&
              action(
                d.actions.resolve,
                <Button type="primary" onClick={() => setResolving(true)} disabled={!d.actions.resolve.allowed}>
                  {t("order.action.resolve")}
                </Button>,
              )}
          </Space>
        }
      >
        {o.needsAttention && (
          <Alert
            type="warning"
            showIcon
            style={{ marginBottom: 16 }}
            message={t("order.attention", { reason: o.attentionReason ?? "" })}
          />
        )}
        <Descriptions size="small" column={{ xs: 1, md: 2, xl: 3 }} bordered>
          <Descriptions.Item label={t("order.cinema")}>
            {o.cinema.name} <Tag>{o.cinema.vendor}</Tag>
          </Descriptions.Item>
          <Descriptions.Item label={t("order.showtime")}>
            {o.showtime.filmTitle} · {o.showtime.hallName} · {formatTime(o.showtime.startsAt, lang)}
          </Descriptions.Item>
          <Descriptions.Item label={t("order.seats")}>{seats}</Descriptions.Item>
          <Descriptions.Item label={t("order.amounts")}>
            {t("order.amountsText", { total: yuan(o.totalFen), paid: yuan(o.paidFen), settle: yuan(o.settleTotalFen) })}
          </Descriptions.Item>
          <Descriptions.Item label={t("order.payment")}>
            {o.payment ? `${o.payment.method} · ${o.payment.tradeNo}` : t("order.none")}
          </Descriptions.Item>
          <Descriptions.Item label={t("order.mobile")}>{o.mobile}</Descriptions.Item>
          <Descriptions.Item label={t("order.pickup")}>
            <span data-testid="pickup-codes">
              {Object.entries(o.pickup)
                .filter(([k]) => k === "printCode" || k === "verifyCode")
                .map(([k, v]) => `${k}: ${v}`)
                .join(" · ") || t("order.none")}
            </span>
          </Descriptions.Item>
          <Descriptions.Item label={t("order.channel")}>
            {o.channel.name} ({o.channel.code})
          </Descriptions.Item>
          <Descriptions.Item label={t("order.channelRef")}>{o.channelRef ?? "—"}</Descriptions.Item>
          <Descriptions.Item label={t("order.vendorIds")}>
            {o.vendorLockId ?? "—"} / {o.vendorOrderId ?? "—"}
          </Descriptions.Item>
          <Descriptions.Item label={t("order.createdAt")}>{formatTime(o.createdAt, lang)}</Descriptions.Item>
          <Descriptions.Item label={t("order.updatedAt")}>{formatTime(o.updatedAt, lang)}</Descriptions.Item>
          {o.failureReason && <Descriptions.Item label={t("order.failure")}>{o.failureReason}</Descriptions.Item>}
          {o.lastRefundError && (
            <Descriptions.Item label={t("order.refundError")}>{o.lastRefundError}</Descriptions.Item>
          )}
          {o.recovery.startedAt && (o.status === "CONFIRMING" || o.status === "REFUNDING") && (
            <Descriptions.Item label={t("order.recovery")}>
              {t("order.recoveryText", {
                started: formatTime(o.recovery.startedAt, lang),
                next: o.recovery.nextAt ? formatTime(o.recovery.nextAt, lang) : "—",
              })}
            </Descriptions.Item>
          )}
        </Descriptions>
      </Card>

      <OrderGoodsPayments order={o} />

      {queryResult && (
        <Card title={t("order.query.title")} data-testid="vendor-answer">
          {queryResult.ok ? (
            <Alert
              type="success"
              showIcon
              message={t("order.query.state", { state: queryResult.answer?.state ?? "" })}
              description={t("order.query.hint")}
            />
          ) : (
            <Alert
              type="error"
              showIcon
              message={t("order.query.failed", {
                code: queryResult.error?.code ?? "",
                message: queryResult.error?.message ?? "",
              })}
            />
          )}
          {queryResult.answer && <pre style={{ fontSize: 12 }}>{JSON.stringify(queryResult.answer, null, 2)}</pre>}
          <VendorCalls calls={queryResult.calls} />
        </Card>
      )}

      <Card>
        <Tabs
          items={[
            {
              key: "timeline",
              label: t("order.tab.timeline"),
              children: (
                <Timeline
                  items={d.events.map((e) => ({
                    color: e.type.includes("fail") || e.type.includes("attention") ? "red" : e.to ? "green" : "gray",
                    children: (
                      <div>
                        <Space wrap>
                          <Typography.Text strong>{e.type}</Typography.Text>
                          {e.to && (
                            <span>
                              {e.from ?? "∅"} → {e.to}
                            </span>
                          )}
                          <Typography.Text type="secondary">
                            {formatTime(e.at, lang)} · {e.actor}
                          </Typography.Text>
                        </Space>
                        {Object.keys(e.detail).length > 0 && (
                          <div>
                            <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                              {JSON.stringify(e.detail)}
                            </Typography.Text>
                          </div>
                        )}
                      </div>
                    ),
                  }))}
                />
              ),
            },
            {
              key: "payments",
              label: `${t("order.tab.payments")} (${d.payments.length})`,
              children: (
                <OrderPayments orderId={o.id} payments={d.payments} refunds={d.refunds} canRepair={canRepair} />
              ),
            },
            {
              key: "steps",
              label: `${t("order.tab.steps")} (${d.steps.length})`,
              children: (
                <Table
                  rowKey="id"
                  size="small"
                  pagination={false}
                  dataSource={d.steps}
                  columns={[
                    { title: t("order.steps.action"), dataIndex: "action" },
                    { title: t("order.steps.attempt"), dataIndex: "attempt" },
                    {
                      title: t("order.steps.started"),
                      dataIndex: "startedAt",
                      render: (v: string) => formatTime(v, lang),
                    },
                    {
                      title: t("order.steps.finished"),
                      dataIndex: "finishedAt",
                      render: (v: string | null) => (v ? formatTime(v, lang) : "—"),
                    },
                    { title: t("order.steps.outcome"), dataIndex: "outcome", render: (v: string | null) => v ?? "—" },
                    {
                      title: t("order.steps.vendorCode"),
                      dataIndex: "vendorCode",
                      render: (v: string | null) => v ?? "—",
                    },
                    { title: t("order.steps.detail"), dataIndex: "detail", render: (v: string | null) => v ?? "" },
                  ]}
                />
              ),
            },
            {
              key: "calls",
              label: `${t("order.tab.calls")} (${d.vendorCalls.length})`,
              children: <VendorCalls calls={d.vendorCalls} empty={t("order.calls.empty")} />,
            },
            {
              key: "webhooks",
              label: `${t("order.tab.webhooks")} (${d.webhooks.length})`,
              children:
                d.webhooks.length === 0 ? (
                  <Empty description={t("order.webhooks.empty")} />
                ) : (
                  <Table
                    rowKey="id"
                    size="small"
                    pagination={false}
                    dataSource={d.webhooks}
                    columns={[
                      {
                        title: t("order.webhooks.createdAt"),
                        dataIndex: "createdAt",
                        render: (v: string) => formatTime(v, lang),
                      },
                      { title: t("order.webhooks.orderStatus"), dataIndex: "orderStatus" },
                      {
                        title: t("order.webhooks.status"),
                        dataIndex: "status",
                        render: (s: string) => <Tag color={s === "delivered" ? "green" : "orange"}>{s}</Tag>,
                      },
                      { title: t("order.webhooks.attempts"), dataIndex: "attempts" },
                      {
                        title: t("order.webhooks.last"),
                        key: "last",
                        render: (_, w) => w.lastError ?? (w.lastStatusCode ? `HTTP ${w.lastStatusCode}` : "—"),
                      },
                      { title: t("order.webhooks.url"), dataIndex: "url" },
                    ]}
                  />
                ),
            },
          ]}
        />
      </Card>

      <RefundModal
        open={refunding}
        orderId={o.id}
        onClose={() => setRefunding(false)}
        onDone={(status) => {
          setRefunding(false);
          message.success(t("order.refund.done", { status: t(`status.${status}` as MessageKey) }));
          refresh();
        }}
      />
      <ResolveModal
        open={resolving}
        orderId={o.id}
        status={o.status}
        onClose={() => setResolving(false)}
        onDone={(status) => {
          setResolving(false);
          message.success(t("order.resolve.done", { status: t(`status.${status}` as MessageKey) }));
          refresh();
        }}
      />
    </Space>
  );
}

function RefundModal(props: { open: boolean; orderId: string; onClose(): void; onDone(status: string): void }) {
  const { t } = useLocale();
  const [form] = Form.useForm<{ reason: string }>();
  const refund = useDialogMutation(
    form,
    (v: { reason: string }) =>
      apiPost<OrderRefundStarted>(`/admin/orders/${encodeURIComponent(props.orderId)}/refund`, {
        reason: v.reason.trim(),
      }),
    (r) => props.onDone(r.status),
  );
  return (
    <FormModal
      open={props.open}
      title={t("order.refund.title")}
      okText={t("order.action.refund")}
      danger
      busy={refund.isPending}
      form={form}
      onClose={props.onClose}
    >
      <Typography.Paragraph>{t("order.refund.text")}</Typography.Paragraph>
      <Form form={form} layout="vertical" onFinish={(v) => refund.mutate(v)}>
        <Form.Item
          name="reason"
          label={t("order.refund.reason")}
          rules={[{ required: true, whitespace: true, max: 200 }]}
        >
          <Input />
        </Form.Item>
        {refund.error && <Alert type="error" showIcon message={problemText(refund.error, t)} role="alert" />}
      </Form>
    </FormModal>
  );
}

const RESOLVE_OUTCOMES: Record<string, Array<"failed" | "refunded" | "refund_refused">> = {
  CONFIRMING: ["failed"],
  REFUNDING: ["refunded", "refund_refused"],
};

function ResolveModal(props: {
  open: boolean;
  orderId: string;
  status: string;
  onClose(): void;
  onDone(status: string): void;
}) {
  const { t } = useLocale();
  const [form] = Form.useForm<{ note: string; outcome?: string }>();
  const outcomes = RESOLVE_OUTCOMES[props.status] ?? [];
  const resolve = useDialogMutation(
    form,
    (v: { note: string; outcome?: string }) =>
      apiPost<OrderResolved>(`/admin/orders/${encodeURIComponent(props.orderId)}/resolve`, {
        note: v.note.trim(),
        ...(v.outcome ? { outcome: v.outcome } : {}),
      }),
    (r) => props.onDone(r.status),
  );
  return (
    <FormModal
      open={props.open}
      title={t("order.resolve.title")}
      okText={t("order.action.resolve")}
      busy={resolve.isPending}
      form={form}
      onClose={props.onClose}
    >
      <Typography.Paragraph>{t("order.resolve.text")}</Typography.Paragraph>
      <Form form={form} layout="vertical" onFinish={(v) => resolve.mutate(v)}>
        {outcomes.length > 0 && (
          <Form.Item name="outcome" label={t("order.resolve.outcome")} rules={[{ required: true }]}>
            <Radio.Group>
              <Space direction="vertical">
                {outcomes.map((o) => (
                  <Radio key={o} value={o}>
                    {t(`order.resolve.outcome.${o}`)}
                  </Radio>
                ))}
              </Space>
            </Radio.Group>
          </Form.Item>
        )}
        <Form.Item name="note" label={t("order.resolve.note")} rules={[{ required: true, whitespace: true, max: 500 }]}>
          <Input.TextArea rows={3} />
        </Form.Item>
        {resolve.error && <Alert type="error" showIcon message={problemText(resolve.error, t)} role="alert" />}
      </Form>
    </FormModal>
  );
}
