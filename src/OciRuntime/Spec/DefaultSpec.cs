using Tmds.Linux;

namespace OciRuntime.Spec;

/// <summary>
/// The config.json that <c>ocirun spec</c> writes: the same content as <c>runc spec</c> (and
/// <c>runc spec --rootless</c>), declaring the spec version ocirun implements.
/// </summary>
public static class DefaultSpec
{
    public const string OciVersion = RuntimeSpec.ImplementedVersion;

    /// <summary>Rootless specs map container root to the caller's effective uid and gid.</summary>
    public static RuntimeSpec Create(bool rootless) =>
        Create(rootless, (uint)LibC.geteuid(), (uint)LibC.getegid());

    public static RuntimeSpec Create(bool rootless, uint hostUid, uint hostGid)
    {
        var spec = new RuntimeSpec
        {
            OciVersion = OciVersion,
            Process = CreateProcess(),
            Root = new Root { Path = "rootfs", Readonly = true },
            Hostname = "runc",
            Mounts = CreateMounts(rootless),
            Linux = new Linux
            {
                Namespaces = [],
                MaskedPaths =
                [
                    "/proc/acpi", "/proc/asound", "/proc/kcore", "/proc/keys", "/proc/latency_stats",
                    "/proc/timer_list", "/proc/timer_stats", "/proc/sched_debug", "/sys/firmware", "/proc/scsi",
                ],
                ReadonlyPaths = ["/proc/bus", "/proc/fs", "/proc/irq", "/proc/sys", "/proc/sysrq-trigger"],
            },
        };
        if (rootless)
        {
            // No network namespace: an unprivileged user could not configure one; a user namespace instead
            // of a device cgroup, which an unprivileged user cannot write either.
            spec.Linux.UidMappings = [new LinuxIdMapping { ContainerId = 0, HostId = hostUid, Size = 1 }];
            spec.Linux.GidMappings = [new LinuxIdMapping { ContainerId = 0, HostId = hostGid, Size = 1 }];
            spec.Linux.Namespaces.AddRange(Namespaces("pid", "ipc", "uts", "mount", "user"));
        }
        else
        {
            spec.Linux.Resources = new LinuxResources { Devices = [new LinuxDeviceCgroup { Allow = false, Access = "rwm" }] };
            spec.Linux.Namespaces.AddRange(Namespaces("pid", "network", "ipc", "uts", "mount"));
        }
        return spec;
    }

    private static IEnumerable<LinuxNamespace> Namespaces(params string[] types) =>
        types.Select(type => new LinuxNamespace { Type = type });

    private static Process CreateProcess()
    {
        List<string> defaultCapabilities = ["CAP_AUDIT_WRITE", "CAP_KILL", "CAP_NET_BIND_SERVICE"];
        return new Process
        {
            Terminal = true,
            User = new User { Uid = 0, Gid = 0 },
            Args = ["sh"],
            Env = ["PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin", "TERM=xterm"],
            Cwd = "/",
            Capabilities = new LinuxCapabilities
            {
                Bounding = [.. defaultCapabilities],
                Effective = [.. defaultCapabilities],
                Permitted = [.. defaultCapabilities],
                Ambient = [.. defaultCapabilities],
            },
            Rlimits = [new PosixRlimit { Type = "RLIMIT_NOFILE", Hard = 1024, Soft = 1024 }],
            NoNewPrivileges = true,
        };
    }

    private static List<Mount> CreateMounts(bool rootless)
    {
        // An unprivileged user may not set the devpts group (gid 5 is not mapped) nor mount a fresh sysfs
        // outside a network namespace it owns, so rootless specs drop the gid and bind the host's /sys.
        List<string> devptsOptions = ["nosuid", "noexec", "newinstance", "ptmxmode=0666", "mode=0620"];
        if (!rootless) devptsOptions.Add("gid=5");
        var sys = rootless
            ? new Mount { Destination = "/sys", Type = "none", Source = "/sys", Options = ["rbind", "nosuid", "noexec", "nodev", "ro"] }
            : new Mount { Destination = "/sys", Type = "sysfs", Source = "sysfs", Options = ["nosuid", "noexec", "nodev", "ro"] };
        return
        [
            new Mount { Destination = "/proc", Type = "proc", Source = "proc" },
            new Mount { Destination = "/dev", Type = "tmpfs", Source = "tmpfs", Options = ["nosuid", "strictatime", "mode=755", "size=65536k"] },
            new Mount { Destination = "/dev/pts", Type = "devpts", Source = "devpts", Options = devptsOptions },
            new Mount { Destination = "/dev/shm", Type = "tmpfs", Source = "shm", Options = ["nosuid", "noexec", "nodev", "mode=1777", "size=65536k"] },
            new Mount { Destination = "/dev/mqueue", Type = "mqueue", Source = "mqueue", Options = ["nosuid", "noexec", "nodev"] },
            sys,
            new Mount { Destination = "/sys/fs/cgroup", Type = "cgroup", Source = "cgroup", Options = ["nosuid", "noexec", "nodev", "relatime", "ro"] },
        ];
    }
}
