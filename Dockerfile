# One image recipe for every deployable module: docker compose passes MODULE (gateway, billing-service, …).
# Stage 1 builds the module with the Maven wrapper; stage 2 runs it on a JRE as an unprivileged user.
FROM eclipse-temurin:17-jdk AS build
ARG MODULE
WORKDIR /src
COPY . .
RUN ./mvnw -B -q -pl ${MODULE} -am -DskipTests package && cp ${MODULE}/target/${MODULE}-*.jar /app.jar

FROM eclipse-temurin:17-jre
RUN useradd --system --uid 10001 backoffice
USER backoffice
COPY --from=build /app.jar /app/app.jar
ENV JAVA_TOOL_OPTIONS="-XX:MaxRAMPercentage=75 -Duser.timezone=Europe/London"
ENTRYPOINT ["java", "-jar", "/app/app.jar"]
