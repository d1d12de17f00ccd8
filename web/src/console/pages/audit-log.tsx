import { useQuery } from "@tanstack/react-query";
import { Alert, Button, Card, Input, Space, Table, Typography } from "antd";
import { useState } from "react";
import type { AdminResponse } from "../../api/admin";
import { apiGet } from "../api";
import { formatTime, useLocale } from "../locale";
import { problemText } from "../problem-text";

type AuditPage = AdminResponse<"/admin/audit-log", "get">;
type AuditEntry = AuditPage["items"][number];

/** GET /admin/audit-log, newest first, paged on the server, filterable by exact actor and action. */
export function AuditLogPage() {
  const { t, lang } = useLocale();
  const [page, setPage] = useState(1);
  const [pageSize, setPageSize] = useState(20);
  const [actor, setActor] = useState("");
  const [action, setAction] = useState("");
  // A new filter starts again at the first page.
  const filter = (set: (v: string) => void, value: string) => {
    set(value.trim());
    setPage(1);
  };
  const params = new URLSearchParams({ page: String(page), pageSize: String(pageSize) });
  if (actor) params.set("actor", actor);
  if (action) params.set("action", action);
  const q = useQuery({
    queryKey: ["audit-log", page, pageSize, actor, action],
    queryFn: () => apiGet<AuditPage>(`/admin/audit-log?${params}`),
    placeholderData: (prev) => prev,
  });
  return (
    <Card
      title={t("menu.auditLog")}
      extra={
        <Space wrap>
          <Input.Search allowClear placeholder={t("audit.filterActor")} onSearch={(v) => filter(setActor, v)} />
          <Input.Search allowClear placeholder={t("audit.filterAction")} onSearch={(v) => filter(setAction, v)} />
          <Button onClick={() => q.refetch()}>{t("common.refresh")}</Button>
        </Space>
      }
    >
      {q.error && <Alert type="error" showIcon message={problemText(q.error, t)} style={{ marginBottom: 16 }} />}
      <Table<AuditEntry>
        rowKey="id"
        size="small"
        loading={q.isFetching}
        dataSource={q.data?.items ?? []}
        pagination={{
          current: page,
          pageSize,
          total: q.data?.total ?? 0,
          showSizeChanger: true,
          onChange: (p, s) => {
            setPage(p);
            setPageSize(s);
          },
        }}
        columns={[
          { title: t("audit.at"), dataIndex: "at", width: 190, render: (v: string) => formatTime(v, lang) },
          { title: t("audit.actor"), dataIndex: "actor" },
          {
            title: t("audit.action"),
            dataIndex: "action",
            render: (v: string) => <Typography.Text code>{v}</Typography.Text>,
          },
          { title: t("audit.target"), dataIndex: "target" },
          {
            title: t("audit.detail"),
            dataIndex: "detail",
            render: (d: Record<string, unknown>) =>
              Object.keys(d).length > 0 && <Typography.Text type="secondary">{JSON.stringify(d)}</Typography.Text>,
          },
        ]}
      />
    </Card>
  );
}
