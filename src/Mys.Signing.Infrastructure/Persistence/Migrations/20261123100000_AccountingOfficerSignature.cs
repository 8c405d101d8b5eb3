using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

namespace Mys.Signing.Infrastructure.Persistence.Migrations;

[DbContext(typeof(MysDbContext))]
[Migration("20261123100000_AccountingOfficerSignature")]
public sealed class AccountingOfficerSignature : SqlMigration;
