using System.Text.Json.Nodes;
using OciRuntime.IntegrationTests.Infrastructure;
using Xunit;

namespace OciRuntime.IntegrationTests;

/// <summary>The container's filesystem as its process sees it: /proc/self/mountinfo and file contents from inside.</summary>
public sealed class RootfsTests : IDisposable
{
    private readonly string _host = Directory.CreateTempSubdirectory("ocirun-rootfs-host-").FullName;

    /// <summary>One /proc/self/mountinfo line: mount point, per-mount options, optional fields, type, super options.</summary>
    private sealed record MountLine(string MountPoint, string[] Options, string[] Optional, string Type, string[] SuperOptions);

    private static List<MountLine> MountInfo(string text) => text.Split('\n')
        .Where(l => l.Contains(" - "))
        .Select(l =>
        {
            var halves = l.Split(" - ", 2);
            var left = halves[0].Split(' ');
            var right = halves[1].Split(' ');
            return new MountLine(left[4], left[5].Split(','), left[6..], right[0], right.Length > 2 ? right[2].Split(',') : []);
        }).ToList();

    private static MountLine MountAt(string text, string mountPoint) =>
        MountInfo(text).LastOrDefault(m => m.MountPoint == mountPoint)
        ?? throw new Xunit.Sdk.XunitException($"no mount at {mountPoint} in:\n{text}");

    private static void AddMount(BusyboxBundle bundle, string destination, string type, string? source, params string[] options)
    {
        var mount = new JsonObject { ["destination"] = destination, ["type"] = type };
        if (source != null) mount["source"] = source;
        mount["options"] = new JsonArray(options.Select(o => (JsonNode)JsonValue.Create(o)!).ToArray());
        ((JsonArray)bundle.Config["mounts"]!).Add(mount);
    }

    private static string RootfsPath(BusyboxBundle bundle, string path) => Path.Combine(bundle.Directory, "rootfs", path.TrimStart('/'));

    private static CommandResult RunOk(BusyboxBundle bundle, params string[] extraArgs)
    {
        var result = bundle.Ocirun(["run", .. extraArgs, "--bundle", bundle.Directory, bundle.NewId()]);
        Assert.True(result.ExitCode == 0, result.ToString());
        return result;
    }

    [SkippableFact]
    public void A_read_only_cgroup_mount_on_v1_is_a_writable_tmpfs_of_read_only_v1_hierarchies_as_runc_makes_it()
    {
        Root.Require();
        Skip.IfNot(Directory.Exists("/sys/fs/cgroup/memory"), "a cgroup v1 host");
        // Docker's default spec: type cgroup, options ro, nosuid, noexec, nodev.
        using var bundle = new BusyboxBundle("sh", "-c",
            "touch /sys/fs/cgroup/memory/x 2>/dev/null || echo memory-ro; " +
            "ls /sys/fs/cgroup; cat /proc/self/mountinfo");
        AddMount(bundle, "/sys/fs/cgroup", "cgroup", "cgroup", "ro", "nosuid", "noexec", "nodev");
        bundle.Save();

        var result = RunOk(bundle);

        Assert.StartsWith("memory-ro\n", result.Stdout);
        var tmpfs = MountAt(result.Stdout, "/sys/fs/cgroup");
        Assert.Equal("tmpfs", tmpfs.Type);
        Assert.Contains("rw", tmpfs.Options);
        Assert.Contains("rw", tmpfs.SuperOptions);
        Assert.Equal(["rw", "nosuid", "nodev", "noexec"], tmpfs.Options.Take(4));
        Assert.Contains("ro", MountAt(result.Stdout, "/sys/fs/cgroup/memory").Options);
        // Only v1 hierarchies: a hybrid host's cgroup2 one is not shown, as runc does not show it.
        Assert.DoesNotContain(MountInfo(result.Stdout), m => m.MountPoint.StartsWith("/sys/fs/cgroup/", StringComparison.Ordinal) && m.Type == "cgroup2");
        Assert.DoesNotContain("unified", result.Stdout.Split('\n'));
    }

