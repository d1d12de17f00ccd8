import { PlusOutlined } from "@ant-design/icons";
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { Alert, App, Button, Card, Drawer, Popconfirm, Space, Table, Tag, Timeline, Typography } from "antd";
import { useState } from "react";
import { api, apiGet, apiPost } from "../../api";
import { useLocale } from "../../locale";
import { problemText } from "../../problem-text";
import { useProblemToast } from "../../problem-toast";
import { useMe } from "../../session";
import { useCinemaOptions } from "../orders/cinema-options";
import { RuleEditor } from "./rule-editor";
import { priceText, scopeText } from "./rule-text";
import type { HistoryItem, Rule } from "./types";

export const RULES_KEY = ["pricing-rules"] as const;

/**
 * 票价规则: every rule this user may see, with bulk enable/disable, the editor (scope picker and
 * preview before saving) and each rule's history. Operators edit only rules scoped to their cinemas.
 */
export function PricingRulesPage() {
  const { t } = useLocale();
  const { message } = App.useApp();
  const showProblem = useProblemToast();
  const me = useMe();
  const qc = useQueryClient();
  const rules = useQuery({
    queryKey: RULES_KEY,
    queryFn: () => apiGet<{ items: Rule[]; total: number }>("/admin/pricing-rules?pageSize=200"),
  });
  const cinemas = useCinemaOptions();
  const cinemaNames = new Map(cinemas.map((c) => [c.id, c.name]));
  const [selected, setSelected] = useState<string[]>([]);
  const [editing, setEditing] = useState<Rule | "new" | null>(null);
  const [history, setHistory] = useState<Rule | null>(null);
  const refresh = () => void qc.invalidateQueries({ queryKey: RULES_KEY });

  const bulk = useMutation({
    mutationFn: (enabled: boolean) =>
      apiPost<{ updated: string[]; refused: Array<{ id: string; message: string }> }>("/admin/pricing-rules/bulk", {
        ids: selected,
        enabled,
      }),
    onSuccess: (r) => {
      message.success(t("pricing.bulkDone", { n: String(r.updated.length) }));
      if (r.refused.length)
        message.warning(
          t("pricing.bulkRefused", { n: String(r.refused.length), why: r.refused.map((x) => x.message).join("; ") }),
        );
      setSelected([]);
      refresh();
    },
    onError: showProblem,
  });
  const remove = useMutation({
    mutationFn: (id: string) => api<void>("DELETE", `/admin/pricing-rules/${encodeURIComponent(id)}`),
    onSuccess: () => {
      message.success(t("pricing.deleted"));
      refresh();
    },
    onError: showProblem,
  });

  return (
    <Card
      title={t("menu.pricing")}
      extra={
        <Space>
          <Button
            disabled={!selected.length}
            loading={bulk.isPending}
            onClick={() => bulk.mutate(true)}
            data-testid="bulk-enable"
          >
            {t("pricing.bulkEnable")}
          </Button>
          <Button
            disabled={!selected.length}
            loading={bulk.isPending}
            onClick={() => bulk.mutate(false)}
            data-testid="bulk-disable"
          >
            {t("pricing.bulkDisable")}
          </Button>
          <Button type="primary" icon={<PlusOutlined />} onClick={() => setEditing("new")}>
            {t("pricing.new")}
          </Button>
        </Space>
      }
    >
      {me.data?.user.role === "cinema_operator" && (
        <Alert type="info" showIcon message={t("pricing.readOnly")} style={{ marginBottom: 16 }} />
      )}
      {rules.error && (
        <Alert type="error" showIcon message={problemText(rules.error, t)} style={{ marginBottom: 16 }} />
      )}
      <Table<Rule>
        rowKey="id"
        data-testid="pricing-rules"
        loading={rules.isFetching}
        dataSource={rules.data?.items ?? []}
        pagination={false}
        rowSelection={{
          selectedRowKeys: selected,
          onChange: (keys) => setSelected(keys as string[]),
          getCheckboxProps: (r) => ({ disabled: !r.editable }),
        }}
        columns={[
          { title: t("pricing.name"), dataIndex: "name" },
          {
            title: t("pricing.enabled"),
            dataIndex: "enabled",
            render: (on: boolean) => (on ? <Tag color="green">{t("pricing.on")}</Tag> : <Tag>{t("pricing.off")}</Tag>),
          },
          { title: t("pricing.scope"), key: "scope", render: (_: unknown, r) => scopeText(r.scope, t, cinemaNames) },
          {
            title: t("pricing.price"),
            key: "price",
            render: (_: unknown, r) => (
              <Space size={4}>
                {priceText(r.price, t)}
                {r.subsidy && <Tag color="orange">{t("pricing.subsidy").slice(0, 8)}</Tag>}
              </Space>
            ),
          },
          { title: t("pricing.specificity"), dataIndex: "specificity" },
          { title: t("pricing.priority"), dataIndex: "priority" },
          {
            title: t("pricing.updated"),
            key: "updated",
            render: (_: unknown, r) => (
              <Typography.Text type="secondary">
                {new Date(r.updatedAt).toLocaleString()} · {r.updatedBy}
              </Typography.Text>
            ),
          },
          {
            title: t("pricing.actions"),
            key: "actions",
            render: (_: unknown, r) => (
              <Space wrap>
                {r.editable && (
                  <Button size="small" onClick={() => setEditing(r)}>
                    {t("pricing.edit")}
                  </Button>
                )}
                <Button size="small" onClick={() => setHistory(r)}>
                  {t("pricing.history")}
                </Button>
                {r.editable && (
                  <Popconfirm
                    title={t("pricing.confirmDelete", { name: r.name })}
                    okText={t("common.ok")}
                    cancelText={t("common.cancel")}
                    onConfirm={() => remove.mutate(r.id)}
                  >
                    <Button size="small" danger>
                      {t("pricing.delete")}
                    </Button>
                  </Popconfirm>
                )}
              </Space>
            ),
          },
        ]}
      />
      <RuleEditor
        rule={editing}
        onClose={() => setEditing(null)}
        onSaved={(r) => {
          setEditing(null);
          message.success(t("pricing.saved", { name: r.name }));
          refresh();
        }}
      />
      <HistoryDrawer rule={history} cinemaNames={cinemaNames} onClose={() => setHistory(null)} />
    </Card>
  );
}

