using OciRuntime;

namespace Ocirun.Commands;

internal sealed class ListHandler : ICommandHandler<ListOptions>
{
    public int Run(GlobalOptions global, ListOptions options) => throw new OciRuntimeException("not implemented yet");
}
