namespace OciRuntime.Container.Exec;

/// <summary>The container's /etc/passwd, read for a user's home directory (HOME's default).</summary>
public static class PasswdFile
{
    public static string? HomeOf(string content, uint uid)
    {
        foreach (var line in content.Split('\n'))
        {
            var fields = line.Split(':');
            if (fields.Length >= 6 && uint.TryParse(fields[2], out var id) && id == uid && fields[5].Length > 0) return fields[5];
        }
        return null;
    }
}
