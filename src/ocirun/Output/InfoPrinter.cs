using System.Text;
using OciRuntime.HostInfo;
using OciRuntime.Spec;

namespace Ocirun.Output;

/// <summary>
/// Prints <c>ocirun info</c>: per topic one line of findings, then, indented, what they mean for running
/// containers here; or the whole report as JSON (<c>--format json</c>).
/// </summary>
public static class InfoPrinter
{
    public static string Json(HostReport report) =>
        SpecSerializer.Serialize(report, HostReportJsonContext.Default.HostReport);

    public static string Text(HostReport report)
    {
        var text = new StringBuilder();
        Topic(text, "kernel", report.Kernel.Release ?? "unknown", report.Kernel.Meaning);

        var cgroups = report.Cgroups;
        var found = new List<string> { cgroups.Mode ?? "no cgroup mount" };
        if (cgroups.V1Controllers.Count > 0) found.Add("v1 controllers " + List(cgroups.V1Controllers));
        if (cgroups.UnifiedMountPoint != null) found.Add($"cgroup2 at {cgroups.UnifiedMountPoint} with {List(cgroups.V2Controllers)}");
        if (cgroups.OwnCgroup != null) found.Add($"own cgroup {cgroups.OwnCgroup} delegates {List(cgroups.DelegatedControllers)}");
        Topic(text, "cgroups", string.Join("; ", found), cgroups.Meaning);

        var seccomp = report.Seccomp;
        Topic(text, "seccomp", $"kernel {YesNo(seccomp.Kernel)} (actions {List(seccomp.KernelActions)}); "
            + $"libseccomp {seccomp.LibseccompVersion ?? "not found"}; filter flags {List(seccomp.SupportedFlags)}", seccomp.Meaning);

        var users = report.UserNamespaces;
        Topic(text, "user namespaces", $"kernel {YesNo(users.Kernel)}; user.max_user_namespaces {users.MaxUserNamespaces?.ToString() ?? "unreadable"}"
            + (users.UnprivilegedClone is { } clone ? $"; kernel.unprivileged_userns_clone {clone}" : "")
            + (users.AppArmorRestricted is { } restricted ? $"; kernel.apparmor_restrict_unprivileged_userns {restricted}" : "")
            + (users.InUserNamespace ? "; ocirun runs in a user namespace" : ""), users.Meaning);

        foreach (var idMap in report.IdmappedMounts)
        {
            var result = idMap.Supported switch { true => "supported", false => "unsupported", null => "unknown" };
            Topic(text, $"idmapped mounts of {idMap.Path}", idMap.FileSystem == null ? "no such directory" : $"{idMap.FileSystem}: {result}", idMap.Meaning);
        }

        Topic(text, "criu", report.Criu.Version is { } version ? $"{report.Criu.Binary} version {version}" : $"{report.Criu.Binary} not found", report.Criu.Meaning);
        Topic(text, "systemd", $"{(report.Systemd.Running ? "running" : "not running")}; D-Bus system bus {(report.Systemd.SystemBus ? "present" : "absent")}", report.Systemd.Meaning);
        Topic(text, "apparmor", report.AppArmor.Enabled ? "enabled" : "disabled", report.AppArmor.Meaning);
        Topic(text, "selinux", report.Selinux.Mode ?? "disabled", report.Selinux.Meaning);

        var state = report.StateRoot;
        Topic(text, "state root", state.Exists
            ? $"{state.Path} on {state.FileSystem ?? "unknown filesystem"}, {state.Containers} container{(state.Containers == 1 ? "" : "s")}"
            : $"{state.Path} (absent)", state.Meaning);
        return text.ToString();
    }

    private static void Topic(StringBuilder text, string name, string findings, string meaning) =>
        text.Append(name).Append(": ").Append(findings).Append("\n  ").Append(meaning).Append('\n');

    private static string YesNo(bool value) => value ? "yes" : "no";

    private static string List(IReadOnlyList<string> items) => items.Count == 0 ? "none" : string.Join(", ", items);
}
