package com.doe.preview;

import static org.assertj.core.api.Assertions.assertThat;

import com.doe.format.FieldType;
import com.doe.format.SourceFile;
import com.doe.step.StepCatalogue;
import com.doe.step.StepServices;
import com.doe.step.enrich.InMemoryLookupSource;
import com.doe.testing.Fixtures;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class PreviewTest {

    private final Preview preview = new Preview(StepCatalogue.standard(), StepServices.of(new InMemoryLookupSource()
            .put("reference/states.csv", List.of(Map.of("code", "TX", "name", "Texas")))));

    private static SourceFile csv(String text) {
        return SourceFile.of("sample.csv", text.getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void showsEachStepsRowsAndRejectionsOnTheFirstRows() {
        String data = "iata,name,city,state,country,latitude,longitude,opened,Fee Total $\n"
                + "dfw,Dallas,Dallas,TX,,32.9,-97.0,1974-01-13,1.00\n"
                + "XXX,Bad,Nowhere,TX,,99,-97.0,,\n"
                + "AUS,Austin,Austin,TX,,30.2,-97.7,,\n";

        PreviewResult r = preview.run(Fixtures.airports(), csv(data), 2);

        assertThat(r.problems()).isEmpty();
        assertThat(r.rowsRead()).isEqualTo(2);
        assertThat(r.steps()).extracting(StepPreview::stepId).containsExactly("tidy", "checks", "derive", "states", "graph");
        assertThat(r.steps().get(0).rows().get(0)).containsEntry("iata", "DFW");
        assertThat(r.steps().get(1).rejections()).hasSize(1);
        assertThat(r.steps().get(1).rejections().get(0).reason()).isEqualTo("latitude 99.0 is outside -90..90");
        assertThat(r.steps().get(3).rows().get(0)).containsEntry("state_name", "Texas").containsEntry("region", "east");
        assertThat(r.steps().get(4).executed()).isFalse();
        assertThat(r.steps().get(4).note()).contains("write nothing");
    }

    @Test
    void infersTheSchemaWhenTheDefinitionDeclaresNone() {
        String def = "id: sales\nsource:\n  format: csv\nsteps:\n  - id: big\n    type: map\n    filter: row.amount > 10.0\n";

        PreviewResult r = preview.run(def, csv("Order Id,Amount,Day\n1,5.5,2024-01-01\n2,20,2024-01-02\n"), 10);

        assertThat(r.schemaInferred()).isTrue();
        assertThat(r.schema().names()).containsExactly("order_id", "amount", "day");
        assertThat(r.schema().field(0).from()).isEqualTo("Order Id");
        assertThat(r.schema().field(1).type()).isEqualTo(FieldType.DOUBLE);
        assertThat(r.schema().field(2).type()).isEqualTo(FieldType.DATE);
        assertThat(r.steps().get(0).rows()).extracting(m -> m.get("order_id")).containsExactly(2L);
        assertThat(r.steps().get(0).filtered()).isEqualTo(1);
    }

    @Test
    void returnsDefinitionProblemsInsteadOfRunning() {
        PreviewResult r = preview.run(Fixtures.airports().replace("row.country == 'USA'", "row.contry == 'USA'"), csv("x\n"), 5);

        assertThat(r.problems()).extracting(p -> p.pointer()).containsExactly("/steps/2/filter");
        assertThat(r.steps()).isEmpty();
    }
}
