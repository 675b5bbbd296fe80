package com.doe.local.host.invoke;

import com.doe.local.host.discovery.FunctionDefinition;
import com.microsoft.azure.functions.internal.spi.middleware.MiddlewareContext;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.logging.Logger;

/**
 * One invocation as the worker's middleware sees it: the parameter values by binding name (which
 * a middleware may replace, as the durable middleware replaces the orchestrator's trigger value by
 * a {@code TaskOrchestrationContext}), and the return value. Also the function's
 * {@code ExecutionContext}. Confined to the invoking thread.
 */
final class InvocationContext implements MiddlewareContext {

    private final FunctionDefinition function;
    private final String invocationId;
    private final Logger logger;
    private final Map<String, Object> values = new LinkedHashMap<>();
    private Object returnValue;

    InvocationContext(FunctionDefinition function, String invocationId, Logger logger) {
        this.function = function;
        this.invocationId = invocationId;
        this.logger = logger;
    }

    void put(String key, Object value) {
        values.put(key, value);
    }

    @Override
    public String getParameterName(String annotationSimpleName) {
        return function.annotatedBindings().get(annotationSimpleName);
    }

    @Override
    public Object getParameterValue(String name) {
        return values.get(name);
    }

    @Override
    public void updateParameterValue(String name, Object value) {
        values.put(name, value);
    }

    @Override
    public Object getReturnValue() {
        return returnValue;
    }

    @Override
    public void updateReturnValue(Object value) {
        this.returnValue = value;
    }

    @Override
    public Logger getLogger() {
        return logger;
    }

    @Override
    public String getInvocationId() {
        return invocationId;
    }

    @Override
    public String getFunctionName() {
        return function.name();
    }
}