    [SkippableFact]
    public void A_tmpfs_over_an_existing_directory_takes_its_mode_as_runc_gives_it()
    {
        Root.Require();
        using var bundle = new BusyboxBundle("sh", "-c",
            "stat -c %a /srv /opt /new; touch /opt/x 2>/dev/null || echo opt-ro; grep -E ' /(opt|new) ' /proc/self/mountinfo");
        Directory.CreateDirectory(RootfsPath(bundle, "/srv"));
        File.SetUnixFileMode(RootfsPath(bundle, "/srv"), (UnixFileMode)0b111_101_000);
        Directory.CreateDirectory(RootfsPath(bundle, "/opt"));
        File.SetUnixFileMode(RootfsPath(bundle, "/opt"), (UnixFileMode)0b1_111_001_001);
        // Docker's --tmpfs gives no mode=: tmpfs would make its root 1777.
        AddMount(bundle, "/srv", "tmpfs", "tmpfs", "nosuid", "nodev");
        AddMount(bundle, "/opt", "tmpfs", "tmpfs", "ro", "mode=755");
        AddMount(bundle, "/new", "tmpfs", "shm", "nosuid");
        bundle.Save();

        var result = RunOk(bundle);

        Assert.StartsWith("750\n1711\n1777\nopt-ro\n", result.Stdout);
        var opt = MountAt(result.Stdout, "/opt");
        Assert.Contains("ro", opt.Options);
        // Read-only as runc makes it: the mount, not the filesystem.
        Assert.Contains("rw", opt.SuperOptions);
        // The mount's source, as Docker's "shm" for /dev/shm.
        Assert.Contains(" /new rw,nosuid,relatime - tmpfs shm rw", result.Stdout);
    }

    [SkippableFact]
    public void Tmpcopyup_fills_the_tmpfs_with_the_directory_contents_and_leaves_the_rootfs_alone()
    {
        Root.Require();
        using var bundle = new BusyboxBundle("sh", "-c",
            "cat /etc/marker; stat -c '%a %u:%g' /etc/marker; readlink /etc/link; ls /etc/sub; " +
            "echo new > /etc/written && cat /etc/written; grep ' /etc ' /proc/self/mountinfo");
        File.WriteAllText(RootfsPath(bundle, "/etc/marker"), "from-the-image\n");
        File.SetUnixFileMode(RootfsPath(bundle, "/etc/marker"), (UnixFileMode)0b110_000_100);
        Assert.Equal(0, Infrastructure.Ocirun.Exec("chown", ["1000:29", RootfsPath(bundle, "/etc/marker")]).ExitCode);
        File.CreateSymbolicLink(RootfsPath(bundle, "/etc/link"), "marker");
        Directory.CreateDirectory(RootfsPath(bundle, "/etc/sub"));
        File.WriteAllText(RootfsPath(bundle, "/etc/sub/inner"), "x");
        AddMount(bundle, "/etc", "tmpfs", "tmpfs", "tmpcopyup", "nosuid", "mode=755");
        bundle.Save();

        var lines = RunOk(bundle).Stdout.Split('\n');

        Assert.Equal("from-the-image", lines[0]);
        Assert.Equal("604 1000:29", lines[1]);
        Assert.Equal("marker", lines[2]);
        Assert.Equal("inner", lines[3]);
        Assert.Equal("new", lines[4]);
        var etc = MountAt(string.Join('\n', lines[5..]), "/etc");
        Assert.Equal("tmpfs", etc.Type);
        Assert.Contains("nosuid", etc.Options);
        Assert.False(File.Exists(RootfsPath(bundle, "/etc/written")), "a write into the tmpfs reached the rootfs");
    }

    [SkippableFact]
    public void A_read_only_tmpcopyup_tmpfs_is_filled_before_it_becomes_read_only()
    {
        Root.Require();
        using var bundle = new BusyboxBundle("sh", "-c",
            "cat /etc/hostname; touch /etc/new 2>/dev/null || echo etc-denied; grep ' /etc ' /proc/self/mountinfo");
        AddMount(bundle, "/etc", "tmpfs", "tmpfs", "tmpcopyup", "ro", "nodev");
        bundle.Save();

        var result = RunOk(bundle);

        Assert.StartsWith("ocirun\netc-denied\n", result.Stdout);
        var etc = MountAt(result.Stdout, "/etc");
        Assert.Equal("tmpfs", etc.Type);
        Assert.Contains("ro", etc.Options);
        Assert.Contains("nodev", etc.Options);
    }

