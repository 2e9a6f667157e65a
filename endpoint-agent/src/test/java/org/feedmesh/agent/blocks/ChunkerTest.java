package org.feedmesh.agent.blocks;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ChunkerTest {

  private static List<Integer> cuts(Chunker c, byte[] data) {
    List<Integer> sizes = new ArrayList<>();
    int at = 0;
    while (at < data.length) {
      int n = c.cut(data, at, data.length - at);
      sizes.add(n);
      at += n;
    }
    return sizes;
  }

  @Test
  void defaultParamsAre256KiBOneMiBAndFourMiB() {
    assertEquals(new ChunkerParams(262_144, 1_048_576, 4_194_304), ChunkerParams.DEFAULT);
  }

  @Test
  void theGearTableIsTheSameOnEveryRunAndHasNoRepeatedEntries() {
    long[] a = Chunker.gearTable(42);
    assertArrayEquals(a, Chunker.gearTable(42));
    assertEquals(256, java.util.Arrays.stream(a).distinct().count());
  }

  @Test
  void blockSizesStayWithinMinAndMaxAndAverageNearTheTarget() {
    Chunker c = new Chunker(TestData.SMALL);
    byte[] data = TestData.random(1, 8 << 20);
    List<Integer> sizes = cuts(c, data);
    for (int i = 0; i < sizes.size() - 1; i++) {
      int s = sizes.get(i);
      assertTrue(s >= 4096 && s <= 65536, "block " + i + " has size " + s);
    }
    double mean = data.length / (double) sizes.size();
    assertTrue(mean > 12_000 && mean < 24_000, "mean block size " + mean);
  }

  @Test
  void contentWithoutCutPointsIsCutAtMax() {
    Chunker c = new Chunker(TestData.SMALL);
    byte[] zeros = new byte[200_000];
    List<Integer> sizes = cuts(c, zeros);
    assertEquals(List.of(65536, 65536, 65536, 200_000 - 3 * 65536), sizes);
  }

  @Test
  void aShortTailIsOneBlock() {
    Chunker c = new Chunker(TestData.SMALL);
    assertEquals(100, c.cut(new byte[100], 0, 100));
  }

  @Test
  void theSameContentIsCutTheSameWayAtAnyArrayOffset() {
    Chunker c = new Chunker(TestData.SMALL);
    byte[] data = TestData.random(2, 300_000);
    byte[] shifted = new byte[data.length + 17];
    System.arraycopy(data, 0, shifted, 17, data.length);
    assertEquals(c.cut(data, 0, data.length), c.cut(shifted, 17, data.length));
  }

  @ParameterizedTest(name = "min={0} avg={1} max={2} is refused")
  @CsvSource({
    "0, 16384, 65536",
    "16384, 16384, 65536",
    "4096, 10000, 65536",
    "4096, 32, 65536",
    "4096, 16384, 16384",
    "4096, 16384, 33554432",
  })
  void badParamsAreRefusedWithAClearMessage(int min, int avg, int max) {
    IllegalArgumentException e =
        assertThrows(IllegalArgumentException.class, () -> new ChunkerParams(min, avg, max));
    assertTrue(e.getMessage().startsWith("chunker "), e.getMessage());
  }
}
