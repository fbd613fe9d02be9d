package io.github.ollamaclient;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.github.ollamaclient.chat.ChatResponse;
import io.github.ollamaclient.chat.Message;
import io.github.ollamaclient.embed.EmbedResponse;
import io.github.ollamaclient.inference.KeepAlive;
import io.github.ollamaclient.internal.Transport;
import io.github.ollamaclient.models.ModelSummary;
import java.io.IOException;
import java.io.InputStream;
import java.lang.annotation.Annotation;
import java.lang.reflect.AnnotatedElement;
import java.lang.reflect.Executable;
import java.lang.reflect.Field;
import java.lang.reflect.GenericArrayType;
import java.lang.reflect.Method;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.RecordComponent;
import java.lang.reflect.Type;
import java.lang.reflect.WildcardType;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Deque;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The GraalVM reachability metadata core ships ({@code
 * META-INF/native-image/io.github.ollamaclient/ollama-client-core/}), held to the classes and
 * resources it is for. No GraalVM runs here, so the test derives what a native image needs from the
 * compiled classes, the way Jackson finds it, and compares that with the files: a new record that
 * Jackson reads without its entry fails here, and so does an entry left behind by a removed class.
 *
 * <p>What needs reflection: the client's mapper sees only annotated members ({@code Json.MAPPER}
 * hides everything else), so every class Jackson binds carries a Jackson annotation, on itself, a
 * member, a parameter or a record component. Jackson lists those classes' declared constructors,
 * methods and fields to find the annotations and calls the annotated ones, so each is registered
 * with all three (and its record components); the classes they contain in turn are bound too. The
 * deserializers named by {@code @JsonDeserialize(using = ...)} are created through their
 * no-argument constructor. And Jackson reaches {@code Class.getRecordComponents()} and {@code
 * RecordComponent.getName()/getType()} by name, since it is compiled for Java 8.
 *
 * <p>The files are GraalVM's per-kind {@code reflect-config.json} and {@code resource-config.json},
 * not the single {@code reachability-metadata.json}: that one is read only by GraalVM for JDK 23
 * and later, while the per-kind files are read by every GraalVM that builds Java 17 code (for JDK
 * 17 and 21, which Spring Boot 3 supports) and still by the newer ones.
 */
class NativeImageMetadataTest {
  private static final String METADATA =
      "META-INF/native-image/io.github.ollamaclient/ollama-client-core/";
  private static final String PACKAGE = "io.github.ollamaclient.";
  private static final ObjectMapper JSON = new ObjectMapper();

  private static final String CONSTRUCTORS = "allDeclaredConstructors";
  private static final String METHODS = "allDeclaredMethods";
  private static final String FIELDS = "allDeclaredFields";
  private static final String RECORD_COMPONENTS = "allRecordComponents";

  /** The attributes GraalVM's reflect-config parser takes; it rejects others in strict mode. */
  private static final Set<String> KNOWN_ATTRIBUTES =
      Set.of(
          "name",
          "condition",
          "allDeclaredConstructors",
          "allPublicConstructors",
          "allDeclaredMethods",
          "allPublicMethods",
          "allDeclaredFields",
          "allPublicFields",
          "allDeclaredClasses",
          "allRecordComponents",
          "allPermittedSubclasses",
          "allNestMembers",
          "allSigners",
          "allPublicClasses",
          "methods",
          "queriedMethods",
          "fields",
          "queryAllDeclaredConstructors",
          "queryAllPublicConstructors",
          "queryAllDeclaredMethods",
          "queryAllPublicMethods",
          "unsafeAllocated");

  @Test
  void everyClassJacksonBindsOrCreatesIsRegisteredWithTheMembersItUses() throws IOException {
    Map<String, Required> required = required(coreClasses());

    List<String> problems = problems(required, shippedReflectConfig());

    assertThat(problems)
        .as(
            "%sreflect-config.json against the classes Jackson binds; the whole file should be:%n%s",
            METADATA, render(required))
        .isEmpty();
  }

