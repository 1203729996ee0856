package dev.jcdi.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class TomlKeysTest {
  @Test
  void readsTablesBooleansStringsAndArraysOverLines() {
    List<TomlKeys.Entry> e = TomlKeys.read("""
        top = "x # not a comment"
        [plugins.'io.containerd.cri.v1.runtime']
          enable_cdi = false # comment
          cdi_spec_dirs = ['/a',
             "/b\\"c",  # trailing
          ]
        [[list]]
        n = 3
        """);
    assertThat(e).extracting(TomlKeys.Entry::table, TomlKeys.Entry::key, TomlKeys.Entry::value).containsExactly(
        org.assertj.core.groups.Tuple.tuple("", "top", "x # not a comment"),
        org.assertj.core.groups.Tuple.tuple("plugins.'io.containerd.cri.v1.runtime'", "enable_cdi", false),
        org.assertj.core.groups.Tuple.tuple("plugins.'io.containerd.cri.v1.runtime'", "cdi_spec_dirs", List.of("/a", "/b\"c")),
        org.assertj.core.groups.Tuple.tuple("list", "n", "3"));
  }
}
