using OciRuntime.Linux;

namespace OciRuntime.Spec.Validation;

/// <summary>Everything under "linux" that is not resources or seccomp.</summary>
internal static class LinuxValidator
{
    private static readonly HashSet<string> IpcSysctls =
    [
        "kernel.msgmax", "kernel.msgmnb", "kernel.msgmni", "kernel.sem",
        "kernel.shmall", "kernel.shmmax", "kernel.shmmni", "kernel.shm_rmid_forced",
    ];

    private static readonly HashSet<string> Propagations =
        ["private", "rprivate", "slave", "rslave", "shared", "rshared", "unbindable", "runbindable"];

    private static readonly HashSet<string> DeviceTypes = ["c", "b", "u", "p"];

    public static void ValidateUserNamespace(Linux? linux, NamespaceSet namespaces, ConfigCheck check)
    {
        if (namespaces.Contains(NamespaceType.User))
        {
            // Joining a user namespace by path uses its existing mappings; only a new one needs them here.
            if (namespaces.IsNew(NamespaceType.User))
            {
                if (linux?.UidMappings is not { Count: > 0 }) throw check.Fail("linux.uidMappings", "must be set for a new user namespace");
                if (linux.GidMappings is not { Count: > 0 }) throw check.Fail("linux.gidMappings", "must be set for a new user namespace");
            }
        }
        else
        {
            if (linux?.UidMappings != null) throw check.Fail("linux.uidMappings", "given, but linux.namespaces has no user namespace");
            if (linux?.GidMappings != null) throw check.Fail("linux.gidMappings", "given, but linux.namespaces has no user namespace");
        }
        ValidateIdMappings(linux?.UidMappings, "linux.uidMappings", check);
        ValidateIdMappings(linux?.GidMappings, "linux.gidMappings", check);
    }

    public static void ValidateIdMappings(List<LinuxIdMapping>? mappings, string path, ConfigCheck check)
    {
        for (var i = 0; i < (mappings?.Count ?? 0); i++)
        {
            if (mappings![i].Size == 0) throw check.Fail(SpecPath.Property(SpecPath.Index(path, i), "size"), "must be greater than zero");
        }
    }

    /// <summary>
    /// /proc/sys is only partly namespaced: as runc does, a sysctl is accepted only when the namespace that
    /// owns it is the container's, so a config can never change the host's kernel settings.
    /// </summary>
    public static void ValidateSysctl(Dictionary<string, string>? sysctl, NamespaceSet namespaces, ConfigCheck check)
    {
        foreach (var key in sysctl?.Keys ?? Enumerable.Empty<string>())
        {
            var path = SpecPath.Key("linux.sysctl", key);
            var name = ToDottedName(key);
            if (IpcSysctls.Contains(name) || name.StartsWith("fs.mqueue.", StringComparison.Ordinal))
            {
                if (!namespaces.Contains(NamespaceType.Ipc)) throw check.Fail(path, "needs an ipc namespace in linux.namespaces");
            }
            else if (name.StartsWith("net.", StringComparison.Ordinal))
            {
                if (!namespaces.Contains(NamespaceType.Network)) throw check.Fail(path, "needs a network namespace in linux.namespaces");
            }
            else if (name is "kernel.hostname" or "kernel.domainname")
            {
                if (!namespaces.Contains(NamespaceType.Uts)) throw check.Fail(path, "needs a uts namespace in linux.namespaces");
                if (name == "kernel.hostname") throw check.Fail(path, "conflicts with the \"hostname\" field; set that instead");
            }
            else
            {
                throw check.Fail(path, "is not namespaced; setting it would change the host");
            }
        }
    }

    /// <summary>sysctl(8) also accepts '/' as the separator ("net/ipv4/ip_forward"); then '.' may occur in a name part.</summary>
    private static string ToDottedName(string key)
    {
        var first = key.IndexOfAny(['.', '/']);
        if (first < 0 || key[first] == '.') return key;
        return string.Create(key.Length, key, (span, source) =>
        {
            for (var i = 0; i < source.Length; i++) span[i] = source[i] switch { '/' => '.', '.' => '/', var c => c };
        });
    }

    public static void ValidateTimeOffsets(Dictionary<string, LinuxTimeOffset>? offsets, NamespaceSet namespaces, ConfigCheck check)
    {
        if (offsets == null) return;
        if (!namespaces.Contains(NamespaceType.Time)) throw check.Fail("linux.timeOffsets", "needs a time namespace in linux.namespaces");
        foreach (var (clock, offset) in offsets)
        {
            var path = SpecPath.Key("linux.timeOffsets", clock);
            if (clock is not ("monotonic" or "boottime")) throw check.Fail(path, $"unknown clock \"{clock}\", expected monotonic or boottime");
            if (offset.Nanosecs is >= 1_000_000_000) throw check.Fail(SpecPath.Property(path, "nanosecs"), "must be below 1000000000");
        }
    }

