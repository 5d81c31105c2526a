# syntax=docker/dockerfile:1
# Maestro: a stateless HTTP service. Build stage compiles the bundle; the
# runtime stage holds production dependencies only and runs as a numeric
# non-root user, so that `runAsNonRoot: true` can verify it.
# The tests ran on Node 20.20 (docs/install.md); Node 20 reached end of life in
# April 2026: build on a newer line with --build-arg NODE_VERSION=22.
ARG NODE_VERSION=20

FROM node:${NODE_VERSION}-slim AS build
WORKDIR /src
COPY package.json package-lock.json ./
# Scripts are skipped here: `prepare` would build before the sources are copied.
RUN npm ci --ignore-scripts --no-audit --no-fund
COPY tsconfig.json ./
COPY scripts/build.mjs scripts/build-plugins.mjs scripts/code-cache.mjs scripts/
# The build starts the serve bundle once through bin/serve-bundle.js to write
# its V8 code cache, with this stage's Node: the same version as the runtime's.
COPY bin/ bin/
COPY src/ src/
RUN node scripts/build.mjs \
 && npm prune --omit=dev --ignore-scripts --no-audit --no-fund

FROM node:${NODE_VERSION}-slim
ENV NODE_ENV=production
WORKDIR /app
COPY --from=build /src/node_modules/ node_modules/
COPY --from=build /src/dist/ dist/
COPY package.json ./
COPY bin/ bin/
# The chart: `maestro manifests --install` and `maestro init` render it.
COPY charts/ charts/
COPY crds/ crds/
# uid:gid 1000:1000 (the image's `node` user), numeric so the kubelet can check runAsNonRoot.
USER 1000:1000
# The chart serves HTTPS on 8443 (--port 8443 --tls-cert/--tls-key); Knative sets PORT=8080.
EXPOSE 8443 8080
ENTRYPOINT ["node", "/app/bin/maestro.js"]
CMD ["serve", "--host", "0.0.0.0"]
