using OciRuntime.Container.Lifecycle;
using Xunit;

namespace OciRuntime.Tests.Container;

public sealed class IdMapsTests
{
    // As the kernel prints /proc/PID/uid_map: right-aligned columns.
    private const string Map = "         0     100000       1000\n      1000       2000         10\n";

    [Theory]
    [InlineData(0u, 100000u)]
    [InlineData(999u, 100999u)]
    [InlineData(1000u, 2000u)]
    [InlineData(1009u, 2009u)]
    public void A_mapped_id_becomes_the_outside_id(uint inside, uint outside) => Assert.Equal(outside, IdMaps.ToHost(Map, inside));

    [Theory]
    [InlineData(1010u)]
    [InlineData(uint.MaxValue)]
    public void An_unmapped_id_has_no_outside_id(uint inside) => Assert.Null(IdMaps.ToHost(Map, inside));

    [Fact]
    public void The_initial_namespace_maps_every_id_to_itself() =>
        Assert.Equal(4294967294u, IdMaps.ToHost("         0          0 4294967295\n", 4294967294u));
}
