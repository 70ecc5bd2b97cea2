using System.Diagnostics;
using System.Text.Json.Nodes;
using OciRuntime.IntegrationTests.Infrastructure;
using Xunit;

namespace OciRuntime.IntegrationTests;

public sealed class SeccompTests
{
    private static BusyboxBundle WithProfile(JsonObject profile, params string[] args)
    {
        var bundle = new BusyboxBundle(args);
        bundle.Linux["seccomp"] = profile;
        bundle.Save();
        return bundle;
    }

    [SkippableTheory]
    [InlineData(true)]
    [InlineData(false)] // loaded before the capabilities are dropped
    public void A_denied_mkdir_fails_with_EPERM_inside(bool noNewPrivileges)
    {
        Root.Require();
        using var bundle = WithProfile(SeccompProfiles.Denying("mkdir", "mkdirat"), "sh", "-c", "mkdir /tmp/x; echo rc=$?; ls -d /tmp/x");
        bundle.Process["noNewPrivileges"] = noNewPrivileges;
        bundle.Save();

        var result = bundle.Run();

        Assert.Contains("rc=1", result.Stdout);
        Assert.Contains("Operation not permitted", result.Stderr);
        Assert.Contains("No such file or directory", result.Stderr);
    }

    [SkippableFact]
    public void KILL_PROCESS_kills_with_SIGSYS()
    {
        Root.Require();
        var profile = new JsonObject
        {
            ["defaultAction"] = "SCMP_ACT_ALLOW",
            ["syscalls"] = new JsonArray(SeccompProfiles.Rule(["mkdir", "mkdirat"], "SCMP_ACT_KILL_PROCESS")),
        };
        using var bundle = WithProfile(profile, "mkdir", "/tmp/x");

        var result = bundle.Run();

        Assert.True(result.ExitCode == 128 + 31, result.ToString());
    }

    [SkippableFact]
    public void LOG_lets_the_call_through()
    {
        Root.Require();
        var profile = new JsonObject
        {
            ["defaultAction"] = "SCMP_ACT_ALLOW",
            ["syscalls"] = new JsonArray(SeccompProfiles.Rule(["mkdir", "mkdirat"], "SCMP_ACT_LOG")),
        };
        using var bundle = WithProfile(profile, "sh", "-c", "mkdir /dev/shm/x && ls -d /dev/shm/x");

        var result = bundle.Run();

        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.Equal("/dev/shm/x\n", result.Stdout);
    }

    [SkippableFact]
    public void The_process_runs_in_seccomp_filter_mode()
    {
        Root.Require();
        using var bundle = WithProfile(SeccompProfiles.Denying("mkdir"), "grep", "^Seccomp:", "/proc/self/status");

        var result = bundle.Run();

        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.Equal("Seccomp:\t2\n", result.Stdout);
    }

    [SkippableTheory]
    [InlineData(true)]
    [InlineData(false)] // the rest of the init's set-up runs under the filter too
    public void A_docker_like_default_profile_runs_busybox_normally(bool noNewPrivileges)
    {
        Root.Require();
        using var bundle = WithProfile(SeccompProfiles.DockerLike(), "sh", "-c", "echo ok; ls / > /dev/null && cat /etc/hostname");
        bundle.Process["noNewPrivileges"] = noNewPrivileges;
        bundle.Save();

        var result = bundle.Run();

        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.Equal("ok\nocirun\n", result.Stdout);
    }

    [SkippableFact]
    public void A_startContainer_hook_runs_under_the_containers_filter()
    {
        Root.Require();
        var profile = new JsonObject
        {
            ["defaultAction"] = "SCMP_ACT_ALLOW",
            ["syscalls"] = new JsonArray(SeccompProfiles.Rule(["mkdir", "mkdirat"], "SCMP_ACT_KILL")),
        };
        // With no_new_privs the program's filter goes on last; runc still loads it before startContainer hooks.
        using var bundle = WithProfile(profile, "true");
        bundle.Config["hooks"] = new JsonObject
        {
            ["startContainer"] = new JsonArray(new JsonObject { ["path"] = "/bin/sh", ["args"] = new JsonArray("sh", "-c", "mkdir /dev/shm/hook") }),
        };
        bundle.Save();

        var result = bundle.Run();

        Assert.NotEqual(0, result.ExitCode);
        Assert.Contains("startContainer hook #0 (/bin/sh): error running hook: signal: bad system call", result.Stderr);
    }

