package io.github.ollamaclient.spring.observation;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.ollamaclient.OllamaClient;
import io.github.ollamaclient.spring.FakeOllama;
import io.github.ollamaclient.spring.OllamaAutoConfigurations;
import io.micrometer.observation.Observation;
import io.micrometer.observation.ObservationHandler;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

/**
 * With the Boot line's own observation auto-configuration, as an application with Actuator has it:
 * the registry it makes is found (the ordering after it holds), and its handlers see every call.
 */
class OllamaObservationAutoConfigurationTest {
  /** Boot 4's name, then Boot 3.5's; the test runs on each line with its own on the class path. */
  private static final List<String> BOOT_OBSERVATION =
      List.of(
          "org.springframework.boot.micrometer.observation.autoconfigure.ObservationAutoConfiguration",
          "org.springframework.boot.actuate.autoconfigure.observation.ObservationAutoConfiguration");

  @RegisterExtension final FakeOllama ollama = new FakeOllama();

  /** Records the contexts of the client's observations, as a tracing handler would see them. */
  static final class Recording implements ObservationHandler<OllamaObservationContext> {
    final List<OllamaObservationContext> stopped = new CopyOnWriteArrayList<>();

    @Override
    public void onStop(OllamaObservationContext context) {
      stopped.add(context);
    }

    @Override
    public boolean supportsContext(Observation.Context context) {
      return context instanceof OllamaObservationContext;
    }
  }

  private static Class<?> bootObservationAutoConfiguration() {
    for (String name : BOOT_OBSERVATION) {
      try {
        return Class.forName(name);
      } catch (ClassNotFoundException notThisLine) {
        // The other line's name.
      }
    }
    throw new IllegalStateException("no Spring Boot observation auto-configuration on the path");
  }

  @Test
  void bootsOwnRegistryAndHandlersObserveEveryCall() {
    Recording recording = new Recording();
    new ApplicationContextRunner()
        .withConfiguration(AutoConfigurations.of(bootObservationAutoConfiguration()))
        .withConfiguration(OllamaAutoConfigurations.all())
        .withBean(Recording.class, () -> recording)
        .withPropertyValues(ollama.baseUrlProperty())
        .run(
            context -> {
              assertThat(context).hasSingleBean(OllamaObservationListener.class);
              ollama.enqueueVersion("0.12.6");
              context.getBean(OllamaClient.class).version();

              assertThat(recording.stopped)
                  .singleElement()
                  .satisfies(
                      observed -> {
                        assertThat(observed.getName()).isEqualTo("gen_ai.client.operation");
                        assertThat(observed.getContextualName()).isEqualTo("version");
                        assertThat(observed.getLowCardinalityKeyValue("ollama.outcome").getValue())
                            .isEqualTo("success");
                      });
            });
  }

  @Test
  void bootsSwitchTurnsTheObservationsOff() {
    Recording recording = new Recording();
    new ApplicationContextRunner()
        .withConfiguration(AutoConfigurations.of(bootObservationAutoConfiguration()))
        .withConfiguration(OllamaAutoConfigurations.all())
        .withBean(Recording.class, () -> recording)
        .withPropertyValues(ollama.baseUrlProperty(), "management.observations.enable.gen_ai=false")
        .run(
            context -> {
              ollama.enqueueVersion("0.12.6");
              assertThat(context.getBean(OllamaClient.class).version()).isEqualTo("0.12.6");
              assertThat(recording.stopped).isEmpty();
            });
  }
}
