/**
 * Chat with a model: {@code POST /api/chat}, through {@link
 * io.github.ollamaclient.OllamaClient#chat}, {@link io.github.ollamaclient.OllamaClient#chatStream}
 * and {@link io.github.ollamaclient.OllamaClient#chatAsync}.
 *
 * <p>A {@link io.github.ollamaclient.chat.ChatRequest} carries the conversation as {@link
 * io.github.ollamaclient.chat.Message}s; the answer is a {@link
 * io.github.ollamaclient.chat.ChatResponse} whose message is appended to the history for the next
 * turn. Tools are offered with {@link io.github.ollamaclient.chat.Tool#function}; the model's
 * {@link io.github.ollamaclient.chat.ToolCall}s are answered with {@link
 * io.github.ollamaclient.chat.Message#tool}.
 *
 * <pre>{@code
 * List<Message> history = new ArrayList<>(List.of(Message.user("What is the weather in Tokyo?")));
 * ChatResponse reply =
 *     client.chat(ChatRequest.builder("llama3.2").tool(weather).messages(history).build());
 * history.add(reply.message());
 * for (ToolCall call : reply.message().toolCalls()) {
 *   history.add(Message.tool(call.name(), lookUp(call.arguments(City.class))));
 * }
 * reply = client.chat(ChatRequest.builder("llama3.2").tool(weather).messages(history).build());
 * }</pre>
 *
 * <p>Every type here is immutable and thread-safe except the builders.
 */
package io.github.ollamaclient.chat;
