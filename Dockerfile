# syntax=docker/dockerfile:1
# talk on a supported Node.js LTS (24). The tests also run on Node 20.18+ and 22; see "engines".

# Native modules (better-sqlite3) build here when no prebuilt binary matches.
FROM node:24-bookworm-slim AS toolchain
RUN apt-get update \
 && apt-get install -y --no-install-recommends python3 make g++ \
 && rm -rf /var/lib/apt/lists/*

# Build: compile TypeScript (src and commands, so `discord:register` runs compiled too) with the dev dependencies.
FROM toolchain AS build
WORKDIR /app
COPY package.json package-lock.json ./
RUN npm ci --no-audit --no-fund
COPY tsconfig.json tsconfig.build.json ./
COPY src ./src
COPY commands ./commands
COPY content ./content
RUN npm run build

# Production dependencies only (no tsx, no TypeScript, no test tools).
FROM toolchain AS deps
WORKDIR /app
COPY package.json package-lock.json ./
RUN npm ci --omit=dev --no-audit --no-fund && npm cache clean --force

FROM node:24-bookworm-slim
# tini runs as PID 1: it forwards SIGTERM to node and reaps zombies (node is not written to be an init).
RUN apt-get update \
 && apt-get install -y --no-install-recommends tini \
 && rm -rf /var/lib/apt/lists/*
ENV NODE_ENV=production \
    DATA_DIR=/data \
    HEALTH_PORT=8081 \
    HEALTH_HOST=0.0.0.0
WORKDIR /app
COPY --from=deps /app/node_modules ./node_modules
COPY --from=build /app/dist ./dist
COPY package.json ./
COPY content ./content
COPY src/bin/run.mjs ./src/bin/run.mjs
COPY docker/entrypoint.sh /usr/local/bin/talk-entrypoint
RUN mkdir -p /data && chown node:node /data
USER node
VOLUME ["/data"]
# 3000: Slack HTTP mode and Discord HTTP interactions (PORT); 8081: /healthz /readyz /metrics (HEALTH_PORT).
EXPOSE 3000 8081
# /readyz: content loaded, store answering, every configured platform connected; it answers within 2 s.
HEALTHCHECK --interval=30s --timeout=5s --start-period=30s --retries=3 \
  CMD ["node", "-e", "fetch('http://127.0.0.1:'+(process.env.HEALTH_PORT||8081)+'/readyz').then(r=>process.exit(r.ok?0:1),()=>process.exit(1))"]
ENTRYPOINT ["/usr/bin/tini", "--", "/usr/local/bin/talk-entrypoint"]
CMD ["node", "dist/src/main.js"]
