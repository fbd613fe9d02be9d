package io.github.ollamaclient.spring;

import static org.assertj.core.api.Assertions.assertThat;

import java.beans.IntrospectionException;
import java.beans.Introspector;
import java.beans.PropertyDescriptor;
import java.io.IOException;
import java.io.InputStream;
import java.net.URL;
import java.util.ArrayDeque;
import java.util.Collections;
import java.util.Deque;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Properties;
import java.util.Set;
import java.util.function.Predicate;
import org.junit.jupiter.api.Test;
import org.springframework.aot.generate.ClassNameGenerator;
import org.springframework.aot.generate.DefaultGenerationContext;
import org.springframework.aot.generate.InMemoryGeneratedFiles;
import org.springframework.aot.hint.MemberCategory;
import org.springframework.aot.hint.RuntimeHints;
import org.springframework.aot.hint.TypeHint;
import org.springframework.aot.hint.predicate.RuntimeHintsPredicates;
import org.springframework.context.annotation.AnnotationConfigApplicationContext;
import org.springframework.context.aot.ApplicationContextAotGenerator;
import org.springframework.javapoet.ClassName;

/**
 * The starter's reflection hints, checked with Spring's {@link RuntimeHintsPredicates}: what the
 * binder and {@code SpringFactoriesLoader} create by reflection is derived from the properties
 * classes and from {@code spring.factories}, so a hint that is dropped, or a new properties group
 * or factory without one, fails here.
 */
class OllamaClientRuntimeHintsTest {
  private static final MemberCategory[] BOUND = {
    MemberCategory.INVOKE_DECLARED_CONSTRUCTORS, MemberCategory.INVOKE_PUBLIC_METHODS
  };

  private final RuntimeHints hints = registered();

  @Test
  void letsTheBinderCreateAndFillEveryPropertiesGroup() throws IntrospectionException {
    Set<Class<?>> groups = propertiesGroups();

    assertThat(groups)
        .contains(
            OllamaClientProperties.class,
            OllamaClientProperties.Retry.class,
            OllamaClientProperties.Health.class,
            OllamaClientProperties.Init.class);
    for (Class<?> group : groups) {
      assertThat(RuntimeHintsPredicates.reflection().onType(group).withMemberCategories(BOUND))
          .as("hints to create %s and call its getters and setters", group.getName())
          .accepts(hints);
    }
  }

  @Test
  void letsSpringFactoriesLoaderCreateEveryFactoryOfTheStarter() throws IOException {
    Set<Class<?>> factories = starterFactories();

    assertThat(factories).contains(InvalidOllamaPropertyFailureAnalyzer.class);
    for (Class<?> factory : factories) {
      assertThat(
              RuntimeHintsPredicates.reflection()
                  .onType(factory)
                  .withMemberCategory(MemberCategory.INVOKE_DECLARED_CONSTRUCTORS))
          .as("hint to create %s", factory.getName())
          .accepts(hints);
    }
  }

  /**
   * {@code @ImportRuntimeHints} on the auto-configuration brings every hint of the registrar into
   * Spring's AOT processing of an application, which writes them out for {@code native-image}.
   */
  @Test
  void reachesAotProcessingThroughTheAutoConfiguration() {
    RuntimeHints processed;
    try (AnnotationConfigApplicationContext context = new AnnotationConfigApplicationContext()) {
      context.register(OllamaClientAutoConfiguration.class);
      DefaultGenerationContext generation =
          new DefaultGenerationContext(
              new ClassNameGenerator(ClassName.get("com.example", "App")),
              new InMemoryGeneratedFiles());
      new ApplicationContextAotGenerator().processAheadOfTime(context, generation);
      processed = generation.getRuntimeHints();
    }

    List<TypeHint> expected = hints.reflection().typeHints().toList();
    assertThat(expected)
        .hasSize(
            OllamaClientRuntimeHints.PROPERTIES.size()
                + OllamaClientRuntimeHints.CONNECTION_FACTORIES.size()
                + 1);
    for (TypeHint hint : expected) {
      Predicate<RuntimeHints> same =
          RuntimeHintsPredicates.reflection()
              .onType(hint.getType())
              .withMemberCategories(hint.getMemberCategories().toArray(MemberCategory[]::new));
      assertThat(same).as("%s after AOT processing", hint.getType()).accepts(processed);
    }
  }

  private static RuntimeHints registered() {
    RuntimeHints hints = new RuntimeHints();
    new OllamaClientRuntimeHints()
        .registerHints(hints, OllamaClientRuntimeHintsTest.class.getClassLoader());
    return hints;
  }

  /**
   * The classes the binder creates for {@code ollama.*}: the properties class and, through its bean
   * properties, every group of the starter's own nested in it (enums are converted from text, not
   * created).
   */
  private static Set<Class<?>> propertiesGroups() throws IntrospectionException {
    Set<Class<?>> groups = new LinkedHashSet<>();
    Deque<Class<?>> toVisit = new ArrayDeque<>(List.of(OllamaClientProperties.class));
    while (!toVisit.isEmpty()) {
      Class<?> group = toVisit.poll();
      if (!groups.add(group)) {
        continue;
      }
      for (PropertyDescriptor property :
          Introspector.getBeanInfo(group, Object.class).getPropertyDescriptors()) {
        Class<?> type = property.getPropertyType();
        if (type != null
            && !type.isEnum()
            && type.getName().startsWith("io.github.ollamaclient.spring.")) {
          toVisit.add(type);
        }
      }
    }
    return groups;
  }

  /** The starter's classes in every {@code META-INF/spring.factories} on the class path. */
  private static Set<Class<?>> starterFactories() throws IOException {
    ClassLoader loader = OllamaClientRuntimeHintsTest.class.getClassLoader();
    Set<Class<?>> factories = new LinkedHashSet<>();
    for (URL url : Collections.list(loader.getResources("META-INF/spring.factories"))) {
      Properties properties = new Properties();
      try (InputStream in = url.openStream()) {
        properties.load(in);
      }
      for (Object value : properties.values()) {
        for (String name : value.toString().split(",")) {
          if (name.strip().startsWith("io.github.ollamaclient.")) {
            try {
              factories.add(Class.forName(name.strip(), false, loader));
            } catch (ClassNotFoundException e) {
              throw new IllegalStateException(url + " names a missing class", e);
            }
          }
        }
      }
    }
    return factories;
  }
}
