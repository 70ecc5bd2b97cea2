using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using OciRuntime.Spec;

namespace OciRuntime.Container.State;

/// <summary>Parts of the config kept in a <see cref="ContainerRecord"/> as JSON, in the spec's own format.</summary>
public static class RecordedSpec
{
    public static JsonElement? Capture<T>(T? part, JsonTypeInfo<T> typeInfo) where T : class =>
        part is null ? null : JsonSerializer.SerializeToElement(part, typeInfo);

    public static T? Read<T>(JsonElement? part, JsonTypeInfo<T> typeInfo, string what) where T : class
    {
        if (part is not { } json || json.ValueKind == JsonValueKind.Null) return null;
        try
        {
            return json.Deserialize(typeInfo);
        }
        catch (JsonException e)
        {
            throw new OciRuntimeException($"state: {what}: {e.Message}", e);
        }
    }

    public static OciRuntime.Spec.Hooks? Hooks(ContainerRecord record) => Read(record.Hooks, SpecJsonContext.Default.Hooks, "hooks");

    public static Process? Process(ContainerRecord record) => Read(record.Process, SpecJsonContext.Default.Process, "process");

    public static LinuxSeccomp? Seccomp(ContainerRecord record) =>
        Read(record.Seccomp, SpecJsonContext.Default.LinuxSeccomp, "linux.seccomp");
}
