import { ApiOutlined, CheckCircleTwoTone, CloseCircleTwoTone, LoadingOutlined, PlusOutlined } from "@ant-design/icons";
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import {
  Alert,
  App,
  Button,
  Card,
  Collapse,
  Form,
  Input,
  List,
  Select,
  Space,
  Spin,
  Steps,
  Table,
  Tag,
  Typography,
} from "antd";
import { useMemo, useState } from "react";
import { Link } from "react-router-dom";
import { ApiProblem, apiGet, apiPost } from "../../api";
import { useLocale } from "../../locale";
import { problemText } from "../../problem-text";
import { useProblemToast } from "../../problem-toast";
import type { ChannelList } from "../orders/types";
import { useCinemas } from "./cinema-picker";
import type {
  VendorAccount as Account,
  ConnectionTest,
  DiscoveredCinemas,
  OnboardedCinema,
  SyncRunList,
  VendorAccountList,
} from "./types";
import { useVendorForms, type VendorForm } from "./vendor-forms";

/** A cinema to onboard: one the vendor listed (DiscoveredCinemas) or one typed in by hand. */
interface Candidate {
  vendorCinemaId: string;
  name?: string;
  nationalCode?: string;
  city?: string;
}
interface Onboarded {
  vendorCinemaId: string;
  id?: string;
  name: string;
  error?: string;
}

/**
 * The seat vendors and their credential fields, from the server's vendor descriptors through the
 * OpenAPI document, and the directory-only vendors (快购云, 威云), whose cinemas are manual records.
 * Voucher sellers (Lingdong) have no cinemas to onboard, so this page leaves them out.
 */
function useSeatVendorForms() {
  const forms = useVendorForms();
  return { ...forms, data: forms.data?.filter((f) => f.kind === "seats" || f.kind === "directory") };
}

/**
 * Onboarding (OA): pick or add a vendor account (credentials go in once, encrypted, never shown
 * again; "test connection"), discover its cinemas or type the codes from the vendor's email, onboard
 * the selected ones, then watch their first sync.
 */
