using Ocirun.Cli.Values;

namespace Ocirun.Commands;

internal static class PreservedFds
{
    /// <summary>--preserve-fds is a count; runc's int flag would accept a negative one and then misbehave.</summary>
    public static int Count(long value) =>
        value is >= 0 and <= int.MaxValue ? (int)value : throw new InvalidValueException("must be a count of file descriptors (0 or more)");
}
