import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { Alert, App, Button, Empty, Form, Input, InputNumber, Select, Space, Typography } from "antd";
import { useState } from "react";
import { ApiProblem, api, apiGet } from "../../api";
import { formatTime, useLocale } from "../../locale";
import { problemText } from "../../problem-text";
import type { CinemaSettings } from "./types";
import type { Bilingual } from "./vendor-forms";

/** The part of a section's JSON Schema (the vendor descriptor's `cinemaSettings`) the form reads. */
interface FieldSchema {
  type?: string;
  minimum?: number;
  maximum?: number;
  properties?: Record<string, FieldSchema>;
  items?: FieldSchema;
  "x-label"?: Bilingual;
}

/** The settings answer, its section schema read as the form reads it (the API types it as any JSON Schema). */
type SettingsAnswer = Omit<CinemaSettings, "schemas"> & { schemas: { vendor: FieldSchema | null } };

type Values = Record<string, unknown>;

/**
 * Drops what the form leaves empty, so an untouched field stays unset and the vendor's default
 * applies (nothing stored must behave exactly as before the record existed).
 */
function compact(values: Values): Values {
  const out: Values = {};
  for (const [k, v] of Object.entries(values)) {
    if (v === undefined || v === null || v === "" || v === "default") continue;
    if (Array.isArray(v)) {
      if (v.length > 0) out[k] = v;
    } else if (typeof v === "object") {
      const inner = compact(v as Values);
      if (Object.keys(inner).length > 0) out[k] = inner;
    } else out[k] = v;
  }
  return out;
}

/** Booleans are three-way in the form: unset (the vendor's default), on, off. */
const toForm = (values: Values, schema: FieldSchema): Values =>
  Object.fromEntries(
    Object.entries(schema.properties ?? {}).map(([k, f]) => {
      const v = values[k];
      if (f.type === "boolean") return [k, v === undefined ? "default" : v ? "on" : "off"];
      if (f.type === "object" && v && typeof v === "object") return [k, toForm(v as Values, f)];
      return [k, v];
    }),
  );
const fromForm = (values: Values, schema: FieldSchema): Values =>
  compact(
    Object.fromEntries(
      Object.entries(schema.properties ?? {}).map(([k, f]) => {
        const v = values[k];
        if (f.type === "boolean") return [k, v === "on" ? true : v === "off" ? false : undefined];
        if (f.type === "object" && v && typeof v === "object") return [k, fromForm(v as Values, f)];
        return [k, v];
      }),
    ),
  );

/** The cinema's settings record: one form field per property of the vendor's schema, saved with its version. */
export function CinemaSettingsTab({ cinemaId }: { cinemaId: string }) {
  const { t, lang } = useLocale();
  const { message } = App.useApp();
  const qc = useQueryClient();
  const path = `/admin/cinemas/${encodeURIComponent(cinemaId)}/settings`;
  const key = ["ops-cinema-settings", cinemaId];
  const [conflict, setConflict] = useState(false);
  const query = useQuery({ queryKey: key, queryFn: () => apiGet<SettingsAnswer>(path) });
  const save = useMutation({
    mutationFn: (body: { version: number; settings: { vendor: Values } }) => api<SettingsAnswer>("PUT", path, body),
    onSuccess: (answer) => {
      setConflict(false);
      qc.setQueryData(key, answer);
      message.success(t("ops.settings.saved"));
    },
    onError: (err) => {
      if (err instanceof ApiProblem && err.status === 409) setConflict(true);
      else message.error(problemText(err, t));
    },
  });
  if (query.error) return <Alert type="error" showIcon message={problemText(query.error, t)} />;
  const s = query.data;
  if (!s) return null;
  const schema = s.schemas.vendor;
  if (!schema) return <Empty description={t("ops.settings.none")} />;
  const label = (name: string, f: FieldSchema) => f["x-label"]?.[lang] ?? name;
  const field = (name: string, f: FieldSchema, at: string[]) => {
    const item = { key: at.join("."), name: at, label: label(name, f) };
    if (f.type === "boolean") {
      return (
        <Form.Item {...item}>
          <Select
            style={{ maxWidth: 240 }}
            options={[
              { value: "default", label: t("ops.settings.default") },
              { value: "on", label: t("ops.settings.on") },
              { value: "off", label: t("ops.settings.off") },
            ]}
          />
        </Form.Item>
      );
    }
    if (f.type === "integer" || f.type === "number") {
      return (
        <Form.Item {...item}>
          <InputNumber
            min={f.minimum}
            max={f.maximum}
            precision={f.type === "integer" ? 0 : undefined}
            placeholder={t("ops.settings.default")}
            style={{ width: 240 }}
          />
        </Form.Item>
      );
    }
    if (f.type === "array") {
      return (
        <Form.Item {...item}>
          <Select mode="tags" placeholder={t("ops.settings.default")} style={{ maxWidth: 480 }} />
        </Form.Item>
      );
    }
    if (f.type === "object") {
      return (
        <Form.Item key={item.key} label={item.label}>
          {Object.entries(f.properties ?? {}).map(([sub, sf]) => field(sub, sf, [...at, sub]))}
        </Form.Item>
      );
    }
    return (
      <Form.Item {...item}>
        <Input placeholder={t("ops.settings.default")} style={{ maxWidth: 360 }} />
      </Form.Item>
    );
  };
  return (
    <Space direction="vertical" style={{ width: "100%" }} data-testid="cinema-settings">
      <Typography.Text type="secondary">
        {s.version === 0
          ? t("ops.settings.defaults")
          : t("ops.settings.version", {
              version: String(s.version),
              at: s.updatedAt ? formatTime(s.updatedAt, lang) : "—",
              by: s.updatedBy ?? "—",
            })}
      </Typography.Text>
      {conflict && (
        <Alert
          type="warning"
          showIcon
          data-testid="settings-conflict"
          message={t("ops.settings.conflict")}
          action={
            <Button
              size="small"
              onClick={() => {
                setConflict(false);
                void qc.invalidateQueries({ queryKey: key });
              }}
            >
              {t("ops.settings.reload")}
            </Button>
          }
        />
      )}
      <Form
        key={s.version}
        layout="vertical"
        initialValues={toForm(s.settings.vendor, schema)}
        onFinish={(values: Values) =>
          save.mutate({ version: s.version, settings: { vendor: fromForm(values, schema) } })
        }
      >
        {Object.entries(schema.properties ?? {}).map(([name, f]) => field(name, f, [name]))}
        <Button type="primary" htmlType="submit" loading={save.isPending} data-testid="settings-save">
          {t("ops.settings.save")}
        </Button>
      </Form>
    </Space>
  );
}
