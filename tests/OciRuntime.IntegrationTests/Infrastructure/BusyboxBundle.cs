using System.Text.Json.Nodes;

namespace OciRuntime.IntegrationTests.Infrastructure;

/// <summary>
/// A bundle with a busybox rootfs (scripts/busybox-rootfs.sh, from busybox-static) and a config.json from
/// `ocirun spec`, non-interactive by default; tests edit <see cref="Config"/> and <see cref="Save"/>.
/// Each bundle has its own state root, and disposing force-deletes every container made in it.
/// </summary>
public sealed class BusyboxBundle : IDisposable
{
    private static readonly Lazy<string> TemplateRootfs = new(BuildTemplate);
    private readonly List<string> _ids = [];

    public string Directory { get; }
    public string StateRoot { get; }
    public JsonObject Config { get; private set; }

    public BusyboxBundle(params string[] args)
    {
        Directory = System.IO.Directory.CreateTempSubdirectory("ocirun-bundle-").FullName;
        // Reachable by container users that map to other host ids (user namespaces), as a real bundle is.
        File.SetUnixFileMode(Directory, (UnixFileMode)0b111_101_101);
        StateRoot = Path.Combine(Directory, "state");
        var rootfs = Path.Combine(Directory, "rootfs");
        // A cheap per-bundle copy of the template: hard links would let one test's writes leak into another's.
        var copy = Infrastructure.Ocirun.Exec("cp", ["-a", TemplateRootfs.Value, rootfs]);
        if (copy.ExitCode != 0) throw new InvalidOperationException(copy.ToString());
        var spec = Infrastructure.Ocirun.Run(["spec", "--bundle", Directory]);
        if (spec.ExitCode != 0) throw new InvalidOperationException(spec.ToString());
        Config = (JsonObject)JsonNode.Parse(File.ReadAllText(Path.Combine(Directory, "config.json")))!;
        Process["terminal"] = false;
        if (args.Length > 0) Args(args);
        Save();
    }

    public JsonObject Process => (JsonObject)Config["process"]!;
    public JsonObject Linux => (JsonObject)Config["linux"]!;

    public BusyboxBundle Args(params string[] args)
    {
        Process["args"] = new JsonArray(args.Select(a => (JsonNode)JsonValue.Create(a)!).ToArray());
        return this;
    }

    public BusyboxBundle Save()
    {
        File.WriteAllText(Path.Combine(Directory, "config.json"), Config.ToJsonString());
        return this;
    }

    public string NewId(string prefix = "it")
    {
        var id = $"{prefix}-{Guid.NewGuid():N}"[..20];
        _ids.Add(id);
        return id;
    }

    /// <summary>ocirun with this bundle's --root.</summary>
    public CommandResult Ocirun(params string[] args) => Infrastructure.Ocirun.Run(["--root", StateRoot, .. args]);

    public CommandResult OcirunWith(string? stdin, TimeSpan? timeout, params string[] args) =>
        Infrastructure.Ocirun.Run(["--root", StateRoot, .. args], stdin, timeout);

    /// <summary>Runs the bundle's process in the foreground and returns what it printed.</summary>
    public CommandResult Run(string? id = null) => Ocirun("run", "--bundle", Directory, id ?? NewId());

    private static string BuildTemplate()
    {
        var dir = Path.Combine(Path.GetTempPath(), $"ocirun-busybox-template-{Environment.ProcessId}");
        if (!System.IO.Directory.Exists(dir))
        {
            var script = Path.Combine(Infrastructure.Ocirun.RepositoryRoot, "scripts", "busybox-rootfs.sh");
            var result = Infrastructure.Ocirun.Exec("bash", [script, dir]);
            if (result.ExitCode != 0) throw new InvalidOperationException(result.ToString());
            AppDomain.CurrentDomain.ProcessExit += (_, _) => System.IO.Directory.Delete(dir, recursive: true);
        }
        return dir;
    }

    public void Dispose()
    {
        foreach (var id in _ids) Ocirun("delete", "--force", id);
        try
        {
            System.IO.Directory.Delete(Directory, recursive: true);
        }
        catch (IOException)
        {
        }
    }
}
