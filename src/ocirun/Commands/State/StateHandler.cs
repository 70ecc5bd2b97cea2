using OciRuntime;

namespace Ocirun.Commands;

internal sealed class StateHandler : ICommandHandler<StateOptions>
{
    public int Run(GlobalOptions global, StateOptions options) => throw new OciRuntimeException("not implemented yet");
}
