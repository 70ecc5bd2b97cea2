using Ocirun.Logging;

namespace Ocirun.Commands;

/// <summary>The flags before the subcommand (<c>ocirun --root R --log F --log-format json create ...</c>).</summary>
internal sealed class GlobalOptions
{
    public const string DefaultRoot = "/run/ocirun";

    /// <summary>Directory of per-container state (<c>--root</c>), made absolute against the working directory.</summary>
    public string Root { get; set; } = DefaultRoot;

    /// <summary><c>--log</c>, absolute; null: warnings and errors go to stderr.</summary>
    public string? LogPath { get; set; }

    public LogFormat LogFormat { get; set; } = LogFormat.Text;

    public bool Debug { get; set; }

    /// <summary><c>--systemd-cgroup</c>: cgroupsPath is "slice:prefix:name" and systemd owns the cgroup.</summary>
    public bool SystemdCgroup { get; set; }

    /// <summary><c>--rootless true|false|auto</c>; null is auto (decide from the euid and user namespace).</summary>
    public bool? Rootless { get; set; }

    /// <summary><c>--criu</c>: the criu binary for checkpoint and restore.</summary>
    public string CriuPath { get; set; } = "criu";
}
