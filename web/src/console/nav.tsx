import { AuditOutlined, TeamOutlined } from "@ant-design/icons";
import type { ReactNode } from "react";
import { OPERATIONS_PAGES } from "./areas/operations";
import { ORDER_PAGES } from "./areas/orders";
import { PRICING_PAGES } from "./areas/pricing";
import type { MessageKey } from "./i18n";
import { AuditLogPage } from "./pages/audit-log";
import { UsersPage } from "./pages/users";
import type { Role } from "./session";

export interface ConsolePage {
  path: string;
  element: ReactNode;
  /** Roles that may open the page; undefined = every role. */
  roles?: Role[];
  /** Set for pages in the left menu (detail pages such as /orders/:id have none). */
  menu?: { label: MessageKey; icon: ReactNode; order: number };
}

const ADMIN_PAGES: ConsolePage[] = [
  {
    path: "/users",
    element: <UsersPage />,
    roles: ["admin"],
    menu: { label: "menu.users", icon: <TeamOutlined />, order: 90 },
  },
  {
    path: "/audit-log",
    element: <AuditLogPage />,
    roles: ["admin"],
    menu: { label: "menu.auditLog", icon: <AuditOutlined />, order: 91 },
  },
];

/** Every route of the console; each area (operations, orders, admin) owns its own list. */
export const PAGES: ConsolePage[] = [...OPERATIONS_PAGES, ...ORDER_PAGES, ...PRICING_PAGES, ...ADMIN_PAGES];

/** The left menu, in menu order. */
export const MENU = PAGES.filter((p) => p.menu).sort((a, b) => (a.menu?.order ?? 0) - (b.menu?.order ?? 0));
