package com.doe.local.host.discovery;

import java.lang.reflect.Method;
import java.util.List;
import java.util.Map;

/**
 * One {@code @FunctionName} method of the app and how to call it.
 *
 * @param parameters         in the method's parameter order
 * @param annotatedBindings  annotation simple name to binding name, for the middleware SPI's
 *                           {@code getParameterName}
 * @param returnOutput       where the return value goes when the method carries an output annotation
 *                           ({@code $return}); null otherwise
 */
public record FunctionDefinition(String name, Method method, Trigger trigger, List<ParameterSource> parameters,
                                 Map<String, String> annotatedBindings, Output returnOutput) {

    public String entryPoint() {
        return method.getDeclaringClass().getName() + "." + method.getName();
    }

    public ParameterSource.TriggerValue triggerParameter() {
        return parameters.stream()
                .filter(ParameterSource.TriggerValue.class::isInstance)
                .map(ParameterSource.TriggerValue.class::cast)
                .findFirst()
                .orElseThrow();
    }
}
