import { QueryCache, QueryClient, QueryClientProvider } from "@tanstack/react-query";
import { App as AntApp } from "antd";
import { StrictMode } from "react";
import { createRoot } from "react-dom/client";
import { BrowserRouter } from "react-router-dom";
import { ApiProblem } from "./api";
import { ConsoleApp } from "./console-app";
import { LocaleProvider } from "./locale";
import { ME_KEY } from "./session";

// A 401 on any query means the session ended (expired, logged out elsewhere, user disabled): drop the
// cached user so the login page shows instead of a broken page.
const queryClient: QueryClient = new QueryClient({
  queryCache: new QueryCache({
    onError: (err, query) => {
      if (err instanceof ApiProblem && err.status === 401 && query.queryKey[0] !== ME_KEY[0])
        queryClient.setQueryData(ME_KEY, null);
    },
  }),
  defaultOptions: { queries: { retry: (n, err) => !(err instanceof ApiProblem && err.status < 500) && n < 2 } },
});

const root = document.getElementById("root");
if (!root) throw new Error("#root missing from index.html");
createRoot(root).render(
  <StrictMode>
    <QueryClientProvider client={queryClient}>
      <LocaleProvider>
        <AntApp>
          <BrowserRouter basename="/console">
            <ConsoleApp />
          </BrowserRouter>
        </AntApp>
      </LocaleProvider>
    </QueryClientProvider>
  </StrictMode>,
);
