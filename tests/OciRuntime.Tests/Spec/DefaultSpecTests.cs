using OciRuntime.Spec;
using Xunit;

namespace OciRuntime.Tests.Spec;

public class DefaultSpecTests
{
    [Fact]
    public void Default_spec_matches_runc_spec()
    {
        Snapshot.Match("spec-default.json", SpecSerializer.Serialize(DefaultSpec.Create(rootless: false)));
    }

    [Fact]
    public void Rootless_spec_matches_runc_spec_rootless()
    {
        Snapshot.Match("spec-rootless.json", SpecSerializer.Serialize(DefaultSpec.Create(rootless: true, hostUid: 0, hostGid: 0)));
    }

    [Fact]
    public void Rootless_spec_maps_root_to_the_given_host_ids()
    {
        var linux = DefaultSpec.Create(rootless: true, hostUid: 1000, hostGid: 1001).Linux!;

        Assert.Equal((0u, 1000u, 1u), (linux.UidMappings![0].ContainerId, linux.UidMappings[0].HostId, linux.UidMappings[0].Size));
        Assert.Equal((0u, 1001u, 1u), (linux.GidMappings![0].ContainerId, linux.GidMappings[0].HostId, linux.GidMappings[0].Size));
    }

    [Fact]
    public void Each_call_returns_an_independent_spec()
    {
        var first = DefaultSpec.Create(rootless: false);
        first.Process!.Capabilities!.Bounding!.Add("CAP_SYS_ADMIN");
        first.Mounts!.Clear();

        var second = DefaultSpec.Create(rootless: false);

        Assert.Equal(3, second.Process!.Capabilities!.Bounding!.Count);
        Assert.Equal(3, second.Process.Capabilities.Effective!.Count);
        Assert.Equal(7, second.Mounts!.Count);
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void Default_specs_round_trip_byte_identically(bool rootless)
    {
        var json = SpecSerializer.Serialize(DefaultSpec.Create(rootless));

        Assert.Equal(json, SpecSerializer.Serialize(SpecSerializer.Deserialize(json)));
    }
}
