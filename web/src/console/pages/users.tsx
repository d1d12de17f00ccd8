import { PlusOutlined } from "@ant-design/icons";
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { Alert, App, Button, Card, Form, Input, Popconfirm, Select, Space, Table, Tag } from "antd";
import { useState } from "react";
import type { AdminRequest, AdminResponse } from "../../api/admin";
import { apiGet, apiPost } from "../api";
import { formatTime, useLocale } from "../locale";
import { FormModal, ShownOnceModal, useDialogMutation } from "../modals";
import { problemText } from "../problem-text";
import { useProblemToast } from "../problem-toast";
import type { Role } from "../session";

type UserList = AdminResponse<"/admin/users", "get">;
type User = UserList["items"][number];
/** A generated password comes back once, here. */
type UserResult = AdminResponse<"/admin/users", "post", 201>;
type NewUser = AdminRequest<"/admin/users", "post">;

const ROLES: Role[] = ["admin", "support", "cinema_operator"];
const USERS_KEY = ["users"] as const;

/** Console users: list, create, disable/enable, reset password. A generated password is shown once. */
export function UsersPage() {
  const { t, lang } = useLocale();
  const { message } = App.useApp();
  const qc = useQueryClient();
  const [creating, setCreating] = useState(false);
  const [shownPassword, setShownPassword] = useState<{ username: string; password: string } | null>(null);
  const users = useQuery({ queryKey: USERS_KEY, queryFn: () => apiGet<UserList>("/admin/users") });

  const afterChange = (r: UserResult, doneKey: "users.created" | "users.updated") => {
    void qc.invalidateQueries({ queryKey: USERS_KEY });
    void qc.invalidateQueries({ queryKey: ["audit-log"] });
    message.success(t(doneKey, { name: r.user.username }));
    if (r.initialPassword) setShownPassword({ username: r.user.username, password: r.initialPassword });
  };
  const onError = useProblemToast();
  const action = useMutation({
    mutationFn: ({ user, verb }: { user: User; verb: "disable" | "enable" | "reset-password" }) =>
      apiPost<UserResult>(
        `/admin/users/${encodeURIComponent(user.id)}/${verb}`,
        verb === "reset-password" ? {} : undefined,
      ),
    onSuccess: (r) => afterChange(r, "users.updated"),
    onError,
  });

  return (
    <Card
      title={t("menu.users")}
      extra={
        <Button type="primary" icon={<PlusOutlined />} onClick={() => setCreating(true)}>
          {t("users.new")}
        </Button>
      }
    >
      {users.error && (
        <Alert type="error" showIcon message={problemText(users.error, t)} style={{ marginBottom: 16 }} />
      )}
      <Table<User>
        rowKey="id"
        loading={users.isFetching}
        dataSource={users.data?.items ?? []}
        pagination={false}
        columns={[
          { title: t("users.username"), dataIndex: "username" },
          { title: t("users.role"), dataIndex: "role", render: (r: Role) => t(`role.${r}`) },
          {
            title: t("users.cinemas"),
            dataIndex: "cinemaIds",
            render: (ids: string[], u) =>
              u.role === "cinema_operator" ? ids.map((id) => <Tag key={id}>{id}</Tag>) : t("users.allCinemas"),
          },
          {
            title: t("users.status"),
            dataIndex: "disabled",
            render: (d: boolean) =>
              d ? <Tag color="red">{t("users.disabled")}</Tag> : <Tag color="green">{t("users.active")}</Tag>,
          },
          { title: t("users.createdAt"), dataIndex: "createdAt", render: (v: string) => formatTime(v, lang) },
          {
            title: t("users.actions"),
            key: "actions",
            render: (_, u) => (
              <Space>
                {u.disabled ? (
                  <Button size="small" onClick={() => action.mutate({ user: u, verb: "enable" })}>
                    {t("users.enable")}
                  </Button>
                ) : (
                  <Popconfirm
                    title={t("users.confirmDisable", { name: u.username })}
                    okText={t("common.ok")}
                    cancelText={t("common.cancel")}
                    onConfirm={() => action.mutate({ user: u, verb: "disable" })}
                  >
                    <Button size="small" danger>
                      {t("users.disable")}
                    </Button>
                  </Popconfirm>
                )}
                <Popconfirm
                  title={t("users.confirmReset", { name: u.username })}
                  okText={t("common.ok")}
                  cancelText={t("common.cancel")}
                  onConfirm={() => action.mutate({ user: u, verb: "reset-password" })}
                >
                  <Button size="small">{t("users.resetPassword")}</Button>
                </Popconfirm>
              </Space>
            ),
          },
        ]}
      />
      <CreateUserModal
        open={creating}
        onClose={() => setCreating(false)}
        onCreated={(r) => {
          setCreating(false);
          afterChange(r, "users.created");
        }}
      />
      <ShownOnceModal
        value={shownPassword?.password}
        title={t("users.passwordTitle")}
        note={t("users.passwordOnce", { name: shownPassword?.username ?? "" })}
        testId="shown-password"
        onClose={() => setShownPassword(null)}
      />
    </Card>
  );
}

function CreateUserModal(props: { open: boolean; onClose(): void; onCreated(r: UserResult): void }) {
  const { t } = useLocale();
  const [form] = Form.useForm<NewUser>();
  const role = Form.useWatch("role", form);
  const create = useDialogMutation(
    form,
    (v: NewUser) =>
      apiPost<UserResult>("/admin/users", {
        username: v.username.trim(),
        role: v.role,
        ...(v.role === "cinema_operator" ? { cinemaIds: v.cinemaIds ?? [] } : {}),
        ...(v.password ? { password: v.password } : {}),
      }),
    (r) => props.onCreated(r),
  );
  return (
    <FormModal
      open={props.open}
      title={t("users.new")}
      okText={t("common.create")}
      busy={create.isPending}
      form={form}
      onClose={props.onClose}
    >
      <Form form={form} layout="vertical" initialValues={{ role: "support" }} onFinish={(v) => create.mutate(v)}>
        <Form.Item
          name="username"
          label={t("users.username")}
          extra={t("users.usernameHelp")}
          rules={[{ required: true }]}
        >
          <Input autoComplete="off" />
        </Form.Item>
        <Form.Item name="role" label={t("users.role")} rules={[{ required: true }]}>
          <Select options={ROLES.map((r) => ({ value: r, label: t(`role.${r}`) }))} />
        </Form.Item>
        {role === "cinema_operator" && (
          <Form.Item
            name="cinemaIds"
            label={t("users.cinemas")}
            extra={t("users.cinemaIdsHelp")}
            rules={[{ required: true }]}
          >
            <Select mode="tags" open={false} />
          </Form.Item>
        )}
        <Form.Item name="password" label={t("users.password")} extra={t("users.passwordHelp")}>
          <Input.Password autoComplete="new-password" />
        </Form.Item>
        {create.error && <Alert type="error" showIcon message={problemText(create.error, t)} role="alert" />}
      </Form>
    </FormModal>
  );
}
