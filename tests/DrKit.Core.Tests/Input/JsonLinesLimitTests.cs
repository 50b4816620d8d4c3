using DrKit.Core.Input;

namespace DrKit.Core.Tests.Input;

public sealed class JsonLinesLimitTests
{
    private string _dir = null!;

    [SetUp]
    public void SetUp() => _dir = Path.Combine(Path.GetTempPath(), $"drkit-jsonl-{Guid.NewGuid():N}");

    [TearDown]
    public void TearDown()
    {
        if (Directory.Exists(_dir))
        {
            Directory.Delete(_dir, recursive: true);
        }
    }

    [Test]
    public void OversizedFile_IsRefusedWithTheSizeLimit()
    {
        var limits = InputLimits.Journal with { MaxBytes = 1024 };
        var path = HostileFiles.Write(_dir, "big.jsonl", string.Concat(Enumerable.Repeat("{\"a\":1}\n", 200)));
        var e = Assert.Throws<InputLimitException>(() => BoundedFile.ReadJsonLines(path, limits))!;
        Assert.Multiple(() =>
        {
            Assert.That(e.Message, Does.StartWith(path + ": refused: the file is 1.6 KiB"), "the message names the file and its size");
            Assert.That(e.Limit, Is.EqualTo("1 KiB per journal"), "the message names the limit");
        });
    }

    [Test]
    public void LongLine_IsRefusedWithItsLineNumber()
    {
        var path = HostileFiles.Write(_dir, "long.jsonl", "{\"a\":1}\n{\"a\":\"" + new string('x', 2 * 1024 * 1024) + "\"}\n");
        var e = Assert.Throws<InputLimitException>(() => BoundedFile.ReadJsonLines(path, InputLimits.DrillHistory))!;
        Assert.Multiple(() =>
        {
            Assert.That(e.Line, Is.EqualTo(2), "the long line is named");
            Assert.That(e.Limit, Is.EqualTo("1 MiB per line of a drill history"), "the line-length limit is named");
        });
    }

    [Test]
    public void DeepLine_IsRefusedWithTheDepthLimit()
    {
        var path = HostileFiles.Write(_dir, "deep.jsonl", HostileFiles.DeepJsonLine(100_000) + "\n");
        var e = Assert.Throws<InputLimitException>(() => BoundedFile.ReadJsonLines(path, InputLimits.Journal))!;
        Assert.Multiple(() =>
        {
            Assert.That(e.Line, Is.EqualTo(1), "the deep line is named");
            Assert.That(e.Limit, Is.EqualTo("32 levels of nesting in a journal"), "the depth limit is named");
        });
    }

    [Test]
    public void OrdinaryLines_AndATornLastLine_AreReturnedForTheirReader()
    {
        var path = HostileFiles.Write(_dir, "ok.jsonl", "{\"a\":[1,{\"b\":2}]}\n{\"a\":");
        Assert.That(BoundedFile.ReadJsonLines(path, InputLimits.Journal), Has.Count.EqualTo(2), "a torn line is its reader's to judge, not a limit");
    }

    [TestCase(900, "900 B")]
    [TestCase(4 * 1024 * 1024, "4 MiB")]
    [TestCase(1536, "1.5 KiB")]
    public void Bytes_ReadLikeAPersonWouldWriteThem(long bytes, string expected) =>
        Assert.That(InputLimits.Bytes(bytes), Is.EqualTo(expected), "sizes in messages are short and exact");
}
