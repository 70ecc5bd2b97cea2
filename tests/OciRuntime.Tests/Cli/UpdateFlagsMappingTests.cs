using Ocirun.Commands;
using OciRuntime.Cgroups;
using Xunit;

namespace OciRuntime.Tests.Cli;

public class UpdateFlagsMappingTests
{
    [Fact]
    public void Every_parsed_flag_reaches_the_update_request()
    {
        var options = CommandLine.Options<UpdateOptions>("update", "--blkio-weight", "500", "--cpu-period", "100000",
            "--cpu-quota", "-1", "--cpu-share", "512", "--cpu-rt-period", "1000000", "--cpu-rt-runtime", "950000",
            "--cpuset-cpus", "0-1", "--cpuset-mems", "0", "--memory", "512m", "--memory-reservation", "256M",
            "--memory-swap", "-1", "--pids-limit", "100", "--l3-cache-schema", "L3:0=f", "--mem-bw-schema", "MB:0=50", "c1");
        Assert.Equal(new UpdateFlags
        {
            BlkioWeight = 500, CpuPeriod = 100000, CpuQuota = -1, CpuShares = 512, CpuRealtimePeriod = 1000000,
            CpuRealtimeRuntime = 950000, CpusetCpus = "0-1", CpusetMems = "0", MemoryLimit = 512L << 20,
            MemoryReservation = 256L << 20, MemorySwap = -1, PidsLimit = 100, L3CacheSchema = "L3:0=f", MemBwSchema = "MB:0=50",
        }, UpdateHandler.ToFlags(options));
    }

    [Fact]
    public void No_flags_ask_for_no_change()
    {
        var request = UpdateRequest.From(UpdateHandler.ToFlags(CommandLine.Options<UpdateOptions>("update", "c1")), null);
        Assert.Null(request.Resources.Pids!.Limit);
        Assert.Null(request.Resources.Memory!.Limit);
        Assert.Null(request.L3CacheSchema);
    }
}
