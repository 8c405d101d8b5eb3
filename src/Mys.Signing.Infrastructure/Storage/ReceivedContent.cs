using System.Buffers;
using Mys.Signing.Domain.Common;

namespace Mys.Signing.Infrastructure.Storage;

/// <summary>
/// An incoming content read to its end before it is stored, because its object key is its SHA-256: up to one part stays
/// in one pooled buffer; anything longer goes to a spool file (deleted on close) in blocks of that buffer, never whole in
/// memory. Every block is shown to an inspector first (the upload checks and the hash); a problem stops the reading.
/// </summary>
internal sealed class ReceivedContent : IAsyncDisposable
{
    private byte[]? _buffer;
    private FileStream? _spool;

    private ReceivedContent(byte[] buffer) => _buffer = buffer;

    public long Length { get; private set; }

    /// <param name="inspect">Sees each block before it is kept; a problem refuses the content.</param>
    public static async Task<Result<ReceivedContent>> ReceiveAsync(
        Stream content, int blockSize, string spoolDirectory, Func<ReadOnlyMemory<byte>, DomainError?> inspect, CancellationToken cancellationToken)
    {
        var received = new ReceivedContent(ArrayPool<byte>.Shared.Rent(blockSize));
        try
        {
            var buffer = received._buffer!;
            int read;
            while ((read = await PostgresAttachmentStore.FillAsync(content, buffer, blockSize, cancellationToken)) > 0 || received.Length == 0)
            {
                if (inspect(buffer.AsMemory(0, read)) is { } problem)
                {
                    await received.DisposeAsync();
                    return Result<ReceivedContent>.Failure(problem);
                }

                received.Length += read;
                if (read < blockSize && received._spool is null)
                {
                    return Result<ReceivedContent>.Success(received); // all of it fits the buffer
                }

                received._spool ??= OpenSpool(spoolDirectory);
                await received._spool.WriteAsync(buffer.AsMemory(0, read), cancellationToken);
            }

            return Result<ReceivedContent>.Success(received);
        }
        catch
        {
            await received.DisposeAsync();
            throw;
        }
    }

    /// <summary>The content from its first byte (the buffer, or the spool file rewound).</summary>
    public Stream Open()
    {
        if (_spool is null)
        {
            return new MemoryStream(_buffer!, 0, (int)Length, writable: false);
        }

        _spool.Position = 0;
        return _spool;
    }

    /// <summary>Gives the buffer back before the upload rents its own: the spool file holds the content now.</summary>
    public void ReleaseBufferIfSpooled()
    {
        if (_spool is not null && _buffer is not null)
        {
            ArrayPool<byte>.Shared.Return(_buffer);
            _buffer = null;
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (_spool is not null)
        {
            await _spool.DisposeAsync();
            _spool = null;
        }

        if (_buffer is not null)
        {
            ArrayPool<byte>.Shared.Return(_buffer);
            _buffer = null;
        }
    }

    private static FileStream OpenSpool(string directory)
    {
        Directory.CreateDirectory(directory);
        var options = new FileStreamOptions
        {
            Mode = FileMode.CreateNew,
            Access = FileAccess.ReadWrite,
            Share = FileShare.None,
            // Never fsynced: a spool lost in a crash is an upload the user repeats; deleted on close, it rarely reaches the disk.
            Options = FileOptions.DeleteOnClose | FileOptions.Asynchronous | FileOptions.SequentialScan,
            BufferSize = 0,
        };
        if (!OperatingSystem.IsWindows())
        {
            options.UnixCreateMode = UnixFileMode.UserRead | UnixFileMode.UserWrite; // an upload is nobody else's to read
        }

        return new FileStream(Path.Combine(directory, "mys-upload-" + Guid.NewGuid().ToString("N")), options);
    }
}