  @Test
  void registersNoClassThatNeedsNoEntry() throws IOException {
    Set<String> required = required(coreClasses()).keySet();

    List<String> stale = new ArrayList<>();
    for (JsonNode entry : shippedReflectConfig()) {
      if (!required.contains(entry.path("name").asText())) {
        stale.add(entry.path("name").asText());
      }
    }

    assertThat(stale)
        .as("entries in reflect-config.json for classes Jackson no longer binds, or that are gone")
        .isEmpty();
  }

  @Test
  void usesOnlyAttributesGraalVmReads() throws IOException {
    for (JsonNode entry : shippedReflectConfig()) {
      assertThat(entry.path("name").isTextual()).as("entry without a name: %s", entry).isTrue();
      Iterator<String> names = entry.fieldNames();
      while (names.hasNext()) {
        assertThat(names.next()).isIn(KNOWN_ATTRIBUTES);
      }
    }
  }

  /**
   * Guards the derivation itself: a scanner that found nothing, or everything, would make the
   * comparison above pass or fail for the wrong reason.
   */
  @Test
  void theDerivationFindsWhatJacksonUsesAndNothingElse() throws IOException {
    Map<String, Required> required = required(coreClasses());

    assertThat(required)
        .containsKeys(
            ChatResponse.class.getName(), // @JsonCreator
            Message.class.getName(),
            ModelSummary.class.getName(), // @JsonCreator
            EmbedResponse.class.getName(),
            KeepAlive.class.getName(), // @JsonValue only
            OllamaClient.class.getName() + "$VersionResponse", // private, read by the client
            "io.github.ollamaclient.internal.Payload$Envelope", // written, never read
            "io.github.ollamaclient.embed.EmbeddingVectors$ListDeserializer", // on a parameter
            "java.lang.Class",
            "java.lang.reflect.RecordComponent")
        .doesNotContainKeys(OllamaClient.class.getName(), Transport.class.getName());
    assertThat(required.get(ModelSummary.class.getName()).flags)
        .containsExactlyInAnyOrder(CONSTRUCTORS, METHODS, FIELDS, RECORD_COMPONENTS);
    assertThat(required.get(KeepAlive.class.getName()).flags)
        .containsExactlyInAnyOrder(CONSTRUCTORS, METHODS, FIELDS);
    assertThat(required.get("io.github.ollamaclient.embed.EmbeddingVectors$ListDeserializer").flags)
        .containsExactly(CONSTRUCTORS);
  }

  /** A record Jackson would read, which the shipped file knows nothing of, is reported. */
  @Test
  void aBoundRecordWithoutAnEntryIsReported() throws IOException {
    Map<String, Required> required = required(List.of(Unregistered.class));

    List<String> problems = problems(required, shippedReflectConfig());

    assertThat(required).containsKeys(Unregistered.class.getName(), Nested.class.getName());
    assertThat(problems)
        .anySatisfy(problem -> assertThat(problem).contains(Unregistered.class.getName()))
        .anySatisfy(problem -> assertThat(problem).contains(Nested.class.getName()));
  }

  @Test
  void includesEveryResourceCoreShips() throws IOException {
    List<Pattern> includes = shippedResourceIncludes();

    List<String> missing = new ArrayList<>();
    for (String resource : shippedResources()) {
      if (includes.stream().noneMatch(pattern -> pattern.matcher(resource).matches())) {
        missing.add(resource);
      }
    }

    assertThat(shippedResources()).contains("io/github/ollamaclient/version.properties");
    assertThat(missing).as("resources core ships but resource-config.json leaves out").isEmpty();
  }

  @Test
  void includesNoResourceCoreDoesNotShip() throws IOException {
    List<String> resources = shippedResources();

    for (Pattern pattern : shippedResourceIncludes()) {
      assertThat(resources)
          .as("resources matched by %s", pattern)
          .anyMatch(resource -> pattern.matcher(resource).matches());
    }
  }

  // ---- what the classes need -----------------------------------------------------------------

