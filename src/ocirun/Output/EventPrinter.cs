using System.Text.Json;
using OciRuntime.Container.Lifecycle;

namespace Ocirun.Output;

/// <summary>Prints one <c>events</c> event as a line of JSON, as runc's json.Encoder does.</summary>
public static class EventPrinter
{
    public static string Format(ContainerEvent containerEvent) =>
        JsonSerializer.Serialize(containerEvent, ContainerEventJsonContext.Default.ContainerEvent) + "\n";
}
