import { useQuery } from "@tanstack/react-query";
import {
  Alert,
  Button,
  Card,
  Descriptions,
  Empty,
  Form,
  Input,
  Space,
  Table,
  type TableProps,
  Tag,
  Typography,
} from "antd";
import { useSearchParams } from "react-router-dom";
import type { AdminResponse } from "../../../api/admin";
import { apiGet } from "../../api";
import { isMessageKey, type MessageKey } from "../../i18n";
import { formatTime, useLocale } from "../../locale";
import { problemText } from "../../problem-text";
import { CinemaPicker } from "./cinema-picker";
import { fen } from "./types";

type CardLookup = AdminResponse<"/admin/cinemas/{id}/member-cards/{cardNo}", "get">;
type CardRecord = CardLookup["records"]["items"][number];
type Overview = AdminResponse<"/admin/cinemas/{id}/member-overview", "get">;

/** MCS 会员 (doc 000 §三.2): one card at one cinema live from its vendor, and the cinema's grades and goods. */
export function MemberCardsPage() {
  const { t, lang } = useLocale();
  const [params, setParams] = useSearchParams();
  const cinemaId = params.get("cinema") ?? undefined;
  const cardNo = params.get("card") ?? undefined;
  const label = (prefix: string, value: string) => {
    const key = `${prefix}.${value}`;
    return isMessageKey(key) ? t(key as MessageKey) : value;
  };
  const overview = useQuery({
    queryKey: ["member-overview", cinemaId],
    queryFn: () => apiGet<Overview>(`/admin/cinemas/${encodeURIComponent(cinemaId!)}/member-overview`),
    enabled: !!cinemaId,
  });
  const card = useQuery({
    queryKey: ["member-card", cinemaId, cardNo],
    queryFn: () =>
      apiGet<CardLookup>(`/admin/cinemas/${encodeURIComponent(cinemaId!)}/member-cards/${encodeURIComponent(cardNo!)}`),
    enabled: !!cinemaId && !!cardNo,
    retry: false,
  });
  const c = card.data;
  return (
    <Space direction="vertical" size={16} style={{ width: "100%" }}>
      <Card title={t("members.title")}>
        <Form
          layout="inline"
          initialValues={{ cardNo }}
          onFinish={(v: { cardNo?: string }) =>
            cinemaId && v.cardNo && setParams({ cinema: cinemaId, card: v.cardNo.trim() })
          }
        >
          <Form.Item label={t("members.cinema")}>
            <CinemaPicker value={cinemaId} onChange={(id) => setParams({ cinema: id })} />
          </Form.Item>
          <Form.Item
            label={t("members.cardNo")}
            name="cardNo"
            rules={[{ required: true, pattern: /^[0-9A-Za-z]{4,32}$/ }]}
          >
            <Input data-testid="card-no" style={{ width: 220 }} autoComplete="off" />
          </Form.Item>
          <Button type="primary" htmlType="submit" disabled={!cinemaId} data-testid="card-search">
            {t("members.search")}
          </Button>
        </Form>
        {!cinemaId && <Typography.Paragraph type="secondary">{t("members.pickCinema")}</Typography.Paragraph>}
      </Card>

      {card.isError && <Alert type="error" showIcon message={problemText(card.error, t)} />}
      {c && (
        <Card title={`${t("members.card")} ${c.cardNoMasked}`} data-testid="card-detail">
          <Descriptions column={2} size="small">
            <Descriptions.Item label={t("members.grade")}>{c.gradeName}</Descriptions.Item>
            <Descriptions.Item label={t("members.kind")}>{label("members.kind", c.kind)}</Descriptions.Item>
            <Descriptions.Item label={t("members.status")}>
              <Tag color={c.status === "active" ? "green" : "red"}>{label("members.status", c.status)}</Tag>
            </Descriptions.Item>
            <Descriptions.Item label={t("members.expires")}>{c.expiresAt ?? "—"}</Descriptions.Item>
            <Descriptions.Item label={t("members.holder")}>
              {[c.holder.name, c.holder.mobile].filter(Boolean).join(" · ") || "—"}
            </Descriptions.Item>
            <Descriptions.Item label={t("members.registered")}>{c.registeredOn ?? "—"}</Descriptions.Item>
            <Descriptions.Item label={t("members.lastBalance")}>
              {c.lastBalance
                ? `${fen(c.lastBalance.fen)} (${t("members.lastBalanceAt", { at: formatTime(c.lastBalance.at, lang) })})`
                : t("members.noBalance")}
            </Descriptions.Item>
            <Descriptions.Item label={t("members.activity")}>
              {t("members.counts", {
                recharge: String(c.rechargeCount ?? 0),
                consume: String(c.consumptionCount ?? 0),
              })}
            </Descriptions.Item>
          </Descriptions>
          <Typography.Title level={5}>{t("members.records")}</Typography.Title>
          <Table
            size="small"
            rowKey={(r) => `${r.kind}-${r.at}-${r.amountFen ?? r.points ?? ""}`}
            dataSource={c.records.items}
            pagination={{ pageSize: 20 }}
            columns={[
              { title: t("members.col.at"), dataIndex: "at", render: (v: string) => formatTime(v, lang) },
              { title: t("members.col.kind"), dataIndex: "kind", render: (v: string) => label("members.record", v) },
              { title: t("members.col.amount"), dataIndex: "amountFen", render: (v?: number) => fen(v) },
              { title: t("members.col.balanceAfter"), dataIndex: "balanceAfterFen", render: (v?: number) => fen(v) },
              { title: t("members.col.points"), dataIndex: "points", render: (v?: number) => v ?? "—" },
              {
                title: t("members.col.note"),
                render: (_: unknown, r: CardRecord) => [r.filmTitle, r.description].filter(Boolean).join(" · "),
              },
            ]}
          />
        </Card>
      )}

      {overview.isError && <Alert type="error" showIcon message={problemText(overview.error, t)} />}
      {overview.data && (
        <Space direction="horizontal" align="start" size={16} wrap>
          <OverviewTable
            title={t("members.grades")}
            rowKey="gradeId"
            rows={overview.data.grades}
            columns={[
              { title: t("members.grade"), dataIndex: "name" },
              { title: t("members.kind"), dataIndex: "kind", render: (v: string) => label("members.kind", v) },
              { title: t("members.col.minRecharge"), dataIndex: "minRechargeFen", render: (v?: number) => fen(v) },
              { title: t("members.col.cardCost"), dataIndex: "cardCostFen", render: (v?: number) => fen(v) },
            ]}
          />
          <OverviewTable
            title={t("members.goods")}
            rowKey="id"
            rows={overview.data.goods}
            columns={[
              { title: t("members.goods"), dataIndex: "name" },
              {
                title: t("members.kind"),
                dataIndex: "kind",
                render: (v: string) => t(v === "package" ? "members.goods.package" : "members.goods.single"),
              },
              { title: t("members.col.price"), dataIndex: "saleFen", render: (v: number) => fen(v) },
            ]}
          />
        </Space>
      )}
    </Space>
  );
}

/** One of the cinema's lists, or "not supported" when its system has none (the API leaves it out). */
function OverviewTable<T extends object>(props: {
  title: string;
  rowKey: keyof T & string;
  rows: T[] | undefined;
  columns: TableProps<T>["columns"];
}) {
  const { t } = useLocale();
  return (
    <Card title={props.title} style={{ minWidth: 380 }}>
      {props.rows ? (
        <Table size="small" rowKey={props.rowKey} pagination={false} dataSource={props.rows} columns={props.columns} />
      ) : (
        <Empty description={t("members.notSupported")} />
      )}
    </Card>
  );
}
