using System.Text.Json.Nodes;
using OciRuntime.IntegrationTests.Infrastructure;
using Xunit;

namespace OciRuntime.IntegrationTests;

public sealed class LifecycleTests
{
    [SkippableFact]
    public void Run_prints_output_and_exits_zero()
    {
        Root.Require();
        using var bundle = new BusyboxBundle("echo", "hello from inside");
        var result = bundle.Run();
        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.Equal("hello from inside\n", result.Stdout);
    }

    [SkippableFact]
    public void Run_propagates_the_exit_code()
    {
        Root.Require();
        using var bundle = new BusyboxBundle("sh", "-c", "exit 7");
        Assert.Equal(7, bundle.Run().ExitCode);
    }

    [SkippableFact]
    public void Run_reports_128_plus_signal_when_the_process_is_killed()
    {
        Root.Require();
        using var bundle = new BusyboxBundle("sleep", "30");
        var id = bundle.NewId();
        // pid 1 ignores signals sent from inside its namespace, so the kill comes from outside.
        var run = Task.Run(() => bundle.Run(id));
        WaitFor(() => bundle.Ocirun("state", id) is { ExitCode: 0 } s && s.Stdout.Contains("\"running\""));
        Assert.Equal(0, bundle.Ocirun("kill", id, "9").ExitCode);
        Assert.Equal(137, run.Result.ExitCode);
    }

    [SkippableFact]
    public void A_foreground_run_passes_the_signals_it_gets_on_to_the_container()
    {
        Root.Require();
        using var bundle = new BusyboxBundle("sh", "-c", "trap 'exit 7' TERM; touch /trapping; sleep 100 & wait");
        var run = RunInForegroundUntil(bundle, "trapping");

        Assert.Equal(0, Infrastructure.Ocirun.Exec("kill", ["-TERM", run.Id.ToString()]).ExitCode);

        Assert.True(run.WaitForExit(10_000), "run did not end");
        Assert.Equal(7, run.ExitCode);
    }

    [SkippableFact]
    public void Every_thread_of_a_foreground_run_blocks_the_signals_it_passes_on()
    {
        Root.Require();
        using var bundle = new BusyboxBundle("sh", "-c", "touch /running; sleep 100");
        var run = RunInForegroundUntil(bundle, "running");
        try
        {
            // A signal a thread does not block is taken there and never reaches the signalfd: the runtime's own
            // threads (its finalizer) included. HUP INT QUIT USR1 USR2 ALRM TERM CHLD CONT TSTP TTIN TTOU WINCH.
            const ulong Forwarded = 0x83b6a07;
            foreach (var task in Directory.GetDirectories($"/proc/{run.Id}/task"))
            {
                var blocked = Convert.ToUInt64(File.ReadLines(Path.Combine(task, "status")).Single(l => l.StartsWith("SigBlk:"))[7..].Trim(), 16);
                Assert.True((blocked & Forwarded) == Forwarded, $"{File.ReadAllText(Path.Combine(task, "comm")).Trim()} blocks {blocked:x}");
            }
        }
        finally
        {
            run.Kill();
            run.WaitForExit(10_000);
        }
    }

    [SkippableFact]
    public void A_command_that_passes_no_signals_on_ends_with_them_as_before()
    {
        Root.Require();
        using var bundle = new BusyboxBundle("sleep", "100");
        var id = bundle.NewId();
        Assert.Equal(0, bundle.Ocirun("run", "--detach", "--bundle", bundle.Directory, id).ExitCode);
        try
        {
            // The forwarded signals are blocked before the runtime starts; Main gives its thread the caller's mask back.
            var events = System.Diagnostics.Process.Start(Infrastructure.Ocirun.BinaryPath,
                ["--root", bundle.StateRoot, "events", "--interval", "1s", id])!;
            WaitFor(() => Directory.GetDirectories($"/proc/{events.Id}/task").Length >= 2);
            Assert.Equal(0, Infrastructure.Ocirun.Exec("kill", ["-TERM", events.Id.ToString()]).ExitCode);
            Assert.True(events.WaitForExit(10_000), "events did not end");
            Assert.Equal(128 + 15, events.ExitCode);
        }
        finally
        {
            bundle.Ocirun("delete", "--force", id);
        }
    }

