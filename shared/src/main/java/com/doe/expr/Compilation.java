package com.doe.expr;

/** The outcome of compiling one expression. */
public sealed interface Compilation {

    record Compiled(CompiledExpression expression) implements Compilation {
    }

    /** @param message CEL's errors with their columns, e.g. "at column 5: undeclared reference to ..." */
    record Failed(String message) implements Compilation {
    }
}
