using OciRuntime.Spec;
using Xunit;

namespace OciRuntime.Tests.Spec;

[Collection(RuntimeLogCollection.Name)]
public class SpecValidatorTests
{
    private static string Error(string patch, bool systemdCgroup = false) =>
        Assert.Throws<OciRuntimeException>(() => SpecValidator.Validate(ConfigPatch.Apply(Expand(patch)), systemdCgroup)).Message;

    /// <summary>Placeholders keep the user-namespace cases short.</summary>
    private static string Expand(string patch) => patch
        .Replace("%USERNS%", """{"type": "pid"}, {"type": "mount"}, {"type": "uts"}, {"type": "user"}""")
        .Replace("%MAPPING%", """[{"containerID": 0, "hostID": 1000, "size": 1}]""");

    public static TheoryData<string, string> InvalidConfigs => new()
    {
        // version, root, process
        { """{"ociVersion": ""}""", "ociVersion: must be set" },
        { """{"ociVersion": "1.2"}""", "ociVersion: \"1.2\" is not a semantic version like 1.2.0" },
        { """{"ociVersion": "1.02.0"}""", "ociVersion: \"1.02.0\" is not a semantic version like 1.2.0" },
        { """{"ociVersion": "2.0.0"}""", "ociVersion: \"2.0.0\" is not supported: ocirun implements 1.x" },
        { """{"process": null}""", "process: must be set" },
        { """{"process": {"args": []}}""", "process.args: must not be empty" },
        { """{"process": {"args": null}}""", "process.args: must not be empty" },
        { """{"process": {"args": ["", "x"]}}""", "process.args[0]: must name the executable" },
        { """{"process": {"args": ["sh", "a\u0000b"]}}""", "process.args[1]: must not contain a NUL byte" },
        { """{"process": {"cwd": ""}}""", "process.cwd: must be set" },
        { """{"process": {"cwd": "home"}}""", "process.cwd: \"home\" must be an absolute path" },
        { """{"process": {"env": ["A=1", "FOO"]}}""", "process.env[1]: \"FOO\" is not in the form NAME=value" },
        { """{"process": {"env": ["=x"]}}""", "process.env[0]: \"=x\" has an empty variable name" },
        { """{"process": {"user": {"umask": 512}}}""", "process.user.umask: 512 is not a permission mask (at most 0777 = 511)" },
        { """{"process": {"rlimits": [{"type": "RLIMIT_FOO", "hard": 1, "soft": 1}]}}""", "process.rlimits[0].type: unknown rlimit \"RLIMIT_FOO\"" },
        { """{"process": {"rlimits": [{"type": "RLIMIT_NOFILE", "hard": 1, "soft": 1}, {"type": "RLIMIT_NOFILE", "hard": 2, "soft": 2}]}}""",
            "process.rlimits[1].type: duplicate rlimit \"RLIMIT_NOFILE\"" },
        { """{"process": {"rlimits": [{"type": "RLIMIT_CORE", "hard": 1024, "soft": 2048}]}}""", "process.rlimits[0]: soft limit 2048 is above hard limit 1024" },
        { """{"process": {"oomScoreAdj": 1001}}""", "process.oomScoreAdj: 1001 is outside -1000..1000" },
        { """{"process": {"oomScoreAdj": -1001}}""", "process.oomScoreAdj: -1001 is outside -1000..1000" },
        { """{"process": {"scheduler": {"policy": ""}}}""", "process.scheduler.policy: must be set" },
        { """{"process": {"scheduler": {"policy": "SCHED_FAST"}}}""", "process.scheduler.policy: unknown policy \"SCHED_FAST\"" },
        { """{"process": {"scheduler": {"policy": "SCHED_OTHER", "nice": 20}}}""", "process.scheduler.nice: 20 is outside -20..19" },
        { """{"process": {"scheduler": {"policy": "SCHED_OTHER", "priority": 5}}}""", "process.scheduler.priority: only SCHED_FIFO and SCHED_RR take a priority" },
        { """{"process": {"scheduler": {"policy": "SCHED_FIFO", "priority": 100}}}""", "process.scheduler.priority: 100 is outside 1..99" },
        { """{"process": {"scheduler": {"policy": "SCHED_RR", "priority": 1, "runtime": 100}}}""", "process.scheduler: runtime, deadline and period are only for SCHED_DEADLINE" },
        { """{"process": {"scheduler": {"policy": "SCHED_OTHER", "flags": ["SCHED_FLAG_FAST"]}}}""", "process.scheduler.flags[0]: unknown flag \"SCHED_FLAG_FAST\"" },
        { """{"process": {"ioPriority": {"class": "IOPRIO_CLASS_NONE", "priority": 0}}}""",
            "process.ioPriority.class: unknown class \"IOPRIO_CLASS_NONE\", expected IOPRIO_CLASS_RT, IOPRIO_CLASS_BE or IOPRIO_CLASS_IDLE" },
        { """{"process": {"ioPriority": {"class": "IOPRIO_CLASS_BE", "priority": 8}}}""", "process.ioPriority.priority: 8 is outside 0..7" },
        { """{"process": {"execCPUAffinity": {"initial": "3-1"}}}""", "process.execCPUAffinity.initial: \"3-1\" is not a CPU list like 0-3,7" },
        { """{"root": null}""", "root: must be set" },
        { """{"root": {"path": ""}}""", "root.path: must be set" },
        // namespaces and what depends on them
        { """{"linux": {"namespaces": [{"type": "pid"}, {"type": "network"}, {"type": "foo"}]}}""", "linux.namespaces[2].type: unknown namespace \"foo\"" },
        { """{"linux": {"namespaces": [{"type": "net"}]}}""", "linux.namespaces[0].type: unknown namespace \"net\"" },
        { """{"linux": {"namespaces": [{"type": "pid"}, {"type": "mount"}, {"type": "pid"}]}}""", "linux.namespaces[2].type: duplicate namespace \"pid\"" },
        { """{"linux": {"namespaces": [{"type": "network", "path": "run/netns/x"}]}}""", "linux.namespaces[0].path: \"run/netns/x\" must be an absolute path" },
        { """{"hostname": "h", "linux": {"namespaces": [{"type": "pid"}]}}""", "hostname: needs a uts namespace in linux.namespaces" },
        { """{"domainname": "d", "linux": null}""", "domainname: needs a uts namespace in linux.namespaces" },
        { """{"linux": {"namespaces": [%USERNS%], "gidMappings": %MAPPING%}}""", "linux.uidMappings: must be set for a new user namespace" },
        { """{"linux": {"namespaces": [%USERNS%], "uidMappings": %MAPPING%}}""", "linux.gidMappings: must be set for a new user namespace" },
        { """{"linux": {"uidMappings": %MAPPING%, "gidMappings": %MAPPING%}}""", "linux.uidMappings: given, but linux.namespaces has no user namespace" },
        { """{"linux": {"namespaces": [%USERNS%], "uidMappings": %MAPPING%, "gidMappings": [{"containerID": 0, "hostID": 1, "size": 0}]}}""",
            "linux.gidMappings[0].size: must be greater than zero" },
        { """{"linux": {"sysctl": {"net.ipv4.ip_forward": "1"}, "namespaces": [{"type": "pid"}]}}""", "linux.sysctl[\"net.ipv4.ip_forward\"]: needs a network namespace in linux.namespaces" },
        { """{"linux": {"sysctl": {"net/ipv4/conf/eth0.100/rp_filter": "1"}, "namespaces": [{"type": "pid"}]}}""",
            "linux.sysctl[\"net/ipv4/conf/eth0.100/rp_filter\"]: needs a network namespace in linux.namespaces" },
        { """{"linux": {"sysctl": {"kernel.shmmax": "1"}, "namespaces": [{"type": "network"}]}}""", "linux.sysctl[\"kernel.shmmax\"]: needs an ipc namespace in linux.namespaces" },
        { """{"linux": {"sysctl": {"fs.mqueue.msg_max": "1"}, "namespaces": [{"type": "network"}]}}""", "linux.sysctl[\"fs.mqueue.msg_max\"]: needs an ipc namespace in linux.namespaces" },
        { """{"linux": {"sysctl": {"kernel.hostname": "h"}}}""", "linux.sysctl[\"kernel.hostname\"]: conflicts with the \"hostname\" field; set that instead" },
        { """{"linux": {"sysctl": {"kernel.domainname": "d"}, "namespaces": [{"type": "pid"}]}}""", "linux.sysctl[\"kernel.domainname\"]: needs a uts namespace in linux.namespaces" },
        { """{"linux": {"sysctl": {"vm.swappiness": "10"}}}""", "linux.sysctl[\"vm.swappiness\"]: is not namespaced; setting it would change the host" },
        { """{"linux": {"timeOffsets": {"monotonic": {"secs": 1}}}}""", "linux.timeOffsets: needs a time namespace in linux.namespaces" },
        { """{"linux": {"namespaces": [{"type": "time"}], "timeOffsets": {"realtime": {"secs": 1}}}}""", "linux.timeOffsets.realtime: unknown clock \"realtime\", expected monotonic or boottime" },
        { """{"linux": {"namespaces": [{"type": "time"}], "timeOffsets": {"boottime": {"nanosecs": 1000000000}}}}""", "linux.timeOffsets.boottime.nanosecs: must be below 1000000000" },
        { """{"linux": {"maskedPaths": ["proc/kcore"]}}""", "linux.maskedPaths[0]: \"proc/kcore\" must be an absolute path" },
        { """{"linux": {"readonlyPaths": ["/proc/sys"], "namespaces": [{"type": "pid"}]}}""", "linux.readonlyPaths: needs a mount namespace in linux.namespaces" },
        { """{"linux": {"netDevices": {"eth1": {}}, "namespaces": [{"type": "pid"}]}}""", "linux.netDevices: needs a network namespace in linux.namespaces" },
        { """{"linux": {"netDevices": {"eth1": {"name": "a-very-long-ifname"}}}}""", "linux.netDevices.eth1.name: \"a-very-long-ifname\" is not a valid interface name" },
        // mounts and hooks
        { """{"mounts": [{"destination": "/proc", "type": "proc"}, {"destination": ""}]}""", "mounts[1].destination: must be set" },
        { """{"mounts": [{"destination": "/data", "type": "bind", "source": "/srv", "uidMappings": [{"containerID": 0, "hostID": 1, "size": 1}]}]}""",
            "mounts[0]: uidMappings and gidMappings must be given together" },
        { """{"mounts": [{"destination": "/t", "type": "tmpfs", "uidMappings": %MAPPING%, "gidMappings": %MAPPING%}]}""",
            "mounts[0]: uidMappings and gidMappings are only supported for bind mounts" },
        { """{"mounts": [{"destination": "/t", "type": "tmpfs", "options": ["ridmap"]}]}""", "mounts[0]: ridmap is only supported for bind mounts" },
        { """{"mounts": [{"destination": "/d", "source": "/srv", "options": ["rbind", "idmap"]}]}""",
            "mounts[0]: idmap without uidMappings and gidMappings needs a user namespace in linux.namespaces to take them from" },
        { """{"hooks": {"poststop": [{"path": "cleanup"}]}}""", "hooks.poststop[0].path: \"cleanup\" must be an absolute path" },
        { """{"hooks": {"createRuntime": [{"path": "/bin/hook", "timeout": 0}]}}""", "hooks.createRuntime[0].timeout: must be greater than zero" },
        // devices
        { """{"linux": {"devices": [{"path": "/dev/x", "type": "x", "major": 1, "minor": 1}]}}""", "linux.devices[0].type: unknown device type \"x\", expected c, b, u or p" },
        { """{"linux": {"devices": [{"path": "dev/x", "type": "c", "major": 1, "minor": 1}]}}""", "linux.devices[0].path: \"dev/x\" must be an absolute path" },
        { """{"linux": {"devices": [{"path": "/dev/x", "type": "c", "minor": 1}]}}""", "linux.devices[0].major: must be set for a \"c\" device" },
        { """{"linux": {"devices": [{"path": "/dev/x", "type": "b", "major": 8, "minor": -1}]}}""", "linux.devices[0].minor: -1 must not be negative" },
        // resources
        { """{"linux": {"resources": {"devices": [{"allow": true, "type": "c", "access": "x"}]}}}""", "linux.resources.devices[0].access: \"x\" has none of r, w and m" },
        { """{"linux": {"resources": {"devices": [{"allow": false}]}}}""", "linux.resources.devices[0].access: must not be empty" },
        { """{"linux": {"resources": {"devices": [{"allow": true, "type": "p", "access": "r"}]}}}""", "linux.resources.devices[0].type: unknown type \"p\", expected a, b or c" },
        { """{"linux": {"resources": {"memory": {"limit": -2}}}}""", "linux.resources.memory.limit: -2 is not a byte count (-1 means unlimited)" },
        { """{"linux": {"resources": {"memory": {"limit": 2000000, "swap": 1000000}}}}""",
            "linux.resources.memory.swap: 1000000 is below limit 2000000 (swap counts memory plus swap)" },
        { """{"linux": {"resources": {"memory": {"swappiness": 101}}}}""", "linux.resources.memory.swappiness: 101 is outside 0..100" },
        { """{"linux": {"resources": {"cpu": {"shares": 1}}}}""", "linux.resources.cpu.shares: 1 is outside 2..262144" },
        { """{"linux": {"resources": {"cpu": {"quota": 500}}}}""", "linux.resources.cpu.quota: 500 is not a quota (-1 for none, or at least 1000 microseconds)" },
        { """{"linux": {"resources": {"cpu": {"period": 2000000}}}}""", "linux.resources.cpu.period: 2000000 is outside 1000..1000000" },
        { """{"linux": {"resources": {"cpu": {"cpus": "0-"}}}}""", "linux.resources.cpu.cpus: \"0-\" is not a list like 0-3,7" },
        { """{"linux": {"resources": {"cpu": {"idle": 2}}}}""", "linux.resources.cpu.idle: 2 is neither 0 nor 1" },
        { """{"linux": {"resources": {"blockIO": {"weight": 5}}}}""", "linux.resources.blockIO.weight: 5 is outside 10..1000" },
        { """{"linux": {"resources": {"blockIO": {"weightDevice": [{"major": -1, "minor": 0, "weight": 100}]}}}}""",
            "linux.resources.blockIO.weightDevice[0].major: -1 must not be negative" },
        { """{"linux": {"resources": {"hugepageLimits": [{"pageSize": "2M", "limit": 1}]}}}""", "linux.resources.hugepageLimits[0].pageSize: \"2M\" is not a page size like 2MB or 1GB" },
        { """{"linux": {"resources": {"unified": {"../memory.max": "1"}}}}""", "linux.resources.unified[\"../memory.max\"]: must be a file name, without '/'" },
        { """{"linux": {"resources": {"unified": {"memorymax": "1"}}}}""", "linux.resources.unified.memorymax: must be in the form controller.parameter" },
        // seccomp
        { """{"linux": {"seccomp": {"defaultAction": "SCMP_ACT_DENY"}}}""", "linux.seccomp.defaultAction: unknown action \"SCMP_ACT_DENY\"" },
        { """{"linux": {"seccomp": {"defaultAction": "SCMP_ACT_NOTIFY", "listenerPath": "/run/a.sock"}}}""", "linux.seccomp.defaultAction: SCMP_ACT_NOTIFY cannot be the default action" },
        { """{"linux": {"seccomp": {"defaultAction": "SCMP_ACT_KILL", "defaultErrnoRet": 1}}}""",
            "linux.seccomp.defaultErrnoRet: is only valid with SCMP_ACT_ERRNO or SCMP_ACT_TRACE, not SCMP_ACT_KILL" },
        { """{"linux": {"seccomp": {"defaultAction": "SCMP_ACT_ALLOW", "architectures": ["SCMP_ARCH_X86_64", "SCMP_ARCH_VAX"]}}}""",
            "linux.seccomp.architectures[1]: unknown architecture \"SCMP_ARCH_VAX\"" },
        { """{"linux": {"seccomp": {"defaultAction": "SCMP_ACT_ALLOW", "flags": ["SECCOMP_FILTER_FLAG_NEW_LISTENER"]}}}""",
            "linux.seccomp.flags[0]: unknown flag \"SECCOMP_FILTER_FLAG_NEW_LISTENER\"" },
        { """{"linux": {"seccomp": {"defaultAction": "SCMP_ACT_ALLOW", "syscalls": [{"names": [], "action": "SCMP_ACT_ERRNO"}]}}}""",
            "linux.seccomp.syscalls[0].names: must not be empty" },
        { """{"linux": {"seccomp": {"defaultAction": "SCMP_ACT_ALLOW", "syscalls": [{"names": ["mkdir", ""], "action": "SCMP_ACT_ERRNO"}]}}}""",
            "linux.seccomp.syscalls[0].names[1]: must not be empty" },
        { """{"linux": {"seccomp": {"defaultAction": "SCMP_ACT_ALLOW", "syscalls": [{"names": ["mkdir"], "action": "SCMP_ACT_DENY"}]}}}""",
            "linux.seccomp.syscalls[0].action: unknown action \"SCMP_ACT_DENY\"" },
        { """{"linux": {"seccomp": {"defaultAction": "SCMP_ACT_ALLOW", "syscalls": [{"names": ["mkdir"], "action": "SCMP_ACT_LOG", "errnoRet": 1}]}}}""",
            "linux.seccomp.syscalls[0].errnoRet: is only valid with SCMP_ACT_ERRNO or SCMP_ACT_TRACE, not SCMP_ACT_LOG" },
        { """{"linux": {"seccomp": {"defaultAction": "SCMP_ACT_ALLOW", "syscalls": [{"names": ["mkdir"], "action": "SCMP_ACT_ERRNO", "errnoRet": 70000}]}}}""",
            "linux.seccomp.syscalls[0].errnoRet: 70000 is outside 0..65535" },
        { """{"linux": {"seccomp": {"defaultAction": "SCMP_ACT_ALLOW", "syscalls": [{"names": ["mmap"], "action": "SCMP_ACT_ERRNO", "args": [{"index": 6, "value": 1, "op": "SCMP_CMP_EQ"}]}]}}}""",
            "linux.seccomp.syscalls[0].args[0].index: 6 is outside 0..5" },
        { """{"linux": {"seccomp": {"defaultAction": "SCMP_ACT_ALLOW", "syscalls": [{"names": ["mmap"], "action": "SCMP_ACT_ERRNO", "args": [{"index": 0, "value": 1, "op": "SCMP_CMP_XX"}]}]}}}""",
            "linux.seccomp.syscalls[0].args[0].op: unknown operator \"SCMP_CMP_XX\"" },
        { """{"linux": {"seccomp": {"defaultAction": "SCMP_ACT_ALLOW", "syscalls": [{"names": ["mkdir"], "action": "SCMP_ACT_NOTIFY"}]}}}""",
            "linux.seccomp.listenerPath: must be set when a rule uses SCMP_ACT_NOTIFY" },
        { """{"linux": {"seccomp": {"defaultAction": "SCMP_ACT_ALLOW", "listenerPath": "/run/a.sock", "syscalls": [{"names": ["read", "write"], "action": "SCMP_ACT_NOTIFY"}]}}}""",
            "linux.seccomp.syscalls[0].names: SCMP_ACT_NOTIFY cannot be used for the write syscall" },
        // everything else under linux
        { """{"linux": {"rootfsPropagation": "bogus"}}""", "linux.rootfsPropagation: unknown propagation \"bogus\"" },
        { """{"linux": {"personality": {"domain": "LINUX64"}}}""", "linux.personality.domain: unknown domain \"LINUX64\", expected LINUX or LINUX32" },
        { """{"linux": {"intelRdt": {"closID": "../x"}}}""", "linux.intelRdt.closID: \"../x\" is not a valid class name" },
        { """{"linux": {"memoryPolicy": {"mode": "MPOL_FAST"}}}""", "linux.memoryPolicy.mode: unknown mode \"MPOL_FAST\"" },
        { """{"linux": {"memoryPolicy": {"mode": "MPOL_BIND"}}}""", "linux.memoryPolicy.nodes: must be set for MPOL_BIND" },
        { """{"linux": {"memoryPolicy": {"mode": "MPOL_LOCAL", "nodes": "0"}}}""", "linux.memoryPolicy.nodes: must be empty for MPOL_LOCAL" },
        { """{"linux": {"memoryPolicy": {"mode": "MPOL_INTERLEAVE", "nodes": "0-1", "flags": ["MPOL_F_STATIC_NODES", "MPOL_F_RELATIVE_NODES"]}}}""",
            "linux.memoryPolicy.flags: MPOL_F_STATIC_NODES and MPOL_F_RELATIVE_NODES exclude each other" },
    };

