using OciRuntime.Cgroups;
using OciRuntime.Spec;

namespace OciRuntime.IntelRdt;

/// <summary>
/// A container's resctrl group, as runc makes it: the class of service directory MOUNT/CLOSID (the container's id
/// when closID is not given) with the config's schemata, and with enableMonitoring a monitoring group
/// CLOS/mon_groups/ID. Its processes join through the tasks files (the class first: the kernel takes a task into a
/// monitoring group only from its parent class). A class that existed before is shared: it is neither rewritten
/// when no schema is given nor removed at delete.
/// </summary>
/// <param name="Owned">Whether create made the class directory (and so delete removes it).</param>
public sealed record IntelRdtGroup(string Path, bool Owned, string? MonitorPath)
{
    public static IntelRdtGroup Create(LinuxIntelRdt rdt, string containerId, ResctrlHost host, CgroupFileSystem fs)
    {
        var path = System.IO.Path.Join(host.MountPoint, string.IsNullOrEmpty(rdt.ClosId) ? containerId : rdt.ClosId);
        var owned = !fs.DirectoryExists(path);
        if (owned) MakeDirectory(fs, path);
        var group = new IntelRdtGroup(path, owned, rdt.EnableMonitoring == true ? System.IO.Path.Join(path, "mon_groups", containerId) : null);
        try
        {
            if (SchemataText(rdt) is { } schemata) group.WriteSchemata(fs, schemata);
            if (group.MonitorPath != null) MakeDirectory(fs, group.MonitorPath);
        }
        catch
        {
            group.Destroy(fs);
            throw;
        }
        return group;
    }

    /// <summary>
    /// Opens the tasks files for a process about to be cloned to write itself into, as it does for v1 cgroups (the
    /// resctrl tasks file takes "0" for the writer), in order: the class, then the monitoring group.
    /// </summary>
    public void AddTo(CgroupEntry entry, CgroupFileSystem fs)
    {
        foreach (var directory in MonitorPath == null ? [Path] : new[] { Path, MonitorPath })
        {
            var fd = fs.TryOpenForWriting(Tasks(directory));
            if (fd < 0) throw new OciRuntimeException($"intelRdt: open {Tasks(directory)}: {Linux.Errno.Describe(-fd)}");
            entry.TaskFiles.Add(new CgroupTaskFile(directory, fd));
        }
    }

    /// <summary>Moves a running process into the group (update's late group for the init, as runc).</summary>
    public void Join(CgroupFileSystem fs, int pid)
    {
        foreach (var directory in MonitorPath == null ? [Path] : new[] { Path, MonitorPath })
        {
            var errno = fs.TryWriteFile(Tasks(directory), pid.ToString(System.Globalization.CultureInfo.InvariantCulture));
            if (errno != 0) throw new OciRuntimeException($"intelRdt: add {pid} to {directory}: {Linux.Errno.Describe(errno)}");
        }
    }

    /// <summary>Lines for the schemata file: l3CacheSchema, memBwSchema, then schemata (runtime-spec 1.3); null for none.</summary>
    public static string? SchemataText(LinuxIntelRdt rdt)
    {
        var lines = new List<string>();
        if (!string.IsNullOrEmpty(rdt.L3CacheSchema)) lines.Add(rdt.L3CacheSchema);
        if (!string.IsNullOrEmpty(rdt.MemBwSchema)) lines.Add(rdt.MemBwSchema);
        lines.AddRange((rdt.Schemata ?? []).Where(line => line.Length > 0));
        return lines.Count == 0 ? null : string.Join('\n', lines) + "\n";
    }

    /// <summary>One write of the lines: the kernel applies the resources they name and keeps the others.</summary>
    public void WriteSchemata(CgroupFileSystem fs, string schemata)
    {
        var errno = fs.TryWriteFile(System.IO.Path.Join(Path, "schemata"), schemata);
        if (errno != 0)
            throw new OciRuntimeException($"intelRdt: write schemata \"{schemata.TrimEnd('\n').Replace("\n", "\\n")}\" to {Path}: {Linux.Errno.Describe(errno)}");
    }

    /// <summary>Removes the monitoring group and, when create made it, the class (its tasks go back to the default one).</summary>
    public void Destroy(CgroupFileSystem fs)
    {
        if (MonitorPath != null) Remove(fs, MonitorPath);
        if (Owned) Remove(fs, Path);
    }

    private static void Remove(CgroupFileSystem fs, string path)
    {
        const int ENOENT = 2;
        var errno = fs.RemoveDirectory(path);
        if (errno is not (0 or ENOENT)) throw new OciRuntimeException($"intelRdt: remove {path}: {Linux.Errno.Describe(errno)}");
    }

    /// <summary>mkdir(2): the kernel's ENOSPC (no class of service left) must reach the user as it is.</summary>
    private static void MakeDirectory(CgroupFileSystem fs, string path)
    {
        const int EEXIST = 17;
        if (Linux.Libc.Mkdir(fs.Real(path), 0b111_101_101) < 0 && Linux.Libc.LastErrno is var errno && errno != EEXIST)
            throw new OciRuntimeException($"intelRdt: create {path}: {Linux.Errno.Describe(errno)}");
    }

    private static string Tasks(string directory) => System.IO.Path.Join(directory, "tasks");
}
