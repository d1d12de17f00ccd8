import { CheckCircleFilled, CloseCircleFilled } from "@ant-design/icons";
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { Alert, App, Button, Card, Form, Input, List, Segmented, Space, Switch, Tag, Typography } from "antd";
import { useEffect, useState } from "react";
import type { AdminRequest, AdminResponse } from "../../../api/admin";
import { api, apiGet, apiPost } from "../../api";
import type { MessageKey } from "../../i18n";
import { formatTime, useLocale } from "../../locale";
import { problemText } from "../../problem-text";
import { useProblemToast } from "../../problem-toast";
import { useMe } from "../../session";

type ConfigView = AdminResponse<"/admin/cinemas/{id}/payment-config", "get">;
type ConfigWrite = AdminRequest<"/admin/cinemas/{id}/payment-config", "put">;
type CheckAnswer = AdminResponse<"/admin/cinemas/{id}/payment-config/check", "post">;
type Provider = "wechat_v3" | "wechat_v2" | "alipay";
/** The form's values: each field by its API name, and memberCardPay. */
type Values = Record<string, string | boolean | undefined>;

/** One form field: its API name, whether it is a write-only secret, a PEM (multi-line), required, for which provider. */
interface Field {
  name: string;
  label: MessageKey;
  secret?: boolean;
  pem?: boolean;
  required?: boolean;
  only?: Provider;
}

const WECHAT_FIELDS: Field[] = [
  { name: "appId", label: "payconfig.wechat.appId", required: true },
  { name: "mchId", label: "payconfig.wechat.mchId", required: true },
  { name: "appSecret", label: "payconfig.wechat.appSecret", secret: true },
  { name: "apiV3Key", label: "payconfig.wechat.apiV3Key", secret: true, only: "wechat_v3" },
  { name: "apiKey", label: "payconfig.wechat.apiKey", secret: true, only: "wechat_v2" },
  { name: "merchantSerialNo", label: "payconfig.wechat.merchantSerialNo", only: "wechat_v3" },
  { name: "merchantPrivateKeyPem", label: "payconfig.wechat.merchantPrivateKeyPem", secret: true, pem: true },
  { name: "merchantCertificatePem", label: "payconfig.wechat.merchantCertificatePem", pem: true },
  { name: "platformPublicKeyId", label: "payconfig.wechat.platformPublicKeyId", only: "wechat_v3" },
  { name: "platformPublicKeyPem", label: "payconfig.wechat.platformPublicKeyPem", pem: true, only: "wechat_v3" },
  { name: "apiBaseUrl", label: "payconfig.wechat.apiBaseUrl" },
];
const ALIPAY_FIELDS: Field[] = [
  { name: "appId", label: "payconfig.alipay.appId", required: true },
  { name: "sellerId", label: "payconfig.alipay.sellerId" },
  { name: "privateKeyPem", label: "payconfig.alipay.privateKeyPem", secret: true, pem: true },
  { name: "alipayPublicKeyPem", label: "payconfig.alipay.alipayPublicKeyPem", pem: true },
  { name: "gatewayUrl", label: "payconfig.alipay.gatewayUrl" },
];

const fieldsOf = (p: Provider) =>
  (p === "alipay" ? ALIPAY_FIELDS : WECHAT_FIELDS).filter((f) => f.only === undefined || f.only === p);

/** The section being edited, as the API reads it: public fields whole, secrets only when typed (else kept). */
function writeOf(p: Provider, v: Values, version: number): ConfigWrite {
  const section: Record<string, string> = {};
  for (const f of fieldsOf(p)) {
    const raw = v[f.name];
    if (typeof raw !== "string" || raw.trim() === "") continue;
    // A PEM is kept as pasted (its line breaks matter); a one-line value is trimmed.
    section[f.name] = f.pem ? raw : raw.trim();
  }
  const common = { version, memberCardPay: v.memberCardPay === true };
  if (p === "alipay") return { ...common, alipay: section as NonNullable<ConfigWrite["alipay"]> };
  return {
    ...common,
    wechat: { ...section, apiVersion: p === "wechat_v2" ? "v2" : "v3" } as NonNullable<ConfigWrite["wechat"]>,
  };
}

