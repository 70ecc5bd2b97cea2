using OciRuntime.Linux;

namespace OciRuntime.Container;

/// <summary>
/// process.apparmorProfile and process.selinuxLabel: what to write to /proc/self/attr for the next exec, or a
/// clear error when the host has no such LSM (as runc refuses them; silently running unconfined would mislead).
/// </summary>
public static class SecurityLabels
{
    public static string? AppArmorExecValue(string? profile) => string.IsNullOrEmpty(profile) ? null
        : IsAppArmorEnabled() ? "exec " + profile
        : throw new OciRuntimeException($"AppArmor profile \"{profile}\" requested, but AppArmor is not enabled on this host");

    public static string? SelinuxExecValue(string? label) => string.IsNullOrEmpty(label) ? null
        : IsSelinuxEnabled() ? label
        : throw new OciRuntimeException($"SELinux label \"{label}\" requested, but SELinux is not enabled on this host");

    /// <summary>
    /// linux.mountLabel: without SELinux there is nothing to label and runc ignores it too; on an SELinux host the
    /// context= mount option is not applied yet, so the config is refused rather than run with unlabelled mounts.
    /// </summary>
    public static void CheckMountLabel(string? label)
    {
        if (!string.IsNullOrEmpty(label) && IsSelinuxEnabled())
            throw new OciRuntimeException($"linux.mountLabel \"{label}\": SELinux mount labels are not supported by ocirun yet");
    }

    /// <summary>Sets the labels the calling process's next execve takes (in the init stage, after the root switch).</summary>
    public static void ApplyForExec(string? appArmorExec, string? selinuxExec)
    {
        if (appArmorExec != null) Write(File.Exists("/proc/self/attr/apparmor/exec") ? "/proc/self/attr/apparmor/exec" : "/proc/self/attr/exec", appArmorExec);
        if (selinuxExec != null) Write("/proc/self/attr/exec", selinuxExec);
    }

    private static void Write(string path, string value)
    {
        try
        {
            File.WriteAllText(path, value);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new OciRuntimeException($"setting the exec label {value}: {e.Message}");
        }
    }

    public static bool IsSelinuxEnabled() => File.Exists("/sys/fs/selinux/enforce");

    public static bool IsAppArmorEnabled()
    {
        try
        {
            return FileText.Read("/sys/module/apparmor/parameters/enabled").StartsWith('Y');
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return false;
        }
    }
}
