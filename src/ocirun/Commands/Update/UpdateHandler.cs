using OciRuntime;

namespace Ocirun.Commands;

internal sealed class UpdateHandler : ICommandHandler<UpdateOptions>
{
    public int Run(GlobalOptions global, UpdateOptions options) => throw new OciRuntimeException("not implemented yet");
}
