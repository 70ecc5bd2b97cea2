namespace OciRuntime.Conformance.Cri;

/// <summary>What conformance/cri-e2e.sh set up for the client: every option is required.</summary>
sealed record Options(
    string Socket,
    string WorkDir,
    string Image,
    string PauseImage,
    string VolumesDir,
    string RuntimeRoot,
    string CgroupParent,
    string IdsFile)
{
    public const string Usage =
        "usage: cri-e2e --socket PATH --work DIR --image NAME --pause-image NAME --volumes DIR " +
        "--runtime-root DIR --cgroup-parent PATH --ids-file PATH";

    public static Options? Parse(string[] args)
    {
        var values = new Dictionary<string, string>(StringComparer.Ordinal);
        for (var i = 0; i + 1 < args.Length; i += 2)
        {
            if (!args[i].StartsWith("--", StringComparison.Ordinal)) return null;
            values[args[i][2..]] = args[i + 1];
        }
        if (args.Length % 2 != 0) return null;
        string? Get(string name) => values.GetValueOrDefault(name);
        return Get("socket") is { } socket && Get("work") is { } work && Get("image") is { } image &&
               Get("pause-image") is { } pause && Get("volumes") is { } volumes &&
               Get("runtime-root") is { } runtimeRoot && Get("cgroup-parent") is { } cgroupParent &&
               Get("ids-file") is { } idsFile
            ? new Options(socket, work, image, pause, volumes, runtimeRoot, cgroupParent, idsFile)
            : null;
    }
}
