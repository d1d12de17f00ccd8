import { HomeOutlined, MedicineBoxOutlined, SearchOutlined, ShopOutlined } from "@ant-design/icons";
import type { ConsolePage } from "../nav";
import { PlaceholderPage } from "../pages/placeholder";

/** Home, cinemas (onboarding, cinema page, sync health), vendor query and diagnosis. */
export const OPERATIONS_PAGES: ConsolePage[] = [
  {
    path: "/",
    element: <PlaceholderPage title="menu.home" text="placeholder.home" />,
    menu: { label: "menu.home", icon: <HomeOutlined />, order: 0 },
  },
  {
    path: "/cinemas",
    element: <PlaceholderPage title="menu.cinemas" text="placeholder.catalog" />,
    menu: { label: "menu.cinemas", icon: <ShopOutlined />, order: 10 },
  },
  {
    path: "/vendor-query",
    element: <PlaceholderPage title="menu.vendorQuery" text="placeholder.catalog" />,
    menu: { label: "menu.vendorQuery", icon: <SearchOutlined />, order: 30 },
  },
  {
    path: "/diagnosis",
    element: <PlaceholderPage title="menu.diagnosis" text="placeholder.catalog" />,
    menu: { label: "menu.diagnosis", icon: <MedicineBoxOutlined />, order: 40 },
  },
];
