import CommonKernel
import FoundationEssentials
import Glibc

/// The command line shared by every service binary: `serve` (default), `migrate`, `seed`,
/// `db:ping` and `--help`. Exits 0 on success, 1 on failure and 2 on bad usage or configuration.
public enum ServiceRunner {
    public static func main(_ definition: ServiceDefinition, arguments: [String] = CommandLine.arguments) -> Never {
        let command = arguments.dropFirst().first ?? "serve"
        let rest = Array(arguments.dropFirst(2))
        if ["--help", "-h", "help"].contains(command) {
            output(help(definition))
            exit(0)
        }
        let configuration: ServiceConfiguration
        do {
            configuration = try ServiceConfiguration.load(
                service: definition.name, defaultPort: definition.defaultPort,
                defaultHTTPThreads: definition.defaultHTTPThreads)
        } catch {
            LogSink.standardError.write("\(definition.name): \(error)")
            exit(2)
        }
        let logger = Logger(label: definition.name, level: configuration.logLevel)
        do {
            switch command {
            case "serve": try serve(definition, configuration: configuration, logger: logger)
            case "migrate": try migrate(definition, configuration: configuration, logger: logger)
            case "seed": try definition.seed?(ServiceRuntime(configuration: configuration, logger: logger), rest)
            case "db:ping": try ping(configuration: configuration, logger: logger)
            default:
                LogSink.standardError.write("\(definition.name): unknown command '\(command)'; run --help")
                exit(2)
            }
        } catch {
            logger.error("command failed", ["command": command, "error": "\(error)", "detail": String(reflecting: error)])
            LogSink.standardError.write("\(definition.name) \(command) failed: \(error)")
            exit(1)
        }
        exit(0)
    }

    /// Writes one line to standard output at once, unbuffered, so that output piped to a log
    /// survives a crash that follows it.
    public static func output(_ line: String) {
        LogSink.standardOutput.write(line)
    }

    static func migrate(_ definition: ServiceDefinition, configuration: ServiceConfiguration, logger: Logger) throws {
        let migrator = PostgresMigrator(
            url: configuration.migrationDatabaseURL, schema: definition.schema,
            appRole: configuration.databaseAppRole, logger: logger)
        let applied = try migrator.migrate(definition.migrations)
        output("\(definition.name): schema \(definition.schema) migrated, applied versions: \(applied.isEmpty ? "none" : applied.map(String.init).joined(separator: ", "))")
    }

    static func ping(configuration: ServiceConfiguration, logger: Logger) throws {
        let pool = PostgresPool(url: configuration.databaseURL, size: 1, logger: logger)
        try pool.ping()
        pool.close()
        output("database: ok")
    }

    static func help(_ definition: ServiceDefinition) -> String {
        var lines = [
            "\(definition.name): one service of the commerce platform.",
            "",
            "Usage: \(definition.name) [command]",
            "  serve      serve HTTP until SIGTERM or SIGINT (default)",
            "  migrate    apply this service's SQL migrations to schema \(definition.schema)",
            "  seed       create start-up data",
            "  db:ping    check that the database answers",
            "  --help     show this text",
            "",
            "Environment:",
        ]
        lines += ServiceConfiguration.documentation.map { "  \($0.name)\(String(repeating: " ", count: max(0, 24 - $0.name.count))) \($0.meaning)" }
        if !definition.helpText.isEmpty { lines += ["", definition.helpText] }
        return lines.joined(separator: "\n")
    }
}
