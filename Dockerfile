# syntax=docker/dockerfile:1
# Cinegate: one image for every role (api, worker, all) and for the vendor simulators.
#   docker build -t cinegate .
#   docker run --env-file prod.env cinegate --role api
# See docs/operations.md ("Container image").

# --- build: all dependencies, compile server + simulators (tsc → dist/) and the console (vite → web/dist)
FROM node:20-bookworm-slim AS build
WORKDIR /app
COPY package.json package-lock.json ./
COPY server/package.json server/
COPY simulators/package.json simulators/
COPY web/package.json web/
RUN npm ci --no-audit --no-fund
COPY . .
RUN npm run build

# --- runtime: production dependencies and the compiled output only
FROM node:20-bookworm-slim AS runtime
ENV NODE_ENV=production
WORKDIR /app
COPY package.json package-lock.json ./
COPY server/package.json server/
COPY simulators/package.json simulators/
COPY web/package.json web/
RUN npm ci --omit=dev --no-audit --no-fund && npm cache clean --force
COPY --from=build /app/dist ./dist
COPY --from=build /app/web/dist ./web/dist
COPY --from=build /app/web/dist-h5 ./web/dist-h5
# Containers listen on every interface; /metrics (with /healthz and /readyz) on METRICS_PORT must
# stay on the private network: never publish it.
ENV HOST=0.0.0.0 \
    PORT=8080 \
    METRICS_HOST=0.0.0.0 \
    METRICS_PORT=9464 \
    CINEGATE_DEMO=false \
    DATA_DIR=/tmp/cinegate
USER node
EXPOSE 8080 9464
# Every role answers /readyz on the metrics listener (a worker has no API port).
HEALTHCHECK --interval=10s --timeout=3s --start-period=30s --retries=3 \
  CMD ["node", "-e", "fetch('http://127.0.0.1:'+(process.env.METRICS_PORT||9464)+'/readyz').then(r=>process.exit(r.ok?0:1),()=>process.exit(1))"]
ENTRYPOINT ["node", "--enable-source-maps", "dist/server/src/main.js"]
CMD ["--role", "all"]
