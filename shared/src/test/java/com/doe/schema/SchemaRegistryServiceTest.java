package com.doe.schema;

import static com.doe.schema.TestSchemas.json;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class SchemaRegistryServiceTest {

    private final SchemaRegistryService service =
            new SchemaRegistryService(new SchemaRegistry(new InMemoryRegistryStore()));

    @Test
    void registerListAndGetByNumberLatestAndFingerprint() {
        SchemaRegistryService.SchemaVersionView v1 = service.register("payments", json("payment-v1"));
        service.register("payments", json("payment-v2-currency-with-default"));

        assertThat(service.listSubjects()).containsExactly("payments");
        assertThat(service.listVersions("payments")).containsExactly(1, 2);
        assertThat(service.getVersion("payments", "1")).isEqualTo(v1);
        assertThat(service.getVersion("payments", "latest").version()).isEqualTo(2);
        assertThat(v1.fingerprint()).hasSize(16);
        assertThat(SchemaRegistry.parse(service.getSchemaByFingerprint(v1.fingerprint())))
                .isEqualTo(SchemaRegistry.parse(json("payment-v1")));
    }

    @Test
    void testCompatibilityReportsReasonsWithoutRegistering() {
        service.register("payments", json("payment-v1"));

        SchemaRegistryService.CompatibilityView view = service.testCompatibility("payments",
                json("payment-v3-currency-required"));

        assertThat(view.compatible()).isFalse();
        assertThat(view.mode()).isEqualTo(CompatibilityMode.BACKWARD);
        assertThat(view.reasons()).hasSize(1);
        assertThat(service.listVersions("payments")).containsExactly(1);
    }

    @Test
    void modeIsInheritedUntilSet() {
        assertThat(service.getMode("payments")).isEqualTo(
                new SchemaRegistryService.SubjectModeView("payments", CompatibilityMode.BACKWARD, true));

        service.setMode("payments", "forward_transitive");
        service.setDefaultMode("full");

        assertThat(service.getMode("payments")).isEqualTo(
                new SchemaRegistryService.SubjectModeView("payments", CompatibilityMode.FORWARD_TRANSITIVE, false));
        assertThat(service.getDefaultMode()).isEqualTo(CompatibilityMode.FULL);
    }

    @Test
    void badInputsAreInvalidRequests() {
        assertThatThrownBy(() -> service.register("payments", "not json")).isInstanceOf(InvalidSchemaException.class);
        assertThatThrownBy(() -> service.getVersion("payments", "first")).isInstanceOf(InvalidSchemaException.class)
                .hasMessage("Version 'first' is not valid: use a version number or 'latest'.");
        assertThatThrownBy(() -> service.getSchemaByFingerprint("xyz")).isInstanceOf(InvalidSchemaException.class);
        assertThatThrownBy(() -> service.getSchemaByFingerprint("00000000000000ff"))
                .isInstanceOf(SchemaNotFoundException.class);
    }
}
