using System.Runtime.InteropServices;
using System.Text;
using OciRuntime.Linux;
using Tmds.Linux;

namespace OciRuntime.Seccomp;

/// <summary>
/// Identifies the installed libseccomp and kernel for the cache key WITHOUT loading the library, so a cache hit
/// costs a few stat calls: an upgrade replaces the library file (new inode, size or mtime) and so changes the
/// key, which recompiles with the new syscall tables.
/// </summary>
internal static unsafe class LibSeccompIdentity
{
    private const string FileName = "libseccomp.so.2";

    public static string Describe()
    {
        var text = new StringBuilder();
        text.Append("kernel=").Append(KernelRelease()).Append(";arch=").Append(RuntimeInformation.ProcessArchitecture);
        string? library = FindLibrary(out stat st);
        if (library is null) return text.Append(";lib=none").ToString();
        return text.Append(";lib=").Append(library)
            .Append(';').Append(st.st_dev).Append(':').Append(st.st_ino)
            .Append(';').Append(st.st_size)
            .Append(';').Append(st.st_mtim.tv_sec).Append('.').Append(st.st_mtim.tv_nsec)
            .ToString();
    }

    private static string KernelRelease()
    {
        try
        {
            return FileText.Read("/proc/sys/kernel/osrelease").Trim();
        }
        catch (IOException)
        {
            return "unknown";
        }
    }

    private static string? FindLibrary(out stat st)
    {
        foreach (string directory in SearchPath())
        {
            string candidate = Path.Combine(directory, FileName);
            if (Stat(candidate, out st)) return candidate;
        }
        st = default;
        return null;
    }

    // The dynamic loader's order for the usual layouts: LD_LIBRARY_PATH, then the multiarch and lib64 dirs.
    private static IEnumerable<string> SearchPath()
    {
        string? fromEnvironment = Environment.GetEnvironmentVariable("LD_LIBRARY_PATH");
        if (!string.IsNullOrEmpty(fromEnvironment))
            foreach (string directory in fromEnvironment.Split(':', StringSplitOptions.RemoveEmptyEntries)) yield return directory;
        string triplet = RuntimeInformation.ProcessArchitecture == Architecture.Arm64 ? "aarch64-linux-gnu" : "x86_64-linux-gnu";
        yield return "/lib/" + triplet;
        yield return "/usr/lib/" + triplet;
        yield return "/lib64";
        yield return "/usr/lib64";
        yield return "/usr/local/lib";
        yield return "/lib";
        yield return "/usr/lib";
    }

    private static bool Stat(string path, out stat st)
    {
        int length = Encoding.UTF8.GetByteCount(path);
        Span<byte> utf8 = stackalloc byte[length + 1];
        Encoding.UTF8.GetBytes(path, utf8);
        utf8[length] = 0;
        fixed (byte* p = utf8)
        fixed (stat* s = &st)
            return LibC.stat(p, s) == 0;
    }
}
