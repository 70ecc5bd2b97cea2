namespace OciRuntime.Container.Exec;

/// <summary>
/// The environment an exec'd program gets: the process's, plus PATH (the standard one) when missing, HOME (the
/// user's home in the container's /etc/passwd, else "/") when missing, and TERM=xterm with a terminal when missing.
/// A name set twice keeps its first place and its last value, as runc's setenv-based environment does (so -e
/// overrides the config).
/// </summary>
public static class ExecEnvironment
{
    public const string DefaultPath = "/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin";

    public static IReadOnlyList<string> Complete(IReadOnlyList<string> env, bool terminal, Func<string?> home)
    {
        var result = Deduplicate(env);
        if (Lookup(env, "PATH") == null) result.Add("PATH=" + DefaultPath);
        if (Lookup(env, "HOME") == null) result.Add("HOME=" + (home() ?? "/"));
        if (terminal && Lookup(env, "TERM") == null) result.Add("TERM=xterm");
        return result;
    }

    private static List<string> Deduplicate(IReadOnlyList<string> env)
    {
        var result = new List<string>(env.Count);
        var positions = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var entry in env)
        {
            var equals = entry.IndexOf('=');
            var name = equals < 0 ? entry : entry[..equals];
            if (positions.TryGetValue(name, out var at)) result[at] = entry;
            else
            {
                positions[name] = result.Count;
                result.Add(entry);
            }
        }
        return result;
    }

    /// <summary>The value of the last NAME=... entry.</summary>
    public static string? Lookup(IReadOnlyList<string> env, string name)
    {
        var prefix = name + "=";
        for (var i = env.Count - 1; i >= 0; i--)
            if (env[i].StartsWith(prefix, StringComparison.Ordinal)) return env[i][prefix.Length..];
        return null;
    }
}
