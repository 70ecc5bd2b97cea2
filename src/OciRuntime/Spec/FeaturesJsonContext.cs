using System.Text.Json.Serialization;

namespace OciRuntime.Spec;

/// <summary>Source-generated JSON for the features document (written by ocirun, read back by tests and tools).</summary>
[JsonSourceGenerationOptions(DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull, WriteIndented = true)]
[JsonSerializable(typeof(Features))]
public partial class FeaturesJsonContext : JsonSerializerContext
{
}
