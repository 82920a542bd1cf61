namespace Doqutore.Emulator.Gateway;

/// <summary>
/// CORS for browser SDKs and the frontend: every origin may call the emulator (it listens on loopback), and
/// preflights are answered before authentication because browsers send them unsigned.
/// </summary>
internal static class Cors
{
    public static bool IsPreflight(HttpContext http) =>
        HttpMethods.IsOptions(http.Request.Method) && http.Request.Headers.ContainsKey("Access-Control-Request-Method");

    public static void WritePreflight(HttpContext http)
    {
        AddHeaders(http);
        var headers = http.Response.Headers;
        headers.AccessControlAllowMethods = "GET, PUT, POST, DELETE, HEAD, PATCH, OPTIONS";
        headers.AccessControlAllowHeaders = http.Request.Headers.AccessControlRequestHeaders.Count > 0
            ? http.Request.Headers.AccessControlRequestHeaders.ToString()
            : "*";
        headers.AccessControlMaxAge = "3600";
        http.Response.StatusCode = StatusCodes.Status200OK;
    }

    public static void AddHeaders(HttpContext http)
    {
        if (!http.Request.Headers.ContainsKey("Origin"))
        {
            return;
        }

        var headers = http.Response.Headers;
        headers.AccessControlAllowOrigin = http.Request.Headers.Origin.ToString();
        headers.AccessControlExposeHeaders = "*";
        headers.Vary = "Origin";
    }
}
