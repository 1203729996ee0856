package dev.jcdi.runtime;

import static dev.jcdi.runtime.TestConfigs.apply;
import static dev.jcdi.runtime.TestConfigs.config;
import static dev.jcdi.runtime.TestConfigs.j;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.jcdi.oci.OciConfig;
import dev.jcdi.spec.ContainerEdits;
import dev.jcdi.spec.DeviceNode;
import dev.jcdi.spec.Hook;
import dev.jcdi.spec.Mount;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** Applying container edits keeps everything else in the config: members, order, numbers. */
class LosslessApplyTest {

  private static final String INPUT =
      "{'ociVersion':'1.2.0','x-top':{'b':1,'a':[true,null]},"
          + "'process':{'terminal':false,'x-proc':'keep','env':['PATH=/bin','A=old'],'user':{'uid':0,'gid':0,'x-user':1},'cwd':'/'},"
          + "'mounts':[{'destination':'/proc','type':'proc','source':'proc','x-mnt':{'z':1,'y':2}}],"
          + "'linux':{'x-linux':[3,2,1],'devices':[{'path':'/dev/fuse','type':'c','major':10,'minor':229,'x-dev':'keep'}],"
          + "'resources':{'x-res':1}},"
          + "'zzz-last':'end'}";

  private static final ContainerEdits EDITS =
      ContainerEdits.builder()
          .env("A=new")
          .env("B=1")
          .deviceNodes(DeviceNode.of("/dev/null"))
          .mounts(Mount.of("/host/data", "/data"))
          .hooks(Hook.of("prestart", "/bin/true"))
          .additionalGids(44)
          .build();

  private static final String EXPECTED =
      """
      {
        "ociVersion": "1.2.0",
        "x-top": {
          "b": 1,
          "a": [
            true,
            null
          ]
        },
        "process": {
          "terminal": false,
          "x-proc": "keep",
          "env": [
            "PATH=/bin",
            "A=new",
            "B=1"
          ],
          "user": {
            "uid": 0,
            "gid": 0,
            "x-user": 1,
            "additionalGids": [
              44
            ]
          },
          "cwd": "/"
        },
        "mounts": [
          {
            "destination": "/proc",
            "type": "proc",
            "source": "proc",
            "x-mnt": {
              "z": 1,
              "y": 2
            }
          },
          {
            "destination": "/data",
            "source": "/host/data"
          }
        ],
        "linux": {
          "x-linux": [
            3,
            2,
            1
          ],
          "devices": [
            {
              "path": "/dev/fuse",
              "type": "c",
              "major": 10,
              "minor": 229,
              "x-dev": "keep"
            },
            {
              "path": "/dev/null",
              "type": "c",
              "major": 1,
              "minor": 3,
              "fileMode": 438
            }
          ],
          "resources": {
            "x-res": 1,
            "devices": [
              {
                "allow": true,
                "type": "c",
                "major": 1,
                "minor": 3,
                "access": "rwm"
              }
            ]
          }
        },
        "zzz-last": "end",
        "hooks": {
          "prestart": [
            {
              "path": "/bin/true"
            }
          ]
        }
      }
      """;

  private static final String NUMBERS =
      "{'a':1.0,'b':1e3,'c':12345678901234567890,'d':-0,'e':1E400,'f':0.10,'g':-1.5e-7,'h':-0.0,"
          + "'i':123456789012345678901234567890.000000000000000000001,'j':9223372036854775807,'k':-2147483649}";

  @Test
  void unknownMembersAtEveryLevelSurviveApplyInOrder() {
    assertThat(apply(INPUT, EDITS).toJson()).isEqualTo(EXPECTED);
  }

  @Test
  void theInputConfigIsNeverChanged() throws Exception {
    OciConfig input = config(INPUT);
    String before = input.toJson();
    JsonNode treeBefore = input.tree();
    OciConfig output = EditApplier.apply(input, EDITS);
    assertThat(input.toJson()).isEqualTo(before);
    assertThat(input.tree()).isEqualTo(treeBefore);
    assertThat(output).isNotEqualTo(input);
  }

  @Test
  void numbersKeepTheirExactTextThroughApply() {
    OciConfig before = config(NUMBERS);
    OciConfig after = apply(NUMBERS, ContainerEdits.builder().env("A=1").build());
    assertThat(after.toJson()).startsWith(before.toJson().substring(0, before.toJson().lastIndexOf('\n', before.toJson().length() - 3)));
    assertThat(after.toJson()).contains("\"e\": 1E400,", "\"a\": 1.0,", "\"c\": 12345678901234567890,");
  }

  @Test
  void writingWhatWasWrittenGivesTheSameText() throws Exception {
    OciConfig c = apply(INPUT, EDITS);
    assertThat(OciConfig.parse(c.toJsonBytes()).toJson()).isEqualTo(c.toJson());
    assertThat(new String(c.toJsonBytes(), StandardCharsets.UTF_8)).isEqualTo(c.toJson());
  }

  @Test
  void nullMeansAbsentAndIsReplacedInPlace() {
    assertThat(apply("{'process':null,'linux':null}", ContainerEdits.builder().env("A=1").additionalGids(3).build()).toJson())
        .isEqualTo(config("{'process':{'env':['A=1'],'user':{'additionalGids':[3]}},'linux':null}").toJson());
  }

}
