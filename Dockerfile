# An image with hblint: `docker build -t hblint .`, then
# `docker run --rm -v "$PWD":/work hblint check .` (the entrypoint is hblint).
# Build stage: the release binary from the locked sources. The rule packs in rules/ are
# compiled into the binary, so the runtime stage needs the binary alone.
FROM rust:1-slim-bookworm AS build
WORKDIR /src
COPY Cargo.toml Cargo.lock ./
COPY src ./src
COPY rules ./rules
RUN cargo build --release --locked && strip target/release/hblint

# Runtime stage: glibc, and git for `--changed-since` (hblint runs git); no toolchain.
FROM debian:bookworm-slim
RUN apt-get update \
    && apt-get install -y --no-install-recommends git ca-certificates \
    && rm -rf /var/lib/apt/lists/* \
    && useradd --create-home --uid 10001 hblint \
    && git config --system --add safe.directory '*'
COPY --from=build /src/target/release/hblint /usr/local/bin/hblint
USER hblint
WORKDIR /work
ENTRYPOINT ["hblint"]
CMD ["check", "."]