    [SkippableFact]
    public void Host_files_and_directories_are_bound_read_write_or_read_only()
    {
        Root.Require();
        Directory.CreateDirectory(Path.Combine(_host, "dir"));
        File.WriteAllText(Path.Combine(_host, "dir", "f"), "in-dir");
        File.WriteAllText(Path.Combine(_host, "file"), "a-file");
        using var bundle = new BusyboxBundle("sh", "-c",
            "cat /mnt/ro/f /mnt/rw/f /mnt/file; echo; " +
            "echo w > /mnt/rw/new && echo rw-ok; " +
            "echo w > /mnt/ro/new || echo ro-denied; " +
            "echo w > /mnt/file || echo file-denied; cat /proc/self/mountinfo");
        AddMount(bundle, "/mnt/rw", "bind", Path.Combine(_host, "dir"), "rbind", "rw");
        AddMount(bundle, "/mnt/ro", "bind", Path.Combine(_host, "dir"), "rbind", "ro");
        AddMount(bundle, "/mnt/file", "bind", Path.Combine(_host, "file"), "bind", "ro", "nosuid");
        bundle.Save();

        var result = RunOk(bundle);

        Assert.StartsWith("in-dirin-dira-file\nrw-ok\nro-denied\nfile-denied\n", result.Stdout);
        Assert.Equal("w\n", File.ReadAllText(Path.Combine(_host, "dir", "new")));
        Assert.Equal("a-file", File.ReadAllText(Path.Combine(_host, "file")));
        Assert.Contains("rw", MountAt(result.Stdout, "/mnt/rw").Options);
        Assert.Contains("ro", MountAt(result.Stdout, "/mnt/ro").Options);
        Assert.Contains("ro", MountAt(result.Stdout, "/mnt/file").Options);
        Assert.Contains("nosuid", MountAt(result.Stdout, "/mnt/file").Options);
    }

    [SkippableFact]
    public void A_tmpfs_gets_its_size_mode_and_flags()
    {
        Root.Require();
        using var bundle = new BusyboxBundle("sh", "-c", "stat -c %a /scratch; cat /proc/self/mountinfo");
        AddMount(bundle, "/scratch", "tmpfs", "tmpfs", "nosuid", "nodev", "noexec", "size=1m", "mode=1770");
        bundle.Save();

        var result = RunOk(bundle);

        Assert.StartsWith("1770\n", result.Stdout);
        var scratch = MountAt(result.Stdout, "/scratch");
        Assert.Equal("tmpfs", scratch.Type);
        Assert.Contains("nosuid", scratch.Options);
        Assert.Contains("nodev", scratch.Options);
        Assert.Contains("noexec", scratch.Options);
        Assert.Contains("size=1024k", scratch.SuperOptions);
        Assert.Contains("mode=1770", scratch.SuperOptions);
    }

    [SkippableFact]
    public void The_default_mounts_devices_and_dev_links_are_there()
    {
        Root.Require();
        using var bundle = new BusyboxBundle("sh", "-c",
            "for d in null zero full random urandom tty; do stat -c '%n %F %t:%T %a' /dev/$d; done; " +
            "readlink /dev/ptmx; readlink /dev/fd; readlink /dev/stdin; cat /proc/self/mountinfo");

        var result = RunOk(bundle);

        var lines = result.Stdout.Split('\n');
        Assert.Equal(
        [
            "/dev/null character special file 1:3 666", "/dev/zero character special file 1:5 666",
            "/dev/full character special file 1:7 666", "/dev/random character special file 1:8 666",
            "/dev/urandom character special file 1:9 666", "/dev/tty character special file 5:0 666",
            "pts/ptmx", "/proc/self/fd", "/proc/self/fd/0",
        ], lines[..9]);
        Assert.Equal("mqueue", MountAt(result.Stdout, "/dev/mqueue").Type);
        var pts = MountAt(result.Stdout, "/dev/pts");
        Assert.Equal("devpts", pts.Type);
        Assert.Contains("ptmxmode=666", pts.SuperOptions);
        Assert.Equal("tmpfs", MountAt(result.Stdout, "/dev").Type);
        Assert.Equal("proc", MountAt(result.Stdout, "/proc").Type);
    }

