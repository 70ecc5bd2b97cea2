using OciRuntime.Cgroups.Native;
using OciRuntime.Cgroups.Resources;
using OciRuntime.Cgroups.V1;
using OciRuntime.Cgroups.V2;
using OciRuntime.Spec;

namespace OciRuntime.Cgroups;

/// <summary>
/// A container's cgroup in whatever hierarchies the host has. Create it before the init is released, apply
/// resources, put the init in it; later commands reopen it from <see cref="Paths"/> (saved in the state).
/// </summary>
public abstract class CgroupManager
{
    private static readonly TimeSpan FreezeTimeout = TimeSpan.FromSeconds(10);

    protected CgroupManager(CgroupPaths paths, CgroupFileSystem fs)
    {
        Paths = paths;
        Fs = fs;
    }

    public CgroupPaths Paths { get; }

    protected CgroupFileSystem Fs { get; }

    /// <summary>Resolves the container's cgroup on this host and creates its directories.</summary>
    public static CgroupManager Create(CgroupOptions options) =>
        Create(options, CgroupFileSystem.Host, CgroupHierarchy.DetectHost(), ProcessCgroups.ReadSelf(),
            Directory.Exists("/run/systemd/system"));

    public static CgroupManager Create(CgroupOptions options, CgroupFileSystem fs, CgroupHierarchy hierarchy,
        IReadOnlyDictionary<string, string> ownCgroups, bool systemdRunning)
    {
        if (options.Systemd)
        {
            var unit = SystemdCgroupPath.Parse(options.CgroupsPath, options.Id);
            throw new OciRuntimeException(systemdRunning
                ? $"systemd cgroup driver not available: ocirun manages cgroups through cgroupfs only and cannot create unit {unit.UnitName}; run without --systemd-cgroup"
                : $"systemd cgroup driver not available: systemd is not running on this host (unit {unit.UnitName}); run without --systemd-cgroup");
        }
        var paths = CgroupPathResolver.Resolve(hierarchy, ownCgroups, options.CgroupsPath, options.Id, options.Rootless);
        var manager = Open(paths, fs);
        manager.CheckExisting();
        manager.CreateDirectories();
        return manager;
    }

    /// <summary>
    /// runc 1.1's checks of a cgroup that is there before the container: processes in it are tolerated with a
    /// warning; a frozen one is refused before anything is made, since the container's first process would freeze
    /// on entering it (or be born frozen, with CLONE_INTO_CGROUP) and never report back.
    /// </summary>
    private void CheckExisting()
    {
        // Each hierarchy's directory is looked at only when it exists: the common case, a cgroup of its own that
        // does not exist yet, costs a few stats.
        if (ProcessDirectory is { } processDirectory && Fs.DirectoryExists(processDirectory) && Pids().Count is var count and > 0)
            RuntimeLog.Warn($"container's cgroup is not empty: {count} process(es) found");
        if (FreezesNewProcesses()) throw new OciRuntimeException("container's cgroup unexpectedly frozen");
    }

    /// <summary>Whether a process entering the cgroup would freeze: the v1 freezer is not THAWED (its state shows a
    /// frozen parent too), or the cgroup2 directory (a hybrid host's as well) is asked to freeze or is frozen.</summary>
    private bool FreezesNewProcesses()
    {
        if (Paths.Unified is { } unified && Fs.DirectoryExists(unified) &&
            (Fs.TryReadFile(Path.Join(unified, "cgroup.freeze"))?.Trim() == "1" || V2CgroupManager.ReadFrozen(Fs, unified)))
            return true;
        return Paths.V1.TryGetValue("freezer", out var freezer) && Fs.DirectoryExists(freezer) &&
               (Fs.TryReadFile(Path.Join(freezer, "freezer.state"))?.Trim() ?? "THAWED") != "THAWED";
    }

    public static CgroupManager Open(CgroupPaths paths) => Open(paths, CgroupFileSystem.Host);

    public static CgroupManager Open(CgroupPaths paths, CgroupFileSystem fs) => paths.Mode switch
    {
        CgroupMode.Unified => new V2CgroupManager(paths, fs),
        _ => new V1CgroupManager(paths, fs),
    };

    /// <summary>Puts a process (and its future children) in the container's cgroup, in every hierarchy.</summary>
    public void AddProcess(int pid) => AddProcess(pid, Paths.AllDirectories());

