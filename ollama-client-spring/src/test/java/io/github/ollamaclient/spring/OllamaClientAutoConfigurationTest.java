package io.github.ollamaclient.spring;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.ollamaclient.OllamaClient;
import io.github.ollamaclient.error.OllamaException;
import io.github.ollamaclient.error.OllamaTimeoutException;
import io.github.ollamaclient.inference.KeepAlive;
import io.github.ollamaclient.observe.CallEvent;
import io.github.ollamaclient.observe.OllamaListener;
import java.net.InetAddress;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import mockwebserver3.RecordedRequest;
import okhttp3.OkHttpClient;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.beans.factory.support.AbstractBeanDefinition;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Bean;
import org.springframework.core.annotation.Order;

class OllamaClientAutoConfigurationTest {
  @RegisterExtension final FakeOllama ollama = new FakeOllama();

  private final ApplicationContextRunner contextRunner =
      new ApplicationContextRunner().withConfiguration(OllamaAutoConfigurations.all());

  @Test
  void providesAClientForTheEnvironmentsServerWhenNothingIsSet() {
    contextRunner.run(
        context -> {
          assertThat(context).hasSingleBean(OllamaClient.class);
          try (OllamaClient fromEnv = OllamaClient.fromEnv()) {
            assertThat(context.getBean(OllamaClient.class).baseUrl()).isEqualTo(fromEnv.baseUrl());
          }
          OllamaClientProperties properties = context.getBean(OllamaClientProperties.class);
          assertThat(properties.getModel()).isNull();
          assertThat(properties.getHealth().getTimeout()).isEqualTo(Duration.ofSeconds(2));
        });
  }

  @Test
  void sendsRequestsToTheConfiguredBaseUrl() {
    contextRunner
        .withPropertyValues("ollama.base-url=" + ollama.url() + "/ollama/")
        .run(
            context -> {
              OllamaClient client = context.getBean(OllamaClient.class);
              assertThat(client.baseUrl()).isEqualTo(ollama.url() + "/ollama");
              ollama.enqueueVersion("0.12.6");
              assertThat(client.version()).isEqualTo("0.12.6");
              assertThat(ollama.takeRequest().getTarget()).isEqualTo("/ollama/api/version");
            });
  }

  @Test
  void acceptsTheBaseUrlInOllamaHostSyntax() {
    contextRunner
        .withPropertyValues("ollama.base-url=gpu-box")
        .run(
            context ->
                assertThat(context.getBean(OllamaClient.class).baseUrl())
                    .isEqualTo("http://gpu-box:11434"));
  }

  @Test
  void sendsTheApiKeyAsABearerToken() {
    contextRunner
        .withPropertyValues(ollama.baseUrlProperty(), "ollama.api-key=sk-test")
        .run(
            context -> {
              ollama.enqueueVersion("0.12.6");
              context.getBean(OllamaClient.class).version();
              assertThat(ollama.takeRequest().getHeaders().get("Authorization"))
                  .isEqualTo("Bearer sk-test");
            });
  }

  /** A server "on another machine": a name that OkHttp is told resolves to the fake. */
  private OllamaClientBuilderCustomizer onTheLan() {
    return builder ->
        builder.httpClient(
            new OkHttpClient.Builder()
                .dns(hostname -> List.of(InetAddress.getLoopbackAddress()))
                .build());
  }

  @Test
  void keepsTheApiKeyOffPlainHttpToAnotherMachine() {
    contextRunner
        .withBean(OllamaClientBuilderCustomizer.class, this::onTheLan)
        .withPropertyValues(
            "ollama.base-url=http://ollama.lan:" + ollama.port(), "ollama.api-key=sk-test")
        .run(
            context -> {
              ollama.enqueueVersion("0.12.6");
              context.getBean(OllamaClient.class).version();
              assertThat(ollama.takeRequest().getHeaders().get("Authorization")).isNull();
            });
  }

