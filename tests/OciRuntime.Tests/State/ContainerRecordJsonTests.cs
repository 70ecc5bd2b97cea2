using System.Text;
using System.Text.Json;
using OciRuntime.Cgroups;
using OciRuntime.Container.State;
using Xunit;

namespace OciRuntime.Tests.State;

public sealed class ContainerRecordJsonTests
{
    // As the System.Text.Json source generator wrote it before the hand-written serializer: still readable.
    private const string Written = """
        {"id":"c1","bundle":"/b","rootfs":"/b/rootfs","init_pid":42,"init_start_time":123456789,
         "created":"2026-11-23T15:00:00.1234567Z","owner":"root","annotations":{"a":"b"},"phase":"running",
         "cgroups":{"mode":"Hybrid","v1":{"cpu":"/sys/fs/cgroup/cpu/c1"},"unified":"/sys/fs/cgroup/unified/c1","rootless":false},
         "intel_rdt":{"path":"/sys/fs/resctrl/c1","owned":true,"monitor_path":"/sys/fs/resctrl/c1/mon_groups/c1"},
         "namespace_paths":{"pid":"/proc/42/ns/pid"},"hooks":{"poststop":[{"path":"/bin/true"}]},
         "process":{"args":["sh"],"cwd":"/"},"seccomp":{"defaultAction":"SCMP_ACT_ALLOW"},"config_hash":"abc",
         "future_field":{"x":[1,2]}}
        """;

    [Fact]
    public void Every_field_survives_a_read_and_a_write()
    {
        var record = ContainerRecordJson.Deserialize(Encoding.UTF8.GetBytes(Written));

        Assert.Equal(("c1", "/b", "/b/rootfs", 42, 123456789UL), (record.Id, record.Bundle, record.Rootfs, record.InitPid, record.InitStartTime));
        Assert.Equal(new DateTime(2026, 11, 23, 15, 0, 0, DateTimeKind.Utc).AddTicks(1234567), record.Created);
        Assert.Equal(LifecyclePhase.Running, record.Phase);
        Assert.Equal(CgroupMode.Hybrid, record.Cgroups!.Mode);
        Assert.Equal("/sys/fs/cgroup/cpu/c1", record.Cgroups.V1["cpu"]);
        Assert.Equal("/proc/42/ns/pid", record.NamespacePaths["pid"]);
        Assert.Equal(new("/sys/fs/resctrl/c1", true, "/sys/fs/resctrl/c1/mon_groups/c1"), record.IntelRdt);
        Assert.Equal("sh", record.Process!.Value.GetProperty("args")[0].GetString());

        var again = ContainerRecordJson.Deserialize(ContainerRecordJson.Serialize(record));
        using var expected = JsonDocument.Parse(Written);
        using var actual = JsonDocument.Parse(ContainerRecordJson.Serialize(again));
        Assert.True(JsonElement.DeepEquals(expected.RootElement, actual.RootElement), Encoding.UTF8.GetString(ContainerRecordJson.Serialize(again)));
    }

    [Theory]
    [InlineData("""{"id":"c1","bundle":"/b"}""")]
    [InlineData("""{"id":"c1","bundle":"/b","rootfs":"/r","init_pid":"x"}""")]
    [InlineData("""{"id":"c1","bundle":"/b","rootfs":"/r","init_pid":99999999999}""")]
    [InlineData("""{"id":"c1","bundle":"/b","rootfs":"/r","created":"yesterday"}""")]
    [InlineData("""{"id":"c1","bundle":"/b","rootfs":"/r","phase":"paused"}""")]
    [InlineData("""{"id":"c1","bundle":"/b","rootfs":"/r","cgroups":{"mode":"v3"}}""")]
    [InlineData("""{"id":"c1","bundle":"/b","rootfs":"/r","annotations":{"a":1}}""")]
    [InlineData("""{"id":"c1","bundle":"/b","rootfs":""")]
    [InlineData("""[]""")]
    public void Malformed_state_is_a_JsonException(string json) =>
        Assert.ThrowsAny<JsonException>(() => ContainerRecordJson.Deserialize(Encoding.UTF8.GetBytes(json)));
}
