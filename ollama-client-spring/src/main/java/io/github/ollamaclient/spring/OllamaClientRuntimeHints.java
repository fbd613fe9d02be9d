package io.github.ollamaclient.spring;

import java.util.List;
import org.springframework.aot.hint.MemberCategory;
import org.springframework.aot.hint.RuntimeHints;
import org.springframework.aot.hint.RuntimeHintsRegistrar;
import org.springframework.aot.hint.TypeReference;

/**
 * What the starter reaches by reflection, for a GraalVM native image built with Spring AOT. The
 * client's own types (the records Jackson reads, the deserializers, {@code version.properties})
 * need nothing here: ollama-client-core ships their metadata in {@code META-INF/native-image}.
 */
final class OllamaClientRuntimeHints implements RuntimeHintsRegistrar {
  /**
   * The {@code ollama.*} properties and their groups, which the binder creates through their
   * no-argument constructors and fills through their public getters and setters.
   */
  static final List<Class<?>> PROPERTIES =
      List.of(
          OllamaClientProperties.class,
          OllamaClientProperties.Retry.class,
          OllamaClientProperties.Health.class,
          OllamaClientProperties.Init.class,
          OllamaClientProperties.Observations.class);

  /**
   * The service connection factories listed in {@code spring.factories}, by name: each extends a
   * class of an optional library, so naming them by class would load that library.
   */
  static final List<String> CONNECTION_FACTORIES =
      List.of(
          "io.github.ollamaclient.spring.connection.OllamaDockerComposeConnectionDetailsFactory",
          "io.github.ollamaclient.spring.connection.OllamaContainerConnectionDetailsFactory");

  @Override
  public void registerHints(RuntimeHints hints, ClassLoader classLoader) {
    for (Class<?> type : PROPERTIES) {
      hints
          .reflection()
          .registerType(
              type,
              MemberCategory.INVOKE_DECLARED_CONSTRUCTORS,
              MemberCategory.INVOKE_PUBLIC_METHODS);
    }
    // Listed in spring.factories: SpringFactoriesLoader creates it by reflection.
    hints
        .reflection()
        .registerType(
            InvalidOllamaPropertyFailureAnalyzer.class,
            MemberCategory.INVOKE_DECLARED_CONSTRUCTORS);
    for (String factory : CONNECTION_FACTORIES) {
      hints
          .reflection()
          .registerType(TypeReference.of(factory), MemberCategory.INVOKE_DECLARED_CONSTRUCTORS);
    }
  }
}
