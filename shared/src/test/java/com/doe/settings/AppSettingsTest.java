package com.doe.settings;

import org.junit.jupiter.api.Test;

import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class AppSettingsTest {

    @Test
    void blankValueCountsAsAbsent() {
        AppSettings settings = AppSettings.of(Map.of("Neo4jPassword", "  "));

        assertThat(settings.find("Neo4jPassword")).isEmpty();
        assertThat(settings.get("Neo4jPassword", "fallback")).isEqualTo("fallback");
    }

    @Test
    void missingRequiredSettingNamesTheSettingAndWhereToSetIt() {
        AppSettings settings = AppSettings.of(Map.of());

        assertThatThrownBy(() -> settings.require("CosmosEndpoint"))
                .isInstanceOf(MissingSettingException.class)
                .hasMessageContaining("'CosmosEndpoint'")
                .hasMessageContaining("local.settings.sample.json")
                .hasMessageContaining("application settings");
    }

    @Test
    void flagIsTrueOnlyForTheWordTrue() {
        AppSettings settings = AppSettings.of(Map.of("A", "TRUE", "B", "yes"));

        assertThat(settings.flag("A")).isTrue();
        assertThat(settings.flag("B")).isFalse();
        assertThat(settings.flag("C")).isFalse();
    }
}
