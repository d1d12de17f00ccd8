import { LockOutlined, TranslationOutlined, UserOutlined } from "@ant-design/icons";
import { Alert, Button, Card, Form, Input, Typography } from "antd";
import { ApiProblem } from "../api";
import { useLocale } from "../locale";
import { problemText } from "../problem-text";
import { useLogin } from "../session";

export function LoginPage() {
  const { t, lang, setLang } = useLocale();
  const login = useLogin();
  // A 401 here is the ordinary "wrong password", worth its own sentence rather than the generic one.
  const error =
    login.error instanceof ApiProblem && login.error.status === 401
      ? t("login.failed")
      : login.error && problemText(login.error, t);
  return (
    <div style={{ minHeight: "100vh", display: "grid", placeItems: "center", background: "#f0f2f5" }}>
      <Card style={{ width: 380 }}>
        <div style={{ display: "flex", justifyContent: "space-between", alignItems: "baseline" }}>
          <Typography.Title level={4}>{t("login.title")}</Typography.Title>
          <Button type="link" icon={<TranslationOutlined />} onClick={() => setLang(lang === "zh" ? "en" : "zh")}>
            {t("lang.switch")}
          </Button>
        </div>
        <Form
          layout="vertical"
          onFinish={(v: { username: string; password: string }) => login.mutate(v)}
          requiredMark={false}
        >
          <Form.Item
            name="username"
            label={t("login.username")}
            rules={[{ required: true, message: t("login.required", { field: t("login.username") }) }]}
          >
            <Input prefix={<UserOutlined />} autoComplete="username" autoFocus />
          </Form.Item>
          <Form.Item
            name="password"
            label={t("login.password")}
            rules={[{ required: true, message: t("login.required", { field: t("login.password") }) }]}
          >
            <Input.Password prefix={<LockOutlined />} autoComplete="current-password" />
          </Form.Item>
          {error && <Alert type="error" showIcon message={error} style={{ marginBottom: 16 }} role="alert" />}
          <Button type="primary" htmlType="submit" block loading={login.isPending}>
            {t("login.submit")}
          </Button>
        </Form>
        <Typography.Paragraph type="secondary" style={{ marginTop: 16, marginBottom: 0, fontSize: 12 }}>
          {t("login.hint")}
        </Typography.Paragraph>
      </Card>
    </div>
  );
}
