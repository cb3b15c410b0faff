# Zelo: multi-stage image on Node LTS, running as a non-root user.
# Build: docker build -t zelo .     Run: see docker-compose.yml

# The build stage compiles the TypeScript to dist/ (no transpiling at start) and
# prepares the embedded database's first-start copy (src/pglite-template.ts).
FROM node:22-bookworm-slim AS build
WORKDIR /app
COPY package.json package-lock.json prisma.config.ts tsconfig.json tsconfig.build.json ./
COPY prisma ./prisma
RUN npm ci --no-audit --no-fund
COPY src ./src
RUN npm run build

FROM node:22-bookworm-slim AS deps
WORKDIR /app
# Production dependencies only; `postinstall` generates the Prisma client
# into src/db/generated (no engine download: see prisma.config.ts).
COPY package.json package-lock.json prisma.config.ts ./
COPY prisma ./prisma
RUN npm ci --omit=dev --no-audit --no-fund && npm cache clean --force

FROM node:22-bookworm-slim AS runtime
# Production: the start refuses WHATSAPP_CHANNEL unset or simulator, SEED_DEMO
# other than never, LOG_PHI=true and a missing or weak ENCRYPTION_KEY
# (docs/security.md#production-checklist); pass them at run time.
ENV NODE_ENV=production \
    PORT=3000 \
    DATA_DIR=/app/data
WORKDIR /app
RUN groupadd --system zelo && useradd --system --gid zelo --home-dir /app zelo \
 && mkdir -p /app/data && chown zelo:zelo /app/data
COPY --from=deps --chown=zelo:zelo /app/node_modules ./node_modules
COPY --chown=zelo:zelo package.json package-lock.json prisma.config.ts ./
COPY --chown=zelo:zelo prisma ./prisma
COPY --from=build --chown=zelo:zelo /app/dist ./dist
USER zelo
EXPOSE 3000
HEALTHCHECK --interval=30s --timeout=5s --start-period=30s --retries=3 \
  CMD ["node", "-e", "fetch('http://127.0.0.1:' + (process.env.PORT || 3000) + '/readyz').then((r) => process.exit(r.ok ? 0 : 1), () => process.exit(1))"]
# Migrations are applied at start (an advisory lock lets replicas start together);
# `docker compose run --rm zelo node dist/db/migrate-command.js` applies them as a separate step.
# SIGTERM stops it gracefully: no new messages, the ones in hand finished, outbox flushed, leases released.
CMD ["node", "dist/main.js"]
