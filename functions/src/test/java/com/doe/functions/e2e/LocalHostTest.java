package com.doe.functions.e2e;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

/**
 * End-to-end tests share this set-up: the test stack's services and one local host of their own per
 * test class, started before the first test and stopped after the last.
 */
abstract class LocalHostTest {

    static TestStack stack;
    static LocalHostProcess host;
    static DoeApi api;

    @BeforeAll
    static void startHost() throws Exception {
        stack = TestStack.fromEnvironment();
        host = LocalHostProcess.start("e2e" + Ids.unique());
        api = new DoeApi(host);
    }

    @AfterAll
    static void stopHost() throws Exception {
        if (host != null) {
            host.close();
        }
        if (stack != null) {
            stack.close();
        }
    }
}
