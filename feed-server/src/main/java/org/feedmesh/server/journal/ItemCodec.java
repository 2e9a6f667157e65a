package org.feedmesh.server.journal;

import com.fasterxml.jackson.annotation.JsonAutoDetect.Visibility;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.PropertyAccessor;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonDeserializer;
import com.fasterxml.jackson.databind.JsonSerializer;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializerProvider;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.module.SimpleModule;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Instant;
import org.feedmesh.feedsync.Item;

/**
 * How the journal stores an item version: the FeedSync model's records as JSON, field by field
 * (record components only), with instants as RFC 3339 strings. This is a storage format private to
 * the server, not a wire format: feeds are written from the decoded model by the FeedSync writer.
 * Decoding runs the model's constructors, so a stored item is validated again when read.
 */
public final class ItemCodec {
  private final ObjectMapper json;

  public ItemCodec() {
    SimpleModule instants =
        new SimpleModule("instants")
            .addSerializer(
                Instant.class,
                new JsonSerializer<>() {
                  @Override
                  public void serialize(
                      Instant value, JsonGenerator gen, SerializerProvider provider)
                      throws IOException {
                    gen.writeString(value.toString());
                  }
                })
            .addDeserializer(
                Instant.class,
                new JsonDeserializer<>() {
                  @Override
                  public Instant deserialize(JsonParser p, DeserializationContext ctxt)
                      throws IOException {
                    return Instant.parse(p.getValueAsString());
                  }
                });
    this.json =
        JsonMapper.builder()
            .visibility(PropertyAccessor.ALL, Visibility.NONE)
            .visibility(PropertyAccessor.FIELD, Visibility.ANY)
            .visibility(PropertyAccessor.CREATOR, Visibility.ANY)
            .serializationInclusion(JsonInclude.Include.NON_NULL)
            .configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, false)
            .addModule(instants)
            .build();
  }

  public String encode(Item item) {
    try {
      return json.writeValueAsString(item);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot encode item " + item.id(), e);
    }
  }

  /**
   * @throws IllegalStateException when the stored text is not a valid item (a corrupt row)
   */
  public Item decode(String text) {
    try {
      return json.readValue(text, Item.class);
    } catch (IOException e) {
      throw new IllegalStateException("a stored item cannot be decoded: " + e.getMessage(), e);
    }
  }
}
