import { MedicineBoxOutlined, SearchOutlined, SyncOutlined } from "@ant-design/icons";
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import {
  Alert,
  App,
  Button,
  Card,
  Descriptions,
  Empty,
  Segmented,
  Space,
  Table,
  Tabs,
  Tag,
  Tooltip,
  Typography,
} from "antd";
import { useState } from "react";
import { Link, useParams } from "react-router-dom";
import { apiGet, apiPost } from "../../api";
import { formatTime, useLocale } from "../../locale";
import { problemText } from "../../problem-text";
import { useProblemToast } from "../../problem-toast";
import { BuyerSiteTab } from "./buyer-site";
import { CinemaSettingsTab } from "./cinema-settings";
import { PaymentConfigTab } from "./payment-config";
import { ReconciliationTab } from "./reconciliation";
import { SeatMap } from "./seat-map";
import { SyncTag } from "./sync-tag";
import { type CinemaDetail, fen, type ShowtimeRow, type SyncQueued, type SyncRun } from "./types";

/** One cinema from our store: codes, halls with seat maps, showtimes by business day, sync history, "sync now". */
export function CinemaPage() {
  const { id = "" } = useParams();
  const { t, lang } = useLocale();
  const { message } = App.useApp();
  const showProblem = useProblemToast();
  const qc = useQueryClient();
  const key = ["ops-cinema", id];
  const detail = useQuery({
    queryKey: key,
    queryFn: () => apiGet<CinemaDetail>(`/admin/cinemas/${encodeURIComponent(id)}`),
    // While a sync runs, keep the history moving.
    refetchInterval: (q) => (q.state.data?.syncRuns.some((r) => r.status === "running") ? 2000 : false),
  });
  const sync = useMutation({
    mutationFn: () => apiPost<SyncQueued>(`/admin/cinemas/${encodeURIComponent(id)}/sync`),
    onSuccess: (r) => {
      message.success(t(r.queued ? "ops.cinema.syncQueued" : "ops.cinema.syncAlready"));
      void qc.invalidateQueries({ queryKey: key });
    },
    onError: showProblem,
  });
  if (detail.error) return <Alert type="error" showIcon message={problemText(detail.error, t)} />;
  const d = detail.data;
  if (!d) return <Card loading />;
  const c = d.cinema;
  const held = d.showtimeDays.flatMap((day) => day.showtimes).filter((s) => s.priceWarning);
  return (
    <Space direction="vertical" size={16} style={{ width: "100%" }}>
      <Card
        title={
          <Space>
            <span data-testid="cinema-name">{c.name}</span>
            <Tag>{c.vendor}</Tag>
            <SyncTag sync={d.sync} />
          </Space>
        }
        extra={
          <Space>
            <Link to={`/vendor-query?cinema=${encodeURIComponent(c.id)}`}>
              <Button icon={<SearchOutlined />}>{t("ops.cinema.vendorQuery")}</Button>
            </Link>
            <Link to={`/diagnosis?cinema=${encodeURIComponent(c.id)}`}>
              <Button icon={<MedicineBoxOutlined />}>{t("ops.cinema.diagnose")}</Button>
            </Link>
            <Button
              type="primary"
              icon={<SyncOutlined />}
              loading={sync.isPending}
              onClick={() => sync.mutate()}
              data-testid="sync-now"
            >
              {t("ops.cinema.syncNow")}
            </Button>
          </Space>
        }
      >
        <Descriptions size="small" column={{ xs: 1, md: 2, xl: 3 }}>
          <Descriptions.Item label={t("ops.col.internalCode")}>
            <code>{c.vendorCinemaId}</code>
          </Descriptions.Item>
          <Descriptions.Item label={t("ops.col.nationalCode")}>
            {c.nationalCode ? <code>{c.nationalCode}</code> : "—"}
          </Descriptions.Item>
          <Descriptions.Item label={t("ops.cinema.account")}>{c.vendorAccount?.name ?? "—"}</Descriptions.Item>
          <Descriptions.Item label={t("ops.cinema.city")}>{c.cityCode ?? "—"}</Descriptions.Item>
          <Descriptions.Item label={t("ops.cinema.address")}>{c.address || "—"}</Descriptions.Item>
          <Descriptions.Item label={t("ops.col.channels")}>
            {c.channels.map((ch) => (
              <Tag key={ch}>{ch}</Tag>
            ))}
          </Descriptions.Item>
          <Descriptions.Item label={t("ops.col.lastSync")}>
            {d.sync.lastSuccessAt ? formatTime(d.sync.lastSuccessAt, lang) : "—"}
          </Descriptions.Item>
        </Descriptions>
        {d.sync.errors.length > 0 && <Alert type="error" showIcon message={d.sync.errors.join("\n")} />}
        {held.length > 0 && (
          <Alert
            type="warning"
            showIcon
            data-testid="price-holds"
            message={t("ops.cinema.priceHolds", { n: String(held.length) })}
            description={held.map((s) => <div key={s.id}>{s.priceWarning}</div>)}
          />
        )}
      </Card>
      <Card>
        <Tabs
          items={[
            { key: "halls", label: t("ops.cinema.halls"), children: <Halls halls={d.halls} /> },
            { key: "showtimes", label: t("ops.cinema.showtimes"), children: <Showtimes days={d.showtimeDays} /> },
            { key: "runs", label: t("ops.cinema.syncRuns"), children: <SyncRuns runs={d.syncRuns} /> },
            { key: "settings", label: t("ops.cinema.settings"), children: <CinemaSettingsTab cinemaId={c.id} /> },
            {
              key: "payments",
              label: t("ops.cinema.payments"),
              children: <ReconciliationTab cinemaId={c.id} />,
            },
            {
              key: "payment-config",
              label: t("payconfig.title"),
              children: <PaymentConfigTab cinemaId={c.id} />,
            },
            {
              key: "buyer-site",
              label: t("buyerSite.tab"),
              children: <BuyerSiteTab cinemaId={c.id} cinemaName={c.name} nationalCode={c.nationalCode} />,
            },
          ]}
        />
      </Card>
    </Space>
  );
}

