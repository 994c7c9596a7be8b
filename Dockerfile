# syntax=docker/dockerfile:1
# Multi-stage: dependencies are installed in a build stage; the runtime runs as an unprivileged user with git.
FROM node:20-bookworm-slim AS deps
WORKDIR /app
COPY package.json package-lock.json ./
RUN npm ci --omit=dev --no-audit --no-fund

FROM node:20-bookworm-slim AS runtime
# The sandbox every pull-request command runs in: bubblewrap (unprivileged user namespaces, not setuid),
# slirp4netns (outbound network for `setup`), iproute2 (`ip`: blackhole routes inside the sandbox's netns),
# util-linux (`nsenter`). The container settings they need are in docker-compose.yml and the README.
# valgrind counts instructions for `benchmark.measure: instructions` where the CPU has no usable counters.
RUN apt-get update \
 && apt-get install -y --no-install-recommends git ca-certificates procps tini \
      bubblewrap slirp4netns iproute2 util-linux valgrind \
 && rm -rf /var/lib/apt/lists/*
ENV NODE_ENV=production PERFBOT_WORK_DIR=/var/lib/perfbot
WORKDIR /app
COPY --from=deps /app/node_modules ./node_modules
COPY package.json ./
COPY bin ./bin
COPY src ./src
COPY app.yml ./
# Agent CLIs for `/perf optimize`, installed globally (under /usr/local, which every sandbox shows read-only), pinned:
#   docker build --build-arg AGENT_CLIS="@anthropic-ai/claude-code@2.1.332 @openai/codex@0.171.0" .
# Empty by default: the image then has no agent, and an operator config naming one is refused at start.
ARG AGENT_CLIS=""
RUN if [ -n "$AGENT_CLIS" ]; then npm install -g --no-audit --no-fund $AGENT_CLIS && npm cache clean --force; fi
RUN useradd --system --create-home --uid 10001 perfbot \
 && mkdir -p /var/lib/perfbot && chown perfbot /var/lib/perfbot
USER perfbot
EXPOSE 3000
ENTRYPOINT ["/usr/bin/tini", "--"]
CMD ["npm", "start"]
