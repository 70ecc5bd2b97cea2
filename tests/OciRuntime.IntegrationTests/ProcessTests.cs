using System.Text.Json.Nodes;
using OciRuntime.IntegrationTests.Infrastructure;
using Xunit;

namespace OciRuntime.IntegrationTests;

/// <summary>What the container's process sees of its own settings, read from inside.</summary>
public sealed class ProcessTests
{
    private static Dictionary<string, string> Status(string text) => text.Split('\n')
        .Select(l => l.Split(':', 2)).Where(p => p.Length == 2)
        .GroupBy(p => p[0]).ToDictionary(g => g.Key, g => g.First()[1].Trim());

    [SkippableFact]
    public void A_refused_oom_score_adj_is_one_errno_line_and_leaves_nothing()
    {
        Root.Require();
        // Lowering oom_score_adj needs CAP_SYS_RESOURCE (containers such as CI's lack it, Kubernetes' sandboxes ask
        // for -998): only where this process lacks it is the write refused.
        var effective = Convert.ToUInt64(Status(File.ReadAllText("/proc/self/status"))["CapEff"], 16);
        const int CAP_SYS_RESOURCE = 24;
        Skip.If((effective & (1UL << CAP_SYS_RESOURCE)) != 0, "lowering oom_score_adj is allowed here (CAP_SYS_RESOURCE)");
        using var bundle = new BusyboxBundle("true");
        bundle.Process["oomScoreAdj"] = -998;
        bundle.Save();
        var id = bundle.NewId();
        var result = bundle.Ocirun("run", "--bundle", bundle.Directory, id);
        Assert.Equal(1, result.ExitCode);
        Assert.Matches($@"^ocirun: run {id}: oomScoreAdj -998: write /proc/(self|\d+)/oom_score_adj: permission denied\n$", result.Stderr);
        Assert.False(Directory.Exists(Path.Combine(bundle.StateRoot, id)), "the container's state was left behind");
    }

    [SkippableFact]
    public void User_groups_and_no_new_privileges_are_applied()
    {
        Root.Require();
        using var bundle = new BusyboxBundle("cat", "/proc/self/status");
        bundle.Process["user"] = new JsonObject { ["uid"] = 1000, ["gid"] = 1000, ["additionalGids"] = new JsonArray(29, 44) };
        bundle.Process["noNewPrivileges"] = true;
        bundle.Save();
        var result = bundle.Run();
        Assert.True(result.ExitCode == 0, result.ToString());
        var status = Status(result.Stdout);
        Assert.Equal("1000\t1000\t1000\t1000", status["Uid"]);
        Assert.Equal("1000\t1000\t1000\t1000", status["Gid"]);
        Assert.Equal("29 44", status["Groups"]);
        Assert.Equal("1", status["NoNewPrivs"]);
    }

    [SkippableTheory]
    [InlineData(false)]
    [InlineData(true)]
    public void Stdio_that_is_dev_null_is_reopened_read_write_as_the_containers_own_dev_null(bool initStage)
    {
        Root.Require();
        // Docker without -i gives the container /dev/null as stdin, opened read-only by its shim; runc reopens it.
        using var bundle = new BusyboxBundle("sh", "-c",
            "ls -l /proc/self/fd/0 | cut -c1-4; echo x >&0 && echo stdin-writable; " +
            "[ \"$(stat -L -c %d:%i /proc/self/fd/0)\" = \"$(stat -c %d:%i /dev/null)\" ] && echo containers-dev-null");
        // CAP_SYS_PTRACE in the bounding set makes create use the init stage instead of the raw init.
        if (initStage) ((JsonArray)bundle.Process["capabilities"]!["bounding"]!).Add(JsonValue.Create("CAP_SYS_PTRACE"));
        bundle.Save();

        // Detached, as Docker's shim runs it: the container inherits the command's stdio (a foreground run pipes it).
        var id = bundle.NewId();
        var output = Path.Combine(bundle.Directory, "container-output");
        var result = Infrastructure.Ocirun.Exec("/bin/sh",
            ["-c", "exec \"$0\" --root \"$1\" run --detach --bundle \"$2\" \"$3\" </dev/null >\"$4\" 2>&1", Infrastructure.Ocirun.BinaryPath,
                bundle.StateRoot, bundle.Directory, id, output]);
        Assert.True(result.ExitCode == 0, result.ToString());
        LifecycleTests.WaitFor(() => bundle.Ocirun("state", id).Stdout.Contains("\"stopped\""));
        Assert.Equal(0, bundle.Ocirun("delete", id).ExitCode);

        Assert.Equal("lrwx\nstdin-writable\ncontainers-dev-null\n", File.ReadAllText(output));
    }

