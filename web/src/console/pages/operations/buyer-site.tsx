import { DownloadOutlined } from "@ant-design/icons";
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { Alert, App, Button, Card, Col, ColorPicker, Form, Input, Row, Space, Switch, Tag, Typography } from "antd";
import type { FormInstance } from "antd/es/form";
import { toDataURL, toString as toSvg } from "qrcode";
import { useEffect, useState } from "react";
import type { AdminRequest, AdminResponse } from "../../../api/admin";
import { ApiProblem, api, apiGet } from "../../api";
import type { MessageKey } from "../../i18n";
import { type Translate, useLocale } from "../../locale";
import { problemText } from "../../problem-text";
import { useCanOperate } from "../../session";

type SiteView = AdminResponse<"/admin/cinemas/{id}/buyer-site", "get">;
type SiteWrite = AdminRequest<"/admin/cinemas/{id}/buyer-site", "put">;
/** The form's values: optional fields are "" when empty (the API wants null). */
interface Values {
  enabled: boolean;
  slug: string;
  name: string;
  logoUrl: string;
  themeColor: string;
  notice: string;
  hostName: string;
}
type FieldName = Exclude<keyof Values, "enabled">;
const FIELDS: FieldName[] = ["slug", "name", "logoUrl", "themeColor", "notice", "hostName"];

/** The API's default colour (server/src/http/routes/admin/buyer-site.ts), shown before a site exists. */
const DEFAULT_THEME = "#e4393c";

const valuesOf = (s: SiteView): Values => ({
  enabled: s.enabled,
  slug: s.slug,
  name: s.name,
  logoUrl: s.logoUrl ?? "",
  themeColor: s.themeColor,
  notice: s.notice,
  hostName: s.hostName ?? "",
});

const writeOf = (v: Values): SiteWrite => ({
  enabled: v.enabled,
  slug: v.slug.trim(),
  name: v.name.trim(),
  logoUrl: v.logoUrl.trim() || null,
  themeColor: v.themeColor,
  notice: v.notice,
  hostName: v.hostName.trim() || null,
});

/**
 * Puts a refused save's field errors under their fields, in the user's language: the API names the
 * field by its JSON path (`body/slug`, `/slug`) and says what is wrong in English, so the page says
 * the rule of that field instead. Returns false when nothing could be placed on a field.
 */
function showFieldErrors(err: unknown, form: FormInstance<Values>, t: Translate): boolean {
  if (!(err instanceof ApiProblem)) return false;
  if (err.code === "CONFLICT") {
    const conflict = [t("buyerSite.conflict")];
    // The detail names which one clashed ("slug …" or "host name …").
    const field: FieldName = err.detail?.startsWith("host name") ? "hostName" : "slug";
    form.setFields([{ name: field, errors: conflict }]);
    return true;
  }
  if (err.code !== "VALIDATION_FAILED") return false;
  const errors = (err.extra.errors ?? []) as { path: string; message: string }[];
  // A union field (logoUrl, hostName) is refused once per branch: one message per field is enough.
  const seen = new Set<FieldName>();
  const placed = errors.flatMap((e) => {
    const field = e.path.split("/").pop() as FieldName;
    if (!FIELDS.includes(field) || seen.has(field)) return [];
    seen.add(field);
    const text =
      e.message === "reserved"
        ? t("buyerSite.invalid.reserved", { slug: String(form.getFieldValue("slug")) })
        : t(`buyerSite.invalid.${field}` as MessageKey);
    return [{ name: field, errors: [text] }];
  });
  form.setFields(placed);
  return placed.length > 0;
}

/**
 * A cinema's buyer site (微官网, issue 17): the switch, slug, name, logo, theme colour, notice and own
 * host name (PUT /admin/cinemas/{id}/buyer-site), and the site's URL with its QR code for the 公众号
 * menu or a printed poster. Before a site exists (GET answers 404) the form starts from the cinema's
 * national code and name. Operators read; admin and support save (as the route allows).
 */
