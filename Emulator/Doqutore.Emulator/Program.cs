using Doqutore.Emulator.Hosting;

// The emulator on its own (the AppHost runs it this way); `doqutore emulator` hosts the same application.
var app = EmulatorHost.Create(args);
await app.RunAsync();