  /** What one entry must at least say. */
  record Required(Set<String> flags, Set<String> methods) {
    Required merge(Required other) {
      Set<String> allFlags = new TreeSet<>(flags);
      allFlags.addAll(other.flags);
      Set<String> allMethods = new TreeSet<>(methods);
      allMethods.addAll(other.methods);
      return new Required(allFlags, allMethods);
    }
  }

  /** The entries {@code classes} need, by class name, in name order. */
  static Map<String, Required> required(Collection<Class<?>> classes) {
    Set<Class<?>> bound = new LinkedHashSet<>();
    Deque<Class<?>> toVisit = new ArrayDeque<>();
    for (Class<?> type : classes) {
      if (hasJacksonAnnotation(type)) {
        toVisit.add(type);
      }
    }
    Set<Class<?>> created = new LinkedHashSet<>();
    while (!toVisit.isEmpty()) {
      Class<?> type = toVisit.poll();
      if (!bound.add(type)) {
        continue;
      }
      for (AnnotatedElement element : annotatedMembers(type)) {
        for (Annotation annotation : annotations(element)) {
          created.addAll(classesNamedBy(annotation));
        }
      }
      for (Type member : boundMemberTypes(type)) {
        for (Class<?> contained : ownClasses(member)) {
          if (!bound.contains(contained)) {
            toVisit.add(contained);
          }
        }
      }
    }

    Map<String, Required> required = new TreeMap<>();
    for (Class<?> type : bound) {
      Set<String> flags = new TreeSet<>(Set.of(CONSTRUCTORS, METHODS, FIELDS));
      if (type.isRecord()) {
        flags.add(RECORD_COMPONENTS);
      }
      required.merge(type.getName(), new Required(flags, Set.of()), Required::merge);
    }
    for (Class<?> type : created) {
      required.merge(type.getName(), new Required(Set.of(CONSTRUCTORS), Set.of()), Required::merge);
    }
    if (bound.stream().anyMatch(Class::isRecord)) {
      // Jackson's JDK14Util looks these up by name.
      required.merge(
          "java.lang.Class",
          new Required(Set.of(), Set.of("getRecordComponents()")),
          Required::merge);
      required.merge(
          "java.lang.reflect.RecordComponent",
          new Required(Set.of(), Set.of("getName()", "getType()")),
          Required::merge);
    }
    return required;
  }

  private static boolean hasJacksonAnnotation(Class<?> type) {
    if (type.isSynthetic() || type.isAnnotation()) {
      return false;
    }
    for (AnnotatedElement element : annotatedMembers(type)) {
      if (!annotations(element).isEmpty()) {
        return true;
      }
    }
    return false;
  }

  /** The class, its declared fields, methods and constructors, and their parameters. */
  private static List<AnnotatedElement> annotatedMembers(Class<?> type) {
    List<AnnotatedElement> elements = new ArrayList<>();
    elements.add(type);
    elements.addAll(List.of(type.getDeclaredFields()));
    for (Executable executable : executables(type)) {
      elements.add(executable);
      elements.addAll(List.of(executable.getParameters()));
    }
    if (type.isRecord()) {
      elements.addAll(List.of(type.getRecordComponents()));
    }
    return elements;
  }

  private static List<Executable> executables(Class<?> type) {
    List<Executable> executables = new ArrayList<>(List.of(type.getDeclaredMethods()));
    executables.addAll(List.of(type.getDeclaredConstructors()));
    return executables;
  }

  /** Jackson's annotations on {@code element}: those of jackson-annotations and databind. */
  private static List<Annotation> annotations(AnnotatedElement element) {
    return Stream.of(element.getDeclaredAnnotations())
        .filter(
            annotation -> {
              String name = annotation.annotationType().getName();
              return name.startsWith("com.fasterxml.jackson.annotation.")
                  || name.startsWith("com.fasterxml.jackson.databind.annotation.");
            })
        .toList();
  }

