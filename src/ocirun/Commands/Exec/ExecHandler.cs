using OciRuntime;

namespace Ocirun.Commands;

internal sealed class ExecHandler : ICommandHandler<ExecOptions>
{
    public int Run(GlobalOptions global, ExecOptions options) => throw new OciRuntimeException("not implemented yet");
}
