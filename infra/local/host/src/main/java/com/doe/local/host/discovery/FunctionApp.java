package com.doe.local.host.discovery;

import com.microsoft.azure.functions.internal.spi.middleware.Middleware;
import com.microsoft.azure.functions.spi.inject.FunctionInstanceInjector;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.MalformedURLException;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Enumeration;
import java.util.List;
import java.util.Optional;
import java.util.ServiceLoader;
import java.util.Set;
import java.util.TreeSet;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * A function app loaded from the folder {@code azure-functions-maven-plugin} writes
 * ({@code <app>.jar}, {@code lib/*.jar}, {@code host.json}, {@code <Function>/function.json}) into
 * its own class loader, with its functions discovered from their annotations.
 */
public record FunctionApp(Path directory, ClassLoader classLoader, HostConfig config,
                          List<FunctionDefinition> functions, List<Middleware> middlewares,
                          FunctionInstanceInjector injector) implements AutoCloseable {

    public static FunctionApp load(Path directory, Settings settings) {
        if (!Files.isDirectory(directory)) {
            throw new DiscoveryException("the app folder " + directory + " does not exist; build the app first "
                    + "(mvn -q -DskipTests package writes functions/target/azure-functions/doe-functions)");
        }
        List<Path> appJars = jars(directory);
        if (appJars.isEmpty()) {
            throw new DiscoveryException("no app jar in " + directory);
        }
        List<Path> classpath = new ArrayList<>(appJars);
        classpath.addAll(jars(directory.resolve("lib")));
        AppClassLoader loader = new AppClassLoader(classpath.stream().map(FunctionApp::url).toArray(URL[]::new),
                FunctionApp.class.getClassLoader());
        List<Class<?>> classes = new ArrayList<>();
        for (Path jar : appJars) {
            for (String name : classNames(jar)) {
                try {
                    classes.add(Class.forName(name, false, loader));
                } catch (ClassNotFoundException | LinkageError notLoadable) {
                    // A class whose optional dependencies are absent cannot hold a function the worker could load.
                }
            }
        }
        List<FunctionDefinition> functions = new FunctionScanner(settings).scan(classes);
        checkAgainstFunctionJson(directory, functions);
        List<Middleware> middlewares = ServiceLoader.load(Middleware.class, loader).stream()
                .map(ServiceLoader.Provider::get).toList();
        FunctionInstanceInjector injector = ServiceLoader.load(FunctionInstanceInjector.class, loader).findFirst()
                .orElse(null);
        return new FunctionApp(directory, loader, HostConfig.read(directory.resolve("host.json"), settings),
                functions, middlewares, injector);
    }

    public Optional<FunctionDefinition> function(String name) {
        return functions.stream().filter(f -> f.name().equalsIgnoreCase(name)).findFirst();
    }

    public <T extends Trigger> List<FunctionDefinition> withTrigger(Class<T> kind) {
        return functions.stream().filter(f -> kind.isInstance(f.trigger())).toList();
    }

    /** A function of the given trigger kind by name, as durable calls name activities and orchestrators. */
    public Optional<FunctionDefinition> function(String name, Class<? extends Trigger> kind) {
        return function(name).filter(f -> kind.isInstance(f.trigger()));
    }

    @Override
    public void close() throws IOException {
        if (classLoader instanceof AppClassLoader own) {
            own.close();
        }
    }

    /** Every function.json the plugin wrote must match a discovered function: a stale package fails here. */
    private static void checkAgainstFunctionJson(Path directory, List<FunctionDefinition> functions) {
        Set<String> packaged;
        try (Stream<Path> children = Files.list(directory)) {
            packaged = children.filter(p -> Files.isRegularFile(p.resolve("function.json")))
                    .map(p -> p.getFileName().toString()).collect(Collectors.toCollection(TreeSet::new));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        if (packaged.isEmpty()) {
            return;
        }
        Set<String> discovered = functions.stream().map(FunctionDefinition::name)
                .collect(Collectors.toCollection(TreeSet::new));
        if (!packaged.equals(discovered)) {
            throw new DiscoveryException("the function.json files in " + directory + " list " + packaged
                    + " but the app's classes define " + discovered + "; rebuild the app (mvn -q -DskipTests package)");
        }
    }

    private static List<Path> jars(Path folder) {
        if (!Files.isDirectory(folder)) {
            return List.of();
        }
        try (Stream<Path> files = Files.list(folder)) {
            return files.filter(p -> p.getFileName().toString().endsWith(".jar")).sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static List<String> classNames(Path jar) {
        List<String> names = new ArrayList<>();
        try (JarFile file = new JarFile(jar.toFile())) {
            Enumeration<JarEntry> entries = file.entries();
            while (entries.hasMoreElements()) {
                String entry = entries.nextElement().getName();
                if (entry.endsWith(".class") && !entry.contains("-") && !entry.startsWith("META-INF/")) {
                    names.add(entry.substring(0, entry.length() - ".class".length()).replace('/', '.'));
                }
            }
        } catch (IOException e) {
            throw new DiscoveryException("cannot read " + jar + ": " + e.getMessage(), e);
        }
        return names;
    }

    private static URL url(Path path) {
        try {
            return path.toUri().toURL();
        } catch (MalformedURLException e) {
            throw new IllegalArgumentException(path.toString(), e);
        }
    }
}
