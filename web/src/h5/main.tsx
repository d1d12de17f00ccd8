import { QueryClient, QueryClientProvider, useQuery } from "@tanstack/react-query";
import { ConfigProvider, DotLoading, ErrorBlock } from "antd-mobile";
import enUS from "antd-mobile/es/locales/en-US";
import zhCN from "antd-mobile/es/locales/zh-CN";
import { lazy, StrictMode, Suspense } from "react";
import { createRoot } from "react-dom/client";
import { BrowserRouter, Route, Routes } from "react-router-dom";
import { API, api, BuyerProblem, type Site, SLUG } from "./api";
import { lang, t } from "./i18n";
import { Retry } from "./retry";
import { SiteContext } from "./site-context";

// Each page is its own chunk: the first screen loads the home page only.
const Home = lazy(() => import("./pages/home"));
const FilmPage = lazy(() => import("./pages/film"));
const SeatsPage = lazy(() => import("./pages/seats"));
const OrderPage = lazy(() => import("./pages/order"));
const OrdersPage = lazy(() => import("./pages/orders"));

const queryClient = new QueryClient({
  defaultOptions: {
    queries: { retry: (n, err) => !(err instanceof BuyerProblem && err.status >= 400 && err.status < 500) && n < 2 },
  },
});

const inWechat = /MicroMessenger/i.test(navigator.userAgent);

function Loading() {
  return (
    <div style={{ padding: 48, textAlign: "center", color: "#999" }}>
      {t("loading")}
      <DotLoading />
    </div>
  );
}

/**
 * The site's gate: its settings, and the buyer's WeChat sign-in (snsapi_base, silent inside WeChat;
 * the simulated WeChat in the demo). Outside WeChat with no simulated one, the page says to open it
 * in WeChat.
 */
function SiteGate() {
  const site = useQuery({ queryKey: ["site"], queryFn: () => api<Site>("/site") });
  if (site.isPending) return <Loading />;
  if (site.isError) {
    if (site.error instanceof BuyerProblem && site.error.status === 404)
      return <ErrorBlock status="empty" title={t("siteNotFound")} description="" />;
    return <Retry onRetry={() => site.refetch()} />;
  }
  const s = site.data;
  document.title = s.name;
  if (!s.signedIn) {
    if (s.wechatLogin && (inWechat || s.simulatedWechatUrl)) {
      const back = location.pathname + location.search;
      location.replace(`${API}/oauth/start?return=${encodeURIComponent(back)}`);
      return <Loading />;
    }
    return <ErrorBlock status="disconnected" title={t("openInWechat")} description={t("openInWechatHint")} />;
  }
  return (
    <SiteContext.Provider value={s}>
      <div style={{ "--adm-color-primary": s.themeColor } as React.CSSProperties}>
        <Suspense fallback={<Loading />}>
          <Routes>
            <Route path="/" element={<Home />} />
            <Route path="/films/:filmId" element={<FilmPage />} />
            <Route path="/showtimes/:showtimeId" element={<SeatsPage />} />
            <Route path="/orders" element={<OrdersPage />} />
            <Route path="/orders/:orderId" element={<OrderPage />} />
            <Route path="*" element={<Home />} />
          </Routes>
        </Suspense>
      </div>
    </SiteContext.Provider>
  );
}

const root = document.getElementById("root");
if (!root) throw new Error("#root missing from index.html");
createRoot(root).render(
  <StrictMode>
    <QueryClientProvider client={queryClient}>
      <ConfigProvider locale={lang === "en" ? enUS : zhCN}>
        <BrowserRouter basename={`/h5/${SLUG}`}>
          <SiteGate />
        </BrowserRouter>
      </ConfigProvider>
    </QueryClientProvider>
  </StrictMode>,
);
