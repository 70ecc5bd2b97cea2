using System.Diagnostics;
using System.Text.Json.Nodes;
using OciRuntime.IntegrationTests.Infrastructure;
using Xunit;

namespace OciRuntime.IntegrationTests;

/// <summary>`exec` into a running busybox container, checked from inside.</summary>
public sealed class ExecTests
{
    private static Dictionary<string, string> Status(string text) => text.Split('\n')
        .Select(l => l.Split(':', 2)).Where(p => p.Length == 2)
        .GroupBy(p => p[0]).ToDictionary(g => g.Key, g => g.First()[1].Trim());

    private static string StartSleeping(BusyboxBundle bundle)
    {
        bundle.Args("sleep", "1000").Save();
        var id = bundle.NewId();
        var run = bundle.Ocirun("run", "-d", "--bundle", bundle.Directory, id);
        Assert.True(run.ExitCode == 0, run.ToString());
        // run -d returns once start released the init, maybe before its execve: tests that look at pid 1 wait.
        var pid = (int)System.Text.Json.Nodes.JsonNode.Parse(bundle.Ocirun("state", id).Stdout)!["pid"]!;
        LifecycleTests.WaitFor(() => File.ReadAllText($"/proc/{pid}/comm").Trim() == "sleep");
        return id;
    }

    private static CommandResult Exec(BusyboxBundle bundle, params string[] args) => bundle.Ocirun(["exec", .. args]);

    private static string[] Lines(string text) => text.Split('\n', StringSplitOptions.RemoveEmptyEntries);

    [SkippableFact]
    public void The_process_joins_the_container_pid_namespace_hostname_mounts_and_cgroup()
    {
        Root.Require();
        using var bundle = new BusyboxBundle();
        bundle.Config["hostname"] = "box42";
        var id = StartSleeping(bundle);
        var result = Exec(bundle, id, "sh", "-c",
            "ps -o pid,comm; hostname; cmp /proc/1/mountinfo /proc/self/mountinfo && echo same-mounts; " +
            "cmp /proc/1/cgroup /proc/self/cgroup && echo same-cgroup");
        Assert.True(result.ExitCode == 0, result.ToString());
        var lines = Lines(result.Stdout).Select(l => l.Trim()).ToList();
        Assert.Contains("1 sleep", lines);
        Assert.Contains("box42", lines);
        Assert.Contains("same-mounts", lines);
        Assert.Contains("same-cgroup", lines);
    }

    [SkippableFact]
    public void Identity_capabilities_and_no_new_privileges_come_from_the_container_process()
    {
        Root.Require();
        using var bundle = new BusyboxBundle();
        bundle.Process["user"] = new JsonObject { ["uid"] = 1000, ["gid"] = 1000, ["additionalGids"] = new JsonArray(29) };
        bundle.Process["capabilities"] = new JsonObject
        {
            ["bounding"] = new JsonArray("CAP_CHOWN", "CAP_KILL"),
            ["effective"] = new JsonArray("CAP_KILL"),
            ["permitted"] = new JsonArray("CAP_KILL"),
        };
        bundle.Process["noNewPrivileges"] = true;
        var id = StartSleeping(bundle);
        var result = Exec(bundle, id, "cat", "/proc/self/status");
        Assert.True(result.ExitCode == 0, result.ToString());
        var status = Status(result.Stdout);
        Assert.Equal("1000\t1000\t1000\t1000", status["Uid"]);
        Assert.Equal("1000\t1000\t1000\t1000", status["Gid"]);
        Assert.Equal("29", status["Groups"]);
        Assert.Equal("0000000000000021", status["CapBnd"]);
        // A non-root user keeps no capabilities across execve without ambient ones (as with runc).
        Assert.Equal("0000000000000000", status["CapEff"]);
        Assert.Equal("1", status["NoNewPrivs"]);

        var flags = Exec(bundle, "--user", "0:0", "--cap", "CAP_NET_ADMIN", id, "cat", "/proc/self/status");
        Assert.True(flags.ExitCode == 0, flags.ToString());
        status = Status(flags.Stdout);
        Assert.Equal("0\t0\t0\t0", status["Uid"]);
        Assert.Equal("0000000000001021", status["CapBnd"]);
        Assert.Equal("0000000000001020", status["CapEff"]);
    }

