import { WarningOutlined } from "@ant-design/icons";
import { useQuery } from "@tanstack/react-query";
import { Alert, Card, Checkbox, Form, Input, Select, Space, Table, Tag, Tooltip, Typography } from "antd";
import { useEffect } from "react";
import { Link, useSearchParams } from "react-router-dom";
import { apiGet } from "../../api";
import { formatTime, useLocale } from "../../locale";
import { problemText } from "../../problem-text";
import { CinemaSelectItem, DateRangeItem, SearchActions, urlPagination } from "./search-parts";
import { StatusTag, yuan } from "./status-tag";
import { ORDER_STATUSES, type OrderListItem, type OrderPage, type OrderStatus } from "./types";

interface Filters {
  q?: string;
  cinemaId?: string;
  status?: OrderStatus;
  from?: string;
  to?: string;
  needsAttention?: boolean;
}

const FILTER_KEYS = ["q", "cinemaId", "status", "from", "to", "needsAttention", "page"] as const;

/** The API's query for the page's URL: the URL is the state, so a search can be linked and reloaded. */
function apiQuery(params: URLSearchParams): string {
  const out = new URLSearchParams();
  for (const k of FILTER_KEYS) {
    const v = params.get(k);
    if (v) out.set(k, v);
  }
  out.set("pageSize", "20");
  return out.toString();
}

/** Order search: one box for any id, code or mobile, plus cinema, status, dates and "needs attention". */
export function OrdersPage() {
  const { t, lang } = useLocale();
  const [params, setParams] = useSearchParams();
  const [form] = Form.useForm<Filters>();
  const query = apiQuery(params);
  const orders = useQuery({
    queryKey: ["orders", query],
    queryFn: () => apiGet<OrderPage>(`/admin/orders?${query}`),
  });

  useEffect(() => {
    form.setFieldsValue({
      q: params.get("q") ?? undefined,
      cinemaId: params.get("cinemaId") ?? undefined,
      status: (params.get("status") as OrderStatus | null) ?? undefined,
      from: params.get("from") ?? undefined,
      to: params.get("to") ?? undefined,
      needsAttention: params.get("needsAttention") === "1",
    });
  }, [params, form]);

  const submit = (v: Filters) => {
    const next = new URLSearchParams();
    if (v.q?.trim()) next.set("q", v.q.trim());
    if (v.cinemaId) next.set("cinemaId", v.cinemaId);
    if (v.status) next.set("status", v.status);
    if (v.from) next.set("from", v.from);
    if (v.to) next.set("to", v.to);
    if (v.needsAttention) next.set("needsAttention", "1");
    setParams(next);
  };

  return (
    <Card title={t("menu.orders")}>
      <Form form={form} layout="inline" onFinish={submit} style={{ rowGap: 12, marginBottom: 16 }}>
        <Form.Item name="q" style={{ width: 460 }}>
          <Input allowClear placeholder={t("orders.search.placeholder")} data-testid="order-search" />
        </Form.Item>
        <CinemaSelectItem />
        <Form.Item name="status">
          <Select
            allowClear
            placeholder={t("orders.filter.status")}
            style={{ width: 130 }}
            options={ORDER_STATUSES.map((s) => ({ value: s, label: t(`status.${s}`) }))}
          />
        </Form.Item>
        <DateRangeItem label={t("orders.filter.dates")} />
        <Form.Item name="needsAttention" valuePropName="checked">
          <Checkbox>{t("orders.filter.needsAttention")}</Checkbox>
        </Form.Item>
        <SearchActions
          onReset={() => {
            form.resetFields();
            setParams(new URLSearchParams());
          }}
        />
      </Form>
      {orders.error && (
        <Alert type="error" showIcon message={problemText(orders.error, t)} style={{ marginBottom: 16 }} />
      )}
      <Table<OrderListItem>
        rowKey="id"
        size="middle"
        loading={orders.isFetching}
        dataSource={orders.data?.items ?? []}
        data-testid="order-results"
        pagination={urlPagination(orders.data, params, setParams, (n) => t("orders.total", { n: String(n) }))}
        columns={[
          {
            title: t("orders.col.id"),
            dataIndex: "id",
            render: (id: string, o) => (
              <Space size={4}>
                <Link to={`/orders/${encodeURIComponent(id)}`}>{id}</Link>
                {o.needsAttention && (
                  <Tooltip title={o.attentionReason}>
                    <Tag color="red" icon={<WarningOutlined />}>
                      {t("orders.needsAttention")}
                    </Tag>
                  </Tooltip>
                )}
              </Space>
            ),
          },
          { title: t("orders.col.status"), dataIndex: "status", render: (s: OrderStatus) => <StatusTag status={s} /> },
          { title: t("orders.col.cinema"), dataIndex: "cinemaName" },
          {
            title: t("orders.col.film"),
            key: "film",
            render: (_, o) => (
              <div>
                <div>{o.filmTitle}</div>
                <Typography.Text type="secondary">{formatTime(o.startsAt, lang)}</Typography.Text>
              </div>
            ),
          },
          {
            title: t("orders.col.seats"),
            dataIndex: "seats",
            render: (seats: OrderListItem["seats"]) => seats.map((s) => t("orders.seat", s)).join("、"),
          },
          { title: t("orders.col.total"), dataIndex: "totalFen", render: (f: number) => yuan(f) },
          { title: t("orders.col.mobile"), dataIndex: "mobile" },
          {
            title: t("orders.col.pickup"),
            dataIndex: "pickup",
            render: (p: Record<string, string>) => [p.printCode, p.verifyCode].filter(Boolean).join(" / ") || "—",
          },
          { title: t("orders.col.channel"), dataIndex: "channel" },
          { title: t("orders.col.createdAt"), dataIndex: "createdAt", render: (v: string) => formatTime(v, lang) },
        ]}
      />
    </Card>
  );
}
