using System.Diagnostics;
using System.Text.Json.Nodes;
using OciRuntime.IntegrationTests.Infrastructure;
using Xunit;
using static OciRuntime.IntegrationTests.LifecycleTests;

namespace OciRuntime.IntegrationTests;

/// <summary>
/// A runtime that is killed, a state root that is full or read-only, a container init that dies: the host is
/// left clean and the state stays truthful. `create` is paused at a phase with OCIRUN_TEST_PAUSE_AT
/// (spec/lifecycle.md); the killed-during-hooks case is LifecycleTests.Delete_force_cleans_up_after_a_create_killed_halfway.
/// </summary>
public sealed class FaultTests
{
    public static TheoryData<string> Phases => new() { "before-clone", "after-clone", "rootfs", "ready" };

    [SkippableTheory]
    [MemberData(nameof(Phases))]
    public void A_create_killed_at_any_phase_is_cleaned_up_by_delete_force(string phase)
    {
        Root.Require();
        using var bundle = new BusyboxBundle("sleep", "30");
        var id = bundle.NewId("fault");
        var marker = Path.Combine(bundle.Directory, "paused");
        var info = new ProcessStartInfo(Ocirun.BinaryPath) { RedirectStandardInput = true };
        foreach (var arg in new[] { "--root", bundle.StateRoot, "create", "--bundle", bundle.Directory, id }) info.ArgumentList.Add(arg);
        info.Environment["OCIRUN_TEST_PAUSE_AT"] = $"{phase}:{marker}";
        using var create = Process.Start(info)!;
        WaitFor(() => File.Exists(marker) && File.ReadAllText(marker).EndsWith('\n'));
        Assert.Equal($"{phase}\n", File.ReadAllText(marker));
        var containerPids = ProcessesOfCgroup(id);
        if (phase is "after-clone" or "rootfs" or "ready") Assert.NotEmpty(containerPids);

        create.Kill();
        create.WaitForExit();

        var state = bundle.Ocirun("state", id);
        Assert.True(state.ExitCode == 0, state.ToString());
        var status = JsonNode.Parse(state.Stdout)!["status"]!.GetValue<string>();
        Assert.Contains(status, new[] { "creating", "stopped" });
        var delete = bundle.Ocirun("delete", "--force", id);
        Assert.True(delete.ExitCode == 0, delete.ToString());
        Assert.Contains("container does not exist", bundle.Ocirun("state", id).Stderr);
        AssertHostClean(bundle, id);
        foreach (var pid in containerPids) WaitFor(() => IsGone(pid));
    }

    [SkippableFact]
    public void An_init_killed_while_create_waits_for_it_fails_the_create_with_one_line_and_leaves_nothing()
    {
        Root.Require();
        using var bundle = new BusyboxBundle("sleep", "30");
        var id = bundle.NewId("initdied");
        var marker = Path.Combine(bundle.Directory, "paused");
        var create = Task.Run(() => Ocirun.Run(["--root", bundle.StateRoot, "create", "--bundle", bundle.Directory, id],
            environment: new Dictionary<string, string> { ["OCIRUN_TEST_PAUSE_AT"] = $"rootfs:{marker}" }));
        WaitFor(() => File.Exists(marker) && File.ReadAllText(marker).EndsWith('\n'));
        // The init is alone in its cgroup at this point.
        var initPid = Assert.Single(ProcessesOfCgroup(id));

        Process.GetProcessById(initPid).Kill();

        var result = create.Result;
        Assert.Equal(1, result.ExitCode);
        Assert.Equal($"ocirun: create {id}: container init exited before it was ready\n", result.Stderr);
        Assert.Contains("container does not exist", bundle.Ocirun("state", id).Stderr);
        AssertHostClean(bundle, id);
    }

    [SkippableFact]
    public void A_full_state_root_fails_create_with_one_line_and_leaves_nothing()
    {
        Root.Require();
        using var bundle = new BusyboxBundle("true");
        var id = bundle.NewId("full");
        using var root = new TmpfsRoot(bundle.Directory, "size=64k");
        // Fill it: the container directory can still be made (tmpfs directories take no pages), its state cannot.
        try
        {
            using var filler = File.OpenWrite(Path.Combine(root.Path, "filler"));
            while (true) filler.Write(new byte[4096]);
        }
        catch (IOException)
        {
        }

        var result = Ocirun.Run(["--root", root.Path, "create", "--bundle", bundle.Directory, id]);

        Assert.Equal(1, result.ExitCode);
        Assert.Single(result.Stderr.TrimEnd('\n').Split('\n'));
        Assert.StartsWith($"ocirun: create {id}: ", result.Stderr);
        Assert.Contains("no space left on device", result.Stderr);
        Assert.Equal(["filler"], Directory.GetFileSystemEntries(root.Path).Select(Path.GetFileName));
        AssertHostClean(bundle, id);
    }

