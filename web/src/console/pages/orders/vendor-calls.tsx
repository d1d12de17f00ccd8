import { Collapse, Empty, Space, Tag, Typography } from "antd";
import { formatTime, useLocale } from "../../locale";
import type { VendorCall } from "./types";

/** Recorded vendor calls, each folded: name, outcome and duration on top; masked request and response inside. */
export function VendorCalls({ calls, empty }: { calls: VendorCall[]; empty?: string }) {
  const { t, lang } = useLocale();
  if (calls.length === 0) return <Empty description={empty} />;
  return (
    <Collapse
      size="small"
      items={calls.map((c) => ({
        key: c.id,
        label: (
          <Space wrap>
            <Typography.Text code>{c.call}</Typography.Text>
            <Tag color={c.outcome === "ok" ? "green" : "red"}>{c.outcome}</Tag>
            <span>{formatTime(c.startedAt, lang)}</span>
          </Space>
        ),
        children: (
          <div>
            <Typography.Paragraph type="secondary">
              {t("order.calls.meta", {
                ms: String(c.durationMs),
                outcome: c.outcome,
                http: c.httpStatus === null ? "—" : String(c.httpStatus),
                code: c.vendorCode ?? "—",
              })}
            </Typography.Paragraph>
            <Typography.Text strong>{t("order.calls.request")}</Typography.Text>
            <pre style={preStyle}>{c.request}</pre>
            <Typography.Text strong>{t("order.calls.response")}</Typography.Text>
            <pre style={preStyle}>{c.response}</pre>
          </div>
        ),
      }))}
    />
  );
}

const preStyle = {
  whiteSpace: "pre-wrap" as const,
  wordBreak: "break-all" as const,
  background: "#fafafa",
  padding: 8,
  maxHeight: 300,
  overflow: "auto",
  fontSize: 12,
};
