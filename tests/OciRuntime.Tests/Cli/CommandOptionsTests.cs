using Ocirun.Cli;
using Ocirun.Commands;
using Xunit;

namespace OciRuntime.Tests.Cli;

/// <summary>Every subcommand's flags land in its typed options, with runc's defaults when absent.</summary>
public class CommandOptionsTests
{
    [Fact]
    public void Create_defaults()
    {
        var options = CommandLine.Options<CreateOptions>("create", "c1");
        Assert.Equal("c1", options.ContainerId);
        Assert.Null(options.Bundle);
        Assert.Null(options.ConsoleSocket);
        Assert.Null(options.PidFile);
        Assert.False(options.NoPivot);
        Assert.False(options.NoNewKeyring);
        Assert.Equal(0, options.PreserveFds);
    }

    [Fact]
    public void Create_as_containerd_calls_it()
    {
        var options = CommandLine.Options<CreateOptions>("create", "--bundle", "/run/b", "--pid-file", "/run/b/init.pid",
            "--console-socket", "/tmp/pty.sock", "--no-pivot", "--no-new-keyring", "--preserve-fds", "2", "c1");
        Assert.Equal(("c1", "/run/b", "/run/b/init.pid", "/tmp/pty.sock", true, true, 2),
            (options.ContainerId, options.Bundle, options.PidFile, options.ConsoleSocket, options.NoPivot, options.NoNewKeyring, options.PreserveFds));
    }

    [Fact]
    public void Preserve_fds_must_not_be_negative() =>
        Assert.Contains("--preserve-fds", CommandLine.UsageError("create", "--preserve-fds", "-1", "c1").Message);

    [Fact]
    public void Run_adds_detach_keep_and_no_subreaper_to_create()
    {
        var options = CommandLine.Options<RunOptions>("run", "-d", "--keep", "--no-subreaper", "-b", "/b", "c1");
        Assert.Equal(("c1", "/b", true, true, true), (options.ContainerId, options.Bundle, options.Detach, options.Keep, options.NoSubreaper));
        var defaults = CommandLine.Options<RunOptions>("run", "c1");
        Assert.False(defaults.Detach || defaults.Keep || defaults.NoSubreaper);
    }

    [Theory]
    [InlineData("start")]
    [InlineData("state")]
    [InlineData("pause")]
    [InlineData("resume")]
    [InlineData("delete")]
    [InlineData("events")]
    [InlineData("update")]
    [InlineData("checkpoint")]
    [InlineData("restore")]
    [InlineData("create")]
    [InlineData("run")]
    [InlineData("kill")]
    [InlineData("ps")]
    [InlineData("exec")]
    public void Container_commands_carry_the_id_into_the_error_line(string command)
    {
        var args = command == "exec" ? new[] { command, "c1", "true" } : new[] { command, "c1" };
        var invocation = CommandLine.Parse(args);
        Assert.Equal(command, invocation.Command);
        Assert.Equal("c1", invocation.ContainerId);
    }

    [Fact]
    public void Kill_defaults_to_sigterm()
    {
        var options = CommandLine.Options<KillOptions>("kill", "c1");
        Assert.Equal((15, false), (options.Signal, options.All));
    }

    [Theory]
    [InlineData("9", 9)]
    [InlineData("KILL", 9)]
    [InlineData("SIGKILL", 9)]
    [InlineData("sigkill", 9)]
    [InlineData("USR1", 10)]
    [InlineData("15", 15)]
    public void Kill_takes_the_signal_as_name_or_number(string signal, int expected) =>
        Assert.Equal(expected, CommandLine.Options<KillOptions>("kill", "c1", signal).Signal);

    [Theory]
    [InlineData("--all")]
    [InlineData("-a")]
    public void Kill_all(string flag) => Assert.True(CommandLine.Options<KillOptions>("kill", flag, "c1", "9").All);

    [Fact]
    public void Kill_refuses_an_unknown_signal()
    {
        var error = CommandLine.UsageError("kill", "c1", "BOGUS");
        Assert.Equal(("unknown signal \"BOGUS\"", 1), (error.Message, error.ExitCode));
    }

    [Theory]
    [InlineData("--force")]
    [InlineData("-f")]
    public void Delete_force(string flag) => Assert.True(CommandLine.Options<DeleteOptions>("delete", flag, "c1").Force);

