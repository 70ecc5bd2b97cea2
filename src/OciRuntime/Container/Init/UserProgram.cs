using OciRuntime.Container.Spawn;
using OciRuntime.Linux;
using OciRuntime.Spec;

namespace OciRuntime.Container.Init;

/// <summary>
/// The user's program as it will be exec'd: the executable found (PATH lookup inside the container, as runc's
/// exec.LookPath), argv, and the environment with HOME filled in when missing.
/// </summary>
internal sealed class UserProgram(string path, IReadOnlyList<string> argv, IReadOnlyList<string> environment)
{
    public const string DefaultPath = "/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin";

    public string Path { get; } = path;
    public IReadOnlyList<string> Argv { get; } = argv;
    public IReadOnlyList<string> Environment { get; } = environment;

    /// <summary>Resolves inside the container's root (the caller has switched to it already) and enters cwd.</summary>
    public static UserProgram Resolve(Process process, IReadOnlyList<string> extraEnvironment)
    {
        var args = process.Args ?? [];
        if (args.Count == 0) throw new OciRuntimeException("config.json: process.args: must not be empty");
        IReadOnlyList<string> env = [.. process.Env ?? [], .. extraEnvironment];
        var cwd = string.IsNullOrEmpty(process.Cwd) ? "/" : process.Cwd;
        Errno.Check(Mounts.Chdir(cwd), $"chdir {cwd}");
        // A cwd reached through an fd from outside the container (/proc/self/fd/N of a directory the caller left
        // open, CVE-2024-21626) would hand the process the host's filesystem: refused, as runc does.
        if (!Mounts.WorkingDirectoryIsUnderRoot())
            throw new OciRuntimeException($"process.cwd {cwd}: outside of the container's root, possible container breakout detected");
        var executable = Find(args[0], Lookup(env, "PATH") ?? DefaultPath);
        if (Lookup(env, "HOME") == null) env = [.. env, "HOME=" + HomeOf(process.User?.Uid ?? 0)];
        return new UserProgram(executable, args, env);
    }

    public static string? Lookup(IReadOnlyList<string> env, string name)
    {
        var prefix = name + "=";
        for (var i = env.Count - 1; i >= 0; i--)
            if (env[i].StartsWith(prefix, StringComparison.Ordinal)) return env[i][prefix.Length..];
        return null;
    }

    private static string Find(string file, string searchPath)
    {
        if (file.Contains('/'))
        {
            if (IsExecutable(file)) return file;
            throw new OciRuntimeException($"exec: \"{file}\": {(File.Exists(file) ? "permission denied" : "no such file or directory")}");
        }
        foreach (var dir in searchPath.Split(':'))
        {
            var candidate = System.IO.Path.Combine(dir.Length == 0 ? "." : dir, file);
            if (IsExecutable(candidate)) return candidate;
        }
        throw new OciRuntimeException($"exec: \"{file}\": executable file not found in $PATH");
    }

    private static bool IsExecutable(string path) =>
        File.Exists(path) && (File.GetUnixFileMode(path) & (UnixFileMode.UserExecute | UnixFileMode.GroupExecute | UnixFileMode.OtherExecute)) != 0;

    private static string HomeOf(uint uid)
    {
        try
        {
            foreach (var line in FileText.ReadLines("/etc/passwd"))
            {
                var fields = line.Split(':');
                if (fields.Length >= 6 && uint.TryParse(fields[2], out var id) && id == uid) return fields[5];
            }
        }
        catch (IOException)
        {
        }
        return "/";
    }

    /// <summary>
    /// Marks every fd above stdio and the preserved ones close-on-exec (one close_range call: no host fd, cwd or
    /// cgroup handle survives into the container, CVE-2024-21626), resets the signal state, loads the seccomp
    /// filter as the very last step (everything it needs is allocated before), then execs. Returns only on failure.
    /// </summary>
    public unsafe void Exec(int preserveFds, InitSeccomp? seccomp)
    {
        const uint CLOSE_RANGE_CLOEXEC = 4;
        Libc.Syscall(SyscallNumbers.close_range, 3 + preserveFds, uint.MaxValue, CLOSE_RANGE_CLOEXEC, 0, 0);
        using var argv = new NativeStringArray(Argv);
        using var envp = new NativeStringArray(Environment);
        var pathBytes = System.Text.Encoding.UTF8.GetBytes(Path + "\0");
        ExecSignals.ResetToDefaults();
        seccomp?.LoadLate();
        fixed (byte* p = pathBytes) RawSyscalls.Execve(p, argv.Pointer, envp.Pointer);
        throw Errno.Exception($"exec {Path}", RawSyscalls.Errno);
    }
}
