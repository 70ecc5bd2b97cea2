using System.Diagnostics;
using System.Text.Json.Nodes;
using OciRuntime.IntegrationTests.Infrastructure;
using Xunit;

namespace OciRuntime.IntegrationTests;

/// <summary>
/// Regression tests for what makes a container a boundary (issue 6), each checked from inside a real container
/// with the default config of `ocirun spec` unless the test says otherwise.
/// </summary>
public sealed class HardeningTests
{
    private static string[] Lines(string text) => text.Split('\n', StringSplitOptions.RemoveEmptyEntries);

    private static Dictionary<string, string> Status(string text) => Lines(text)
        .Select(l => l.Split(':', 2)).Where(p => p.Length == 2)
        .GroupBy(p => p[0]).ToDictionary(g => g.Key, g => g.First()[1].Trim());

    private static int InitPid(BusyboxBundle bundle, string id) =>
        JsonNode.Parse(bundle.Ocirun("state", id).Stdout)!["pid"]!.GetValue<int>();

    private static string StartSleeping(BusyboxBundle bundle)
    {
        bundle.Args("sleep", "1000").Save();
        var id = bundle.NewId();
        var run = bundle.Ocirun("run", "-d", "--bundle", bundle.Directory, id);
        Assert.True(run.ExitCode == 0, run.ToString());
        return id;
    }

    [SkippableFact]
    public void Proc_and_sys_masks_cannot_be_undone_from_inside()
    {
        Root.Require();
        // Each attempt prints a marker only if it succeeds; the masked file must still read as empty.
        using var bundle = new BusyboxBundle("sh", "-c",
            "umount /proc/kcore 2>/dev/null && echo UNMASKED-KCORE; " +
            "umount -l /proc/kcore 2>/dev/null && echo LAZY-UNMASKED-KCORE; " +
            "mount -o remount,rw /proc/sys 2>/dev/null && echo REMOUNTED-PROC-SYS; " +
            "umount /proc/sys 2>/dev/null && echo UNMOUNTED-PROC-SYS; " +
            "umount /sys/firmware 2>/dev/null && echo UNMASKED-FIRMWARE; " +
            "mount -o remount,rw /sys 2>/dev/null && echo REMOUNTED-SYS; " +
            "echo 1 > /proc/sys/kernel/sysrq 2>/dev/null && echo WROTE-PROC-SYS; " +
            "echo kcore=$(head -c 16 /proc/kcore | wc -c); echo firmware=$(ls -A /sys/firmware | wc -l)");
        var result = bundle.Run();
        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.Equal(["kcore=0", "firmware=0"], Lines(result.Stdout));
    }

    [SkippableFact]
    public void Devices_are_denied_unless_allowed_while_the_standard_ones_work()
    {
        Root.Require();
        const string script =
            "mknod /dev/xloop b 7 0 && echo made-loop; head -c1 /dev/xloop; echo loop=$?; " +
            "mknod /dev/xmem c 1 1 && echo made-mem; head -c1 /dev/xmem; echo mem=$?; " +
            "echo x > /dev/null && echo null-ok; [ $(head -c4 /dev/zero | wc -c) = 4 ] && echo zero-ok; " +
            "[ $(head -c4 /dev/urandom | wc -c) = 4 ] && echo urandom-ok";
        using var bundle = new BusyboxBundle("sh", "-c", script);
        // The default capabilities have no CAP_MKNOD at all.
        var noMknod = bundle.Run();
        Assert.True(noMknod.ExitCode == 0, noMknod.ToString());
        Assert.Equal(["loop=1", "mem=1", "null-ok", "zero-ok", "urandom-ok"], Lines(noMknod.Stdout));
        Assert.Contains("mknod: /dev/xloop: Operation not permitted", noMknod.Stderr);

        // With CAP_MKNOD (as Docker grants it) mknod works for every device (runc's allowlist), but the device
        // cgroup still refuses to open one the config does not allow.
        foreach (var set in ((JsonObject)bundle.Process["capabilities"]!).Select(s => (JsonArray)s.Value!))
            set.Add(JsonValue.Create("CAP_MKNOD"));
        bundle.Save();
        var denied = bundle.Run();
        Assert.True(denied.ExitCode == 0, denied.ToString());
        Assert.Equal(["made-loop", "loop=1", "made-mem", "mem=1", "null-ok", "zero-ok", "urandom-ok"], Lines(denied.Stdout));
        Assert.Contains("head: /dev/xloop: Operation not permitted", denied.Stderr);
        Assert.Contains("head: /dev/xmem: Operation not permitted", denied.Stderr);

        // An explicit rule opens exactly that device (the unbound loop device reads as empty).
        var resources = (JsonObject?)bundle.Linux["resources"] ?? new JsonObject();
        bundle.Linux["resources"] = resources;
        var devices = (JsonArray?)resources["devices"] ?? new JsonArray();
        resources["devices"] = devices;
        devices.Add(new JsonObject { ["allow"] = true, ["type"] = "b", ["major"] = 7, ["minor"] = 0, ["access"] = "rwm" });
        bundle.Save();
        var allowed = bundle.Run();
        Assert.True(allowed.ExitCode == 0, allowed.ToString());
        Assert.Equal(["made-loop", "loop=0", "made-mem", "mem=1", "null-ok", "zero-ok", "urandom-ok"], Lines(allowed.Stdout));
    }

