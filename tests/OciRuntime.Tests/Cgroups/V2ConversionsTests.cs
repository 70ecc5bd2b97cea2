using OciRuntime.Cgroups.V1;
using OciRuntime.Cgroups.V2;
using Xunit;

namespace OciRuntime.Tests.Cgroups;

public class V2ConversionsTests
{
    [Theory]
    [InlineData(0ul, 0ul)]
    [InlineData(2ul, 1ul)]
    [InlineData(1024ul, 39ul)]
    [InlineData(262144ul, 10000ul)]
    [InlineData(1ul, 1ul)]
    public void Cpu_shares_become_weight_with_runcs_formula(ulong shares, ulong weight) =>
        Assert.Equal(weight, V2Conversions.CpuSharesToWeight(shares));

    [Theory]
    [InlineData(0ul, 0ul)]
    [InlineData(10ul, 1ul)]
    [InlineData(500ul, 4950ul)]
    [InlineData(1000ul, 10000ul)]
    public void Blkio_weight_becomes_io_weight_with_runcs_formula(ulong blkio, ulong io) =>
        Assert.Equal(io, V2Conversions.BlkioWeightToIoWeight(blkio));

    [Theory]
    [InlineData(0L, -1L, -1L)]          // unlimited memory, swap unset: unlimited swap
    [InlineData(-1L, 100L, -1L)]
    [InlineData(0L, 100L, 0L)]
    [InlineData(300L, 100L, 200L)]      // v1 memory+swap 300 = 100 memory + 200 swap
    [InlineData(100L, 100L, 0L)]
    public void Swap_becomes_swap_alone(long memorySwap, long memory, long swapMax) =>
        Assert.Equal(swapMax, V2Conversions.MemorySwapToSwapMax(memorySwap, memory));

    [Theory]
    [InlineData(50L, 100L)]
    [InlineData(300L, 0L)]
    [InlineData(300L, -1L)]
    public void Impossible_swap_is_refused(long memorySwap, long memory) =>
        Assert.Throws<OciRuntimeException>(() => V2Conversions.MemorySwapToSwapMax(memorySwap, memory));

    [Theory]
    [InlineData(0L, 0ul, null)]
    [InlineData(50000L, 0ul, "50000 100000")]
    [InlineData(-1L, 20000ul, "max 20000")]
    [InlineData(0L, 20000ul, "max 20000")]
    [InlineData(25000L, 50000ul, "25000 50000")]
    public void Cpu_quota_and_period_become_cpu_max(long quota, ulong period, string? expected) =>
        Assert.Equal(expected, V2Conversions.CpuMax(quota, period));

    [Theory]
    [InlineData(0L, null)]
    [InlineData(-1L, "max")]
    [InlineData(1048576L, "1048576")]
    public void Limits_use_max_for_unlimited_and_skip_zero(long value, string? expected) =>
        Assert.Equal(expected, V2Conversions.Limit(value));

    [Theory]
    [InlineData(100ul, 200L, true)]              // memsw above the current memory limit: swap first
    [InlineData(400ul, 200L, false)]             // memsw at or below it: memory first (it is being lowered)
    [InlineData(400ul, 400L, false)]
    [InlineData(400ul, -1L, true)]               // unlimited swap: first
    [InlineData(9223372036854771712ul, 200L, false)] // from unlimited memory down to a limit
    public void V1_memory_and_swap_are_written_in_runcs_order(ulong currentMemoryLimit, long memsw, bool swapFirst) =>
        Assert.Equal(swapFirst, V1MemoryWriteOrder.SwapFirst(currentMemoryLimit, memsw));
}
