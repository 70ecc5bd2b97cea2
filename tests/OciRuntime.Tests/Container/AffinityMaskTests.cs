using OciRuntime.Container.Init;
using Xunit;

namespace OciRuntime.Tests.Container;

public sealed class AffinityMaskTests
{
    [Fact]
    public void A_cpu_list_is_a_bit_per_cpu_in_whole_words()
    {
        var mask = AffinityMask.Of("0-2,9,64")!;

        Assert.Equal(16, mask.Length);
        Assert.Equal(0b111, mask[0]);
        Assert.Equal(0b10, mask[1]);
        Assert.Equal(1, mask[8]);
        Assert.Equal(0, mask[2]);
    }

    [Fact]
    public void No_list_is_no_mask() => Assert.Null(AffinityMask.Of(null));

    [Fact]
    public void All_cpus_covers_1024() => Assert.All(AffinityMask.AllCpus, b => Assert.Equal(0xFF, b));
}