    [SkippableFact]
    public void A_configured_device_gets_its_numbers_mode_and_owner()
    {
        Root.Require();
        using var bundle = new BusyboxBundle("stat", "-c", "%F %t:%T %a %u %g", "/dev/fuse");
        bundle.Linux["devices"] = new JsonArray(new JsonObject
        {
            ["path"] = "/dev/fuse", ["type"] = "c", ["major"] = 10, ["minor"] = 229,
            ["fileMode"] = 0b110_100_000, ["uid"] = 1000, ["gid"] = 29,
        });
        bundle.Save();

        Assert.Equal("character special file a:e5 640 1000 29\n", RunOk(bundle).Stdout);
    }

    [SkippableFact]
    public void A_read_only_root_refuses_writes_but_a_tmpfs_on_it_takes_them()
    {
        Root.Require();
        using var bundle = new BusyboxBundle("sh", "-c",
            "touch /x 2>&1 || echo root-denied; touch /tmp/x && echo tmp-ok; cat /proc/self/mountinfo");
        ((JsonObject)bundle.Config["root"]!)["readonly"] = true;
        AddMount(bundle, "/tmp", "tmpfs", "tmpfs", "nosuid");
        bundle.Save();

        var result = RunOk(bundle);

        Assert.Contains("Read-only file system", result.Stdout);
        Assert.Contains("root-denied\ntmp-ok\n", result.Stdout);
        Assert.Contains("ro", MountAt(result.Stdout, "/").Options);
        Assert.Contains("rw", MountAt(result.Stdout, "/tmp").Options);
    }

    /// <summary>
    /// A slave "/" shows "master:" only when the host mount it copies is shared; this host's "/" may be private,
    /// so for slave the test checks what must hold anyway: the container's "/" is not shared back to the host.
    /// </summary>
    [SkippableTheory]
    [InlineData("shared", "shared:", true)]
    [InlineData("rshared", "shared:", true)]
    [InlineData("rslave", "shared:", false)]
    [InlineData("private", "shared:", false)]
    [InlineData("private", "master:", false)]
    public void Root_propagation_shows_in_the_optional_fields(string propagation, string field, bool present)
    {
        Root.Require();
        using var bundle = new BusyboxBundle("cat", "/proc/self/mountinfo");
        bundle.Linux["rootfsPropagation"] = propagation;
        bundle.Save();

        var root = MountAt(RunOk(bundle).Stdout, "/");

        Assert.Equal(present, root.Optional.Any(f => f.StartsWith(field, StringComparison.Ordinal)));
    }

    /// <summary>
    /// Kubernetes' Bidirectional volume: containerd sets rootfsPropagation rshared on a rootfs that is a mount point
    /// of its own (the overlay) under a shared host tree, and binds the volume rshared. pivot_root refuses a shared
    /// new root, so the rootfs mount is made private first; the volume still propagates both ways. Host side in a
    /// private mount namespace of the test's (unshare), whose "/" is made rshared as on a Kubernetes node.
    /// </summary>
    [SkippableFact]
    public void An_rshared_root_on_a_mount_point_pivots_and_its_volume_propagates_both_ways()
    {
        Root.Require();
        var volume = Path.Combine(_host, "volume");
        Directory.CreateDirectory(volume);
        using var bundle = new BusyboxBundle("sh", "-c",
            "while [ ! -e /vol/ready ]; do sleep 0.05; done; " +
            "grep -q ' /vol/from-host ' /proc/self/mountinfo && echo host-mount-seen; " +
            "mkdir /vol/from-container && mount -t tmpfs ctr /vol/from-container && touch /vol/from-container/mark && echo mounted");
        bundle.Linux["rootfsPropagation"] = "rshared";
        foreach (var set in new[] { "bounding", "effective", "permitted" })
            ((JsonArray)((JsonObject)bundle.Process["capabilities"]!)[set]!).Add((JsonNode)JsonValue.Create("CAP_SYS_ADMIN")!);
        AddMount(bundle, "/vol", "bind", volume, "rbind", "rshared");
        bundle.Save();
        var rootfs = Path.Combine(bundle.Directory, "rootfs");
        var script = $$"""
            set -e
            mount --make-rshared /
            mount --bind '{{rootfs}}' '{{rootfs}}'
            '{{Infrastructure.Ocirun.BinaryPath}}' --root '{{bundle.StateRoot}}' run --bundle '{{bundle.Directory}}' '{{bundle.NewId()}}' &
            run=$!
            mkdir '{{volume}}/from-host'
            mount -t tmpfs host '{{volume}}/from-host'
            touch '{{volume}}/ready'
            wait $run
            test -e '{{volume}}/from-container/mark' && echo container-mount-seen
            """;

        var result = Infrastructure.Ocirun.Exec("unshare", ["-m", "--propagation", "unchanged", "sh", "-c", script]);

        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.Equal("host-mount-seen\nmounted\ncontainer-mount-seen\n", result.Stdout);
    }