    [SkippableFact]
    public void A_signal_sent_to_a_foreground_run_while_it_creates_the_container_does_not_end_it()
    {
        Root.Require();
        using var bundle = new BusyboxBundle("sh", "-c", "exit 3");
        var (run, id, _) = StartUntilCreateRuntimeHook(bundle, "run", "0.5");

        // Passed on to the container's init once it runs; as pid 1 without a handler, it ignores it.
        Assert.Equal(0, Infrastructure.Ocirun.Exec("kill", ["-TERM", run.Id.ToString()]).ExitCode);

        Assert.True(run.WaitForExit(10_000), "run did not end");
        Assert.Equal(3, run.ExitCode);
        Assert.Equal(1, bundle.Ocirun("state", id).ExitCode);
    }

    [SkippableFact]
    public void Run_removes_the_container_afterwards_unless_keep()
    {
        Root.Require();
        using var bundle = new BusyboxBundle("true");
        var id = bundle.NewId();
        Assert.Equal(0, bundle.Run(id).ExitCode);
        Assert.Equal(1, bundle.Ocirun("state", id).ExitCode);
        var kept = bundle.NewId();
        Assert.Equal(0, bundle.Ocirun("run", "--keep", "--bundle", bundle.Directory, kept).ExitCode);
        var state = bundle.Ocirun("state", kept);
        Assert.Equal("stopped", JsonNode.Parse(state.Stdout)!["status"]!.GetValue<string>());
    }

    [SkippableFact]
    public void Create_start_state_delete_walks_the_lifecycle()
    {
        Root.Require();
        using var bundle = new BusyboxBundle("sleep", "30");
        var id = bundle.NewId();
        var pidFile = Path.Combine(bundle.Directory, "pid");
        var create = bundle.Ocirun("create", "--bundle", bundle.Directory, "--pid-file", pidFile, id);
        Assert.True(create.ExitCode == 0, create.ToString());

        var created = JsonNode.Parse(bundle.Ocirun("state", id).Stdout)!;
        Assert.Equal("created", created["status"]!.GetValue<string>());
        var pid = created["pid"]!.GetValue<int>();
        Assert.Equal(pid.ToString(), File.ReadAllText(pidFile));
        Assert.Equal(bundle.Directory, created["bundle"]!.GetValue<string>());

        Assert.Equal(0, bundle.Ocirun("start", id).ExitCode);
        Assert.Equal("running", JsonNode.Parse(bundle.Ocirun("state", id).Stdout)!["status"]!.GetValue<string>());
        var again = bundle.Ocirun("start", id);
        Assert.Equal(1, again.ExitCode);
        Assert.Contains("cannot start an already running container", again.Stderr);

        var refused = bundle.Ocirun("delete", id);
        Assert.Equal(1, refused.ExitCode);
        Assert.Contains("that is not stopped: running", refused.Stderr);

        Assert.Equal(0, bundle.Ocirun("kill", id, "KILL").ExitCode);
        WaitFor(() => JsonNode.Parse(bundle.Ocirun("state", id).Stdout)!["status"]!.GetValue<string>() == "stopped");
        var stoppedStart = bundle.Ocirun("start", id);
        Assert.Contains("cannot start a container that has stopped", stoppedStart.Stderr);
        var stoppedKill = bundle.Ocirun("kill", id);
        Assert.Equal(1, stoppedKill.ExitCode);
        Assert.Contains("container not running", stoppedKill.Stderr);

        Assert.Equal(0, bundle.Ocirun("delete", id).ExitCode);
        Assert.Equal(1, bundle.Ocirun("state", id).ExitCode);
        Assert.False(Directory.Exists(Path.Combine(bundle.StateRoot, id)));
        WaitFor(() => IsGone(pid));
    }

    /// <summary>Gone, or a zombie waiting for whichever reaper adopted it.</summary>
    internal static bool IsGone(int pid) =>
        !File.Exists($"/proc/{pid}/stat") || File.ReadAllText($"/proc/{pid}/stat").Contains(") Z ");

