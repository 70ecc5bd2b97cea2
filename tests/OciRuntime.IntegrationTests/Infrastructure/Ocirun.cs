using System.Diagnostics;
using System.Text;

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

    public static CommandResult Exec(string program, IEnumerable<string> args, string? stdin = null, TimeSpan? timeout = null,
        IDictionary<string, string>? environment = null, string? workingDirectory = null)
    {
        var info = new ProcessStartInfo(program)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = true,
            UseShellExecute = false,
            WorkingDirectory = workingDirectory ?? "",
        };
        foreach (var a in args) info.ArgumentList.Add(a);
        if (environment != null)
            foreach (var (k, v) in environment) info.Environment[k] = v;
        using var process = Process.Start(info)!;
        var stdout = new StringBuilder();
        var stderr = new StringBuilder();
        process.OutputDataReceived += (_, e) => { if (e.Data != null) lock (stdout) stdout.Append(e.Data).Append('\n'); };
        process.ErrorDataReceived += (_, e) => { if (e.Data != null) lock (stderr) stderr.Append(e.Data).Append('\n'); };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        if (stdin != null) process.StandardInput.Write(stdin);
        process.StandardInput.Close();
        if (!process.WaitForExit(timeout ?? TimeSpan.FromSeconds(30)))
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"{program} {string.Join(' ', info.ArgumentList)} did not finish");
        }
        process.WaitForExit();
        return new CommandResult(process.ExitCode, stdout.ToString(), stderr.ToString());
    }
}
