package io.github.ollamaclient.spring;

import java.util.ArrayList;
import java.util.List;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.context.annotation.ImportCandidates;

/**
 * This module's auto-configurations, read from its {@code AutoConfiguration.imports} file as Spring
 * Boot does, so the tests also prove the registration. The other Boot line's classes are listed
 * too; their {@code @ConditionalOnClass} turns them off.
 */
public final class OllamaAutoConfigurations {
  private OllamaAutoConfigurations() {}

  /** Every auto-configuration of this module, in the imports file's order. */
  public static AutoConfigurations all() {
    ClassLoader loader = OllamaAutoConfigurations.class.getClassLoader();
    List<Class<?>> classes = new ArrayList<>();
    for (String name : ImportCandidates.load(AutoConfiguration.class, loader)) {
      if (name.startsWith("io.github.ollamaclient.")) {
        try {
          classes.add(Class.forName(name, false, loader));
        } catch (ClassNotFoundException e) {
          throw new IllegalStateException("listed but missing: " + name, e);
        }
      }
    }
    return AutoConfigurations.of(classes.toArray(new Class<?>[0]));
  }
}