    [SkippableFact]
    public void Kill_accepts_names_with_and_without_SIG_and_numbers()
    {
        Root.Require();
        using var bundle = new BusyboxBundle("sh", "-c", "trap 'echo got >> /tmp/signals' USR1; touch /tmp/ready; while true; do sleep 0.1; done");
        ((System.Text.Json.Nodes.JsonObject)bundle.Config["root"]!)["readonly"] = false;
        bundle.Save();
        var id = bundle.NewId();
        Assert.Equal(0, bundle.Ocirun("run", "--detach", "--bundle", bundle.Directory, id).ExitCode);
        var signals = Path.Combine(bundle.Directory, "rootfs", "tmp", "signals");
        // Until its trap is set, pid 1 ignores USR1 (the kernel protects a namespace's init).
        WaitFor(() => File.Exists(Path.Combine(bundle.Directory, "rootfs", "tmp", "ready")));
        var expected = 0;
        // One at a time: standard signals do not queue, so a burst could arrive as one.
        foreach (var signal in new[] { "USR1", "SIGUSR1", "10" })
        {
            Assert.Equal(0, bundle.Ocirun("kill", id, signal).ExitCode);
            expected++;
            WaitFor(() => File.Exists(signals) && File.ReadAllLines(signals).Length == expected);
        }
        var bogus = bundle.Ocirun("kill", id, "BOGUS");
        Assert.Equal(1, bogus.ExitCode);
        Assert.Equal(0, bundle.Ocirun("delete", "--force", id).ExitCode);
        Assert.Equal(1, bundle.Ocirun("state", id).ExitCode);
    }

    [SkippableFact]
    public void Unknown_ids_and_forced_delete_of_unknown_ids_behave_like_runc()
    {
        Root.Require();
        using var bundle = new BusyboxBundle("true");
        foreach (var command in new[] { "state", "start", "delete", "kill" })
        {
            var result = bundle.Ocirun(command, "nope");
            Assert.Equal(1, result.ExitCode);
            Assert.Contains("container does not exist", result.Stderr);
        }
        Assert.Equal(0, bundle.Ocirun("delete", "--force", "nope").ExitCode);
        var badId = bundle.Ocirun("create", "--bundle", bundle.Directory, "../x");
        Assert.Equal(1, badId.ExitCode);
        Assert.Contains("invalid container ID format", badId.Stderr);
    }

    [SkippableFact]
    public void Create_with_an_id_that_exists_fails()
    {
        Root.Require();
        using var bundle = new BusyboxBundle("sleep", "30");
        var id = bundle.NewId();
        Assert.Equal(0, bundle.Ocirun("create", "--bundle", bundle.Directory, id).ExitCode);
        var second = bundle.Ocirun("create", "--bundle", bundle.Directory, id);
        Assert.Equal(1, second.ExitCode);
        Assert.Contains("container with given ID already exists", second.Stderr);
        Assert.Equal("created", JsonNode.Parse(bundle.Ocirun("state", id).Stdout)!["status"]!.GetValue<string>());
    }

    [SkippableFact]
    public void A_missing_executable_fails_create_and_leaves_nothing()
    {
        Root.Require();
        using var bundle = new BusyboxBundle("/no/such/binary");
        var id = bundle.NewId();
        var result = bundle.Ocirun("create", "--bundle", bundle.Directory, id);
        Assert.Equal(1, result.ExitCode);
        Assert.Contains($"ocirun: create {id}: ", result.Stderr);
        Assert.Contains("no such file or directory", result.Stderr);
        Assert.Single(result.Stderr.Trim().Split('\n'));
        Assert.False(Directory.Exists(Path.Combine(bundle.StateRoot, id)));
        Assert.DoesNotContain(id, bundle.Ocirun("list", "-q").Stdout);
        Assert.DoesNotContain(bundle.Directory, File.ReadAllText("/proc/self/mountinfo"));
    }

    [SkippableFact]
    public void Delete_of_a_created_container_kills_it_without_force()
    {
        Root.Require();
        using var bundle = new BusyboxBundle("sleep", "30");
        var id = bundle.NewId();
        Assert.Equal(0, bundle.Ocirun("create", "--bundle", bundle.Directory, id).ExitCode);
        var pid = JsonNode.Parse(bundle.Ocirun("state", id).Stdout)!["pid"]!.GetValue<int>();
        Assert.Equal(0, bundle.Ocirun("delete", id).ExitCode);
        WaitFor(() => IsGone(pid));
    }

