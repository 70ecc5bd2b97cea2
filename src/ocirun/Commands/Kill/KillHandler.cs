using OciRuntime;

namespace Ocirun.Commands;

internal sealed class KillHandler : ICommandHandler<KillOptions>
{
    public int Run(GlobalOptions global, KillOptions options) => throw new OciRuntimeException("not implemented yet");
}
