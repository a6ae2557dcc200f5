# sagelint in a container, from Debian packages only: the build stage compiles sagelint with
# Debian's compiler and libraries and makes its .deb (CPack, with dpkg-buildflags' hardening);
# the image installs that .deb with apt, which brings the runtime libraries from Debian. Nothing
# else is downloaded. Used by the pre-commit hook `sagelint-docker` and the GitLab CI and Jenkins
# recipes of docs/integrations.md; tests/integration/docker.sh builds and runs it where a
# container runtime can.
#   docker build -t sagelint .
#   docker run --rm -v "$PWD:/src" sagelint policies/
ARG DEBIAN=bookworm

FROM debian:${DEBIAN}-slim AS build
RUN apt-get update \
 && DEBIAN_FRONTEND=noninteractive apt-get install -y --no-install-recommends \
      cmake ninja-build g++ pkg-config libsimdjson-dev libtomlplusplus-dev libspdlog-dev libyaml-dev \
      dpkg-dev file \
 && rm -rf /var/lib/apt/lists/*
COPY . /src
RUN cmake -S /src -B /build -G Ninja -DCMAKE_BUILD_TYPE=Release -DSAGELINT_TESTS=OFF -DSAGELINT_BENCH=OFF \
 && cmake --build /build \
 && cd /build && cpack -G DEB -B /pkg

FROM debian:${DEBIAN}-slim
COPY --from=build /pkg/sagelint_*.deb /tmp/
RUN apt-get update \
 && DEBIAN_FRONTEND=noninteractive apt-get install -y --no-install-recommends /tmp/sagelint_*.deb \
 && rm -rf /var/lib/apt/lists/* /tmp/sagelint_*.deb \
 && sagelint --version
WORKDIR /src
ENTRYPOINT ["sagelint"]
