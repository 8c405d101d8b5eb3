using System.Reflection;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Mys.Signing.Application.Archive;
using Mys.Signing.Application.Audit;
using Mys.Signing.Application.AuditExport;
using Mys.Signing.Application.Certificates;
using Mys.Signing.Application.Invoices;
using Mys.Signing.Application.Maintenance;
using Mys.Signing.Application.Scheduling;

namespace Mys.Signing.Application.Tests.Scheduling;

/// <summary>
/// Every job of the application layer is registered, with its use case, by its own feature's <c>Add&lt;Feature&gt;()</c>;
/// and the scheduling plumbing depends on no feature (a job points at Scheduling, never the other way round).
/// </summary>
public sealed class FeatureJobRegistrationTests
{
    private static readonly Assembly Application = ApplicationAssembly.Assembly;

    [Fact]
    public void Each_job_in_the_application_layer_is_registered_once_by_its_feature_with_the_use_case_it_runs()
    {
        var configuration = new ConfigurationBuilder().Build();
        var services = new ServiceCollection()
            .AddArchive(configuration)
            .AddCertificates()
            .AddInvoices(configuration)
            .AddMaintenance()
            .AddAuditExport(configuration)
            .AddAudit();

        var registered = services.Where(d => d.ServiceType == typeof(JobRegistration)).Select(d => (JobRegistration)d.ImplementationInstance!).ToList();
        var jobTypes = Application.GetTypes().Where(t => t is { IsClass: true, IsAbstract: false } && typeof(IScheduledJob).IsAssignableFrom(t)).ToList();

        registered.Select(r => r.JobType).ShouldBe(jobTypes, ignoreOrder: true);
        registered.Select(r => r.Name).ShouldBe(["archive-time-stamps", "audit-chain-anchor", "audit-export-packages", "certificate-reminders", "invoice-ocr", "purge-abandoned-uploads", "purge-expired-card-rows"], ignoreOrder: true);
        foreach (var job in jobTypes)
        {
            // The job is a thin adapter: the work is the use case of its own folder, registered beside it.
            var useCase = job.GetConstructors().Single().GetParameters().Single().ParameterType;
            useCase.Namespace.ShouldBe(job.Namespace, job.Name);
            services.ShouldContain(d => d.ServiceType == useCase, $"{job.Name} runs {useCase.Name}, which its feature registers");
        }
    }

    [Fact]
    public void The_scheduling_plumbing_uses_no_feature_of_the_application_layer()
    {
        const string Scheduling = "Mys.Signing.Application.Scheduling";
        var plumbing = Application.GetTypes().Where(t => t.Namespace == Scheduling).ToList();
        plumbing.ShouldNotBeEmpty();

        var used = plumbing.SelectMany(UsedTypes)
            .Where(t => t.Assembly == Application && t.Namespace != Scheduling)
            .Select(t => t.FullName)
            .Distinct()
            .ToList();

        used.ShouldBeEmpty();
    }

    private static IEnumerable<Type> UsedTypes(Type type)
    {
        const BindingFlags All = BindingFlags.Public | BindingFlags.NonPublic | BindingFlags.Instance | BindingFlags.Static | BindingFlags.DeclaredOnly;
        var types = new List<Type>();
        types.AddRange(type.GetInterfaces());
        if (type.BaseType is { } baseType)
        {
            types.Add(baseType);
        }

        types.AddRange(type.GetFields(All).Select(f => f.FieldType));
        types.AddRange(type.GetProperties(All).Select(p => p.PropertyType));
        foreach (var method in type.GetMethods(All).Cast<MethodBase>().Concat(type.GetConstructors(All)))
        {
            types.AddRange(method.GetParameters().Select(p => p.ParameterType));
            if (method is MethodInfo m)
            {
                types.Add(m.ReturnType);
            }

            // Types the body uses: locals, and the members it calls or reads (their declaring types).
            types.AddRange(method.GetMethodBody()?.LocalVariables.Select(l => l.LocalType) ?? []);
        }

        return types.SelectMany(Flatten);
    }

    private static IEnumerable<Type> Flatten(Type type)
    {
        var element = type.HasElementType ? type.GetElementType()! : type;
        yield return element;
        if (element.IsGenericType)
        {
            foreach (var argument in element.GetGenericArguments().SelectMany(Flatten))
            {
                yield return argument;
            }
        }
    }
}