  @Test
  void sendsTheApiKeyOverPlainHttpToAHostAllowedByName() {
    contextRunner
        .withBean(OllamaClientBuilderCustomizer.class, this::onTheLan)
        .withPropertyValues(
            "ollama.base-url=http://ollama.lan:" + ollama.port(),
            "ollama.api-key=sk-test",
            "ollama.allow-api-key-over-http=gpu-box,ollama.lan")
        .run(
            context -> {
              ollama.enqueueVersion("0.12.6");
              context.getBean(OllamaClient.class).version();
              assertThat(ollama.takeRequest().getHeaders().get("Authorization"))
                  .isEqualTo("Bearer sk-test");
            });
  }

  @Test
  void sendsTheConfiguredHeadersWithEveryRequest() {
    contextRunner
        .withPropertyValues(
            ollama.baseUrlProperty(),
            "ollama.headers[X-Team]=search",
            "ollama.headers[X-Tenant]=blue")
        .run(
            context -> {
              ollama.enqueueVersion("0.12.6");
              context.getBean(OllamaClient.class).version();
              RecordedRequest request = ollama.takeRequest();
              assertThat(request.getHeaders().get("X-Team")).isEqualTo("search");
              assertThat(request.getHeaders().get("X-Tenant")).isEqualTo("blue");
            });
  }

  @Test
  void givesUpWhenNoBytesArriveWithinTheReadTimeout() {
    contextRunner
        .withPropertyValues(ollama.baseUrlProperty(), "ollama.read-timeout=200ms")
        .run(
            context -> {
              ollama.enqueueStalled(Duration.ofSeconds(3));
              assertThatThrownBy(() -> context.getBean(OllamaClient.class).version())
                  .isInstanceOf(OllamaTimeoutException.class);
            });
  }

  @Test
  void givesUpWhenTheWholeCallExceedsTheCallTimeout() {
    contextRunner
        .withPropertyValues(ollama.baseUrlProperty(), "ollama.call-timeout=200ms")
        .run(
            context -> {
              ollama.enqueueStalled(Duration.ofSeconds(3));
              long start = System.nanoTime();
              // The default read timeout is 10 minutes: only the call timeout can end this early.
              // (Core reports an expired call timeout as OllamaCancelledException for now, since
              // OkHttp enforces it by cancelling the call; hence the common supertype here.)
              assertThatThrownBy(() -> context.getBean(OllamaClient.class).version())
                  .isInstanceOf(OllamaException.class);
              assertThat(Duration.ofNanos(System.nanoTime() - start))
                  .isLessThan(Duration.ofSeconds(2));
            });
  }

  @Test
  void bindsTheConnectAndWriteTimeouts() {
    contextRunner
        .withPropertyValues("ollama.connect-timeout=3s", "ollama.write-timeout=1m")
        .run(
            context -> {
              assertThat(context).hasSingleBean(OllamaClient.class);
              OllamaClientProperties properties = context.getBean(OllamaClientProperties.class);
              assertThat(properties.getConnectTimeout()).isEqualTo(Duration.ofSeconds(3));
              assertThat(properties.getWriteTimeout()).isEqualTo(Duration.ofMinutes(1));
            });
  }

  @Test
  void bindsTheKeepAliveAndTheHealthTimeout() {
    contextRunner
        .withPropertyValues("ollama.keep-alive=30m", "ollama.health.timeout=500ms")
        .run(
            context -> {
              assertThat(context).hasSingleBean(OllamaClient.class);
              OllamaClientProperties properties = context.getBean(OllamaClientProperties.class);
              assertThat(properties.getKeepAlive()).isEqualTo(Duration.ofMinutes(30));
              assertThat(properties.getHealth().getTimeout()).isEqualTo(Duration.ofMillis(500));
            });
  }

  @Test
  void readsANegativeKeepAliveAsForeverAndZeroAsUnload() {
    assertThat(OllamaClientAutoConfiguration.keepAlive(Duration.ofSeconds(-1)))
        .isEqualTo(KeepAlive.FOREVER);
    assertThat(OllamaClientAutoConfiguration.keepAlive(Duration.ZERO)).isEqualTo(KeepAlive.UNLOAD);
    assertThat(OllamaClientAutoConfiguration.keepAlive(Duration.ofMinutes(30)))
        .isEqualTo(KeepAlive.of(Duration.ofMinutes(30)));
  }

