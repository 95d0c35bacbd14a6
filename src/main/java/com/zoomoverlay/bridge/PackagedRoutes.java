package com.zoomoverlay.bridge;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.JarURLConnection;
import java.net.URISyntaxException;
import java.net.URL;
import java.net.URLConnection;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.jar.JarFile;
import java.util.stream.Stream;

/**
 * The {@code *.camel.yaml} files directly in a classpath directory, by name. Camel resolves a
 * {@code classpath:dir/*.camel.yaml} pattern by reading the whole jar it is in with a
 * {@code JarInputStream} (inflating all ~30,000 entries of the shaded jar, once to look for modelines
 * and once more for the routes: about 0.3 s of CPU at every start). The jar's central directory already
 * lists the names, and a named resource is loaded without a scan.
 */
final class PackagedRoutes {

    private static final String SUFFIX = ".camel.yaml";

    private PackagedRoutes() {
    }

    /** Resource names ({@code routes/zoom-events.camel.yaml}), sorted; empty when the directory is absent. */
    static List<String> list(String dir) {
        URL url = PackagedRoutes.class.getClassLoader().getResource(dir + "/");
        if (url == null) {
            return List.of();
        }
        try {
            if ("jar".equals(url.getProtocol())) {
                return inJar(url, dir + "/");
            }
            if ("file".equals(url.getProtocol())) {
                return inDirectory(Path.of(url.toURI()), dir + "/");
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list the packaged routes in " + dir, e);
        } catch (URISyntaxException e) {
            throw new IllegalStateException("cannot list the packaged routes in " + dir, e);
        }
        return List.of();
    }

    private static List<String> inJar(URL url, String prefix) throws IOException {
        URLConnection connection = url.openConnection();
        // The class loader's own, already open JarFile: no second open, nothing inflated.
        JarFile jar = ((JarURLConnection) connection).getJarFile();
        try (Stream<String> names = jar.stream().map(e -> e.getName())) {
            return names.filter(n -> isRouteFile(n, prefix)).sorted().toList();
        }
    }

    private static List<String> inDirectory(Path path, String prefix) throws IOException {
        try (Stream<Path> files = Files.list(path)) {
            return files.map(f -> prefix + f.getFileName()).filter(n -> isRouteFile(n, prefix)).sorted().toList();
        }
    }

    private static boolean isRouteFile(String name, String prefix) {
        return name.startsWith(prefix) && name.endsWith(SUFFIX) && name.indexOf('/', prefix.length()) < 0;
    }
}
