package com.doe.functions.e2e;

import java.util.UUID;

/** Names that no other test (or earlier run on the same stack) uses. */
final class Ids {

    private Ids() {
    }

    static String unique() {
        return UUID.randomUUID().toString().replace("-", "").substring(0, 10);
    }
}
