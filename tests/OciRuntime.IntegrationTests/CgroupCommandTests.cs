using System.Text.Json.Nodes;
using OciRuntime.IntegrationTests.Infrastructure;
using Xunit;

namespace OciRuntime.IntegrationTests;

/// <summary>pause/resume, ps, events, update and kill --all on real containers and this host's cgroup v1 files.</summary>
public sealed class CgroupCommandTests
{
    private static readonly TimeSpan LongCommand = TimeSpan.FromSeconds(60);

    [SkippableFact]
    public void Pause_freezes_every_process_and_resume_thaws_them()
    {
        Root.Require();
        using var bundle = new BusyboxBundle("sh", "-c", "sleep 100 & exec sleep 100");
        var id = RunDetached(bundle);
        var freezer = Path.Join(CgroupDirectory(bundle, id, "freezer"), "freezer.state");

        Ok(bundle.Ocirun("pause", id));
        Assert.Equal("paused", Status(bundle, id));
        Assert.Equal("FROZEN", File.ReadAllText(freezer).Trim());
        var pids = Pids(bundle, id);
        Assert.Equal(2, pids.Count);
        // Every process is in the frozen cgroup itself.
        foreach (var pid in pids)
        {
            var line = File.ReadAllLines($"/proc/{pid}/cgroup").Single(l => l.Split(':')[1] == "freezer");
            Assert.EndsWith(line.Split(':')[2], Path.GetDirectoryName(freezer)!);
        }
        var again = bundle.Ocirun("pause", id);
        Assert.Equal(1, again.ExitCode);
        Assert.Contains("container not running", again.Stderr);

        Ok(bundle.Ocirun("resume", id));
        Assert.Equal("running", Status(bundle, id));
        Assert.Equal("THAWED", File.ReadAllText(freezer).Trim());
        var notPaused = bundle.Ocirun("resume", id);
        Assert.Equal(1, notPaused.ExitCode);
        Assert.Contains("container not paused", notPaused.Stderr);
    }

    [SkippableFact]
    public void Paused_container_is_deleted_with_force()
    {
        Root.Require();
        using var bundle = new BusyboxBundle("sleep", "100");
        var id = RunDetached(bundle);
        Ok(bundle.Ocirun("pause", id));
        var refused = bundle.Ocirun("delete", id);
        Assert.Contains("that is not stopped: paused", refused.Stderr);
        Ok(bundle.Ocirun("delete", "--force", id));
        Assert.Equal(1, bundle.Ocirun("state", id).ExitCode);
    }

    [SkippableFact]
    public void Ps_lists_the_containers_processes_as_json_and_as_a_filtered_table()
    {
        Root.Require();
        using var bundle = new BusyboxBundle("sh", "-c", "sleep 100 & exec sleep 100");
        var id = RunDetached(bundle);
        var init = InitPid(bundle, id);
        LifecycleTests.WaitFor(() => Pids(bundle, id).Count == 2);
        Assert.Contains(init, Pids(bundle, id));

        var table = Ok(bundle.Ocirun("ps", id)).Stdout.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Contains("PID", table[0].Split(' ', StringSplitOptions.RemoveEmptyEntries));
        Assert.Equal(3, table.Length);
        Assert.Contains(table, line => line.Split(' ', StringSplitOptions.RemoveEmptyEntries)[1] == init.ToString());

        var custom = Ok(bundle.Ocirun("ps", id, "--", "-o", "pid,comm")).Stdout.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(["PID", "COMMAND"], custom[0].Split(' ', StringSplitOptions.RemoveEmptyEntries));
        Assert.All(custom.Skip(1), line => Assert.EndsWith("sleep", line));
    }

    [SkippableFact]
    public void Events_stats_prints_one_line_of_runcs_stats_schema()
    {
        Root.Require();
        using var bundle = new BusyboxBundle("sleep", "100");
        var id = RunDetached(bundle);
        var output = Ok(bundle.Ocirun("events", "--stats", id)).Stdout;
        Assert.Single(output.Split('\n', StringSplitOptions.RemoveEmptyEntries));
        var line = JsonNode.Parse(output)!;
        Assert.Equal("stats", line["type"]!.GetValue<string>());
        Assert.Equal(id, line["id"]!.GetValue<string>());
        var data = line["data"]!;
        Assert.NotNull(data["cpu"]?["usage"]);
        Assert.True(data["memory"]!["usage"]!["usage"]!.GetValue<ulong>() > 0);
        Assert.Equal(1, data["pids"]!["current"]!.GetValue<int>());
        Assert.NotNull(data["blkio"]);
    }

