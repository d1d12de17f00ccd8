import { Spin } from "antd";
import { Navigate, Route, Routes } from "react-router-dom";
import { ConsoleLayout } from "./layout";
import { PAGES } from "./nav";
import { ForbiddenPage } from "./pages/forbidden";
import { LoginPage } from "./pages/login";
import { useMe } from "./session";

/** Login when nobody is signed in; otherwise the layout with the pages this role may open. */
export function ConsoleApp() {
  const me = useMe();
  if (me.isPending) return <Spin fullscreen />;
  if (!me.data) return <LoginPage />;
  const role = me.data.user.role;
  return (
    <Routes>
      <Route element={<ConsoleLayout me={me.data} />}>
        {PAGES.map((item) => (
          <Route
            key={item.path}
            path={item.path}
            element={!item.roles || item.roles.includes(role) ? item.element : <ForbiddenPage />}
          />
        ))}
        <Route path="*" element={<Navigate to="/" replace />} />
      </Route>
    </Routes>
  );
}
