using OciRuntime.Container.Lifecycle;

namespace Ocirun.Commands;

internal sealed class KillHandler : ICommandHandler<KillOptions>
{
    public int Run(GlobalOptions global, KillOptions options)
    {
        ContainerKill.Run(global.Root, options.ContainerId, options.Signal, options.All);
        return 0;
    }
}
