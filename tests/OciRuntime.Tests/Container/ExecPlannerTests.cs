using OciRuntime.Cgroups;
using OciRuntime.Container.Exec;
using OciRuntime.Spec;
using Xunit;

namespace OciRuntime.Tests.Container;

public sealed class ExecProcessPlannerTests
{
    private static Process ContainerProcess() => new()
    {
        Terminal = true,
        Args = ["sleep", "infinity"],
        Env = ["PATH=/bin", "A=1"],
        Cwd = "/srv",
        User = new User { Uid = 5, Gid = 6, Umask = 0b000_010_010, AdditionalGids = [7] },
        Capabilities = new LinuxCapabilities { Bounding = ["CAP_KILL"], Effective = ["CAP_KILL"], Permitted = ["CAP_KILL"] },
        Rlimits = [new PosixRlimit { Type = "RLIMIT_NOFILE", Soft = 10, Hard = 20 }],
        NoNewPrivileges = false,
        ApparmorProfile = "docker-default",
    };

    [Fact]
    public void Without_flags_the_container_process_is_kept_except_args_and_terminal()
    {
        var merged = ExecProcessPlanner.Merge(ContainerProcess(), new ExecOverrides { Args = ["ps"] });
        Assert.Equal(["ps"], merged.Args);
        Assert.False(merged.Terminal);
        Assert.Equal(["PATH=/bin", "A=1"], merged.Env);
        Assert.Equal("/srv", merged.Cwd);
        Assert.Equal((5u, 6u), (merged.User.Uid, merged.User.Gid));
        Assert.Equal([7u], merged.User.AdditionalGids);
        Assert.Equal(["CAP_KILL"], merged.Capabilities!.Bounding);
        Assert.Equal("RLIMIT_NOFILE", Assert.Single(merged.Rlimits!).Type);
        Assert.False(merged.NoNewPrivileges);
        Assert.Equal("docker-default", merged.ApparmorProfile);
    }

    [Fact]
    public void Flags_override_or_append_as_runc_does()
    {
        var container = ContainerProcess();
        var merged = ExecProcessPlanner.Merge(container, new ExecOverrides
        {
            Args = ["sh"], Cwd = "/tmp", Env = ["A=2", "B=3"], Terminal = true, Uid = 1000, Gid = 1001,
            AdditionalGids = [29], ApparmorProfile = "unconfined", SelinuxLabel = "system_u:system_r:t:s0",
            NoNewPrivileges = true, Capabilities = ["CAP_NET_ADMIN"],
        });
        Assert.True(merged.Terminal);
        Assert.Equal(["PATH=/bin", "A=1", "A=2", "B=3"], merged.Env);
        Assert.Equal("/tmp", merged.Cwd);
        Assert.Equal((1000u, 1001u), (merged.User.Uid, merged.User.Gid));
        Assert.Equal([7u, 29u], merged.User.AdditionalGids);
        Assert.Equal(["CAP_KILL", "CAP_NET_ADMIN"], merged.Capabilities!.Bounding);
        Assert.Equal(["CAP_KILL", "CAP_NET_ADMIN"], merged.Capabilities.Effective);
        Assert.Equal(["CAP_KILL", "CAP_NET_ADMIN"], merged.Capabilities.Permitted);
        Assert.Null(merged.Capabilities.Ambient);
        Assert.True(merged.NoNewPrivileges);
        Assert.Equal("unconfined", merged.ApparmorProfile);
        Assert.Equal("system_u:system_r:t:s0", merged.SelinuxLabel);
        // The recorded process is not touched.
        Assert.Equal(["CAP_KILL"], container.Capabilities!.Bounding);
        Assert.Equal(["PATH=/bin", "A=1"], container.Env);
    }

    [Fact]
    public void A_user_without_group_keeps_the_container_group()
    {
        var merged = ExecProcessPlanner.Merge(ContainerProcess(), new ExecOverrides { Args = ["id"], Uid = 1000 });
        Assert.Equal((1000u, 6u), (merged.User.Uid, merged.User.Gid));
    }

    [Fact]
    public void Added_capabilities_become_ambient_only_with_an_inheritable_set()
    {
        var container = ContainerProcess();
        container.Capabilities!.Inheritable = ["CAP_KILL"];
        var merged = ExecProcessPlanner.Merge(container, new ExecOverrides { Args = ["x"], Capabilities = ["CAP_CHOWN"] });
        Assert.Equal(["CAP_CHOWN"], merged.Capabilities!.Ambient);
        Assert.Equal(["CAP_KILL"], merged.Capabilities.Inheritable);
    }

