using OciRuntime.Container.Lifecycle;

namespace Ocirun.Commands;

internal sealed class RunHandler : ICommandHandler<RunOptions>
{
    public int Run(GlobalOptions global, RunOptions options) => ContainerRun.Run(new OciRuntime.Container.Lifecycle.RunOptions
    {
        Create = CreateHandler.ToLibrary(global, options, foreground: !options.Detach),
        Detach = options.Detach,
        Keep = options.Keep,
        NoSubreaper = options.NoSubreaper,
    });
}
