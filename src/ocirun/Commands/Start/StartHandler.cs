using OciRuntime;

namespace Ocirun.Commands;

internal sealed class StartHandler : ICommandHandler<StartOptions>
{
    public int Run(GlobalOptions global, StartOptions options) => throw new OciRuntimeException("not implemented yet");
}
