using OciRuntime.Container.Init;
using OciRuntime.Spec;
using Xunit;

namespace OciRuntime.Tests.Container;

/// <summary>linux.memoryPolicy as set_mempolicy(2)'s arguments, and the nodes refused before create makes anything.</summary>
public sealed class MemoryPolicySettingTests
{
    [Fact]
    public void Bind_with_static_nodes_is_mode_2_with_the_flag_and_a_mask_of_the_listed_nodes()
    {
        var setting = MemoryPolicySetting.From(new LinuxMemoryPolicy { Mode = "MPOL_BIND", Nodes = "0-2,65", Flags = ["MPOL_F_STATIC_NODES"] })!;

        Assert.Equal(2 | 1 << 15, setting.Mode);
        Assert.Equal([0b111UL, 0b10UL], setting.Nodes);
        Assert.Equal(129UL, setting.MaxNode);
    }

    [Fact]
    public void Local_has_no_mask()
    {
        var setting = MemoryPolicySetting.From(new LinuxMemoryPolicy { Mode = "MPOL_LOCAL" })!;

        Assert.Equal(4, setting.Mode);
        Assert.Empty(setting.Nodes);
        Assert.Equal(0UL, setting.MaxNode);
    }

    [Fact]
    public void No_policy_is_no_setting() => Assert.Null(MemoryPolicySetting.From(null));

    [Theory]
    [InlineData("0", "0\n")]
    [InlineData("0-1", "0-3\n")]
    public void Online_nodes_pass(string nodes, string online) =>
        MemoryPolicySetting.CheckOnline(new LinuxMemoryPolicy { Mode = "MPOL_BIND", Nodes = nodes }, online);

    [Fact]
    public void A_node_the_host_does_not_have_online_is_refused()
    {
        var e = Assert.Throws<OciRuntimeException>(() =>
            MemoryPolicySetting.CheckOnline(new LinuxMemoryPolicy { Mode = "MPOL_PREFERRED", Nodes = "0,3-4" }, "0\n"));

        Assert.Equal("linux.memoryPolicy.nodes: node 3,4 is not online on this host (online: 0)", e.Message);
    }
}
