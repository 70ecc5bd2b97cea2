using OciRuntime;

namespace Ocirun.Commands;

internal sealed class RunHandler : ICommandHandler<RunOptions>
{
    public int Run(GlobalOptions global, RunOptions options) => throw new OciRuntimeException("not implemented yet");
}
