using OciRuntime.Container.Lifecycle;
using Ocirun.Output;
using Ocirun.Streams;

namespace Ocirun.Commands;

internal sealed class EventsHandler : ICommandHandler<EventsOptions>
{
    public int Run(GlobalOptions global, EventsOptions options)
    {
        // Each event is written as it happens: a client reads the stream line by line.
        static void Emit(ContainerEvent e) => FileDescriptorOutput.StandardOutput.Write(EventPrinter.Format(e));
        if (options.Stats) Emit(ContainerEvents.Stats(global.Root, options.ContainerId));
        else ContainerEvents.Watch(global.Root, options.ContainerId, options.Interval, Emit);
        return 0;
    }
}
