package org.feedmesh.feedsync;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

/** Every FeedSync rule the model enforces, as refusal cases with the words the message must carry. */
class SyncModelValidationTest {
  static final Instant T = Instant.parse("2026-03-01T09:00:00Z");
  static final History H1 = new History(1, T, "ep1");

  static Sync sync(String id, int updates, List<History> history, List<Item> conflicts) {
    return new Sync(id, updates, false, false, history, conflicts);
  }

  static Item version(String id) {
    return new Item(sync(id, 1, List.of(H1), List.of()), null);
  }

  static Stream<Arguments> refusals() {
    return Stream.of(
        refusal("updates 0", "updates", () -> sync("a", 0, List.of(H1), List.of())),
        refusal("updates negative", "updates", () -> sync("a", -3, List.of(H1), List.of())),
        refusal("updates min int", "updates",
            () -> sync("a", Integer.MIN_VALUE, List.of(H1), List.of())),
        refusal("sequence 0", "sequence", () -> new History(0, T, "ep1")),
        refusal("sequence negative", "sequence", () -> new History(-1, T, "ep1")),
        refusal("history without when and by", "when and by", () -> new History(1, null, null)),
        refusal("no history", "history", () -> sync("a", 1, List.of(), List.of())),
        refusal("null history", "history", () -> sync("a", 1, null, List.of())),
        refusal("by with a space", "sx:history/@by", () -> new History(1, T, "ep 1")),
        refusal("by non-ASCII", "sx:history/@by", () -> new History(1, T, "endpoint-é")),
        refusal("by astral", "sx:history/@by", () -> new History(1, T, "\uD83D\uDE00")),
        refusal("by empty", "sx:history/@by", () -> new History(1, T, "")),
        refusal("by bad escape", "sx:history/@by", () -> new History(1, T, "ep%4")),
        refusal("by non-hex escape", "sx:history/@by", () -> new History(1, T, "ep%zz")),
        refusal("by lone percent", "sx:history/@by", () -> new History(1, T, "%")),
        refusal("by with angle bracket", "sx:history/@by", () -> new History(1, T, "<ep1>")),
        refusal("id with a space", "sx:sync/@id", () -> sync("item 1", 1, List.of(H1), List.of())),
        refusal("id non-ASCII", "sx:sync/@id", () -> sync("ïtem", 1, List.of(H1), List.of())),
        refusal("id null", "sx:sync/@id", () -> sync(null, 1, List.of(H1), List.of())),
        refusal("id too long", "sx:sync/@id",
            () -> sync("a".repeat(Nss.MAX_LENGTH + 1), 1, List.of(H1), List.of())),
        refusal("noconflicts with conflicts", "noconflicts",
            () -> new Sync("a", 2, false, true, List.of(new History(2, T, "ep2")),
                List.of(version("a")))),
        refusal("conflict with another id", "different id",
            () -> sync("a", 2, List.of(new History(2, T, "ep2")), List.of(version("b")))),
        refusal("conflict with conflicts of its own", "conflicts of its own",
            () -> sync("a", 2, List.of(new History(2, T, "ep2")), List.of(new Item(
                sync("a", 1, List.of(H1), List.of(version("a"))), null)))),
        refusal("since without until", "until", () -> new Sharing("0001", null, null, List.of())),
        refusal("empty since", "empty", () -> new Sharing("", "0002", null, List.of())),
        refusal("cursor with letters", "cursor", () -> Sharing.parseCursor("12a")),
        refusal("cursor too long", "cursor", () -> Sharing.parseCursor("1".repeat(20))),
        refusal("related without link", "link",
            () -> new Related(null, Related.Type.COMPLETE, "x")),
        refusal("related of unknown type", "complete or aggregated",
            () -> Related.Type.fromXml("partial")),
        refusal("an update past the largest updates", "largest",
            () -> new Item(sync("a", Integer.MAX_VALUE,
                List.of(new History(Integer.MAX_VALUE, T, "ep1")), List.of()), null)
                .updated("ep1", T, null)));
  }

  static Arguments refusal(String name, String messagePart, Executable build) {
    return Arguments.of(name, messagePart, build);
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("refusals")
  void invalidFeedSyncIsRefusedWithAMessageNamingTheRule(String name, String messagePart,
      Executable build) {
    InvalidFeedSyncException e = assertThrows(InvalidFeedSyncException.class, build);
    assertTrue(e.getMessage().contains(messagePart), name + ": " + e.getMessage());
  }

  @ParameterizedTest
  @ValueSource(strings = {"ep1", "urn-like:ep1", "a%41b", "x(1)+,-.:=@;$_!*'/?#", "%E2%82%AC"})
  void byAndIdAcceptTheWholeNssSet(String value) {
    assertDoesNotThrow(() -> new History(1, null, value));
    assertDoesNotThrow(() -> sync(value, 1, List.of(H1), List.of()));
  }

  @Test
  void aHistoryEntryNeedsOnlyOneOfWhenAndBy() {
    assertDoesNotThrow(() -> new History(1, T, null));
    assertDoesNotThrow(() -> new History(1, null, "ep1"));
    assertDoesNotThrow(() -> new History(Integer.MAX_VALUE, T, "ep1"));
  }

  @Test
  void historyTimesAreKeptAsWholeSeconds() {
    History h = new History(1, Instant.parse("2026-03-01T09:00:00.999Z"), "ep1");
    assertEquals(T, h.when());
  }

  @Test
  void cursorsAreZeroPaddedSoThatTheyCollateAsStrings() {
    assertEquals("0000000000000000009", Sharing.cursor(9));
    assertTrue(Sharing.cursor(9).compareTo(Sharing.cursor(10)) < 0);
    assertEquals(10, Sharing.parseCursor(Sharing.cursor(10)));
  }
}
