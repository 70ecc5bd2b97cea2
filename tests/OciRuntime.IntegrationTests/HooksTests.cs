using System.Diagnostics;
using System.Text.Json.Nodes;
using OciRuntime.IntegrationTests.Infrastructure;
using Xunit;

namespace OciRuntime.IntegrationTests;

/// <summary>OCI hooks: when and where each kind runs, what it gets on stdin, and what a failing one does.</summary>
public sealed class HooksTests : IDisposable
{
    /// <summary>Seen by the host's hooks here and by the container's (startContainer) at /hooklog.</summary>
    private readonly string _logDir = Directory.CreateTempSubdirectory("ocirun-hooks-").FullName;

    private string Log => Path.Combine(_logDir, "log");

    private static string HostMountNamespace => new FileInfo("/proc/self/ns/mnt").LinkTarget!;

    /// <summary>A hook that appends "NAME MNT-NAMESPACE STATE-JSON" to the log, seen from where it runs.</summary>
    private static JsonObject LoggingHook(string name, string logPath, string before = "") => new()
    {
        ["path"] = "/bin/sh",
        ["args"] = new JsonArray("sh", "-c", $"{before}echo \"{name} $(readlink /proc/self/ns/mnt) $(cat)\" >> {logPath}"),
    };

    private static JsonObject ShellHook(string script, int? timeout = null)
    {
        var hook = new JsonObject { ["path"] = "/bin/sh", ["args"] = new JsonArray("sh", "-c", script) };
        if (timeout != null) hook["timeout"] = timeout;
        return hook;
    }

    private static void SetHooks(BusyboxBundle bundle, string kind, params JsonObject[] hooks)
    {
        var all = bundle.Config["hooks"] as JsonObject ?? new JsonObject();
        all[kind] = new JsonArray(hooks.Cast<JsonNode>().ToArray());
        bundle.Config["hooks"] = all;
    }

    private BusyboxBundle BundleWithLogMount(params string[] args)
    {
        var bundle = new BusyboxBundle(args);
        ((JsonArray)bundle.Config["mounts"]!).Add(new JsonObject
        {
            ["destination"] = "/hooklog", ["type"] = "bind", ["source"] = _logDir, ["options"] = new JsonArray("rbind", "rw"),
        });
        return bundle;
    }

    private static (string Name, string Namespace, JsonObject State) ParseLine(string line)
    {
        var parts = line.Split(' ', 3);
        return (parts[0], parts[1], (JsonObject)JsonNode.Parse(parts[2])!);
    }

    [SkippableFact]
    public void All_six_hooks_run_in_order_with_the_state_on_stdin_and_in_the_right_namespaces()
    {
        Root.Require();
        using var bundle = BundleWithLogMount("sleep", "30");
        SetHooks(bundle, "prestart", LoggingHook("prestart", Log));
        SetHooks(bundle, "createRuntime", LoggingHook("createRuntime", Log));
        SetHooks(bundle, "createContainer", LoggingHook("createContainer", Log));
        // Slow on purpose: poststart must still come after it.
        SetHooks(bundle, "startContainer", LoggingHook("startContainer", "/hooklog/log", before: "sleep 1; "));
        SetHooks(bundle, "poststart", LoggingHook("poststart", Log));
        SetHooks(bundle, "poststop", LoggingHook("poststop", Log));
        bundle.Save();
        var id = bundle.NewId();

        var create = bundle.Ocirun("create", "--bundle", bundle.Directory, id);
        Assert.True(create.ExitCode == 0, create.ToString());
        var afterCreate = File.ReadAllLines(Log).Select(ParseLine).ToList();
        var start = bundle.Ocirun("start", id);
        Assert.True(start.ExitCode == 0, start.ToString());
        var afterStart = File.ReadAllLines(Log).Select(ParseLine).ToList();
        var delete = bundle.Ocirun("delete", "--force", id);
        Assert.True(delete.ExitCode == 0, delete.ToString());
        var all = File.ReadAllLines(Log).Select(ParseLine).ToList();

        Assert.Equal(["prestart", "createRuntime", "createContainer"], afterCreate.Select(l => l.Name));
        Assert.Equal(["prestart", "createRuntime", "createContainer", "startContainer", "poststart"], afterStart.Select(l => l.Name));
        Assert.Equal(["prestart", "createRuntime", "createContainer", "startContainer", "poststart", "poststop"], all.Select(l => l.Name));
        foreach (var (name, ns, state) in all)
        {
            Assert.Equal(id, (string?)state["id"]);
            Assert.Equal(bundle.Directory, (string?)state["bundle"]);
            var inContainer = name is "createContainer" or "startContainer";
            Assert.True(inContainer == (ns != HostMountNamespace), $"{name} ran in mount namespace {ns}");
        }
        var status = all.ToDictionary(l => l.Name, l => (string?)l.State["status"]);
        Assert.Equal("creating", status["createRuntime"]);
        Assert.Equal("creating", status["createContainer"]);
        Assert.Equal("running", status["poststart"]);
        Assert.Equal("stopped", status["poststop"]);
        Assert.Equal("created", status["startContainer"]);
        // As in runc, hooks in the container's namespaces get the init's pid as they see it (1), the others the host's.
        var pid = (int)all[0].State["pid"]!;
        Assert.True(pid > 1);
        Assert.Equal([pid, pid, 1, 1, pid], all.Take(5).Select(l => (int)l.State["pid"]!));
    }

