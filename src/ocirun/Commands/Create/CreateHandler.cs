using OciRuntime;

namespace Ocirun.Commands;

internal sealed class CreateHandler : ICommandHandler<CreateOptions>
{
    public int Run(GlobalOptions global, CreateOptions options) => throw new OciRuntimeException("not implemented yet");
}
