using System.Diagnostics;

namespace OciRuntime.IntegrationTests.Infrastructure;

/// <summary>The result of one ocirun invocation.</summary>
public sealed record CommandResult(int ExitCode, string Stdout, string Stderr)
{
    public override string ToString() => $"exit {ExitCode}\nstdout: {Stdout}\nstderr: {Stderr}";
}

/// <summary>
/// Runs the published NativeAOT binary (the artifact users get): OCIRUN_BIN, else bin/ocirun of the repository.
/// </summary>
public static class Ocirun
{
    public static string BinaryPath { get; } = Environment.GetEnvironmentVariable("OCIRUN_BIN") is { Length: > 0 } fromEnv
        ? fromEnv
        : Path.Combine(RepositoryRoot, "bin", "ocirun");

    public static string RepositoryRoot
    {
        get
        {
            var dir = AppContext.BaseDirectory;
            while (dir != null && !File.Exists(Path.Combine(dir, "OciRuntime.sln"))) dir = Path.GetDirectoryName(dir);
            return dir ?? throw new InvalidOperationException("repository root not found");
        }
    }

    public static CommandResult Run(IEnumerable<string> args, string? stdin = null, TimeSpan? timeout = null,
        IDictionary<string, string>? environment = null, string? workingDirectory = null) =>
        Exec(BinaryPath, args, stdin, timeout, environment, workingDirectory);

    /// <summary>
    /// Runs a program with stdout and stderr going to files, read once it exits: a container started by `create`
    /// or `run -d` inherits them and may keep them open long after, which pipes would turn into a wait.
    /// </summary>
    public static CommandResult Exec(string program, IEnumerable<string> args, string? stdin = null, TimeSpan? timeout = null,
        IDictionary<string, string>? environment = null, string? workingDirectory = null)
    {
        var outFile = Path.GetTempFileName();
        var errFile = Path.GetTempFileName();
        try
        {
            var info = new ProcessStartInfo("/bin/sh")
            {
                RedirectStandardInput = true,
                UseShellExecute = false,
                WorkingDirectory = workingDirectory ?? "",
            };
            info.ArgumentList.Add("-c");
            info.ArgumentList.Add("exec \"$0\" \"$@\" >\"$OCIRUN_TEST_STDOUT\" 2>\"$OCIRUN_TEST_STDERR\"");
            info.ArgumentList.Add(program);
            foreach (var a in args) info.ArgumentList.Add(a);
            info.Environment["OCIRUN_TEST_STDOUT"] = outFile;
            info.Environment["OCIRUN_TEST_STDERR"] = errFile;
            if (environment != null)
                foreach (var (k, v) in environment) info.Environment[k] = v;
            using var process = Process.Start(info)!;
            if (stdin != null) process.StandardInput.Write(stdin);
            process.StandardInput.Close();
            if (!process.WaitForExit(timeout ?? TimeSpan.FromSeconds(30)))
            {
                process.Kill(entireProcessTree: true);
                throw new TimeoutException($"{program} {string.Join(' ', args)} did not finish");
            }
            return new CommandResult(process.ExitCode, File.ReadAllText(outFile), File.ReadAllText(errFile));
        }
        finally
        {
            File.Delete(outFile);
            File.Delete(errFile);
        }
    }
}