    [Fact]
    public void List_defaults_to_a_table_and_takes_json_and_quiet()
    {
        var defaults = CommandLine.Options<ListOptions>("list");
        Assert.Equal((ReportFormat.Table, false), (defaults.Format, defaults.Quiet));
        var options = CommandLine.Options<ListOptions>("list", "-f", "json", "-q");
        Assert.Equal((ReportFormat.Json, true), (options.Format, options.Quiet));
        Assert.Equal(ReportFormat.Json, CommandLine.Options<ListOptions>("list", "--format=json").Format);
        Assert.Contains("table or json", CommandLine.UsageError("list", "--format", "yaml").Message);
    }

    [Fact]
    public void Ps_passes_everything_after_the_id_to_ps()
    {
        Assert.Equal(["-ef"], CommandLine.Options<PsOptions>("ps", "c1").PsArguments);
        var options = CommandLine.Options<PsOptions>("ps", "c1", "-o", "pid,comm", "-f");
        Assert.Equal(("c1", ReportFormat.Table), (options.ContainerId, options.Format));
        Assert.Equal(["-o", "pid,comm", "-f"], options.PsArguments);
    }

    [Fact]
    public void Ps_drops_one_separator_after_the_id() =>
        Assert.Equal(["-o", "pid"], CommandLine.Options<PsOptions>("ps", "c1", "--", "-o", "pid").PsArguments);

    [Fact]
    public void Ps_format_json_as_containerd_calls_it()
    {
        var options = CommandLine.Options<PsOptions>("ps", "--format", "json", "c1");
        Assert.Equal(("c1", ReportFormat.Json), (options.ContainerId, options.Format));
    }

    [Fact]
    public void Exec_takes_the_command_after_the_id_with_its_own_flags()
    {
        var options = CommandLine.Options<ExecOptions>("exec", "-t", "c1", "sh", "-c", "echo --hi", "--cwd", "/x");
        Assert.True(options.Tty);
        Assert.Null(options.Cwd);
        Assert.Equal(["sh", "-c", "echo --hi", "--cwd", "/x"], options.Command);
    }

    [Fact]
    public void Exec_drops_one_separator_after_the_id() =>
        Assert.Equal(["--", "x"], CommandLine.Options<ExecOptions>("exec", "c1", "--", "--", "x").Command);

    [Fact]
    public void Exec_with_every_flag()
    {
        var options = CommandLine.Options<ExecOptions>("exec",
            "--console-socket", "/s", "--cwd", "/w", "-e", "A=1", "--env", "B=2", "-t", "-u", "1000:1001",
            "-g", "29", "--additional-gids=5", "-p", "/p.json", "-d", "--pid-file", "/pid", "--process-label", "lbl",
            "--apparmor", "prof", "--no-new-privs", "-c", "CAP_NET_ADMIN", "--cap", "CAP_SYS_TIME", "--preserve-fds", "1",
            "--cgroup", "sub", "--cgroup", "memory:other", "--ignore-paused", "c1");
        Assert.Equal("c1", options.ContainerId);
        Assert.Empty(options.Command);
        Assert.Equal(("/s", "/w", true, "/p.json", true, "/pid", "lbl", "prof"),
            (options.ConsoleSocket, options.Cwd, options.Tty, options.ProcessPath, options.Detach, options.PidFile, options.ProcessLabel, options.AppArmorProfile));
        Assert.Equal(["A=1", "B=2"], options.Env);
        Assert.Equal(new ExecUser(1000, 1001), options.User);
        Assert.Equal([29u, 5u], options.AdditionalGids);
        Assert.Equal(["CAP_NET_ADMIN", "CAP_SYS_TIME"], options.Capabilities);
        Assert.Equal(["sub", "memory:other"], options.Cgroups);
        Assert.Equal((true, 1, true), (options.NoNewPrivileges, options.PreserveFds, options.IgnorePaused));
    }

    [Fact]
    public void Exec_as_containerd_calls_it()
    {
        var options = CommandLine.Options<ExecOptions>("exec", "--process", "/tmp/p.json", "--console-socket", "/s", "--detach", "--pid-file", "/pid", "c1");
        Assert.Equal(("c1", "/tmp/p.json", true, "/pid"), (options.ContainerId, options.ProcessPath, options.Detach, options.PidFile));
    }

