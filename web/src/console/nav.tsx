import {
  ApiOutlined,
  AuditOutlined,
  HomeOutlined,
  MedicineBoxOutlined,
  ProfileOutlined,
  SearchOutlined,
  ShopOutlined,
  TeamOutlined,
} from "@ant-design/icons";
import type { ReactNode } from "react";
import type { MessageKey } from "./i18n";
import { AuditLogPage } from "./pages/audit-log";
import { PlaceholderPage } from "./pages/placeholder";
import { UsersPage } from "./pages/users";
import type { Role } from "./session";

export interface NavItem {
  path: string;
  label: MessageKey;
  icon: ReactNode;
  element: ReactNode;
  /** Roles that see the item; undefined = every role. */
  roles?: Role[];
}

/** The left menu and the routes behind it, in menu order. */
export const NAV: NavItem[] = [
  {
    path: "/",
    label: "menu.home",
    icon: <HomeOutlined />,
    element: <PlaceholderPage title="menu.home" text="placeholder.home" />,
  },
  {
    path: "/cinemas",
    label: "menu.cinemas",
    icon: <ShopOutlined />,
    element: <PlaceholderPage title="menu.cinemas" text="placeholder.catalog" />,
  },
  {
    path: "/orders",
    label: "menu.orders",
    icon: <ProfileOutlined />,
    element: <PlaceholderPage title="menu.orders" text="placeholder.orders" />,
  },
  {
    path: "/vendor-query",
    label: "menu.vendorQuery",
    icon: <SearchOutlined />,
    element: <PlaceholderPage title="menu.vendorQuery" text="placeholder.catalog" />,
  },
  {
    path: "/diagnosis",
    label: "menu.diagnosis",
    icon: <MedicineBoxOutlined />,
    element: <PlaceholderPage title="menu.diagnosis" text="placeholder.catalog" />,
  },
  {
    path: "/channels",
    label: "menu.channels",
    icon: <ApiOutlined />,
    element: <PlaceholderPage title="menu.channels" text="placeholder.catalog" />,
  },
  { path: "/users", label: "menu.users", icon: <TeamOutlined />, element: <UsersPage />, roles: ["admin"] },
  { path: "/audit-log", label: "menu.auditLog", icon: <AuditOutlined />, element: <AuditLogPage />, roles: ["admin"] },
];
