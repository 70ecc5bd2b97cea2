using System.Text.Json.Nodes;
using OciRuntime.IntegrationTests.Infrastructure;
using Xunit;

namespace OciRuntime.IntegrationTests;

/// <summary>
/// Mount destinations that go through symlinks of the image are resolved inside the rootfs (CVE-2021-30465 class):
/// whatever the link says, the mount lands under the rootfs and the host's directories stay untouched.
/// </summary>
public sealed class RootfsSecurityTests : IDisposable
{
    private readonly string _host = Directory.CreateTempSubdirectory("ocirun-escape-src-").FullName;
    private readonly string _name = $"ocirun-escape-{Guid.NewGuid():N}"[..28];

    public RootfsSecurityTests()
    {
        File.WriteAllText(Path.Combine(_host, "payload"), "bound-from-host");
    }

    private static void AddBind(BusyboxBundle bundle, string destination, string source) =>
        ((JsonArray)bundle.Config["mounts"]!).Add(new JsonObject
        {
            ["destination"] = destination, ["type"] = "bind", ["source"] = source,
            ["options"] = new JsonArray("rbind", "ro"),
        });

    [SkippableTheory]
    [InlineData("/etc", "etc")]
    [InlineData("../../..", "")]
    [InlineData("../../../etc", "etc")]
    public void A_symlinked_mount_destination_lands_inside_the_rootfs(string linkTarget, string landsUnder)
    {
        Root.Require();
        using var bundle = new BusyboxBundle();
        var rootfs = Path.Combine(bundle.Directory, "rootfs");
        File.CreateSymbolicLink(Path.Combine(rootfs, "escape"), linkTarget);
        var inContainer = "/" + Path.Combine(landsUnder, _name);
        bundle.Args("sh", "-c", $"cat {inContainer}/payload; echo; cat {inContainer}-file");
        AddBind(bundle, $"/escape/{_name}", _host);
        AddBind(bundle, $"/escape/{_name}-file", Path.Combine(_host, "payload"));
        bundle.Save();

        var result = bundle.Run();

        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.Equal("bound-from-host\nbound-from-host", result.Stdout);
        var hostSide = Path.Combine("/", landsUnder, _name);
        Assert.False(Directory.Exists(hostSide), $"{hostSide} was created on the host");
        Assert.False(File.Exists(hostSide + "-file"), $"{hostSide}-file was created on the host");
        Assert.True(Directory.Exists(Path.Combine(rootfs, landsUnder, _name)), "the mount point is not inside the rootfs");
        Assert.True(File.Exists(Path.Combine(rootfs, landsUnder, _name + "-file")), "the file mount point is not inside the rootfs");
    }

    public void Dispose()
    {
        Directory.Delete(_host, recursive: true);
        foreach (var leaked in new[] { Path.Combine("/etc", _name), Path.Combine("/", _name) })
            if (Directory.Exists(leaked)) Directory.Delete(leaked);
        foreach (var leaked in new[] { Path.Combine("/etc", _name + "-file"), Path.Combine("/", _name + "-file") })
            if (File.Exists(leaked)) File.Delete(leaked);
    }
}