    [Theory]
    [InlineData("1000", 1000u, null)]
    [InlineData("0:0", 0u, 0u)]
    [InlineData("+5:7", 5u, 7u)]
    public void Exec_user_is_numeric(string text, uint uid, uint? gid) =>
        Assert.Equal(new ExecUser(uid, gid), CommandLine.Options<ExecOptions>("exec", "-u", text, "c1", "id").User);

    [Theory]
    [InlineData("root")]
    [InlineData("1000:")]
    [InlineData("-1")]
    [InlineData("1:2:3")]
    public void Exec_user_must_be_numeric(string text) =>
        Assert.Contains("--user", CommandLine.UsageError("exec", "--user", text, "c1", "id").Message);

    [Fact]
    public void Exec_empty_user_means_none() => Assert.Null(CommandLine.Options<ExecOptions>("exec", "--user=", "c1", "id").User);

    [Theory]
    [InlineData("29,5")]
    [InlineData("-1")]
    [InlineData("4294967296")]
    public void Exec_additional_gids_are_single_group_ids(string text) =>
        Assert.Contains("--additional-gids", CommandLine.UsageError("exec", "--additional-gids", text, "c1", "id").Message);

    [Fact]
    public void Exec_without_command_or_process_fails_as_exec_does()
    {
        var error = CommandLine.UsageError("exec", "c1");
        Assert.Equal(255, error.ExitCode);
        Assert.Equal("exec", error.Command);
    }

    [Fact]
    public void Exec_failures_exit_255_and_other_commands_1()
    {
        Assert.Equal(255, CommandLine.Parse("exec", "c1", "true").FailureExitCode);
        Assert.Equal(1, CommandLine.Parse("kill", "c1").FailureExitCode);
    }

    [Fact]
    public void Events_defaults_to_every_5_seconds()
    {
        var options = CommandLine.Options<EventsOptions>("events", "c1");
        Assert.Equal((TimeSpan.FromSeconds(5), false), (options.Interval, options.Stats));
    }

    [Fact]
    public void Events_interval_is_a_go_duration()
    {
        var options = CommandLine.Options<EventsOptions>("events", "--interval", "1m30s", "--stats", "c1");
        Assert.Equal((TimeSpan.FromSeconds(90), true), (options.Interval, options.Stats));
        Assert.Equal(TimeSpan.FromMilliseconds(1500), CommandLine.Options<EventsOptions>("events", "--interval=1.5s", "c1").Interval);
    }

    [Theory]
    [InlineData("5")]
    [InlineData("0")]
    [InlineData("-1s")]
    [InlineData("bogus")]
    public void Events_interval_must_be_a_positive_duration(string text) =>
        Assert.StartsWith($"invalid value \"{text}\" for flag --interval", CommandLine.UsageError("events", "--interval", text, "c1").Message);

    [Fact]
    public void Update_leaves_everything_unset_by_default()
    {
        var options = CommandLine.Options<UpdateOptions>("update", "c1");
        Assert.Equal("c1", options.ContainerId);
        Assert.True(options is
        {
            ResourcesPath: null, BlkioWeight: null, CpuPeriod: null, CpuQuota: null, CpuShares: null, CpuRealtimePeriod: null,
            CpuRealtimeRuntime: null, CpusetCpus: null, CpusetMems: null, MemoryLimit: null, MemoryReservation: null,
            MemorySwap: null, PidsLimit: null, L3CacheSchema: null, MemoryBandwidthSchema: null, KernelMemoryRequested: false,
        });
    }

