using System.Text.Json.Serialization;

namespace OciRuntime.Container.Lifecycle;

[JsonSerializable(typeof(ContainerEvent))]
public sealed partial class ContainerEventJsonContext : JsonSerializerContext;
