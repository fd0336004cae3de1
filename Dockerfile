# The assistant as a container image: a static binary (CGO_ENABLED=0: the
# SQLite driver is pure Go) with the built-in knowledge embedded, on an
# empty base holding only CA certificates and an unprivileged user. No
# shell: the HEALTHCHECK is the binary itself.
#
#   docker build -t assistant --build-arg VERSION=1.0.0 --build-arg REVISION=$(git rev-parse HEAD) .
#   docker run -e DISCORD_TOKEN -v assistant-data:/data -v assistant-cache:/cache -p 9090:9090 assistant
#
# Podman and Buildah keep HEALTHCHECK only in the Docker image format:
# build with --format docker.

# The build stage's image; any with Go 1.26, a shell and CA certificates.
ARG GO_IMAGE=docker.io/library/golang:1.26-bookworm

FROM ${GO_IMAGE} AS build
WORKDIR /src
COPY go.mod go.sum ./
RUN go mod download
COPY . .
# The build context holds no .git: the version and revision come from
# the build arguments (assistant version prints them).
ARG VERSION=""
ARG REVISION=""
RUN CGO_ENABLED=0 go build -trimpath -buildvcs=false \
        -ldflags "-s -w -X main.version=${VERSION} -X main.revision=${REVISION}" \
        -o /out/usr/local/bin/assistant ./cmd/assistant \
    && /out/usr/local/bin/assistant version \
    && mkdir -p /out/etc/ssl/certs /out/data /out/cache /out/tmp \
    && cp /etc/ssl/certs/ca-certificates.crt /out/etc/ssl/certs/ \
    && echo 'assistant:x:65532:65532:assistant:/data:/sbin/nologin' > /out/etc/passwd \
    && echo 'assistant:x:65532:' > /out/etc/group

FROM scratch
COPY --from=build /out/usr /usr
COPY --from=build /out/etc /etc
COPY --from=build --chown=65532:65532 /out/data /data
COPY --from=build --chown=65532:65532 /out/cache /cache
COPY --from=build --chown=65532:65532 /out/tmp /tmp
USER 65532:65532
WORKDIR /data
# DATA_DIR holds what the bot stores (its SQLite database); CACHE_DIR the
# embeddings of an embedding API. HTTP_ADDR serves /healthz, /readyz and
# /metrics, which the HEALTHCHECK needs; logs are JSON lines.
ENV DATA_DIR=/data \
    CACHE_DIR=/cache \
    HTTP_ADDR=:9090 \
    LOG_FORMAT=json
VOLUME ["/data", "/cache"]
EXPOSE 9090
# Alive: /healthz answers. The index is built after the server starts,
# so a long embedding run does not make the container unhealthy; an
# orchestrator's readiness probe asks /readyz (assistant healthcheck --ready).
HEALTHCHECK --interval=30s --timeout=5s --start-period=30s --retries=3 \
    CMD ["/usr/local/bin/assistant", "healthcheck"]
ENTRYPOINT ["/usr/local/bin/assistant"]
CMD ["serve"]
