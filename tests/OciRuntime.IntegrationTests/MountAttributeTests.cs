using System.Text.Json.Nodes;
using OciRuntime.IntegrationTests.Infrastructure;
using Xunit;

namespace OciRuntime.IntegrationTests;

/// <summary>
/// Recursive mount attributes (rro, rnosuid, ...) and id-mapped binds (idmap, ridmap), seen from inside the
/// container. Sources are host directories under /tmp (ext4 here) with a tmpfs mounted below them.
/// </summary>
public sealed class MountAttributeTests : IDisposable
{
    private readonly string _host = Directory.CreateTempSubdirectory("ocirun-mountattr-host-").FullName;
    private readonly List<string> _hostMounts = [];

    /// <summary>A host directory holding file "top", and "sub", a tmpfs holding file "inner"; all owned by root.</summary>
    private string SourceWithSubmount()
    {
        var source = Path.Combine(_host, "source");
        Directory.CreateDirectory(Path.Combine(source, "sub"));
        File.WriteAllText(Path.Combine(source, "top"), "top");
        var mount = Ocirun.Exec("mount", ["-t", "tmpfs", "-o", "size=1m", "tmpfs", Path.Combine(source, "sub")]);
        Assert.True(mount.ExitCode == 0, mount.ToString());
        _hostMounts.Add(Path.Combine(source, "sub"));
        File.WriteAllText(Path.Combine(source, "sub", "inner"), "inner");
        return source;
    }

    private static JsonObject AddMount(BusyboxBundle bundle, string destination, string source, params string[] options)
    {
        var mount = new JsonObject
        {
            ["destination"] = destination, ["type"] = "bind", ["source"] = source,
            ["options"] = new JsonArray(options.Select(o => (JsonNode)JsonValue.Create(o)!).ToArray()),
        };
        ((JsonArray)bundle.Config["mounts"]!).Add(mount);
        return mount;
    }

    private static JsonArray Mapping(uint containerId, uint hostId, uint size) =>
        new(new JsonObject { ["containerID"] = containerId, ["hostID"] = hostId, ["size"] = size });

    private static void MapIds(JsonObject mount, uint containerId, uint hostId, uint size)
    {
        mount["uidMappings"] = Mapping(containerId, hostId, size);
        mount["gidMappings"] = Mapping(containerId, hostId, size);
    }

    private static string[] RunLines(BusyboxBundle bundle)
    {
        bundle.Save();
        var result = bundle.Run();
        Assert.True(result.ExitCode == 0, result.ToString());
        return result.Stdout.Split('\n', StringSplitOptions.RemoveEmptyEntries);
    }

    /// <summary>The per-mount options of the last mountinfo line for <paramref name="mountPoint"/>.</summary>
    private static string[] MountOptionsAt(IEnumerable<string> mountInfo, string mountPoint) =>
        mountInfo.Select(l => l.Split(' ')).LastOrDefault(f => f.Length > 5 && f[4] == mountPoint)?[5].Split(',')
        ?? throw new Xunit.Sdk.XunitException($"no mount at {mountPoint}");

    [SkippableFact]
    public void Rro_makes_the_bind_and_its_submounts_read_only_while_ro_only_makes_the_top_read_only()
    {
        Root.Require();
        var source = SourceWithSubmount();
        using var bundle = new BusyboxBundle("sh", "-c",
            "for f in /rro/w /rro/sub/w /ro/w /ro/sub/w; do touch $f 2>/dev/null && echo $f writable || echo $f read-only; done");
        AddMount(bundle, "/rro", source, "rbind", "rro");
        AddMount(bundle, "/ro", source, "rbind", "ro");

        var lines = RunLines(bundle);

        Assert.Equal(["/rro/w read-only", "/rro/sub/w read-only", "/ro/w read-only", "/ro/sub/w writable"], lines);
    }

    [SkippableFact]
    public void Rnosuid_and_rnoexec_reach_the_submount_in_mountinfo()
    {
        Root.Require();
        var source = SourceWithSubmount();
        using var bundle = new BusyboxBundle("cat", "/proc/self/mountinfo");
        AddMount(bundle, "/r", source, "rbind", "rnosuid", "rnoexec", "rnodev");
        AddMount(bundle, "/plain", source, "rbind", "nosuid");

        var lines = RunLines(bundle);

        foreach (var mountPoint in new[] { "/r", "/r/sub" })
        {
            var options = MountOptionsAt(lines, mountPoint);
            Assert.Contains("nosuid", options);
            Assert.Contains("noexec", options);
            Assert.Contains("nodev", options);
        }
        Assert.Contains("nosuid", MountOptionsAt(lines, "/plain"));
        Assert.DoesNotContain("nosuid", MountOptionsAt(lines, "/plain/sub"));
    }

