using System.Text.Json;
using System.Text.Json.Serialization;

namespace OciRuntime.Cgroups;

/// <summary>
/// <see cref="CgroupMode"/> by name. JsonStringEnumConverter finds enum names through reflection over the
/// type's metadata, which in a NativeAOT process costs more than everything else the init reads.
/// </summary>
internal sealed class CgroupModeJsonConverter : JsonConverter<CgroupMode>
{
    public static CgroupMode Parse(string? name) => name switch
    {
        "Legacy" => CgroupMode.Legacy,
        "Hybrid" => CgroupMode.Hybrid,
        "Unified" => CgroupMode.Unified,
        _ => throw new JsonException($"unknown cgroup mode \"{name}\""),
    };

    public static string Name(CgroupMode mode) => mode switch
    {
        CgroupMode.Legacy => "Legacy",
        CgroupMode.Hybrid => "Hybrid",
        CgroupMode.Unified => "Unified",
        _ => throw new JsonException($"unknown cgroup mode {(int)mode}"),
    };

    public override CgroupMode Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) =>
        Parse(reader.TokenType == JsonTokenType.String ? reader.GetString() : null);

    public override void Write(Utf8JsonWriter writer, CgroupMode value, JsonSerializerOptions options) =>
        writer.WriteStringValue(Name(value));
}
