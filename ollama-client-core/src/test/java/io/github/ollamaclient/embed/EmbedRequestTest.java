package io.github.ollamaclient.embed;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.ollamaclient.inference.KeepAlive;
import io.github.ollamaclient.inference.Options;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

class EmbedRequestTest {

  @Test
  void rejectsANullModel() {
    assertThatThrownBy(() -> EmbedRequest.builder(null).input("x").build())
        .isInstanceOf(NullPointerException.class)
        .hasMessage("model");
  }

  @Test
  void rejectsABlankModel() {
    assertThatThrownBy(() -> EmbedRequest.builder("  ").input("x").build())
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("model must not be blank");
  }

  @Test
  void rejectsARequestWithoutInput() {
    assertThatThrownBy(() -> EmbedRequest.builder("all-minilm").build())
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageStartingWith("inputs must hold at least one text");
  }

  @Test
  void rejectsAnEmptyInputList() {
    assertThatThrownBy(() -> EmbedRequest.builder("all-minilm").inputs(List.of()).build())
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageStartingWith("inputs must hold at least one text");
  }

  @Test
  void rejectsANullInputNamingItsIndex() {
    assertThatThrownBy(
            () -> EmbedRequest.builder("all-minilm").inputs(Arrays.asList("a", "b", null)).build())
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("inputs[2] is null");
  }

  @Test
  void rejectsANullSingleInput() {
    assertThatThrownBy(() -> EmbedRequest.builder("all-minilm").input(null))
        .isInstanceOf(NullPointerException.class)
        .hasMessage("input");
  }

  @Test
  void rejectsDimensionsThatAreNotPositive() {
    assertThatThrownBy(() -> EmbedRequest.builder("all-minilm").dimensions(0))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("dimensions must be positive, was 0");
    assertThatThrownBy(() -> EmbedRequest.builder("all-minilm").dimensions(-5))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("dimensions must be positive, was -5");
  }

  @Test
  void copiesTheInputListSoLaterChangesDoNotLeakIn() {
    List<String> texts = new ArrayList<>(List.of("a", "b"));
    EmbedRequest request = EmbedRequest.builder("all-minilm").inputs(texts).build();

    texts.add("c");

    assertThat(request.inputs()).containsExactly("a", "b");
    assertThatThrownBy(() -> request.inputs().add("d"))
        .isInstanceOf(UnsupportedOperationException.class);
  }

  @Test
  void theLastOfInputAndInputsWins() {
    EmbedRequest request =
        EmbedRequest.builder("all-minilm").inputs(List.of("a", "b")).input("c").build();

    assertThat(request.inputs()).containsExactly("c");
  }

  @Test
  void accessorsAreEmptyWhenUnset() {
    EmbedRequest request = EmbedRequest.builder("all-minilm").input("x").build();

    assertThat(request.model()).isEqualTo("all-minilm");
    assertThat(request.truncate()).isEmpty();
    assertThat(request.dimensions()).isEmpty();
    assertThat(request.options()).isEmpty();
    assertThat(request.keepAlive()).isEmpty();
  }

  @Test
  void toBuilderCopiesEveryValueIncludingTheSingleInputForm() {
    EmbedRequest request =
        EmbedRequest.builder("all-minilm")
            .input("x")
            .truncate(true)
            .dimensions(64)
            .options(Options.builder().numCtx(512).build())
            .keepAlive(KeepAlive.FOREVER)
            .build();
    EmbedRequest asList = request.toBuilder().inputs(List.of("x")).build();

    assertThat(request.toBuilder().build()).isEqualTo(request).hasSameHashCodeAs(request);
    assertThat(asList).isNotEqualTo(request);
    assertThat(request.truncate()).contains(true);
    assertThat(request.dimensions()).hasValue(64);
  }

  @Test
  void toStringCountsTheInputsInsteadOfPrintingThem() {
    EmbedRequest request =
        EmbedRequest.builder("all-minilm").inputs(List.of("secret one", "secret two")).build();

    assertThat(request)
        .hasToString("EmbedRequest[model=all-minilm, inputs=2]")
        .asString()
        .doesNotContain("secret");
  }
}