    [SkippableTheory]
    [InlineData(true)]
    [InlineData(false)] // the filter went on at create
    public void A_startContainer_hook_starts_under_a_filter_that_refuses_clone3(bool noNewPrivileges)
    {
        Root.Require();
        // Docker's way: clone3 answers ENOSYS, so the hook is started with clone(2).
        using var bundle = WithProfile(SeccompProfiles.DockerLike(), "cat", "/dev/shm/hook");
        bundle.Process["noNewPrivileges"] = noNewPrivileges;
        bundle.Config["hooks"] = new JsonObject
        {
            ["startContainer"] = new JsonArray(new JsonObject { ["path"] = "/bin/sh", ["args"] = new JsonArray("sh", "-c", "echo hook ran > /dev/shm/hook") }),
        };
        bundle.Save();

        var result = bundle.Run();

        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.Equal("hook ran\n", result.Stdout);
    }

    [SkippableFact]
    public void A_syscall_newer_than_the_profile_gets_ENOSYS_and_a_known_unlisted_one_the_default()
    {
        Root.Require();
        Skip.IfNot(File.Exists("/usr/bin/gcc"), "gcc builds the static test program");
        using var bundle = new BusyboxBundle("/syscalls");
        // Raw syscall(2), so libc cannot turn one errno into another.
        var source = Path.Combine(bundle.Directory, "syscalls.c");
        File.WriteAllText(source, """
            #include <errno.h>
            #include <stdio.h>
            #include <unistd.h>
            #include <sys/syscall.h>
            int main(void)
            {
                long past_the_profile = syscall(1000, 0, 0, 0);
                int past_errno = errno;
                long unlisted = syscall(SYS_acct, 0);
                printf("1000: %ld %d, acct: %ld %d\n", past_the_profile, past_errno, unlisted, errno);
                return 0;
            }
            """);
        var gcc = Ocirun.Exec("gcc", ["-static", "-o", Path.Combine(bundle.Directory, "rootfs", "syscalls"), source]);
        Assert.True(gcc.ExitCode == 0, gcc.ToString());
        bundle.Linux["seccomp"] = SeccompProfiles.DockerLike();
        bundle.Save();

        var result = bundle.Run();

        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.Equal("1000: -1 38, acct: -1 1\n", result.Stdout);
    }

    [SkippableFact]
    public void An_argument_filter_allows_personality_0_only()
    {
        Root.Require();
        var notZero = new JsonArray(new JsonObject { ["index"] = 0, ["value"] = 0, ["op"] = "SCMP_CMP_NE" });
        var profile = new JsonObject
        {
            ["defaultAction"] = "SCMP_ACT_ALLOW",
            ["syscalls"] = new JsonArray(SeccompProfiles.Rule(["personality"], "SCMP_ACT_ERRNO", errnoRet: 1, notZero)),
        };
        using var bundle = WithProfile(profile, "sh", "-c", "linux64 true && echo linux64 ok; linux32 true || echo linux32 denied");

        var result = bundle.Run();

        Assert.Equal("linux64 ok\nlinux32 denied\n", result.Stdout);
    }

    [SkippableFact]
    public void A_profile_is_compiled_once_and_cached_under_the_state_root()
    {
        Root.Require();
        using var bundle = WithProfile(SeccompProfiles.DockerLike(), "true");

        Assert.Equal(0, bundle.Run().ExitCode);
        Assert.Equal(0, bundle.Run().ExitCode);

        var cached = Directory.GetFiles(Path.Combine(bundle.StateRoot, ".~seccomp-cache"));
        Assert.Single(cached);
        Assert.EndsWith(".bpf", cached[0]);
    }

    [SkippableFact]
    public void The_process_starts_with_default_signal_dispositions_and_nothing_blocked()
    {
        Root.Require();
        using var bundle = WithProfile(SeccompProfiles.Denying("mkdir"), "grep", "-E", "^Sig(Ign|Blk):", "/proc/self/status");

        var result = bundle.Run();

        Assert.Equal("SigBlk:\t0000000000000000\nSigIgn:\t0000000000000000\n", result.Stdout);
    }

