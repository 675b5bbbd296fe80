package com.doe.local.host.invoke;

import com.doe.local.host.discovery.Output;

import java.util.Map;

/** What parameter binding needs from the rest of the host: durable clients and output writers. */
public interface BindingServices {

    /** A {@code DurableClientContext} (the app's class {@code contextType}) for the local durable backend. */
    Object durableClient(Class<?> contextType);

    /**
     * Writes an output binding's value once the function has returned.
     *
     * @param metadata the invocation's trigger metadata, for {@code {name}} expressions in paths
     */
    void write(Output output, Object value, Map<String, Object> metadata);
}
