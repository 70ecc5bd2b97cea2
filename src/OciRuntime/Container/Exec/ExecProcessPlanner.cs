using OciRuntime.Spec;

namespace OciRuntime.Container.Exec;

/// <summary>
/// Builds the process of an exec from the container's process (recorded at create) and the command line, the way
/// runc 1.1 does: args replaced, env appended, cwd/user/labels overridden when given, --cap added, the terminal only
/// when asked for. The container's record is never changed: a copy is returned.
/// </summary>
public static class ExecProcessPlanner
{
    public static Process Merge(Process container, ExecOverrides overrides)
    {
        var user = container.User ?? new User();
        var capabilities = Copy(container.Capabilities);
        if (overrides.Capabilities.Count > 0)
        {
            capabilities ??= new LinuxCapabilities();
            capabilities.Bounding = [.. capabilities.Bounding ?? [], .. overrides.Capabilities];
            capabilities.Effective = [.. capabilities.Effective ?? [], .. overrides.Capabilities];
            capabilities.Permitted = [.. capabilities.Permitted ?? [], .. overrides.Capabilities];
            // Ambient needs inheritable, which --cap does not add: only with an inheritable set configured.
            if (capabilities.Inheritable is { Count: > 0 })
                capabilities.Ambient = [.. capabilities.Ambient ?? [], .. overrides.Capabilities];
        }
        return new Process
        {
            Terminal = overrides.Terminal,
            ConsoleSize = container.ConsoleSize,
            Args = [.. overrides.Args],
            Env = [.. container.Env ?? [], .. overrides.Env],
            Cwd = string.IsNullOrEmpty(overrides.Cwd) ? container.Cwd : overrides.Cwd,
            User = new User
            {
                Uid = overrides.Uid ?? user.Uid,
                Gid = overrides.Uid != null && overrides.Gid is { } gid ? gid : user.Gid,
                Umask = user.Umask,
                AdditionalGids = overrides.AdditionalGids.Count > 0 || user.AdditionalGids != null
                    ? [.. user.AdditionalGids ?? [], .. overrides.AdditionalGids]
                    : null,
            },
            Capabilities = capabilities,
            Rlimits = container.Rlimits is { } limits ? [.. limits] : null,
            NoNewPrivileges = overrides.NoNewPrivileges ? true : container.NoNewPrivileges,
            ApparmorProfile = string.IsNullOrEmpty(overrides.ApparmorProfile) ? container.ApparmorProfile : overrides.ApparmorProfile,
            SelinuxLabel = string.IsNullOrEmpty(overrides.SelinuxLabel) ? container.SelinuxLabel : overrides.SelinuxLabel,
            OomScoreAdj = container.OomScoreAdj,
            Scheduler = container.Scheduler,
            IOPriority = container.IOPriority,
            ExecCpuAffinity = container.ExecCpuAffinity,
        };
    }

    private static LinuxCapabilities? Copy(LinuxCapabilities? c) => c == null ? null : new LinuxCapabilities
    {
        Bounding = c.Bounding is { } b ? [.. b] : null,
        Effective = c.Effective is { } e ? [.. e] : null,
        Inheritable = c.Inheritable is { } i ? [.. i] : null,
        Permitted = c.Permitted is { } p ? [.. p] : null,
        Ambient = c.Ambient is { } a ? [.. a] : null,
    };
}
