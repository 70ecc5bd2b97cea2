using OciRuntime.Linux;
using System.Text.Json;
using Tmds.Linux;

namespace OciRuntime.Container.State;

/// <summary>
/// The containers of one state root (<c>--root</c>): a directory per container holding <c>state.json</c>
/// and, until <c>start</c>, <c>exec.fifo</c>. Reads take no lock and never see a partial file; changes are
/// made under <see cref="Lock"/>. Nothing is created on disk until the first <see cref="Create"/>.
/// </summary>
public sealed class StateStore
{
    public const string DefaultRoot = "/run/ocirun";

    private const UnixFileMode RootMode = UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute;

    // Searchable by everyone, as runc's: a container process running as another user may need to reach
    // exec.fifo by path; the directory cannot be listed.
    private const UnixFileMode ContainerDirectoryMode =
        RootMode | UnixFileMode.GroupExecute | UnixFileMode.OtherExecute;

    private const UnixFileMode StateFileMode = UnixFileMode.UserRead | UnixFileMode.UserWrite;

    public StateStore(string root) => Root = Path.GetFullPath(root);

    public string Root { get; }

    public ContainerPaths PathsOf(string id)
    {
        ContainerId.Validate(id);
        return new ContainerPaths(Path.Combine(Root, id));
    }

    /// <summary>
    /// Makes the container's directory appear with <paramref name="record"/> already saved in it, in one
    /// step, and returns the container's lock, held. Throws <see cref="ContainerExistsException"/> when the
    /// ID is taken.
    /// </summary>
    public ContainerLock Create(ContainerRecord record)
    {
        var paths = PathsOf(record.Id);
        if (!Path.IsPathFullyQualified(record.Bundle) || !Path.IsPathFullyQualified(record.Rootfs))
            throw new ArgumentException("bundle and rootfs must be absolute paths", nameof(record));

        MakeDirectoryTree(Root);
        var staging = Path.Combine(Root, StateNames.NewContainer());
        var created = StateSyscalls.MakeDirectory(staging, ContainerDirectoryMode);
        if (created != 0) throw Errno.Exception($"mkdir {staging}", created);
        ContainerLock? held = null;
        try
        {
            held = new ContainerLock(record.Id, OpenLocked(staging));
            WriteRecord(Path.Combine(staging, ContainerPaths.StateFileName), record);
            var errno = StateSyscalls.Rename(staging, paths.Directory, noReplace: true);
            // Some filesystems (NFS) lack RENAME_NOREPLACE. A container directory is never empty, so a plain
            // rename still refuses to replace one.
            if (errno == LibC.EINVAL) errno = StateSyscalls.Rename(staging, paths.Directory, noReplace: false);
            if (errno == LibC.EEXIST || errno == LibC.ENOTEMPTY) throw new ContainerExistsException();
            if (errno != 0) throw Errno.Exception($"rename {paths.Directory}", errno);
        }
        catch
        {
            held?.Dispose();
            RemoveTree(staging);
            throw;
        }
        return held;
    }

    /// <summary>Throws <see cref="ContainerNotFoundException"/> when the container has no saved state.</summary>
    public ContainerRecord Load(string id)
    {
        var paths = PathsOf(id);
        byte[] content;
        try
        {
            content = FileText.ReadBytes(paths.StateFile);
        }
        catch (Exception e) when (e is FileNotFoundException or DirectoryNotFoundException)
        {
            throw new ContainerNotFoundException();
        }

        ContainerRecord? record;
        try
        {
            record = ContainerRecordJson.Deserialize(content);
        }
        catch (JsonException e)
        {
            throw new OciRuntimeException($"{paths.StateFile}: {e.Message}", e);
        }
        if (record is null || record.Id != id)
            throw new OciRuntimeException($"{paths.StateFile}: does not describe container {id}");
        return record;
    }