export function BuyerSiteTab({ cinemaId, cinemaName, nationalCode }: BuyerSiteTabProps) {
  const { t } = useLocale();
  const { message } = App.useApp();
  const canEdit = useCanOperate();
  const qc = useQueryClient();
  const path = `/admin/cinemas/${encodeURIComponent(cinemaId)}/buyer-site`;
  const key = ["buyer-site", cinemaId];
  const site = useQuery({
    queryKey: key,
    // No site yet is not an error here: it is the form's starting point.
    queryFn: () =>
      apiGet<SiteView>(path).catch((err: unknown) => {
        if (err instanceof ApiProblem && err.code === "NOT_FOUND") return null;
        throw err;
      }),
  });
  const [form] = Form.useForm<Values>();
  const s = site.data;

  useEffect(() => {
    if (s) form.setFieldsValue(valuesOf(s));
    else if (s === null)
      form.setFieldsValue({
        enabled: false,
        slug: nationalCode?.toLowerCase() ?? "",
        name: cinemaName.slice(0, 40),
        logoUrl: "",
        themeColor: DEFAULT_THEME,
        notice: "",
        hostName: "",
      });
  }, [s, form, nationalCode, cinemaName]);

  const save = useMutation({
    mutationFn: (v: Values) => api<SiteView>("PUT", path, writeOf(v)),
    onSuccess: (next) => {
      message.success(t("buyerSite.saved"));
      qc.setQueryData(key, next);
      // The cinema's header data carries { enabled, slug, url } too.
      void qc.invalidateQueries({ queryKey: ["ops-cinema", cinemaId] });
    },
    // A block, not an arrow expression: the toast's handle is a thenable, and the mutation would stay
    // pending (the button spinning and deaf) until the toast closed.
    onError: (err) => {
      message.error(showFieldErrors(err, form, t) ? t("buyerSite.invalid") : problemText(err, t));
    },
  });

  if (site.error) return <Alert type="error" showIcon message={problemText(site.error, t)} />;
  if (s === undefined) return <Card loading />;

  const required = (field: MessageKey) => [{ required: true, message: t("buyerSite.required", { field: t(field) }) }];
  return (
    <Row gutter={[24, 16]} data-testid="buyer-site">
      <Col xs={24} lg={14}>
        <Space direction="vertical" size={16} style={{ width: "100%" }}>
          {s === null && <Alert type="info" showIcon message={t("buyerSite.none")} data-testid="buyer-site-none" />}
          {!canEdit && <Alert type="info" showIcon message={t("buyerSite.readOnly")} />}
          <Form
            form={form}
            layout="vertical"
            disabled={!canEdit}
            onFinish={(v) => {
              // The last refusal's errors go: fields without rules would otherwise keep them after an edit.
              form.setFields(FIELDS.map((name) => ({ name, errors: [] })));
              save.mutate(v);
            }}
            style={{ maxWidth: 640 }}
          >
            <Form.Item
              name="enabled"
              label={t("buyerSite.enabled")}
              valuePropName="checked"
              extra={t("buyerSite.enabledHelp")}
            >
              <Switch data-testid="site-enabled" />
            </Form.Item>
            <Form.Item
              name="slug"
              label={t("buyerSite.slug")}
              extra={t("buyerSite.slugHelp")}
              rules={required("buyerSite.slug")}
            >
              <Input autoComplete="off" data-testid="site-slug" />
            </Form.Item>
            <Form.Item name="name" label={t("buyerSite.name")} rules={required("buyerSite.name")}>
              <Input maxLength={40} autoComplete="off" data-testid="site-name" />
            </Form.Item>
            <Form.Item name="logoUrl" label={t("buyerSite.logoUrl")} extra={t("buyerSite.logoUrlHelp")}>
              <Input autoComplete="off" data-testid="site-logo" />
            </Form.Item>
            <Form.Item
              name="themeColor"
              label={t("buyerSite.themeColor")}
              // The picker hands back a Color object; the API stores #rrggbb.
              getValueFromEvent={(c: { toHexString(): string }) => c.toHexString()}
            >
              <ColorPicker disabledAlpha showText format="hex" data-testid="site-theme" />
            </Form.Item>
            <Form.Item name="notice" label={t("buyerSite.notice")} extra={t("buyerSite.noticeHelp")}>
              <Input.TextArea rows={3} maxLength={500} showCount data-testid="site-notice" />
            </Form.Item>
            <Form.Item name="hostName" label={t("buyerSite.hostName")} extra={t("buyerSite.hostNameHelp")}>
              <Input autoComplete="off" data-testid="site-host" />
            </Form.Item>
            <Button type="primary" htmlType="submit" loading={save.isPending} data-testid="site-save">
              {t("buyerSite.save")}
            </Button>
          </Form>
        </Space>
      </Col>
      <Col xs={24} lg={10}>
        {s && <SiteAddress site={s} />}
      </Col>
    </Row>
  );
}

interface BuyerSiteTabProps {
  cinemaId: string;
  cinemaName: string;
  nationalCode: string | null;
}

/** The saved site's URL, whether buyers can open it, and its QR code (SVG on the page, PNG to download). */
function SiteAddress({ site }: { site: SiteView }) {
  const { t } = useLocale();
  const [svg, setSvg] = useState("");
  useEffect(() => {
    let live = true;
    void toSvg(site.url, { type: "svg", margin: 1, errorCorrectionLevel: "M" }).then((s) => live && setSvg(s));
    return () => {
      live = false;
    };
  }, [site.url]);
  const download = async () => {
    // Large enough to print on a poster without blur.
    const href = await toDataURL(site.url, { margin: 2, width: 1024, errorCorrectionLevel: "M" });
    const a = document.createElement("a");
    a.href = href;
    a.download = `buyer-site-${site.slug}.png`;
    a.click();
  };
  return (
    <Card size="small" title={t("buyerSite.url")}>
      <Space direction="vertical" size={12} style={{ width: "100%" }}>
        <Space wrap>
          <Tag color={site.enabled ? "green" : "default"} data-testid="site-state">
            {t(site.enabled ? "buyerSite.on" : "buyerSite.off")}
          </Tag>
          <Typography.Link
            href={site.url}
            target="_blank"
            rel="noreferrer"
            copyable={{ text: site.url, tooltips: [t("buyerSite.copy"), "✓"] }}
            data-testid="site-url"
          >
            {site.url}
          </Typography.Link>
        </Space>
        {!site.enabled && <Alert type="warning" showIcon message={t("buyerSite.urlDisabled")} />}
        <Typography.Text strong>{t("buyerSite.qr")}</Typography.Text>
        <div
          data-testid="site-qr"
          data-url={site.url}
          style={{ width: 200, height: 200, opacity: site.enabled ? 1 : 0.4 }}
          // The qrcode library's own SVG of our URL: modules as paths, no text from the user.
          // biome-ignore lint/security/noDangerouslySetInnerHtml: generated markup, see above
          dangerouslySetInnerHTML={{ __html: svg }}
        />
        <Typography.Text type="secondary">{t("buyerSite.qrHint")}</Typography.Text>
        <Button icon={<DownloadOutlined />} onClick={() => void download()} data-testid="site-qr-download">
          {t("buyerSite.qrDownload")}
        </Button>
      </Space>
    </Card>
  );
}
