using System.Text.Json.Serialization;

namespace OciRuntime.Spec;

public sealed class Root
{
    /// <summary>The rootfs; relative paths are relative to the bundle directory.</summary>
    [JsonPropertyName("path")] public string Path { get; set; } = "";
    [JsonPropertyName("readonly")] public bool? Readonly { get; set; }
}