    [Fact]
    public void Capabilities_can_be_added_to_a_process_without_any()
    {
        var container = ContainerProcess();
        container.Capabilities = null;
        var merged = ExecProcessPlanner.Merge(container, new ExecOverrides { Args = ["x"], Capabilities = ["CAP_CHOWN"] });
        Assert.Equal(["CAP_CHOWN"], merged.Capabilities!.Permitted);
    }
}

public sealed class ExecEnvironmentTests
{
    [Fact]
    public void Path_home_and_term_are_filled_in_when_missing()
    {
        var env = ExecEnvironment.Complete(["A=1"], terminal: true, () => "/home/user");
        Assert.Equal(["A=1", "PATH=" + ExecEnvironment.DefaultPath, "HOME=/home/user", "TERM=xterm"], env);
    }

    [Fact]
    public void Set_values_are_kept_and_term_needs_a_terminal()
    {
        var env = ExecEnvironment.Complete(["PATH=/bin", "HOME=/x", "TERM=vt100"], terminal: true, () => throw new InvalidOperationException("not asked"));
        Assert.Equal(["PATH=/bin", "HOME=/x", "TERM=vt100"], env);
        Assert.DoesNotContain(ExecEnvironment.Complete(["PATH=/bin", "HOME=/"], terminal: false, () => null), e => e.StartsWith("TERM="));
    }

    [Fact]
    public void Home_is_the_root_directory_when_the_user_has_no_entry()
    {
        Assert.Contains("HOME=/", ExecEnvironment.Complete(["PATH=/bin"], terminal: false, () => null));
    }

    [Fact]
    public void A_repeated_name_keeps_its_place_and_its_last_value()
    {
        var env = ExecEnvironment.Complete(["PATH=/bin", "A=1", "HOME=/", "A=2"], terminal: false, () => null);
        Assert.Equal(["PATH=/bin", "A=2", "HOME=/"], env);
    }

    [Fact]
    public void Passwd_gives_the_home_of_a_uid()
    {
        const string passwd = "root:x:0:0:root:/root:/bin/sh\nbroken line\nuser:x:1000:1000:user:/home/user:/bin/sh\n";
        Assert.Equal("/root", PasswdFile.HomeOf(passwd, 0));
        Assert.Equal("/home/user", PasswdFile.HomeOf(passwd, 1000));
        Assert.Null(PasswdFile.HomeOf(passwd, 42));
    }
}

public sealed class ExecutableLookupTests
{
    private static Func<string, ExecutableLookup.Probe> Files(params (string Path, ExecutableLookup.Probe Probe)[] files) =>
        path => files.FirstOrDefault(f => f.Path == path) is { Path: not null } found ? found.Probe : ExecutableLookup.Probe.Missing;

    [Fact]
    public void A_name_is_searched_along_path_in_order()
    {
        var probe = Files(("/usr/bin/ls", ExecutableLookup.Probe.NotExecutable), ("/bin/ls", ExecutableLookup.Probe.Executable));
        Assert.Equal("/bin/ls", ExecutableLookup.Find("ls", "/usr/bin:/bin", "/", probe));
    }

    [Fact]
    public void Relative_path_entries_resolve_against_the_cwd()
    {
        var probe = Files(("/srv/tools/run", ExecutableLookup.Probe.Executable), ("/srv/./run", ExecutableLookup.Probe.Executable));
        Assert.Equal("tools/run", ExecutableLookup.Find("run", "tools", "/srv", probe));
        Assert.Equal("./run", ExecutableLookup.Find("./run", "", "/srv", probe));
    }

    [Theory]
    [InlineData("nope", "exec: \"nope\": executable file not found in $PATH")]
    [InlineData("/bin/nope", "exec: \"/bin/nope\": no such file or directory")]
    [InlineData("/etc/passwd", "exec: \"/etc/passwd\": permission denied")]
    public void Missing_or_unexecutable_programs_fail_before_anything_starts(string file, string message)
    {
        var probe = Files(("/etc/passwd", ExecutableLookup.Probe.NotExecutable));
        Assert.Equal(message, Assert.Throws<OciRuntimeException>(() => ExecutableLookup.Find(file, "/bin", "/", probe)).Message);
    }
}

public sealed class SubCgroupsTests
{
    private static readonly CgroupPaths V1 = new()
    {
        Mode = CgroupMode.Hybrid,
        V1 = new() { ["cpu"] = "/sys/fs/cgroup/cpu,cpuacct/c", ["cpuacct"] = "/sys/fs/cgroup/cpu,cpuacct/c", ["memory"] = "/sys/fs/cgroup/memory/c" },
        Unified = "/sys/fs/cgroup/unified/c",
    };

