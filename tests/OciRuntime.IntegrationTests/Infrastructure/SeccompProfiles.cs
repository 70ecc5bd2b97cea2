using System.Text.Json.Nodes;
using System.Text.RegularExpressions;

namespace OciRuntime.IntegrationTests.Infrastructure;

/// <summary>linux.seccomp documents for the seccomp tests.</summary>
public static partial class SeccompProfiles
{
    /// <summary>Everything allowed except <paramref name="names"/>, which fail with EPERM.</summary>
    public static JsonObject Denying(params string[] names) => new()
    {
        ["defaultAction"] = "SCMP_ACT_ALLOW",
        ["syscalls"] = new JsonArray(Rule(names, "SCMP_ACT_ERRNO", errnoRet: 1)),
    };

    public static JsonObject Rule(string[] names, string action, uint? errnoRet = null, JsonArray? args = null)
    {
        var rule = new JsonObject
        {
            ["names"] = new JsonArray(names.Select(name => (JsonNode)JsonValue.Create(name)!).ToArray()),
            ["action"] = action,
        };
        if (errnoRet is { } errno) rule["errnoRet"] = errno;
        if (args != null) rule["args"] = args;
        return rule;
    }

    /// <summary>
    /// An engine-style default: EPERM for everything but an allowlist of a few hundred syscalls. The names are the
    /// unit tests' fixture (tests/OciRuntime.Tests/Seccomp/DockerLikeProfile.cs), read from its source so both
    /// suites test the same list.
    /// </summary>
    public static JsonObject DockerLike()
    {
        var source = File.ReadAllText(Path.Combine(Ocirun.RepositoryRoot, "tests", "OciRuntime.Tests", "Seccomp", "DockerLikeProfile.cs"));
        var start = source.IndexOf("Allowed =", StringComparison.Ordinal);
        var end = source.IndexOf("];", start, StringComparison.Ordinal);
        var names = QuotedName().Matches(source[start..end]).Select(match => match.Groups[1].Value).ToArray();
        if (names.Length < 200) throw new InvalidOperationException($"only {names.Length} names read from DockerLikeProfile.cs");
        return new JsonObject
        {
            ["defaultAction"] = "SCMP_ACT_ERRNO",
            ["defaultErrnoRet"] = 1,
            ["architectures"] = new JsonArray("SCMP_ARCH_X86_64", "SCMP_ARCH_X86", "SCMP_ARCH_X32"),
            ["syscalls"] = new JsonArray(
                Rule(names, "SCMP_ACT_ALLOW"),
                // clone without namespace flags only; clone3's flags sit in memory BPF cannot read, so ENOSYS
                // makes libc fall back to clone.
                Rule(["clone"], "SCMP_ACT_ALLOW", args: new JsonArray(new JsonObject
                {
                    ["index"] = 0, ["value"] = CloneNamespaceFlags, ["valueTwo"] = 0, ["op"] = "SCMP_CMP_MASKED_EQ",
                })),
                Rule(["clone3"], "SCMP_ACT_ERRNO", errnoRet: 38)),
        };
    }

    /// <summary>Every CLONE_NEW* flag (Docker's mask).</summary>
    private const long CloneNamespaceFlags = 2114060288;

    [GeneratedRegex("\"([a-z0-9_]+)\"")]
    private static partial Regex QuotedName();
}
