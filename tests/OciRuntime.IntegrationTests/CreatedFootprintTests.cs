using System.Text.Json.Nodes;
using OciRuntime.IntegrationTests.Infrastructure;
using Xunit;

namespace OciRuntime.IntegrationTests;

public sealed class CreatedFootprintTests
{
    [SkippableFact]
    public void An_init_left_in_created_gives_back_its_clean_pages_and_still_starts()
    {
        Root.Require();
        using var bundle = new BusyboxBundle("sh", "-c", "echo started > /proof");
        ((JsonObject)bundle.Config["root"]!)["readonly"] = false;
        bundle.Save();
        var id = bundle.NewId();
        Assert.Equal(0, bundle.Ocirun("create", "--bundle", bundle.Directory, id).ExitCode);
        try
        {
            var pid = JsonNode.Parse(bundle.Ocirun("state", id).Stdout)!["pid"]!.GetValue<int>();
            var settled = DateTime.UtcNow.AddSeconds(5);
            long rss;
            // The binary's code alone is over 3 MiB resident right after create; shrunk, the whole init is below 6.
            while ((rss = ResidentKiB(pid)) >= 6 * 1024 && DateTime.UtcNow < settled) Thread.Sleep(50);
            Assert.True(rss < 6 * 1024, $"init RSS {rss} KiB after 5 s in created");
            // Its code (over 500 KiB of ocirun's resident right after create) is given back to the page cache.
            long code;
            while ((code = ResidentCodeKiB(pid)) >= 256 && DateTime.UtcNow < settled) Thread.Sleep(50);
            Assert.True(code < 256, $"{code} KiB of ocirun's code still resident in the waiting init");

            Assert.Equal(0, bundle.Ocirun("start", id).ExitCode);
            var stopped = DateTime.UtcNow.AddSeconds(10);
            while (JsonNode.Parse(bundle.Ocirun("state", id).Stdout)!["status"]!.GetValue<string>() != "stopped" && DateTime.UtcNow < stopped)
                Thread.Sleep(20);
            Assert.Equal("stopped", JsonNode.Parse(bundle.Ocirun("state", id).Stdout)!["status"]!.GetValue<string>());
            Assert.Equal("started\n", File.ReadAllText(Path.Combine(bundle.Directory, "rootfs/proof")));
        }
        finally
        {
            bundle.Ocirun("delete", "--force", id);
        }
    }

    /// <summary>Rss of the executable mappings of the process's own image (ocirun's).</summary>
    private static long ResidentCodeKiB(int pid)
    {
        var image = new FileInfo($"/proc/{pid}/exe").LinkTarget;
        long total = 0;
        var inCode = false;
        foreach (var line in File.ReadLines($"/proc/{pid}/smaps"))
        {
            var fields = line.Split(' ', StringSplitOptions.RemoveEmptyEntries);
            if (fields.Length >= 5 && fields[0].Contains('-') && !fields[0].EndsWith(':'))
                inCode = fields[1] == "r-xp" && fields.Length >= 6 && fields[5] == image;
            else if (inCode && fields[0] == "Rss:") total += long.Parse(fields[1]);
        }
        return total;
    }

    private static long ResidentKiB(int pid) =>
        File.ReadLines($"/proc/{pid}/smaps_rollup").Where(line => line.StartsWith("Rss:"))
            .Select(line => long.Parse(line.Split(' ', StringSplitOptions.RemoveEmptyEntries)[1])).Single();
}
