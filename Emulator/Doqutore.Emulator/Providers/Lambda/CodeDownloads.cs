using Doqutore.Emulator.Hosting;

namespace Doqutore.Emulator.Providers.Lambda;

/// <summary>
/// GetFunction's <c>Code.Location</c>: AWS hands out a presigned S3 URL valid for 10 minutes; the emulator serves the
/// package under <c>/_doqutore/lambda/code/…</c>, addressed by the code's SHA-256 so that only a caller that was shown
/// the location (GetFunction is authorized) can name it.
/// </summary>
internal static class CodeDownloads
{
    public static string Url(string baseUrl, FunctionConfig config) =>
        $"{baseUrl}{InternalEndpoints.Prefix}/lambda/code/{config.AccountId}/{config.Region}/{config.Name}/{Hex(config.CodeSha256)}.zip";

    public static IEndpointRouteBuilder MapLambdaCodeDownloads(this IEndpointRouteBuilder app)
    {
        app.MapGet($"{InternalEndpoints.Prefix}/lambda/code/{{account}}/{{region}}/{{name}}/{{file}}", (string account, string region, string name, string file, LambdaStore store) =>
        {
            if (store.Find(account, region, name) is not { } function)
            {
                return Results.NotFound();
            }

            lock (function.Gate)
            {
                return file == Hex(function.Config.CodeSha256) + ".zip" ? Results.Bytes(function.Code, "application/zip") : Results.NotFound();
            }
        });
        return app;
    }

    private static string Hex(string sha256Base64) => Convert.ToHexString(Convert.FromBase64String(sha256Base64)).ToLowerInvariant();
}
