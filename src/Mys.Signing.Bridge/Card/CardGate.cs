namespace Mys.Signing.Bridge.Card;

/// <summary>One card operation at a time in the whole process (PKCS#11 login state is per application).</summary>
public static class CardGate
{
    private static readonly SemaphoreSlim Gate = new(1, 1);

    /// <summary>Null when the gate could not be taken in time.</summary>
    public static async Task<IDisposable?> EnterAsync(TimeSpan timeout, CancellationToken cancellationToken)
    {
        return await Gate.WaitAsync(timeout, cancellationToken).ConfigureAwait(false) ? new Release() : null;
    }

    private sealed class Release : IDisposable
    {
        private int _released;

        public void Dispose()
        {
            if (Interlocked.Exchange(ref _released, 1) == 0)
            {
                Gate.Release();
            }
        }
    }
}
