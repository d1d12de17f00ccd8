import { PlusOutlined } from "@ant-design/icons";
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { Alert, App, Button, Card, Form, Input, Popconfirm, Select, Space, Table, Tag, Typography } from "antd";
import { useState } from "react";
import type { AdminRequest } from "../../../api/admin";
import { api, apiGet, apiPost } from "../../api";
import { useLocale } from "../../locale";
import { FormModal, ShownOnceModal, useDialogMutation } from "../../modals";
import { problemText } from "../../problem-text";
import { useProblemToast } from "../../problem-toast";
import { useMe } from "../../session";
import { RateLimitsModal, RateLimitsText } from "./channel-rate-limits";
import { useCinemaOptions } from "./cinema-options";
import type { Channel, ChannelCreated, ChannelList, ChannelSecret } from "./types";

const CHANNELS_KEY = ["channels"] as const;

type NewChannel = AdminRequest<"/admin/channels", "post">;

/**
 * Sales channels: who may sell which cinemas, where their webhooks go, and their signing secrets
 * (shown once on create and on rotate, never again). Admins change; support reads.
 */
export function ChannelsPage() {
  const { t } = useLocale();
  const { message } = App.useApp();
  const showProblem = useProblemToast();
  const me = useMe();
  const isAdmin = me.data?.user.role === "admin";
  const qc = useQueryClient();
  const channels = useQuery({ queryKey: CHANNELS_KEY, queryFn: () => apiGet<ChannelList>("/admin/channels") });
  const [creating, setCreating] = useState(false);
  const [secret, setSecret] = useState<{ code: string; secret: string } | null>(null);
  /** The channel being edited, and which of its edit dialogs is open (one at a time). */
  const [editing, setEditing] = useState<{ channel: Channel; what: "webhook" | "cinemas" | "limits" } | null>(null);
  const editingFor = (what: "webhook" | "cinemas" | "limits") => (editing?.what === what ? editing.channel : null);

  const changed = (code: string) => {
    void qc.invalidateQueries({ queryKey: CHANNELS_KEY });
    message.success(t("channels.updated", { code }));
  };
  const stopEditing = () => setEditing(null);
  const edited = (code: string) => {
    setEditing(null);
    changed(code);
  };
  const rotate = useMutation({
    mutationFn: (code: string) => apiPost<ChannelSecret>(`/admin/channels/${encodeURIComponent(code)}/rotate-secret`),
    onSuccess: (r) => {
      setSecret(r);
      changed(r.code);
    },
    onError: showProblem,
  });

  return (
    <Card
      title={t("menu.channels")}
      extra={
        isAdmin && (
          <Button type="primary" icon={<PlusOutlined />} onClick={() => setCreating(true)}>
            {t("channels.new")}
          </Button>
        )
      }
    >
      {!isAdmin && <Alert type="info" showIcon message={t("channels.readOnly")} style={{ marginBottom: 16 }} />}
      {channels.error && (
        <Alert type="error" showIcon message={problemText(channels.error, t)} style={{ marginBottom: 16 }} />
      )}
      <Table<Channel>
        rowKey="id"
        loading={channels.isFetching}
        dataSource={channels.data?.items ?? []}
        pagination={false}
        data-testid="channel-list"
        columns={[
          {
            title: t("channels.code"),
            dataIndex: "code",
            // Codes are identifiers channels type into config: never break them across lines.
            render: (c: string) => (
              <Typography.Text code style={{ whiteSpace: "nowrap" }}>
                {c}
              </Typography.Text>
            ),
          },
          { title: t("channels.name"), dataIndex: "name" },
          {
            title: t("channels.webhook"),
            dataIndex: "webhookUrl",
            render: (u: string | null) => u ?? "—",
          },
          {
            title: t("channels.cinemas"),
            dataIndex: "cinemas",
            render: (cs: Channel["cinemas"]) =>
              cs.length <= 3 ? (
                cs.map((c) => <Tag key={c.id}>{c.name}</Tag>)
              ) : (
                <span title={cs.map((c) => c.name).join("、")}>
                  {t("channels.cinemaCount", { n: String(cs.length) })}
                </span>
              ),
          },
          { title: t("channels.orders"), dataIndex: "orderCount" },
          {
            title: t("channels.rateLimits"),
            dataIndex: "rateLimits",
            render: (l: Channel["rateLimits"]) => <RateLimitsText limits={l} t={t} />,
          },
          {
            title: t("channels.status"),
            dataIndex: "active",
            render: (a: boolean) =>
              a ? <Tag color="green">{t("channels.active")}</Tag> : <Tag>{t("channels.inactive")}</Tag>,
          },
          ...(isAdmin
            ? [
                {
                  title: t("channels.actions"),
                  key: "actions",
                  render: (_: unknown, c: Channel) => (
                    <Space wrap>
                      <Popconfirm
                        title={t("channels.rotateConfirm", { code: c.code })}
                        okText={t("common.ok")}
                        cancelText={t("common.cancel")}
                        onConfirm={() => rotate.mutate(c.code)}
                      >
                        <Button size="small" danger>
                          {t("channels.rotate")}
                        </Button>
                      </Popconfirm>
                      <Button size="small" onClick={() => setEditing({ channel: c, what: "webhook" })}>
                        {t("channels.editWebhook")}
                      </Button>
                      <Button size="small" onClick={() => setEditing({ channel: c, what: "cinemas" })}>
                        {t("channels.editCinemas")}
                      </Button>
                      <Button size="small" onClick={() => setEditing({ channel: c, what: "limits" })}>
                        {t("channels.editRateLimits")}
                      </Button>
                    </Space>
                  ),
                },
              ]
            : []),
        ]}
      />
      <CreateChannelModal
        open={creating}
        onClose={() => setCreating(false)}
        onCreated={(r) => {
          setCreating(false);
          setSecret(r);
          void qc.invalidateQueries({ queryKey: CHANNELS_KEY });
          message.success(t("channels.created", { code: r.code }));
        }}
      />
      <EditModal channel={editingFor("webhook")} kind="webhook" onClose={stopEditing} onDone={edited} />
      <EditModal channel={editingFor("cinemas")} kind="cinemas" onClose={stopEditing} onDone={edited} />
      <RateLimitsModal channel={editingFor("limits")} onClose={stopEditing} onDone={edited} />
      <ShownOnceModal
        value={secret?.secret}
        title={t("channels.secretTitle")}
        note={t("channels.secretOnce", { code: secret?.code ?? "" })}
        testId="shown-secret"
        onClose={() => setSecret(null)}
      />
    </Card>
  );
}

