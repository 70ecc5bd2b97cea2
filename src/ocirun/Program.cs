using Ocirun.Cli;
using Ocirun.Streams;

return new CliApplication(FileDescriptorOutput.StandardOutput, FileDescriptorOutput.StandardError, static () => DateTimeOffset.Now)
    .Run(args);
