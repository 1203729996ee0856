package dev.jcdi.runtime.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.jcdi.spec.SpecReader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** How much work a refresh of the cache does: it reads and parses only what changed. */
class SpecCacheTest {
  @TempDir Path tmp;

  private static String spec(int i, int value) {
    return "{\"cdiVersion\":\"0.5.0\",\"kind\":\"vendor.com/gpu\",\"devices\":[{\"name\":\"g" + i
        + "\",\"containerEdits\":{\"env\":[\"V=" + value + "\"]}}]}";
  }

  private Path corpus(int n) throws Exception {
    Path dir = Files.createDirectories(tmp.resolve("cdi"));
    for (int i = 0; i < n; i++) {
      Files.writeString(dir.resolve(String.format("s%04d.json", i)), spec(i, 0));
    }
    return dir;
  }

  @Test
  void refreshWithTrustedStampsReadsOnlyTheChangedFile() throws Exception {
    Path dir = corpus(200);
    // A clock well past every file's times: equal stamps are trusted.
    SpecCache cache = new SpecCache(List.of(dir), SpecReader.standard(), () -> System.currentTimeMillis() + 60_000);
    cache.refreshAll();
    assertThat(cache.filesRead()).isEqualTo(200);
    assertThat(cache.snapshot(Map.of()).deviceNames()).hasSize(200);

    cache.refreshAll();
    assertThat(cache.filesRead()).isEqualTo(200);
    assertThat(cache.dirty()).isFalse();

    Files.writeString(dir.resolve("s0100.json"), spec(100, 12));
    cache.refreshAll();
    assertThat(cache.filesRead()).isEqualTo(201);
    assertThat(cache.filesParsed()).isEqualTo(201);
    assertThat(cache.dirty()).isTrue();
    assertThat(cache.snapshot(Map.of()).devices().get("vendor.com/gpu=g100").device().containerEdits().env()).containsExactly("V=12");
  }

  @Test
  void recentlyChangedFilesAreRehashedButNotReparsedWhenTheirContentIsTheSame() throws Exception {
    Path dir = corpus(20);
    SpecCache cache = new SpecCache(List.of(dir), SpecReader.standard(), System::currentTimeMillis);
    cache.refreshAll();
    cache.snapshot(Map.of());

    cache.refreshAll();

    // Just written, so their stamps are racy: read again and hashed, never parsed again.
    assertThat(cache.filesRead()).isEqualTo(40);
    assertThat(cache.filesParsed()).isEqualTo(20);
    assertThat(cache.dirty()).isFalse();
  }

  @Test
  void refreshOfOneFileReadsOnlyThatFile() throws Exception {
    Path dir = corpus(50);
    SpecCache cache = new SpecCache(List.of(dir), SpecReader.standard(), () -> System.currentTimeMillis() + 60_000);
    cache.refreshAll();
    Files.writeString(dir.resolve("new.json"), spec(999, 1));

    cache.refreshFile(0, "new.json");

    assertThat(cache.filesRead()).isEqualTo(51);
    assertThat(cache.snapshot(Map.of()).deviceNames()).hasSize(51).contains("vendor.com/gpu=g999");
    Files.delete(dir.resolve("new.json"));
    cache.refreshFile(0, "new.json");
    assertThat(cache.snapshot(Map.of()).deviceNames()).hasSize(50);
  }

  @Test
  void onlySpecFileNamesCanBeRefreshedOneByOne() {
    SpecCache cache = new SpecCache(List.of(tmp), SpecReader.standard(), System::currentTimeMillis);

    assertThatThrownBy(() -> cache.refreshFile(0, "x.yml")).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> cache.refreshFile(0, "sub/x.yaml")).isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void namesSortByCodePointsLikeGoSortsBytes() {
    // UTF-16 order would put U+FF5E before U+1F600 (a surrogate pair); UTF-8 byte order does not.
    assertThat(SpecCache.NAME_ORDER.compare("\uFF5E.yaml", "\uD83D\uDE00.yaml")).isNegative();
    assertThat(SpecCache.NAME_ORDER.compare("a.yaml", "b.yaml")).isNegative();
    assertThat(SpecCache.NAME_ORDER.compare("a.yaml", "a.yaml.json")).isNegative();
    assertThat(SpecCache.NAME_ORDER.compare("B.yaml", "a.yaml")).isNegative();
  }
}