    [SkippableFact]
    public void Idmap_shows_files_through_the_mounts_mappings_and_leaves_the_host_alone()
    {
        Root.Require();
        var source = SourceWithSubmount();
        File.WriteAllText(Path.Combine(source, "user-owned"), "");
        Assert.Equal(0, Ocirun.Exec("chown", ["1000:1000", Path.Combine(source, "user-owned")]).ExitCode);
        using var bundle = new BusyboxBundle("sh", "-c",
            "stat -c '%n %u:%g' /m/top /m/user-owned; touch /m/made 2>/dev/null && echo made || echo write-refused; " +
            "grep ' /m ' /proc/self/mountinfo");
        // On-disk id 0 is shown as 1000; 1000 has no mapping and shows as the overflow id.
        MapIds(AddMount(bundle, "/m", source, "bind", "idmap"), containerId: 0, hostId: 1000, size: 1);

        var lines = RunLines(bundle);

        Assert.Equal("/m/top 1000:1000", lines[0]);
        Assert.Equal("/m/user-owned 65534:65534", lines[1]);
        // The container's root (0) has no id on disk through this mapping, so it may not create files there.
        Assert.Equal("write-refused", lines[2]);
        Assert.Contains("idmapped", lines[3]);
        Assert.Equal("0:0", Ocirun.Exec("stat", ["-c", "%u:%g", Path.Combine(source, "top")]).Stdout.Trim());
    }

    [SkippableFact]
    public void Ridmap_maps_the_submounts_too_while_idmap_maps_only_the_top()
    {
        Root.Require();
        var source = SourceWithSubmount();
        using var bundle = new BusyboxBundle("stat", "-c", "%n %u", "/r/top", "/r/sub/inner", "/i/top", "/i/sub/inner");
        MapIds(AddMount(bundle, "/r", source, "rbind", "ridmap"), containerId: 0, hostId: 1000, size: 1);
        MapIds(AddMount(bundle, "/i", source, "rbind", "idmap"), containerId: 0, hostId: 1000, size: 1);

        var lines = RunLines(bundle);

        Assert.Equal(["/r/top 1000", "/r/sub/inner 1000", "/i/top 1000", "/i/sub/inner 0"], lines);
    }

    [SkippableFact]
    public void Idmap_without_mount_mappings_takes_the_container_user_namespace_mappings()
    {
        Root.Require();
        var source = SourceWithSubmount();
        using var bundle = new BusyboxBundle("stat", "-c", "%n %u:%g", "/m/top", "/m/sub", "/file");
        ((JsonArray)bundle.Linux["namespaces"]!).Add(new JsonObject { ["type"] = "user" });
        bundle.Linux["uidMappings"] = Mapping(0, 100000, 65536);
        bundle.Linux["gidMappings"] = Mapping(0, 100000, 65536);
        Assert.Equal(0, Ocirun.Exec("chown", ["-R", "100000:100000", Path.Combine(bundle.Directory, "rootfs")]).ExitCode);
        AddMount(bundle, "/m", source, "bind", "idmap");
        // A file source the container's root could not even look up (the test directory is 0700, host root's).
        AddMount(bundle, "/file", Path.Combine(source, "top"), "bind", "idmap");

        var lines = RunLines(bundle);

        // Host root's files are the container root's through the id-mapped mounts (a plain bind would show 65534).
        Assert.Equal(["/m/top 0:0", "/m/sub 0:0", "/file 0:0"], lines);
    }

    [SkippableFact]
    public void A_filesystem_without_idmap_support_fails_create_with_one_line_and_leaves_nothing()
    {
        Root.Require();
        using var bundle = new BusyboxBundle("true");
        MapIds(AddMount(bundle, "/kernel", "/sys/kernel", "bind", "idmap"), containerId: 0, hostId: 1000, size: 1);
        bundle.Save();
        var id = bundle.NewId();

        var result = bundle.Ocirun("create", "--bundle", bundle.Directory, id);

        Assert.NotEqual(0, result.ExitCode);
        var errors = result.Stderr.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.True(errors.Length == 1, result.ToString());
        Assert.Contains("mount /kernel: the filesystem of /sys/kernel does not support idmapped mounts", errors[0]);
        Assert.NotEqual(0, bundle.Ocirun("state", id).ExitCode);
        Assert.False(Directory.Exists(Path.Combine(bundle.StateRoot, id)));
    }

    public void Dispose()
    {
        foreach (var mount in _hostMounts) Ocirun.Exec("umount", ["-l", mount]);
        Directory.Delete(_host, recursive: true);
    }
}
