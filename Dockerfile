# OneStop Complaints services image: one jar, four commands (onestop engine | intake | feed | ticker).
# Build: docker build -t onestop .   (docker-compose.yml builds it for every service)

# ---- build stage: Maven + JDK 17 ---------------------------------------------------------------
FROM maven:3.9-eclipse-temurin-17 AS build
WORKDIR /src
# The whole tree (minus .dockerignore): modules may read files outside src/ (bundled data).
COPY . .
# Tests run in CI, not in the image build. The Apicurio distribution (142 MB) is only for the local
# default run; the deployment uses a registry container, so skip its download.
RUN mvn -B -q -DskipTests -Donestop.apicurio.skip=true -pl app -am package \
 && test -f app/target/onestop.jar

# ---- run stage: JRE 17 only --------------------------------------------------------------------
FROM eclipse-temurin:17-jre
RUN groupadd --system onestop \
 && useradd --system --gid onestop --home-dir /var/lib/onestop --create-home onestop \
 && mkdir -p /opt/onestop /var/lib/onestop/state \
 && chown -R onestop:onestop /var/lib/onestop \
 && printf '#!/bin/sh\nexec java $ONESTOP_JAVA_OPTS -jar /opt/onestop/onestop.jar "$@"\n' > /usr/local/bin/onestop \
 && chmod 755 /usr/local/bin/onestop
# onestop.jar names its dependencies in lib/ through its manifest Class-Path.
COPY --from=build /src/app/target/onestop.jar /opt/onestop/onestop.jar
COPY --from=build /src/app/target/lib/ /opt/onestop/lib/
USER onestop
WORKDIR /var/lib/onestop
ENV ONESTOP_JAVA_OPTS="-XX:MaxRAMPercentage=75 -Dfile.encoding=UTF-8" \
    ONESTOP_BOOTSTRAP_SERVERS=kafka:9092 \
    ONESTOP_SCHEMA_REGISTRY_URL=http://registry:8080/apis/ccompat/v7
CMD ["onestop", "--help"]
