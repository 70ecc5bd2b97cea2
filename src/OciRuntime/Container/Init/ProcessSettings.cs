using OciRuntime.Linux;
using OciRuntime.Spec;

namespace OciRuntime.Container.Init;

/// <summary>The process's limits, user and capabilities, applied in the init stage on the thread that execs.</summary>
internal static class ProcessSettings
{
    public static void ApplyRlimit(PosixRlimit limit)
    {
        if (!Rlimit.TryParse(limit.Type, out var resource))
            throw new OciRuntimeException($"config.json: process.rlimits: unknown rlimit \"{limit.Type}\"");
        Rlimits.Set(resource, limit.Soft, limit.Hard, limit.Type);
    }

    public static void ApplyIdentity(Process process, bool setGroupsAllowed)
    {
        var caps = ToSets(process.Capabilities);
        ProcessCredentials.DropBoundingSet(caps.Bounding);
        var user = process.User;
        StdioOwnership.GiveTo(user?.Uid ?? 0, user?.Gid ?? 0);
        ProcessCredentials.SwitchUser(user?.Uid ?? 0, user?.Gid ?? 0, user?.AdditionalGids ?? [], setGroupsAllowed);
        ProcessCredentials.SetCapabilities(caps);
        Libc.Umask(user?.Umask ?? 0b000_010_010);
    }

    public static ProcessCredentials.CapabilitySets ToSets(LinuxCapabilities? capabilities) => new(
        Mask(capabilities?.Bounding), Mask(capabilities?.Effective), Mask(capabilities?.Permitted),
        Mask(capabilities?.Inheritable), Mask(capabilities?.Ambient));

    /// <summary>Names the kernel does not know are skipped (runc warns and ignores them; validation warned already).</summary>
    private static ulong Mask(IEnumerable<string>? names)
    {
        ulong mask = 0;
        foreach (var name in names ?? [])
        {
            if (Capability.TryParse(name, out var number) && number <= ProcessCredentials.LastCapability())
                mask |= 1UL << number;
        }
        return mask;
    }
}
