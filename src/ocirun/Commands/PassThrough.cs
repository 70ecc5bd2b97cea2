namespace Ocirun.Commands;

internal static class PassThrough
{
    /// <summary>
    /// The arguments after the container id that belong to another program (exec's command, ps's options).
    /// One <c>--</c> right after the id is a separator and dropped; runc 1.1 would pass it on, where it fails.
    /// </summary>
    public static IReadOnlyList<string> After(IReadOnlyList<string> arguments, int start)
    {
        if (start < arguments.Count && arguments[start] == "--") start++;
        var rest = new string[arguments.Count - start];
        for (var i = 0; i < rest.Length; i++) rest[i] = arguments[start + i];
        return rest;
    }
}
