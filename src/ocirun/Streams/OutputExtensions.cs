using System.Text;

namespace Ocirun.Streams;

internal static class OutputExtensions
{
    public static void Write(this IOutput output, string text) => output.Write(Encoding.UTF8.GetBytes(text));

    public static void WriteLine(this IOutput output, string line) => output.Write(line + "\n");
}
