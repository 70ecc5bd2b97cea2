using System.Globalization;
using Ocirun.Cli.Values;

namespace Ocirun.Commands;

/// <summary><c>exec --user UID[:GID]</c>: numeric ids only, as in runc 1.1. Without a GID, the container process's group is kept.</summary>
internal readonly record struct ExecUser(uint Uid, uint? Gid)
{
    public static ExecUser Parse(string text)
    {
        var colon = text.IndexOf(':');
        var uid = ParseId(colon < 0 ? text : text[..colon]);
        return new ExecUser(uid, colon < 0 ? null : ParseId(text[(colon + 1)..]));
    }

    private static uint ParseId(string text) =>
        uint.TryParse(text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var id)
            ? id
            : throw new InvalidValueException("must be UID[:GID], numeric ids from 0 to 4294967295");
}
