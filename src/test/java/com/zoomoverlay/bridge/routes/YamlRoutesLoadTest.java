package com.zoomoverlay.bridge.routes;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

import org.apache.camel.CamelContext;
import org.apache.camel.impl.DefaultCamelContext;
import org.apache.camel.spi.Resource;
import org.apache.camel.support.PluginHelper;
import org.apache.camel.support.ResourceHelper;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** Every file in routes/ (examples included) must parse and start, so a broken edit fails the build. */
class YamlRoutesLoadTest {

    static Stream<Path> routeFiles() throws IOException {
        try (Stream<Path> files = Files.walk(Path.of("routes"))) {
            List<Path> yaml = files.filter(p -> p.toString().endsWith(".camel.yaml")).sorted().toList();
            assertThat(yaml).as("routes/ holds YAML routes").isNotEmpty();
            return yaml.stream();
        }
    }

    @ParameterizedTest
    @MethodSource("routeFiles")
    void route_file_loads_and_starts(Path file) throws Exception {
        try (CamelContext camel = new DefaultCamelContext()) {
            Resource resource = ResourceHelper.resolveMandatoryResource(camel, "file:" + file);
            PluginHelper.getRoutesLoader(camel).loadRoutes(resource);
            camel.start();
            assertThat(camel.getRoutes()).as("routes defined in " + file).isNotEmpty();
            camel.getRoutes().forEach(route ->
                    assertThat(camel.getRouteController().getRouteStatus(route.getRouteId()).isStarted()).isTrue());
        }
    }
}