    [Fact]
    public void Update_with_every_flag()
    {
        var options = CommandLine.Options<UpdateOptions>("update", "--blkio-weight", "500", "--cpu-period", "100000",
            "--cpu-quota", "-1", "--cpu-share", "512", "--cpu-rt-period", "1000000", "--cpu-rt-runtime", "950000",
            "--cpuset-cpus", "0-1", "--cpuset-mems", "0", "--memory", "512m", "--memory-reservation", "256M",
            "--memory-swap", "-1", "--pids-limit", "100", "--l3-cache-schema", "L3:0=f", "--mem-bw-schema", "MB:0=50", "c1");
        Assert.Equal(((ushort)500, 100000UL, -1L, 512UL, 1000000UL, 950000L),
            (options.BlkioWeight, options.CpuPeriod, options.CpuQuota, options.CpuShares, options.CpuRealtimePeriod, options.CpuRealtimeRuntime));
        Assert.Equal(("0-1", "0", 512L << 20, 256L << 20, -1L, 100L, "L3:0=f", "MB:0=50"),
            (options.CpusetCpus, options.CpusetMems, options.MemoryLimit, options.MemoryReservation, options.MemorySwap, options.PidsLimit, options.L3CacheSchema, options.MemoryBandwidthSchema));
    }

    [Fact]
    public void Update_resources_from_stdin_as_containerd_calls_it() =>
        Assert.Equal("-", CommandLine.Options<UpdateOptions>("update", "--resources", "-", "c1").ResourcesPath);

    [Fact]
    public void Update_treats_empty_and_zero_values_as_runc_does()
    {
        var options = CommandLine.Options<UpdateOptions>("update", "--memory=", "--cpu-share=", "--cpuset-cpus=", "--blkio-weight", "0", "c1");
        Assert.Null(options.MemoryLimit);
        Assert.Null(options.CpuShares);
        Assert.Null(options.CpusetCpus);
        Assert.Null(options.BlkioWeight);
    }

    [Theory]
    [InlineData("--memory", "bogus")]
    [InlineData("--memory", "-2")]
    [InlineData("--memory-swap", "1.2.3m")]
    [InlineData("--cpu-share", "abc")]
    [InlineData("--cpu-period", "-1")]
    [InlineData("--cpu-quota", "1.5")]
    [InlineData("--pids-limit", "abc")]
    [InlineData("--blkio-weight", "70000")]
    public void Update_refuses_bad_values(string flag, string value) =>
        Assert.StartsWith($"invalid value \"{value}\" for flag {flag}:", CommandLine.UsageError("update", flag, value, "c1").Message);

    [Fact]
    public void Update_accepts_the_obsolete_kernel_memory_flags_to_warn_about_them()
    {
        Assert.True(CommandLine.Options<UpdateOptions>("update", "--kernel-memory", "1", "c1").KernelMemoryRequested);
        Assert.True(CommandLine.Options<UpdateOptions>("update", "--kernel-memory-tcp=1m", "c1").KernelMemoryRequested);
    }

    [Fact]
    public void Spec_bundle_and_rootless()
    {
        var defaults = CommandLine.Options<SpecOptions>("spec");
        Assert.Null(defaults.Bundle);
        Assert.False(defaults.Rootless);
        var options = CommandLine.Options<SpecOptions>("spec", "-b", "/b", "--rootless");
        Assert.Equal(("/b", true), (options.Bundle, options.Rootless));
    }

    [Fact]
    public void Features_and_init_take_nothing()
    {
        Assert.IsType<FeaturesOptions>(CommandLine.Parse("features").Options);
        Assert.IsType<InitOptions>(CommandLine.Parse("init").Options);
        Assert.Equal("takes no arguments, got 1", CommandLine.UsageError("features", "x").Message);
        Assert.StartsWith("unknown flag", CommandLine.UsageError("init", "--bundle", "x").Message);
    }

    [Fact]
    public void Checkpoint_defaults()
    {
        var options = CommandLine.Options<CheckpointOptions>("checkpoint", "c1");
        Assert.Equal(-1, options.StatusFd);
        Assert.Null(options.ImagePath);
        Assert.Null(options.ManageCgroupsMode);
        Assert.Empty(options.EmptyNamespaces);
    }

