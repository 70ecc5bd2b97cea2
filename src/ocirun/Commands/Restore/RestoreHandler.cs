using OciRuntime;

namespace Ocirun.Commands;

internal sealed class RestoreHandler : ICommandHandler<RestoreOptions>
{
    public int Run(GlobalOptions global, RestoreOptions options) => throw new OciRuntimeException("not implemented yet");
}
