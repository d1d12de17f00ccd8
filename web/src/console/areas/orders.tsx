import { ApiOutlined, PayCircleOutlined, ProfileOutlined } from "@ant-design/icons";
import type { ConsolePage } from "../nav";
import { ChannelsPage } from "../pages/orders/channels";
import { OrderPage } from "../pages/orders/order-page";
import { PaymentsPage } from "../pages/orders/payments";
import { OrdersPage } from "../pages/orders/search";

/** Orders (search, order page, repair actions) and channels. */
export const ORDER_PAGES: ConsolePage[] = [
  {
    path: "/orders",
    element: <OrdersPage />,
    menu: { label: "menu.orders", icon: <ProfileOutlined />, order: 20 },
  },
  { path: "/orders/:id", element: <OrderPage /> },
  {
    path: "/payments",
    element: <PaymentsPage />,
    menu: { label: "menu.payments", icon: <PayCircleOutlined />, order: 21 },
  },
  {
    // Support may read the list (which channel sells which cinema); admins change it. Operators never.
    path: "/channels",
    element: <ChannelsPage />,
    roles: ["admin", "support"],
    menu: { label: "menu.channels", icon: <ApiOutlined />, order: 50 },
  },
];
