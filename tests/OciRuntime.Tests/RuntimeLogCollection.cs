using Xunit;

namespace OciRuntime.Tests;

/// <summary>
/// Every test class that installs <see cref="OciRuntime.RuntimeLog.Sink"/> (process-wide) belongs here: they run
/// alone, after the parallel ones, so no other test's messages reach their sink and theirs reach no other.
/// </summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class RuntimeLogCollection
{
    public const string Name = "Tests that install the process-wide RuntimeLog sink";
}
