using OciRuntime.Linux;
namespace OciRuntime.Container.State;

/// <summary>
/// Replaces a file so that a reader sees either the old or the new content, never a mix, and a killed writer
/// leaves one of the two: write a temporary file in the same directory, rename it over the target. No fsync, as
/// runc and crun: state lives on tmpfs (/run), and after a power loss its containers are gone anyway.
/// </summary>
internal static class AtomicFile
{
    public static void Write(string path, ReadOnlySpan<byte> content, UnixFileMode mode)
    {
        var directory = Path.GetDirectoryName(path)!;
        var temporary = Path.Combine(directory, "." + Path.GetFileName(path) + StateNames.StagingSuffix());
        try
        {
            var errno = StateSyscalls.CreateExclusive(temporary, mode, out var fd);
            if (errno != 0) throw Errno.Exception($"open {temporary}", errno);
            using (fd)
            {
                // A full state root (ENOSPC, EDQUOT) is the user's to fix: one line, not an unexpected exception.
                errno = FileDescriptorWrites.WriteAll(fd!.Value, content);
                if (errno != 0) throw Errno.Exception($"write {path}", errno);
            }
            errno = StateSyscalls.Rename(temporary, path, noReplace: false);
            if (errno != 0) throw Errno.Exception($"rename {path}", errno);
        }
        catch
        {
            DeleteQuietly(temporary);
            throw;
        }
    }

    private static void DeleteQuietly(string path)
    {
        try { File.Delete(path); }
        catch (IOException) { }
        catch (UnauthorizedAccessException) { }
    }
}
