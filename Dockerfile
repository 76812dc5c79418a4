# syntax=docker/dockerfile:1
# Aviso hub image. The same steps as scripts/prod-check.sh, which CI runs without a container daemon:
#   pnpm install --frozen-lockfile → pnpm build → scripts/built-tree.mjs
#   → pnpm install --prod --frozen-lockfile → node --max-semi-space-size=64 --no-memory-reducer server/dist/main.js
# Build: docker build -t aviso . — run: see compose.yaml (PostgreSQL, Redis, two nodes, a proxy).
ARG NODE_VERSION=20
ARG PNPM_VERSION=12.21.0

FROM node:${NODE_VERSION}-bookworm-slim AS build
ARG PNPM_VERSION
RUN npm install --global pnpm@${PNPM_VERSION}
WORKDIR /src
COPY . .
RUN pnpm install --frozen-lockfile
RUN pnpm build
RUN node scripts/built-tree.mjs /app

FROM node:${NODE_VERSION}-bookworm-slim
ARG PNPM_VERSION
RUN npm install --global pnpm@${PNPM_VERSION}
ENV NODE_ENV=production
WORKDIR /app
COPY --from=build /app ./
# Installed as root and read-only for the hub; only .aviso (the embedded database when DATABASE_URL
# is unset) is the hub's to write.
RUN pnpm install --prod --frozen-lockfile \
  && mkdir -p /app/.aviso \
  && chown node:node /app/.aviso
USER node
ENV PORT=3000
EXPOSE 3000
VOLUME ["/app/.aviso"]
HEALTHCHECK --interval=10s --timeout=3s --start-period=30s --retries=3 \
  CMD ["node", "-e", "fetch('http://127.0.0.1:' + (process.env.PORT || 3000) + '/readyz').then((r) => process.exit(r.ok ? 0 : 1), () => process.exit(1))"]
# A young generation of up to 64 MiB (docs/decisions/0017-young-generation.md), and no collections
# that shrink the heap while events flow (docs/decisions/0020-no-memory-reducer.md).
CMD ["node", "--max-semi-space-size=64", "--no-memory-reducer", "server/dist/main.js"]
