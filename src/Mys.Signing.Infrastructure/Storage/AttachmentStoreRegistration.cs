using Amazon.S3;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace Mys.Signing.Infrastructure.Storage;

public static class AttachmentStoreRegistration
{
    /// <summary>
    /// The attachment store configuration picks: <c>Mys:Attachments:Store</c> = <c>PostgreSql</c> (the default) or
    /// <c>S3</c> with <c>Mys:Attachments:S3:*</c> (see <see cref="ObjectStoreSettings"/>).
    /// </summary>
    public static IServiceCollection AddAttachmentStore(this IServiceCollection services, IConfiguration configuration)
    {
        if (!ObjectStoreSettings.IsSelected(configuration))
        {
            services.AddSingleton<IAttachmentStore>(sp => sp.GetRequiredService<PostgresAttachmentStore>());
            return services;
        }

        var settings = ObjectStoreSettings.Read(configuration);
        services.AddSingleton(settings);
        services.AddSingleton<IAmazonS3>(_ => settings.CreateClient());
        services.AddSingleton<S3AttachmentStore>();
        services.AddSingleton<AbandonedUploadPurge>();
        services.AddSingleton<IAttachmentStore>(sp => sp.GetRequiredService<S3AttachmentStore>());
        return services;
    }
}
