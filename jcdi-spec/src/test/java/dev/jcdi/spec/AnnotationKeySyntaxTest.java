package dev.jcdi.spec;

import static org.assertj.core.api.Assertions.assertThat;

import dev.jcdi.spec.internal.AllStrings;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** The hand-written annotation key matchers accept exactly what Kubernetes' expressions do. */
class AnnotationKeySyntaxTest {
  private static final Pattern DNS1123_SUBDOMAIN =
      Pattern.compile("[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*");
  private static final Pattern QUALIFIED_NAME_PART = Pattern.compile("([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]");

  @Test
  void sameAsTheRegularExpressionsOnEveryShortString() {
    char[] alphabet = "aZ09-._/ ".toCharArray();
    int[] checked = {0};
    AllStrings.every(alphabet, 6, s -> {
      assertThat(SpecValidator.isDns1123Subdomain(s)).as("subdomain %s", s).isEqualTo(DNS1123_SUBDOMAIN.matcher(s).matches());
      assertThat(SpecValidator.isQualifiedNamePart(s)).as("name part %s", s).isEqualTo(QUALIFIED_NAME_PART.matcher(s).matches());
      checked[0]++;
    });
    assertThat(checked[0]).isGreaterThan(500_000);
  }
}
