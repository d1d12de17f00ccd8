import { useMutation, useQuery } from "@tanstack/react-query";
import {
  Alert,
  Button,
  Checkbox,
  Col,
  Divider,
  Form,
  Input,
  InputNumber,
  Modal,
  Row,
  Select,
  Switch,
  Table,
  Tag,
  Typography,
} from "antd";
import { useEffect, useState } from "react";
import { ApiProblem, api, apiGet, apiPost } from "../../api";
import { useLocale } from "../../locale";
import { problemText } from "../../problem-text";
import { useCinemaOptions } from "../orders/cinema-options";
import { yuan } from "../orders/status-tag";
import type { Conflict, Preview, PreviewRow, Rule, RuleInput } from "./types";

const VENDORS = ["ykse", "vista", "moviefan", "lingdong"];
const WEEKDAYS = [1, 2, 3, 4, 5, 6, 7] as const;

/** The form's own shape: money in yuan as people type it, empty lists for "any". */
interface FormValues {
  name: string;
  enabled: boolean;
  priority?: number;
  channels?: string[];
  cinemaIds?: string[];
  cityCodes?: string[];
  vendors?: string[];
  filmIds?: string[];
  versions?: string[];
  hallTypes?: string[];
  weekdays?: number[];
  timeFrom?: string;
  timeTo?: string;
  dateFrom?: string;
  dateTo?: string;
  base: "list" | "settle" | "lowest";
  op: "fixed" | "add" | "percent";
  valueYuan?: number;
  percent?: number;
  roundToFen?: number;
  serviceFeeYuan?: number;
  subsidy?: boolean;
}

const fen = (y: number | undefined | null) => (y === undefined || y === null ? undefined : Math.round(y * 100));
const nonEmpty = <T,>(v: T[] | undefined) => (v?.length ? v : undefined);
const text = (v: string | undefined) => (v?.trim() ? v.trim() : undefined);

function toInput(v: FormValues): RuleInput {
  const scope = Object.fromEntries(
    Object.entries({
      channels: nonEmpty(v.channels),
      cinemaIds: nonEmpty(v.cinemaIds),
      cityCodes: nonEmpty(v.cityCodes),
      vendors: nonEmpty(v.vendors),
      filmIds: nonEmpty(v.filmIds),
      versions: nonEmpty(v.versions),
      hallTypes: nonEmpty(v.hallTypes),
      weekdays: nonEmpty(v.weekdays),
      timeFrom: text(v.timeFrom),
      timeTo: text(v.timeTo),
      dateFrom: text(v.dateFrom),
      dateTo: text(v.dateTo),
    }).filter(([, x]) => x !== undefined),
  );
  const serviceFeeFen = fen(v.serviceFeeYuan);
  return {
    name: v.name,
    enabled: v.enabled,
    ...(v.priority !== undefined && v.priority !== null ? { priority: v.priority } : {}),
    scope,
    price: {
      base: v.base,
      op: v.op,
      ...(v.op === "percent" ? { percent: v.percent } : { valueFen: fen(v.valueYuan) }),
      ...(v.roundToFen ? { roundToFen: v.roundToFen } : {}),
    },
    ...(serviceFeeFen !== undefined ? { serviceFeeFen } : {}),
    subsidy: v.subsidy ?? false,
  };
}

function toForm(r: Rule | null): FormValues {
  if (!r) return { name: "", enabled: true, base: "list", op: "add", valueYuan: 0, subsidy: false };
  return {
    name: r.name,
    enabled: r.enabled,
    priority: r.priority,
    ...r.scope,
    base: r.price.base,
    op: r.price.op,
    valueYuan: r.price.valueFen !== undefined ? r.price.valueFen / 100 : undefined,
    percent: r.price.percent,
    roundToFen: r.price.roundToFen,
    serviceFeeYuan: r.serviceFeeFen !== undefined ? r.serviceFeeFen / 100 : undefined,
    subsidy: r.subsidy,
  };
}

