using OciRuntime.Container.Lifecycle;

namespace Ocirun.Commands;

internal sealed class PauseHandler : ICommandHandler<PauseOptions>
{
    public int Run(GlobalOptions global, PauseOptions options)
    {
        ContainerPause.Run(global.Root, options.ContainerId);
        return 0;
    }
}
