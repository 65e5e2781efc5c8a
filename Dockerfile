# The SentiKit gateway as a container image: built JavaScript run by node (PID 1, so SIGTERM drains), as a
# non-root user, with the bundled model in /app/model (mount another and set MODEL_DIR to serve it).
# Build: docker build -t sentikit-gateway .   Run: docker run -p 4000:4000 sentikit-gateway
# Tested by deploy/container/test-image.sh (podman, a local base image); see README "Deploying".

# Any Node 20 image with npm on Debian or alike; the default is the official one.
ARG BASE_IMAGE=node:20-bookworm-slim

FROM ${BASE_IMAGE} AS build
ARG PNPM_VERSION=12.4.2
# A CA bundle inside the build (e.g. mounted with --volume) for builds behind a TLS-inspecting proxy; empty: none.
ARG EXTRA_CA_CERTS=
ENV TURBO_TELEMETRY_DISABLED=1 DO_NOT_TRACK=1 CI=true
WORKDIR /src
RUN if [ -n "$EXTRA_CA_CERTS" ]; then export NODE_EXTRA_CA_CERTS="$EXTRA_CA_CERTS" npm_config_cafile="$EXTRA_CA_CERTS"; fi \
 && npm install --global "pnpm@${PNPM_VERSION}" --no-fund --no-audit --loglevel=error
# The lockfile alone first, so the download layer is reused while only sources change.
COPY pnpm-lock.yaml pnpm-workspace.yaml package.json .pnpmfile.mjs ./
RUN if [ -n "$EXTRA_CA_CERTS" ]; then export NODE_EXTRA_CA_CERTS="$EXTRA_CA_CERTS" SSL_CERT_FILE="$EXTRA_CA_CERTS"; fi \
 && pnpm fetch
COPY . .
RUN pnpm install --frozen-lockfile --offline \
 && pnpm --filter "@sentikit/gateway..." --filter "@sentikit/cli..." run build \
 && pnpm --filter @sentikit/gateway deploy --prod --no-optional /app \
 && pnpm --filter @sentikit/cli deploy --prod --no-optional /cli \
 && for dir in /app /cli; do \
      rm -rf "$dir/src" "$dir/bin" "$dir/pnpm-lock.yaml" "$dir/pnpm-workspace.yaml" \
      && find "$dir/node_modules/.pnpm" -path '*/@sentikit+*/node_modules/@sentikit/*/src' -prune -exec rm -rf {} + \
      && cp -r models/imdb-bilstm "$dir/model"; \
    done

# The CLI image for batch scoring (deploy/kubernetes/batch): docker build --target cli -t sentikit-cli .
FROM ${BASE_IMAGE} AS cli
ENV NODE_ENV=production
WORKDIR /app
COPY --from=build /cli /app
USER 1000:1000
ENTRYPOINT ["node", "/app/dist/bin.js"]
CMD ["--help"]

# The gateway image, the default target.
FROM ${BASE_IMAGE} AS gateway
# Production defaults: all interfaces, GraphiQL off, JSON logs at info. Every variable: apps/gateway/README.md.
ENV NODE_ENV=production \
    HOST=0.0.0.0 \
    PORT=4000 \
    MODEL_DIR=/app/model \
    LOG_LEVEL=info
WORKDIR /app
# Owned by root and not writable by the user that runs it; the gateway writes nothing to disk.
COPY --from=build /app /app
USER 1000:1000
EXPOSE 4000
HEALTHCHECK --interval=15s --timeout=3s --start-period=60s --retries=3 \
  CMD ["node", "-e", "fetch(`http://127.0.0.1:${process.env.PORT}/health`).then((r) => process.exit(r.ok ? 0 : 1), () => process.exit(1))"]
STOPSIGNAL SIGTERM
ENTRYPOINT ["node", "dist/index.js"]
