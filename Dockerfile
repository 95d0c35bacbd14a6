# syntax=docker/dockerfile:1
# Build stage: the same Maven build as a developer runs (tests run in CI, not in the image build).
FROM maven:3.9-eclipse-temurin-17 AS build
WORKDIR /src
COPY pom.xml .
RUN mvn -B -q dependency:go-offline
COPY application.properties ./
COPY routes ./routes
COPY src ./src
RUN mvn -B -q package -DskipTests

# Runtime stage: a JRE only, running as an unprivileged user.
FROM eclipse-temurin:17-jre
RUN apt-get update \
 && apt-get install -y --no-install-recommends curl \
 && rm -rf /var/lib/apt/lists/* \
 && groupadd --system bridge \
 && useradd --system --gid bridge --home-dir /app --shell /usr/sbin/nologin bridge
WORKDIR /app
COPY --from=build /src/target/zoom-overlay-bridge.jar ./zoom-overlay-bridge.jar
# Both are read from the working directory first: mount your own over them to override.
COPY application.properties ./application.properties
COPY routes ./routes
RUN mkdir -p /app/data && chown -R bridge:bridge /app/data
USER bridge
ENV PORT=8080 DATA_DIR=/app/data
EXPOSE 8080
VOLUME ["/app/data"]
# 200 for UP and DEGRADED (the console must stay reachable), 503 only when the service cannot work.
HEALTHCHECK --interval=30s --timeout=5s --start-period=40s --retries=3 \
  CMD curl -fsS -o /dev/null "http://127.0.0.1:${PORT}/health" || exit 1
ENTRYPOINT ["java", "-XX:MaxRAMPercentage=75", "-jar", "/app/zoom-overlay-bridge.jar"]