    /// <summary>Puts a process in the container's cgroup in the hierarchies of <paramref name="directories"/>.</summary>
    public void AddProcess(int pid, IEnumerable<string> directories)
    {
        foreach (var dir in directories)
        {
            var errno = Fs.TryWriteFile(Path.Join(dir, "cgroup.procs"), pid.ToString(System.Globalization.CultureInfo.InvariantCulture));
            if (errno == 0 || IgnorablePermissionError(errno)) continue;
            throw new OciRuntimeException($"cgroup: adding pid {pid} to {Path.Join(dir, "cgroup.procs")}: {CgroupSyscalls.Describe(errno)}");
        }
    }

    /// <summary>
    /// How a new process will enter the container's cgroups without a cgroup.procs write, whose first one after a
    /// pause waits ~10 ms for an RCU grace period (the kernel's global cgroup_threadgroup_rwsem): the cgroup2
    /// directory for clone3's CLONE_INTO_CGROUP, and every v1 hierarchy's tasks file, to which the raw child writes
    /// "0" (a thread moving itself skips that lock; <see cref="CgroupEntry"/>). Whatever cannot be opened so is left
    /// to <see cref="AddProcess(int, IEnumerable{string})"/>.
    /// </summary>
    public CgroupEntry PrepareEntry()
    {
        var entry = new CgroupEntry();
        try
        {
            if (Paths.Unified is { } unified)
            {
                var fd = Fs.TryOpenDirectory(unified);
                if (fd >= 0) entry.CloneFd = fd;
                else entry.ByPid.Add(unified);
            }
            foreach (var dir in Paths.V1.Values.Distinct(StringComparer.Ordinal))
            {
                var fd = Fs.TryOpenForWriting(Path.Join(dir, "tasks"));
                if (fd >= 0) entry.TaskFiles.Add(new CgroupTaskFile(dir, fd));
                else if (IgnorablePermissionError(-fd)) continue;
                else entry.ByPid.Add(dir);
            }
            return entry;
        }
        catch
        {
            entry.Dispose();
            throw;
        }
    }

    public abstract void Freeze();

    public abstract void Thaw();

    public abstract bool IsFrozen();

    /// <summary>Every process in the cgroup and its descendants.</summary>
    public IReadOnlyList<int> Pids()
    {
        var root = ProcessDirectory;
        if (root is null) return [];
        var pids = new List<int>();
        Collect(root);
        return pids;

        void Collect(string dir)
        {
            var procs = Fs.TryReadFile(Path.Join(dir, "cgroup.procs"));
            if (procs is null) return;
            pids.AddRange(CgroupFileParsers.ParsePids(procs));
            foreach (var child in Fs.SubDirectories(dir)) Collect(child);
        }
    }

    /// <summary>
    /// Signals every process in the cgroup. Processes are frozen first so none can fork a child that escapes
    /// the signal (runc does the same); SIGKILL on v2 uses cgroup.kill where the kernel has it.
    /// </summary>
    public virtual void KillAll(int signal)
    {
        Freeze();
        try
        {
            foreach (var pid in Pids())
            {
                if (CgroupSyscalls.Kill(pid, signal) != 0)
                {
                    var errno = System.Runtime.InteropServices.Marshal.GetLastPInvokeError();
                    if (errno != CgroupSyscalls.ESRCH)
                        throw new OciRuntimeException($"kill pid {pid}: {CgroupSyscalls.Describe(errno)}");
                }
            }
        }
        finally
        {
            Thaw();
        }
    }

    /// <summary>
    /// Applies linux.resources at create: the device rules (the config's, then runc's default allowlist; with no
    /// resources at all only the allowlist), then every limit. Call it before adding the init: a v1 realtime budget
    /// must exist before a SCHED_RR process can join, as in runc. The whole plan is made and checked before the
    /// first write, so an impossible configuration changes nothing.
    /// </summary>
    public void Apply(LinuxResources? resources)
    {
        resources ??= new LinuxResources();
        var writes = Plan(resources, PlanMode.Create);
        var rules = (resources.Devices ?? [])
            .Select(d => Devices.DeviceRule.FromSpec(d.Allow, d.Type, d.Major, d.Minor, d.Access)).ToList();
        try
        {
            ApplyDevices(rules);
        }
        catch (OciRuntimeException e) when (Paths.Rootless)
        {
            // runc ignores device cgroup errors of rootless containers: they are not expected to work.
            RuntimeLog.Debug($"cgroup: device rules not applied: {e.Message}");
        }
        new CgroupWriter(Fs, Paths).Execute(writes);
    }