    [SkippableFact]
    public void No_pivot_switches_the_root_with_a_move_and_chroot()
    {
        Root.Require();
        using var bundle = new BusyboxBundle("sh", "-c", "cat /etc/hostname; ls /bin/busybox");

        var result = RunOk(bundle, "--no-pivot");

        Assert.Equal("ocirun\n/bin/busybox\n", result.Stdout);
    }

    [SkippableFact]
    public void No_pivot_leaves_no_whole_proc_from_which_a_nested_user_namespace_could_mount_a_bare_one()
    {
        Root.Require();
        // The kernel allows a new proc mount in a user namespace only while a fully visible one exists in the mount
        // namespace; the host's, left beside the chroot, would be one.
        using var bundle = new BusyboxBundle("unshare", "-mrpf", "sh", "-c", "mount -t proc none /proc && echo mounted");
        foreach (var set in new[] { "bounding", "permitted" })
            ((JsonArray)((JsonObject)bundle.Process["capabilities"]!)[set]!).Add((JsonNode)JsonValue.Create("CAP_SETFCAP")!);
        bundle.Save();

        var result = bundle.Ocirun("run", "--no-pivot", "--bundle", bundle.Directory, bundle.NewId());

        Assert.Equal(1, result.ExitCode);
        Assert.DoesNotContain("mounted", result.Stdout);
        Assert.Contains("mount: permission denied", result.Stderr);
    }

    [SkippableTheory]
    [InlineData("proc")]
    [InlineData("sys")]
    public void Proc_and_sysfs_are_never_mounted_through_a_symlink(string directory)
    {
        Root.Require();
        using var bundle = new BusyboxBundle("true");
        var path = RootfsPath(bundle, "/" + directory);
        if (Directory.Exists(path)) Directory.Delete(path, recursive: true);
        File.CreateSymbolicLink(path, "/symlink");

        var result = bundle.Run();

        Assert.Equal(1, result.ExitCode);
        var type = directory == "sys" ? "sysfs" : "proc";
        Assert.Contains($"mount {type} on /{directory}: filesystem \"{type}\" must be mounted on ordinary directory", result.Stderr);
        Assert.False(Directory.Exists(RootfsPath(bundle, "/symlink")), "the mount went through the symlink");
    }

    [SkippableFact]
    public void A_relative_bind_source_is_relative_to_the_bundle_not_to_the_callers_directory()
    {
        Root.Require();
        using var bundle = new BusyboxBundle("sh", "-c", "ls /mnt/bundle/config.json; cat /mnt/file");
        File.WriteAllText(Path.Combine(bundle.Directory, "file"), "from-the-bundle");
        AddMount(bundle, "/mnt/bundle", "bind", ".", "bind");
        AddMount(bundle, "/mnt/file", "bind", "file", "bind", "ro");
        bundle.Save();

        // The caller's working directory is elsewhere (--bundle names the bundle).
        var result = RunOk(bundle);

        Assert.Equal("/mnt/bundle/config.json\nfrom-the-bundle", result.Stdout);
    }

