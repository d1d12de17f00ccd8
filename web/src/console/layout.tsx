import { LogoutOutlined, TranslationOutlined } from "@ant-design/icons";
import { Button, Layout, Menu, Space, Tag, Typography } from "antd";
import { Outlet, useLocation, useNavigate } from "react-router-dom";
import { useLocale } from "./locale";
import { MENU } from "./nav";
import { type Me, useLogout } from "./session";

/** The frame around every page: the left menu (filtered by role), the user, the language switch. */
export function ConsoleLayout({ me }: { me: Me }) {
  const { t, lang, setLang } = useLocale();
  const navigate = useNavigate();
  const location = useLocation();
  const logout = useLogout();
  const items = MENU.filter((n) => !n.roles || n.roles.includes(me.user.role)).map((n) => ({
    key: n.path,
    icon: n.menu?.icon,
    label: n.menu ? t(n.menu.label) : n.path,
  }));
  return (
    <Layout style={{ minHeight: "100vh" }}>
      <Layout.Sider theme="light" width={200} breakpoint="lg" collapsedWidth={56}>
        <div style={{ padding: "16px 20px", fontWeight: 600, fontSize: 16 }}>Cinegate</div>
        <Menu
          mode="inline"
          selectedKeys={[menuKeyFor(location.pathname)]}
          items={items}
          onClick={(e) => navigate(e.key)}
          data-testid="nav"
        />
      </Layout.Sider>
      <Layout>
        <Layout.Header
          style={{
            background: "#fff",
            display: "flex",
            justifyContent: "space-between",
            alignItems: "center",
            padding: "0 24px",
          }}
        >
          <Typography.Text strong>{t("app.title")}</Typography.Text>
          <Space>
            <span data-testid="current-user">{me.user.username}</span>
            <Tag>{t(`role.${me.user.role}`)}</Tag>
            <Button
              icon={<TranslationOutlined />}
              onClick={() => setLang(lang === "zh" ? "en" : "zh")}
              data-testid="lang-switch"
            >
              {t("lang.switch")}
            </Button>
            <Button icon={<LogoutOutlined />} onClick={() => logout.mutate()} loading={logout.isPending}>
              {t("logout")}
            </Button>
          </Space>
        </Layout.Header>
        <Layout.Content style={{ margin: 24 }}>
          <Outlet />
        </Layout.Content>
      </Layout>
    </Layout>
  );
}

/** The menu entry a path belongs to: /orders/ord_1 highlights Orders. */
function menuKeyFor(pathname: string): string {
  const owners = MENU.map((m) => m.path).filter((p) => (p === "/" ? pathname === "/" : pathname.startsWith(p)));
  return owners.sort((a, b) => b.length - a.length)[0] ?? pathname;
}
