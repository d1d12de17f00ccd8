import { ApiOutlined, ProfileOutlined } from "@ant-design/icons";
import type { ConsolePage } from "../nav";
import { PlaceholderPage } from "../pages/placeholder";

/** Orders (search, order page, repair actions) and channels. */
export const ORDER_PAGES: ConsolePage[] = [
  {
    path: "/orders",
    element: <PlaceholderPage title="menu.orders" text="placeholder.orders" />,
    menu: { label: "menu.orders", icon: <ProfileOutlined />, order: 20 },
  },
  {
    path: "/channels",
    element: <PlaceholderPage title="menu.channels" text="placeholder.catalog" />,
    menu: { label: "menu.channels", icon: <ApiOutlined />, order: 50 },
  },
];
