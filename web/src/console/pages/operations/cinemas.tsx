import { PlusOutlined, QuestionCircleOutlined } from "@ant-design/icons";
import { Alert, Button, Card, Input, Space, Table, Tag, Tooltip } from "antd";
import { useMemo, useState } from "react";
import { Link, useNavigate, useSearchParams } from "react-router-dom";
import { formatTime, useLocale } from "../../locale";
import { problemText } from "../../problem-text";
import { useMe } from "../../session";
import { useCinemas } from "./cinema-picker";
import { SyncTag } from "./sync-tag";
import type { CinemaItem } from "./types";

/** Onboarded cinemas with both codes and their sync health; `?account=` narrows to one vendor account. */
export function CinemasPage() {
  const { t, lang } = useLocale();
  const navigate = useNavigate();
  const [params] = useSearchParams();
  const account = params.get("account");
  const [q, setQ] = useState("");
  const role = useMe().data?.user.role;
  const cinemas = useCinemas();
  const rows = useMemo(() => {
    const needle = q.trim().toLowerCase();
    return (cinemas.data?.items ?? []).filter(
      (c) =>
        (!account || c.vendorAccountId === account) &&
        (!needle ||
          c.name.toLowerCase().includes(needle) ||
          c.id === needle ||
          c.vendorCinemaId === needle ||
          c.nationalCode === needle),
    );
  }, [cinemas.data, q, account]);
  return (
    <Card
      title={t("menu.cinemas")}
      extra={
        role !== "cinema_operator" && (
          <Button
            type="primary"
            icon={<PlusOutlined />}
            onClick={() => navigate("/cinemas/onboard")}
            data-testid="onboard-open"
          >
            {t("ops.cinemas.onboard")}
          </Button>
        )
      }
    >
      {cinemas.error && (
        <Alert type="error" showIcon message={problemText(cinemas.error, t)} style={{ marginBottom: 16 }} />
      )}
      <Space style={{ marginBottom: 16 }}>
        <Input.Search
          allowClear
          placeholder={t("ops.cinemas.search")}
          style={{ width: 420 }}
          onChange={(e) => setQ(e.target.value)}
        />
        {account && (
          <Tag closable onClose={() => navigate("/cinemas")}>
            {account}
          </Tag>
        )}
      </Space>
      <Table<CinemaItem>
        rowKey="id"
        size="middle"
        loading={cinemas.isFetching}
        dataSource={rows}
        pagination={{ pageSize: 50, hideOnSinglePage: true }}
        columns={[
          {
            title: t("ops.col.name"),
            dataIndex: "name",
            render: (name: string, c) => <Link to={`/cinemas/${encodeURIComponent(c.id)}`}>{name}</Link>,
          },
          { title: t("ops.col.vendor"), dataIndex: "vendor", render: (v: string) => <Tag>{v}</Tag> },
          {
            title: (
              <Tooltip title={t("ops.codes.help")}>
                {t("ops.col.internalCode")} <QuestionCircleOutlined />
              </Tooltip>
            ),
            dataIndex: "vendorCinemaId",
            render: (v: string) => <code>{v}</code>,
          },
          {
            title: t("ops.col.nationalCode"),
            dataIndex: "nationalCode",
            render: (v: string | null) => (v ? <code>{v}</code> : "—"),
          },
          { title: t("ops.col.halls"), dataIndex: "hallCount" },
          {
            title: t("ops.col.channels"),
            dataIndex: "channels",
            render: (cs: string[]) => cs.map((c) => <Tag key={c}>{c}</Tag>),
          },
          { title: t("ops.col.sync"), dataIndex: "sync", render: (_: unknown, c) => <SyncTag sync={c.sync} /> },
          {
            title: t("ops.col.lastSync"),
            render: (_: unknown, c) => (c.sync.lastSuccessAt ? formatTime(c.sync.lastSuccessAt, lang) : "—"),
          },
        ]}
      />
    </Card>
  );
}