  /**
   * The client's classes an annotation names, such as {@code @JsonDeserialize(using = X.class)}:
   * Jackson creates them by reflection. Jackson's own defaults ({@code JsonDeserializer.None}) are
   * not the client's.
   */
  private static Set<Class<?>> classesNamedBy(Annotation annotation) {
    Set<Class<?>> named = new LinkedHashSet<>();
    for (Method element : annotation.annotationType().getDeclaredMethods()) {
      Object value;
      try {
        value = element.invoke(annotation);
      } catch (ReflectiveOperationException e) {
        throw new IllegalStateException(e);
      }
      Stream<?> values = value instanceof Object[] array ? Stream.of(array) : Stream.of(value);
      values
          .filter(v -> v instanceof Class<?> c && c.getName().startsWith(PACKAGE))
          .forEach(v -> named.add((Class<?>) v));
    }
    return named;
  }

  /**
   * The types of the members Jackson reads or writes on a bound class: annotated fields, the return
   * and parameter types of annotated methods and constructors, and record components.
   */
  private static List<Type> boundMemberTypes(Class<?> type) {
    List<Type> types = new ArrayList<>();
    for (Field field : type.getDeclaredFields()) {
      if (!annotations(field).isEmpty()) {
        types.add(field.getGenericType());
      }
    }
    for (Executable executable : executables(type)) {
      boolean annotated =
          !annotations(executable).isEmpty()
              || Stream.of(executable.getParameters()).anyMatch(p -> !annotations(p).isEmpty());
      if (annotated) {
        types.addAll(List.of(executable.getGenericParameterTypes()));
        if (executable instanceof Method method) {
          types.add(method.getGenericReturnType());
        }
      }
    }
    if (type.isRecord()) {
      for (RecordComponent component : type.getRecordComponents()) {
        types.add(component.getGenericType());
      }
    }
    return types;
  }

  /** The client's own classes in a type: itself, its type arguments, array elements, bounds. */
  private static Set<Class<?>> ownClasses(Type type) {
    Set<Class<?>> classes = new LinkedHashSet<>();
    if (type instanceof Class<?> c) {
      if (c.isArray()) {
        classes.addAll(ownClasses(c.getComponentType()));
      } else if (c.getName().startsWith(PACKAGE)) {
        classes.add(c);
      }
    } else if (type instanceof ParameterizedType parameterized) {
      classes.addAll(ownClasses(parameterized.getRawType()));
      for (Type argument : parameterized.getActualTypeArguments()) {
        classes.addAll(ownClasses(argument));
      }
    } else if (type instanceof GenericArrayType array) {
      classes.addAll(ownClasses(array.getGenericComponentType()));
    } else if (type instanceof WildcardType wildcard) {
      for (Type bound : wildcard.getUpperBounds()) {
        classes.addAll(ownClasses(bound));
      }
    }
    return classes;
  }

  // ---- comparing with the file ---------------------------------------------------------------

  /** What the file lacks of {@code required}, one line per class. */
  static List<String> problems(Map<String, Required> required, ArrayNode config) {
    Map<String, JsonNode> entries = new TreeMap<>();
    for (JsonNode entry : config) {
      entries.put(entry.path("name").asText(), entry);
    }
    List<String> problems = new ArrayList<>();
    required.forEach(
        (name, needs) -> {
          JsonNode entry = entries.get(name);
          if (entry == null) {
            problems.add(name + ": no entry");
            return;
          }
          for (String flag : needs.flags) {
            if (!entry.path(flag).asBoolean(false)) {
              problems.add(name + ": " + flag + " is not true");
            }
          }
          Set<String> listed = new TreeSet<>();
          for (JsonNode method : entry.path("methods")) {
            listed.add(signature(method));
          }
          for (String method : needs.methods) {
            if (!listed.contains(method)) {
              problems.add(name + ": method " + method + " is not listed");
            }
          }
        });
    return problems;
  }

  private static String signature(JsonNode method) {
    List<String> parameters = new ArrayList<>();
    method.path("parameterTypes").forEach(type -> parameters.add(type.asText()));
    return method.path("name").asText() + "(" + String.join(",", parameters) + ")";
  }