    [SkippableFact]
    public void No_runtime_process_is_visible_inside_the_container()
    {
        Root.Require();
        using var bundle = new BusyboxBundle("sh", "-c", "ps -o pid,comm,args; true");
        var result = bundle.Run();
        Assert.True(result.ExitCode == 0, result.ToString());
        var processes = Lines(result.Stdout).Skip(1).Select(l => l.Trim().Split(' ', 3, StringSplitOptions.RemoveEmptyEntries)).ToList();
        Assert.Equal("1", processes.Single(p => p[1] == "sh")[0]);
        Assert.Equal(["ps", "sh"], processes.Select(p => p[1]).Order());
        Assert.DoesNotContain("ocirun", result.Stdout);
    }

    [SkippableFact]
    public void The_waiting_init_is_not_dumpable_from_the_containers_pid_namespace()
    {
        Root.Require();
        using var victim = new BusyboxBundle("true");
        var id = victim.NewId();
        var create = victim.Ocirun("create", "--bundle", victim.Directory, id);
        Assert.True(create.ExitCode == 0, create.ToString());
        var pid = InitPid(victim, id);

        // Root with the default capabilities (no CAP_SYS_PTRACE) in the same pid namespace: every ptrace-guarded
        // view of the init must be refused.
        using var attacker = new BusyboxBundle("sh", "-c",
            "cat /proc/1/environ > /dev/null 2>&1 && echo READ-ENVIRON; " +
            "head -c1 /proc/1/mem > /dev/null 2>&1 && echo READ-MEM; " +
            "for fd in /proc/1/fd/*; do echo fd; readlink $fd && echo READ-FD-LINK; " +
            "cat $fd < /dev/null > /dev/null 2>&1 && echo OPENED-FD; done; " +
            "readlink /proc/1/cwd > /dev/null 2>&1 && echo READ-CWD; " +
            "ls /proc/1/root/ > /dev/null 2>&1 && echo LISTED-ROOT; echo done");
        var namespaces = (JsonArray)attacker.Linux["namespaces"]!;
        foreach (var ns in namespaces.ToArray())
            if (ns!["type"]!.GetValue<string>() == "pid") namespaces.Remove(ns);
        namespaces.Add(new JsonObject { ["type"] = "pid", ["path"] = $"/proc/{pid}/ns/pid" });
        attacker.Save();
        var result = attacker.Run();
        Assert.True(result.ExitCode == 0, result.ToString());
        // The fd numbers may be listed (the directory belongs to root), but no fd is followed or reopened.
        Assert.Equal("done", Lines(result.Stdout)[^1]);
        Assert.Contains("fd", Lines(result.Stdout));
        Assert.All(Lines(result.Stdout), l => Assert.True(l is "fd" or "done", result.ToString()));
    }

    [SkippableFact]
    public void Kill_never_signals_a_process_that_reused_the_recorded_pid()
    {
        Root.Require();
        using var bundle = new BusyboxBundle("true");
        var id = bundle.NewId();
        var create = bundle.Ocirun("create", "--bundle", bundle.Directory, id);
        Assert.True(create.ExitCode == 0, create.ToString());

        // A host process of ours takes the place of the init in the record (as a reused pid would); its start
        // time is later than the recorded one.
        Thread.Sleep(50);
        using var bystander = Process.Start("sleep", "1000");
        var statePath = Path.Combine(bundle.StateRoot, id, "state.json");
        var original = File.ReadAllText(statePath);
        var record = JsonNode.Parse(original)!;
        record["init_pid"] = bystander.Id;
        File.WriteAllText(statePath, record.ToJsonString());
        try
        {
            var kill = bundle.Ocirun("kill", id, "KILL");
            Assert.NotEqual(0, kill.ExitCode);
            Assert.Contains("container not running", kill.Stderr);
            // As runc 1.1, --all of a stopped container succeeds: it signals only what is in the container's cgroup.
            var killAll = bundle.Ocirun("kill", "--all", id, "KILL");
            Assert.True(killAll.ExitCode == 0, killAll.ToString());
            Assert.Equal("stopped", JsonNode.Parse(bundle.Ocirun("state", id).Stdout)!["status"]!.GetValue<string>());
            Assert.False(bystander.WaitForExit(200), "the bystander was signalled");
        }
        finally
        {
            File.WriteAllText(statePath, original);
            bystander.Kill();
        }
        Assert.Equal(0, bundle.Ocirun("delete", "--force", id).ExitCode);
    }

    [SkippableFact]
    public void An_unknown_capability_is_ignored_and_the_known_ones_apply()
    {
        Root.Require();
        using var bundle = new BusyboxBundle("grep", "^Cap", "/proc/self/status");
        var defaults = Status(bundle.Run().Stdout);
        foreach (var set in ((JsonObject)bundle.Process["capabilities"]!).Select(s => (JsonArray)s.Value!))
            set.Add(JsonValue.Create("CAP_NO_SUCH_THING"));
        bundle.Save();

        var result = bundle.Run();

        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.Contains("CAP_NO_SUCH_THING", result.Stderr);
        Assert.Contains("level=warning", result.Stderr);
        Assert.Equal(defaults, Status(result.Stdout));
    }

