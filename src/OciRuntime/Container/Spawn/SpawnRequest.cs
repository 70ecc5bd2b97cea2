namespace OciRuntime.Container.Spawn;

/// <summary>A namespace to join by path (CLONE_NEW* flag of its type and the opened fd).</summary>
internal sealed record NamespaceJoin(int CloneFlag, int Fd);

/// <summary>
/// What <see cref="InitSpawner"/> needs to start a container's init inside namespaces: a process that execs
/// <c>ocirun init</c>, or one that is the init itself (<see cref="InitChild"/>).
/// </summary>
internal sealed class SpawnRequest
{
    /// <summary>CLONE_NEW* flags of the namespaces to create.</summary>
    public int NewNamespaces { get; init; }
    /// <summary>Namespaces to join, in any order (the spawner puts the user namespace first).</summary>
    public IReadOnlyList<NamespaceJoin> Joins { get; init; } = [];
    /// <summary>O_PATH/memfd fd of the ocirun binary to exec; unused with <see cref="InitChild"/>.</summary>
    public int BinaryFd { get; init; } = -1;
    public IReadOnlyList<string> Argv { get; init; } = [];
    public IReadOnlyList<string> Environment { get; init; } = [];
    /// <summary>The variable through which the init stage learns its sync socket's fd number.</summary>
    public string? SyncFdVariable { get; init; }
    /// <summary>An <c>InitChildPlan*</c>: the child becomes the container's init (RawInit) instead of exec'ing the
    /// init stage, and waits for the parent's go. 0 for the init stage.</summary>
    public nint InitChild { get; init; }
    /// <summary>The fd of the container lock the command holds; the child closes it first (see ChildPlan.LockFd). -1: none.</summary>
    public int LockFd { get; init; } = -1;
    /// <summary>Fds the init stage inherits besides stdio and the sync socket (their close-on-exec is cleared).</summary>
    public IReadOnlyList<int> InheritedFds { get; init; } = [];
    /// <summary>A v2 cgroup directory fd: the child starts inside it (CLONE_INTO_CGROUP); -1 for none.</summary>
    public int CgroupFd { get; init; } = -1;
    /// <summary>v1 tasks files the child writes "0" to before anything else (see CgroupEntry).</summary>
    public IReadOnlyList<OciRuntime.Cgroups.CgroupTaskFile> CgroupTasks { get; init; } = [];
    /// <summary>
    /// Runs in the parent once the first child exists and before it may go on: join cgroups (v1) and write the
    /// id maps of a user namespace made by the clone. Argument: the child's pid.
    /// </summary>
    public Action<int>? BeforeStart { get; init; }
    /// <summary>Writes the id maps of a user namespace the child made by unshare. Argument: the child's pid.</summary>
    public Action<int>? WriteIdMaps { get; init; }
    /// <summary>
    /// Writes /proc/PID/timens_offsets of a new time namespace. Offsets can only be set before a process enters it,
    /// so its presence makes the child unshare the namespace and clone the init into it. Argument: the child's pid.
    /// </summary>
    public Action<int>? WriteTimeOffsets { get; init; }

    /// <summary>Whether the child unshares and reports back (namespaces to join, or time offsets to write first).</summary>
    public bool TwoPass => Joins.Count > 0 || ((NewNamespaces & NamespaceTimeFlag) != 0 && WriteTimeOffsets != null);

    /// <summary>
    /// Whether the child execs the init stage at once rather than after <see cref="BeforeStart"/>: nothing before the
    /// init reads its plan depends on the parent (no user namespace whose id maps must come first). The init's start-up
    /// then overlaps whatever cgroup placement the parent still does by pid (see CgroupEntry).
    /// </summary>
    public bool ChildStartsAtOnce => InitChild == 0 && !TwoPass && (NewNamespaces & NamespaceUserFlag) == 0;

    private const int NamespaceTimeFlag = 0x80, NamespaceUserFlag = 0x10000000;
}