    [SkippableFact]
    public void Events_of_a_stopped_container_is_refused()
    {
        Root.Require();
        using var bundle = new BusyboxBundle("true");
        var id = bundle.NewId();
        Ok(bundle.Ocirun("run", "--keep", "--bundle", bundle.Directory, id));
        var refused = bundle.Ocirun("events", "--stats", id);
        Assert.Equal(1, refused.ExitCode);
        Assert.Contains($"container with id {id} is not running", refused.Stderr);
    }

    [SkippableFact]
    public void Update_changes_limits_live()
    {
        Root.Require();
        using var bundle = new BusyboxBundle("sleep", "100");
        var id = RunDetached(bundle);
        Ok(bundle.Ocirun("update", "--memory", "64m", "--pids-limit", "50", "--cpu-quota", "20000", "--cpu-period", "100000", id));
        Assert.Equal("67108864", ControlFile(bundle, id, "memory", "memory.limit_in_bytes"));
        Assert.Equal("50", ControlFile(bundle, id, "pids", "pids.max"));
        Assert.Equal("20000", ControlFile(bundle, id, "cpu", "cpu.cfs_quota_us"));

        Ok(bundle.OcirunWith("{\"pids\":{\"limit\":30},\"cpu\":{\"shares\":512}}", null, "update", "--resources", "-", id));
        Assert.Equal("30", ControlFile(bundle, id, "pids", "pids.max"));
        Assert.Equal("512", ControlFile(bundle, id, "cpu", "cpu.shares"));
        // Left out of the document: unchanged.
        Assert.Equal("67108864", ControlFile(bundle, id, "memory", "memory.limit_in_bytes"));
        Assert.Equal("running", Status(bundle, id));

        Ok(bundle.Ocirun("kill", id, "KILL"));
        LifecycleTests.WaitFor(() => Status(bundle, id) == "stopped");
        var refused = bundle.Ocirun("update", "--pids-limit", "10", id);
        Assert.Equal(1, refused.ExitCode);
        Assert.Contains("container not running", refused.Stderr);
        Assert.Equal("stopped", Status(bundle, id));
    }

    /// <summary>runtime-spec 1.3: an absent pids.limit leaves pids.max alone, 0 is a real limit (written as 1, as runc
    /// does): the init runs, and nothing else can.</summary>
    [SkippableTheory]
    [InlineData(false, "max", "started\nforked\n")]
    [InlineData(true, "1", "started\n")]
    public void A_zero_pids_limit_is_a_limit_and_an_absent_one_none(bool zero, string pidsMax, string inside)
    {
        Root.Require();
        // busybox sh exits when it cannot fork.
        using var bundle = new BusyboxBundle("sh", "-c", "echo started; (true) && echo forked; exec sleep 100");
        Resources(bundle)["pids"] = zero ? new JsonObject { ["limit"] = 0 } : new JsonObject();
        bundle.Save();
        var id = bundle.NewId();
        var output = Path.Join(bundle.Directory, "output");

        Ok(Infrastructure.Ocirun.Exec("sh", ["-c", $"exec \"$0\" --root \"$1\" run -d --bundle \"$2\" \"$3\" > \"$4\"",
            Infrastructure.Ocirun.BinaryPath, bundle.StateRoot, bundle.Directory, id, output]));

        Assert.Equal(pidsMax, ControlFile(bundle, id, "pids", "pids.max"));
        LifecycleTests.WaitFor(() => File.ReadAllText(output).Length >= inside.Length);
        Assert.Equal(inside, File.ReadAllText(output));
    }

