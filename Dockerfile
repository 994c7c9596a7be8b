# syntax=docker/dockerfile:1
# Multi-stage: dependencies are installed in a build stage; the runtime runs as an unprivileged user with git.
FROM node:20-bookworm-slim AS deps
WORKDIR /app
COPY package.json package-lock.json ./
RUN npm ci --omit=dev --no-audit --no-fund

FROM node:20-bookworm-slim AS runtime
RUN apt-get update \
 && apt-get install -y --no-install-recommends git ca-certificates procps tini \
 && rm -rf /var/lib/apt/lists/*
ENV NODE_ENV=production PERFBOT_WORK_DIR=/var/lib/perfbot
WORKDIR /app
COPY --from=deps /app/node_modules ./node_modules
COPY package.json ./
COPY bin ./bin
COPY src ./src
COPY app.yml ./
RUN useradd --system --create-home --uid 10001 perfbot \
 && mkdir -p /var/lib/perfbot && chown perfbot /var/lib/perfbot
USER perfbot
EXPOSE 3000
ENTRYPOINT ["/usr/bin/tini", "--"]
CMD ["npm", "start"]
