using OciRuntime;

namespace Ocirun.Commands;

internal sealed class InitHandler : ICommandHandler<InitOptions>
{
    public int Run(GlobalOptions global, InitOptions options) => throw new OciRuntimeException("not implemented yet");
}
