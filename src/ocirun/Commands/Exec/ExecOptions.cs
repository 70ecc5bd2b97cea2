namespace Ocirun.Commands;

/// <summary>
/// <c>ocirun exec [options] ID COMMAND [ARGS...]</c> or <c>ocirun exec [options] --process FILE ID</c>:
/// start another process in a running container.
/// </summary>
internal sealed class ExecOptions : IContainerOptions
{
    public string ContainerId { get; set; } = "";

    /// <summary>The program and its arguments; empty only with <see cref="ProcessPath"/>, whose args are used then.</summary>
    public IReadOnlyList<string> Command { get; set; } = [];

    /// <summary><c>--process/-p</c>: an OCI process JSON file; the other process flags then amend it as in runc.</summary>
    public string? ProcessPath { get; set; }

    public string? ConsoleSocket { get; set; }
    public string? PidfdSocket { get; set; }

    public string? Cwd { get; set; }

    /// <summary><c>--env/-e KEY=VALUE</c>, repeatable, in order.</summary>
    public List<string> Env { get; } = [];

    public bool Tty { get; set; }

    public ExecUser? User { get; set; }

    /// <summary><c>--additional-gids/-g</c>, repeatable.</summary>
    public List<uint> AdditionalGids { get; } = [];

    public bool Detach { get; set; }

    public string? PidFile { get; set; }

    /// <summary><c>--process-label</c>: the SELinux label of the process.</summary>
    public string? ProcessLabel { get; set; }

    /// <summary><c>--apparmor</c>: the AppArmor profile of the process.</summary>
    public string? AppArmorProfile { get; set; }

    public bool NoNewPrivileges { get; set; }

    /// <summary><c>--cap/-c</c>, repeatable: capabilities added to the process's sets (e.g. CAP_NET_ADMIN).</summary>
    public List<string> Capabilities { get; } = [];

    public int PreserveFds { get; set; }

    /// <summary><c>--cgroup [CONTROLLER:]PATH</c>, repeatable: an existing sub-cgroup of the container to run in.</summary>
    public List<string> Cgroups { get; } = [];

    /// <summary><c>--ignore-paused</c>: exec even though the container is paused.</summary>
    public bool IgnorePaused { get; set; }
}
