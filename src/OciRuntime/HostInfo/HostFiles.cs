using OciRuntime.Linux;

namespace OciRuntime.HostInfo;

/// <summary>
/// The host's /proc, /sys and /run as <c>ocirun info</c> reads them. <see cref="Root"/> is prepended to every path,
/// so tests describe a host with a directory tree laid out like one.
/// </summary>
public sealed class HostFiles(string root)
{
    public static readonly HostFiles Host = new("/");

    public string Root { get; } = root;

    public string Real(string path) => Root == "/" ? path : Path.Join(Root, path);

    public bool Exists(string path) => Path.Exists(Real(path));

    /// <summary>The file's text, or null when it is absent or unreadable (a kernel without the feature, no permission).</summary>
    public string? TryRead(string path)
    {
        try
        {
            return FileText.Read(Real(path));
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return null;
        }
    }

    /// <summary>The first line of the file, trimmed; null when it cannot be read.</summary>
    public string? TryReadLine(string path) => TryRead(path) is { } text ? text.Split('\n', 2)[0].Trim() : null;
}
