var builder = DistributedApplication.CreateBuilder(args);

// The AWS emulator every other part talks to. Its port is fixed (not proxied) so that the AWS CLI,
// browsers and `doqutore` find it at the documented http://127.0.0.1:4566.
builder.AddProject<Projects.Doqutore_Emulator>("emulator")
    .WithHttpEndpoint(port: 4566, name: "aws", isProxied: false)
    .WithEnvironment("Emulator__Port", "4566")
    .WithHttpHealthCheck("/_doqutore/health", endpointName: "aws");

builder.Build().Run();
