using System.Buffers;
using Amazon.Runtime;
using Amazon.S3;
using Amazon.S3.Model;
using Microsoft.Extensions.Logging;

namespace Mys.Signing.Infrastructure.Storage;

/// <summary>
/// One multipart upload to one key: up to <see cref="ObjectStoreSettings.PartsInFlight"/> parts sent at once, each from
/// its own pooled buffer of <see cref="ObjectStoreSettings.PartSize"/>; a buffer is handed out again only once the part it
/// last carried is acknowledged, so memory is that many parts whatever the size. Disposed without
/// <see cref="CompleteAsync"/>, the upload is aborted (its parts are dropped by the store; nothing appears under the key).
/// </summary>
internal sealed class MultipartSender : IAsyncDisposable
{
    private readonly IAmazonS3 _client;
    private readonly ObjectStoreSettings _settings;
    private readonly ILogger _logger;
    private readonly byte[]?[] _buffers;
    private readonly Task<UploadPartResponse>?[] _sending;
    private readonly int[] _numbers;
    private readonly List<PartETag> _parts = [];
    private int _sent;
    private bool _completed;

    private MultipartSender(IAmazonS3 client, ObjectStoreSettings settings, string key, string uploadId, ILogger logger)
    {
        _client = client;
        _settings = settings;
        _logger = logger;
        Key = key;
        UploadId = uploadId;
        var inFlight = Math.Max(1, settings.PartsInFlight);
        _buffers = new byte[inFlight][];
        _sending = new Task<UploadPartResponse>?[inFlight];
        _numbers = new int[inFlight];
    }

    public string Key { get; }

    public string UploadId { get; }

    public static async Task<MultipartSender> StartAsync(IAmazonS3 client, ObjectStoreSettings settings, string key, string mediaType, ILogger logger, CancellationToken cancellationToken)
    {
        var upload = await client.InitiateMultipartUploadAsync(
            new InitiateMultipartUploadRequest { BucketName = settings.Bucket, Key = key, ContentType = mediaType }, cancellationToken);
        return new MultipartSender(client, settings, key, upload.UploadId, logger);
    }

    private int NextSlot => (_sent + 1) % _buffers.Length;

    /// <summary>
    /// Takes <paramref name="filled"/> (a pooled buffer of at least one part, already holding the first part's bytes) as
    /// the first part's buffer, so its bytes need not be copied; the sender returns it to the pool.
    /// </summary>
    public void AdoptFirst(byte[] filled)
    {
        if (_sent != 0 || _buffers[NextSlot] is not null)
        {
            throw new InvalidOperationException("Only the first part's buffer can be adopted.");
        }

        _buffers[NextSlot] = filled;
    }

    /// <summary>The buffer to fill with the next part (its slot's previous part acknowledged first).</summary>
    public async Task<byte[]> NextBufferAsync()
    {
        var slot = NextSlot;
        await AcknowledgedAsync(slot);
        return _buffers[slot] ??= ArrayPool<byte>.Shared.Rent(_settings.PartSize);
    }

    /// <summary>Sends the first <paramref name="count"/> bytes of the buffer last handed out as the next part.</summary>
    public void Send(int count, CancellationToken cancellationToken)
    {
        var slot = NextSlot;
        var number = ++_sent;
        _numbers[slot] = number;
        _sending[slot] = _client.UploadPartAsync(
            new UploadPartRequest
            {
                BucketName = _settings.Bucket, Key = Key, UploadId = UploadId, PartNumber = number, PartSize = count,
                InputStream = new MemoryStream(_buffers[slot]!, 0, count, writable: false), UseChunkEncoding = false,
            },
            cancellationToken);
    }

    /// <summary>Waits for every part, then completes the upload: the object appears under <see cref="Key"/>.</summary>
    public async Task CompleteAsync(CancellationToken cancellationToken)
    {
        for (var slot = 0; slot < _sending.Length; slot++)
        {
            await AcknowledgedAsync(slot);
        }

        await _client.CompleteMultipartUploadAsync(
            new CompleteMultipartUploadRequest { BucketName = _settings.Bucket, Key = Key, UploadId = UploadId, PartETags = [.. _parts.OrderBy(p => p.PartNumber)] },
            cancellationToken);
        _completed = true;
    }

    public async ValueTask DisposeAsync()
    {
        if (!_completed)
        {
            await AbortAsync();
        }

        for (var slot = 0; slot < _buffers.Length; slot++)
        {
            if (_buffers[slot] is { } buffer)
            {
                ArrayPool<byte>.Shared.Return(buffer);
                _buffers[slot] = null;
            }
        }
    }

    private async Task AcknowledgedAsync(int slot)
    {
        if (_sending[slot] is { } pending)
        {
            _sending[slot] = null;
            _parts.Add(new PartETag(_numbers[slot], (await pending).ETag));
        }
    }

    private async Task AbortAsync()
    {
        foreach (var pending in _sending)
        {
            try
            {
                if (pending is not null)
                {
                    await pending; // its buffer goes back to the pool only once the request is done with it
                }
            }
#pragma warning disable CA1031 // the upload is being abandoned: its parts' outcome no longer matters
            catch (Exception ex)
#pragma warning restore CA1031
            {
                _logger.LogDebug(ex, "A part of abandoned upload {Key} failed too", Key);
            }
        }

        Array.Clear(_sending);
        try
        {
            await _client.AbortMultipartUploadAsync(new AbortMultipartUploadRequest { BucketName = _settings.Bucket, Key = Key, UploadId = UploadId });
        }
        catch (Exception ex) when (ex is AmazonServiceException or AmazonClientException or HttpRequestException)
        {
            _logger.LogWarning(ex, "Could not abort multipart upload {UploadId} of {Key}; the bucket's lifecycle rule removes it", UploadId, Key);
        }
    }
}