  @Test
  void exposesTheDefaultModelToTheApplication() {
    contextRunner
        .withPropertyValues("ollama.model=llama3.2")
        .run(
            context ->
                assertThat(context.getBean(OllamaClientProperties.class).getModel())
                    .isEqualTo("llama3.2"));
  }

  @Test
  void backsOffWhenTheApplicationDefinesAClient() {
    contextRunner
        .withBean(
            "myClient", OllamaClient.class, () -> OllamaClient.builder().baseUrl(":1").build())
        .withPropertyValues("ollama.base-url=http://ignored:11434")
        .run(
            context -> {
              assertThat(context).hasSingleBean(OllamaClient.class).hasBean("myClient");
              assertThat(context.getBean(OllamaClient.class).baseUrl())
                  .isEqualTo("http://127.0.0.1:1");
            });
  }

  @Test
  void appliesCustomizersInTheirOrder() {
    contextRunner
        .withPropertyValues(ollama.baseUrlProperty())
        .withUserConfiguration(OrderedCustomizers.class)
        .run(
            context -> {
              assertThat(context.getBean(OrderedCustomizers.class).calls)
                  .containsExactly("first", "second");
              ollama.enqueueVersion("0.12.6");
              context.getBean(OllamaClient.class).version();
              assertThat(ollama.takeRequest().getHeaders().get("X-Step")).isEqualTo("second");
            });
  }

  @Test
  void appliesCustomizersAfterTheProperties() {
    contextRunner
        .withPropertyValues(ollama.baseUrlProperty(), "ollama.headers[X-Step]=property")
        .withBean(
            OllamaClientBuilderCustomizer.class,
            () -> builder -> builder.header("X-Step", "customizer"))
        .run(
            context -> {
              ollama.enqueueVersion("0.12.6");
              context.getBean(OllamaClient.class).version();
              assertThat(ollama.takeRequest().getHeaders().get("X-Step")).isEqualTo("customizer");
            });
  }

  @Test
  void tellsEveryListenerBeanOfEachCall() {
    List<String> heard = new CopyOnWriteArrayList<>();
    contextRunner
        .withPropertyValues(ollama.baseUrlProperty())
        .withBean(
            "first", OllamaListener.class, () -> event -> heard.add("first:" + event.operation()))
        .withBean(
            "second", OllamaListener.class, () -> event -> heard.add("second:" + event.outcome()))
        .run(
            context -> {
              ollama.enqueueVersion("0.12.6");
              context.getBean(OllamaClient.class).version();
              assertThat(heard).containsExactlyInAnyOrder("first:version", "second:SUCCESS");
            });
  }

  @Test
  void tellsTheOtherListenersWhenOneThrows() {
    List<CallEvent> heard = new CopyOnWriteArrayList<>();
    contextRunner
        .withPropertyValues(ollama.baseUrlProperty())
        .withBean(
            "failing",
            OllamaListener.class,
            () ->
                event -> {
                  throw new IllegalStateException("listener bug");
                })
        .withBean("recording", OllamaListener.class, () -> heard::add)
        .run(
            context -> {
              ollama.enqueueVersion("0.12.6");
              assertThat(context.getBean(OllamaClient.class).version()).isEqualTo("0.12.6");
              assertThat(heard).hasSize(1);
            });
  }

  @Test
  void closesTheClientWithTheContext() {
    contextRunner.run(
        context -> {
          AbstractBeanDefinition definition =
              (AbstractBeanDefinition) context.getBeanFactory().getBeanDefinition("ollamaClient");
          assertThat(definition.getDestroyMethodNames()).containsExactly("close");
        });
  }

  static class OrderedCustomizers {
    final List<String> calls = new CopyOnWriteArrayList<>();

    @Bean
    @Order(2)
    OllamaClientBuilderCustomizer second() {
      return builder -> {
        calls.add("second");
        builder.header("X-Step", "second");
      };
    }

    @Bean
    @Order(1)
    OllamaClientBuilderCustomizer first() {
      return builder -> {
        calls.add("first");
        builder.header("X-Step", "first");
      };
    }
  }
}