export function OnboardPage() {
  const { t, lang } = useLocale();
  const { message } = App.useApp();
  const showProblem = useProblemToast();
  const qc = useQueryClient();
  const [accountId, setAccountId] = useState<string>();
  const [manual, setManual] = useState<Candidate[]>([]);
  const [selected, setSelected] = useState<string[]>([]);
  const [channels, setChannels] = useState<string[]>([]);
  const [done, setDone] = useState<Onboarded[]>([]);
  const [formOpen, setFormOpen] = useState<string[]>([]);
  const seatForms = useSeatVendorForms();
  const accounts = useQuery({
    queryKey: ["vendor-accounts"],
    queryFn: () => apiGet<VendorAccountList>("/admin/vendor-accounts"),
  });
  const channelList = useQuery({
    queryKey: ["channels-for-onboarding"],
    queryFn: () => apiGet<ChannelList>("/admin/channels"),
    retry: false,
  });
  const account = accounts.data?.items.find((a) => a.id === accountId);
  // A directory-only vendor: no interface to test or sync; the cinema is a manual record, sold nowhere.
  const directory = seatForms.data?.find((f) => f.vendor === account?.vendor && f.kind === "directory");
  const onboardedAlready = useCinemas();
  const test = useMutation({
    mutationFn: (id: string) => apiPost<ConnectionTest>(`/admin/vendor-accounts/${id}/test`),
    onSuccess: (r) =>
      r.ok
        ? message.success(t("ops.onboard.testOk"))
        : message.error(t("ops.onboard.testFailed", { error: `${r.error?.code}: ${r.error?.message}` })),
    onError: showProblem,
  });
  const discover = useQuery({
    queryKey: ["discover", accountId],
    queryFn: () => apiGet<DiscoveredCinemas>(`/admin/vendor-accounts/${accountId}/discover`),
    enabled: false,
  });
  const known = useMemo(
    () =>
      new Set(
        (onboardedAlready.data?.items ?? [])
          .filter((c) => c.vendorAccountId === accountId)
          .map((c) => c.vendorCinemaId),
      ),
    [onboardedAlready.data, accountId],
  );
  const candidates = [...(discover.data?.items ?? []), ...manual];
  const onboard = useMutation({
    mutationFn: async () => {
      const out: Onboarded[] = [];
      for (const code of selected) {
        const c = candidates.find((x) => x.vendorCinemaId === code);
        try {
          const r = await apiPost<OnboardedCinema>("/admin/cinemas", {
            vendorAccountId: accountId,
            vendorCinemaId: code,
            ...(c?.nationalCode ? { nationalCode: c.nationalCode } : {}),
            ...(c?.name ? { name: c.name } : {}),
            channels: directory ? [] : channels,
          });
          out.push({ vendorCinemaId: code, id: r.id, name: r.name });
        } catch (err) {
          out.push({
            vendorCinemaId: code,
            name: c?.name ?? code,
            error:
              err instanceof ApiProblem && err.code === "CONFLICT" ? t("ops.onboard.already") : problemText(err, t),
          });
        }
        setDone([...out]);
      }
      return out;
    },
    onSettled: () => {
      void qc.invalidateQueries({ queryKey: ["ops-cinemas"] });
      setSelected([]);
    },
  });
  const step = done.length ? 2 : accountId ? 1 : 0;

  return (
    <Card title={t("ops.onboard.title")}>
      <Steps
        current={step}
        style={{ marginBottom: 24 }}
        items={[
          { title: t("ops.onboard.step1") },
          { title: t("ops.onboard.step2") },
          { title: t("ops.onboard.step3") },
        ]}
      />
      <Space direction="vertical" size={16} style={{ width: "100%" }}>
        <Space wrap>
          <Select
            style={{ minWidth: 320 }}
            placeholder={t("ops.onboard.account")}
            value={accountId}
            onChange={(id) => {
              setAccountId(id);
              setManual([]);
              setSelected([]);
              setDone([]);
            }}
            loading={accounts.isPending}
            data-testid="account-picker"
            options={(accounts.data?.items ?? [])
              .filter((a) => seatForms.data?.some((f) => f.vendor === a.vendor))
              .map((a) => ({ value: a.id, label: `${a.name} · ${a.vendor}` }))}
          />
          <Button
            icon={<ApiOutlined />}
            disabled={!accountId || !!directory}
            loading={test.isPending}
            onClick={() => accountId && test.mutate(accountId)}
            data-testid="test-connection"
          >
            {t("ops.onboard.test")}
          </Button>
          <Button
            type="primary"
            disabled={!accountId}
            loading={discover.isFetching}
            onClick={() => void discover.refetch()}
            data-testid="discover"
          >
            {t("ops.onboard.discover")}
          </Button>
        </Space>
        {accounts.error && <Alert type="error" showIcon message={problemText(accounts.error, t)} />}
        <Collapse
          activeKey={formOpen}
          onChange={(keys) => setFormOpen(Array.isArray(keys) ? keys : [keys])}
          items={[
            {
              key: "new",
              label: t("ops.onboard.newAccount"),
              children: (
                <NewAccountForm
                  onCreated={(a) => {
                    setAccountId(a.id);
                    setFormOpen([]);
                  }}
                />
              ),
            },
          ]}
        />
        {discover.error && <Alert type="error" showIcon message={problemText(discover.error, t)} />}
        {directory && (
          <Alert
            type="warning"
            showIcon
            data-testid="directory-vendor"
            message={t("vendors.onboard.directory", {
              vendor: directory.names?.[lang] ?? directory.vendor,
              status: directory.status?.[lang] ?? "",
            })}
          />
        )}
        {discover.data && !discover.data.supported && !directory && (
          <Alert type="info" showIcon message={t("ops.onboard.cannotList")} />
        )}
        {discover.data?.supported && discover.data.items.length === 0 && (
          <Alert type="info" showIcon message={t("ops.onboard.noneListed")} />
        )}
        {account && (discover.data || manual.length > 0) && (
          <>
            <Table<Candidate>
              rowKey="vendorCinemaId"
              size="small"
              data-testid="candidates"
              dataSource={candidates}
              pagination={{ pageSize: 20, hideOnSinglePage: true }}
              rowSelection={{
                selectedRowKeys: selected,
                onChange: (keys) => setSelected(keys.map(String)),
                getCheckboxProps: (c) => ({ disabled: known.has(c.vendorCinemaId) }),
              }}
              columns={[
                { title: t("ops.col.name"), dataIndex: "name", render: (v?: string) => v ?? "—" },
                {
                  title: t("ops.col.internalCode"),
                  dataIndex: "vendorCinemaId",
                  render: (v: string) => <code>{v}</code>,
                },
                {
                  title: t("ops.col.nationalCode"),
                  dataIndex: "nationalCode",
                  render: (v?: string) => (v ? <code>{v}</code> : "—"),
                },
                { title: t("ops.cinema.city"), dataIndex: "city", render: (v?: string) => v ?? "—" },
                {
                  title: "",
                  render: (_: unknown, c) =>
                    known.has(c.vendorCinemaId) ? <Tag color="green">{t("ops.onboard.already")}</Tag> : null,
                },
              ]}
            />
            <Typography.Text type="secondary">{t("ops.codes.help")}</Typography.Text>
          </>
        )}
        {account && (
          <Collapse
            defaultActiveKey={directory || (discover.data && !discover.data.supported) ? ["manual"] : []}
            key={String(discover.data?.supported)}
            items={[
              {
                key: "manual",
                label: t("ops.onboard.manual"),
                children: (
                  <ManualForm
                    onAdd={(c) => {
                      setManual((m) => [...m.filter((x) => x.vendorCinemaId !== c.vendorCinemaId), c]);
                      setSelected((s) => [...new Set([...s, c.vendorCinemaId])]);
                    }}
                  />
                ),
              },
            ]}
          />
        )}
        {account && (
          <Space wrap>
            {!directory && (
              <Select
                mode="tags"
                style={{ minWidth: 320 }}
                placeholder={t("ops.onboard.channels")}
                value={channels}
                onChange={setChannels}
                data-testid="channels"
                options={(channelList.data?.items ?? []).map((c) => ({
                  value: c.code,
                  label: `${c.code} · ${c.name}`,
                }))}
              />
            )}
            <Typography.Text>{t("ops.onboard.selected", { n: String(selected.length) })}</Typography.Text>
            <Button
              type="primary"
              disabled={selected.length === 0}
              loading={onboard.isPending}
              onClick={() => onboard.mutate()}
              data-testid="onboard-submit"
            >
              {t("ops.onboard.submit")}
            </Button>
          </Space>
        )}
        {done.length > 0 && <FirstSyncProgress onboarded={done} manual={!!directory} />}
      </Space>
    </Card>
  );
}

