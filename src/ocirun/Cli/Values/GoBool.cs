namespace Ocirun.Cli.Values;

/// <summary>Go's strconv.ParseBool, which runc's <c>--flag=VALUE</c> booleans go through.</summary>
internal static class GoBool
{
    public static bool Parse(string text) => text switch
    {
        "1" or "t" or "T" or "true" or "TRUE" or "True" => true,
        "0" or "f" or "F" or "false" or "FALSE" or "False" => false,
        _ => throw new InvalidValueException("not a boolean (true or false)"),
    };
}
