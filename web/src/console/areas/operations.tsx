import {
  BookOutlined,
  HomeOutlined,
  IdcardOutlined,
  MedicineBoxOutlined,
  SearchOutlined,
  ShopOutlined,
} from "@ant-design/icons";
import type { ConsolePage } from "../nav";
import { CinemaPage } from "../pages/operations/cinema-page";
import { CinemasPage } from "../pages/operations/cinemas";
import { DiagnosisPage } from "../pages/operations/diagnosis";
import { HomePage } from "../pages/operations/home";
import { MemberCardsPage } from "../pages/operations/member-cards";
import { OnboardPage } from "../pages/operations/onboard";
import { VendorDirectoryPage } from "../pages/operations/vendor-directory";
import { VendorQueryPage } from "../pages/operations/vendor-query";

/** Home, cinemas (onboarding, cinema page, sync health), vendor query, diagnosis and the vendor directory. */
export const OPERATIONS_PAGES: ConsolePage[] = [
  {
    path: "/",
    element: <HomePage />,
    menu: { label: "menu.home", icon: <HomeOutlined />, order: 0 },
  },
  {
    path: "/cinemas",
    element: <CinemasPage />,
    menu: { label: "menu.cinemas", icon: <ShopOutlined />, order: 10 },
  },
  // Vendor accounts reach every cinema of a vendor: never for cinema operators (the API says 403 too).
  { path: "/cinemas/onboard", element: <OnboardPage />, roles: ["admin", "support"] },
  { path: "/cinemas/:id", element: <CinemaPage /> },
  {
    path: "/vendor-query",
    element: <VendorQueryPage />,
    menu: { label: "menu.vendorQuery", icon: <SearchOutlined />, order: 30 },
  },
  {
    path: "/diagnosis",
    element: <DiagnosisPage />,
    menu: { label: "menu.diagnosis", icon: <MedicineBoxOutlined />, order: 40 },
  },
  {
    path: "/members",
    element: <MemberCardsPage />,
    menu: { label: "menu.members", icon: <IdcardOutlined />, order: 35 },
  },
  // The handbook and the vendors' support lines are Cinegate's own support material (the API says 403 too).
  {
    path: "/vendors",
    element: <VendorDirectoryPage />,
    roles: ["admin", "support"],
    menu: { label: "menu.vendorDirectory", icon: <BookOutlined />, order: 42 },
  },
];