    [SkippableFact]
    public void A_failing_createRuntime_hook_fails_create_and_leaves_nothing_behind()
    {
        Root.Require();
        using var bundle = new BusyboxBundle("sleep", "30");
        var cgroup = $"ocirun-hooktest-{Guid.NewGuid():N}"[..30];
        bundle.Linux["cgroupsPath"] = "/" + cgroup;
        SetHooks(bundle, "createRuntime", ShellHook("echo boom >&2; exit 3"));
        bundle.Save();
        var id = bundle.NewId();

        var result = bundle.Ocirun("create", "--bundle", bundle.Directory, id);

        Assert.NotEqual(0, result.ExitCode);
        var errors = result.Stderr.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.True(errors.Length == 1, result.ToString());
        Assert.Contains("createRuntime hook", errors[0]);
        Assert.Contains("boom", errors[0]);
        Assert.False(Directory.Exists(Path.Combine(bundle.StateRoot, id)), "the state directory is left");
        var leftCgroups = Directory.GetDirectories("/sys/fs/cgroup")
            .Select(hierarchy => Path.Combine(hierarchy, cgroup)).Where(Directory.Exists).ToList();
        Assert.True(leftCgroups.Count == 0, string.Join(", ", leftCgroups));
    }

    [SkippableFact]
    public void A_hook_past_its_timeout_is_killed_and_fails_create()
    {
        Root.Require();
        using var bundle = new BusyboxBundle("true");
        SetHooks(bundle, "createRuntime", ShellHook("sleep 60", timeout: 1));
        bundle.Save();
        var id = bundle.NewId();
        var clock = Stopwatch.StartNew();

        var result = bundle.Ocirun("create", "--bundle", bundle.Directory, id);

        Assert.NotEqual(0, result.ExitCode);
        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(20), $"create took {clock.Elapsed}");
        Assert.Contains("timed out", result.Stderr);
        Assert.False(Directory.Exists(Path.Combine(bundle.StateRoot, id)));
    }

    /// <summary>runtime-spec 1.3: a failed poststart hook is an error, the container is stopped, and the lifecycle
    /// goes on with delete and its poststop hooks.</summary>
    [SkippableFact]
    public void A_failing_poststart_hook_fails_start_and_stops_the_container()
    {
        Root.Require();
        using var bundle = new BusyboxBundle("sleep", "30");
        SetHooks(bundle, "poststart", ShellHook("exit 1"));
        SetHooks(bundle, "poststop", LoggingHook("poststop", Log));
        bundle.Save();
        var id = bundle.NewId();

        Assert.Equal(0, bundle.Ocirun("create", "--bundle", bundle.Directory, id).ExitCode);
        var start = bundle.Ocirun("start", id);

        Assert.True(start.ExitCode == 1, start.ToString());
        Assert.StartsWith($"ocirun: start {id}: poststart hook", start.Stderr);
        var state = (JsonObject)JsonNode.Parse(bundle.Ocirun("state", id).Stdout)!;
        Assert.Equal("stopped", (string?)state["status"]);
        Assert.False(File.Exists(Log), "poststop ran before delete");
        Assert.Equal(0, bundle.Ocirun("delete", id).ExitCode);
        Assert.StartsWith("poststop ", File.ReadAllText(Log));
    }

    [SkippableTheory]
    [InlineData("-d")]
    [InlineData("--no-subreaper")]
    public void A_run_whose_poststart_hook_fails_exits_1_and_leaves_nothing(string flag)
    {
        Root.Require();
        using var bundle = new BusyboxBundle("sleep", "30");
        SetHooks(bundle, "poststart", ShellHook("exit 1"));
        SetHooks(bundle, "poststop", LoggingHook("poststop", Log));
        bundle.Save();
        var id = bundle.NewId();

        var run = bundle.Ocirun("run", flag, "--bundle", bundle.Directory, id);

        Assert.True(run.ExitCode == 1, run.ToString());
        Assert.Contains("poststart hook", run.Stderr);
        Assert.False(Directory.Exists(Path.Combine(bundle.StateRoot, id)), "the failed run left its state behind");
        Assert.StartsWith("poststop ", File.ReadAllText(Log));
    }

    [SkippableFact]
    public void A_hook_gets_exactly_its_args_and_env()
    {
        Root.Require();
        using var bundle = new BusyboxBundle("true");
        SetHooks(bundle, "prestart", new JsonObject
        {
            ["path"] = "/bin/sh",
            // Without operands after the script, sh's $0 is its own argv[0].
            ["args"] = new JsonArray("custom-argv0", "-c", $"echo \"$0|$FOO\" > {Log}; env >> {Log}"),
            ["env"] = new JsonArray("FOO=bar baz", "OTHER=1"),
        });
        bundle.Save();

        var result = bundle.Run();

        Assert.True(result.ExitCode == 0, result.ToString());
        var lines = File.ReadAllLines(Log);
        Assert.Equal("custom-argv0|bar baz", lines[0]);
        var env = lines[1..].Where(l => !l.StartsWith("PWD=", StringComparison.Ordinal)).Order(StringComparer.Ordinal);
        Assert.Equal(["FOO=bar baz", "OTHER=1"], env);
    }

    [SkippableFact]
    public void Hooks_of_a_foreground_run_start_with_no_signal_blocked()
    {
        Root.Require();
        using var bundle = new BusyboxBundle("true");
        SetHooks(bundle, "poststart", ShellHook($"grep SigBlk /proc/self/status >> {Log}"));
        bundle.Save();

        var run = bundle.Run();

        Assert.True(run.ExitCode == 0, run.ToString());
        Assert.Equal("SigBlk:\t0000000000000000\n", File.ReadAllText(Log));
    }

    [SkippableFact]
    public void Every_hook_gets_stdio_and_no_other_fd()
    {
        Root.Require();
        using var bundle = BundleWithLogMount("true");
        // ls lists its own directory fd as 3; anything above is a leak of ours (sync socket, state lock, log pipe).
        JsonObject Listing(string name, string log) => ShellHook($"fds=$(ls /proc/self/fd | tr '\\n' ' '); echo \"{name} $fds\" >> {log}");
        SetHooks(bundle, "prestart", Listing("prestart", Log));
        SetHooks(bundle, "createRuntime", Listing("createRuntime", Log));
        SetHooks(bundle, "createContainer", Listing("createContainer", Log));
        SetHooks(bundle, "startContainer", Listing("startContainer", "/hooklog/log"));
        SetHooks(bundle, "poststart", Listing("poststart", Log));
        SetHooks(bundle, "poststop", Listing("poststop", Log));
        bundle.Save();

        var run = bundle.Run();

        Assert.True(run.ExitCode == 0, run.ToString());
        Assert.Equal(
            ["prestart 0 1 2 3 ", "createRuntime 0 1 2 3 ", "createContainer 0 1 2 3 ", "startContainer 0 1 2 3 ", "poststart 0 1 2 3 ", "poststop 0 1 2 3 "],
            File.ReadAllLines(Log));
    }

    [SkippableFact]
    public void A_hook_killed_by_a_signal_is_reported_in_runcs_words()
    {
        Root.Require();
        using var bundle = new BusyboxBundle("true");
        SetHooks(bundle, "createRuntime", ShellHook("echo dying >&2; kill -TERM $$"));
        bundle.Save();

        var result = bundle.Run();

        Assert.NotEqual(0, result.ExitCode);
        Assert.Contains("createRuntime hook #0 (/bin/sh): error running hook: signal: terminated, output: dying", result.Stderr);
    }

    public void Dispose() => Directory.Delete(_logDir, recursive: true);
}
