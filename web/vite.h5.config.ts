import react from "@vitejs/plugin-react";
import { defineConfig } from "vite";

// The buyer site (微官网): its own entry and output (web/dist-h5), so none of the console's antd bundle
// is pulled in. The platform serves it at /h5/{slug}/ and its hashed assets at /h5/assets/
// (server/src/http/routes/h5/site-web.ts). Pages are split per route (React.lazy), so the first
// screen loads only the home page's code.
export default defineConfig({
  root: "h5",
  base: "/h5/",
  plugins: [react()],
  build: {
    outDir: "../dist-h5",
    // Read by the first-screen budget test (server/test/buyer-site/bundle-budget.test.ts).
    manifest: true,
    emptyOutDir: true,
    rollupOptions: {
      output: {
        manualChunks: (id) =>
          /node_modules\/(react|react-dom|scheduler|react-router|react-router-dom|@remix-run)\//.test(id)
            ? "react"
            : undefined,
      },
    },
  },
  server: { proxy: { "/h5/api": "http://127.0.0.1:8080" } },
});
