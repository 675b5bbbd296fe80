package com.doe.local.host.discovery;

import java.net.URL;
import java.net.URLClassLoader;

/**
 * Loads the function app from its own jars, child first, as the Java worker does, so the app runs
 * with the library versions it was packaged with. Only the worker-provided API
 * ({@code com.microsoft.azure.functions}: bindings, HTTP types, middleware SPI) comes from the
 * host, because the host implements those interfaces and reads those annotations.
 */
final class AppClassLoader extends URLClassLoader {

    private static final String SHARED_API = "com.microsoft.azure.functions.";

    static {
        registerAsParallelCapable();
    }

    AppClassLoader(URL[] urls, ClassLoader host) {
        super("doe-function-app", urls, host);
    }

    @Override
    protected Class<?> loadClass(String name, boolean resolve) throws ClassNotFoundException {
        if (name.startsWith("java.") || name.startsWith(SHARED_API)) {
            return super.loadClass(name, resolve);
        }
        synchronized (getClassLoadingLock(name)) {
            Class<?> loaded = findLoadedClass(name);
            if (loaded == null) {
                try {
                    loaded = findClass(name);
                } catch (ClassNotFoundException notInApp) {
                    loaded = getParent().loadClass(name);
                }
            }
            if (resolve) {
                resolveClass(loaded);
            }
            return loaded;
        }
    }

    @Override
    public URL getResource(String name) {
        URL own = findResource(name);
        return own != null ? own : super.getResource(name);
    }
}
