using System.Text;
using Ocirun.Streams;

namespace OciRuntime.Tests.Cli;

/// <summary>Captures what ocirun writes to stdout, stderr or a log destination.</summary>
internal sealed class MemoryOutput : IOutput
{
    private readonly MemoryStream bytes = new();

    public string Text => Encoding.UTF8.GetString(bytes.ToArray());

    public void Write(ReadOnlySpan<byte> data) => bytes.Write(data);
}