    /// <summary>Replaces the saved state atomically. Never brings a deleted container back.</summary>
    public void Save(ContainerRecord record)
    {
        var paths = PathsOf(record.Id);
        try
        {
            WriteRecord(paths.StateFile, record);
        }
        catch (SystemCallException e) when (e.Errno == LibC.ENOENT)
        {
            throw new ContainerNotFoundException();
        }
    }

    /// <summary>
    /// Removes the container's directory with everything in it. It vanishes from the root in one rename
    /// before its contents are removed, so no reader sees a half-deleted container.
    /// </summary>
    public void Delete(string id)
    {
        var paths = PathsOf(id);
        var doomed = Path.Combine(Root, StateNames.DeletedContainer());
        var errno = StateSyscalls.Rename(paths.Directory, doomed, noReplace: false);
        if (errno == LibC.ENOENT) throw new ContainerNotFoundException();
        if (errno != 0) throw Errno.Exception($"rename {paths.Directory}", errno);
        RemoveTree(doomed);
    }

    /// <summary>IDs of the containers in this root, sorted as runc lists them; empty when the root does not exist.</summary>
    public IReadOnlyList<string> List()
    {
        if (!Directory.Exists(Root)) return [];
        var ids = new List<string>();
        foreach (var directory in Directory.EnumerateDirectories(Root))
        {
            var name = Path.GetFileName(directory);
            if (ContainerId.IsValid(name)) ids.Add(name);
        }
        ids.Sort(StringComparer.Ordinal);
        return ids;
    }

    /// <summary>
    /// Waits for exclusive use of the container. Throws <see cref="ContainerNotFoundException"/> when it
    /// does not exist, including when it was deleted while we waited; if it was deleted and created again
    /// meanwhile, the lock is on the new one.
    /// </summary>
    public ContainerLock Lock(string id)
    {
        var paths = PathsOf(id);
        while (true)
        {
            var directory = OpenLocked(paths.Directory);
            if (StillNamedBy(directory, paths.Directory)) return new ContainerLock(id, directory);
            directory.Dispose();
        }
    }

    private static FileDescriptor OpenLocked(string directory)
    {
        var errno = StateSyscalls.OpenDirectory(directory, out var fd);
        if (errno == LibC.ENOENT || errno == LibC.ENOTDIR) throw new ContainerNotFoundException();
        if (errno != 0) throw Errno.Exception($"open {directory}", errno);
        errno = StateSyscalls.LockExclusively(fd!);
        if (errno == 0) return fd!;
        fd!.Dispose();
        throw Errno.Exception($"flock {directory}", errno);
    }

    private static bool StillNamedBy(FileDescriptor directory, string path)
    {
        var errno = StateSyscalls.Identify(directory, out var held);
        if (errno != 0) throw Errno.Exception($"statx {path}", errno);
        errno = StateSyscalls.Identify(path, out var named);
        if (errno == LibC.ENOENT) return false;
        if (errno != 0) throw Errno.Exception($"statx {path}", errno);
        return held == named;
    }

    /// <summary>Like <c>mkdir -p</c>, with the state root's mode on each directory it creates.</summary>
    private static void MakeDirectoryTree(string directory)
    {
        if (Directory.Exists(directory)) return;
        var parent = Path.GetDirectoryName(directory);
        if (parent != null) MakeDirectoryTree(parent);
        var errno = StateSyscalls.MakeDirectory(directory, RootMode);
        if (errno != 0 && errno != LibC.EEXIST) throw Errno.Exception($"mkdir {directory}", errno);
    }

    private static void WriteRecord(string stateFile, ContainerRecord record) =>
        AtomicFile.Write(
            stateFile,
            ContainerRecordJson.Serialize(record),
            StateFileMode);

    private static void RemoveTree(string directory)
    {
        try
        {
            if (Directory.Exists(directory)) Directory.Delete(directory, recursive: true);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            // The entry is already out of sight (its name is no container ID); leftovers cost only space.
            RuntimeLog.Warn($"remove {directory}: {e.Message}");
        }
    }
}