    public static void ValidateDevices(List<LinuxDevice>? devices, ConfigCheck check)
    {
        for (var i = 0; i < (devices?.Count ?? 0); i++)
        {
            var device = devices![i];
            var path = SpecPath.Index("linux.devices", i);
            check.RequireAbsolute(SpecPath.Property(path, "path"), device.Path);
            check.RejectNul(SpecPath.Property(path, "path"), device.Path);
            if (!DeviceTypes.Contains(device.Type))
                throw check.Fail(SpecPath.Property(path, "type"), $"unknown device type \"{device.Type}\", expected c, b, u or p");
            foreach (var (name, number) in new[] { ("major", device.Major), ("minor", device.Minor) })
            {
                if (number == null && device.Type != "p") throw check.Fail(SpecPath.Property(path, name), $"must be set for a \"{device.Type}\" device");
                if (number < 0) throw check.Fail(SpecPath.Property(path, name), $"{number} must not be negative");
            }
        }
    }

    public static void ValidateCgroupsPath(string? cgroupsPath, bool systemdCgroup, ConfigCheck check)
    {
        if (string.IsNullOrEmpty(cgroupsPath)) return;
        check.RejectNul("linux.cgroupsPath", cgroupsPath);
        if (!systemdCgroup) return;
        var parts = cgroupsPath.Split(':');
        if (parts.Length != 3 || parts.Any(part => part.Contains('/')) || parts[2].Length == 0 ||
            (parts[0].Length > 0 && !parts[0].EndsWith(".slice", StringComparison.Ordinal)))
            throw check.Fail("linux.cgroupsPath", $"\"{cgroupsPath}\" is not in the form slice:prefix:name that systemd cgroups need");
    }

    public static void ValidatePaths(Linux linux, NamespaceSet namespaces, ConfigCheck check)
    {
        if (linux.RootfsPropagation is { Length: > 0 } propagation && !Propagations.Contains(propagation))
            throw check.Fail("linux.rootfsPropagation", $"unknown propagation \"{propagation}\"");
        foreach (var (name, paths) in new[] { ("linux.maskedPaths", linux.MaskedPaths), ("linux.readonlyPaths", linux.ReadonlyPaths) })
        {
            if (paths is not { Count: > 0 }) continue;
            if (!namespaces.Contains(NamespaceType.Mount)) throw check.Fail(name, "needs a mount namespace in linux.namespaces");
            for (var i = 0; i < paths.Count; i++) check.RequireAbsolute(SpecPath.Index(name, i), paths[i]);
        }
    }

    public static void ValidatePersonality(LinuxPersonality? personality, ConfigCheck check)
    {
        if (personality == null) return;
        if (personality.Domain is not ("LINUX" or "LINUX32"))
            throw check.Fail("linux.personality.domain", $"unknown domain \"{personality.Domain}\", expected LINUX or LINUX32");
        if (personality.Flags is { Count: > 0 })
            check.Warn("linux.personality.flags", "ignoring flags: runtime-spec defines none");
    }

    public static void ValidateIntelRdt(LinuxIntelRdt? rdt, ConfigCheck check)
    {
        // The class becomes a directory under /sys/fs/resctrl.
        if (rdt?.ClosId is { } closId && (closId is "." or ".." || closId.Contains('/')))
            throw check.Fail("linux.intelRdt.closID", $"\"{closId}\" is not a valid class name");
    }

    public static void ValidateNetDevices(Dictionary<string, LinuxNetDevice>? devices, NamespaceSet namespaces, ConfigCheck check)
    {
        if (devices is not { Count: > 0 }) return;
        if (!namespaces.Contains(NamespaceType.Network)) throw check.Fail("linux.netDevices", "needs a network namespace in linux.namespaces");
        foreach (var (hostName, device) in devices)
        {
            var path = SpecPath.Key("linux.netDevices", hostName);
            if (!IsInterfaceName(hostName)) throw check.Fail(path, $"\"{hostName}\" is not a valid interface name");
            if (device.Name is { } name && !IsInterfaceName(name))
                throw check.Fail(SpecPath.Property(path, "name"), $"\"{name}\" is not a valid interface name");
        }
    }

    /// <summary>The kernel's dev_valid_name: 1 to 15 bytes, not "." or "..", no '/', ':' or whitespace.</summary>
    private static bool IsInterfaceName(string name) =>
        name.Length is > 0 and < 16 && name is not ("." or "..") && !name.Any(c => c is '/' or ':' || char.IsWhiteSpace(c));
}
