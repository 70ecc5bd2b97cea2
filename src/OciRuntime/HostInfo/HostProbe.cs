using OciRuntime.Cgroups;
using OciRuntime.Container.Rootfs;
using OciRuntime.Container.State;
using OciRuntime.Seccomp;

namespace OciRuntime.HostInfo;

/// <summary>
/// Builds the <c>ocirun info</c> report from the host's files and the probes that need the real system (libseccomp,
/// an idmapped mount, the criu binary), each given from outside so tests describe any host.
/// </summary>
/// <param name="stateRoot">--root, as a host path (read below <see cref="HostFiles.Root"/>).</param>
/// <param name="workPaths">Host paths whose filesystems are tried for idmapped mounts.</param>
/// <param name="euid">The effective uid ocirun runs with: what is available depends on it.</param>
public sealed class HostProbe(
    HostFiles files,
    string stateRoot,
    IReadOnlyList<string> workPaths,
    uint euid,
    SeccompFeatures seccomp,
    IIdMapTester idMaps,
    string criuBinary,
    Func<string, string?> criuVersion)
{
    /// <summary>The probe of this host, as the user ocirun runs as.</summary>
    public static HostProbe ForThisHost(string stateRoot, IReadOnlyList<string> workPaths, string criuBinary) =>
        new(HostFiles.Host, stateRoot, workPaths, Linux.Libc.GetEuid(), SeccompFeatures.Detect(), IdMapTester.Instance,
            criuBinary, CriuVersion.Read);

    public HostReport Probe()
    {
        var mounts = ReadMounts();
        return new HostReport(
            ProbeKernel(),
            ProbeCgroups(),
            ProbeSeccomp(),
            ProbeUserNamespaces(),
            workPaths.Distinct().Select(path => ProbeIdMap(path, mounts)).ToList(),
            ProbeCriu(),
            ProbeSystemd(),
            ProbeAppArmor(),
            ProbeSelinux(),
            ProbeStateRoot(mounts));
    }

    private List<MountInfo.Entry> ReadMounts() =>
        (files.TryRead("/proc/self/mountinfo") ?? "").Split('\n').Select(MountInfo.Parse).OfType<MountInfo.Entry>().ToList();

    private KernelReport ProbeKernel()
    {
        var release = files.TryReadLine("/proc/sys/kernel/osrelease");
        var version = KernelVersion.Parse(release);
        var meaning = version is not { } v ? "unknown kernel: /proc/sys/kernel/osrelease is unreadable"
            : v.IsBefore(5, 3) ? "too old: ocirun starts containers with clone3(2), which needs Linux 5.3"
            : v.IsBefore(5, 12) ? "containers work; idmapped mounts need mount_setattr(2), Linux 5.12, so configs asking for them fail"
            : "new enough for everything ocirun uses";
        return new KernelReport(release, meaning);
    }

    private CgroupReport ProbeCgroups()
    {
        CgroupHierarchy hierarchy;
        try
        {
            hierarchy = CgroupHierarchy.Detect(files.TryRead("/proc/self/mountinfo") ?? "");
        }
        catch (OciRuntimeException)
        {
            return new CgroupReport(null, null, [], [], null, [],
                "no cgroup or cgroup2 mount: containers cannot be created (mount cgroup2 at /sys/fs/cgroup)");
        }
        var unified = hierarchy.UnifiedMount?.MountPoint;
        // Named hierarchies (name=systemd) only group processes: no limit goes through them.
        var v1 = hierarchy.V1Mounts.Keys.Where(key => !key.StartsWith("name=", StringComparison.Ordinal)).Order(StringComparer.Ordinal).ToList();
        var available = unified == null ? [] : Words(files.TryRead(Path.Join(unified, "cgroup.controllers")));
        var own = OwnUnifiedCgroup(hierarchy);
        var delegated = unified == null || own == null ? [] : Words(files.TryRead(Path.Join(unified, own, "cgroup.controllers")));
        var mode = hierarchy.Mode switch { CgroupMode.Unified => "v2", CgroupMode.Hybrid => "hybrid", _ => "v1" };
        return new CgroupReport(mode, unified, v1, available, own, delegated, CgroupMeaning(hierarchy.Mode, v1, available, delegated));
    }

    private string? OwnUnifiedCgroup(CgroupHierarchy hierarchy)
    {
        if (hierarchy.UnifiedMount == null || files.TryRead("/proc/self/cgroup") is not { } text) return null;
        try
        {
            return ProcessCgroups.Parse(text).TryGetValue(ProcessCgroups.UnifiedKey, out var path) ? path : null;
        }
        catch (OciRuntimeException)
        {
            return null;
        }
    }

    private string CgroupMeaning(CgroupMode mode, List<string> v1, List<string> available, List<string> delegated)
    {
        var rootless = euid == 0 ? ""
            : mode == CgroupMode.Unified
                ? delegated.Count == 0
                    ? "; rootless containers get no limits: no controller is delegated to ocirun's own cgroup"
                    : $"; rootless containers can limit only {string.Join(", ", delegated)} (delegated to ocirun's own cgroup)"
                : "; rootless containers get no limits: cgroup v1 cannot be delegated";
        return mode switch
        {
            CgroupMode.Unified => $"cgroup v2: limits, freezing and the eBPF device filter go through cgroup2 ({List(available)} available){rootless}",
            CgroupMode.Hybrid => $"cgroup v1 with a cgroup2 hierarchy: limits go through the v1 controllers ({List(v1)}), "
                + $"cgroup2 only for what no v1 hierarchy has ({List(available.Where(c => !v1.Contains(c)).ToList())}); "
                + $"linux.resources.unified cannot be applied{rootless}",
            _ => $"cgroup v1: limits go through the v1 controllers ({List(v1)}); linux.resources.unified cannot be applied{rootless}",
        };
    }

    private SeccompReport ProbeSeccomp()
    {
        var kernel = (files.TryRead("/proc/self/status") ?? "").Split('\n').Any(line => line.StartsWith("Seccomp:", StringComparison.Ordinal));
        var actions = Words(files.TryRead("/proc/sys/kernel/seccomp/actions_avail"));
        var meaning = !kernel ? "seccomp profiles fail: the kernel has no seccomp filtering (CONFIG_SECCOMP_FILTER)"
            : !seccomp.Enabled ? "seccomp profiles fail: libseccomp.so.2 (2.4 or newer) is not installed (apt install libseccomp2)"
            : $"seccomp profiles are enforced (libseccomp {seccomp.LibseccompVersion}); filter flags a profile may ask for: {List(seccomp.SupportedFlags)}";
        return new SeccompReport(kernel, seccomp.LibseccompVersion, actions, seccomp.SupportedFlags, meaning);
    }

    private UserNamespaceReport ProbeUserNamespaces()
    {
        var kernel = files.Exists("/proc/self/ns/user");
        var max = long.TryParse(files.TryReadLine("/proc/sys/user/max_user_namespaces"), out var m) ? m : (long?)null;
        var unprivileged = files.TryReadLine("/proc/sys/kernel/unprivileged_userns_clone");
        var restricted = files.TryReadLine("/proc/sys/kernel/apparmor_restrict_unprivileged_userns");
        var uidMap = files.TryRead("/proc/self/uid_map");
        var inUserNamespace = uidMap != null && Words(uidMap) is var map && !(map.Count == 3 && map[0] == "0" && map[1] == "0" && map[2] == "4294967295");
        string? unavailable = !kernel ? "the kernel has no user namespaces (CONFIG_USER_NS)"
            : max == 0 ? "user.max_user_namespaces is 0 (sysctl -w user.max_user_namespaces=15000)"
            : unprivileged == "0" ? "kernel.unprivileged_userns_clone is 0 (sysctl -w kernel.unprivileged_userns_clone=1)"
            : restricted == "1" ? "kernel.apparmor_restrict_unprivileged_userns is 1 (an AppArmor profile must allow userns for ocirun)"
            : null;
        var inContainers = !kernel || max == 0 ? "user namespaces in configs: unavailable" : "user namespaces in configs: available";
        var meaning = unavailable == null
            ? $"{inContainers}; rootless containers: available"
            : $"{inContainers}; rootless containers: unavailable, because {unavailable}";
        if (inUserNamespace) meaning += "; ocirun itself runs in a user namespace, so it has only the privileges that namespace gives";
        return new UserNamespaceReport(kernel, max, unprivileged, restricted, inUserNamespace, unavailable == null, meaning);
    }

    private IdMapReport ProbeIdMap(string path, List<MountInfo.Entry> mounts)
    {
        var fileSystem = Directory.Exists(files.Real(path)) ? MountInfo.EntryOf(path, mounts)?.FsType : null;
        if (fileSystem == null) return new IdMapReport(path, null, null, "not tried: the directory does not exist");
        var attempt = idMaps.Try(path, euid);
        var meaning = attempt.Supported switch
        {
            true => $"idmapped mounts of {fileSystem} work (mounts with uidMappings/gidMappings, linux.mountExtensions idmap)",
            false => $"idmapped mounts of {fileSystem} fail: {attempt.Reason}",
            null => $"not tried: {attempt.Reason}",
        };
        return new IdMapReport(path, fileSystem, attempt.Supported, meaning);
    }

    private CriuReport ProbeCriu()
    {
        var version = criuVersion(criuBinary);
        var found = version == null ? $"{criuBinary} is not installed or does not run" : $"criu {version} is installed";
        return new CriuReport(criuBinary, version, $"checkpoint and restore: unavailable, because ocirun does not implement them yet ({found})");
    }

    private SystemdReport ProbeSystemd()
    {
        var running = files.Exists("/run/systemd/system");
        var bus = files.Exists("/run/dbus/system_bus_socket");
        var host = running ? $"systemd is the init system{(bus ? ", its D-Bus system bus is up" : ", but the D-Bus system bus socket is missing")}"
            : "systemd is not running";
        return new SystemdReport(running, bus,
            $"--systemd-cgroup: unavailable, because ocirun manages cgroups through cgroupfs only ({host}); containers run without it");
    }

    private SecurityModuleReport ProbeAppArmor()
    {
        var enabled = files.TryReadLine("/sys/module/apparmor/parameters/enabled") == "Y";
        return new SecurityModuleReport(enabled, null, enabled
            ? "process.apparmorProfile is applied to container processes"
            : "AppArmor is not enabled: configs naming an AppArmor profile are refused");
    }

    private SecurityModuleReport ProbeSelinux()
    {
        var enforce = files.TryReadLine("/sys/fs/selinux/enforce");
        var mode = enforce switch { "1" => "enforcing", "0" => "permissive", _ => null };
        return new SecurityModuleReport(enforce != null, mode, enforce != null
            ? $"process.selinuxLabel is applied to container processes (SELinux is {mode})"
            : "SELinux is not enabled: configs with an SELinux label are refused");
    }

    private StateRootReport ProbeStateRoot(List<MountInfo.Entry> mounts)
    {
        var exists = Directory.Exists(files.Real(stateRoot));
        if (!exists) return new StateRootReport(stateRoot, false, null, 0, "does not exist yet: the first create makes it");
        var fileSystem = MountInfo.EntryOf(stateRoot, mounts)?.FsType;
        var containers = new StateStore(files.Real(stateRoot)).List().Count;
        var meaning = fileSystem == "tmpfs" ? "on tmpfs: state goes away with a reboot, as the containers do"
            : $"on {fileSystem ?? "an unknown filesystem"}, not tmpfs: state of containers a reboot killed stays behind until deleted";
        return new StateRootReport(stateRoot, true, fileSystem, containers, meaning);
    }

    private static List<string> Words(string? text) =>
        text == null ? [] : text.Split([' ', '\n', '\t'], StringSplitOptions.RemoveEmptyEntries).ToList();

    private static string List(IReadOnlyList<string> items) => items.Count == 0 ? "none" : string.Join(", ", items);
}