    [SkippableFact]
    public void A_read_only_dev_is_made_read_only_after_its_nodes_and_mounts_are_in_it()
    {
        Root.Require();
        using var bundle = new BusyboxBundle("sh", "-c",
            "ls -d /dev/null /dev/pts/ptmx /dev/shm; touch /dev/x 2>/dev/null || echo dev-denied; cat /proc/self/mountinfo");
        foreach (var mount in ((JsonArray)bundle.Config["mounts"]!).Cast<JsonObject>())
            if (mount["destination"]!.GetValue<string>() == "/dev") ((JsonArray)mount["options"]!).Add((JsonNode)JsonValue.Create("ro")!);
        bundle.Save();

        var result = RunOk(bundle);

        Assert.StartsWith("/dev/null\n/dev/pts/ptmx\n/dev/shm\ndev-denied\n", result.Stdout);
        var dev = MountAt(result.Stdout, "/dev");
        Assert.Equal("tmpfs", dev.Type);
        Assert.Contains("ro", dev.Options);
        Assert.Contains("nosuid", dev.Options);
        Assert.Contains("rw", MountAt(result.Stdout, "/dev/shm").Options);
    }

    [SkippableFact]
    public void A_container_in_a_user_namespace_binds_sources_only_the_host_can_reach()
    {
        Root.Require();
        // Mode 0700 directories of the host's root: the container's root (host uid 100000) cannot look inside.
        foreach (var n in new[] { "1", "2" })
        {
            Directory.CreateDirectory(Path.Combine(_host, $"private-{n}", "dir"));
            File.WriteAllText(Path.Combine(_host, $"private-{n}", "dir", "foo.txt"), $"secret-{n}");
            File.SetUnixFileMode(Path.Combine(_host, $"private-{n}"), UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        }
        using var bundle = new BusyboxBundle("sh", "-c", "cat /mnt/one/foo.txt /mnt/two/foo.txt; sleep 100");
        ((JsonArray)bundle.Linux["namespaces"]!).Add(new JsonObject { ["type"] = "user" });
        bundle.Linux["uidMappings"] = new JsonArray(new JsonObject { ["containerID"] = 0, ["hostID"] = 100000, ["size"] = 65536 });
        bundle.Linux["gidMappings"] = new JsonArray(new JsonObject { ["containerID"] = 0, ["hostID"] = 100000, ["size"] = 65536 });
        AddMount(bundle, "/mnt/one", "bind", Path.Combine(_host, "private-1", "dir"), "bind");
        // Relative to the bundle, through a link the bundle holds.
        File.CreateSymbolicLink(Path.Combine(bundle.Directory, "private-2"), Path.Combine(_host, "private-2"));
        AddMount(bundle, "/mnt/two", "bind", "private-2/dir", "bind", "ro");
        bundle.Save();
        Assert.Equal(0, Infrastructure.Ocirun.Exec("chown", ["-R", "100000:100000", RootfsPath(bundle, "/")]).ExitCode);
        var id = bundle.NewId();

        var run = bundle.Ocirun("run", "--detach", "--bundle", bundle.Directory, id);
        Assert.True(run.ExitCode == 0, run.ToString());
        var exec = bundle.Ocirun("exec", id, "cat", "/mnt/one/foo.txt", "/mnt/two/foo.txt");

        Assert.True(exec.ExitCode == 0, exec.ToString());
        Assert.Equal("secret-1secret-2", exec.Stdout);
    }

    [SkippableFact]
    public void Masked_paths_read_empty_and_cannot_be_written()
    {
        Root.Require();
        using var bundle = new BusyboxBundle("sh", "-c",
            "cat /secret-file; echo \"[$(ls -A /secret-dir)]\"; touch /secret-dir/x 2>/dev/null || echo dir-denied; " +
            "cat /proc/self/mountinfo");
        File.WriteAllText(RootfsPath(bundle, "/secret-file"), "secret");
        Directory.CreateDirectory(RootfsPath(bundle, "/secret-dir"));
        File.WriteAllText(RootfsPath(bundle, "/secret-dir/inner"), "secret");
        ((JsonObject)bundle.Config["root"]!)["readonly"] = false;
        bundle.Linux["maskedPaths"] = new JsonArray("/secret-file", "/secret-dir", "/does-not-exist");
        bundle.Save();

        var result = RunOk(bundle);

        Assert.StartsWith("[]\ndir-denied\n", result.Stdout);
        var dir = MountAt(result.Stdout, "/secret-dir");
        Assert.Equal("tmpfs", dir.Type);
        Assert.Contains("ro", dir.Options);
        Assert.Equal("secret", File.ReadAllText(RootfsPath(bundle, "/secret-file")));
    }

    [SkippableFact]
    public void Masked_directories_share_one_read_only_tmpfs()
    {
        Root.Require();
        using var bundle = new BusyboxBundle("sh", "-c", "touch /masked-2/x 2>/dev/null || echo denied; cat /proc/self/mountinfo");
        var masked = Enumerable.Range(1, 4).Select(i => $"/masked-{i}").ToArray();
        foreach (var dir in masked)
        {
            Directory.CreateDirectory(RootfsPath(bundle, dir));
            File.WriteAllText(RootfsPath(bundle, dir + "/secret"), "secret");
        }
        bundle.Linux["maskedPaths"] = new JsonArray(masked.Select(d => (JsonNode)JsonValue.Create(d)!).ToArray());
        bundle.Save();

        var result = RunOk(bundle);

        Assert.StartsWith("denied\n", result.Stdout);
        // One superblock: every masked directory's line names the same device (MAJ:MIN, field 3).
        var lines = result.Stdout.Split('\n').Where(l => masked.Any(d => l.Split(' ').ElementAtOrDefault(4) == d)).ToList();
        Assert.Equal(masked.Length, lines.Count);
        Assert.Single(lines.Select(l => l.Split(' ')[2]).Distinct());
        Assert.All(masked, d => Assert.Contains("ro", MountAt(result.Stdout, d).Options));
        Assert.All(masked, d => Assert.Equal("tmpfs", MountAt(result.Stdout, d).Type));
    }

    [SkippableFact]
    public void Readonly_paths_are_not_writable_even_by_root()
    {
        Root.Require();
        using var bundle = new BusyboxBundle("sh", "-c",
            "echo x > /proc/sys/kernel/domainname || echo sys-denied; touch /data/x || echo data-denied; " +
            "touch /other && echo other-ok; cat /proc/self/mountinfo");
        Directory.CreateDirectory(RootfsPath(bundle, "/data"));
        ((JsonObject)bundle.Config["root"]!)["readonly"] = false;
        bundle.Linux["readonlyPaths"] = new JsonArray("/proc/sys", "/data", "/does-not-exist");
        bundle.Process["capabilities"] = new JsonObject
        {
            ["bounding"] = new JsonArray("CAP_SYS_ADMIN", "CAP_DAC_OVERRIDE"),
            ["effective"] = new JsonArray("CAP_SYS_ADMIN", "CAP_DAC_OVERRIDE"),
            ["permitted"] = new JsonArray("CAP_SYS_ADMIN", "CAP_DAC_OVERRIDE"),
        };
        bundle.Save();

        var result = RunOk(bundle);

        Assert.Contains("sys-denied\n", result.Stdout);
        Assert.Contains("data-denied\nother-ok\n", result.Stdout);
        Assert.Contains("ro", MountAt(result.Stdout, "/proc/sys").Options);
        Assert.Contains("ro", MountAt(result.Stdout, "/data").Options);
        Assert.False(File.Exists(RootfsPath(bundle, "/data/x")));
    }

    [SkippableFact]
    public void An_unknown_tmpfs_option_fails_create_with_one_line_and_leaves_nothing()
    {
        Root.Require();
        using var bundle = new BusyboxBundle("true");
        AddMount(bundle, "/scratch", "tmpfs", "tmpfs", "bogus-option=1");
        bundle.Save();
        var id = bundle.NewId();

        var result = bundle.Ocirun("create", "--bundle", bundle.Directory, id);

        Assert.NotEqual(0, result.ExitCode);
        var errors = result.Stderr.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.True(errors.Length == 1, result.ToString());
        Assert.Contains("/scratch", errors[0]);
        Assert.Contains("invalid argument", errors[0], StringComparison.OrdinalIgnoreCase);
        Assert.NotEqual(0, bundle.Ocirun("state", id).ExitCode);
        Assert.False(Directory.Exists(Path.Combine(bundle.StateRoot, id)));
    }

    public void Dispose() => Directory.Delete(_host, recursive: true);
}
