using OciRuntime.Container.Exec;

namespace Ocirun.Commands;

internal sealed class ExecHandler : ICommandHandler<ExecOptions>
{
    public int Run(GlobalOptions global, ExecOptions options) => ContainerExec.Run(ToLibrary(global, options));

    public static ExecRequest ToLibrary(GlobalOptions global, ExecOptions options) => new()
    {
        Root = global.Root,
        Id = options.ContainerId,
        ProcessFile = options.ProcessPath,
        Overrides = new ExecOverrides
        {
            Args = options.Command,
            Cwd = options.Cwd,
            Env = options.Env,
            Terminal = options.Tty,
            Uid = options.User?.Uid,
            Gid = options.User?.Gid,
            AdditionalGids = options.AdditionalGids,
            ApparmorProfile = options.AppArmorProfile,
            SelinuxLabel = options.ProcessLabel,
            NoNewPrivileges = options.NoNewPrivileges,
            Capabilities = options.Capabilities,
        },
        ConsoleSocket = options.ConsoleSocket,
        PidfdSocket = options.PidfdSocket,
        Detach = options.Detach,
        PidFile = options.PidFile,
        PreserveFds = options.PreserveFds,
        SubCgroups = options.Cgroups,
        IgnorePaused = options.IgnorePaused,
    };
}
