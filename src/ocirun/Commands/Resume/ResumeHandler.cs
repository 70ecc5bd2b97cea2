using OciRuntime.Container.Lifecycle;

namespace Ocirun.Commands;

internal sealed class ResumeHandler : ICommandHandler<ResumeOptions>
{
    public int Run(GlobalOptions global, ResumeOptions options)
    {
        ContainerResume.Run(global.Root, options.ContainerId);
        return 0;
    }
}