    [SkippableFact]
    public void Capability_sets_are_the_configured_ones()
    {
        Root.Require();
        using var bundle = new BusyboxBundle("cat", "/proc/self/status");
        var caps = new JsonObject
        {
            ["bounding"] = new JsonArray("CAP_CHOWN", "CAP_KILL", "CAP_NET_BIND_SERVICE"),
            ["effective"] = new JsonArray("CAP_CHOWN", "CAP_KILL"),
            ["permitted"] = new JsonArray("CAP_CHOWN", "CAP_KILL", "CAP_NET_BIND_SERVICE"),
            ["inheritable"] = new JsonArray("CAP_NET_BIND_SERVICE"),
            ["ambient"] = new JsonArray("CAP_NET_BIND_SERVICE"),
        };
        bundle.Process["capabilities"] = caps;
        bundle.Save();
        var status = Status(bundle.Run().Stdout);
        // CHOWN=0, KILL=5, NET_BIND_SERVICE=10; ambient caps join permitted and effective at exec.
        Assert.Equal("0000000000000421", status["CapBnd"]);
        Assert.Equal("0000000000000421", status["CapPrm"]);
        Assert.Equal("0000000000000421", status["CapEff"]);
        Assert.Equal("0000000000000400", status["CapInh"]);
        Assert.Equal("0000000000000400", status["CapAmb"]);
    }

    [SkippableFact]
    public void Hostname_env_cwd_and_rlimits_are_applied()
    {
        Root.Require();
        using var bundle = new BusyboxBundle("sh", "-c", "hostname; echo $FOO; pwd; ulimit -n; ulimit -Hn");
        bundle.Config["hostname"] = "box42";
        bundle.Process["env"] = new JsonArray("PATH=/bin:/usr/bin", "FOO=bar baz");
        bundle.Process["cwd"] = "/tmp/work";
        bundle.Process["rlimits"] = new JsonArray(new JsonObject { ["type"] = "RLIMIT_NOFILE", ["soft"] = 321, ["hard"] = 654 });
        bundle.Save();
        var result = bundle.Run();
        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.Equal("box42\nbar baz\n/tmp/work\n321\n654\n", result.Stdout);
    }

    [SkippableFact]
    public void Only_stdio_fds_reach_the_process()
    {
        Root.Require();
        using var bundle = new BusyboxBundle("ls", "/proc/self/fd");
        var result = bundle.Run();
        Assert.True(result.ExitCode == 0, result.ToString());
        // ls itself opens one fd for the directory it lists.
        Assert.Equal(["0", "1", "2", "3"], result.Stdout.Split('\n', StringSplitOptions.RemoveEmptyEntries).Order());
    }

    [SkippableFact]
    public void The_process_is_pid_1_in_new_namespaces()
    {
        Root.Require();
        using var bundle = new BusyboxBundle("sh", "-c", "echo $$; for n in pid net ipc uts mnt; do readlink /proc/self/ns/$n; done");
        var result = bundle.Run();
        Assert.True(result.ExitCode == 0, result.ToString());
        var lines = result.Stdout.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal("1", lines[0]);
        var names = new[] { "pid", "net", "ipc", "uts", "mnt" };
        for (var i = 0; i < names.Length; i++)
            Assert.NotEqual(File.ResolveLinkTarget($"/proc/self/ns/{names[i]}", false)!.ToString(), lines[i + 1]);
    }

