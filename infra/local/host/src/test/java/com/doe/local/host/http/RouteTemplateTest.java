package com.doe.local.host.http;

import com.doe.local.host.discovery.DiscoveryException;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class RouteTemplateTest {

    @Test
    void matchesLiteralsCaseInsensitivelyAndCapturesParameters() {
        RouteTemplate route = RouteTemplate.parse("pipelines/{id}/versions/{v:int}");

        assertThat(route.match(List.of("Pipelines", "p1", "VERSIONS", "3"))).hasValue(Map.of("id", "p1", "v", "3"));
        assertThat(route.match(List.of("pipelines", "p1", "versions", "x"))).isEmpty();
        assertThat(route.match(List.of("pipelines", "p1", "versions"))).isEmpty();
        assertThat(route.match(List.of("pipelines", "p1", "versions", "3", "extra"))).isEmpty();
    }

    @Test
    void optionalAndCatchAllParametersTakeWhatIsLeft() {
        assertThat(RouteTemplate.parse("runs/{id?}").match(List.of("runs"))).hasValue(Map.of());
        assertThat(RouteTemplate.parse("runs/{id?}").match(List.of("runs", "r1"))).hasValue(Map.of("id", "r1"));
        assertThat(RouteTemplate.parse("files/{*path}").match(List.of("files", "a", "b.csv"))).hasValue(Map.of("path", "a/b.csv"));
    }

    @Test
    void literalRoutesWinOverParameterRoutes() {
        List<RouteTemplate> routes = new ArrayList<>(List.of(
                RouteTemplate.parse("pipelines/{id}"),
                RouteTemplate.parse("files/{*rest}"),
                RouteTemplate.parse("pipelines/health"),
                RouteTemplate.parse("pipelines/{id:int}")));

        routes.sort(null);

        assertThat(routes).extracting(RouteTemplate::toString)
                .containsExactly("pipelines/health", "pipelines/{id:int}", "pipelines/{id}", "files/{*rest}");
    }

    @Test
    void unsupportedTemplatesFailAtDiscovery() {
        assertThatThrownBy(() -> RouteTemplate.parse("a/{id:regex(^x$)}")).isInstanceOf(DiscoveryException.class)
                .hasMessageContaining("regex");
        assertThatThrownBy(() -> RouteTemplate.parse("a/{*rest}/b")).isInstanceOf(DiscoveryException.class)
                .hasMessageContaining("last segment");
        assertThatThrownBy(() -> RouteTemplate.parse("files/{name}.csv")).isInstanceOf(DiscoveryException.class)
                .hasMessageContaining("mixes text");
    }
}
