import {
  CheckCircleTwoTone,
  CloseCircleTwoTone,
  CopyOutlined,
  ExclamationCircleTwoTone,
  LoadingOutlined,
  MinusCircleOutlined,
} from "@ant-design/icons";
import { useMutation, useQuery } from "@tanstack/react-query";
import { Alert, App, Button, Card, Space, Steps, Typography } from "antd";
import { useState } from "react";
import { useSearchParams } from "react-router-dom";
import { apiGet, apiPost } from "../../api";
import { useLocale } from "../../locale";
import { problemText } from "../../problem-text";
import { CinemaPicker } from "./cinema-picker";
import type { DiagnosisRun as Run } from "./types";

const ICONS = {
  ok: <CheckCircleTwoTone twoToneColor="#52c41a" />,
  warn: <ExclamationCircleTwoTone twoToneColor="#faad14" />,
  fail: <CloseCircleTwoTone twoToneColor="#cf1322" />,
  skipped: <MinusCircleOutlined style={{ color: "#bfbfbf" }} />,
};

/** "Why does this cinema show no showtimes": starts the server's checks and shows each as it finishes. */
export function DiagnosisPage() {
  const { t, lang } = useLocale();
  const { message } = App.useApp();
  const [params, setParams] = useSearchParams();
  const cinemaId = params.get("cinema") ?? undefined;
  const [runId, setRunId] = useState<string>();
  const start = useMutation({
    mutationFn: () => apiPost<Run>(`/admin/cinemas/${encodeURIComponent(cinemaId!)}/diagnosis`),
    onSuccess: (r) => setRunId(r.id),
  });
  const run = useQuery({
    queryKey: ["diagnosis", runId],
    queryFn: () => apiGet<Run>(`/admin/diagnosis/${encodeURIComponent(runId!)}`),
    enabled: !!runId,
    refetchInterval: (q) => (q.state.data?.status === "done" ? false : 500),
  });
  const r = run.data ?? start.data;
  const copy = (text: string) =>
    navigator.clipboard?.writeText(text).then(
      () => message.success(t("ops.diag.copied")),
      () => undefined,
    );
  return (
    <Space direction="vertical" size={16} style={{ width: "100%" }}>
      <Card title={t("ops.diag.title")}>
        <Typography.Paragraph type="secondary">{t("ops.diag.intro")}</Typography.Paragraph>
        <Space wrap>
          <CinemaPicker
            value={cinemaId}
            onChange={(id) => {
              setParams({ cinema: id });
              setRunId(undefined);
              start.reset();
            }}
          />
          <Button
            type="primary"
            disabled={!cinemaId}
            loading={start.isPending || r?.status === "running"}
            onClick={() => start.mutate()}
            data-testid="diag-run"
          >
            {t("ops.diag.run")}
          </Button>
        </Space>
        {(start.error || run.error) && (
          <Alert style={{ marginTop: 16 }} type="error" showIcon message={problemText(start.error ?? run.error, t)} />
        )}
      </Card>
      {r && r.cinemaId === cinemaId && (
        <Card data-testid="diag-result">
          {r.summary && (
            <Alert
              data-testid="diag-summary"
              style={{ marginBottom: 24 }}
              showIcon
              type={
                r.checks.some((c) => c.finding?.status === "fail")
                  ? "error"
                  : r.checks.some((c) => c.finding?.status === "warn")
                    ? "warning"
                    : "success"
              }
              message={t("ops.diag.summary")}
              description={r.summary[lang]}
            />
          )}
          <Steps
            direction="vertical"
            current={r.checks.findIndex((c) => c.state !== "done")}
            items={r.checks.map((c) => {
              const f = c.finding;
              return {
                icon: c.state === "running" ? <LoadingOutlined /> : f ? ICONS[f.status] : undefined,
                status:
                  c.state === "pending"
                    ? "wait"
                    : c.state === "running"
                      ? "process"
                      : f?.status === "fail"
                        ? "error"
                        : "finish",
                title: (
                  <Space data-testid={`diag-check-${c.check}`} data-status={f?.status ?? c.state}>
                    <span>{f ? f.title[lang] : c.check}</span>
                    <Typography.Text type="secondary">
                      {f ? `${t(`ops.diag.status.${f.status}`)} · ${f.durationMs} ms` : t(`ops.diag.state.${c.state}`)}
                    </Typography.Text>
                  </Space>
                ),
                description: f && (
                  <Space direction="vertical" size={4} style={{ paddingBottom: 8 }}>
                    <Typography.Text>{f.detail[lang]}</Typography.Text>
                    {f.fix && (
                      <Alert
                        type={f.status === "fail" ? "error" : "warning"}
                        data-testid={`diag-fix-${c.check}`}
                        message={t("ops.diag.fix")}
                        description={f.fix[lang]}
                        action={
                          <Button size="small" icon={<CopyOutlined />} onClick={() => void copy(f.fix![lang])}>
                            {t("ops.diag.copy")}
                          </Button>
                        }
                      />
                    )}
                  </Space>
                ),
              };
            })}
          />
        </Card>
      )}
    </Space>
  );
}
