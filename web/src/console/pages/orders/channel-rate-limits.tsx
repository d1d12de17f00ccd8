import { useMutation } from "@tanstack/react-query";
import { Alert, Checkbox, Form, InputNumber, Space, Typography } from "antd";
import { api } from "../../api";
import { type Translate, useLocale } from "../../locale";
import { FormModal } from "../../modals";
import { problemText } from "../../problem-text";
import type { Channel, ChannelRateLimits, RateLimit } from "./types";

const DEFAULT: RateLimit = { perSecond: 300, burst: 600 };
const isDefault = (l: RateLimit) => l.perSecond === DEFAULT.perSecond && l.burst === DEFAULT.burst;
const BUCKETS = ["all", "seatMap", "create"] as const;
type Bucket = (typeof BUCKETS)[number];

/** One line per bucket for the channel list, e.g. "全部请求 300 次/秒，突发 600（默认）". */
export function RateLimitsText({ limits, t }: { limits: ChannelRateLimits; t: Translate }) {
  return (
    <Space direction="vertical" size={0}>
      {BUCKETS.map((b) => {
        const l = limits[b];
        if (!l && b !== "all") return null;
        const value = t("channels.rate.value", { perSecond: String(l!.perSecond), burst: String(l!.burst) });
        return (
          <Typography.Text key={b} style={{ whiteSpace: "nowrap" }}>
            {t(`channels.rate.${b}`)}: {value}
            {b === "all" && isDefault(l!) ? ` (${t("channels.rate.default")})` : ""}
          </Typography.Text>
        );
      })}
    </Space>
  );
}

interface FormValues {
  allDefault: boolean;
  all: RateLimit;
  seatMapOn: boolean;
  seatMap: RateLimit;
  createOn: boolean;
  create: RateLimit;
}

/**
 * Edits a channel's /v1 rate limits (PUT /admin/channels/:code/rate-limits): the channel-wide
 * bucket (or the platform default), and optional lower buckets for seat maps and order creates.
 * The server refuses a separate limit above the channel-wide one and names the field.
 */
export function RateLimitsModal(props: { channel: Channel | null; onClose(): void; onDone(code: string): void }) {
  const { t } = useLocale();
  const [form] = Form.useForm<FormValues>();
  const ch = props.channel;
  const save = useMutation({
    mutationFn: (v: FormValues) =>
      api("PUT", `/admin/channels/${encodeURIComponent(ch!.code)}/rate-limits`, {
        all: v.allDefault ? null : v.all,
        seatMap: v.seatMapOn ? v.seatMap : null,
        create: v.createOn ? v.create : null,
      }),
    onSuccess: () => {
      save.reset();
      props.onDone(ch!.code);
    },
  });
  const limits = ch?.rateLimits;
  return (
    <FormModal
      open={ch !== null}
      title={`${t("channels.editRateLimits")} · ${ch?.code ?? ""}`}
      busy={save.isPending}
      form={form}
      onClose={props.onClose}
    >
      {limits && (
        <Form<FormValues>
          form={form}
          layout="vertical"
          initialValues={{
            allDefault: isDefault(limits.all),
            all: limits.all,
            seatMapOn: limits.seatMap !== null,
            seatMap: limits.seatMap ?? { perSecond: 10, burst: 20 },
            createOn: limits.create !== null,
            create: limits.create ?? { perSecond: 10, burst: 20 },
          }}
          onFinish={(v) => save.mutate(v)}
        >
          <Typography.Paragraph type="secondary">{t("channels.rate.help")}</Typography.Paragraph>
          <LimitFields bucket="all" toggle="allDefault" toggleLabel={t("channels.rate.useDefault")} inverted />
          <LimitFields bucket="seatMap" toggle="seatMapOn" toggleLabel={t("channels.rate.useSeparate")} />
          <LimitFields bucket="create" toggle="createOn" toggleLabel={t("channels.rate.useSeparate")} />
          {save.error && <Alert type="error" showIcon message={problemText(save.error, t)} role="alert" />}
        </Form>
      )}
    </FormModal>
  );
}

/** A bucket's two numbers, shown when its checkbox says they apply (`inverted`: when it is off). */
function LimitFields(props: { bucket: Bucket; toggle: keyof FormValues; toggleLabel: string; inverted?: boolean }) {
  const { t } = useLocale();
  const number = (field: keyof RateLimit, max: number) => (
    <Form.Item
      name={[props.bucket, field]}
      label={t(`channels.rate.${field}`)}
      rules={[{ required: true }]}
      style={{ marginBottom: 8 }}
    >
      <InputNumber min={1} max={max} precision={0} data-testid={`rate-${props.bucket}-${field}`} />
    </Form.Item>
  );
  return (
    <fieldset style={{ border: 0, padding: 0, marginBottom: 12 }}>
      <Typography.Text strong>
        {t(`channels.rate.${props.bucket}`)}
        {props.bucket !== "all" ? ` — ${t("channels.rate.separate")}` : ""}
      </Typography.Text>
      <Form.Item name={props.toggle} valuePropName="checked" style={{ marginBottom: 4 }}>
        <Checkbox>{props.toggleLabel}</Checkbox>
      </Form.Item>
      <Form.Item noStyle shouldUpdate={(a, b) => a[props.toggle] !== b[props.toggle]}>
        {({ getFieldValue }) =>
          Boolean(getFieldValue(props.toggle)) !== Boolean(props.inverted) && (
            <Space wrap>
              {number("perSecond", 100_000)}
              {number("burst", 1_000_000)}
            </Space>
          )
        }
      </Form.Item>
    </fieldset>
  );
}
