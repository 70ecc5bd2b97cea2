using System.Text;
using OciRuntime.Cgroups.Native;
using OciRuntime.Linux;

namespace OciRuntime.Cgroups;

/// <summary>
/// Every cgroupfs access goes through here. Paths are host paths (<c>/sys/fs/cgroup/...</c>); <see cref="Root"/>
/// is prepended, so tests run the same code over a temp directory laid out like a v1, v2 or hybrid host.
/// Writes open existing files only (O_WRONLY|O_TRUNC, no O_CREAT), as the kernel offers no way to create a
/// control file; a fake tree therefore rejects writes to files the emulated kernel lacks, just like the real one.
/// </summary>
public class CgroupFileSystem
{
    public static readonly CgroupFileSystem Host = new("/");

    public CgroupFileSystem(string root) => Root = root;

    public string Root { get; }

    public string Real(string path) =>
        Root == "/" ? path : Path.Join(Root, path);

    public virtual bool FileExists(string path) => File.Exists(Real(path));

    public virtual bool DirectoryExists(string path) => Directory.Exists(Real(path));

    public virtual string ReadFile(string path) => FileText.Read(Real(path));

    /// <summary>
    /// Reads a file that may be absent (a controller the kernel lacks, a cgroup a racing delete removed: files of
    /// a removed cgroup still open fail with ENODEV); null then.
    /// </summary>
    public string? TryReadFile(string path)
    {
        const int ENODEV = 19;
        try { return ReadFile(path); }
        catch (FileNotFoundException) { return null; }
        catch (DirectoryNotFoundException) { return null; }
        catch (IOException e) when (e.HResult == ENODEV) { return null; }
    }

    /// <summary>Writes <paramref name="value"/> in one write(2), as cgroup files need; returns 0 or the errno.</summary>
    public virtual int TryWriteFile(string path, string value) => WriteEach(path, [value], out _);

    /// <summary>
    /// Writes each value in its own write(2) through one open of the file (devices.allow and devices.deny take one
    /// rule per write); stops at the first failure and returns its errno, 0 when all went through.
    /// </summary>
    public virtual int TryWriteEach(string path, IReadOnlyList<string> values, out int failed) =>
        WriteEach(path, values, out failed);

    private unsafe int WriteEach(string path, IReadOnlyList<string> values, out int failed)
    {
        failed = 0;
        var fd = CgroupSyscalls.Open(Real(path), CgroupSyscalls.O_WRONLY | CgroupSyscalls.O_TRUNC | CgroupSyscalls.O_CLOEXEC, 0);
        if (fd < 0) return System.Runtime.InteropServices.Marshal.GetLastPInvokeError();
        try
        {
            for (; failed < values.Count; failed++)
            {
                var bytes = Encoding.UTF8.GetBytes(values[failed]);
                while (true)
                {
                    fixed (byte* p = bytes)
                    {
                        if (CgroupSyscalls.Write(fd, p, (nuint)bytes.Length) >= 0) break;
                    }
                    var errno = System.Runtime.InteropServices.Marshal.GetLastPInvokeError();
                    if (errno != CgroupSyscalls.EINTR) return errno;
                }
            }
            return 0;
        }
        finally
        {
            CgroupSyscalls.Close(fd);
        }
    }

    public void WriteFile(string path, string value)
    {
        var errno = TryWriteFile(path, value);
        if (errno != 0) throw WriteFailure(path, value, errno);
    }

    public static OciRuntimeException WriteFailure(string path, string value, int errno) =>
        new($"cgroup: write {Quote(value)} to {path}: {CgroupSyscalls.Describe(errno)}");

    public virtual void CreateDirectory(string path) => Directory.CreateDirectory(Real(path));

    /// <summary>rmdir(2): 0, or the errno (EBUSY while processes or children remain).</summary>
    public virtual int RemoveDirectory(string path) =>
        CgroupSyscalls.RemoveDirectory(Real(path)) == 0 ? 0 : System.Runtime.InteropServices.Marshal.GetLastPInvokeError();

    public virtual IEnumerable<string> SubDirectories(string path)
    {
        var real = Real(path);
        if (!Directory.Exists(real)) return [];
        return Directory.EnumerateDirectories(real).Select(d => Path.Join(path, Path.GetFileName(d))).ToList();
    }

    /// <summary>An O_RDONLY|O_DIRECTORY fd of a cgroup directory (for clone3 CLONE_INTO_CGROUP or BPF attach).</summary>
    public virtual int OpenDirectory(string path)
    {
        var fd = CgroupSyscalls.Open(Real(path), CgroupSyscalls.O_RDONLY | CgroupSyscalls.O_DIRECTORY | CgroupSyscalls.O_CLOEXEC, 0);
        if (fd < 0)
        {
            var errno = System.Runtime.InteropServices.Marshal.GetLastPInvokeError();
            throw new OciRuntimeException($"cgroup: open {path}: {CgroupSyscalls.Describe(errno)}");
        }
        return fd;
    }

    /// <summary>An O_RDONLY|O_DIRECTORY fd of a cgroup directory, or the negated errno.</summary>
    public virtual int TryOpenDirectory(string path)
    {
        var fd = CgroupSyscalls.Open(Real(path), CgroupSyscalls.O_RDONLY | CgroupSyscalls.O_DIRECTORY | CgroupSyscalls.O_CLOEXEC, 0);
        return fd >= 0 ? fd : -System.Runtime.InteropServices.Marshal.GetLastPInvokeError();
    }

    /// <summary>An O_WRONLY fd of a cgroup file, or the negated errno.</summary>
    public virtual int TryOpenForWriting(string path)
    {
        var fd = CgroupSyscalls.Open(Real(path), CgroupSyscalls.O_WRONLY | CgroupSyscalls.O_CLOEXEC, 0);
        return fd >= 0 ? fd : -System.Runtime.InteropServices.Marshal.GetLastPInvokeError();
    }

    /// <summary>Makes <paramref name="program"/> the only device program of a cgroup2 directory (bpf(2)).</summary>
    public virtual void AttachDeviceProgram(string path, IReadOnlyList<Devices.BpfInstruction> program)
    {
        var fd = OpenDirectory(path);
        try
        {
            Devices.BpfDeviceProgramAttacher.Replace(fd, program);
        }
        finally
        {
            CgroupSyscalls.Close(fd);
        }
    }

    private static string Quote(string value) => value.Contains('\n') ? value.Replace("\n", "\\n") : value;
}
