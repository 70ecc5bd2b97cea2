using Xunit;

namespace OciRuntime.Tests.Cli;

/// <summary>
/// Tests that install <see cref="OciRuntime.RuntimeLog.Sink"/> (process-wide) run alone, after the parallel ones,
/// and put back whatever sink was there.
/// </summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class RuntimeLogCollection
{
    public const string Name = "CLI tests that install the process-wide RuntimeLog sink";
}
