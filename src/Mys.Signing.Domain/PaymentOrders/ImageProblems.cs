using System.Globalization;
using Mys.Signing.Domain.Common;

namespace Mys.Signing.Domain.PaymentOrders;

/// <summary>Why an uploaded image is refused, in Turkish, and the size rule every image format shares.</summary>
internal static class ImageProblems
{
    public static DomainError Unreadable => new("IMAGE_UNREADABLE",
        "Görüntü dosyası çözülemiyor: boyutları okunamadı ya da dosya eksik veya bozuk. Taramayı PDF olarak yeniden kaydedip yükleyin.");

    public static DomainError MorePixelsThanDeclared(long width, long height) => new("IMAGE_DATA_MISMATCH", string.Create(CultureInfo.InvariantCulture,
        $"Görüntü dosyasının içindeki piksel verisi, başlığında yazan boyuttan ({width} × {height} piksel) fazla; dosya bozuk ya da değiştirilmiş olabilir. Taramayı PDF olarak yeniden kaydedip yükleyin."));

    public static DomainError? Judge(long width, long height)
    {
        if (width <= 0 || height <= 0)
        {
            return Unreadable;
        }

        return width > ImageSizeCheck.MaxSide || height > ImageSizeCheck.MaxSide || width * height > ImageSizeCheck.MaxPixels
            ? new DomainError("IMAGE_TOO_LARGE", string.Create(CultureInfo.InvariantCulture,
                $"Görüntü çok büyük ({width} × {height} piksel); en fazla {ImageSizeCheck.MaxPixels / 1_000_000} milyon piksel ve kenar başına {ImageSizeCheck.MaxSide} piksel olabilir. Taramayı daha düşük çözünürlükte (ör. 300 dpi) yeniden yapın."))
            : null;
    }
}
