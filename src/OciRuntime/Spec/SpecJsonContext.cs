using System.Text.Json.Serialization;

namespace OciRuntime.Spec;

/// <summary>
/// Source-generated JSON metadata for every spec document ocirun reads: config.json, the process of
/// <c>exec --process</c> and the resources of <c>update --resources</c>. Names match case-insensitively as
/// Go's encoding/json does; a null where the spec requires a value is an error rather than a silent null.
/// </summary>
[JsonSourceGenerationOptions(
    DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    PropertyNameCaseInsensitive = true,
    RespectNullableAnnotations = true,
    WriteIndented = true,
    IndentCharacter = '\t',
    IndentSize = 1)]
[JsonSerializable(typeof(RuntimeSpec))]
[JsonSerializable(typeof(Process))]
[JsonSerializable(typeof(LinuxResources))]
public partial class SpecJsonContext : JsonSerializerContext
{
}
