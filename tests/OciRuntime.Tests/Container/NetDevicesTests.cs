using OciRuntime.Container.Lifecycle;
using OciRuntime.Spec;
using Xunit;

namespace OciRuntime.Tests.Container;

/// <summary>What create refuses about linux.netDevices before anything exists.</summary>
public sealed class NetDevicesTests
{
    private static uint HostIndex(string name) => name switch { "eth1" => 3, "eth2" => 4, _ => 0 };

    [Fact]
    public void Devices_the_host_has_with_distinct_names_pass()
    {
        NetDevices.Check(new() { ["eth1"] = new LinuxNetDevice(), ["eth2"] = new LinuxNetDevice { Name = "net%d" } }, HostIndex);
    }

    [Fact]
    public void A_device_the_host_lacks_is_refused()
    {
        var e = Assert.Throws<OciRuntimeException>(() => NetDevices.Check(new() { ["wlan9"] = new LinuxNetDevice() }, HostIndex));

        Assert.Equal("linux.netDevices.wlan9: no network device wlan9 on the host", e.Message);
    }

    [Fact]
    public void Two_devices_given_one_name_are_refused()
    {
        var e = Assert.Throws<OciRuntimeException>(() => NetDevices.Check(
            new() { ["eth1"] = new LinuxNetDevice { Name = "eth2" }, ["eth2"] = new LinuxNetDevice() }, HostIndex));

        Assert.Equal("linux.netDevices.eth2: the name eth2 is taken by another device of the container", e.Message);
    }
}
