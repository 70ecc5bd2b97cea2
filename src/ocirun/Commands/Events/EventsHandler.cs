using OciRuntime;

namespace Ocirun.Commands;

internal sealed class EventsHandler : ICommandHandler<EventsOptions>
{
    public int Run(GlobalOptions global, EventsOptions options) => throw new OciRuntimeException("not implemented yet");
}
