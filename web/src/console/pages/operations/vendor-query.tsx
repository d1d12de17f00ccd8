import { useMutation, useQuery } from "@tanstack/react-query";
import { Alert, Button, Card, Col, Empty, Form, Input, Row, Select, Space, Tag, Typography } from "antd";
import { useState } from "react";
import { useSearchParams } from "react-router-dom";
import { apiGet, apiPost } from "../../api";
import { isMessageKey } from "../../i18n";
import { useLocale } from "../../locale";
import { problemText } from "../../problem-text";
import { useMe } from "../../session";
import { CinemaPicker } from "./cinema-picker";
import type { VendorQueryCallInfo as CallInfo, CinemaDetail, VendorQueryResult as QueryResult } from "./types";

/** China business day of now (06:00 China time starts the day), the default date for showtime queries. */
function businessToday(): string {
  return new Date(Date.now() + 8 * 3600_000 - 6 * 3600_000).toISOString().slice(0, 10);
}

const pre = {
  maxHeight: 480,
  overflow: "auto",
  background: "#fafafa",
  padding: 12,
  margin: 0,
  fontSize: 12,
  whiteSpace: "pre-wrap",
  wordBreak: "break-all",
} as const;

/** Doc 000 §三 系统商查询模块: run one vendor read call live and see decoded and raw side by side. */
export function VendorQueryPage() {
  const { t } = useLocale();
  const [params, setParams] = useSearchParams();
  const cinemaId = params.get("cinema") ?? undefined;
  const [call, setCall] = useState("cinema");
  const [form] = Form.useForm<Record<string, string>>();
  const calls = useQuery({
    queryKey: ["vq-calls"],
    queryFn: () => apiGet<{ items: CallInfo[] }>("/admin/vendor-query/calls"),
  });
  const cinema = useQuery({
    queryKey: ["ops-cinema", cinemaId],
    queryFn: () => apiGet<CinemaDetail>(`/admin/cinemas/${encodeURIComponent(cinemaId!)}`),
    enabled: !!cinemaId,
  });
  const run = useMutation({
    mutationFn: (values: Record<string, string>) => {
      const p: Record<string, string> = {};
      for (const [k, v] of Object.entries(values)) if (v) p[k] = v.trim();
      return apiPost<QueryResult>(`/admin/cinemas/${encodeURIComponent(cinemaId!)}/vendor-query`, { call, params: p });
    },
  });
  // The vendor's cinema list shows every cinema of the account: admins and support only (the API agrees).
  const operator = useMe().data?.user.role === "cinema_operator";
  const offered = (calls.data?.items ?? []).filter((c) => !(operator && c.name === "cinemas"));
  const info = offered.find((c) => c.name === call);
  const callLabel = (name: string) => {
    const key = `ops.call.${name}`;
    return isMessageKey(key) ? t(key) : name;
  };
  // A result stays on screen only while it answers the cinema and call that are selected.
  const r = run.data && run.data.call === call && run.data.cinemaId === cinemaId ? run.data : undefined;
  return (
    <Space direction="vertical" size={16} style={{ width: "100%" }}>
      <Card title={t("menu.vendorQuery")}>
        <Form form={form} layout="vertical" onFinish={(v) => run.mutate(v)} initialValues={{ date: businessToday() }}>
          <Space wrap align="end">
            <Form.Item label={t("ops.vq.cinema")}>
              <CinemaPicker value={cinemaId} onChange={(id) => setParams({ cinema: id })} />
            </Form.Item>
            <Form.Item label={t("ops.vq.call")}>
              <Select
                style={{ minWidth: 220 }}
                value={call}
                onChange={setCall}
                data-testid="call-picker"
                options={offered.map((c) => ({
                  value: c.name,
                  label: c.memberCards ? `${callLabel(c.name)} (${t("ops.vq.memberOnly")})` : callLabel(c.name),
                }))}
              />
            </Form.Item>
            {info?.needs.map((need) => (
              <Form.Item
                key={need}
                name={need}
                label={isMessageKey(`ops.param.${need}`) ? t(`ops.param.${need}` as "ops.param.date") : need}
                rules={[{ required: true }]}
              >
                {need === "hallId" ? (
                  <Select
                    style={{ minWidth: 200 }}
                    options={(cinema.data?.halls ?? []).map((h) => ({ value: h.id, label: h.name }))}
                  />
                ) : need === "cardPassword" ? (
                  <Input.Password autoComplete="off" />
                ) : need === "showtimeId" ? (
                  <Select
                    showSearch
                    style={{ minWidth: 320 }}
                    optionFilterProp="label"
                    options={(cinema.data?.showtimeDays ?? []).flatMap((d) =>
                      d.showtimes.map((s) => ({
                        value: s.id,
                        label: `${s.startsAt.slice(5, 16).replace("T", " ")} ${s.filmTitle} · ${s.hallName}`,
                      })),
                    )}
                  />
                ) : (
                  <Input data-testid={`param-${need}`} />
                )}
              </Form.Item>
            ))}
            <Form.Item>
              <Button
                type="primary"
                htmlType="submit"
                disabled={!cinemaId}
                loading={run.isPending}
                data-testid="vq-run"
              >
                {t("ops.vq.run")}
              </Button>
            </Form.Item>
          </Space>
        </Form>
        {!cinemaId && <Typography.Text type="secondary">{t("ops.vq.pickCinema")}</Typography.Text>}
        {run.error && <Alert type="error" showIcon message={problemText(run.error, t)} />}
      </Card>
      {r && (
        <Row gutter={16}>
          <Col xs={24} xl={12}>
            <Card
              title={t("ops.vq.decoded")}
              data-testid="vq-result"
              extra={
                <Space>
                  <Tag color={r.ok ? "green" : "red"} data-testid="vq-outcome">
                    {r.ok ? t("ops.vq.ok") : t("ops.vq.failed")}
                  </Tag>
                  <Tag>{r.vendor}</Tag>
                  {r.vendorCode && <Tag>{`${t("ops.vq.vendorCode")} ${r.vendorCode}`}</Tag>}
                  <Tag>{t("ops.vq.duration", { ms: String(r.durationMs) })}</Tag>
                </Space>
              }
            >
              {r.error && (
                <Alert
                  type="error"
                  showIcon
                  style={{ marginBottom: 12 }}
                  message={`${r.error.code}${r.error.vendorCode ? ` (${r.error.vendorCode})` : ""}: ${r.error.message}`}
                />
              )}
              {r.ok && <pre style={pre}>{JSON.stringify(r.result, null, 2)}</pre>}
            </Card>
          </Col>
          <Col xs={24} xl={12}>
            <Card
              title={t("ops.vq.raw")}
              extra={<Typography.Text type="secondary">{t("ops.vq.masked")}</Typography.Text>}
              data-testid="vq-raw"
            >
              {r.calls.length === 0 && <Empty />}
              {r.calls.map((c) => (
                <Space key={c.id} direction="vertical" style={{ width: "100%", marginBottom: 16 }}>
                  <Space wrap>
                    <Typography.Text strong>{c.call}</Typography.Text>
                    <Tag color={c.outcome === "ok" ? "green" : "red"}>{c.outcome}</Tag>
                    {c.httpStatus !== undefined && <Tag>HTTP {c.httpStatus}</Tag>}
                    {c.vendorCode && <Tag>{`${t("ops.vq.vendorCode")} ${c.vendorCode}`}</Tag>}
                    <Tag>{t("ops.vq.duration", { ms: String(c.durationMs) })}</Tag>
                  </Space>
                  <Typography.Text type="secondary">{t("ops.vq.request")}</Typography.Text>
                  <pre style={{ ...pre, maxHeight: 200 }}>{c.request}</pre>
                  <Typography.Text type="secondary">{t("ops.vq.response")}</Typography.Text>
                  <pre style={{ ...pre, maxHeight: 280 }}>{c.response}</pre>
                </Space>
              ))}
            </Card>
          </Col>
        </Row>
      )}
    </Space>
  );
}
