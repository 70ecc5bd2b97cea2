using OciRuntime.Container.Init;

namespace Ocirun.Commands;

/// <summary>The re-executed init stage; never called by users (see process-model.md).</summary>
internal sealed class InitHandler : ICommandHandler<InitOptions>
{
    public int Run(GlobalOptions global, InitOptions options) => ContainerInit.Run();
}
