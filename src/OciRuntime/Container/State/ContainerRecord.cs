using System.Text.Json;
using System.Text.Json.Serialization;

namespace OciRuntime.Container.State;

/// <summary>
/// What ocirun persists about one container (<c>state.json</c> in its directory). A plain data type: the
/// lifecycle adds properties as it needs them; fields written by a newer ocirun survive a read-modify-write
/// by an older one through <see cref="UnknownFields"/>.
/// </summary>
public sealed class ContainerRecord
{
    public required string Id { get; init; }

    /// <summary>Absolute path of the bundle directory.</summary>
    public required string Bundle { get; set; }

    /// <summary>Absolute path of the root filesystem.</summary>
    public required string Rootfs { get; set; }

    /// <summary>Host pid of the container's init process; 0 while the container is being created.</summary>
    public int InitPid { get; set; }

    /// <summary>Field 22 of /proc/PID/stat (clock ticks since boot) of <see cref="InitPid"/>, so a reused pid is not mistaken for it.</summary>
    public ulong InitStartTime { get; set; }

    /// <summary>Creation time, UTC.</summary>
    public DateTime Created { get; set; }

    /// <summary>User name of the creator, or <c>#UID</c> when it has none (as runc's list shows it).</summary>
    public string Owner { get; set; } = "";

    public Dictionary<string, string> Annotations { get; set; } = new();

    public LifecyclePhase Phase { get; set; }

    /// <summary>The container's cgroup directories in every hierarchy; null until create made them.</summary>
    public OciRuntime.Cgroups.CgroupPaths? Cgroups { get; set; }

    /// <summary>The container's resctrl group (linux.intelRdt); null when the config has none.</summary>
    public OciRuntime.IntelRdt.IntelRdtGroup? IntelRdt { get; set; }

    /// <summary>Namespace type (as in the spec: pid, network, ...) to a path that refers to it.</summary>
    public Dictionary<string, string> NamespacePaths { get; set; } = new();

    // The parts of config.json kept for later commands stay JSON here: start, delete, state and kill never pay for
    // the spec's type metadata; the one command that needs a part parses it (RecordedSpec).

    /// <summary>
    /// The poststart and poststop hooks of the config at create time (spec <c>hooks</c>, only these two): they run
    /// later, and edits of config.json after create must not change the container.
    /// </summary>
    public JsonElement? Hooks { get; set; }

    /// <summary>
    /// The container's process as configured at create (spec <c>process</c>): what `exec` takes its defaults from
    /// (env, cwd, user, capabilities, rlimits, labels, no_new_privs) without reading the bundle again.
    /// </summary>
    public JsonElement? Process { get; set; }

    /// <summary>linux.seccomp at create: processes exec'd into the container get the same filter.</summary>
    public JsonElement? Seccomp { get; set; }

    /// <summary>Hash of the config the container was created from, when the lifecycle records one.</summary>
    public string? ConfigHash { get; set; }

    [JsonExtensionData]
    public Dictionary<string, JsonElement>? UnknownFields { get; set; }
}
