# craftdesk: multi-stage build. The first stage compiles dependencies against empty sources
# so that layer is cached until Cargo.toml/Cargo.lock change; the second compiles craftdesk.
FROM rust:1.95-bookworm AS build
WORKDIR /src
COPY Cargo.toml Cargo.lock clippy.toml ./
COPY crates/discord-emulator/Cargo.toml crates/discord-emulator/Cargo.toml
RUN mkdir -p src benches tests/it crates/discord-emulator/src \
    && echo 'fn main() {}' > src/main.rs && touch src/lib.rs \
    && echo 'fn main() {}' > benches/store.rs && echo 'fn main() {}' > benches/catalog.rs \
    && touch tests/it/main.rs \
    && touch crates/discord-emulator/src/lib.rs \
    && cargo build --release --locked --bin craftdesk \
    && rm -rf src crates/discord-emulator/src
COPY . .
RUN touch src/main.rs src/lib.rs crates/discord-emulator/src/lib.rs \
    && cargo build --release --locked --bin craftdesk

FROM debian:bookworm-slim
RUN apt-get update \
    && apt-get install -y --no-install-recommends ca-certificates \
    && rm -rf /var/lib/apt/lists/* \
    && useradd --system --uid 10001 --home-dir /data --shell /usr/sbin/nologin craftdesk \
    && mkdir -p /data /etc/craftdesk \
    && chown craftdesk:craftdesk /data
COPY --from=build /src/target/release/craftdesk /usr/local/bin/craftdesk
COPY config.example.toml /etc/craftdesk/config.example.toml
USER craftdesk
WORKDIR /data
VOLUME /data
# The database and its backups live on the volume (the working directory, where the
# default relative `craftdesk.sqlite` lands) unless the config says otherwise; a config
# with `[database] url` uses PostgreSQL instead.
ENV CRAFTDESK__BACKUP__DIR=/data/backups
# mimalloc (the global allocator) returns freed memory to the system at once rather than
# after its default delay, and commits its arenas as they are used rather than up front:
# the RSS stays near what is in use (docs/operations.md, docs/scale.md).
ENV MIMALLOC_PURGE_DELAY=0 MIMALLOC_ARENA_EAGER_COMMIT=0
ENTRYPOINT ["craftdesk"]
CMD ["run", "--config", "/etc/craftdesk/config.toml"]