function NewAccountForm({ onCreated }: { onCreated(a: Account): void }) {
  const forms = useSeatVendorForms();
  if (!forms.data) return <Spin />;
  return <NewAccountFields forms={forms.data} onCreated={onCreated} />;
}

function NewAccountFields({ forms, onCreated }: { forms: VendorForm[]; onCreated(a: Account): void }) {
  const { t, lang } = useLocale();
  const { message } = App.useApp();
  const showProblem = useProblemToast();
  const qc = useQueryClient();
  const [form] = Form.useForm();
  const vendor: string = Form.useWatch("vendor", form) ?? forms[0]?.vendor;
  const fieldsOf = (v: string | undefined) => forms.find((f) => f.vendor === v)?.fields ?? [];
  const statusOf = (v: string | undefined) => forms.find((f) => f.vendor === v && f.kind === "directory")?.status;
  const create = useMutation({
    mutationFn: (v: Record<string, string>) => {
      const credentials: Record<string, string> = {};
      for (const f of fieldsOf(v.vendor)) if (v[`cred_${f.name}`]) credentials[f.name] = v[`cred_${f.name}`]!;
      // A directory-only vendor's account has no address and no credentials.
      if (statusOf(v.vendor)) return apiPost<Account>("/admin/vendor-accounts", { vendor: v.vendor, name: v.name });
      return apiPost<Account>("/admin/vendor-accounts", {
        vendor: v.vendor,
        name: v.name,
        baseUrl: v.baseUrl,
        credentials,
      });
    },
    onSuccess: (a) => {
      message.success(t("ops.onboard.accountCreated", { name: a.name }));
      form.resetFields();
      void qc.invalidateQueries({ queryKey: ["vendor-accounts"] });
      onCreated(a);
    },
    onError: showProblem,
  });
  return (
    <Form
      form={form}
      layout="vertical"
      initialValues={{ vendor: forms[0]?.vendor }}
      onFinish={(v) => create.mutate(v)}
      style={{ maxWidth: 520 }}
      autoComplete="off"
    >
      <Form.Item name="vendor" label={t("ops.col.vendor")}>
        {/* Fifteen systems and growing: support types a name or id rather than scrolling. */}
        <Select
          showSearch
          optionFilterProp="label"
          options={forms.map((f) => ({
            value: f.vendor,
            label: f.names ? `${f.names[lang]} (${f.vendor})` : f.vendor,
          }))}
        />
      </Form.Item>
      <Form.Item name="name" label={t("ops.onboard.accountName")} rules={[{ required: true }]}>
        <Input />
      </Form.Item>
      {statusOf(vendor) ? (
        <Alert type="warning" showIcon message={statusOf(vendor)?.[lang]} style={{ marginBottom: 16 }} />
      ) : (
        <Form.Item
          name="baseUrl"
          label={t("ops.onboard.baseUrl")}
          rules={[{ required: true, pattern: /^https?:\/\// }]}
        >
          <Input placeholder="https://" />
        </Form.Item>
      )}
      {fieldsOf(vendor).map((f) => (
        <Form.Item
          key={`${vendor}-${f.name}`}
          name={`cred_${f.name}`}
          label={f.label ? `${f.label[lang]} (${f.name})` : f.name}
          rules={[{ required: !f.optional }]}
        >
          {f.options ? (
            <Select
              allowClear={f.optional}
              options={f.options.map((o) => ({
                value: o.value,
                label: o.label ? `${o.label[lang]} (${o.value})` : o.value,
              }))}
            />
          ) : f.secret ? (
            <Input.Password autoComplete="new-password" />
          ) : (
            <Input />
          )}
        </Form.Item>
      ))}
      <Alert type="info" showIcon message={t("ops.onboard.credentialsNote")} style={{ marginBottom: 16 }} />
      <Button type="primary" htmlType="submit" icon={<PlusOutlined />} loading={create.isPending}>
        {t("common.create")}
      </Button>
    </Form>
  );
}

function ManualForm({ onAdd }: { onAdd(c: Candidate): void }) {
  const { t } = useLocale();
  const [form] = Form.useForm<Candidate>();
  return (
    <Form
      form={form}
      layout="inline"
      onFinish={(v) => {
        onAdd({
          vendorCinemaId: v.vendorCinemaId.trim(),
          ...(v.nationalCode ? { nationalCode: v.nationalCode.trim() } : {}),
          ...(v.name ? { name: v.name.trim() } : {}),
        });
        form.resetFields();
      }}
    >
      <Form.Item name="vendorCinemaId" label={t("ops.onboard.vendorCinemaId")} rules={[{ required: true, max: 64 }]}>
        <Input data-testid="manual-code" />
      </Form.Item>
      <Form.Item name="nationalCode" label={t("ops.onboard.nationalCode")} rules={[{ pattern: /^\d{8}$/ }]}>
        <Input />
      </Form.Item>
      <Form.Item name="name" label={t("ops.onboard.name")}>
        <Input />
      </Form.Item>
      <Button htmlType="submit">{t("ops.onboard.addManual")}</Button>
    </Form>
  );
}

/** Polls each new cinema's sync runs until its first run has finished (a manual record never syncs). */
function FirstSyncProgress({ onboarded, manual }: { onboarded: Onboarded[]; manual: boolean }) {
  const { t } = useLocale();
  const ids = manual ? [] : onboarded.filter((o) => o.id).map((o) => o.id!);
  const runs = useQuery({
    queryKey: ["first-sync", ids],
    queryFn: async () =>
      Object.fromEntries(
        await Promise.all(
          ids.map(
            async (id) =>
              [
                id,
                (await apiGet<SyncRunList>(`/admin/sync-runs?cinemaId=${encodeURIComponent(id)}&limit=5`)).items,
              ] as const,
          ),
        ),
      ),
    enabled: ids.length > 0,
    refetchInterval: (q) => {
      const data = q.state.data;
      const finished = data && ids.every((id) => data[id]?.some((r) => r.status !== "running"));
      return finished ? false : 2000;
    },
  });
  return (
    <Card size="small" title={t("ops.onboard.progress")} data-testid="first-sync">
      <List
        dataSource={onboarded}
        renderItem={(o) => {
          const list = o.id ? (runs.data?.[o.id] ?? []) : [];
          const last = [...list].reverse().find((r) => r.status !== "running") ?? list[0];
          const icon = o.error ? (
            <CloseCircleTwoTone twoToneColor="#cf1322" />
          ) : manual ? (
            <CheckCircleTwoTone twoToneColor="#52c41a" />
          ) : !last || last.status === "running" ? (
            <LoadingOutlined />
          ) : last.status === "succeeded" ? (
            <CheckCircleTwoTone twoToneColor="#52c41a" />
          ) : (
            <CloseCircleTwoTone twoToneColor="#cf1322" />
          );
          return (
            <List.Item
              data-testid="first-sync-item"
              data-status={o.error ? "error" : (last?.status ?? "waiting")}
              actions={
                o.id
                  ? [
                      <Link key="open" to={`/cinemas/${encodeURIComponent(o.id)}`}>
                        {t("ops.onboard.openCinema")}
                      </Link>,
                    ]
                  : []
              }
            >
              <Space direction="vertical" size={0}>
                <Space>
                  {icon}
                  <Typography.Text strong>{o.name}</Typography.Text>
                  <code>{o.vendorCinemaId}</code>
                  {o.id && !o.error && <Tag color="green">{t("ops.onboard.onboarded")}</Tag>}
                </Space>
                {o.error && <Typography.Text type="danger">{o.error}</Typography.Text>}
                {!o.error && manual && (
                  <Typography.Text type="secondary" data-testid="manual-record">
                    {t("vendors.onboard.manualRecord")}
                  </Typography.Text>
                )}
                {!o.error && !manual && !last && (
                  <Typography.Text type="secondary">{t("ops.onboard.waiting")}</Typography.Text>
                )}
                {last && (
                  <Typography.Text type={last.status === "failed" ? "danger" : "secondary"}>
                    {t(`ops.runStatus.${last.status}`)}
                    {" · "}
                    {Object.entries(last.counts)
                      .filter(([, n]) => n > 0)
                      .map(([k, n]) => `${k} ${n}`)
                      .join(", ")}
                    {last.errors.map((e) => ` · ${e.entity}: ${e.code} ${e.message}`).join("")}
                  </Typography.Text>
                )}
              </Space>
            </List.Item>
          );
        }}
      />
    </Card>
  );
}