    [SkippableFact]
    public void Preserved_fds_and_socket_activation_fds_reach_the_process()
    {
        Root.Require();
        using var bundle = new BusyboxBundle("sh", "-c", "echo LISTEN_FDS=$LISTEN_FDS LISTEN_PID=$LISTEN_PID; cat <&3; cat <&4");
        File.WriteAllText(Path.Combine(bundle.Directory, "three"), "from-fd-3\n");
        File.WriteAllText(Path.Combine(bundle.Directory, "four"), "from-fd-4\n");
        var id = bundle.NewId();
        // fd 3 is handed over by socket activation (LISTEN_FDS for this very process), fd 4 by --preserve-fds.
        var script = $"exec 3<{bundle.Directory}/three 4<{bundle.Directory}/four; export LISTEN_FDS=1 LISTEN_PID=$$; " +
                     $"exec {Infrastructure.Ocirun.BinaryPath} --root {bundle.StateRoot} run --preserve-fds 1 --bundle {bundle.Directory} {id}";
        var result = Infrastructure.Ocirun.Exec("/bin/sh", ["-c", script]);
        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.Equal("LISTEN_FDS=1 LISTEN_PID=1\nfrom-fd-3\nfrom-fd-4\n", result.Stdout);
    }

    [SkippableFact]
    public void Delete_force_cleans_up_after_a_create_killed_halfway()
    {
        Root.Require();
        using var bundle = new BusyboxBundle("true");
        var (create, id, marker) = StartUntilCreateRuntimeHook(bundle, "create", "30");
        var cgroup = $"/sys/fs/cgroup/pids/{id}";
        Assert.True(Directory.Exists(cgroup), "create made the container's cgroup before its hooks ran");
        create.Kill();
        create.WaitForExit();

        var delete = bundle.Ocirun("delete", "--force", id);
        Assert.True(delete.ExitCode == 0, delete.ToString());
        Assert.False(Directory.Exists(Path.Combine(bundle.StateRoot, id)));
        Assert.False(Directory.Exists(cgroup));
        // The hook itself belongs to the runtime's side (like runc's, it outlives a killed create): end it here.
        foreach (var p in System.Diagnostics.Process.GetProcesses().Where(p => SafeCmdline(p.Id).Contains(marker))) p.Kill();
    }

    /// <summary>
    /// Starts <c>ocirun COMMAND</c> (create or run) on the bundle and returns once create is halfway: its createRuntime
    /// hook has started (and made the returned marker file); the hook then sleeps <paramref name="seconds"/>.
    /// </summary>
    private static (System.Diagnostics.Process Ocirun, string Id, string Marker) StartUntilCreateRuntimeHook(
        BusyboxBundle bundle, string command, string seconds)
    {
        var marker = Path.Combine(bundle.Directory, "hook-started");
        bundle.Config["hooks"] = new JsonObject
        {
            ["createRuntime"] = new JsonArray(new JsonObject
            {
                ["path"] = "/bin/sh", ["args"] = new JsonArray("sh", "-c", $"touch {marker}; sleep {seconds}"),
            }),
        };
        bundle.Save();
        var id = bundle.NewId();
        var ocirun = System.Diagnostics.Process.Start(Infrastructure.Ocirun.BinaryPath,
            ["--root", bundle.StateRoot, command, "--bundle", bundle.Directory, id])!;
        WaitFor(() => File.Exists(marker));
        return (ocirun, id, marker);
    }

    private static string SafeCmdline(int pid)
    {
        try { return File.ReadAllText($"/proc/{pid}/cmdline"); }
        catch (IOException) { return ""; }
        catch (UnauthorizedAccessException) { return ""; }
    }

    /// <summary>Starts a foreground `run` of a bundle whose process touches /<paramref name="marker"/> once it runs;
    /// returns when it has.</summary>
    private static System.Diagnostics.Process RunInForegroundUntil(BusyboxBundle bundle, string marker)
    {
        bundle.Config["root"]!["readonly"] = false;
        bundle.Save();
        var run = System.Diagnostics.Process.Start(Infrastructure.Ocirun.BinaryPath,
            ["--root", bundle.StateRoot, "run", "--bundle", bundle.Directory, bundle.NewId()])!;
        try
        {
            WaitFor(() => File.Exists(Path.Combine(bundle.Directory, "rootfs", marker)));
            return run;
        }
        catch
        {
            run.Kill();
            throw;
        }
    }

    internal static void WaitFor(Func<bool> condition, int timeoutMs = 10_000)
    {
        var deadline = Environment.TickCount64 + timeoutMs;
        while (!condition())
        {
            if (Environment.TickCount64 > deadline) Assert.Fail("condition not met in time");
            Thread.Sleep(20);
        }
    }
}