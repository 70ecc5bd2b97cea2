using OciRuntime.Container.Lifecycle;

namespace Ocirun.Commands;

internal sealed class DeleteHandler : ICommandHandler<DeleteOptions>
{
    public int Run(GlobalOptions global, DeleteOptions options)
    {
        ContainerDelete.Run(global.Root, options.ContainerId, options.Force);
        return 0;
    }
}