function HistoryDrawer({
  rule,
  cinemaNames,
  onClose,
}: {
  rule: Rule | null;
  cinemaNames: ReadonlyMap<string, string>;
  onClose(): void;
}) {
  const { t } = useLocale();
  const items = useQuery({
    queryKey: ["pricing-rule-history", rule?.id],
    enabled: rule !== null,
    queryFn: () => apiGet<{ items: HistoryItem[] }>(`/admin/pricing-rules/${encodeURIComponent(rule!.id)}/history`),
  });
  return (
    <Drawer
      open={rule !== null}
      onClose={onClose}
      title={`${t("pricing.historyTitle")} · ${rule?.name ?? ""}`}
      width={560}
      destroyOnHidden
    >
      <Timeline
        data-testid="pricing-history"
        items={(items.data?.items ?? []).map((h) => ({
          children: (
            <div>
              <Typography.Text strong>
                v{h.version} {t(`pricing.action.${h.action}`)}
              </Typography.Text>{" "}
              <Typography.Text type="secondary">
                {new Date(h.at).toLocaleString()} · {h.actor}
              </Typography.Text>
              {h.after && (
                <div>
                  {scopeText(h.after.scope, t, cinemaNames)} → {priceText(h.after.price, t)}
                </div>
              )}
              {h.before && h.after && priceText(h.before.price, t) !== priceText(h.after.price, t) && (
                <Typography.Text type="secondary">
                  {priceText(h.before.price, t)} ⇒ {priceText(h.after.price, t)}
                </Typography.Text>
              )}
            </div>
          ),
        }))}
      />
    </Drawer>
  );
}
