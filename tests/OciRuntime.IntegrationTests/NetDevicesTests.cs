using System.Text.Json.Nodes;
using OciRuntime.IntegrationTests.Infrastructure;
using Xunit;

namespace OciRuntime.IntegrationTests;

/// <summary>
/// linux.netDevices with a veth pair made for the test (this kernel may lack the dummy driver): one end moves into
/// the container under a new name, with its address, and up. The container's namespace ends with the run, and the
/// pair with it; the host end is removed anyway.
/// </summary>
public sealed class NetDevicesTests : IDisposable
{
    private readonly string _host = "oci" + Guid.NewGuid().ToString("N")[..8];
    private string Moved => _host + "m";

    private static void Ip(params string[] args)
    {
        var result = Infrastructure.Ocirun.Exec("ip", args);
        Assert.True(result.ExitCode == 0, $"ip {string.Join(' ', args)}: {result}");
    }

    [SkippableTheory]
    [InlineData("eth7", "eth7")]
    [InlineData("net%d", "net0")]
    public void A_host_interface_moves_in_with_its_address_and_comes_up(string name, string expected)
    {
        Root.Require();
        Ip("link", "add", _host, "type", "veth", "peer", "name", Moved);
        Ip("addr", "add", "192.0.2.77/24", "dev", Moved);
        Ip("addr", "add", "2001:db8::77/64", "dev", Moved, "nodad");
        using var bundle = new BusyboxBundle("sh", "-c", $"ip -o addr show dev {expected}; cat /sys/class/net/{expected}/flags");
        bundle.Linux["netDevices"] = new JsonObject { [Moved] = new JsonObject { ["name"] = name } };
        bundle.Save();

        var result = bundle.Run();

        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.Contains("inet 192.0.2.77/24", result.Stdout);
        Assert.Contains("inet6 2001:db8::77/64", result.Stdout);
        var flags = Convert.ToInt32(result.Stdout.Trim().Split('\n')[^1], 16);
        Assert.True((flags & 1) == 1, $"{expected} is not up: flags {flags:x}");
        Assert.False(File.Exists($"/sys/class/net/{Moved}/flags"), "the device is still on the host");
    }

    [SkippableFact]
    public void A_missing_device_fails_create_before_anything_exists()
    {
        Root.Require();
        using var bundle = new BusyboxBundle("true");
        bundle.Linux["netDevices"] = new JsonObject { [Moved] = new JsonObject() };
        bundle.Save();
        var id = bundle.NewId();

        var result = bundle.Ocirun("run", "--bundle", bundle.Directory, id);

        Assert.Equal(1, result.ExitCode);
        Assert.Equal($"ocirun: run {id}: linux.netDevices.{Moved}: no network device {Moved} on the host\n", result.Stderr);
        Assert.False(Directory.Exists(Path.Join(bundle.StateRoot, id)));
    }

    public void Dispose() => Infrastructure.Ocirun.Exec("ip", ["link", "del", _host]);
}
