package com.doe.local.host.discovery;

import java.lang.reflect.Type;

/** Where the value of one function parameter comes from, decided once at discovery. */
public sealed interface ParameterSource {

    /** The key of the parameter's value in an invocation; binding name where the worker has one. */
    String key();

    /** The trigger's payload, converted to the parameter's type by the trigger. */
    record TriggerValue(String key, Type type) implements ParameterSource {
    }

    /** A trigger metadata value ({@code @BindingName}): a route or blob path parameter, a Kafka offset... */
    record Metadata(String key, String name, Type type) implements ParameterSource {
    }

    record Context(String key) implements ParameterSource {
    }

    /** {@code @DurableClientInput}: a {@code DurableClientContext} for the local durable backend. */
    record DurableClient(String key, Class<?> contextType) implements ParameterSource {
    }

    /** {@code OutputBinding<T>}: {@code valueType} is T. */
    record OutputValue(String key, Output output, Type valueType) implements ParameterSource {
    }
}