/** Create or edit one rule: the scope picker, the price, a preview of what changes, then save. */
export function RuleEditor({
  rule,
  onClose,
  onSaved,
}: {
  rule: Rule | "new" | null;
  onClose(): void;
  onSaved(r: Rule): void;
}) {
  const { t } = useLocale();
  const [form] = Form.useForm<FormValues>();
  const cinemas = useCinemaOptions();
  // Operators may not list channels; they type codes instead.
  const channels = useQuery({
    queryKey: ["channels"],
    queryFn: () => apiGet<{ items: Array<{ code: string; name: string }> }>("/admin/channels"),
    retry: false,
    enabled: rule !== null,
  });
  const existing = rule && rule !== "new" ? rule : null;
  const [preview, setPreview] = useState<Preview | null>(null);
  const [problem, setProblem] = useState<{ text: string; conflicts?: Conflict[] } | null>(null);
  const op = Form.useWatch("op", form);

  useEffect(() => {
    if (rule !== null) {
      form.resetFields();
      form.setFieldsValue(toForm(existing));
      setPreview(null);
      setProblem(null);
    }
  }, [rule, existing, form]);

  const fail = (err: unknown) => {
    const conflicts = err instanceof ApiProblem ? (err.extra.conflicts as Conflict[] | undefined) : undefined;
    setProblem({ text: problemText(err, t), ...(conflicts ? { conflicts } : {}) });
  };
  const runPreview = useMutation({
    mutationFn: async () => {
      const values = await form.validateFields();
      return apiPost<Preview>("/admin/pricing-rules/preview", {
        rule: toInput(values),
        ...(existing ? { id: existing.id } : {}),
      });
    },
    onSuccess: (p) => {
      setProblem(null);
      setPreview(p);
    },
    onError: fail,
  });
  const save = useMutation({
    mutationFn: async () => {
      const values = await form.validateFields();
      const body = toInput(values);
      return existing
        ? api<Rule>("PUT", `/admin/pricing-rules/${encodeURIComponent(existing.id)}`, body)
        : apiPost<Rule>("/admin/pricing-rules", body);
    },
    onSuccess: onSaved,
    onError: fail,
  });

  const tags = (
    name: keyof FormValues,
    label: Parameters<typeof t>[0],
    options?: Array<{ value: string; label: string }>,
  ) => (
    <Col span={12}>
      <Form.Item name={name} label={t(label)} tooltip={t("pricing.scope.tagsHelp")}>
        <Select
          mode={options ? "multiple" : "tags"}
          options={options}
          allowClear
          optionFilterProp="label"
          data-testid={`scope-${name}`}
        />
      </Form.Item>
    </Col>
  );

  return (
    <Modal
      open={rule !== null}
      title={existing ? `${t("pricing.edit")} · ${existing.name}` : t("pricing.new")}
      width={960}
      onCancel={onClose}
      destroyOnHidden
      okText={t("pricing.save")}
      cancelText={t("common.cancel")}
      onOk={() => save.mutate()}
      confirmLoading={save.isPending}
      footer={(_, { OkBtn, CancelBtn }) => (
        <>
          <CancelBtn />
          <Button data-testid="pricing-preview" onClick={() => runPreview.mutate()} loading={runPreview.isPending}>
            {t("pricing.preview")}
          </Button>
          <OkBtn />
        </>
      )}
    >
      <Form form={form} layout="vertical" size="small">
        <Row gutter={12}>
          <Col span={12}>
            <Form.Item name="name" label={t("pricing.name")} rules={[{ required: true, max: 100 }]}>
              <Input data-testid="rule-name" />
            </Form.Item>
          </Col>
          <Col span={6}>
            <Form.Item name="priority" label={t("pricing.priority")}>
              <InputNumber min={-1000} max={1000} style={{ width: "100%" }} />
            </Form.Item>
          </Col>
          <Col span={6}>
            <Form.Item name="enabled" label={t("pricing.enabled")} valuePropName="checked">
              <Switch />
            </Form.Item>
          </Col>
        </Row>
        <Divider orientation="left">{t("pricing.scope")}</Divider>
        <Row gutter={12}>
          {tags(
            "channels",
            "pricing.scope.channels",
            channels.data
              ? channels.data.items.map((c) => ({ value: c.code, label: `${c.name} (${c.code})` }))
              : undefined,
          )}
          {tags(
            "cinemaIds",
            "pricing.scope.cinemas",
            cinemas.map((c) => ({ value: c.id, label: c.name })),
          )}
          {tags("cityCodes", "pricing.scope.cities")}
          {tags(
            "vendors",
            "pricing.scope.vendors",
            VENDORS.map((v) => ({ value: v, label: v })),
          )}
          {tags("filmIds", "pricing.scope.films")}
          {tags("versions", "pricing.scope.versions")}
          {tags("hallTypes", "pricing.scope.hallTypes")}
          <Col span={12}>
            <Form.Item name="weekdays" label={t("pricing.scope.weekdays")}>
              <Checkbox.Group options={WEEKDAYS.map((d) => ({ value: d, label: t(`pricing.weekday.${d}`) }))} />
            </Form.Item>
          </Col>
          <Col span={12}>
            <Form.Item label={t("pricing.scope.time")}>
              <Input.Group compact>
                <Form.Item name="timeFrom" noStyle>
                  <Input style={{ width: "45%" }} placeholder="22:00" data-testid="time-from" />
                </Form.Item>
                <Form.Item name="timeTo" noStyle>
                  <Input style={{ width: "45%" }} placeholder="02:00" data-testid="time-to" />
                </Form.Item>
              </Input.Group>
            </Form.Item>
          </Col>
          <Col span={12}>
            <Form.Item label={t("pricing.scope.dates")}>
              <Input.Group compact>
                <Form.Item name="dateFrom" noStyle>
                  <Input style={{ width: "45%" }} placeholder="2026-12-24" />
                </Form.Item>
                <Form.Item name="dateTo" noStyle>
                  <Input style={{ width: "45%" }} placeholder="2027-01-01" />
                </Form.Item>
              </Input.Group>
            </Form.Item>
          </Col>
        </Row>
        <Divider orientation="left">{t("pricing.price")}</Divider>
        <Row gutter={12}>
          <Col span={6}>
            <Form.Item name="base" label={t("pricing.base")}>
              <Select
                options={(["list", "settle", "lowest"] as const).map((b) => ({
                  value: b,
                  label: t(`pricing.base.${b}`),
                }))}
              />
            </Form.Item>
          </Col>
          <Col span={6}>
            <Form.Item name="op" label={t("pricing.op")}>
              <Select
                data-testid="rule-op"
                options={(["fixed", "add", "percent"] as const).map((o) => ({ value: o, label: t(`pricing.op.${o}`) }))}
              />
            </Form.Item>
          </Col>
          <Col span={6}>
            {op === "percent" ? (
              <Form.Item name="percent" label={t("pricing.percent")} rules={[{ required: true }]}>
                <InputNumber min={0.01} max={1000} step={1} style={{ width: "100%" }} />
              </Form.Item>
            ) : (
              <Form.Item name="valueYuan" label={t("pricing.valueYuan")} rules={[{ required: true }]}>
                <InputNumber step={0.5} precision={2} style={{ width: "100%" }} data-testid="rule-value" />
              </Form.Item>
            )}
          </Col>
          <Col span={6}>
            <Form.Item name="roundToFen" label={t("pricing.roundTo")}>
              <InputNumber min={1} max={10000} style={{ width: "100%" }} />
            </Form.Item>
          </Col>
          <Col span={12}>
            <Form.Item name="serviceFeeYuan" label={t("pricing.serviceFee")}>
              <InputNumber min={0} max={1000} precision={2} style={{ width: "100%" }} />
            </Form.Item>
          </Col>
          <Col span={12}>
            <Form.Item name="subsidy" valuePropName="checked" extra={t("pricing.subsidyHelp")}>
              <Checkbox>{t("pricing.subsidy")}</Checkbox>
            </Form.Item>
          </Col>
        </Row>
      </Form>
      {problem && (
        <Alert
          type="error"
          showIcon
          data-testid="rule-problem"
          message={problem.text}
          description={
            problem.conflicts && (
              <div>
                {t("pricing.conflict")}
                <ul>
                  {problem.conflicts.map((c) => (
                    <li key={c.ruleId}>
                      {c.name}:{" "}
                      {c.showtimes
                        .slice(0, 5)
                        .map(
                          (s) =>
                            `${s.cinemaName} ${s.filmTitle} ${s.startsAt.slice(5, 16).replace("T", " ")} (${s.channel})`,
                        )
                        .join("；")}
                    </li>
                  ))}
                </ul>
              </div>
            )
          }
        />
      )}
      {preview && <PreviewTable preview={preview} />}
    </Modal>
  );
}

