namespace OciRuntime.Container;

/// <summary>
/// runc 1.1's container ID rule. Its expression <c>^[\w+-\.]+$</c> reads <c>+-\.</c> as a range, so besides
/// letters, digits and <c>_</c> it admits <c>+ , - .</c>; the ID must also survive path cleaning, which
/// rules out <c>.</c> and <c>..</c>. runc has no length limit and fails later at mkdir; we refuse anything
/// longer than a file name can be (NAME_MAX), because the ID names the container's state directory.
/// </summary>
public static class ContainerId
{
    public const int MaxLength = 255;

    public static void Validate(string id)
    {
        if (!IsValid(id)) throw new OciRuntimeException("invalid container ID format");
    }

    public static bool IsValid(string? id)
    {
        if (string.IsNullOrEmpty(id) || id.Length > MaxLength || id is "." or "..") return false;
        foreach (var c in id)
        {
            if (!IsAllowed(c)) return false;
        }
        return true;
    }

    private static bool IsAllowed(char c) =>
        c is (>= 'a' and <= 'z') or (>= 'A' and <= 'Z') or (>= '0' and <= '9') or '_' or (>= '+' and <= '.');
}
