import { useQuery } from "@tanstack/react-query";
import { Alert, Badge, Space, Table, Tag, Typography } from "antd";
import { apiGet } from "../../api";
import type { MessageKey } from "../../i18n";
import { useLocale } from "../../locale";
import { problemText } from "../../problem-text";
import type { VendorDirectory, VendorDirectoryEntry } from "./types";

const HEALTH: Record<
  VendorDirectoryEntry["health"][number]["status"],
  { badge: "success" | "error" | "warning" | "default"; label: MessageKey }
> = {
  ok: { badge: "success", label: "vendors.health.ok" },
  errors: { badge: "error", label: "ops.vendorStatus.errors" },
  slow: { badge: "warning", label: "ops.vendorStatus.slow" },
  quiet: { badge: "default", label: "vendors.health.quiet" },
};

/**
 * The handbook's 联系方式 and 系统商文档 in one place: every vendor system, whether Cinegate is connected
 * to it, its support line, its quirks, its documents (served to staff by the platform) and the live
 * health of its accounts (the home page's figures). Everything comes from the vendor descriptors.
 */
export function VendorDirectoryPage() {
  const { t, lang } = useLocale();
  const list = useQuery({
    queryKey: ["vendor-directory"],
    queryFn: () => apiGet<VendorDirectory>("/admin/vendor-directory"),
    refetchInterval: 30_000,
  });
  return (
    <Space direction="vertical" size={16} style={{ width: "100%" }}>
      <Typography.Title level={4}>{t("vendors.title")}</Typography.Title>
      <Typography.Text type="secondary">{t("vendors.intro")}</Typography.Text>
      {list.error && <Alert type="error" showIcon message={problemText(list.error, t)} />}
      <Table<VendorDirectoryEntry>
        rowKey="id"
        loading={list.isPending}
        dataSource={list.data?.items ?? []}
        pagination={false}
        data-testid="vendor-directory"
        onRow={(v) => ({ "data-testid": `vendor-${v.id}` }) as React.HTMLAttributes<HTMLElement>}
        columns={[
          {
            title: t("vendors.col.vendor"),
            key: "vendor",
            render: (_, v) => (
              <Space direction="vertical" size={0}>
                <Typography.Text strong>{v.names[lang]}</Typography.Text>
                <Typography.Text type="secondary" code>
                  {v.id}
                </Typography.Text>
                <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                  {t("vendors.accounts", { accounts: String(v.accounts), cinemas: String(v.cinemas) })}
                </Typography.Text>
              </Space>
            ),
          },
          {
            title: t("vendors.col.status"),
            key: "status",
            render: (_, v) => (
              <Tag color={v.status === "connected" ? "green" : "default"} data-testid="vendor-status">
                {v.statusText[lang]}
              </Tag>
            ),
          },
          {
            title: t("vendors.col.contact"),
            key: "contact",
            render: (_, v) =>
              v.contact.phone || v.contact.group ? (
                <Space direction="vertical" size={0} data-testid="vendor-contact">
                  {v.contact.phone && <span>{t("vendors.phone", { phone: v.contact.phone })}</span>}
                  {v.contact.group && <span>{t("vendors.group", { group: v.contact.group })}</span>}
                </Space>
              ) : (
                <Typography.Text type="secondary">{t("vendors.noContact")}</Typography.Text>
              ),
          },
          {
            title: t("vendors.col.quirks"),
            key: "quirks",
            width: "36%",
            render: (_, v) => (
              <Space direction="vertical" size={4}>
                <Tag>{t(v.quirks.internalCodeIsNational ? "vendors.code.national" : "vendors.code.own")}</Tag>
                {v.quirks.showtimeDateOffsetDays !== 0 && (
                  <Tag color="orange">{t("vendors.dateOffset", { n: String(v.quirks.showtimeDateOffsetDays) })}</Tag>
                )}
                {v.quirks.noShowtimesFix && (
                  <Typography.Paragraph style={{ margin: 0, fontSize: 12 }}>
                    <Typography.Text strong>{t("vendors.noShowtimes")}：</Typography.Text>
                    {v.quirks.noShowtimesFix[lang]}
                  </Typography.Paragraph>
                )}
                {v.quirks.notOnSaleFix && (
                  <Typography.Paragraph style={{ margin: 0, fontSize: 12 }}>
                    <Typography.Text strong>{t("vendors.notOnSale")}：</Typography.Text>
                    {v.quirks.notOnSaleFix[lang]}
                  </Typography.Paragraph>
                )}
              </Space>
            ),
          },
          {
            title: t("vendors.col.documents"),
            key: "documents",
            render: (_, v) => (
              <Space direction="vertical" size={0}>
                {v.documents.map((d) => (
                  // Served by the platform to logged-in staff (the session cookie goes with the link).
                  <a key={`${d.file}${d.section ?? ""}`} href={d.url} target="_blank" rel="noreferrer">
                    {d.file}
                    {d.section ? ` ${d.section}` : ""}
                  </a>
                ))}
              </Space>
            ),
          },
          {
            title: t("vendors.col.health"),
            key: "health",
            render: (_, v) =>
              v.status === "directory" ? (
                <Typography.Text type="secondary">{t("vendors.health.notApplicable")}</Typography.Text>
              ) : v.health.length === 0 ? (
                <Typography.Text type="secondary">{t("vendors.health.none")}</Typography.Text>
              ) : (
                <Space direction="vertical" size={0}>
                  {v.health.map((h) => (
                    <Space key={h.accountId} size={4}>
                      <Badge status={HEALTH[h.status].badge} text={t(HEALTH[h.status].label)} />
                      <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                        {t("vendors.health.line", {
                          account: h.accountId,
                          calls: String(h.calls),
                          rate: `${Math.round(h.errorRate * 100)}%`,
                          p95: String(h.p95Ms),
                        })}
                      </Typography.Text>
                    </Space>
                  ))}
                </Space>
              ),
          },
        ]}
      />
    </Space>
  );
}
