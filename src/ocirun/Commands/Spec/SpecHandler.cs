using OciRuntime;

namespace Ocirun.Commands;

internal sealed class SpecHandler : ICommandHandler<SpecOptions>
{
    public int Run(GlobalOptions global, SpecOptions options) => throw new OciRuntimeException("not implemented yet");
}