    [Theory]
    [MemberData(nameof(InvalidConfigs))]
    public void Invalid_config_fails_with_the_first_problem(string patch, string expected)
    {
        Assert.Equal("config.json: " + expected, Error(patch));
    }

    [Theory]
    [InlineData("/ocirun/ct1")]
    [InlineData("ocirun/ct1")]
    [InlineData("system.slice:ocirun:ct1")]
    public void Cgroupfs_accepts_any_path(string cgroupsPath)
    {
        SpecValidator.Validate(ConfigPatch.Apply($$$"""{"linux": {"cgroupsPath": "{{{cgroupsPath}}}"}}"""));
    }

    [Theory]
    [InlineData("system.slice:ocirun:ct1")]
    [InlineData(":ocirun:ct1")]
    [InlineData("user-1000.slice:podman:abc")]
    public void Systemd_cgroups_accept_slice_prefix_name(string cgroupsPath)
    {
        SpecValidator.Validate(ConfigPatch.Apply($$$"""{"linux": {"cgroupsPath": "{{{cgroupsPath}}}"}}"""), systemdCgroup: true);
    }

    [Theory]
    [InlineData("/ocirun/ct1")]
    [InlineData("system.slice:ct1")]
    [InlineData("system:ocirun:ct1")]
    [InlineData("system.slice:ocirun:")]
    public void Systemd_cgroups_reject_other_forms(string cgroupsPath)
    {
        Assert.Equal($"config.json: linux.cgroupsPath: \"{cgroupsPath}\" is not in the form slice:prefix:name that systemd cgroups need",
            Error($$$"""{"linux": {"cgroupsPath": "{{{cgroupsPath}}}"}}""", systemdCgroup: true));
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void Default_specs_are_valid(bool rootless)
    {
        SpecValidator.Validate(DefaultSpec.Create(rootless));
    }

    [Fact]
    public void Rich_config_is_valid()
    {
        SpecValidator.Validate(SpecSerializer.Deserialize(SpecRoundTripTests.RichConfig));
    }

    [Theory]
    [InlineData("""{"ociVersion": "1.0.2-dev"}""")]
    [InlineData("""{"ociVersion": "1.1.0-rc.1+build.5"}""")]
    [InlineData("""{"linux": {"namespaces": [{"type": "user", "path": "/proc/1/ns/user"}, {"type": "network", "path": "/run/netns/a"}]}}""")]
    [InlineData("""{"linux": {"sysctl": {"net/ipv4/ip_forward": "1", "kernel.msgmax": "8192", "kernel.domainname": "d"}}}""")]
    [InlineData("""{"linux": {"devices": [{"path": "/dev/fifo", "type": "p"}]}}""")]
    [InlineData("""{"linux": {"resources": {"memory": {"limit": -1, "swap": -1, "swappiness": 18446744073709551615}, "cpu": {"shares": 0, "quota": -1, "period": 0}}}}""")]
    [InlineData("""{"linux": {"resources": {"devices": [{"allow": false, "major": -1, "access": "rwm"}]}}}""")]
    [InlineData("""{"linux": {"seccomp": {"defaultAction": "", "syscalls": []}}}""")]
    [InlineData("""{"linux": {"seccomp": {"defaultAction": "SCMP_ACT_TRACE", "defaultErrnoRet": 3, "flags": ["SECCOMP_FILTER_FLAG_TSYNC"]}}}""")]
    [InlineData("""{"linux": {"memoryPolicy": {"mode": "MPOL_PREFERRED"}}}""")]
    [InlineData("""{"process": {"scheduler": {"policy": "SCHED_FIFO", "priority": 50}}}""")]
    [InlineData("""{"mounts": [{"destination": "/d", "type": "bind", "source": "/srv", "options": ["ridmap"], "uidMappings": [{"containerID": 0, "hostID": 1000, "size": 1}], "gidMappings": [{"containerID": 0, "hostID": 1000, "size": 1}]}]}""")]
    [InlineData("""{"mounts": [{"destination": "/d", "source": "/srv", "options": ["bind", "idmap"]}], "linux": {"namespaces": [{"type": "user", "path": "/proc/1/ns/user"}]}}""")]
    public void Edge_values_runc_accepts_are_valid(string patch)
    {
        SpecValidator.Validate(ConfigPatch.Apply(patch));
    }

    [Fact]
    public void Exec_process_is_validated_with_its_own_source_name()
    {
        var process = new Process { Args = [], Cwd = "/" };

        var error = Assert.Throws<OciRuntimeException>(() => SpecValidator.ValidateProcess(process, "process.json")).Message;

        Assert.Equal("process.json: args: must not be empty", error);
    }

    [Fact]
    public void Exec_process_paths_start_at_the_document_root()
    {
        var process = new Process { Args = ["sh"], Cwd = "/", Rlimits = [new PosixRlimit { Type = "RLIMIT_X" }] };

        var error = Assert.Throws<OciRuntimeException>(() => SpecValidator.ValidateProcess(process)).Message;

        Assert.Equal("process.json: rlimits[0].type: unknown rlimit \"RLIMIT_X\"", error);
    }
}
