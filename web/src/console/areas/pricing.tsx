import { CalculatorOutlined, DollarOutlined } from "@ant-design/icons";
import type { ConsolePage } from "../nav";
import { PriceExplainPage } from "../pages/pricing/explain";
import { PricingRulesPage } from "../pages/pricing/rules";

/** Pricing (票价设置): the rules and the per-showtime explain view. Every role; operators are scoped by the API. */
export const PRICING_PAGES: ConsolePage[] = [
  {
    path: "/pricing",
    element: <PricingRulesPage />,
    menu: { label: "menu.pricing", icon: <DollarOutlined />, order: 45 },
  },
  {
    path: "/pricing/explain",
    element: <PriceExplainPage />,
    menu: { label: "menu.priceExplain", icon: <CalculatorOutlined />, order: 46 },
  },
];
