package com.doe.local.host.invoke;

import com.microsoft.azure.functions.OutputBinding;

/** The value a function sets on an {@code OutputBinding<T>}; written out after it returns. */
final class LocalOutputBinding<T> implements OutputBinding<T> {

    private volatile T value;

    @Override
    public T getValue() {
        return value;
    }

    @Override
    public void setValue(T value) {
        this.value = value;
    }
}
