namespace Ocirun.Cli;

/// <summary>
/// The one line ocirun prints when a command fails: <c>ocirun: kill abc: container does not exist</c>.
/// Messages are folded onto that line so a log reader (containerd's shim) gets the whole cause.
/// </summary>
internal static class ErrorLine
{
    public static string Format(string? command, string? containerId, string message)
    {
        var context = command == null ? "" : string.IsNullOrEmpty(containerId) ? $"{command}: " : $"{command} {containerId}: ";
        return $"ocirun: {context}{OneLine(message)}";
    }

    public static string ForUsage(UsageException error)
    {
        var help = error.Command == null ? "ocirun --help" : $"ocirun {error.Command} --help";
        return $"{Format(error.Command, null, error.Message)} (see '{help}')";
    }

    private static string OneLine(string message) =>
        message.TrimEnd('\n', '\r', ' ').Replace("\r\n", "\n").Replace("\n", "; ");
}
