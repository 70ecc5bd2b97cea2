namespace OciRuntime.HostInfo;

/// <summary>The major and minor number of a kernel release such as "6.1.0-18-amd64".</summary>
internal readonly record struct KernelVersion(int Major, int Minor)
{
    public static KernelVersion? Parse(string? release)
    {
        if (release == null) return null;
        var parts = release.Split('.', 3);
        if (parts.Length < 2 || !int.TryParse(parts[0], out var major)) return null;
        var minorDigits = new string(parts[1].TakeWhile(char.IsAsciiDigit).ToArray());
        return int.TryParse(minorDigits, out var minor) ? new KernelVersion(major, minor) : null;
    }

    public bool IsBefore(int major, int minor) => Major < major || (Major == major && Minor < minor);
}
