using OciRuntime.Fuzz;

// afl-fuzz runs this under SharpFuzz's fork server; `--replay FILE...` runs inputs in-process (triage, the corpus).
if (args is ["--replay", .. var files])
{
    var failures = 0;
    foreach (var file in files)
    {
        try
        {
            ParserTarget.Check(File.ReadAllBytes(file));
        }
        catch (Exception e)
        {
            failures++;
            Console.Error.WriteLine($"{file}: {e.GetType().Name}: {e.Message}");
        }
    }
    Console.WriteLine($"replayed {files.Length} inputs, {failures} failed");
    return failures == 0 ? 0 : 1;
}

SharpFuzz.Fuzzer.OutOfProcess.Run(stream =>
{
    using var buffer = new MemoryStream();
    stream.CopyTo(buffer);
    ParserTarget.Check(buffer.ToArray());
});
return 0;
