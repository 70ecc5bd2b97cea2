using Ocirun;
using Ocirun.Cli;
using Ocirun.Streams;

EarlySignals.Settle();
return new CliApplication(FileDescriptorOutput.StandardOutput, FileDescriptorOutput.StandardError, static () => DateTimeOffset.Now)
    .Run(args);