  /** The file {@code required} asks for, to paste in. */
  private static String render(Map<String, Required> required) {
    ArrayNode entries = JsonNodeFactory.instance.arrayNode();
    required.forEach(
        (name, needs) -> {
          ObjectNode entry = entries.addObject().put("name", name);
          needs.flags.forEach(flag -> entry.put(flag, true));
          if (!needs.methods.isEmpty()) {
            ArrayNode methods = entry.putArray("methods");
            for (String method : needs.methods) {
              methods
                  .addObject()
                  .put("name", method.substring(0, method.indexOf('(')))
                  .putArray("parameterTypes");
            }
          }
        });
    try {
      return JSON.writerWithDefaultPrettyPrinter().writeValueAsString(entries);
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
  }

  // ---- what core ships -----------------------------------------------------------------------

  /** Where the core classes were compiled to: this module's {@code target/classes}. */
  private static Path classesDirectory() {
    try {
      Path location =
          Path.of(OllamaClient.class.getProtectionDomain().getCodeSource().getLocation().toURI());
      assertThat(location).as("core's classes as a directory").isDirectory();
      return location;
    } catch (URISyntaxException e) {
      throw new IllegalStateException(e);
    }
  }

  /** Every class of core, loaded without running its initialiser. */
  private static List<Class<?>> coreClasses() throws IOException {
    Path root = classesDirectory();
    List<Class<?>> classes = new ArrayList<>();
    try (Stream<Path> files = Files.walk(root)) {
      for (Path file : files.filter(f -> f.toString().endsWith(".class")).sorted().toList()) {
        String name =
            root.relativize(file).toString().replace(file.getFileSystem().getSeparator(), ".");
        name = name.substring(0, name.length() - ".class".length());
        if (name.endsWith("package-info") || name.equals("module-info")) {
          continue;
        }
        try {
          classes.add(Class.forName(name, false, NativeImageMetadataTest.class.getClassLoader()));
        } catch (ClassNotFoundException e) {
          throw new IllegalStateException(e);
        }
      }
    }
    assertThat(classes).as("core classes found in %s", root).hasSizeGreaterThan(100);
    return classes;
  }

  /** The resources in core's jar that it may load at run time: all but classes and META-INF. */
  private static List<String> shippedResources() throws IOException {
    Path root = classesDirectory();
    try (Stream<Path> files = Files.walk(root)) {
      return files
          .filter(Files::isRegularFile)
          .map(f -> root.relativize(f).toString().replace(f.getFileSystem().getSeparator(), "/"))
          .filter(name -> !name.endsWith(".class") && !name.startsWith("META-INF/"))
          .sorted()
          .toList();
    }
  }

  private static ArrayNode shippedReflectConfig() throws IOException {
    JsonNode config = shipped("reflect-config.json");
    assertThat(config.isArray()).as("reflect-config.json is an array").isTrue();
    return (ArrayNode) config;
  }

  private static List<Pattern> shippedResourceIncludes() throws IOException {
    JsonNode includes = shipped("resource-config.json").path("resources").path("includes");
    assertThat(includes.isArray()).as("resource-config.json has resources.includes").isTrue();
    List<Pattern> patterns = new ArrayList<>();
    includes.forEach(include -> patterns.add(Pattern.compile(include.path("pattern").asText())));
    assertThat(patterns).isNotEmpty();
    return patterns;
  }

  private static JsonNode shipped(String file) throws IOException {
    try (InputStream in =
        NativeImageMetadataTest.class.getClassLoader().getResourceAsStream(METADATA + file)) {
      assertThat(in).as("%s%s on the class path", METADATA, file).isNotNull();
      return JSON.readTree(in);
    }
  }

  // ---- fixtures: a bound type the shipped file cannot know -----------------------------------

  record Unregistered(@JsonProperty("nested") List<Nested> nested) {}

  static final class Nested {
    @JsonProperty("value")
    String value;
  }
}