    /// <summary>This host has no resctrl: intelRdt is refused before anything exists, as runc refuses it, and
    /// update's schemas with runc's messages. (The resctrl code itself is unit-tested on a fake tree.)</summary>
    [SkippableFact]
    public void Intel_rdt_is_refused_where_resctrl_is_not_mounted()
    {
        Root.Require();
        Skip.If(File.ReadAllText("/proc/self/mountinfo").Contains(" - resctrl "), "this host has resctrl");
        using var bundle = new BusyboxBundle("sleep", "100");
        bundle.Linux["intelRdt"] = new JsonObject { ["l3CacheSchema"] = "L3:0=f" };
        bundle.Save();
        var id = bundle.NewId();

        var refused = bundle.Ocirun("run", "-d", "--bundle", bundle.Directory, id);

        Assert.Equal(1, refused.ExitCode);
        Assert.Equal($"ocirun: run {id}: linux.intelRdt: Intel RDT is not supported or enabled on this host (no resctrl filesystem is mounted)\n",
            refused.Stderr);
        Assert.False(Directory.Exists(Path.Join(bundle.StateRoot, id)));
        Assert.Contains("\"intelRdt\":{\"enabled\":false}", string.Concat(bundle.Ocirun("features").Stdout.Where(c => !char.IsWhiteSpace(c))));

        bundle.Linux.Remove("intelRdt");
        bundle.Save();
        var running = RunDetached(bundle);
        var update = bundle.Ocirun("update", "--l3-cache-schema", "L3:0=f", running);
        Assert.Equal(1, update.ExitCode);
        Assert.Contains("Intel RDT/CAT: l3 cache schema is not enabled", update.Stderr);
        Assert.Equal(1, bundle.Ocirun("update", "--mem-bw-schema", "MB:0=50", running).ExitCode);
    }

    [SkippableFact]
    public void Exceeding_the_memory_limit_gets_the_process_oom_killed_and_events_reports_it()
    {
        Root.Require();
        // tail holds one ever-growing line of /dev/zero; the pause lets events start watching first.
        using var bundle = new BusyboxBundle("sh", "-c", "sleep 3; tail /dev/zero; echo tail died");
        Resources(bundle)["memory"] = new JsonObject { ["limit"] = 32L << 20, ["swap"] = 32L << 20 };
        bundle.Save();
        var id = RunDetached(bundle);
        var events = bundle.OcirunWith(null, LongCommand, "events", "--interval", "1s", id);

        Assert.True(events.ExitCode == 0, events.ToString());
        var lines = events.Stdout.Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(l => JsonNode.Parse(l)!).ToList();
        Assert.Contains(lines, e => e["type"]!.GetValue<string>() == "oom" && e["id"]!.GetValue<string>() == id);
        Assert.Contains(lines, e => e["type"]!.GetValue<string>() == "stats");
        Assert.Equal("stopped", Status(bundle, id));
        var oomControl = ControlFile(bundle, id, "memory", "memory.oom_control");
        Assert.Contains("oom_kill 1", oomControl);
    }

    [SkippableFact]
    public void Pids_limit_stops_a_fork_bomb()
    {
        Root.Require();
        using var bundle = new BusyboxBundle("sh", "-c", "i=0; while [ $i -lt 64 ]; do sleep 100 & i=$((i+1)); done; exec sleep 100");
        Resources(bundle)["pids"] = new JsonObject { ["limit"] = 16 };
        bundle.Save();
        var id = bundle.NewId();
        Assert.Equal(0, bundle.Ocirun("run", "--detach", "--bundle", bundle.Directory, id).ExitCode);
        LifecycleTests.WaitFor(() => ControlFile(bundle, id, "pids", "pids.events").Trim() != "max 0");
        Assert.Equal("16", ControlFile(bundle, id, "pids", "pids.max"));
        Assert.True(int.Parse(ControlFile(bundle, id, "pids", "pids.current")) <= 16);
        Assert.True(Pids(bundle, id).Count <= 16);
    }

    [SkippableFact]
    public void Kill_all_signals_every_process_of_the_container()
    {
        Root.Require();
        // pid 1 of the container (sleep, no handler) ignores SIGTERM from outside; its children do not.
        using var bundle = new BusyboxBundle("sh", "-c", "sleep 100 & sleep 100 & exec sleep 100");
        var id = RunDetached(bundle);
        var init = InitPid(bundle, id);
        LifecycleTests.WaitFor(() => Pids(bundle, id).Count == 3);
        var children = Pids(bundle, id).Where(p => p != init).ToList();

        Ok(bundle.Ocirun("kill", "--all", id, "TERM"));
        LifecycleTests.WaitFor(() => children.All(LifecycleTests.IsGone));
        Assert.Equal("running", Status(bundle, id));

        Ok(bundle.Ocirun("kill", "--all", id, "KILL"));
        LifecycleTests.WaitFor(() => LifecycleTests.IsGone(init));
        LifecycleTests.WaitFor(() => Status(bundle, id) == "stopped");
    }

