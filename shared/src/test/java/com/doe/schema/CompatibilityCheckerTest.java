package com.doe.schema;

import static com.doe.schema.TestSchemas.load;
import static org.assertj.core.api.Assertions.assertThat;

import com.doe.schema.CompatibilityProblem.Side;
import java.util.List;
import org.apache.avro.Schema;
import org.junit.jupiter.api.Test;

class CompatibilityCheckerTest {

    private final CompatibilityChecker checker = new CompatibilityChecker();

    private static List<RegisteredSchema> versions(String... names) {
        RegisteredSchema[] out = new RegisteredSchema[names.length];
        for (int i = 0; i < names.length; i++) {
            Schema schema = load(names[i]);
            out[i] = new RegisteredSchema("payments", i + 1, Fingerprints.fingerprint(schema), schema);
        }
        return List.of(out);
    }

    @Test
    void fieldAddedWithoutDefaultBreaksNewReaderUnderBackward() {
        List<CompatibilityProblem> problems = checker.check(load("payment-v3-currency-required"),
                versions("payment-v1"), CompatibilityMode.BACKWARD);

        assertThat(problems).singleElement().satisfies(problem -> {
            assertThat(problem.fieldPath()).isEqualTo("currency");
            assertThat(problem.breaking()).isEqualTo(Side.NEW_READER);
            assertThat(problem.existingVersion()).isEqualTo(1);
            assertThat(problem.message()).isEqualTo("field `currency` (string) was added without a default: consumers "
                    + "using the new schema cannot read events written with version 1, which do not have it; give "
                    + "`currency` a default (for an optional field: type [null, string] with default null)");
        });
    }

    @Test
    void fieldRemovedWithoutDefaultBreaksOldReaderUnderForward() {
        List<CompatibilityProblem> problems = checker.check(load("payment-amount-removed"),
                versions("payment-v1", "payment-v2-currency-with-default"), CompatibilityMode.FORWARD);

        assertThat(problems).extracting(CompatibilityProblem::message).containsExactly(
                "field `amount` (long) was removed without a default: consumers using version 2 can no longer read new "
                        + "events; keep the field, or first register a version that gives it a default and upgrade "
                        + "consumers");
        assertThat(problems.get(0).breaking()).isEqualTo(Side.OLD_READER);
    }

    @Test
    void fieldRemovedIsBackwardCompatibleBecauseReadersSkipUnknownFields() {
        assertThat(checker.check(load("payment-amount-removed"), versions("payment-v1"), CompatibilityMode.BACKWARD))
                .isEmpty();
    }

    @Test
    void fieldRemovedWhoseOldVersionHadADefaultPassesForward() {
        assertThat(checker.check(load("payment-amount-removed"), versions("payment-v1-amount-default"),
                CompatibilityMode.FORWARD)).isEmpty();
    }

    @Test
    void typeChangeNamesOldAndNewTypesAndThePromotions() {
        List<CompatibilityProblem> problems = checker.check(load("payment-amount-string"), versions("payment-v1"),
                CompatibilityMode.FULL);

        assertThat(problems).extracting(CompatibilityProblem::message).containsExactly(
                "field `amount` changed type from long to string: consumers using the new schema cannot read events "
                        + "written with version 1; Avro only widens int to long, float or double, long to float or "
                        + "double, float to double, and converts string and bytes, so keep long or add a field with "
                        + "a new name and a default",
                "field `amount` changed type from long to string: consumers using version 1 can no longer read new "
                        + "events; Avro only widens int to long, float or double, long to float or double, float to "
                        + "double, and converts string and bytes, so keep long or add a field with a new name and a "
                        + "default");
    }

    @Test
    void wideningIsBackwardButNotForward() {
        assertThat(checker.check(load("payment-amount-double"), versions("payment-v1"), CompatibilityMode.BACKWARD))
                .isEmpty();
        assertThat(checker.check(load("payment-amount-double"), versions("payment-v1"), CompatibilityMode.FORWARD))
                .extracting(CompatibilityProblem::fieldPath).containsExactly("amount");
    }

    @Test
    void transitiveModesCheckEveryVersionAndOthersOnlyTheLatest() {
        List<RegisteredSchema> history = versions("payment-v1", "payment-v2-currency-with-default");
        Schema v3 = load("payment-v3-currency-required");

        assertThat(checker.check(v3, history, CompatibilityMode.BACKWARD)).isEmpty();
        assertThat(checker.check(v3, history, CompatibilityMode.BACKWARD_TRANSITIVE))
                .extracting(CompatibilityProblem::fieldPath, CompatibilityProblem::existingVersion)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("currency", 1));
    }

    @Test
    void changeInsideNullableRecordNamesTheNestedField() {
        List<CompatibilityProblem> problems = checker.check(load("order-refund-amount-required"),
                versions("order-v1"), CompatibilityMode.BACKWARD);

        assertThat(problems).singleElement().satisfies(problem -> {
            assertThat(problem.fieldPath()).isEqualTo("refund.amount");
            assertThat(problem.message()).startsWith("field `refund.amount` (long) was added without a default");
        });
    }

    @Test
    void changeInsideArrayOfRecordsNamesTheItemField() {
        List<CompatibilityProblem> problems = checker.check(load("order-tags-quantity-string"),
                versions("order-tags"), CompatibilityMode.BACKWARD);

        assertThat(problems).extracting(CompatibilityProblem::fieldPath).containsExactly("lines[].quantity");
        assertThat(problems.get(0).message()).startsWith("field `lines[].quantity` changed type from int to string");
    }

    @Test
    void newEnumSymbolBreaksOldReadersWithoutDefaultSymbol() {
        List<CompatibilityProblem> problems = checker.check(load("order-status-refunded"), versions("order-v1"),
                CompatibilityMode.FULL);

        assertThat(problems).singleElement().satisfies(problem -> {
            assertThat(problem.breaking()).isEqualTo(Side.OLD_READER);
            assertThat(problem.message()).isEqualTo("enum field `status` (OrderStatus) gained symbols [REFUNDED] and "
                    + "version 1 has no \"default\" symbol: consumers using version 1 can no longer read new events "
                    + "that carry them; first register a version whose enum has a \"default\" symbol and upgrade "
                    + "consumers, then add symbols");
        });
    }

    @Test
    void noneChecksNothing() {
        assertThat(checker.check(load("payment-amount-string"), versions("payment-v1"), CompatibilityMode.NONE))
                .isEmpty();
    }
}
