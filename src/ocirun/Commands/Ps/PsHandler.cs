using OciRuntime;

namespace Ocirun.Commands;

internal sealed class PsHandler : ICommandHandler<PsOptions>
{
    public int Run(GlobalOptions global, PsOptions options) => throw new OciRuntimeException("not implemented yet");
}