    [SkippableFact]
    public void Exec_cap_adds_the_capability_to_the_execd_process_only()
    {
        Root.Require();
        using var bundle = new BusyboxBundle();
        var id = StartSleeping(bundle);
        const ulong netAdmin = 1UL << 12;

        var withCap = bundle.Ocirun("exec", "--cap", "CAP_NET_ADMIN", id, "sh", "-c", "grep ^CapEff /proc/self/status /proc/1/status");
        Assert.True(withCap.ExitCode == 0, withCap.ToString());
        var sets = Lines(withCap.Stdout).ToDictionary(l => l.Split(':')[0], l => Convert.ToUInt64(l.Split('\t')[^1], 16));
        Assert.Equal(netAdmin, sets["/proc/self/status"] & netAdmin);
        Assert.Equal(0UL, sets["/proc/1/status"] & netAdmin);

        var without = bundle.Ocirun("exec", id, "grep", "^CapEff", "/proc/self/status");
        Assert.True(without.ExitCode == 0, without.ToString());
        Assert.Equal(0UL, Convert.ToUInt64(without.Stdout.Split('\t')[^1].Trim(), 16) & netAdmin);
    }

    [SkippableFact]
    public void No_host_fd_leaks_into_an_execd_or_the_containers_process()
    {
        Root.Require();
        using var bundle = new BusyboxBundle();
        var id = StartSleeping(bundle);
        // The caller hands ocirun inheritable host directory fds: none may reach the container.
        var result = WithHostDirectoriesOpen(bundle, "exec", id, "ls", "/proc/self/fd");
        Assert.True(result.ExitCode == 0, result.ToString());
        // ls itself opens one fd for the directory it lists.
        Assert.Equal(["0", "1", "2", "3"], Lines(result.Stdout).Order());

        // The same for the container's own process.
        bundle.Args("ls", "/proc/self/fd").Save();
        var run = WithHostDirectoriesOpen(bundle, "run", "--bundle", bundle.Directory, bundle.NewId());
        Assert.True(run.ExitCode == 0, run.ToString());
        Assert.Equal(["0", "1", "2", "3"], Lines(run.Stdout).Order());
    }

    /// <summary>ocirun through a shell that leaves host directories open on fds 7 (/), 8 (/etc) and 9 (/proc).</summary>
    private static CommandResult WithHostDirectoriesOpen(BusyboxBundle bundle, params string[] args) =>
        Infrastructure.Ocirun.Exec("/bin/sh",
            ["-c", "exec 7</ 8</etc 9</proc; exec \"$0\" \"$@\"", Infrastructure.Ocirun.BinaryPath, "--root", bundle.StateRoot, .. args]);

    [SkippableFact]
    public void A_cwd_through_a_leaked_host_directory_fd_is_refused()
    {
        Root.Require();
        using var bundle = new BusyboxBundle("sh", "-c", "echo ESCAPED; ls");
        foreach (var initStage in new[] { false, true })
        {
            // CAP_SYS_PTRACE in the bounding set makes create use the init stage, which inherits the caller's fds
            // until its exec: the breakout check refuses the cwd. The in-process build's init has closed them, so
            // the path names nothing there.
            var bounding = (JsonArray)bundle.Process["capabilities"]!["bounding"]!;
            if (initStage) bounding.Add(JsonValue.Create("CAP_SYS_PTRACE"));
            foreach (var fd in new[] { 7, 8, 9 })
            {
                // CVE-2024-21626: the directory behind /proc/self/fd/N is the host's, outside the container's root.
                bundle.Process["cwd"] = $"/proc/self/fd/{fd}";
                bundle.Save();
                var run = WithHostDirectoriesOpen(bundle, "run", "--bundle", bundle.Directory, bundle.NewId());
                Assert.True(run.ExitCode != 0, run.ToString());
                Assert.DoesNotContain("ESCAPED", run.Stdout);
                Assert.Contains(initStage ? "possible container breakout detected" : $"chdir /proc/self/fd/{fd}: no such file or directory", run.Stderr);
            }
        }

        ((JsonArray)bundle.Process["capabilities"]!["bounding"]!).RemoveAt(((JsonArray)bundle.Process["capabilities"]!["bounding"]!).Count - 1);
        bundle.Process["cwd"] = "/";
        var id = StartSleeping(bundle);
        foreach (var fd in new[] { 7, 8, 9 })
        {
            var exec = WithHostDirectoriesOpen(bundle, "exec", "--cwd", $"/proc/self/fd/{fd}", id, "sh", "-c", "echo ESCAPED; ls");
            Assert.True(exec.ExitCode == 255, exec.ToString());
            Assert.DoesNotContain("ESCAPED", exec.Stdout);
            Assert.Contains("possible container breakout detected", exec.Stderr);
        }
    }
}
