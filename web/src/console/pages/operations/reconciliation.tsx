import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { Alert, App, Button, Empty, Input, Space, Table, Tag, Typography } from "antd";
import { useState } from "react";
import { apiGet, apiPost } from "../../api";
import { formatTime, useLocale } from "../../locale";
import { problemText } from "../../problem-text";
import { useProblemToast } from "../../problem-toast";
import type { ReconciliationRun, ReconciliationRuns } from "./types";

/** Yesterday's China calendar date: the day the daily job reconciles, and the form's default. */
function yesterdayInChina(): string {
  return new Date(Date.now() + 8 * 3600_000 - 86_400_000).toISOString().slice(0, 10);
}

/**
 * The cinema's payment reconciliation (issue 15 §4): the runs of a day with their differences, and
 * a button that reconciles the day now (POST /admin/payments/reconciliations).
 */
export function ReconciliationTab({ cinemaId }: { cinemaId: string }) {
  const { t, lang } = useLocale();
  const { message } = App.useApp();
  const showProblem = useProblemToast();
  const client = useQueryClient();
  const [date, setDate] = useState(yesterdayInChina);
  const valid = /^\d{4}-\d{2}-\d{2}$/.test(date);
  const key = ["reconciliations", cinemaId, date];
  const runs = useQuery({
    queryKey: key,
    enabled: valid,
    queryFn: () =>
      apiGet<ReconciliationRuns>(
        `/admin/payments/reconciliations?cinemaId=${encodeURIComponent(cinemaId)}&date=${encodeURIComponent(date)}`,
      ),
  });
  const run = useMutation({
    mutationFn: () => apiPost<ReconciliationRun>("/admin/payments/reconciliations", { cinemaId, date }),
    onSuccess: (r) => {
      message.success(t("ops.recon.done", { n: String(r.differences.length) }));
      void client.invalidateQueries({ queryKey: key });
    },
    onError: showProblem,
  });

  return (
    <Space direction="vertical" style={{ width: "100%" }}>
      <Typography.Paragraph type="secondary">{t("ops.recon.intro")}</Typography.Paragraph>
      <Space>
        <Input
          aria-label={t("ops.recon.date")}
          value={date}
          onChange={(e) => setDate(e.target.value.trim())}
          placeholder="YYYY-MM-DD"
          style={{ width: 140 }}
          data-testid="recon-date"
        />
        <Button type="primary" disabled={!valid} loading={run.isPending} onClick={() => run.mutate()}>
          {t("ops.recon.run")}
        </Button>
      </Space>
      {runs.error && <Alert type="error" showIcon message={problemText(runs.error, t)} />}
      {runs.data && runs.data.items.length === 0 && <Empty description={t("ops.recon.none")} />}
      {runs.data?.items.map((r) => (
        <div key={r.id} data-testid="recon-run">
          <Space>
            <Tag>{t(`ops.recon.trigger.${r.trigger}`)}</Tag>
            <Typography.Text>{formatTime(r.finishedAt, lang)}</Typography.Text>
            {r.requestedBy && <Typography.Text type="secondary">{r.requestedBy}</Typography.Text>}
          </Space>
          {r.state === "FAILED" ? (
            <Alert type="error" showIcon message={t("ops.recon.failed", { error: r.error ?? "" })} />
          ) : r.differences.length === 0 ? (
            <Alert
              type="success"
              showIcon
              message={t("ops.recon.clean", { p: String(r.paymentsChecked), r: String(r.refundsChecked) })}
            />
          ) : (
            <Table
              size="small"
              rowKey={(d) => `${d.kind}:${d.outTradeNo}:${d.outRefundNo ?? ""}`}
              pagination={false}
              dataSource={r.differences}
              columns={[
                {
                  title: t("ops.recon.col.kind"),
                  dataIndex: "kind",
                  render: (k: string) => <Tag color="red">{k}</Tag>,
                },
                { title: t("ops.recon.col.trade"), dataIndex: "outTradeNo" },
                { title: t("ops.recon.col.message"), render: (_, d) => d.message[lang] },
              ]}
            />
          )}
        </div>
      ))}
    </Space>
  );
}