    [SkippableFact]
    public void Kill_all_of_a_stopped_container_signals_what_is_left_in_its_cgroup_and_succeeds_when_nothing_is()
    {
        Root.Require();
        // Without a pid namespace of its own, the container's processes outlive its init (runc 1.1's kill --all case).
        using var bundle = new BusyboxBundle("sh", "-c", "sleep 100 & sleep 100 & exit 0");
        var namespaces = bundle.Linux["namespaces"]!.AsArray();
        namespaces.Remove(namespaces.Single(n => n!["type"]!.GetValue<string>() == "pid"));
        bundle.Save();
        var id = RunDetached(bundle);
        LifecycleTests.WaitFor(() => Status(bundle, id) == "stopped");
        var procs = Path.Join(CgroupDirectory(bundle, id, "pids"), "cgroup.procs");
        var left = File.ReadAllLines(procs).Select(int.Parse).ToList();
        Assert.Equal(2, left.Count);

        var initOnly = bundle.Ocirun("kill", id, "KILL");
        Assert.Equal(1, initOnly.ExitCode);
        Assert.Contains("container not running", initOnly.Stderr);
        Assert.DoesNotContain(left, LifecycleTests.IsGone);

        Ok(bundle.Ocirun("kill", "--all", id, "KILL"));
        LifecycleTests.WaitFor(() => left.All(LifecycleTests.IsGone));
        Ok(bundle.Ocirun("kill", "--all", id, "0"));
        Ok(bundle.Ocirun("delete", id));
    }

    [SkippableFact]
    public void Delete_leaves_nothing_in_any_hierarchy()
    {
        Root.Require();
        using var bundle = new BusyboxBundle("sh", "-c", "sleep 100 & exec sleep 100");
        var id = RunDetached(bundle);
        var directories = CgroupDirectories(bundle, id);
        Assert.NotEmpty(directories);
        Assert.All(directories, d => Assert.True(Directory.Exists(d), d));

        Ok(bundle.Ocirun("delete", "--force", id));
        Assert.All(directories, d => Assert.False(Directory.Exists(d), d));
    }

    private static string RunDetached(BusyboxBundle bundle)
    {
        var id = bundle.NewId();
        Ok(bundle.Ocirun("run", "--detach", "--bundle", bundle.Directory, id));
        return id;
    }

    private static CommandResult Ok(CommandResult result)
    {
        Assert.True(result.ExitCode == 0, result.ToString());
        return result;
    }

    private static JsonObject Resources(BusyboxBundle bundle)
    {
        if (bundle.Linux["resources"] is not JsonObject resources) bundle.Linux["resources"] = resources = new JsonObject();
        return resources;
    }

    private static string Status(BusyboxBundle bundle, string id) =>
        JsonNode.Parse(Ok(bundle.Ocirun("state", id)).Stdout)!["status"]!.GetValue<string>();

    private static int InitPid(BusyboxBundle bundle, string id) =>
        JsonNode.Parse(Ok(bundle.Ocirun("state", id)).Stdout)!["pid"]!.GetValue<int>();

    private static List<int> Pids(BusyboxBundle bundle, string id) =>
        JsonNode.Parse(Ok(bundle.Ocirun("ps", "--format", "json", id)).Stdout)!.AsArray().Select(p => p!.GetValue<int>()).ToList();

    private static JsonNode CgroupPaths(BusyboxBundle bundle, string id) =>
        JsonNode.Parse(File.ReadAllText(Path.Join(bundle.StateRoot, id, "state.json")))!["cgroups"]!;

    /// <summary>The container's directory in one v1 hierarchy, as its state records it.</summary>
    private static string CgroupDirectory(BusyboxBundle bundle, string id, string controller) =>
        CgroupPaths(bundle, id)["v1"]![controller]!.GetValue<string>();

    private static List<string> CgroupDirectories(BusyboxBundle bundle, string id)
    {
        var paths = CgroupPaths(bundle, id);
        var all = paths["v1"]!.AsObject().Select(entry => entry.Value!.GetValue<string>()).ToList();
        if (paths["unified"]?.GetValue<string>() is { } unified) all.Add(unified);
        return all.Distinct().ToList();
    }

    private static string ControlFile(BusyboxBundle bundle, string id, string controller, string file) =>
        File.ReadAllText(Path.Join(CgroupDirectory(bundle, id, controller), file)).Trim();
}
