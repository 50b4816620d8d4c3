using System.Text;
using DrKit.Drills.Resp;

namespace DrKit.Drills.Tests;

public sealed class RespReaderTests
{
    private static Task<RespValue> Parse(string wire) => new RespReader(new MemoryStream(Encoding.UTF8.GetBytes(wire))).ReadAsync(CancellationToken.None);

    [Test]
    public async Task Parses_each_scalar_type()
    {
        var simple = await Parse("+OK\r\n");
        var integer = await Parse(":-42\r\n");
        var bulk = await Parse("$5\r\nhello\r\n");
        var empty = await Parse("$0\r\n\r\n");
        var nullBulk = await Parse("$-1\r\n");
        var nullArray = await Parse("*-1\r\n");
        Assert.Multiple(() =>
        {
            Assert.That((simple.Kind, simple.Text), Is.EqualTo((RespKind.SimpleString, "OK")));
            Assert.That((integer.Kind, integer.Integer), Is.EqualTo((RespKind.Integer, -42L)));
            Assert.That((bulk.Kind, bulk.Text), Is.EqualTo((RespKind.BulkString, "hello")));
            Assert.That((empty.Kind, empty.Text), Is.EqualTo((RespKind.BulkString, "")), "an empty bulk string is not null");
            Assert.That(nullBulk.IsNull, Is.True, "null bulk string");
            Assert.That(nullArray.IsNull, Is.True, "null array");
        });
    }

    [Test]
    public async Task Error_replies_are_values_until_the_caller_asks_for_success()
    {
        var error = await Parse("-READONLY You can't write against a read only replica.\r\n");
        Assert.Multiple(() =>
        {
            Assert.That(error.IsError, Is.True);
            Assert.That(error.Text, Does.StartWith("READONLY"));
            Assert.That(() => error.ThrowIfError(), Throws.TypeOf<RespErrorException>().With.Message.Contains("read only replica"));
        });
    }

    [Test]
    public async Task Bulk_strings_may_contain_crlf_and_multibyte_characters()
    {
        var bytes = Encoding.UTF8.GetByteCount("a\r\nb€");
        var value = await Parse($"${bytes}\r\na\r\nb€\r\n");
        Assert.That(value.Text, Is.EqualTo("a\r\nb€"), "bulk length counts bytes, so CRLF inside is data");
    }

    [Test]
    public async Task Nested_arrays_keep_their_structure()
    {
        var value = await Parse("*3\r\n$6\r\nmaster\r\n:120\r\n*2\r\n*3\r\n$9\r\n127.0.0.1\r\n$4\r\n6380\r\n$3\r\n120\r\n*0\r\n");
        Assert.Multiple(() =>
        {
            Assert.That(value.Kind, Is.EqualTo(RespKind.Array));
            Assert.That(value.Items[0].Text, Is.EqualTo("master"));
            Assert.That(value.Items[1].Integer, Is.EqualTo(120));
            Assert.That(value.Items[2].Items[0].Items.Select(i => i.Text), Is.EqualTo(new[] { "127.0.0.1", "6380", "120" }));
            Assert.That(value.Items[2].Items[1].Items, Is.Empty, "empty nested array");
        });
    }

    [Test]
    public async Task Replies_split_across_many_reads_and_pipelined_replies_both_parse()
    {
        var reader = new RespReader(new TrickleStream(Encoding.UTF8.GetBytes("+PONG\r\n$3\r\nabc\r\n:7\r\n")));
        var first = await reader.ReadAsync(CancellationToken.None);
        var second = await reader.ReadAsync(CancellationToken.None);
        var third = await reader.ReadAsync(CancellationToken.None);
        Assert.Multiple(() =>
        {
            Assert.That(first.Text, Is.EqualTo("PONG"));
            Assert.That(second.Text, Is.EqualTo("abc"));
            Assert.That(third.Integer, Is.EqualTo(7));
        });
    }

    [TestCase("?what\r\n", TestName = "Unknown type prefix")]
    [TestCase("$5\r\nhel", TestName = "Truncated bulk string")]
    [TestCase("$3\r\nabcXY", TestName = "Bulk string without CRLF")]
    [TestCase(":12a\r\n", TestName = "Malformed integer")]
    [TestCase("+OK\n", TestName = "Bare LF line ending")]
    [TestCase("*2\r\n:1\r\n", TestName = "Array shorter than announced")]
    public void Malformed_input_raises_a_protocol_error(string wire)
    {
        Assert.That(() => Parse(wire), Throws.TypeOf<RespProtocolException>());
    }

    [Test]
    public void Commands_are_arrays_of_bulk_strings_with_byte_lengths()
    {
        var wire = Encoding.UTF8.GetString(RespCommandWriter.Encode(["SET", "k€y", ""]));
        Assert.Multiple(() =>
        {
            Assert.That(wire, Is.EqualTo("*3\r\n$3\r\nSET\r\n$5\r\nk€y\r\n$0\r\n\r\n"), "'€' is three bytes in UTF-8");
            Assert.That(() => RespCommandWriter.Encode([]), Throws.ArgumentException);
        });
    }

    /// <summary>Returns one byte per read, the worst case a socket can produce.</summary>
    private sealed class TrickleStream(byte[] data) : MemoryStream(data)
    {
        public override ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default) =>
            base.ReadAsync(buffer[..Math.Min(1, buffer.Length)], cancellationToken);
    }
}
