using OciRuntime;

namespace Ocirun.Commands;

internal sealed class FeaturesHandler : ICommandHandler<FeaturesOptions>
{
    public int Run(GlobalOptions global, FeaturesOptions options) => throw new OciRuntimeException("not implemented yet");
}
