using System.Text;
using OciRuntime.Container.State;
using Xunit;

namespace OciRuntime.Tests.State;

public sealed class RecordedSpecTests
{
    private static ContainerRecord Record(string parts) =>
        ContainerRecordJson.Deserialize(Encoding.UTF8.GetBytes($$"""{"id":"c1","bundle":"/b","rootfs":"/b/r",{{parts}}}"""));

    [Fact]
    public void Recorded_parts_read_back_as_the_spec_model()
    {
        var record = Record("""
            "hooks":{"poststop":[{"path":"/bin/true","timeout":5}]},"process":{"args":["sh"],"cwd":"/","user":{"uid":7}},
            "seccomp":{"defaultAction":"SCMP_ACT_ERRNO","syscalls":[{"names":["kill"],"action":"SCMP_ACT_ALLOW"}]}
            """);

        Assert.Equal(5, RecordedSpec.Hooks(record)!.Poststop![0].Timeout);
        Assert.Equal((7u, "/"), (RecordedSpec.Process(record)!.User.Uid, RecordedSpec.Process(record)!.Cwd));
        Assert.Equal(["kill"], RecordedSpec.Seccomp(record)!.Syscalls![0].Names);
    }

    [Fact]
    public void Absent_or_null_parts_are_null()
    {
        var record = Record("\"hooks\":null");

        Assert.Null(RecordedSpec.Hooks(record));
        Assert.Null(RecordedSpec.Process(record));
    }

    [Fact]
    public void A_part_of_the_wrong_type_names_the_state_and_the_part()
    {
        var record = Record("\"process\":{\"args\":\"sh\"}");

        Assert.Equal("state: process: args: expected an array of strings (line 1, column 13)",
            Assert.Throws<OciRuntimeException>(() => RecordedSpec.Process(record)).Message);
    }
}
