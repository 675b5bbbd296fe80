package com.doe.local.host.invoke;

import com.doe.local.host.discovery.FunctionApp;
import com.doe.local.host.discovery.FunctionDefinition;
import com.doe.local.host.discovery.ParameterSource;
import com.microsoft.azure.functions.internal.spi.middleware.Middleware;
import com.microsoft.azure.functions.internal.spi.middleware.MiddlewareChain;
import com.microsoft.azure.functions.internal.spi.middleware.MiddlewareContext;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Calls a function as the Java worker does: binds each parameter from the trigger value, the
 * trigger metadata ({@code @BindingName}), the {@code ExecutionContext}, durable clients and
 * {@code OutputBinding}s; runs the app's middlewares (the durable middleware among them) around the
 * call, with the app's class loader as the thread's context class loader; writes output bindings
 * after a successful return; logs one line per invocation. Thread-safe.
 */
public final class Invoker {

    private static final Logger LOG = Logger.getLogger("Host.Invocations");

    private final FunctionApp app;
    private final BindingServices services;

    public Invoker(FunctionApp app, BindingServices services) {
        this.app = app;
        this.services = services;
    }

    /**
     * @param triggerValue the trigger's payload, already of the trigger parameter's type
     * @param metadata     trigger metadata by name, case-insensitive as in the host
     * @return the function's return value, after the middlewares (for an orchestrator: the encoded response)
     * @throws InvocationException when the function or a binding fails
     */
    public Object invoke(FunctionDefinition function, Object triggerValue, Map<String, Object> metadata) {
        String invocationId = UUID.randomUUID().toString();
        long started = System.nanoTime();
        InvocationContext context = new InvocationContext(function, invocationId,
                Logger.getLogger("Function." + function.name()));
        Thread thread = Thread.currentThread();
        ClassLoader previous = thread.getContextClassLoader();
        thread.setContextClassLoader(app.classLoader());
        try {
            for (ParameterSource source : function.parameters()) {
                context.put(source.key(), bind(source, triggerValue, metadata, context));
            }
            new Chain(app.middlewares(), 0, function, app).doNext(context);
            writeOutputs(function, context, metadata);
            log(function, invocationId, started, "Succeeded", null);
            return context.getReturnValue();
        } catch (Throwable failure) {
            Throwable cause = failure instanceof InvocationTargetException target ? target.getCause() : failure;
            log(function, invocationId, started, "Failed", cause);
            throw cause instanceof InvocationException already ? already : new InvocationException(function.name(), cause);
        } finally {
            thread.setContextClassLoader(previous);
        }
    }

    private Object bind(ParameterSource source, Object triggerValue, Map<String, Object> metadata,
                        InvocationContext context) {
        if (source instanceof ParameterSource.Metadata m) {
            return Conversions.fromValue(lookup(metadata, m.name()), m.type());
        }
        if (source instanceof ParameterSource.Context) {
            return context;
        }
        if (source instanceof ParameterSource.DurableClient d) {
            return services.durableClient(d.contextType());
        }
        if (source instanceof ParameterSource.OutputValue) {
            return new LocalOutputBinding<>();
        }
        return triggerValue;
    }

    private void writeOutputs(FunctionDefinition function, InvocationContext context, Map<String, Object> metadata) {
        for (ParameterSource source : function.parameters()) {
            if (source instanceof ParameterSource.OutputValue output
                    && context.getParameterValue(output.key()) instanceof LocalOutputBinding<?> binding
                    && binding.getValue() != null) {
                services.write(output.output(), binding.getValue(), metadata);
            }
        }
        if (function.returnOutput() != null && context.getReturnValue() != null) {
            services.write(function.returnOutput(), context.getReturnValue(), metadata);
        }
    }

    private static Object lookup(Map<String, Object> metadata, String name) {
        Object exact = metadata.get(name);
        if (exact != null) {
            return exact;
        }
        return metadata.entrySet().stream().filter(e -> e.getKey().equalsIgnoreCase(name))
                .map(Map.Entry::getValue).findFirst().orElse(null);
    }

    private static void log(FunctionDefinition function, String id, long started, String outcome, Throwable error) {
        long millis = (System.nanoTime() - started) / 1_000_000;
        String line = String.format("Executed '%s' (trigger=%s, outcome=%s, duration=%dms, id=%s)%s",
                function.name(), function.trigger().kind(), outcome, millis, id,
                error == null ? "" : " " + error.getClass().getName() + ": " + error.getMessage());
        LOG.log(error == null ? Level.INFO : Level.WARNING, line);
    }

    /** The middleware chain; immutable, so a middleware may call {@code doNext} more than once. */
    private record Chain(List<Middleware> middlewares, int index, FunctionDefinition function, FunctionApp app)
            implements MiddlewareChain {

        @Override
        public void doNext(MiddlewareContext context) throws Exception {
            if (index < middlewares.size()) {
                middlewares.get(index).invoke(context, new Chain(middlewares, index + 1, function, app));
                return;
            }
            Method method = function.method();
            Object[] arguments = function.parameters().stream().map(p -> context.getParameterValue(p.key())).toArray();
            Object target = Modifier.isStatic(method.getModifiers()) ? null : instance(method.getDeclaringClass());
            context.updateReturnValue(method.invoke(target, arguments));
        }

        private Object instance(Class<?> type) throws Exception {
            if (app.injector() != null) {
                return app.injector().getInstance(type);
            }
            var constructor = type.getDeclaredConstructor();
            constructor.setAccessible(true);
            return constructor.newInstance();
        }
    }
}
