using OciRuntime;

namespace Ocirun.Commands;

internal sealed class DeleteHandler : ICommandHandler<DeleteOptions>
{
    public int Run(GlobalOptions global, DeleteOptions options) => throw new OciRuntimeException("not implemented yet");
}
