import react from "@vitejs/plugin-react";
import { defineConfig } from "vite";

// The platform serves the built console at /console/ (server/src/http/routes/console-web.ts). In
// `npm run dev -w web` the API calls go to a running `npm start` on the default port.
export default defineConfig({
  base: "/console/",
  plugins: [react()],
  build: {
    outDir: "dist",
    emptyOutDir: true,
    // Libraries in one chunk, our code in another: a console change leaves the large (antd) chunk
    // cached. Hashed names are served immutable, so the vendor chunk's size is paid once.
    chunkSizeWarningLimit: 2000,
    rollupOptions: {
      output: { manualChunks: (id) => (id.includes("node_modules") ? "vendor" : undefined) },
    },
  },
  server: { proxy: { "/admin": "http://127.0.0.1:8080" } },
});
