package dev.jcdi.runtime.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.Random;
import org.junit.jupiter.api.Test;

class Sha256Test {
  private static String hex(byte[] b) {
    return HexFormat.of().formatHex(b);
  }

  @Test
  void knownVectors() {
    // FIPS 180-4 examples (one block, two blocks) and the empty message
    assertThat(hex(Sha256.digest(new byte[0])))
        .isEqualTo("e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");
    assertThat(hex(Sha256.digest("abc".getBytes(StandardCharsets.US_ASCII))))
        .isEqualTo("ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
    assertThat(hex(Sha256.digest("abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq".getBytes(StandardCharsets.US_ASCII))))
        .isEqualTo("248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1");
  }

  @Test
  void sameAsTheJdksForEveryLengthAroundTheBlockEdges() throws Exception {
    Random random = new Random(42);
    MessageDigest jdk = MessageDigest.getInstance("SHA-256");
    for (int n = 0; n <= 300; n++) {
      byte[] data = new byte[n];
      random.nextBytes(data);
      assertThat(Sha256.digest(data)).as("length %d", n).isEqualTo(jdk.digest(data));
    }
    byte[] big = new byte[(1 << 20) + 17];
    random.nextBytes(big);
    assertThat(Sha256.digest(big)).isEqualTo(jdk.digest(big));
  }
}
