using OciRuntime.Container.Lifecycle;

namespace Ocirun.Commands;

internal sealed class CreateHandler : ICommandHandler<CreateOptions>
{
    public int Run(GlobalOptions global, CreateOptions options)
    {
        ContainerCreate.Run(ToLibrary(global, options, foreground: false));
        return 0;
    }

    public static OciRuntime.Container.Lifecycle.CreateOptions ToLibrary(GlobalOptions global, CreateOptions options, bool foreground) => new()
    {
        Root = global.Root,
        Id = options.ContainerId,
        Bundle = options.Bundle ?? Directory.GetCurrentDirectory(),
        PidFile = options.PidFile,
        ConsoleSocket = options.ConsoleSocket,
        PidfdSocket = options.PidfdSocket,
        NoPivot = options.NoPivot,
        NoNewKeyring = options.NoNewKeyring,
        PreserveFds = options.PreserveFds,
        SystemdCgroup = global.SystemdCgroup,
        Foreground = foreground,
    };
}
