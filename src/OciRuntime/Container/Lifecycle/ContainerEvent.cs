using System.Text.Json.Serialization;
using OciRuntime.Cgroups;

namespace OciRuntime.Container.Lifecycle;

/// <summary>One line of `events`, runc's types.Event: <c>{"type":"stats","id":...,"data":{...}}</c> or
/// <c>{"type":"oom","id":...}</c> (no data).</summary>
public sealed record ContainerEvent(
    [property: JsonPropertyName("type")] string Type,
    [property: JsonPropertyName("id")] string Id,
    [property: JsonPropertyName("data"), JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] CgroupStats? Data = null)
{
    public static ContainerEvent Stats(string id, CgroupStats stats) => new("stats", id, stats);

    public static ContainerEvent Oom(string id) => new("oom", id);
}
