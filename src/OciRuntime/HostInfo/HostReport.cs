namespace OciRuntime.HostInfo;

/// <summary>
/// What <c>ocirun info</c> found on this host. Every part carries its <c>Meaning</c>: one sentence saying what the
/// finding means for the user (what works, what does not and why), so the report answers "why is X off here".
/// </summary>
public sealed record HostReport(
    KernelReport Kernel,
    CgroupReport Cgroups,
    SeccompReport Seccomp,
    UserNamespaceReport UserNamespaces,
    IReadOnlyList<IdMapReport> IdmappedMounts,
    CriuReport Criu,
    SystemdReport Systemd,
    SecurityModuleReport AppArmor,
    SecurityModuleReport Selinux,
    StateRootReport StateRoot);

/// <param name="Release">/proc/sys/kernel/osrelease; null when unreadable.</param>
public sealed record KernelReport(string? Release, string Meaning);

/// <param name="Mode">"v1", "hybrid" or "v2"; null when no cgroup mount was found.</param>
/// <param name="UnifiedMountPoint">Where cgroup2 is mounted (the cgroup root on v2, usually /sys/fs/cgroup/unified on a hybrid host).</param>
/// <param name="V1Controllers">The mounted v1 controllers (named hierarchies such as name=systemd left out: nothing is limited through them).</param>
/// <param name="V2Controllers">cgroup.controllers of the cgroup2 root: the controllers the kernel gives cgroup2.</param>
/// <param name="OwnCgroup">ocirun's own cgroup2 path, from /proc/self/cgroup.</param>
/// <param name="DelegatedControllers">cgroup.controllers of <paramref name="OwnCgroup"/>: what a rootless container made under it can limit.</param>
public sealed record CgroupReport(
    string? Mode,
    string? UnifiedMountPoint,
    IReadOnlyList<string> V1Controllers,
    IReadOnlyList<string> V2Controllers,
    string? OwnCgroup,
    IReadOnlyList<string> DelegatedControllers,
    string Meaning);

/// <param name="Kernel">Whether the kernel has seccomp filtering (a "Seccomp:" line in /proc/self/status).</param>
/// <param name="KernelActions">/proc/sys/kernel/seccomp/actions_avail.</param>
/// <param name="SupportedFlags">The SECCOMP_FILTER_FLAG_*s a profile may ask for here (libseccomp and kernel both).</param>
public sealed record SeccompReport(
    bool Kernel,
    string? LibseccompVersion,
    IReadOnlyList<string> KernelActions,
    IReadOnlyList<string> SupportedFlags,
    string Meaning);

/// <param name="Kernel">Whether the kernel has user namespaces (/proc/self/ns/user).</param>
/// <param name="MaxUserNamespaces">user.max_user_namespaces; 0 disables them.</param>
/// <param name="UnprivilegedClone">kernel.unprivileged_userns_clone (Debian's switch), null where the kernel has none.</param>
/// <param name="AppArmorRestricted">kernel.apparmor_restrict_unprivileged_userns (Ubuntu's), null where absent.</param>
/// <param name="InUserNamespace">ocirun itself runs in a user namespace other than the initial one.</param>
/// <param name="Rootless">Whether a user without privileges can run containers (in a user namespace of their own).</param>
public sealed record UserNamespaceReport(
    bool Kernel,
    long? MaxUserNamespaces,
    string? UnprivilegedClone,
    string? AppArmorRestricted,
    bool InUserNamespace,
    bool Rootless,
    string Meaning);

/// <param name="Path">A directory ocirun works on (the state root, the current directory: the default bundle).</param>
/// <param name="FileSystem">The type of the filesystem holding it, from mountinfo.</param>
/// <param name="Supported">Whether an idmapped mount of it works; null when it could not be tried (not root).</param>
public sealed record IdMapReport(string Path, string? FileSystem, bool? Supported, string Meaning);

/// <param name="Binary">The criu binary (--criu).</param>
/// <param name="Version">What <c>criu --version</c> printed, null when it did not run.</param>
public sealed record CriuReport(string Binary, string? Version, string Meaning);

/// <param name="Running">systemd is the init system (/run/systemd/system exists).</param>
/// <param name="SystemBus">The D-Bus system bus socket exists (/run/dbus/system_bus_socket).</param>
public sealed record SystemdReport(bool Running, bool SystemBus, string Meaning);

/// <param name="Mode">SELinux: "enforcing" or "permissive"; null for AppArmor or when disabled.</param>
public sealed record SecurityModuleReport(bool Enabled, string? Mode, string Meaning);

/// <param name="FileSystem">The type of the filesystem holding it (tmpfs is expected), null when it does not exist.</param>
public sealed record StateRootReport(string Path, bool Exists, string? FileSystem, int Containers, string Meaning);
