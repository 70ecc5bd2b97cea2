using System.Text;
using OciRuntime.Linux;
using OciRuntime.Spec;

namespace OciRuntime.Container.Hooks;

/// <summary>
/// Runs OCI hooks in order, each with the container state JSON on stdin, its own args (argv[0] included), env and
/// timeout. The first failure stops the list; the error carries the hook's output, as runc's does.
/// </summary>
internal static unsafe class HookRunner
{
    public static void Run(string phase, IReadOnlyList<Hook>? hooks, string stateJson) => Run(phase, hooks, () => stateJson);

    /// <summary>The state is made only when there are hooks: serialising it costs a create that has none.</summary>
    public static void Run(string phase, IReadOnlyList<Hook>? hooks, Func<string> stateJson)
    {
        if (hooks is not { Count: > 0 }) return;
        var state = stateJson();
        for (var i = 0; i < hooks.Count; i++) RunOne(phase, i, hooks[i], state);
    }

    private static void RunOne(string phase, int index, Hook hook, string stateJson)
    {
        var input = Libc.MemfdCreate("hook-state", 1);
        var output = Libc.MemfdCreate("hook-output", 1);
        if (input < 0 || output < 0) throw Errno.Last("memfd_create");
        try
        {
            var state = Encoding.UTF8.GetBytes(stateJson);
            fixed (byte* p = state) Libc.Write(input, p, (nuint)state.Length);
            Libc.Lseek(input, 0, 0);
            // Go's os/exec gives a hook with no env the caller's environment; runc's hooks behave so.
            var environment = hook.Env ?? Environment.GetEnvironmentVariables().Keys.Cast<string>()
                .Select(k => $"{k}={Environment.GetEnvironmentVariable(k)}").ToList();
            var pid = ChildProcess.Start(hook.Path, hook.Args ?? [hook.Path], environment, input, output, output);
            var timeout = hook.Timeout is > 0 ? TimeSpan.FromSeconds(hook.Timeout.Value) : (TimeSpan?)null;
            var status = ChildProcess.Wait(pid, timeout);
            if (status == null)
                throw new OciRuntimeException($"{phase} hook #{index} ({hook.Path}): timed out after {hook.Timeout}s");
            if (status.Value != 0)
            {
                var text = ReadAll(output).Trim();
                throw new OciRuntimeException($"{phase} hook #{index} ({hook.Path}): error running hook: {ChildProcess.Describe(status.Value)}" +
                                              (text.Length > 0 ? $", output: {text}" : ""));
            }
        }
        finally
        {
            if (input >= 0) Libc.Close(input);
            if (output >= 0) Libc.Close(output);
        }
    }

    private static string ReadAll(int fd)
    {
        Libc.Lseek(fd, 0, 0);
        var buffer = new byte[4096];
        var result = new StringBuilder();
        fixed (byte* p = buffer)
        {
            nint n;
            while ((n = Libc.Read(fd, p, (nuint)buffer.Length)) > 0 && result.Length < 64 * 1024)
                result.Append(Encoding.UTF8.GetString(buffer, 0, (int)n));
        }
        return result.ToString();
    }
}
