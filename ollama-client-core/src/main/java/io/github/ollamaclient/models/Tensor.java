package io.github.ollamaclient.models;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;

/**
 * One tensor of a model's file, as a verbose {@code POST /api/show} lists it ({@code tensors}).
 *
 * @param name the tensor's name, such as {@code token_embd.weight}
 * @param type its data type, such as {@code Q4_K} or {@code F32}
 * @param shape its dimensions, outermost first
 */
public record Tensor(String name, String type, List<Long> shape) {
  /** Normalises absent values: empty strings and list. */
  public Tensor {
    name = name == null ? "" : name;
    type = type == null ? "" : type;
    shape = shape == null ? List.of() : List.copyOf(shape);
  }

  @JsonCreator
  static Tensor fromJson(
      @JsonProperty("name") String name,
      @JsonProperty("type") String type,
      @JsonProperty("shape") List<Long> shape) {
    return new Tensor(name, type, shape);
  }
}
