namespace OciRuntime.Spec;

/// <summary>
/// SemVer 2.0.0 syntax (numeric parts without leading zeros, optional pre-release and build metadata), checked by
/// hand: a generated regex cost every create its construction and class initialisation.
/// </summary>
internal static class SemanticVersion
{
    /// <summary>The major number of a valid version, null when <paramref name="version"/> is not one.</summary>
    public static string? Major(string version)
    {
        var i = 0;
        if (!Number(version, ref i, out var majorEnd)) return null;
        if (!Dot(version, ref i) || !Number(version, ref i, out _) || !Dot(version, ref i) || !Number(version, ref i, out _)) return null;
        if (i < version.Length && version[i] == '-' && !Identifiers(version, ref i)) return null;
        if (i < version.Length && version[i] == '+' && !Identifiers(version, ref i)) return null;
        return i == version.Length ? version[..majorEnd] : null;
    }

    private static bool Number(string s, ref int i, out int end)
    {
        var start = i;
        while (i < s.Length && char.IsAsciiDigit(s[i])) i++;
        end = i;
        return i > start && (s[start] != '0' || i - start == 1);
    }

    private static bool Dot(string s, ref int i) => i < s.Length && s[i++] == '.';

    /// <summary>A '-' or '+' followed by dot-separated, non-empty runs of [0-9A-Za-z-].</summary>
    private static bool Identifiers(string s, ref int i)
    {
        do
        {
            var start = ++i;
            while (i < s.Length && (char.IsAsciiLetterOrDigit(s[i]) || s[i] == '-')) i++;
            if (i == start) return false;
        } while (i < s.Length && s[i] == '.');
        return true;
    }
}
