namespace OciRuntime.Container.Init;

/// <summary>linux.sysctl: keys in dotted form written under /proc/sys (the container's, after the root switch).</summary>
internal static class Sysctl
{
    public static string PathOf(string key) => "/proc/sys/" + key.Replace('.', '/');

    public static void Write(string key, string value)
    {
        try
        {
            File.WriteAllText(PathOf(key), value);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new OciRuntimeException($"sysctl {key}={value}: {e.Message}");
        }
    }
}
