using OciRuntime.Linux;
using OciRuntime.Spec;

namespace OciRuntime.Container.Lifecycle;

/// <summary>
/// linux.namespaces split into the ones to create (CLONE_NEW* flags) and the ones to join by path.
/// Types missing from the list are shared with the runtime, as the spec says.
/// </summary>
internal sealed record NamespacePlan(int NewFlags, IReadOnlyList<(int Flag, string Path)> Joins)
{
    public const int CLONE_NEWNS = 0x20000, CLONE_NEWCGROUP = 0x02000000, CLONE_NEWUTS = 0x04000000,
        CLONE_NEWIPC = 0x08000000, CLONE_NEWUSER = 0x10000000, CLONE_NEWPID = 0x20000000,
        CLONE_NEWNET = 0x40000000, CLONE_NEWTIME = 0x80;

    public bool Creates(int flag) => (NewFlags & flag) != 0;
    public bool JoinsType(int flag) => Joins.Any(j => j.Flag == flag);
    public bool HasUserNamespace => Creates(CLONE_NEWUSER) || JoinsType(CLONE_NEWUSER);

    public static NamespacePlan From(IEnumerable<LinuxNamespace>? namespaces)
    {
        var flags = 0;
        var joins = new List<(int, string)>();
        foreach (var ns in namespaces ?? [])
        {
            var flag = NamespaceType.TryParse(ns.Type, out var type)
                ? (int)type.CloneFlag
                : throw new OciRuntimeException($"config.json: linux.namespaces: unknown namespace \"{ns.Type}\"");
            if (string.IsNullOrEmpty(ns.Path)) flags |= flag;
            else joins.Add((flag, ns.Path));
        }
        return new NamespacePlan(flags, joins);
    }
}
