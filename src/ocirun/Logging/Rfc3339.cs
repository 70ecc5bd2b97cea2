using System.Globalization;

namespace Ocirun.Logging;

/// <summary>Go's time.RFC3339 as logrus prints it: whole seconds, <c>Z</c> for a zero offset, else <c>+hh:mm</c>.</summary>
internal static class Rfc3339
{
    public static string Format(DateTimeOffset time)
    {
        var stamp = time.ToString("yyyy-MM-dd'T'HH:mm:ss", CultureInfo.InvariantCulture);
        var offset = time.Offset;
        if (offset == TimeSpan.Zero) return stamp + "Z";
        var sign = offset < TimeSpan.Zero ? '-' : '+';
        var magnitude = offset.Duration();
        return string.Create(CultureInfo.InvariantCulture, $"{stamp}{sign}{magnitude.Hours:00}:{magnitude.Minutes:00}");
    }
}
