namespace Doqutore.IntegrationTests.Contract;

/// <summary>An AWS endpoint the contract checks run against: the emulator, or LocalStack where it can run.</summary>
/// <param name="Name">Shown in test names.</param>
/// <param name="Url">The endpoint.</param>
/// <param name="AccountId">The account its root credentials belong to.</param>
public sealed record AwsTarget(string Name, string Url, string AccountId);
