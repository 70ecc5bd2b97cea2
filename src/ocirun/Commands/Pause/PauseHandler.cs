using OciRuntime;

namespace Ocirun.Commands;

internal sealed class PauseHandler : ICommandHandler<PauseOptions>
{
    public int Run(GlobalOptions global, PauseOptions options) => throw new OciRuntimeException("not implemented yet");
}
