using Ocirun.Output;
using OciRuntime.Cgroups;
using OciRuntime.Container.Lifecycle;
using Xunit;

namespace OciRuntime.Tests.Cli;

public class EventPrinterTests
{
    [Fact]
    public void Oom_event_has_no_data()
    {
        Assert.Equal("{\"type\":\"oom\",\"id\":\"c1\"}\n", EventPrinter.Format(ContainerEvent.Oom("c1")));
    }

    [Fact]
    public void Stats_event_carries_the_stats_under_data_on_one_line()
    {
        var stats = new CgroupStats();
        stats.Pids.Current = 3;
        stats.Memory.Usage.Limit = 33554432;
        var line = EventPrinter.Format(ContainerEvent.Stats("c1", stats));
        Assert.StartsWith("{\"type\":\"stats\",\"id\":\"c1\",\"data\":{\"cpu\":", line);
        Assert.Contains("\"pids\":{\"current\":3}", line);
        Assert.Contains("\"usage\":{\"limit\":33554432,\"failcnt\":0}", line);
        Assert.EndsWith("}\n", line);
        Assert.Single(line.Split('\n', StringSplitOptions.RemoveEmptyEntries));
    }
}