    [SkippableFact]
    public void The_container_seccomp_filter_applies()
    {
        Root.Require();
        using var bundle = new BusyboxBundle();
        bundle.Linux["seccomp"] = new JsonObject
        {
            ["defaultAction"] = "SCMP_ACT_ALLOW",
            ["syscalls"] = new JsonArray(new JsonObject { ["names"] = new JsonArray("mkdir", "mkdirat"), ["action"] = "SCMP_ACT_ERRNO" }),
        };
        var id = StartSleeping(bundle);
        var result = Exec(bundle, id, "sh", "-c", "grep '^Seccomp:' /proc/self/status; mkdir /tmp/x || echo refused");
        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.Contains("Seccomp:\t2", result.Stdout);
        Assert.Contains("refused", result.Stdout);
    }

    [SkippableFact]
    public void The_user_namespace_is_joined_first()
    {
        Root.Require();
        using var bundle = new BusyboxBundle();
        ((JsonArray)bundle.Linux["namespaces"]!).Add(new JsonObject { ["type"] = "user" });
        bundle.Linux["uidMappings"] = new JsonArray(new JsonObject { ["containerID"] = 0, ["hostID"] = 100000, ["size"] = 65536 });
        bundle.Linux["gidMappings"] = new JsonArray(new JsonObject { ["containerID"] = 0, ["hostID"] = 100000, ["size"] = 65536 });
        Ocirun.Exec("chown", ["-R", "100000:100000", Path.Combine(bundle.Directory, "rootfs")]);
        var id = StartSleeping(bundle);
        var result = Exec(bundle, "-u", "1000:1000", id, "sh", "-c", "cat /proc/self/uid_map; id -u; ps -o pid,comm | grep ' 1 '");
        Assert.True(result.ExitCode == 0, result.ToString());
        var fields = result.Stdout.Split((char[])['\n', ' '], StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(["0", "100000", "65536", "1000", "1", "sleep"], fields);
    }

    [SkippableFact]
    public void Env_cwd_and_user_flags_apply()
    {
        Root.Require();
        using var bundle = new BusyboxBundle();
        var id = StartSleeping(bundle);
        var result = Exec(bundle, "-e", "FOO=bar", "--env", "PATH=/bin", "--cwd", "/tmp", "-u", "1000:1000", "-g", "44", id,
            "sh", "-c", "echo $FOO $PATH $HOME; pwd; id");
        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.Equal(["bar /bin /home/user", "/tmp", "uid=1000(user) gid=1000(user) groups=44"], Lines(result.Stdout).Select(l => l.Trim()));
    }

    [SkippableFact]
    public void A_process_json_is_honoured_field_by_field()
    {
        Root.Require();
        using var bundle = new BusyboxBundle();
        var id = StartSleeping(bundle);
        var processFile = Path.Combine(bundle.Directory, "process.json");
        File.WriteAllText(processFile, new JsonObject
        {
            ["args"] = new JsonArray("sh", "-c", "echo $X; pwd; id -u; id -g; ulimit -n; grep -E '^(CapBnd|NoNewPrivs)' /proc/self/status"),
            ["env"] = new JsonArray("PATH=/bin", "X=from-json"),
            ["cwd"] = "/etc",
            ["user"] = new JsonObject { ["uid"] = 1000, ["gid"] = 100 },
            ["capabilities"] = new JsonObject { ["bounding"] = new JsonArray("CAP_KILL"), ["effective"] = new JsonArray("CAP_KILL"), ["permitted"] = new JsonArray("CAP_KILL") },
            ["rlimits"] = new JsonArray(new JsonObject { ["type"] = "RLIMIT_NOFILE", ["soft"] = 77, ["hard"] = 88 }),
            ["noNewPrivileges"] = true,
        }.ToJsonString());
        var result = Exec(bundle, "--process", processFile, id);
        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.Equal(["from-json", "/etc", "1000", "100", "77", "CapBnd:\t0000000000000020", "NoNewPrivs:\t1"], Lines(result.Stdout));
    }

    [SkippableFact]
    public void The_process_gets_its_own_oom_score_adj_else_the_containers_never_its_callers()
    {
        Root.Require();
        using var bundle = new BusyboxBundle();
        // Above this test's own score, so that it needs no CAP_SYS_RESOURCE and differs from what ocirun inherits.
        bundle.Process["oomScoreAdj"] = 500;
        var id = StartSleeping(bundle);
        var result = Exec(bundle, id, "cat", "/proc/self/oom_score_adj");
        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.Equal("500", result.Stdout.Trim());

        // A --process file's own oomScoreAdj applies (runc 1.3); without one, the container's does.
        var processFile = Path.Combine(bundle.Directory, "process.json");
        foreach (var (own, expected) in new[] { (700, "700"), ((int?)null, "500") }.Select(c => ((int?)c.Item1, c.Item2)))
        {
            var process = new JsonObject { ["args"] = new JsonArray("cat", "/proc/self/oom_score_adj"), ["cwd"] = "/" };
            if (own != null) process["oomScoreAdj"] = own;
            File.WriteAllText(processFile, process.ToJsonString());
            var fromFile = Exec(bundle, "--process", processFile, id);
            Assert.True(fromFile.ExitCode == 0, fromFile.ToString());
            Assert.Equal(expected, fromFile.Stdout.Trim());
        }
    }

    /// <summary>runc 1.3 applies an exec process's scheduler and ioPriority; the program inherits them from the exec
    /// child, also through the clone into the container's pid namespace.</summary>
    [SkippableFact]
    public void The_process_gets_its_scheduler_and_io_priority()
    {
        Root.Require();
        using var bundle = new BusyboxBundle();
        var id = StartSleeping(bundle);
        var processFile = Path.Combine(bundle.Directory, "process.json");
        File.WriteAllText(processFile, new JsonObject
        {
            // Field 41 of stat is the policy (SCHED_BATCH is 3); ionice without arguments prints the shell's class.
            ["args"] = new JsonArray("sh", "-c", "cut -d' ' -f41 /proc/self/stat; ionice"),
            ["cwd"] = "/",
            ["scheduler"] = new JsonObject { ["policy"] = "SCHED_BATCH" },
            ["ioPriority"] = new JsonObject { ["class"] = "IOPRIO_CLASS_IDLE", ["priority"] = 0 },
        }.ToJsonString());

        var result = Exec(bundle, "--process", processFile, id);

        Assert.True(result.ExitCode == 0, result.ToString());
        var lines = Lines(result.Stdout);
        Assert.Equal("3", lines[0]);
        Assert.Contains("idle", lines[1]);
    }

    [SkippableFact]
    public void A_bad_process_json_is_refused()
    {
        Root.Require();
        using var bundle = new BusyboxBundle();
        var id = StartSleeping(bundle);
        var processFile = Path.Combine(bundle.Directory, "process.json");
        File.WriteAllText(processFile, """{"args": [], "cwd": "/"}""");
        var result = Exec(bundle, "--process", processFile, id);
        Assert.Equal(255, result.ExitCode);
        Assert.Contains("args: must not be empty", result.Stderr);
    }

    [SkippableFact]
    public void Detach_returns_with_the_pid_file_written()
    {
        Root.Require();
        using var bundle = new BusyboxBundle();
        var id = StartSleeping(bundle);
        var pidFile = Path.Combine(bundle.Directory, "exec.pid");
        var result = Exec(bundle, "-d", "--pid-file", pidFile, id, "sleep", "321");
        Assert.True(result.ExitCode == 0, result.ToString());
        var pid = int.Parse(File.ReadAllText(pidFile));
        try
        {
            Assert.Equal("sleep\0" + "321\0", File.ReadAllText($"/proc/{pid}/cmdline"));
            Assert.Contains("sleep 321", Exec(bundle, id, "ps", "-o", "args").Stdout);
        }
        finally
        {
            Ocirun.Exec("kill", ["-9", pid.ToString()]);
        }
    }

    [SkippableFact]
    public void Exit_codes_and_signals_propagate()
    {
        Root.Require();
        using var bundle = new BusyboxBundle();
        var id = StartSleeping(bundle);
        Assert.Equal(7, Exec(bundle, id, "sh", "-c", "exit 7").ExitCode);
        Assert.Equal(128 + 15, Exec(bundle, id, "sh", "-c", "kill -TERM $$").ExitCode);
    }

    [SkippableFact]
    public void A_foreground_exec_passes_the_signals_it_gets_on_to_the_program()
    {
        Root.Require();
        using var bundle = new BusyboxBundle();
        bundle.Config["root"]!["readonly"] = false;
        var id = StartSleeping(bundle);
        var marker = Path.Combine(bundle.Directory, "rootfs", "trapping");
        var exec = Process.Start(Ocirun.BinaryPath, ["--root", bundle.StateRoot, "exec", id,
            "sh", "-c", "trap 'exit 9' USR1; touch /trapping; sleep 100 & wait"])!;
        LifecycleTests.WaitFor(() => File.Exists(marker));

        Assert.Equal(0, Ocirun.Exec("kill", ["-USR1", exec.Id.ToString()]).ExitCode);

        Assert.True(exec.WaitForExit(10_000), "exec did not end");
        Assert.Equal(9, exec.ExitCode);
    }

    [SkippableFact]
    public void A_terminal_goes_through_the_console_socket()
    {
        Root.Require();
        using var bundle = new BusyboxBundle();
        var id = StartSleeping(bundle);
        using var server = new ConsoleSocketServer(bundle.Directory);
        var exec = Task.Run(() => Exec(bundle, "-t", "--console-socket", server.Path, id, "sh", "-c", "tty; echo $TERM; echo done"));
        using var master = server.ReceiveMaster(TimeSpan.FromSeconds(20));
        var output = ConsoleSocketServer.ReadUntil(master, "done");
        Assert.True(exec.Result.ExitCode == 0, exec.Result.ToString());
        Assert.Matches(@"/dev/pts/\d+\r\nxterm\r\ndone", output);
    }

    [SkippableTheory]
    [InlineData(0, 0)]
    [InlineData(1000, 100)]
    public void The_terminal_belongs_to_the_process_user_and_the_devpts_tty_group(int uid, int gid)
    {
        Root.Require();
        using var bundle = new BusyboxBundle();
        bundle.Process["user"] = new JsonObject { ["uid"] = uid, ["gid"] = gid };
        var id = StartSleeping(bundle);
        using var server = new ConsoleSocketServer(bundle.Directory);
        var exec = Task.Run(() => Exec(bundle, "-t", "--console-socket", server.Path, id, "sh", "-c", "stat -c owner=%u:%g $(tty); echo done"));
        using var master = server.ReceiveMaster(TimeSpan.FromSeconds(20));
        var output = ConsoleSocketServer.ReadUntil(master, "done");
        Assert.True(exec.Result.ExitCode == 0, exec.Result.ToString());
        // gid 5 (tty) is the default config's devpts gid= option: the group is the mount's, as with runc.
        Assert.Contains($"owner={uid}:5\r\n", output);
    }

    [SkippableFact]
    public void A_terminal_without_a_console_socket_relays_the_callers_terminal()
    {
        Root.Require();
        Skip.IfNot(File.Exists("/usr/bin/script"), "script(1) from bsdutils gives the test a terminal");
        using var bundle = new BusyboxBundle();
        var id = StartSleeping(bundle);
        var command = $"{Ocirun.BinaryPath} --root {bundle.StateRoot} exec -t {id} sh -c 'tty; echo $TERM; exit 3'";

        var result = Ocirun.Exec("/usr/bin/script", ["-qec", command, "/dev/null"], stdin: "");

        // script(1) passes its stdin's end on as the terminal's EOF character, which under load can reach the
        // terminal while the shell still echoes: it shows as ^@ and is not ours.
        Assert.Matches(@"/dev/pts/\d+\r?\n(\^@)*xterm\r?\n", result.Stdout);
        Assert.Equal(3, result.ExitCode);
        Assert.Contains("cannot allocate tty if ocirun will detach without setting console socket",
            Exec(bundle, "-t", "-d", id, "true").Stderr);
    }

    [SkippableFact]
    public void A_cgroup_the_process_cannot_join_is_named_in_the_error()
    {
        Root.Require();
        Skip.IfNot(Directory.Exists("/sys/fs/cgroup/cpuset"), "a cgroup v1 cpuset hierarchy");
        using var bundle = new BusyboxBundle();
        var id = StartSleeping(bundle);
        // A new v1 cpuset has no cpus: the kernel refuses to move a task into it (ENOSPC).
        var line = File.ReadAllLines($"/proc/{JsonNode.Parse(bundle.Ocirun("state", id).Stdout)!["pid"]!.GetValue<int>()}/cgroup")
            .Single(l => l.Split(':')[1].Split(',').Contains("cpuset"));
        var empty = $"/sys/fs/cgroup/cpuset{line.Split(':')[2]}/empty";
        Directory.CreateDirectory(empty);
        try
        {
            var result = Exec(bundle, "--cgroup", "cpuset:empty", id, "true");

            Assert.Equal(255, result.ExitCode);
            Assert.Equal($"ocirun: exec {id}: joining cgroup {empty}: no space left on device\n", result.Stderr);
            Assert.Equal(0, Exec(bundle, id, "true").ExitCode);
        }
        finally
        {
            Directory.Delete(empty);
        }
    }

    [SkippableFact]
    public void Sub_cgroups_are_joined_per_controller_and_paths_outside_or_missing_are_refused()
    {
        Root.Require();
        Skip.IfNot(Directory.Exists("/sys/fs/cgroup/memory") && Directory.Exists("/sys/fs/cgroup/pids"), "cgroup v1 memory and pids hierarchies");
        using var bundle = new BusyboxBundle();
        var id = StartSleeping(bundle);
        var paths = JsonNode.Parse(File.ReadAllText(Path.Combine(bundle.StateRoot, id, "state.json")))!["cgroups"]!["v1"]!;
        var memory = paths["memory"]!.GetValue<string>();
        var pids = paths["pids"]!.GetValue<string>();
        Directory.CreateDirectory(Path.Join(memory, "submem"));
        Directory.CreateDirectory(Path.Join(pids, "subpids"));
        try
        {
            var joined = Exec(bundle, "--cgroup", "memory:submem", "--cgroup", "pids:/x/../subpids", id, "cat", "/proc/self/cgroup");
            Assert.True(joined.ExitCode == 0, joined.ToString());
            var lines = Lines(joined.Stdout);
            Assert.Contains(lines, l => l.Contains(":memory:") && l.EndsWith("/submem"));
            Assert.Contains(lines, l => l.Contains(":pids:") && l.EndsWith("/subpids"));
            Assert.Contains(lines, l => l.Contains(":freezer:") && l.EndsWith("/" + id));

            var own = Exec(bundle, "--cgroup", "/", id, "cat", "/proc/self/cgroup");
            Assert.True(own.ExitCode == 0, own.ToString());
            Assert.DoesNotContain(Lines(own.Stdout), l => l.Contains("/sub"));

            var outside = Exec(bundle, "--cgroup", "..", id, "true");
            Assert.Equal(255, outside.ExitCode);
            Assert.Equal($"ocirun: exec {id}: --cgroup: .. is not a sub cgroup path\n", outside.Stderr);
            var missing = Exec(bundle, "--cgroup", "memory:nonexistent", id, "true");
            Assert.Equal(255, missing.ExitCode);
            Assert.Matches($@"^ocirun: exec {id}: cgroup: adding pid \d+ to {memory}/nonexistent/cgroup.procs: no such file or directory\n$", missing.Stderr);
            var unknown = Exec(bundle, "--cgroup", "whaaat:/", id, "true");
            Assert.Equal(255, unknown.ExitCode);
            Assert.Contains("unknown controller whaaat", unknown.Stderr);
        }
        finally
        {
            Directory.Delete(Path.Join(memory, "submem"));
            Directory.Delete(Path.Join(pids, "subpids"));
        }
    }

    [SkippableTheory]
    [InlineData("text")]
    [InlineData("json")]
    public void Debug_logs_the_exec_childs_milestones_to_the_log_and_nothing_to_stderr(string format)
    {
        Root.Require();
        using var bundle = new BusyboxBundle();
        var id = StartSleeping(bundle);
        var log = Path.Combine(bundle.Directory, "exec.log");
        var result = bundle.Ocirun("--debug", "--log", log, "--log-format", format, "exec", id, "true");
        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.Equal("", result.Stderr);
        var lines = File.ReadAllLines(log);
        var messages = format == "json"
            ? lines.Select(l => JsonNode.Parse(l)!).Where(j => (string?)j["level"] == "debug").Select(j => (string)j["msg"]!).ToList()
            : lines.Where(l => l.Contains(" level=debug ")).ToList();
        Assert.Contains(messages, m => m.Contains("=> nsexec container setup") && m.Contains("pid, mnt namespaces"));
        Assert.Contains(messages, m => m.Contains("child process in init(): pid ") && m.Contains("in its cgroups and namespaces"));
        Assert.Contains(messages, m => m.Contains("setns_init: about to exec /bin/true"));
        Assert.Contains(messages, m => m.Contains("exec: /bin/true runs as pid "));

        // Without --log the debug lines go to stderr; without --debug there are none.
        Assert.Contains("level=debug msg=\"setns_init: about to exec /bin/true", bundle.Ocirun("--debug", "exec", id, "true").Stderr);
        Assert.Equal("", bundle.Ocirun("exec", id, "true").Stderr);
    }

    [SkippableFact]
    public void A_missing_binary_fails_with_255_and_leaves_nothing()
    {
        Root.Require();
        using var bundle = new BusyboxBundle();
        var id = StartSleeping(bundle);
        var result = Exec(bundle, id, "no-such-program");
        Assert.Equal(255, result.ExitCode);
        Assert.Equal($"ocirun: exec {id}: exec: \"no-such-program\": executable file not found in $PATH\n", result.Stderr);
        var missingCwd = Exec(bundle, "--cwd", "/no/such/dir", id, "true");
        Assert.Equal(255, missingCwd.ExitCode);
        Assert.Contains("working directory: no such file or directory", missingCwd.Stderr);
        var ps = Lines(Exec(bundle, id, "ps", "-o", "pid,comm").Stdout).Skip(1).Select(l => l.Trim()).ToList();
        Assert.Equal(2, ps.Count);
        Assert.Equal("1 sleep", ps[0].Replace("  ", " "));
        Assert.EndsWith("ps", ps[1]);
    }

    [SkippableFact]
    public void A_created_container_takes_an_exec_next_to_its_waiting_init_and_stays_created()
    {
        Root.Require();
        using var bundle = new BusyboxBundle("sh", "-c", "echo started > /dev/shm/started; sleep 1000");
        var id = bundle.NewId();
        Assert.Equal(0, bundle.Ocirun("create", "--bundle", bundle.Directory, id).ExitCode);
        var initPid = (int)JsonNode.Parse(bundle.Ocirun("state", id).Stdout)!["pid"]!;
        var result = Exec(bundle, id, "sh", "-c",
            "readlink /proc/self/ns/pid; readlink /proc/self/ns/mnt; cmp /proc/1/cgroup /proc/self/cgroup && echo same-cgroup; " +
            "cat /dev/shm/started || echo not-started");
        Assert.True(result.ExitCode == 0, result.ToString());
        var lines = Lines(result.Stdout);
        Assert.Equal(new FileInfo($"/proc/{initPid}/ns/pid").LinkTarget, lines[0]);
        Assert.Equal(new FileInfo($"/proc/{initPid}/ns/mnt").LinkTarget, lines[1]);
        Assert.Equal("same-cgroup", lines[2]);
        Assert.Equal("not-started", lines[^1]);
        Assert.Equal("created", (string?)JsonNode.Parse(bundle.Ocirun("state", id).Stdout)!["status"]);

        Assert.Equal(0, bundle.Ocirun("start", id).ExitCode);
        LifecycleTests.WaitFor(() => Exec(bundle, id, "cat", "/dev/shm/started").Stdout == "started\n");
    }

    [SkippableFact]
    public void Stopped_containers_and_unknown_ids_are_refused()
    {
        Root.Require();
        using var bundle = new BusyboxBundle("true");
        var created = bundle.NewId();
        Assert.Equal(0, bundle.Ocirun("create", "--bundle", bundle.Directory, created).ExitCode);
        Assert.Equal(0, bundle.Ocirun("start", created).ExitCode);
        var deadline = DateTime.UtcNow.AddSeconds(10);
        while (!bundle.Ocirun("state", created).Stdout.Contains("\"stopped\"") && DateTime.UtcNow < deadline) Thread.Sleep(20);
        var result = Exec(bundle, created, "true");
        Assert.Equal(255, result.ExitCode);
        Assert.Equal($"ocirun: exec {created}: cannot exec in a stopped container\n", result.Stderr);

        Assert.Equal(255, Exec(bundle, "no-such-container", "true").ExitCode);
    }

    [SkippableFact]
    public void A_hundred_execs_leave_no_zombie_fd_or_cgroup_residue()
    {
        Root.Require();
        using var bundle = new BusyboxBundle();
        var id = StartSleeping(bundle);
        var stateDirectory = Path.Combine(bundle.StateRoot, id);
        var stateBefore = Directory.GetFileSystemEntries(stateDirectory).Order().ToArray();
        var initPid = int.Parse(bundle.Ocirun("state", id).Stdout.Split("\"pid\":")[1].Split(',')[0].Trim());
        var fdsBefore = Directory.GetFileSystemEntries($"/proc/{initPid}/fd").Length;
        for (var i = 0; i < 100; i++)
        {
            var result = Exec(bundle, id, "true");
            Assert.True(result.ExitCode == 0, result.ToString());
        }
        var ps = Lines(Exec(bundle, id, "ps", "-o", "pid,stat,comm").Stdout).Skip(1).Select(l => l.Trim()).ToList();
        Assert.Equal(2, ps.Count);
        Assert.DoesNotContain(ps, l => l.Split(' ', StringSplitOptions.RemoveEmptyEntries)[1].StartsWith('Z'));
        var cgroups = JsonNode.Parse(File.ReadAllText(Path.Combine(stateDirectory, "state.json")))!["cgroups"]!;
        var directories = ((JsonObject)cgroups["v1"]!).Select(e => (string)e.Value!).Append((string?)cgroups["unified"]).OfType<string>().Distinct();
        foreach (var directory in directories)
            Assert.Equal(initPid.ToString(), File.ReadAllText(Path.Combine(directory, "cgroup.procs")).Trim());
        Assert.Equal(stateBefore, Directory.GetFileSystemEntries(stateDirectory).Order().ToArray());
        Assert.Equal(fdsBefore, Directory.GetFileSystemEntries($"/proc/{initPid}/fd").Length);
    }

    [SkippableFact]
    public void A_paused_container_is_refused_unless_ignore_paused_and_runs_the_process_after_resume()
    {
        Root.Require();
        using var bundle = new BusyboxBundle("sleep", "100");
        var id = StartSleeping(bundle);
        Assert.Equal(0, bundle.Ocirun("pause", id).ExitCode);
        var refused = Exec(bundle, id, "true");
        Assert.Equal(255, refused.ExitCode);
        Assert.Contains("paused", refused.Stderr);

        // With --ignore-paused the process joins the frozen cgroup and runs once the container is resumed.
        var exec = Task.Run(() => Exec(bundle, "--ignore-paused", id, "sh", "-c", "echo after-resume"));
        Thread.Sleep(300);
        Assert.False(exec.IsCompleted);
        Assert.Equal(0, bundle.Ocirun("resume", id).ExitCode);
        Assert.True(exec.Wait(TimeSpan.FromSeconds(20)));
        Assert.Equal(0, exec.Result.ExitCode);
        Assert.Equal("after-resume\n", exec.Result.Stdout);
    }
}