function PreviewTable({ preview }: { preview: Preview }) {
  const { t } = useLocale();
  if (preview.total === 0)
    return <Alert type="info" message={t("pricing.previewNone")} data-testid="pricing-preview-result" />;
  return (
    <div data-testid="pricing-preview-result">
      <Typography.Paragraph strong style={{ marginTop: 12 }}>
        {t("pricing.previewTotal", {
          n: String(preview.total),
          clamped: String(preview.clampedCount),
          subsidy: yuan(preview.subsidyFen),
        })}
      </Typography.Paragraph>
      <Table<PreviewRow>
        size="small"
        rowKey={(r) => `${r.showtimeId}|${r.channel}`}
        dataSource={preview.items}
        pagination={{ pageSize: 8, showSizeChanger: false }}
        columns={[
          {
            title: t("pricing.col.showtime"),
            key: "s",
            render: (_: unknown, r) =>
              `${r.cinemaName} · ${r.filmTitle} · ${r.hallName} · ${r.startsAt.slice(5, 16).replace("T", " ")}`,
          },
          { title: t("pricing.col.channel"), dataIndex: "channel" },
          { title: t("pricing.col.old"), dataIndex: "oldSaleFen", render: (f: number) => yuan(f) },
          {
            title: t("pricing.col.new"),
            key: "new",
            render: (_: unknown, r) => (
              <>
                {yuan(r.newSaleFen)} {r.clamped && <Tag color="orange">{t("pricing.clamped")}</Tag>}
              </>
            ),
          },
        ]}
      />
    </div>
  );
}