    [SkippableFact]
    public void A_user_namespace_gets_the_configured_mappings()
    {
        Root.Require();
        using var bundle = new BusyboxBundle("sh", "-c", "cat /proc/self/uid_map /proc/self/gid_map; id -u");
        var namespaces = (JsonArray)bundle.Linux["namespaces"]!;
        namespaces.Add(new JsonObject { ["type"] = "user" });
        bundle.Linux["uidMappings"] = new JsonArray(new JsonObject { ["containerID"] = 0, ["hostID"] = 100000, ["size"] = 65536 });
        bundle.Linux["gidMappings"] = new JsonArray(new JsonObject { ["containerID"] = 0, ["hostID"] = 100000, ["size"] = 65536 });
        bundle.Save();
        Ocirun.Exec("chown", ["-R", "100000:100000", Path.Combine(bundle.Directory, "rootfs")]);
        var result = bundle.Run();
        Assert.True(result.ExitCode == 0, result.ToString());
        var fields = result.Stdout.Split((char[])['\n', ' '], StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(["0", "100000", "65536", "0", "100000", "65536", "0"], fields);
    }

    [SkippableFact]
    public void Time_namespace_offsets_shift_the_containers_boottime()
    {
        Root.Require();
        using var bundle = new BusyboxBundle("cat", "/proc/uptime");
        ((JsonArray)bundle.Linux["namespaces"]!).Add(new JsonObject { ["type"] = "time" });
        bundle.Linux["timeOffsets"] = new JsonObject { ["boottime"] = new JsonObject { ["secs"] = 864000, ["nanosecs"] = 0 } };
        bundle.Save();
        var result = bundle.Run();
        Assert.True(result.ExitCode == 0, result.ToString());
        var inside = double.Parse(result.Stdout.Split(' ')[0], System.Globalization.CultureInfo.InvariantCulture);
        var host = double.Parse(File.ReadAllText("/proc/uptime").Split(' ')[0], System.Globalization.CultureInfo.InvariantCulture);
        Assert.InRange(inside - host, 864000 - 60, 864000 + 1);
    }

    [SkippableFact]
    public void An_apparmor_profile_on_a_host_without_apparmor_is_a_clear_error_and_leaves_nothing()
    {
        Root.Require();
        var enabled = File.Exists("/sys/module/apparmor/parameters/enabled") &&
                      File.ReadAllText("/sys/module/apparmor/parameters/enabled").StartsWith('Y');
        Skip.If(enabled, "this host has AppArmor");
        using var bundle = new BusyboxBundle("true");
        bundle.Process["apparmorProfile"] = "acme_secure_profile";
        bundle.Save();
        var id = bundle.NewId();
        var result = bundle.Ocirun("create", "--bundle", bundle.Directory, id);
        Assert.Equal(1, result.ExitCode);
        Assert.Equal($"ocirun: create {id}: AppArmor profile \"acme_secure_profile\" requested, but AppArmor is not enabled on this host\n", result.Stderr);
        Assert.False(Directory.Exists(Path.Combine(bundle.StateRoot, id)));
    }

    [SkippableFact]
    public void Another_user_can_reopen_stdio_pipes_but_host_devices_are_not_touched()
    {
        Root.Require();
        using var bundle = new BusyboxBundle("sh", "-c", "echo via-dev-stdout > /dev/stdout; id -u");
        bundle.Process["user"] = new JsonObject { ["uid"] = 1000, ["gid"] = 1000 };
        bundle.Save();
        var id = bundle.NewId();
        var before = File.GetUnixFileMode("/dev/null");
        var command = $"{Ocirun.BinaryPath} --root {bundle.StateRoot} run --bundle {bundle.Directory} {id} < /dev/null | cat";
        var result = Ocirun.Exec("/bin/sh", ["-c", command]);
        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.Equal("via-dev-stdout\n1000\n", result.Stdout);
        var stat = Ocirun.Exec("stat", ["-c", "%u:%g", "/dev/null"]);
        Assert.Equal("0:0\n", stat.Stdout);
        Assert.Equal(before, File.GetUnixFileMode("/dev/null"));
    }

    [SkippableFact]
    public void Personality_and_scheduler_apply()
    {
        Root.Require();
        using var bundle = new BusyboxBundle("sh", "-c", "uname -m; cat /proc/self/stat | cut -d' ' -f41");
        bundle.Linux["personality"] = new JsonObject { ["domain"] = "LINUX32" };
        bundle.Process["scheduler"] = new JsonObject { ["policy"] = "SCHED_BATCH" };
        bundle.Save();
        var result = bundle.Run();
        Assert.True(result.ExitCode == 0, result.ToString());
        // 32-bit personality reports i686; field 41 of stat is the policy (3 = SCHED_BATCH).
        Assert.Equal("i686\n3\n", result.Stdout);
    }
}
