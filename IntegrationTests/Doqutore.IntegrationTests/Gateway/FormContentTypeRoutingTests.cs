using System.Net;
using System.Net.Http.Headers;
using System.Security.Cryptography;
using System.Text;
using Amazon.S3.Model;
using Doqutore.Aws.Signing;
using Doqutore.Aws.Wire;
using Doqutore.IntegrationTests.Infrastructure;
using Doqutore.IntegrationTests.S3;

namespace Doqutore.IntegrationTests.Gateway;

/// <summary>
/// A form content type alone does not make a query-protocol call: PUT, DELETE and HEAD never are one, and a POST
/// signed for S3 stays S3 (clients label anonymous and presigned uploads <c>application/x-www-form-urlencoded</c>).
/// </summary>
[Collection(EmulatorCollection.Name)]
public class FormContentTypeRoutingTests(EmulatorFixture emulator)
{
    private const string Form = "application/x-www-form-urlencoded";

    [Fact]
    public async Task An_unsigned_form_encoded_PUT_is_an_S3_upload()
    {
        using var s3 = S3Sdk.Client(emulator);
        var bucket = await S3Sdk.NewBucket(s3, "form");
        await s3.PutBucketPolicyAsync(bucket, $$"""{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Principal":"*","Action":"s3:PutObject","Resource":"arn:aws:s3:::{{bucket}}/*"}]}""");
        using var http = new HttpClient();
        using var content = new ByteArrayContent(Encoding.UTF8.GetBytes("a=1&b=2"));
        content.Headers.ContentType = new MediaTypeHeaderValue(Form);

        using var put = await http.PutAsync(new Uri($"{emulator.Url}/{bucket}/upload.txt"), content);
        using var get = await s3.GetObjectAsync(bucket, "upload.txt");
        using var reader = new StreamReader(get.ResponseStream);

        Assert.Equal(HttpStatusCode.OK, put.StatusCode);
        Assert.Equal("a=1&b=2", await reader.ReadToEndAsync());
        Assert.Equal(Form, get.Headers.ContentType);
    }

    [Fact]
    public async Task An_unsigned_form_encoded_PUT_refused_by_S3_gets_S3s_error()
    {
        using var s3 = S3Sdk.Client(emulator);
        var bucket = await S3Sdk.NewBucket(s3, "form");
        using var http = new HttpClient();
        using var content = new ByteArrayContent(Encoding.UTF8.GetBytes("a=1"));
        content.Headers.ContentType = new MediaTypeHeaderValue(Form);

        using var put = await http.PutAsync(new Uri($"{emulator.Url}/{bucket}/k"), content);
        var body = await put.Content.ReadAsStringAsync();

        Assert.Equal(HttpStatusCode.Forbidden, put.StatusCode);
        Assert.Contains("<Code>AccessDenied</Code>", body, StringComparison.Ordinal);
        Assert.DoesNotContain("ErrorResponse", body, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_SDK_upload_with_a_form_content_type_is_stored_by_S3()
    {
        using var s3 = S3Sdk.Client(emulator);
        var bucket = await S3Sdk.NewBucket(s3, "form");

        await s3.PutObjectAsync(new PutObjectRequest { BucketName = bucket, Key = "f", ContentBody = "x=y", ContentType = Form });
        using var get = await s3.GetObjectAsync(bucket, "f");

        Assert.Equal(Form, get.Headers.ContentType);
        Assert.Equal("x=y", await S3Sdk.ReadText(s3, bucket, "f"));
    }

    [Fact]
    public async Task A_form_labelled_POST_signed_for_S3_is_an_S3_call()
    {
        using var s3 = S3Sdk.Client(emulator);
        var bucket = await S3Sdk.NewBucket(s3, "form");
        await s3.PutObjectAsync(new PutObjectRequest { BucketName = bucket, Key = "gone", ContentBody = "x" });
        var body = Encoding.UTF8.GetBytes("<Delete><Object><Key>gone</Key></Object></Delete>");
        var request = new WireRequest { Method = "POST", Host = emulator.Endpoint.Authority, RawPath = "/" + bucket, RawQuery = "delete", Body = body };
        request.Headers["Content-Type"] = Form;
        request.Headers["Content-MD5"] = Convert.ToBase64String(MD5.HashData(body));
        using (var signer = new RequestSigner(SdkClients.Root, EmulatorFixture.Region, "s3"))
        {
            await signer.SignAsync(request);
        }

        var (status, text, response) = await RawHttp.SendAsync(request);
        response.Dispose();
        var listed = await s3.ListObjectsV2Async(new ListObjectsV2Request { BucketName = bucket });

        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Contains("<Deleted><Key>gone</Key></Deleted>", text, StringComparison.Ordinal);
        Assert.Empty(listed.S3Objects ?? []);
    }
}
