# Mock GPT headless server: the CLI bundle on Node 20, mutual TLS on, certificates in /app/certs.
#   docker build -t mock-gpt-server .
#   docker run -p 8443:8443 -v $(pwd)/certs:/app/certs mock-gpt-server
# Base: Debian bookworm-slim Node 20 (glibc, matches the Node the tests run on; see README "Container").
ARG NODE_IMAGE=node:20-bookworm-slim

# ---- build: npm ci and the esbuild bundle ----------------------------------------------------
FROM ${NODE_IMAGE} AS build
WORKDIR /src
COPY package.json package-lock.json ./
# No install scripts: the bundle needs none (esbuild's binary comes from its platform package).
RUN npm ci --ignore-scripts --no-audit --no-fund --loglevel=error
COPY . .
RUN node esbuild.mjs --production

# ---- runtime: only the bundle and the packaged defaults; no node_modules ---------------------
FROM ${NODE_IMAGE}
# /opt/mock-gpt holds the program (package.json marks it for the built-in default.toml lookup);
# /app is the project directory: /app/config (optional overrides), /app/certs, /app/logs.
COPY --from=build /src/package.json /opt/mock-gpt/package.json
COPY --from=build /src/config/default.toml /opt/mock-gpt/config/default.toml
COPY --from=build /src/dist/cli.js /opt/mock-gpt/dist/cli.js
# The bundle cli.js runs, and the V8 code cache the build made for it (same Node image: it fits).
COPY --from=build /src/dist/cli-main.js /opt/mock-gpt/dist/cli-main.js
COPY --from=build /src/dist/cli-main.v8cache /opt/mock-gpt/dist/cli-main.v8cache
# The tokenizer vocabularies the CLI reads on the first counted token (see esbuild.mjs).
COPY --from=build /src/dist/tokenizer /opt/mock-gpt/dist/tokenizer
# The certificate generator the CLI requires on a first run into an empty /app/certs (see esbuild.mjs).
COPY --from=build /src/dist/x509.js /opt/mock-gpt/dist/x509.js
COPY --from=build /src/dist/webview /opt/mock-gpt/dist/webview
RUN mkdir -p /app/certs /app/config /app/logs && chown 1000:1000 /app/certs /app/config /app/logs
WORKDIR /app
# Inside a container the mock must listen on every interface, or `-p 8443:8443` reaches nothing.
# The config default stays loopback; this is the image's choice, overridable with -e.
ENV NODE_ENV=production \
    MOCK_GPT_SERVER_HOST=0.0.0.0 \
    MOCK_GPT_SERVER_PORT=8443
# Numeric, so Kubernetes' runAsNonRoot can verify it (the base's "node" user).
USER 1000:1000
VOLUME ["/app/certs", "/app/config"]
EXPOSE 8443
# mTLS refuses a plain curl: the CLI's own probe reads the config and uses /app/certs/client.*.
HEALTHCHECK --interval=10s --timeout=5s --start-period=10s --retries=3 \
  CMD ["node", "/opt/mock-gpt/dist/cli.js", "health"]
# Node is PID 1 and handles SIGTERM/SIGINT itself: connections closed, exit within a second.
ENTRYPOINT ["node", "/opt/mock-gpt/dist/cli.js"]
CMD ["serve"]
