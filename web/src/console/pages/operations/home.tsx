import { useQuery } from "@tanstack/react-query";
import { Alert, Badge, Button, Card, Col, List, Row, Space, Statistic, Tag, Typography } from "antd";
import { Link } from "react-router-dom";
import { apiGet } from "../../api";
import { formatTime, useLocale } from "../../locale";
import { problemText } from "../../problem-text";
import { SyncTag } from "./sync-tag";
import type { HomeView } from "./types";

/** What needs a human now, each item linking to the place to act. Refreshes every 30 s. */
export function HomePage() {
  const { t, lang } = useLocale();
  const home = useQuery({
    queryKey: ["ops-home"],
    queryFn: () => apiGet<HomeView>("/admin/home"),
    refetchInterval: 30_000,
  });
  const d = home.data;
  return (
    <Space direction="vertical" size={16} style={{ width: "100%" }}>
      {home.error && <Alert type="error" showIcon message={problemText(home.error, t)} />}
      <Row gutter={16}>
        <Col xs={24} lg={8}>
          <Card
            title={t("ops.home.attention")}
            loading={home.isPending}
            data-testid="home-attention"
            extra={<Link to="/orders?needsAttention=1">{t("ops.home.openOrders")}</Link>}
          >
            <Statistic
              value={d?.needsAttention.count ?? 0}
              valueStyle={{ color: d?.needsAttention.count ? "#cf1322" : undefined }}
            />
            {d && d.needsAttention.count === 0 && (
              <Typography.Text type="secondary">{t("ops.home.attentionNone")}</Typography.Text>
            )}
            {!!d?.needsAttention.items.length && (
              <List
                size="small"
                dataSource={d.needsAttention.items}
                renderItem={(o) => (
                  <List.Item>
                    <Space direction="vertical" size={0}>
                      <Link to={`/orders/${encodeURIComponent(o.id)}`}>{o.id}</Link>
                      <Typography.Text type="secondary">
                        {o.cinemaName} · {o.status} · {formatTime(o.updatedAt, lang)}
                      </Typography.Text>
                      {o.reason && <Typography.Text>{o.reason}</Typography.Text>}
                    </Space>
                  </List.Item>
                )}
              />
            )}
            {!!d?.priceHolds.count && (
              <div data-testid="home-price-holds" style={{ marginTop: 12 }}>
                <Typography.Text strong type="warning">
                  {t("ops.home.priceHolds", { n: String(d.priceHolds.count) })}
                </Typography.Text>
                <List
                  size="small"
                  dataSource={d.priceHolds.items}
                  renderItem={(h) => (
                    <List.Item>
                      <Space direction="vertical" size={0}>
                        <Link to={`/cinemas/${encodeURIComponent(h.cinemaId)}`}>{h.cinemaName}</Link>
                        <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                          {h.warning}
                        </Typography.Text>
                      </Space>
                    </List.Item>
                  )}
                />
              </div>
            )}
          </Card>
        </Col>
        <Col xs={24} lg={8}>
          <Card title={t("ops.home.syncProblems")} loading={home.isPending} data-testid="home-sync">
            <Statistic value={d?.cinemas.problems.length ?? 0} suffix={`/ ${d?.cinemas.total ?? 0}`} />
            {d && d.cinemas.problems.length === 0 && (
              <Typography.Text type="secondary">
                {t("ops.home.syncNone", { n: String(d.cinemas.total) })}
              </Typography.Text>
            )}
            {!!d?.cinemas.problems.length && (
              <List
                size="small"
                dataSource={d.cinemas.problems}
                renderItem={(c) => (
                  <List.Item
                    actions={[
                      <Link key="diag" to={`/diagnosis?cinema=${encodeURIComponent(c.id)}`}>
                        {t("ops.home.diagnose")}
                      </Link>,
                    ]}
                  >
                    <Space direction="vertical" size={0}>
                      <Space>
                        <Link to={`/cinemas/${encodeURIComponent(c.id)}`}>{c.name}</Link>
                        <SyncTag sync={c.sync} />
                      </Space>
                      {c.sync.errors.slice(0, 2).map((e) => (
                        <Typography.Text key={e} type="danger" style={{ fontSize: 12 }}>
                          {e}
                        </Typography.Text>
                      ))}
                    </Space>
                  </List.Item>
                )}
              />
            )}
          </Card>
        </Col>
        <Col xs={24} lg={8}>
          <Card title={t("ops.home.vendors")} loading={home.isPending} data-testid="home-vendors">
            <Statistic value={d?.vendors.length ?? 0} />
            {d && d.vendors.length === 0 && (
              <Typography.Text type="secondary">{t("ops.home.vendorsNone")}</Typography.Text>
            )}
            {!!d?.vendors.length && (
              <List
                size="small"
                dataSource={d.vendors}
                renderItem={(v) => (
                  <List.Item
                    actions={[
                      <Link key="cinemas" to={`/cinemas?account=${encodeURIComponent(v.accountId)}`}>
                        {t("menu.cinemas")}
                      </Link>,
                    ]}
                  >
                    <Space direction="vertical" size={0}>
                      <Space>
                        <Badge status={v.status === "errors" ? "error" : "warning"} />
                        <Typography.Text strong>{v.accountName}</Typography.Text>
                        <Tag>{v.vendor}</Tag>
                        <Tag color={v.status === "errors" ? "red" : "orange"}>
                          {
                            // The home lists only vendors with errors or slow calls (server/src/ops/home.ts).
                            t(v.status === "errors" ? "ops.vendorStatus.errors" : "ops.vendorStatus.slow")
                          }
                        </Tag>
                      </Space>
                      <Typography.Text type="secondary">
                        {t("ops.home.vendorLine", {
                          calls: String(v.calls),
                          rate: `${Math.round(v.errorRate * 100)}%`,
                          p95: String(v.p95Ms),
                        })}
                      </Typography.Text>
                      {v.topErrors.length > 0 && (
                        <Typography.Text type="danger" style={{ fontSize: 12 }}>
                          {v.topErrors.map(([code, n]) => `${code} ×${n}`).join(", ")}
                        </Typography.Text>
                      )}
                    </Space>
                  </List.Item>
                )}
              />
            )}
          </Card>
        </Col>
      </Row>
      <Button onClick={() => void home.refetch()} loading={home.isFetching}>
        {t("common.refresh")}
      </Button>
    </Space>
  );
}
