# syntax=docker/dockerfile:1
# The bot server as a container: `docker build -t safeguarding-guide .`, then run it with the Azure Bot
# settings (see README, "Docker image"). Without MicrosoftAppId it runs in local mode, which listens on
# the container's loopback only (local mode has no Bot Framework authentication).
ARG NODE_IMAGE=node:20-bookworm-slim

# Build: all dependencies, esbuild bundles src/ into build/; with content/ there too, the build also
# snapshots the pack's YAML (build/yaml-snapshot.json), so the server starts without parsing it.
FROM ${NODE_IMAGE} AS build
WORKDIR /app
COPY package.json package-lock.json ./
RUN npm ci --no-audit --no-fund
COPY tsconfig.json ./
COPY scripts/build.mjs scripts/
COPY src/ src/
COPY content/ content/
RUN npm run build

# Run: production dependencies only, the bundle, and the files it reads at run time. The same /app
# path as the build stage: the bundle finds cards/ and the playground's static files by their path.
FROM ${NODE_IMAGE} AS runtime
ENV NODE_ENV=production \
    PORT=3978 \
    DATA_DIR=/data
WORKDIR /app
COPY package.json package-lock.json ./
RUN npm ci --omit=dev --no-audit --no-fund && npm cache clean --force
COPY --from=build /app/build/ build/
# `npm start` works here too: without esbuild it starts the existing build/.
COPY scripts/build.mjs scripts/start.mjs scripts/
COPY cards/ cards/
COPY content/ content/
COPY src/channels/playground/static/ src/channels/playground/static/
RUN mkdir -p /data && chown node:node /data
USER node
VOLUME ["/data"]
EXPOSE 3978
HEALTHCHECK --interval=30s --timeout=5s --start-period=20s --retries=3 \
  CMD ["node", "-e", "fetch('http://127.0.0.1:' + (process.env.PORT || 3978) + '/healthz').then((r) => process.exit(r.ok ? 0 : 1), () => process.exit(1))"]
# node itself, not npm, is PID 1: it gets SIGTERM and shuts down gracefully (within 15 s).
CMD ["node", "--disable-warning=DEP0111", "build/server.js"]
