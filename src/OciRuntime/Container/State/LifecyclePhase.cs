using System.Text.Json.Serialization;

namespace OciRuntime.Container.State;

/// <summary>What the lifecycle last did to the container; the observable status is derived, not stored.</summary>
[JsonConverter(typeof(JsonStringEnumConverter<LifecyclePhase>))]
public enum LifecyclePhase
{
    [JsonStringEnumMemberName("created")] Created,
    [JsonStringEnumMemberName("running")] Running,
}
