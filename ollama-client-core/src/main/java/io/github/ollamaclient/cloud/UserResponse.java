package io.github.ollamaclient.cloud;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * The answer of {@code POST /api/me}: the ollama.com account the Ollama server is signed in as,
 * whose plan and limits apply to the cloud models and web searches the server runs. Every field is
 * empty when the server did not send it (ollama.com leaves out what the account has not filled in).
 *
 * @param id the account's id, a UUID as text
 * @param email the account's e-mail address
 * @param name the account's user name on ollama.com
 * @param bio the account's profile text
 * @param avatarUrl the URL of the account's picture ({@code avatarurl} on the wire)
 * @param firstName the account holder's first name ({@code firstname})
 * @param lastName the account holder's last name ({@code lastname})
 * @param plan the account's subscription plan, as ollama.com names it
 */
public record UserResponse(
    String id,
    String email,
    String name,
    String bio,
    String avatarUrl,
    String firstName,
    String lastName,
    String plan) {

  /** Normalises absent values to empty strings. */
  public UserResponse {
    id = id == null ? "" : id;
    email = email == null ? "" : email;
    name = name == null ? "" : name;
    bio = bio == null ? "" : bio;
    avatarUrl = avatarUrl == null ? "" : avatarUrl;
    firstName = firstName == null ? "" : firstName;
    lastName = lastName == null ? "" : lastName;
    plan = plan == null ? "" : plan;
  }

  @JsonCreator
  static UserResponse fromJson(
      @JsonProperty("id") String id,
      @JsonProperty("email") String email,
      @JsonProperty("name") String name,
      @JsonProperty("bio") String bio,
      @JsonProperty("avatarurl") String avatarUrl,
      @JsonProperty("firstname") String firstName,
      @JsonProperty("lastname") String lastName,
      @JsonProperty("plan") String plan) {
    return new UserResponse(id, email, name, bio, avatarUrl, firstName, lastName, plan);
  }
}
