using System.Diagnostics;

namespace OciRuntime.HostInfo;

/// <summary>The version criu reports ("Version: 3.17.1" on its first line), or null when it does not run.</summary>
internal static class CriuVersion
{
    public static string? Read(string binary)
    {
        try
        {
            using var process = Process.Start(new ProcessStartInfo(binary, "--version")
            {
                RedirectStandardOutput = true,
                RedirectStandardError = true,
                UseShellExecute = false,
            });
            if (process == null) return null;
            var output = process.StandardOutput.ReadToEnd();
            process.StandardError.ReadToEnd();
            process.WaitForExit();
            return process.ExitCode == 0 ? Parse(output) : null;
        }
        catch (System.ComponentModel.Win32Exception)
        {
            return null;
        }
    }

    public static string? Parse(string output)
    {
        foreach (var line in output.Split('\n'))
            if (line.StartsWith("Version:", StringComparison.Ordinal)) return line["Version:".Length..].Trim();
        return null;
    }
}