    /// <summary>
    /// The <c>update</c> command: values given (non-zero, non-empty) change, everything else stays as it is.
    /// Device rules are never changed by an update (runc skips them too).
    /// </summary>
    public void Update(LinuxResources resources) =>
        new CgroupWriter(Fs, Paths).Execute(Plan(resources, PlanMode.Update));

    /// <summary>The control file writes <see cref="Apply"/> or <see cref="Update"/> would make, in order.</summary>
    public abstract IReadOnlyList<CgroupWrite> Plan(LinuxResources resources, PlanMode mode);

    /// <summary>
    /// Restricts device access to <paramref name="configRules"/> (linux.resources.devices, in order) followed by
    /// runc's default allowlist: devices.allow/deny writes on v1, an eBPF program attached to the cgroup on v2.
    /// </summary>
    public abstract void ApplyDevices(IEnumerable<Devices.DeviceRule> configRules);

    public abstract CgroupStats Stats();

    /// <summary>How many processes the OOM killer has killed in the cgroup (0 where the kernel does not count).</summary>
    public abstract ulong OomKillCount();

    /// <summary>
    /// Removes the container's cgroup, deepest children first, in every hierarchy. rmdir fails with EBUSY while
    /// dying processes are still being reaped, so it is retried for a while before giving up.
    /// </summary>
    public void Destroy()
    {
        var failures = new List<string>();
        foreach (var dir in Paths.AllDirectories())
        {
            var error = RemoveTree(dir);
            if (error != null) failures.Add(error);
        }
        if (failures.Count > 0) throw new OciRuntimeException("cgroup: " + string.Join("; ", failures));
    }

    protected abstract void CreateDirectories();

    /// <summary>The directory whose cgroup.procs lists the container's processes.</summary>
    protected abstract string? ProcessDirectory { get; }

    protected void CreateDirectory(string dir)
    {
        try
        {
            Fs.CreateDirectory(dir);
        }
        catch (UnauthorizedAccessException) when (Paths.Rootless)
        {
            RuntimeLog.Debug($"cgroup: cannot create {dir} without privilege; running without it");
        }
        catch (IOException e)
        {
            throw new OciRuntimeException($"cgroup: create {dir}: {e.Message}");
        }
    }

    protected bool IgnorablePermissionError(int errno) =>
        Paths.Rootless && errno is CgroupSyscalls.EACCES or CgroupSyscalls.EPERM or CgroupSyscalls.EROFS or CgroupSyscalls.ENOENT;

    /// <summary>Polls until <paramref name="done"/> holds; <paramref name="nudge"/> runs on every round (v1 freezing
    /// needs the state rewritten while new tasks race in).</summary>
    protected static void WaitUntil(Func<bool> done, Action nudge, string what)
    {
        var deadline = DateTime.UtcNow + FreezeTimeout;
        var delay = 1;
        while (!done())
        {
            if (DateTime.UtcNow > deadline) throw new OciRuntimeException($"cgroup: timed out waiting until {what}");
            Thread.Sleep(delay);
            delay = Math.Min(delay * 2, 100);
            nudge();
        }
    }

    private string? RemoveTree(string dir)
    {
        // A container's cgroup rarely has children: one rmdir, no listing, in the common case.
        var first = Fs.RemoveDirectory(dir);
        if (first is 0 or CgroupSyscalls.ENOENT || IgnorablePermissionError(first)) return null;
        foreach (var child in Fs.SubDirectories(dir))
        {
            var error = RemoveTree(child);
            if (error != null) return error;
        }
        var delay = 10;
        for (var attempt = 0; ; attempt++)
        {
            var errno = Fs.RemoveDirectory(dir);
            if (errno is 0 or CgroupSyscalls.ENOENT) return null;
            if (IgnorablePermissionError(errno)) return null;
            if (errno != CgroupSyscalls.EBUSY || attempt == 7)
                return $"remove {dir}: {CgroupSyscalls.Describe(errno)}";
            Thread.Sleep(delay);
            delay *= 2;
        }
    }
}