function Halls({ halls }: { halls: CinemaDetail["halls"] }) {
  const { t } = useLocale();
  const [hallId, setHallId] = useState(halls[0]?.id);
  const hall = halls.find((h) => h.id === hallId) ?? halls[0];
  if (!hall) return <Empty />;
  return (
    <Space direction="vertical" style={{ width: "100%" }}>
      <Segmented
        value={hall.id}
        onChange={(v) => setHallId(String(v))}
        options={halls.map((h) => ({
          value: h.id,
          label: `${h.name}${h.type ? ` · ${h.type}` : ""} (${h.seatCount})`,
        }))}
      />
      {hall.layout ? (
        <SeatMap layout={hall.layout} />
      ) : (
        <Typography.Text type="secondary">{t("ops.cinema.noLayout")}</Typography.Text>
      )}
    </Space>
  );
}

function Showtimes({ days }: { days: CinemaDetail["showtimeDays"] }) {
  const { t, lang } = useLocale();
  const [day, setDay] = useState(days[0]?.businessDay);
  const current = days.find((d) => d.businessDay === day) ?? days[0];
  if (!current) return <Empty description={t("ops.cinema.noShowtimes")} />;
  return (
    <Space direction="vertical" style={{ width: "100%" }}>
      <Segmented
        value={current.businessDay}
        onChange={(v) => setDay(String(v))}
        options={days.map((d) => ({ value: d.businessDay, label: `${d.businessDay} (${d.showtimes.length})` }))}
      />
      <Table<ShowtimeRow>
        rowKey="id"
        size="small"
        dataSource={current.showtimes}
        pagination={{ pageSize: 50, hideOnSinglePage: true }}
        columns={[
          { title: t("ops.show.time"), dataIndex: "startsAt", render: (v: string) => formatTime(v, lang) },
          { title: t("ops.show.film"), dataIndex: "filmTitle" },
          { title: t("ops.show.hall"), dataIndex: "hallName" },
          {
            title: t("ops.show.version"),
            render: (_: unknown, s) => [s.version, s.language].filter(Boolean).join(" · "),
          },
          { title: t("ops.show.settle"), dataIndex: "settleFen", render: fen },
          { title: t("ops.show.sale"), dataIndex: "saleFen", render: fen },
          {
            title: t("ops.show.areas"),
            dataIndex: "areaPrices",
            render: (areas: ShowtimeRow["areaPrices"]) =>
              areas.map((a) => <Tag key={a.areaId}>{`${a.areaName ?? a.areaId} ${fen(a.saleFen)}`}</Tag>),
          },
          {
            title: t("ops.show.onSale"),
            dataIndex: "onSale",
            render: (v: boolean, s: ShowtimeRow) =>
              s.priceWarning ? (
                <Tooltip title={s.priceWarning}>
                  <Tag color="orange">{t("ops.show.priceHold")}</Tag>
                </Tooltip>
              ) : (
                <Tag color={v ? "green" : "default"}>{t(v ? "ops.show.onSale" : "ops.show.closed")}</Tag>
              ),
          },
          { title: "ID", dataIndex: "vendorShowtimeId", render: (v: string) => <code>{v}</code> },
        ]}
      />
    </Space>
  );
}

export function SyncRuns({ runs }: { runs: SyncRun[] }) {
  const { t, lang } = useLocale();
  return (
    <Table<SyncRun>
      rowKey="id"
      size="small"
      dataSource={runs}
      pagination={false}
      data-testid="sync-runs"
      columns={[
        { title: t("ops.run.started"), dataIndex: "startedAt", render: (v: string) => formatTime(v, lang) },
        {
          title: t("ops.run.status"),
          dataIndex: "status",
          render: (s: SyncRun["status"]) => (
            <Tag color={s === "succeeded" ? "green" : s === "failed" ? "red" : "blue"}>{t(`ops.runStatus.${s}`)}</Tag>
          ),
        },
        { title: t("ops.run.entities"), dataIndex: "entities", render: (e: string[]) => e.join(", ") },
        {
          title: t("ops.run.duration"),
          dataIndex: "durationMs",
          render: (v: number | null) => (v == null ? "—" : `${v} ms`),
        },
        {
          title: t("ops.run.counts"),
          dataIndex: "counts",
          render: (c: Record<string, number>) =>
            Object.entries(c)
              .filter(([, n]) => n > 0)
              .map(([k, n]) => <Tag key={k}>{`${k} ${n}`}</Tag>),
        },
        {
          title: t("ops.run.errors"),
          dataIndex: "errors",
          render: (errs: SyncRun["errors"]) =>
            errs.map((e) => (
              <Typography.Text key={`${e.entity}${e.code}`} type="danger" style={{ display: "block", fontSize: 12 }}>
                {`${e.entity}: ${e.code}${e.vendorCode ? ` (${e.vendorCode})` : ""} ${e.message}`}
              </Typography.Text>
            )),
        },
        {
          title: t("ops.run.warnings"),
          dataIndex: "warnings",
          render: (warnings: SyncRun["warnings"]) =>
            warnings.map((w) => (
              <Typography.Text
                key={`${w.code}${w.vendorShowtimeId}`}
                type="warning"
                style={{ display: "block", fontSize: 12 }}
              >
                {`${w.code}: ${w.message}`}
              </Typography.Text>
            )),
        },
      ]}
    />
  );
}
