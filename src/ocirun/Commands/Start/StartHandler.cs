using OciRuntime.Container.Lifecycle;

namespace Ocirun.Commands;

internal sealed class StartHandler : ICommandHandler<StartOptions>
{
    public int Run(GlobalOptions global, StartOptions options)
    {
        ContainerStart.Run(global.Root, options.ContainerId);
        return 0;
    }
}
