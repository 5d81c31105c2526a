# syntax=docker/dockerfile:1
# Maestro: a stateless HTTP service. Build stage compiles the bundle; the
# runtime stage holds production dependencies only and runs as a non-root user.

FROM node:20-slim AS build
WORKDIR /src
COPY package.json package-lock.json ./
# Scripts are skipped here: `prepare` would build before the sources are copied.
RUN npm ci --ignore-scripts --no-audit --no-fund
COPY tsconfig.json ./
COPY scripts/build.mjs scripts/build.mjs
COPY src/ src/
RUN node scripts/build.mjs \
 && npm prune --omit=dev --ignore-scripts --no-audit --no-fund

FROM node:20-slim
ENV NODE_ENV=production
WORKDIR /app
COPY --from=build /src/node_modules/ node_modules/
COPY --from=build /src/dist/ dist/
COPY package.json ./
COPY bin/ bin/
# The image's own unprivileged user (uid 1000).
USER node
# HTTP by default; 8443 when --tls-cert/--tls-key are mounted. PORT (Knative) wins.
EXPOSE 8080 8443
ENTRYPOINT ["node", "/app/bin/maestro.js"]
CMD ["serve", "--host", "0.0.0.0"]