    [SkippableFact]
    public void A_writer_to_a_closed_pipe_dies_of_SIGPIPE()
    {
        Root.Require();
        using var bundle = new BusyboxBundle("sh", "-c", "yes | head -1; echo done");
        var clock = Stopwatch.StartNew();

        var result = bundle.Run();

        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.Equal("y\ndone\n", result.Stdout);
        Assert.Equal("", result.Stderr);
        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(10), $"took {clock.Elapsed}");
    }

    [SkippableFact]
    public void The_notify_fd_is_sent_to_the_listener_with_the_container_state()
    {
        Root.Require();
        var profile = new JsonObject
        {
            ["defaultAction"] = "SCMP_ACT_ALLOW",
            ["listenerMetadata"] = "agent-data",
            ["syscalls"] = new JsonArray(SeccompProfiles.Rule(["acct"], "SCMP_ACT_NOTIFY")),
        };
        using var bundle = WithProfile(profile, "echo", "ok");
        using var agent = new SeccompAgent(bundle.Directory);
        profile["listenerPath"] = agent.Path;
        bundle.Save();
        var id = bundle.NewId();

        var run = Task.Run(() => bundle.Run(id));
        var (state, fd) = agent.Receive(TimeSpan.FromSeconds(20));
        SeccompAgent.close(fd);
        var result = run.Result;

        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.Equal("ok\n", result.Stdout);
        Assert.True(fd >= 0, "no fd received");
        var message = JsonNode.Parse(state)!;
        Assert.Equal("seccompFd", message["fds"]![0]!.GetValue<string>());
        Assert.Equal("agent-data", message["metadata"]!.GetValue<string>());
        Assert.Equal(id, message["state"]!["id"]!.GetValue<string>());
        Assert.Equal("creating", message["state"]!["status"]!.GetValue<string>());
        Assert.Equal(message["pid"]!.GetValue<int>(), message["state"]!["pid"]!.GetValue<int>());
    }

    [SkippableFact]
    public void The_agent_answers_a_notified_syscall()
    {
        Root.Require();
        var profile = new JsonObject
        {
            ["defaultAction"] = "SCMP_ACT_ALLOW",
            ["syscalls"] = new JsonArray(SeccompProfiles.Rule(["mkdir", "mkdirat"], "SCMP_ACT_NOTIFY")),
        };
        using var bundle = WithProfile(profile, "sh", "-c", "mkdir /dev/shm/x; echo rc=$?");
        using var agent = new SeccompAgent(bundle.Directory);
        profile["listenerPath"] = agent.Path;
        bundle.Save();

        var run = Task.Run(() => bundle.Run());
        var (_, fd) = agent.Receive(TimeSpan.FromSeconds(20));
        FailOneMkdirWithExdev(fd);

        AssertMkdirFailedWithExdev(run.Result);
    }

    /// <summary>Answers the one notified mkdir with EXDEV, then closes the notify fd.</summary>
    private static void FailOneMkdirWithExdev(int notifyFd)
    {
        const int EXDEV = 18;
        try
        {
            Assert.True(notifyFd >= 0, "no fd received");
            SeccompAgent.AnswerOne(notifyFd, EXDEV, TimeSpan.FromSeconds(20));
        }
        finally
        {
            SeccompAgent.close(notifyFd);
        }
    }

    private static void AssertMkdirFailedWithExdev(CommandResult result)
    {
        Assert.Equal("rc=1\n", result.Stdout);
        Assert.Contains("Invalid cross-device link", result.Stderr);
    }

    [SkippableTheory]
    [InlineData(true)]
    [InlineData(false)] // loaded before the capabilities are dropped
    public void An_exec_hands_its_own_notify_fd_to_the_agent_which_answers_its_syscalls(bool noNewPrivileges)
    {
        Root.Require();
        var profile = new JsonObject
        {
            ["defaultAction"] = "SCMP_ACT_ALLOW",
            ["listenerMetadata"] = "agent-data",
            ["syscalls"] = new JsonArray(SeccompProfiles.Rule(["mkdir", "mkdirat"], "SCMP_ACT_NOTIFY")),
        };
        using var bundle = WithProfile(profile, "sleep", "1000");
        bundle.Process["noNewPrivileges"] = noNewPrivileges;
        using var agent = new SeccompAgent(bundle.Directory);
        profile["listenerPath"] = agent.Path;
        bundle.Save();
        var id = bundle.NewId();
        var run = Task.Run(() => bundle.Ocirun("run", "-d", "--bundle", bundle.Directory, id));
        var (_, initFd) = agent.Receive(TimeSpan.FromSeconds(20));
        SeccompAgent.close(initFd);
        Assert.True(run.Result.ExitCode == 0, run.Result.ToString());
        var initPid = JsonNode.Parse(bundle.Ocirun("state", id).Stdout)!["pid"]!.GetValue<int>();

        var exec = Task.Run(() => bundle.Ocirun("exec", id, "sh", "-c", "mkdir /dev/shm/x; echo rc=$?"));
        var (state, fd) = agent.Receive(TimeSpan.FromSeconds(20));
        FailOneMkdirWithExdev(fd);

        AssertMkdirFailedWithExdev(exec.Result);
        var message = JsonNode.Parse(state)!;
        Assert.Equal("seccompFd", message["fds"]![0]!.GetValue<string>());
        Assert.Equal("agent-data", message["metadata"]!.GetValue<string>());
        Assert.Equal(id, message["state"]!["id"]!.GetValue<string>());
        Assert.Equal("running", message["state"]!["status"]!.GetValue<string>());
        Assert.Equal(initPid, message["state"]!["pid"]!.GetValue<int>());
        Assert.NotEqual(initPid, message["pid"]!.GetValue<int>());
        Assert.Equal(0, bundle.Ocirun("delete", "--force", id).ExitCode);
    }
}