/** The stored public values of a provider's section, for the form (never a secret: the API has none). */
function valuesOf(c: ConfigView, p: Provider): Values {
  const section = (p === "alipay" ? c.alipay : c.wechat) as Record<string, unknown> | null;
  const out: Values = { memberCardPay: c.memberCardPay };
  for (const f of fieldsOf(p)) {
    const v = section?.[f.name];
    out[f.name] = !f.secret && typeof v === "string" ? v : undefined;
  }
  return out;
}

/**
 * A cinema's own payment merchant (PUT /admin/cinemas/{id}/payment-config): WeChat Pay v3 / v2 or
 * Alipay, the public fields editable, the secrets write-only (the page shows which are set, never a
 * value), the last change and who made it, and the check (POST …/check) with each finding and the
 * fix support sends the cinema. Operators read; admin and support save and check.
 */
export function PaymentConfigTab({ cinemaId }: { cinemaId: string }) {
  const { t, lang } = useLocale();
  const { message } = App.useApp();
  const showProblem = useProblemToast();
  const me = useMe();
  const canEdit = me.data?.user.role === "admin" || me.data?.user.role === "support";
  const qc = useQueryClient();
  const path = `/admin/cinemas/${encodeURIComponent(cinemaId)}/payment-config`;
  const key = ["payment-config", cinemaId];
  const config = useQuery({ queryKey: key, queryFn: () => apiGet<ConfigView>(path) });
  const [provider, setProvider] = useState<Provider | undefined>();
  const [form] = Form.useForm<Values>();
  const c = config.data;
  const current: Provider =
    provider ?? (c?.wechat ? `wechat_${c.wechat.apiVersion}` : c?.alipay ? "alipay" : "wechat_v3");

  useEffect(() => {
    if (c) form.setFieldsValue(valuesOf(c, current));
  }, [c, current, form]);

  const save = useMutation({
    mutationFn: (v: Values) => api<ConfigView>("PUT", path, writeOf(current, v, c?.version ?? 0)),
    onSuccess: (next) => {
      message.success(t("payconfig.saved"));
      qc.setQueryData(key, next);
      // Typed secrets are gone from the page once stored: only "set" is shown from now on.
      form.setFieldsValue(valuesOf(next, current));
    },
    onError: showProblem,
  });
  const [testOpenid, setTestOpenid] = useState("");
  const check = useMutation({
    mutationFn: () => apiPost<CheckAnswer>(`${path}/check`, testOpenid.trim() ? { testOpenid: testOpenid.trim() } : {}),
    onError: showProblem,
  });

  if (config.error) return <Alert type="error" showIcon message={problemText(config.error, t)} />;
  if (!c) return <Card loading />;
  const secretsSet = ((current === "alipay" ? c.alipay?.secretsSet : c.wechat?.secretsSet) ?? {}) as Record<
    string,
    boolean
  >;
  const sameProvider = current === "alipay" ? c.alipay !== null : c.wechat?.apiVersion === current.slice(-2);

  return (
    <Space direction="vertical" size={16} style={{ width: "100%" }} data-testid="payment-config">
      <Space wrap>
        <Typography.Text strong>{t("payconfig.lastChange")}:</Typography.Text>
        <Typography.Text data-testid="payment-config-updated">
          {c.updatedAt
            ? t("payconfig.by", { at: formatTime(c.updatedAt, lang), who: c.updatedBy ?? "—" })
            : t("payconfig.never")}
        </Typography.Text>
      </Space>
      {!canEdit && <Alert type="info" showIcon message={t("payconfig.readOnly")} />}
      <Segmented<Provider>
        value={current}
        onChange={(p) => {
          setProvider(p);
          form.resetFields();
        }}
        options={(["wechat_v3", "wechat_v2", "alipay"] as const).map((p) => ({ value: p, label: t(`provider.${p}`) }))}
        data-testid="payment-provider"
      />
      <Typography.Text type="secondary">{t("payconfig.secretsHint")}</Typography.Text>
      <Form
        form={form}
        layout="vertical"
        disabled={!canEdit}
        onFinish={(v) => save.mutate(v)}
        style={{ maxWidth: 720 }}
      >
        {fieldsOf(current).map((f) => {
          const isSet = sameProvider && secretsSet[f.name] === true;
          const label = f.secret ? (
            <Space>
              {t(f.label)}
              <Tag color={isSet ? "green" : "default"} data-testid={`secret-${f.name}`}>
                {t(isSet ? "payconfig.secretSet" : "payconfig.secretUnset")}
              </Tag>
            </Space>
          ) : (
            t(f.label)
          );
          const placeholder = f.secret ? t(isSet ? "payconfig.secretKeep" : "payconfig.secretNone") : undefined;
          return (
            <Form.Item
              key={`${current}:${f.name}`}
              name={f.name}
              label={label}
              rules={f.required ? [{ required: true, message: t("payconfig.required", { field: t(f.label) }) }] : []}
            >
              {f.pem ? (
                <Input.TextArea
                  rows={3}
                  placeholder={placeholder}
                  autoComplete="off"
                  spellCheck={false}
                  style={{ fontFamily: "monospace", fontSize: 12 }}
                  data-testid={`field-${f.name}`}
                />
              ) : f.secret ? (
                <Input.Password placeholder={placeholder} autoComplete="new-password" data-testid={`field-${f.name}`} />
              ) : (
                <Input autoComplete="off" data-testid={`field-${f.name}`} />
              )}
            </Form.Item>
          );
        })}
        <Form.Item name="memberCardPay" label={t("payconfig.memberCardPay")} valuePropName="checked">
          <Switch />
        </Form.Item>
        <Button type="primary" htmlType="submit" loading={save.isPending} data-testid="payment-config-save">
          {t("payconfig.save")}
        </Button>
      </Form>
      {canEdit && (
        <Space wrap>
          <Input
            value={testOpenid}
            onChange={(e) => setTestOpenid(e.target.value)}
            placeholder={t("payconfig.testOpenid")}
            style={{ width: 280 }}
          />
          <Button onClick={() => check.mutate()} loading={check.isPending} data-testid="payment-config-check">
            {t("payconfig.check")}
          </Button>
        </Space>
      )}
      {check.data && <Findings answer={check.data} />}
    </Space>
  );
}

function Findings({ answer }: { answer: CheckAnswer }) {
  const { t, lang } = useLocale();
  const failed = answer.findings.filter((f) => !f.ok).length;
  return (
    <Space direction="vertical" style={{ width: "100%" }} data-testid="payment-findings">
      <Alert
        type={answer.ok ? "success" : "error"}
        showIcon
        message={answer.ok ? t("payconfig.checkOk") : t("payconfig.checkFailed", { n: String(failed) })}
      />
      <List
        size="small"
        bordered
        dataSource={answer.findings}
        renderItem={(f) => (
          <List.Item data-testid="payment-finding" data-check={f.check} data-ok={String(f.ok)}>
            <Space direction="vertical" size={2}>
              <Space>
                {f.ok ? (
                  <CheckCircleFilled style={{ color: "#52c41a" }} />
                ) : (
                  <CloseCircleFilled style={{ color: "#ff4d4f" }} />
                )}
                <code>{f.check}</code>
                <span>{f.message[lang]}</span>
              </Space>
              {!f.ok && f.fix && (
                <Typography.Text type="warning">
                  {t("payconfig.fix")}
                  {f.fix[lang]}
                </Typography.Text>
              )}
            </Space>
          </List.Item>
        )}
      />
    </Space>
  );
}
