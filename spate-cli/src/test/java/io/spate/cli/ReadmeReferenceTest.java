package io.spate.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.spate.destination.DestinationProvider;
import io.spate.runtime.Connectors;
import io.spate.runtime.Destinations;
import io.spate.sdk.ConfigOption;
import io.spate.sdk.Connector;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The README's connector reference lists every option every built-in connector and destination declares. */
class ReadmeReferenceTest {

    @Test
    void theReadmeListsEveryOptionOfEveryBuiltInConnectorAndDestination() throws IOException {
        String readme = Files.readString(Path.of("..", "README.md"));
        List<String> missing = new ArrayList<>();
        for (Connector connector : Connectors.available()) {
            if (connector.getClass().getPackageName().equals(ReadmeReferenceTest.class.getPackageName())) {
                continue; // this module's test connectors
            }
            check(readme, "source " + connector.name(), connector.options(), missing);
        }
        for (DestinationProvider provider : Destinations.available()) {
            check(readme, "destination " + provider.name(), provider.options(), missing);
        }
        assertThat(missing).as("options missing from the README's connector reference").isEmpty();
        assertThat(Connectors.available()).extracting(Connector::name)
                .contains("s3", "files", "postgres", "redshift", "http_csv", "example_orders");
        assertThat(Destinations.available()).extracting(DestinationProvider::name)
                .contains("duckdb", "s3", "files", "postgres");
    }

    private static void check(String readme, String owner, List<ConfigOption<?>> options, List<String> missing) {
        for (ConfigOption<?> option : options) {
            if (!readme.contains("`" + option.key() + "`")) {
                missing.add(owner + ": " + option.key());
            }
        }
    }
}