    [SkippableFact]
    public void A_read_only_state_root_fails_create_with_one_line_and_leaves_nothing()
    {
        Root.Require();
        using var bundle = new BusyboxBundle("true");
        var id = bundle.NewId("rofs");
        using var root = new TmpfsRoot(bundle.Directory, "size=64k,ro");

        var result = Ocirun.Run(["--root", root.Path, "create", "--bundle", bundle.Directory, id]);

        Assert.Equal(1, result.ExitCode);
        Assert.Single(result.Stderr.TrimEnd('\n').Split('\n'));
        Assert.StartsWith($"ocirun: create {id}: ", result.Stderr);
        Assert.Contains("read-only file system", result.Stderr);
        Assert.Empty(Directory.GetFileSystemEntries(root.Path));
        Assert.Equal("null", Ocirun.Run(["--root", root.Path, "list", "--format", "json"]).Stdout.Trim());
        AssertHostClean(bundle, id);
    }

    [SkippableFact]
    public void An_init_killed_from_outside_is_reported_stopped_when_created_and_when_running()
    {
        Root.Require();
        using var bundle = new BusyboxBundle("sleep", "30");
        foreach (var start in new[] { false, true })
        {
            var id = bundle.NewId("died");
            Assert.Equal(0, bundle.Ocirun("create", "--bundle", bundle.Directory, id).ExitCode);
            if (start) Assert.Equal(0, bundle.Ocirun("start", id).ExitCode);
            var pid = JsonNode.Parse(bundle.Ocirun("state", id).Stdout)!["pid"]!.GetValue<int>();

            Process.GetProcessById(pid).Kill();

            WaitFor(() => JsonNode.Parse(bundle.Ocirun("state", id).Stdout)!["status"]!.GetValue<string>() == "stopped");
            Assert.Contains("container not running", bundle.Ocirun("kill", id, "KILL").Stderr);
            Assert.Contains("cannot start a container that has stopped", bundle.Ocirun("start", id).Stderr);
            var delete = bundle.Ocirun("delete", id);
            Assert.True(delete.ExitCode == 0, delete.ToString());
            AssertHostClean(bundle, id);
        }
    }

    private static void AssertHostClean(BusyboxBundle bundle, string id)
    {
        Assert.False(Directory.Exists(Path.Combine(bundle.StateRoot, id)), "the state directory was left behind");
        if (Directory.Exists(bundle.StateRoot))
            Assert.All(Directory.GetFileSystemEntries(bundle.StateRoot).Select(Path.GetFileName),
                name => Assert.Equal(".~seccomp-cache", name));
        Assert.Empty(CgroupsNamed(id));
        Assert.DoesNotContain(Path.Combine(bundle.Directory, "rootfs"), File.ReadAllText("/proc/self/mountinfo"));
    }

    internal static IEnumerable<string> CgroupsNamed(string id) =>
        Directory.GetDirectories("/sys/fs/cgroup").Append("/sys/fs/cgroup")
            .Select(hierarchy => Path.Combine(hierarchy, id))
            .Where(Directory.Exists);

    private static List<int> ProcessesOfCgroup(string id) =>
        CgroupsNamed(id).Select(dir => Path.Combine(dir, "cgroup.procs")).Where(File.Exists)
            .SelectMany(File.ReadAllLines).Select(int.Parse).Distinct().ToList();

    /// <summary>A small tmpfs as a state root, mounted under the bundle and unmounted on dispose.</summary>
    private sealed class TmpfsRoot : IDisposable
    {
        public string Path { get; }

        public TmpfsRoot(string bundleDirectory, string options)
        {
            Path = System.IO.Path.Combine(bundleDirectory, "tmpfs-root");
            Directory.CreateDirectory(Path);
            var mount = Ocirun.Exec("mount", ["-t", "tmpfs", "-o", options + ",mode=700", "ocirun-test", Path]);
            if (mount.ExitCode != 0) throw new InvalidOperationException(mount.ToString());
        }

        public void Dispose() => Ocirun.Exec("umount", [Path]);
    }
}
