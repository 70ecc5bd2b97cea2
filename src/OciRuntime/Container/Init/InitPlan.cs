namespace OciRuntime.Container.Init;

/// <summary>
/// What a command tells the init stage besides the config itself (which follows as its own message, the bundle's
/// config.json bytes): where things are and which fds it inherited.
/// </summary>
internal sealed class InitPlan
{
    public string Id { get; set; } = "";
    public string Bundle { get; set; } = "";
    public string Rootfs { get; set; } = "";
    /// <summary>CLONE_NEW* flags of the namespaces made for this container (joined ones excluded).</summary>
    public int NewNamespaces { get; set; }
    public bool InUserNamespace { get; set; }
    /// <summary>Whether setgroups(2) is allowed in the user namespace ("deny" was not written).</summary>
    public bool SetGroupsAllowed { get; set; } = true;
    public bool NoPivot { get; set; }
    public bool NoNewKeyring { get; set; }
    public int ExecFifoFd { get; set; } = -1;
    public int ConsoleSocketFd { get; set; } = -1;
    public int PreserveFds { get; set; }
    /// <summary>Variables appended to process.env (socket activation's LISTEN_FDS/LISTEN_PID).</summary>
    public List<string> ExtraEnvironment { get; set; } = [];
    /// <summary>The spec state JSON the init's hooks get on stdin (status "creating"; the init fills in its pid); empty
    /// when the config has no createContainer or startContainer hooks.</summary>
    public string StateJson { get; set; } = "";
    /// <summary>The container's cgroup directories, for the cgroup mount inside the container.</summary>
    public OciRuntime.Cgroups.CgroupPaths? Cgroups { get; set; }
    /// <summary>Whether the command waits for RunRuntimeHooks (it has prestart or createRuntime hooks).</summary>
    public bool HasRuntimeHooks { get; set; }
    /// <summary>The compiled linux.seccomp filter (BPF instructions), null without one: the command compiles or
    /// finds it in the cache, so the init needs no libseccomp.</summary>
    public byte[]? SeccompFilter { get; set; }
    /// <summary>SECCOMP_FILTER_FLAG_* to load <see cref="SeccompFilter"/> with.</summary>
    public uint SeccompFlags { get; set; }
    /// <summary>Inherited fds of the detached id-mapped trees the command made, keyed by mounts[] index.</summary>
    public Dictionary<int, int>? IdMappedTrees { get; set; }
    /// <summary>mounts[] indices of the bind mounts whose sources follow the config as fds (BindSourceFds), in order.</summary>
    public List<int> BindSources { get; set; } = [];
    /// <summary>Whether a long wait in `created` may make the init shrink itself (not for `run`, which starts at once).</summary>
    public bool ShrinkWhenIdle { get; set; } = true;
    /// <summary><see cref="FaultPoint.Requested"/> of the command, for the tests; null otherwise.</summary>
    public string? PauseAt { get; set; }
}