    [Fact]
    public void Checkpoint_with_every_flag()
    {
        var options = CommandLine.Options<CheckpointOptions>("checkpoint", "--image-path", "/img", "--work-path", "/work",
            "--parent-path", "../parent", "--leave-running", "--tcp-established", "--ext-unix-sk", "--shell-job", "--lazy-pages",
            "--status-fd", "5", "--page-server", "10.0.0.1:27", "--file-locks", "--pre-dump", "--manage-cgroups-mode", "full",
            "--empty-ns", "network", "--auto-dedup", "c1");
        Assert.Equal(("c1", "/img", "/work", "../parent", 5, "10.0.0.1:27"),
            (options.ContainerId, options.ImagePath, options.WorkPath, options.ParentPath, options.StatusFd, options.PageServer));
        Assert.Equal(CriuCgroupMode.Full, options.ManageCgroupsMode);
        Assert.True(options is { LeaveRunning: true, TcpEstablished: true, ExternalUnixSockets: true, ShellJob: true, LazyPages: true, FileLocks: true, PreDump: true, AutoDedup: true });
        Assert.Equal(["network"], options.EmptyNamespaces);
    }

    [Theory]
    [InlineData("soft", "Soft")]
    [InlineData("full", "Full")]
    [InlineData("strict", "Strict")]
    public void Cgroup_modes(string text, string mode) =>
        Assert.Equal(mode, CommandLine.Options<RestoreOptions>("restore", "--manage-cgroups-mode", text, "c1").ManageCgroupsMode.ToString());

    [Fact]
    public void Cgroup_mode_must_be_known() =>
        Assert.Contains("soft, full or strict", CommandLine.UsageError("checkpoint", "--manage-cgroups-mode", "ignore", "c1").Message);

    [Fact]
    public void Restore_with_every_flag()
    {
        var options = CommandLine.Options<RestoreOptions>("restore", "--console-socket", "/s", "--image-path", "/img",
            "--work-path", "/work", "--tcp-established", "--ext-unix-sk", "--shell-job", "--file-locks",
            "--manage-cgroups-mode", "soft", "-b", "/b", "-d", "--pid-file", "/pid", "--no-subreaper", "--no-pivot",
            "--empty-ns", "network", "--auto-dedup", "--lazy-pages", "--lsm-profile", "apparmor:p", "--lsm-mount-context", "ctx", "c1");
        Assert.Equal(("c1", "/s", "/img", "/work", "/b", "/pid", "apparmor:p", "ctx"),
            (options.ContainerId, options.ConsoleSocket, options.ImagePath, options.WorkPath, options.Bundle, options.PidFile, options.LsmProfile, options.LsmMountContext));
        Assert.True(options is { TcpEstablished: true, ExternalUnixSockets: true, ShellJob: true, FileLocks: true, Detach: true, NoSubreaper: true, NoPivot: true, AutoDedup: true, LazyPages: true, ManageCgroupsMode: CriuCgroupMode.Soft });
        Assert.Equal(["network"], options.EmptyNamespaces);
    }

    [Theory]
    [InlineData("create")]
    [InlineData("run")]
    [InlineData("start")]
    [InlineData("state")]
    [InlineData("delete")]
    [InlineData("pause")]
    [InlineData("resume")]
    [InlineData("events")]
    [InlineData("update")]
    [InlineData("checkpoint")]
    [InlineData("restore")]
    public void One_id_commands_take_exactly_one_argument(string command)
    {
        Assert.Equal("expects exactly 1 argument (<container-id>), got 0", CommandLine.UsageError(command).Message);
        Assert.Equal("expects exactly 1 argument (<container-id>), got 2", CommandLine.UsageError(command, "a", "b").Message);
    }

    [Fact]
    public void Argument_counts_of_the_variable_commands()
    {
        Assert.Equal("expects at least 1 argument (<container-id> [signal]), got 0", CommandLine.UsageError("kill").Message);
        Assert.Equal("expects at most 2 arguments (<container-id> [signal]), got 3", CommandLine.UsageError("kill", "a", "9", "x").Message);
        Assert.StartsWith("expects at least 1 argument", CommandLine.UsageError("ps").Message);
        Assert.StartsWith("expects at least 1 argument", CommandLine.UsageError("exec").Message);
        Assert.Equal(1, CommandLine.UsageError("exec").ExitCode);
        Assert.Equal("takes no arguments, got 1", CommandLine.UsageError("list", "x").Message);
        Assert.Equal("takes no arguments, got 1", CommandLine.UsageError("spec", "x").Message);
    }

    [Fact]
    public void Every_listed_command_parses()
    {
        foreach (var name in CommandCatalog.Names)
            Assert.Equal(name, CommandCatalog.Find(name)!.Name);
    }
}
