namespace Ocirun.Streams;

/// <summary>A byte destination: stdout, stderr or the log file. Tests substitute a buffer.</summary>
internal interface IOutput
{
    void Write(ReadOnlySpan<byte> bytes);
}
