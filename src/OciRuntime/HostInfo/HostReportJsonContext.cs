using System.Text.Json.Serialization;

namespace OciRuntime.HostInfo;

/// <summary>Source-generated JSON for <c>ocirun info --format json</c>.</summary>
[JsonSourceGenerationOptions(PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase, WriteIndented = true)]
[JsonSerializable(typeof(HostReport))]
public partial class HostReportJsonContext : JsonSerializerContext
{
}
