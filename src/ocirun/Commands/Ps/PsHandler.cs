using System.Diagnostics;
using OciRuntime;
using OciRuntime.Container.Lifecycle;
using Ocirun.Output;
using Ocirun.Streams;

namespace Ocirun.Commands;

internal sealed class PsHandler : ICommandHandler<PsOptions>
{
    public int Run(GlobalOptions global, PsOptions options)
    {
        var pids = ContainerProcesses.Pids(global.Root, options.ContainerId);
        var text = new StringWriter();
        if (options.Format == ReportFormat.Json) PsPrinter.PrintJson(pids, text);
        else PsPrinter.PrintTable(RunPs(options.PsArguments), pids, text);
        FileDescriptorOutput.StandardOutput.Write(text.ToString());
        return 0;
    }

    /// <summary>The host's ps(1) with the user's arguments; its combined output, as runc reads it.</summary>
    private static string RunPs(IReadOnlyList<string> arguments)
    {
        var info = new ProcessStartInfo("ps")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var argument in arguments) info.ArgumentList.Add(argument);
        Process? started;
        try
        {
            started = Process.Start(info);
        }
        catch (System.ComponentModel.Win32Exception e)
        {
            throw new OciRuntimeException($"ps: {e.Message}", e);
        }
        using var ps = started ?? throw new OciRuntimeException("ps: could not be started");
        var stderr = ps.StandardError.ReadToEndAsync();
        var stdout = ps.StandardOutput.ReadToEnd();
        ps.WaitForExit();
        var output = stdout + stderr.Result;
        if (ps.ExitCode != 0) throw new OciRuntimeException($"ps: exit status {ps.ExitCode}: {output.TrimEnd()}");
        return output;
    }
}
