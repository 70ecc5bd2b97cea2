using System.Text.Json.Serialization;

namespace OciRuntime.Spec;

/// <summary>
/// The runtime-spec features document (features.md): what this runtime build supports, printed by
/// <c>ocirun features</c>. Absent members mean "unknown" to the reader, so ocirun fills every one it can answer.
/// </summary>
public sealed class Features
{
    [JsonPropertyName("ociVersionMin")] public string OciVersionMin { get; set; } = "";
    [JsonPropertyName("ociVersionMax")] public string OciVersionMax { get; set; } = "";
    [JsonPropertyName("hooks")] public List<string>? Hooks { get; set; }
    [JsonPropertyName("mountOptions")] public List<string>? MountOptions { get; set; }
    [JsonPropertyName("linux")] public LinuxFeatures? Linux { get; set; }
    [JsonPropertyName("annotations")] public SortedDictionary<string, string>? Annotations { get; set; }
    [JsonPropertyName("potentiallyUnsafeConfigAnnotations")] public List<string>? PotentiallyUnsafeConfigAnnotations { get; set; }
}

public sealed class LinuxFeatures
{
    [JsonPropertyName("namespaces")] public List<string>? Namespaces { get; set; }
    [JsonPropertyName("capabilities")] public List<string>? Capabilities { get; set; }
    [JsonPropertyName("cgroup")] public CgroupFeatures? Cgroup { get; set; }
    [JsonPropertyName("seccomp")] public SeccompFeatureSet? Seccomp { get; set; }
    [JsonPropertyName("apparmor")] public EnabledFeature? Apparmor { get; set; }
    [JsonPropertyName("selinux")] public EnabledFeature? Selinux { get; set; }
    [JsonPropertyName("intelRdt")] public EnabledFeature? IntelRdt { get; set; }
    [JsonPropertyName("mountExtensions")] public MountExtensionFeatures? MountExtensions { get; set; }
    [JsonPropertyName("netDevices")] public EnabledFeature? NetDevices { get; set; }
}

public sealed class CgroupFeatures
{
    [JsonPropertyName("v1")] public bool? V1 { get; set; }
    [JsonPropertyName("v2")] public bool? V2 { get; set; }
    [JsonPropertyName("systemd")] public bool? Systemd { get; set; }
    [JsonPropertyName("systemdUser")] public bool? SystemdUser { get; set; }
    [JsonPropertyName("rdma")] public bool? Rdma { get; set; }
}

/// <summary>features.linux.seccomp (named apart from <see cref="OciRuntime.Seccomp.SeccompFeatures"/>, the detector).</summary>
public sealed class SeccompFeatureSet
{
    [JsonPropertyName("enabled")] public bool? Enabled { get; set; }
    [JsonPropertyName("actions")] public List<string>? Actions { get; set; }
    [JsonPropertyName("operators")] public List<string>? Operators { get; set; }
    [JsonPropertyName("archs")] public List<string>? Archs { get; set; }
    [JsonPropertyName("knownFlags")] public List<string>? KnownFlags { get; set; }
    [JsonPropertyName("supportedFlags")] public List<string>? SupportedFlags { get; set; }
}

public sealed class EnabledFeature
{
    [JsonPropertyName("enabled")] public bool? Enabled { get; set; }
}

public sealed class MountExtensionFeatures
{
    [JsonPropertyName("idmap")] public EnabledFeature? IdMap { get; set; }
}
