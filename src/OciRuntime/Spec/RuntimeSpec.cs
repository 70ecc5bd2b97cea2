using System.Text.Json;
using System.Text.Json.Serialization;

namespace OciRuntime.Spec;

/// <summary>
/// The bundle's config.json (runtime-spec v1.3, Linux subset). Property order follows the Go types of
/// runtime-spec so serialized output reads like <c>runc spec</c>. Nullable members are optional in the spec
/// and omitted when null; non-nullable ones are always written, as Go writes them.
/// </summary>
public sealed class RuntimeSpec
{
    /// <summary>The runtime-spec version ocirun implements: what `--version`, `features`, `state` and `spec` say.</summary>
    public const string ImplementedVersion = "1.3.0";

    [JsonPropertyName("ociVersion")] public string OciVersion { get; set; } = "";
    [JsonPropertyName("process")] public Process? Process { get; set; }
    [JsonPropertyName("root")] public Root? Root { get; set; }
    [JsonPropertyName("hostname")] public string? Hostname { get; set; }
    [JsonPropertyName("domainname")] public string? Domainname { get; set; }
    [JsonPropertyName("mounts")] public List<Mount>? Mounts { get; set; }
    [JsonPropertyName("hooks")] public Hooks? Hooks { get; set; }
    [JsonPropertyName("annotations")] public Dictionary<string, string>? Annotations { get; set; }
    [JsonPropertyName("linux")] public Linux? Linux { get; set; }

    /// <summary>Properties this model does not know (other platforms, newer spec versions), kept for round-trip.</summary>
    [JsonExtensionData] public Dictionary<string, JsonElement>? ExtensionData { get; set; }
}