function useCinemaPicker() {
  return useCinemaOptions().map((c) => ({ value: c.id, label: `${c.name} (${c.id})` }));
}

function CreateChannelModal(props: {
  open: boolean;
  onClose(): void;
  onCreated(r: { code: string; secret: string }): void;
}) {
  const { t } = useLocale();
  const [form] = Form.useForm<NewChannel>();
  const options = useCinemaPicker();
  const create = useDialogMutation(
    form,
    (v: NewChannel) =>
      apiPost<ChannelCreated>("/admin/channels", {
        code: v.code.trim(),
        name: v.name.trim(),
        ...(v.webhookUrl?.trim() ? { webhookUrl: v.webhookUrl.trim() } : {}),
        cinemas: v.cinemas ?? [],
      }),
    (r) => props.onCreated(r),
  );
  return (
    <FormModal
      open={props.open}
      title={t("channels.new")}
      okText={t("common.create")}
      busy={create.isPending}
      form={form}
      onClose={props.onClose}
    >
      <Form form={form} layout="vertical" onFinish={(v) => create.mutate(v)}>
        <Form.Item name="code" label={t("channels.code")} extra={t("channels.codeHelp")} rules={[{ required: true }]}>
          <Input autoComplete="off" />
        </Form.Item>
        <Form.Item name="name" label={t("channels.name")} rules={[{ required: true, whitespace: true }]}>
          <Input />
        </Form.Item>
        <Form.Item name="webhookUrl" label={t("channels.webhook")} extra={t("channels.webhookHelp")}>
          <Input placeholder="https://" />
        </Form.Item>
        <Form.Item name="cinemas" label={t("channels.cinemas")}>
          <Select mode="multiple" allowClear optionFilterProp="label" options={options} />
        </Form.Item>
        {create.error && <Alert type="error" showIcon message={problemText(create.error, t)} role="alert" />}
      </Form>
    </FormModal>
  );
}

function EditModal(props: {
  channel: Channel | null;
  kind: "webhook" | "cinemas";
  onClose(): void;
  onDone(code: string): void;
}) {
  const { t } = useLocale();
  const [form] = Form.useForm<{ webhookUrl?: string; cinemas?: string[] }>();
  const options = useCinemaPicker();
  const ch = props.channel;
  const save = useMutation({
    mutationFn: (v: { webhookUrl?: string; cinemas?: string[] }) => {
      const base = `/admin/channels/${encodeURIComponent(ch!.code)}`;
      return props.kind === "webhook"
        ? api("PUT", `${base}/webhook`, { webhookUrl: v.webhookUrl?.trim() || null })
        : api("PUT", `${base}/cinemas`, { cinemas: v.cinemas ?? [] });
    },
    onSuccess: () => {
      save.reset();
      props.onDone(ch!.code);
    },
  });
  return (
    <FormModal
      open={ch !== null}
      title={`${props.kind === "webhook" ? t("channels.editWebhook") : t("channels.editCinemas")} · ${ch?.code ?? ""}`}
      busy={save.isPending}
      form={form}
      onClose={props.onClose}
    >
      {ch && (
        <Form
          form={form}
          layout="vertical"
          initialValues={{ webhookUrl: ch.webhookUrl ?? "", cinemas: ch.cinemas.map((c) => c.id) }}
          onFinish={(v) => save.mutate(v)}
        >
          {props.kind === "webhook" ? (
            <Form.Item name="webhookUrl" label={t("channels.webhook")} extra={t("channels.webhookHelp")}>
              <Input placeholder="https://" />
            </Form.Item>
          ) : (
            <Form.Item name="cinemas" label={t("channels.cinemas")}>
              <Select mode="multiple" allowClear optionFilterProp="label" options={options} />
            </Form.Item>
          )}
          {save.error && <Alert type="error" showIcon message={problemText(save.error, t)} role="alert" />}
        </Form>
      )}
    </FormModal>
  );
}
