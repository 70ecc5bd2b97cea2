using OciRuntime;

namespace Ocirun.Commands;

internal sealed class CheckpointHandler : ICommandHandler<CheckpointOptions>
{
    public int Run(GlobalOptions global, CheckpointOptions options) => throw new OciRuntimeException("not implemented yet");
}
