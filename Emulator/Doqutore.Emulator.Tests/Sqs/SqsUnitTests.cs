using Doqutore.Aws.Protocols;
using Doqutore.Emulator.Providers.Sqs;

namespace Doqutore.Emulator.Tests.Sqs;

public sealed class MessageDigestsTests
{
    [Fact]
    public void The_body_digest_is_the_hex_MD5_of_its_UTF8_bytes()
    {
        Assert.Equal("5d41402abc4b2a76b9719d911017c592", MessageDigests.OfBody("hello"));
    }

    [Fact]
    public void Attribute_digests_do_not_depend_on_the_order_attributes_were_given_in()
    {
        var one = new Dictionary<string, SqsAttributeValue> { ["b"] = new("String", "2", null), ["a"] = new("Number", "1", null) };
        var other = new Dictionary<string, SqsAttributeValue> { ["a"] = new("Number", "1", null), ["b"] = new("String", "2", null) };

        Assert.Equal(MessageDigests.OfAttributes(one), MessageDigests.OfAttributes(other));
    }

    [Fact]
    public void Binary_attributes_use_transport_byte_two_and_their_raw_bytes()
    {
        var attributes = new Dictionary<string, SqsAttributeValue> { ["k"] = new("Binary", null, [0xFF]) };
        byte[] expected = [0, 0, 0, 1, (byte)'k', 0, 0, 0, 6, (byte)'B', (byte)'i', (byte)'n', (byte)'a', (byte)'r', (byte)'y', 2, 0, 0, 0, 1, 0xFF];

        Assert.Equal(Convert.ToHexStringLower(System.Security.Cryptography.MD5.HashData(expected)), MessageDigests.OfAttributes(attributes));
    }

    [Fact]
    public void No_attributes_have_no_digest()
    {
        Assert.Null(MessageDigests.OfAttributes(new Dictionary<string, SqsAttributeValue>()));
    }
}

public sealed class QueueNamesTests
{
    [Theory]
    [InlineData("http://127.0.0.1:4566/000000000000/orders", "000000000000", "orders")]
    [InlineData("https://sqs.us-east-1.amazonaws.com/123456789012/jobs.fifo", "123456789012", "jobs.fifo")]
    [InlineData("/000000000000/orders", "000000000000", "orders")]
    public void A_queue_url_names_its_account_and_queue(string url, string account, string name)
    {
        Assert.Equal((account, name), QueueNames.ParseUrl(url));
    }

    [Theory]
    [InlineData("orders")]
    [InlineData("http://localhost:4566/")]
    [InlineData("http://localhost:4566/not-an-account/orders")]
    public void Anything_else_is_InvalidAddress(string url)
    {
        var error = Assert.Throws<AwsServiceException>(() => QueueNames.ParseUrl(url));

        Assert.Equal("InvalidAddress", error.Code);
        Assert.Equal($"The address {url} is not valid for this endpoint.", error.Message);
    }

    [Theory]
    [InlineData("a", false)]
    [InlineData("Orders_2-b", false)]
    [InlineData("jobs.fifo", true)]
    public void Valid_names_are_accepted(string name, bool fifo)
    {
        QueueNames.CheckNew(name, fifo);
    }

    [Theory]
    [InlineData("", false)]
    [InlineData("jobs.fifo", false)]
    [InlineData("jobs", true)]
    [InlineData("has space", false)]
    public void Invalid_names_are_InvalidParameterValue(string name, bool fifo)
    {
        Assert.Equal("InvalidParameterValue", Assert.Throws<AwsServiceException>(() => QueueNames.CheckNew(name, fifo)).Code);
    }

    [Fact]
    public void An_81_character_name_is_refused()
    {
        Assert.Throws<AwsServiceException>(() => QueueNames.CheckNew(new string('a', 81), fifo: false));
    }
}

public sealed class RedrivePolicyTests
{
    [Fact]
    public void A_count_given_as_string_or_number_is_read()
    {
        Assert.Equal(5, RedrivePolicy.Parse("{\"deadLetterTargetArn\":\"arn:aws:sqs:us-east-1:000000000000:dlq\",\"maxReceiveCount\":\"5\"}").MaxReceiveCount);
        Assert.Equal(7, RedrivePolicy.Parse("{\"deadLetterTargetArn\":\"arn:aws:sqs:us-east-1:000000000000:dlq\",\"maxReceiveCount\":7}").MaxReceiveCount);
    }

    [Theory]
    [InlineData("{\"maxReceiveCount\":\"5\"}", "Redrive policy does not contain mandatory attribute: deadLetterTargetArn.")]
    [InlineData("{\"deadLetterTargetArn\":\"arn:aws:sqs:us-east-1:000000000000:dlq\"}", "Redrive policy does not contain mandatory attribute: maxReceiveCount.")]
    [InlineData("{\"deadLetterTargetArn\":\"arn:aws:sqs:us-east-1:000000000000:dlq\",\"maxReceiveCount\":\"0\"}", "Invalid value for maxReceiveCount: 0, valid values are from 1 to 1000 both inclusive.")]
    [InlineData("not json", "Invalid value for RedrivePolicy.")]
    public void A_bad_policy_names_its_reason(string policy, string reason)
    {
        var error = Assert.Throws<AwsServiceException>(() => RedrivePolicy.Parse(policy));

        Assert.Equal("InvalidParameterValue", error.Code);
        Assert.Equal($"Value {policy} for parameter RedrivePolicy is invalid. Reason: {reason}", error.Message);
    }
}

public sealed class ReceiptHandlesTests
{
    private const string Queue = "arn:aws:sqs:us-east-1:000000000000:q";

    [Fact]
    public void A_handle_names_its_message_and_is_new_each_time()
    {
        var first = ReceiptHandles.New(Queue, "m-1");
        var second = ReceiptHandles.New(Queue, "m-1");

        Assert.NotEqual(first, second);
        Assert.Equal("m-1", ReceiptHandles.MessageId(Queue, first));
    }

    [Fact]
    public void A_handle_of_another_queue_is_invalid()
    {
        var handle = ReceiptHandles.New(Queue + "-other", "m-1");

        Assert.Equal("ReceiptHandleIsInvalid", Assert.Throws<AwsServiceException>(() => ReceiptHandles.MessageId(Queue, handle)).Code);
    }
}
