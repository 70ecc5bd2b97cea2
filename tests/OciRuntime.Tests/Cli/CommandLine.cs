using Ocirun.Cli;
using Xunit;

namespace OciRuntime.Tests.Cli;

/// <summary>Parses an ocirun command line as Program does, without running it.</summary>
internal static class CommandLine
{
    public static Invocation Parse(params string[] args) =>
        CommandLineParser.Parse(GlobalCommandLine.Parse(args), new MemoryOutput());

    public static T Options<T>(params string[] args) => Assert.IsType<T>(Parse(args).Options);

    public static UsageException UsageError(params string[] args) => Assert.Throws<UsageException>(() => Parse(args));
}