    private static readonly CgroupPaths V2 = new() { Mode = CgroupMode.Unified, Unified = "/sys/fs/cgroup/c" };

    [Fact]
    public void No_value_keeps_the_container_cgroups()
    {
        Assert.Same(V1, SubCgroups.Resolve(V1, []));
    }

    [Fact]
    public void A_path_alone_applies_to_every_hierarchy()
    {
        var paths = SubCgroups.Resolve(V1, ["sub"]);
        Assert.Equal("/sys/fs/cgroup/memory/c/sub", paths.V1["memory"]);
        Assert.Equal("/sys/fs/cgroup/cpu,cpuacct/c/sub", paths.V1["cpu"]);
        Assert.Equal("/sys/fs/cgroup/unified/c/sub", paths.Unified);
        Assert.Equal("/sys/fs/cgroup/c/sub/deeper", SubCgroups.Resolve(V2, ["/sub/deeper/"]).Unified);
    }

    [Theory]
    [InlineData("/")]
    [InlineData("")]
    [InlineData("x/..")]
    [InlineData("./")]
    public void A_path_that_resolves_to_the_container_cgroup_is_that_cgroup(string value)
    {
        var paths = SubCgroups.Resolve(V1, [value]);
        Assert.Equal(V1.V1, paths.V1);
        Assert.Equal(V1.Unified, paths.Unified);
        Assert.Equal("/sys/fs/cgroup/memory/c", SubCgroups.Resolve(V1, ["memory:" + value]).V1["memory"]);
    }

    [Fact]
    public void Dot_dot_inside_the_path_is_resolved() =>
        Assert.Equal("/sys/fs/cgroup/memory/c/b", SubCgroups.Resolve(V1, ["a/../b"]).V1["memory"]);

    [Fact]
    public void Named_controllers_override_the_path_for_all()
    {
        var paths = SubCgroups.Resolve(V1, ["memory:m", "cpu,cpuacct:c2", "all"]);
        Assert.Equal("/sys/fs/cgroup/memory/c/m", paths.V1["memory"]);
        Assert.Equal("/sys/fs/cgroup/cpu,cpuacct/c/c2", paths.V1["cpuacct"]);
        Assert.Equal("/sys/fs/cgroup/unified/c/all", paths.Unified);
    }

    [Theory]
    [InlineData("..", "--cgroup: .. is not a sub cgroup path")]
    [InlineData("memory:../escape", "--cgroup: ../escape is not a sub cgroup path")]
    [InlineData("/a/../../escape", "--cgroup: /a/../../escape is not a sub cgroup path")]
    [InlineData("pids:x", "--cgroup pids:x: unknown controller pids (the container has no such cgroup)")]
    [InlineData(":x", "--cgroup :x: empty controller name")]
    public void Bad_values_are_refused(string value, string message)
    {
        var e = Assert.Throws<OciRuntimeException>(() => SubCgroups.Resolve(V1, [value]));
        Assert.Equal(message, e.Message);
    }

    [Fact]
    public void Controller_names_are_refused_on_cgroup_v2_and_twice()
    {
        Assert.Contains("cgroup v1", Assert.Throws<OciRuntimeException>(() => SubCgroups.Resolve(V2, ["memory:x"])).Message);
        Assert.Contains("given twice", Assert.Throws<OciRuntimeException>(() => SubCgroups.Resolve(V1, ["a", "b"])).Message);
    }
}

public sealed class ExecFailureTests
{
    [Theory]
    [InlineData(17, 2, "exec /bin/x: no such file or directory")]
    [InlineData(2 | (3 << 8), 1, "joining the container's namespace #3: operation not permitted")]
    [InlineData(11 | (21 << 8), 1, "dropping CAP_SYS_ADMIN from the bounding set: operation not permitted")]
    [InlineData(6 | (7 << 8), 1, "setting RLIMIT_NOFILE: operation not permitted")]
    [InlineData(16, 13, "entering the working directory: permission denied")]
    [InlineData(19 | (1 << 8), 28, "joining cgroup /sys/fs/cgroup/cpuset/c1: no space left on device")]
    public void Raw_child_reports_become_one_line_errors(int stepAndDetail, int errno, string expected)
    {
        var e = ExecSpawner.Failure(stepAndDetail, errno, "/bin/x",
            [new("/sys/fs/cgroup/cpu/c1", 5), new("/sys/fs/cgroup/cpuset/c1", 6)]);
        Assert.Equal(expected, e.Message);
        Assert.Equal(errno, e.Errno);
    }
}
