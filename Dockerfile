# Ratchet's distribution on a JRE. Built by `docker compose build` (see docker-compose.yml) or:
#   docker build -t ratchet .
FROM eclipse-temurin:17-jdk AS build
WORKDIR /src
COPY . .
# ratchet-devtools adds lib/devtools/ (shell, bench), on the class path of those two commands only
# no database here to train the class-data archive on (and it is tied to this folder): bin/ratchet starts without one
RUN ./mvnw -B -ntp -q -DskipTests -Dratchet.cds.skip=true -pl ratchet-devtools -am package

FROM eclipse-temurin:17-jre
RUN useradd --system --home /var/lib/ratchet --create-home ratchet
COPY --from=build /src/ratchet-app/target/ratchet /opt/ratchet
USER ratchet
WORKDIR /var/lib/ratchet
# the in-process embedding model's tokenizer library is unpacked here
ENV DJL_CACHE_DIR=/var/lib/ratchet/.djl.ai
EXPOSE 8080 3000
ENTRYPOINT ["/opt/ratchet/bin/ratchet"]
CMD ["run"]
